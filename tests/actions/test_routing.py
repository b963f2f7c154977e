"""The routing function against the whole routing table of the design."""

from __future__ import annotations

import pytest

from actions.routing import ROUTES, Situation, route
from vocabulary.needs import NEEDS as TOPICS

# (situation, first recommendation, also fitting) — one row per line of the design's table.
TABLE = [
    (
        Situation(topic="birth", life_phase="schwangerschaft"),
        "lotsendienst_geburtsklinik",
        {"aufsuchend", "familienbuero", "beratung"},
    ),
    (
        Situation(topic="birth", life_phase="baby", child_age=0.1),
        "lotsendienst_geburtsklinik",
        {"aufsuchend", "familienbuero", "beratung"},
    ),
    (Situation(topic="doctor_referral", child_age=2), "lotsendienst_praxis", {"aufsuchend", "familienbuero"}),
    (Situation(topic="overwhelmed", child_age=1), "aufsuchend", {"familienzentrum", "beratung"}),
    (
        Situation(topic="school", life_phase="grundschule", child_age=8),
        "familiengrundschulzentrum",
        {"familienbuero", "beratung"},
    ),
    (Situation(topic="childcare", life_phase="kita", child_age=4), "familienzentrum", {"familienbuero"}),
    (Situation(topic="money_forms", child_age=5), "familienbuero", {"beratung"}),
    (Situation(topic="parenting_conflict", child_age=13), "beratung", {"familienbuero"}),
    (Situation(topic="job_training", life_phase="beruf", child_age=16), "uebergang_beruf", {"familienbuero"}),
]


@pytest.mark.parametrize(("situation", "first", "also"), TABLE)
def test_every_row_of_the_routing_table(situation: Situation, first: str, also: set[str]) -> None:
    categories = route(situation)
    assert categories[0] == first
    assert set(categories[1:]) <= also
    assert 2 <= len(categories) <= 3


def test_every_topic_has_a_route_of_known_categories() -> None:
    assert set(TOPICS) == set(ROUTES)
    for topic in TOPICS:
        assert route(Situation(topic=topic))


def test_without_a_need_the_life_phase_decides() -> None:
    assert route(Situation(life_phase="schwangerschaft"))[0] == "lotsendienst_geburtsklinik"
    assert route(Situation(life_phase="kita"))[0] == "familienzentrum"
    assert route(Situation(life_phase="grundschule"))[0] == "familiengrundschulzentrum"
    assert route(Situation(life_phase="beruf"))[0] == "uebergang_beruf"
    assert route(Situation())[0] == "familienbuero"


def test_money_questions_in_pregnancy_also_point_to_the_clinic() -> None:
    assert route(Situation(topic="money_forms", life_phase="schwangerschaft")) == [
        "familienbuero",
        "lotsendienst_geburtsklinik",
        "beratung",
    ]


def test_the_childs_age_picks_the_right_centre() -> None:
    assert route(Situation(topic="school", child_age=12))[0] == "beratung"
    assert route(Situation(topic="school", life_phase="schule", child_age=10))[0] == "beratung"
    # Still at primary school at ten (actions/intake.py reads that from the message): its family centre.
    assert route(Situation(topic="school", life_phase="grundschule", child_age=10))[0] == "familiengrundschulzentrum"
    assert route(Situation(topic="childcare", child_age=7))[0] == "familiengrundschulzentrum"


def test_someone_should_come_home() -> None:
    assert route(Situation(topic="money_forms", contact_preference="home_visit"))[0] == "aufsuchend"
    assert route(Situation(topic="overwhelmed", contact_preference="home_visit")).count("aufsuchend") == 1


@pytest.mark.parametrize(
    ("situation", "first", "second"),
    [
        # A young person around the end of school, no need named: the way into a job first.
        (Situation(life_phase="schule", child_age=15), "uebergang_beruf", "beratung"),
        (Situation(life_phase="beruf", child_age=16), "uebergang_beruf", "beratung"),
        (Situation(child_age=19), "uebergang_beruf", "beratung"),
        # School questions from 16 on are about leaving school; at 14 and 15 counselling first, the way into a
        # job next.
        (Situation(topic="school", life_phase="beruf", child_age=16), "uebergang_beruf", "beratung"),
        (Situation(topic="school", life_phase="schule", child_age=15), "beratung", "uebergang_beruf"),
        (Situation(topic="school", life_phase="schule", child_age=12), "beratung", "familienbuero"),
        # A named need decides: a conflict with a 16-year-old is for counselling.
        (Situation(topic="parenting_conflict", child_age=16), "beratung", "familienbuero"),
        (Situation(topic="job_training", child_age=17), "uebergang_beruf", "familienbuero"),
        # Younger children keep their routes.
        (Situation(life_phase="schule", child_age=12), "beratung", "familienbuero"),
        (Situation(topic="school", child_age=8), "familiengrundschulzentrum", "familienbuero"),
    ],
)
def test_young_people_around_the_end_of_school(situation: Situation, first: str, second: str) -> None:
    assert route(situation)[:2] == [first, second]
