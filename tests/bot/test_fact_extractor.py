"""The NLU component bot/nlu/facts.py on parsed messages (no model): what the classifiers said, and what the facts
make of it."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.facts import FactExtractor
from vocabulary.facts import find_facts


def parsed(
    text: str, intent: str, confidence: float = 0.45, entities: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    message.set(ENTITIES, entities or [])
    (result,) = FactExtractor().process([message])
    return {
        "intent": result.get(INTENT)["name"],
        "ranking": [entry["name"] for entry in result.get(INTENT_RANKING_KEY)],
        "entities": [(e["entity"], e["value"]) for e in result.get(ENTITIES)],
    }


def diet(entity: str, value: str, start: int, end: int, confidence: float = 0.9) -> dict[str, Any]:
    return {
        "entity": entity,
        "value": value,
        "start": start,
        "end": end,
        "confidence_entity": confidence,
        "extractor": "DIETClassifier",
    }


def regex(entity: str, value: str, start: int, end: int) -> dict[str, Any]:
    return {"entity": entity, "value": value, "start": start, "end": end, "extractor": "RegexEntityExtractor"}


def test_town_and_ages_in_an_unclear_message_become_information() -> None:
    text = "Wir wohnen in Dortmund, Kinder 8 und 3"
    result = parsed(
        text, "nlu_fallback", entities=[regex("town", "Dortmund", 14, 22), diet("postal_code", "8", 31, 32)]
    )
    assert result["intent"] == "inform" and result["ranking"][0] == "inform"
    assert result["entities"] == [("town", "Dortmund"), ("child_age", "8"), ("child_age", "3")]


def test_an_age_is_never_a_postal_code_and_punctuation_is_no_part_of_one() -> None:
    text = "Wohnen in 45879. Tochter 8"
    entities = [
        diet("child_age", "in 45879.", 7, 16),
        diet("postal_code", "45879.", 10, 16),
        diet("postal_code", "8", 25, 26),
        diet("child_age", "8", 25, 26),
    ]
    result = parsed(text, "inform", 0.99, entities)
    assert result["entities"] == [("postal_code", "45879"), ("child_age", "8")]


def test_a_postal_code_the_extractors_missed_is_added() -> None:
    assert ("postal_code", "44137") in parsed("plz44137", "inform", 0.9)["entities"]


def test_learner_german_pregnancy() -> None:
    result = parsed(
        "ich schwanga wohne köln kein deutsch gut", "nlu_fallback", entities=[regex("town", "köln", 19, 23)]
    )
    assert result["intent"] == "inform"
    assert ("child_age", "schwanga") in result["entities"]


def test_diet_noise_as_an_age_is_dropped() -> None:
    text = "bin in der 20. ssw und wohne in 44137"
    entities = [
        diet("child_age", "in der 20. SSW", 4, 18),
        diet("child_age", "in", 29, 31),
        regex("postal_code", "44137", 32, 37),
    ]
    result = parsed(text, "inform", 0.97, entities)
    assert result["entities"] == [("child_age", "20. ssw"), ("postal_code", "44137")]


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        # The way into a job beats "school" and unclear intents.
        ("Mein Sohn ist 16 und weiß nicht was er nach der Schule machen soll", "need_school", "need_job_training"),
        ("was soll ich werden", "out_of_scope", "need_job_training"),
        ("meine tochter ist 16 und hat keine ahnung was sie werden will", "dont_know", "need_job_training"),
        # An unclear message that names one need plainly.
        ("mein kind 8 jahre braucht hilfe beim lesen und schreiben", "nlu_fallback", "need_school"),
        ("16 jährige tochter kommt nachts nicht nach hause und lügt", "nlu_fallback", "need_parenting_conflict"),
        # A greeting or an off-topic guess with a fact is information.
        ("Hallo, Tochter 3 Jahre", "greet", "inform"),
        ("Tochter 3 Jahre, wir wohnen in 44137", "out_of_scope", "inform"),
        ("ich bin schwanger, was kostet ein kinderwagen", "out_of_scope", "inform"),
        # Off topic with a place alone stays off topic: "Wetter in Düsseldorf" is no family's question.
        ("wie wird das wetter morgen in 40210", "out_of_scope", "out_of_scope"),
        # A thank-you stays one.
        ("danke, wir wohnen in 44137", "thanks", "thanks"),
        # Asking about an offer in a named place is looking for it there.
        ("ich brauche einen termin beim familienbüro in 33602", "ask_offer_details", "need_money_forms"),
        ("was ist ein familienzentrum", "ask_offer_details", "ask_offer_details"),
        ("Was ist ein Familienzentrum? Meine Tochter ist 2", "ask_offer_details", "need_childcare"),
        # Nothing to take: the classifier's intent stays.
        ("wie wird das wetter morgen", "out_of_scope", "out_of_scope"),
        ("asdfgh", "nlu_fallback", "nlu_fallback"),
        ("hallo", "greet", "greet"),
        # A clear need, a money question that is sure, and danger are never changed.
        ("ich brauche einen Kita-Platz, Sohn 2", "need_childcare", "need_childcare"),
        ("Ausbildungsgeld beantragen für meinen Sohn 17", "need_money_forms", "need_money_forms"),
        ("mein sohn 16 will sich umbringen, er findet keine ausbildung", "crisis_suicidal", "crisis_suicidal"),
    ],
)
def test_the_intent_after_the_facts(text: str, intent: str, expected: str) -> None:
    confidence = 0.95 if intent.startswith(("need_", "crisis_")) else 0.45
    assert parsed(text, intent, confidence)["intent"] == expected


def test_a_need_only_guessed_gives_way_to_the_need_the_words_name() -> None:
    assert parsed("Kinder 8 und 3, wir brauchen Hilfe beim Kindergeld", "need_school", 0.5)["intent"] == (
        "need_money_forms"
    )
    # Sure, or no word against it: the classifier's need stands ("Antrag" is said of school things too).
    assert parsed("Kinder 8 und 3, wir brauchen Hilfe beim Antrag", "need_school", 0.9)["intent"] == "need_school"
    text = "Hallo! Neu in Gelsenkirchen, 3 Kinder 2, 5, 8. Welche Hilfe gibt es?"
    assert parsed(text, "need_school", 0.45)["intent"] == "need_school"


def test_a_count_of_children_is_no_age() -> None:
    text = "3 Kinder 2, 5, 8"
    result = parsed(text, "inform", 0.9, [diet("child_age", "3", 0, 1)])
    assert result["entities"] == [("child_age", "2"), ("child_age", "5"), ("child_age", "8")]


def test_a_bare_age_another_extractor_found_counts_when_it_is_the_only_one() -> None:
    assert parsed("13", "inform", 0.9, [diet("child_age", "13", 0, 2)])["entities"] == [("child_age", "13")]
    assert parsed("3 Kinder", "inform", 0.9, [diet("child_age", "3", 0, 1)])["entities"] == []


def test_an_off_topic_message_with_only_a_stage_word_stays_off_topic() -> None:
    assert parsed("wie alt wird ein baby elefant", "out_of_scope", 0.9)["intent"] == "out_of_scope"


def test_a_town_only_diet_guessed_with_little_confidence_is_no_fact() -> None:
    result = parsed("hilfe bitte", "nlu_fallback", entities=[diet("town", "hilfe", 0, 5, 0.4)])
    assert result["intent"] == "nlu_fallback"


def test_a_button_payload_is_left_alone() -> None:
    message = Message(data={TEXT: '/inform{"life_phase": "baby"}'})
    message.set(INTENT, {"name": "inform", "confidence": 1.0})
    (result,) = FactExtractor().process([message])
    assert result.get(INTENT)["name"] == "inform"


@pytest.mark.parametrize(
    "text",
    [
        "Kinder 8 und 3, wir brauchen Hilfe beim Kindergeld",
        "BuT fürs Mittagessen in der Kita, Sohn 4",
        "wie bekomme ich das Schulstarterpaket? Tochter kommt in die Schule",
    ],
)
def test_a_benefit_named_by_its_name_is_money_and_forms_even_at_school_or_kita(text: str) -> None:
    for intent in ("need_school", "need_childcare"):
        assert parsed(text, intent, 0.97)["intent"] == "need_money_forms"
    # "but" in English is no benefit.
    assert parsed("but my son needs help at school", "need_school", 0.97)["intent"] == "need_school"


def test_school_with_only_a_pregnancy_is_the_time_around_the_birth() -> None:
    assert parsed("ET in 2 Wochen, bin nervös wegen der ersten Zeit", "need_school", 0.77)["intent"] == "need_birth"
    # A pregnant mother may well ask about her older child's school.
    assert (
        parsed("bin schwanger, mein sohn 8 hat probleme in der schule", "need_school", 0.9)["intent"] == "need_school"
    )


def test_a_time_another_extractor_took_for_an_age_is_dropped() -> None:
    text = "ausbildung nach 4 monaten abgebrochen, bin 20"
    entities = [{"entity": "child_age", "value": "4 monaten", "start": 15, "end": 24, "extractor": "DIETClassifier"}]
    assert parsed(text, "need_job_training", 0.99, entities)["entities"] == [("child_age", "20")]


@pytest.mark.parametrize(
    ("text", "home_visit"),
    [
        ("Gibt es Hilfe, die zu uns kommt? Sohn 2", True),
        ("kann jemand kommen zu mir? kleinste 1 jahr", True),
        ("Hausbesuch möglich?", True),
        ("is there someone who can visit us? baby 8 months", True),
        ("wenn mein mann nach hause kommt, streiten wir", False),
        ("der papa kommt zu uns am wochenende", False),
        # Dev round 4 of the first messages: the wish in other word orders.
        ("Kann eine Frau zu mir kommen und erklären? Kind 9 Monate", True),
        ("Gibt es Hilfe, die ins Haus kommt? Unser Sohn ist 11 Monate", True),
        ("willkommensbesuch, baby 4 monate. kommt da jemand vorbei?", True),
        ("morgen kommt eine freundin vorbei, dann reden wir über die kita", False),
        # Dev round 5: offers that come home by their nature, help "zu Hause", someone to visit her.
        ("Familienhebamme gesucht, Baby 6 Wochen", True),
        ("gibt es diesen Willkommensbesuch auch bei uns? baby 1 monat", True),
        ("gibt es hilfe zu hause? nicht im büro. baby 5 monate", True),
        ("am liebsten bei mir daheim, sohn 7 monate", True),
        ("gibt es jemand, der meine schwiegertochter besuchen kann? baby 2 monate", True),
        ("ich bin zu hause mit dem baby und brauche hilfe", False),
        ("wir besuchen die oma am wochenende, kann jemand babysitten? sohn 2", False),
    ],
)
def test_a_wish_for_a_home_visit_fills_the_contact_preference(text: str, home_visit: bool) -> None:
    entities = parsed(text, "need_overwhelmed", 0.9)["entities"]
    assert (("contact_preference", "home_visit") in entities) == home_visit


def test_birth_with_only_older_children_and_no_pregnancy_gives_way_to_the_words() -> None:
    text = "Kind 3. Klasse, Elterngespräch nächste Woche, kann mich jemand begleiten? Köln"
    assert parsed(text, "need_birth", 0.72)["intent"] == "need_school"
    # A pregnancy, a baby, or a word about the birth keep it.
    assert parsed("Sohn 3 Jahre, ich bin wieder schwanger", "need_birth", 0.8)["intent"] == "need_birth"
    assert parsed("mein sohn ist 3 und ich brauche eine hebamme", "need_birth", 0.8)["intent"] == "need_birth"
    assert parsed("tochter 2 jahre und baby 3 wochen", "need_birth", 0.8)["intent"] == "need_birth"


@pytest.mark.parametrize(
    ("text", "stages"),
    [
        # Dev round 5: an adjective of age is never a time; a duration is no age; "unter 6" is younger than 6.
        ("praktikumsplatz gesucht für 14jährigen, muss im februar 3 wochen machen", [("schule", 14.0)]),
        ("drei kinder unter 6 jahre, wo gibt es treffen", [("kita", 5.0)]),
        ("die ausbildung dauert 3 jahre lang, sohn 16", [("beruf", 16.0)]),
        ("meine frau bekommt nächsten monat baby", [("schwangerschaft", None)]),
        ("wir kriegen im märz unser zweites kind", [("schwangerschaft", None)]),
        ("ich bekomme das kind nicht ins bett", []),
    ],
)
def test_ages_and_pregnancies_of_round_five(text: str, stages: list[tuple[str, float | None]]) -> None:
    assert [(stage.life_phase, stage.age) for stage in find_facts(text).stages] == stages
