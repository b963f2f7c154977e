"""Which kinds of offer fit a family: the design's routing table as one pure function of the slots.

No Rasa imports: the rules can be read, tested and changed here alone. The first category is the
recommendation; the others are the "also fitting" ones, in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.needs import NEEDS

# The design's routing table: first recommendation, then the also fitting categories.
ROUTES: dict[str, tuple[str, ...]] = {
    "birth": ("lotsendienst_geburtsklinik", "aufsuchend", "familienbuero", "beratung"),
    "doctor_referral": ("lotsendienst_praxis", "aufsuchend", "familienbuero"),
    "overwhelmed": ("aufsuchend", "familienzentrum", "beratung"),
    "school": ("familiengrundschulzentrum", "familienbuero", "beratung"),
    "childcare": ("familienzentrum", "familienbuero"),
    "money_forms": ("familienbuero", "beratung"),
    "parenting_conflict": ("beratung", "familienbuero"),
    "job_training": ("uebergang_beruf", "familienbuero"),
}
# When the parent names no need, the life phase decides.
ROUTES_BY_LIFE_PHASE: dict[str, tuple[str, ...]] = {
    "schwangerschaft": ROUTES["birth"],
    "baby": ROUTES["birth"],
    "kleinkind": ("familienzentrum", "aufsuchend", "familienbuero"),
    "kita": ("familienzentrum", "familienbuero"),
    "grundschule": ("familiengrundschulzentrum", "familienbuero", "beratung"),
    "schule": ("beratung", "familienbuero"),
    "beruf": ROUTES["job_training"],
}
FALLBACK_ROUTE = ("familienbuero", "beratung")
MAX_CATEGORIES = 3
# Young people around the end of school (about 14 to 20) go to Übergang Schule–Beruf first when nothing else is
# asked; from 16 (life phase "beruf") also with questions about school.
TRANSITION_AGE = 14
TRANSITION_SCHOOL_AGE = 16
TRANSITION_MAX_AGE = 20

assert all(category in CATEGORY_SLUGS for route in ROUTES.values() for category in route)
assert set(ROUTES) == set(NEEDS)


@dataclass(frozen=True)
class Situation:
    topic: str | None = None
    life_phase: str | None = None
    # Age of the child in years (the youngest when there are several); None when unknown or pregnant.
    child_age: float | None = None
    contact_preference: str | None = None


def route(situation: Situation) -> list[str]:
    """Categories for this family, best first, at most three."""
    age = situation.child_age
    young_person = age is not None and TRANSITION_AGE <= age <= TRANSITION_MAX_AGE
    if situation.topic in ROUTES:
        categories = list(ROUTES[situation.topic])
    elif young_person:
        categories = ["uebergang_beruf", "beratung", "familienbuero"]
    elif situation.life_phase in ROUTES_BY_LIFE_PHASE:
        categories = list(ROUTES_BY_LIFE_PHASE[situation.life_phase])
    else:
        categories = list(FALLBACK_ROUTE)

    pregnant_or_newborn = situation.life_phase == "schwangerschaft" or (
        situation.child_age is not None and situation.child_age < 0.25
    )
    if situation.topic == "money_forms" and pregnant_or_newborn:
        # Around the birth the clinic's Lotsendienst also knows the money that is due (Elterngeld, Kindergeld).
        categories.insert(1, "lotsendienst_geburtsklinik")
    if situation.topic in ("school", "childcare") and age is not None:
        # A Familienzentrum is for the under-sixes, a Familiengrundschulzentrum for primary school children;
        # an older child's school trouble goes to counselling, near the end of school also to the way into a job.
        if situation.topic == "school" and young_person and age >= TRANSITION_SCHOOL_AGE:
            categories = ["uebergang_beruf", "beratung", "familienbuero"]
        elif situation.topic == "school" and young_person:
            categories = ["beratung", "uebergang_beruf", "familienbuero"]
        elif age >= 10 and situation.life_phase != "grundschule":
            categories = ["beratung", "familienbuero"]
        elif age >= 6 and situation.topic == "childcare":
            categories = ["familiengrundschulzentrum", "familienbuero"]
        elif age < 6 and situation.topic == "school":
            categories = ["familienzentrum", "familienbuero"]
    if situation.contact_preference == "home_visit":
        # Someone should come home: outreach first, whatever the need.
        categories = ["aufsuchend", *categories]

    ordered = list(dict.fromkeys(categories))
    return ordered[:MAX_CATEGORIES]
