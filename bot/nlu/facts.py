"""NLU component: every fact in a message counts, whatever the classifier made of the rest.

It runs last (config.yml), after DIET, the regex/lookup extractor, the FallbackClassifier and the crisis safety
net, so it sees their verdict; it never changes a crisis intent, so the net keeps the last word on danger. For each
message it
- marks towns named in another language or script (Cologne, "в Кёльне", "بكولونيا") as `town` entities;
- keeps postal codes only when they are exactly five digits ("45879." becomes "45879"; an age "8" never is one);
- marks the children's ages and a pregnancy (vocabulary/facts.py) as `child_age` entities, with values the intake
  form reads, and drops what DIET marked as an age but is none ("in", "in 45879.");
- lets a message with a fact count as information: `nlu_fallback` with any fact, a greeting or yes/no with a place
  or an age, and `out_of_scope` with a pregnancy or an age and a place become `inform`, so the dialogue takes the
  facts and asks the next missing question instead of "Das habe ich nicht verstanden";
- names the need when the classifier could not decide (or took the way into a job for school): plain words like
  "Ausbildung", "Kita-Platz", "Kindergeld" then give `need_<need>`, also instead of a need the classifier only
  guessed (low confidence) that the words contradict;
- takes a question about an offer that names a place or an age ("Termin beim Familienbüro in Bielefeld") as a
  search for it.

Why here and not in an action: the rules and the form's slot mappings act on the intent and the entities, so a fact
must be visible there before the dialogue decides; it works alike in every channel and in `rasa test`. Nothing is
trained, so the component adds no training time.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.tools.town_lookup import DIRECTORY, everyday_word_towns
from vocabulary.crisis import CRISIS_INTENTS
from vocabulary.facts import Fact, Facts, find_facts, fold_with_positions, is_counted, is_time_span, parse_stage
from vocabulary.names import fold, names_in

FALLBACK = "nlu_fallback"
INFORM = "inform"
# Intents that say nothing about the family: with a place or an age in the message, the fact is what matters.
WITHOUT_CONTENT = {"greet", "affirm", "deny"}
# The classifier may be right that a message is off topic; a pregnancy, or an age with a place, says otherwise.
OFF_TOPIC = "out_of_scope"
# Where words about training and work decide the need: the way into a job is not "Schule und Lernen".
TRANSITION_OVERRIDES = {FALLBACK, OFF_TOPIC, "dont_know", "greet", "affirm", "deny", "need_school"}
# A money question with little confidence may be about a young person's training ("Ausbildung, was steht ihm zu").
UNSURE = 0.8
# Below this, a need is a guess: when the words plainly name another need, that one counts.
GUESS = 0.6
# Asking what an offer is, naming a place or an age: the family is looking for that offer.
ASKING_ABOUT_OFFERS = "ask_offer_details"
# A town that only DIET found counts as a fact from this confidence on (the lookup table's towns always count).
TOWN_CONFIDENCE = 0.8
# DIET sometimes marks an article as an age ("ein", "eine"); as an answer alone, such a word is no age.
NOT_AN_AGE = {"ein", "eine", "einen", "einem", "eins", "null"}
EXTRACTOR = "FactExtractor"
CONTACT_PREFERENCE = "contact_preference"
# "Kann jemand zu uns kommen?": the slot the intake would ask for, filled from the words (outreach goes first).
HOME_VISIT_ENTITY: dict[str, Any] = {
    "entity": CONTACT_PREFERENCE,
    "value": "home_visit",
    "confidence_entity": 1.0,
    "extractor": EXTRACTOR,
}
# Needs a benefit's name overrides: "BuT fürs Mittagessen in der Kita" is money and forms, not childcare.
BENEFIT_OVERRIDES = {FALLBACK, "need_school", "need_childcare"}
# Town names in other languages and scripts, the table the offers API's locate reads (Cologne, Кёльн, كولونيا).
TOWN_NAMES = DIRECTORY / "town_names.csv"
# Before a town whose name is also an everyday word, these make it a place: "wohne in heiden", "aus Essen".
PLACE_WORDS = {"in", "aus"}


def _entity(fact: Fact) -> dict[str, Any]:
    return {
        "entity": fact.entity,
        "start": fact.start,
        "end": fact.end,
        "value": fact.value,
        "confidence_entity": 1.0,
        "extractor": EXTRACTOR,
    }


def _span(entity: dict[str, Any]) -> tuple[int, int]:
    """Where an entity is in the message; one without a place (0, 0) overlaps nothing."""
    return int(entity.get("start") or 0), int(entity.get("end") or 0)


def _share_a_character(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _overlaps(entity: dict[str, Any], facts: list[Fact]) -> bool:
    return any(_share_a_character(_span(entity), (fact.start, fact.end)) for fact in facts)


def _is_count(text: str, entity: dict[str, Any]) -> bool:
    return is_counted(text[int(entity.get("end") or 0) :])


def _is_time(text: str, entity: dict[str, Any]) -> bool:
    """ "nach 4 Monaten abgebrochen": a time the facts rule out as an age, though another extractor took it."""
    start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
    return is_time_span(fold_with_positions(text[:start])[0], fold_with_positions(text[end:])[0])


def clean_entities(text: str, entities: list[dict[str, Any]], facts: Facts) -> list[dict[str, Any]]:
    """The extractors' entities without false postal codes and ages, plus the facts they missed."""
    ages = list(facts.ages)
    codes = list(facts.postal_codes)
    kept: list[dict[str, Any]] = []
    for entity in entities:
        kind, value = entity.get("entity"), str(entity.get("value") or "")
        if kind == "postal_code":
            digits = value.strip(" .,;:!?()")
            if not re.fullmatch(r"\d{5}", digits):
                continue
            entity = {**entity, "value": digits}
        elif kind == "child_age":
            # Ours are complete where we found any; another extractor's age counts where ours found none, it is an
            # age, and not a count ("3 Kinder").
            if (
                _overlaps(entity, ages + codes)
                or value.strip().lower() in NOT_AN_AGE
                or not parse_stage(value)
                or (re.fullmatch(r"\d{1,2}", value.strip()) and (ages or _is_count(text, entity)))
                or _is_time(text, entity)
            ):
                continue
        elif kind == "town" and (value.strip().isdigit() or _overlaps(entity, ages + codes)):
            continue
        kept.append(entity)
    have_codes = {(e.get("start"), e.get("value")) for e in kept if e.get("entity") == "postal_code"}
    kept += [_entity(fact) for fact in codes if (fact.start, fact.value) not in have_codes]
    kept += [_entity(fact) for fact in ages]
    if facts.home_visit and not any(entity.get("entity") == CONTACT_PREFERENCE for entity in kept):
        kept.append({**HOME_VISIT_ENTITY, "start": 0, "end": 0})
    return sorted(kept, key=lambda entity: (entity.get("start") or 0, entity.get("entity") or ""))


# A word with what may be inside it (hyphen, apostrophe), without the punctuation around it.
_TOKEN = re.compile(r"[^\s.,;:!?()\"«»“”„؟،]+")


@cache
def other_town_names() -> frozenset[str]:
    with TOWN_NAMES.open(encoding="utf-8", newline="") as handle:
        return frozenset(fold(row["name"]) for row in csv.DictReader(handle))


def _words(text: str) -> list[tuple[str, int, int]]:
    """The folded words of a text with the span of the token each comes from."""
    words: list[tuple[str, int, int]] = []
    for token in _TOKEN.finditer(text):
        words += [(word, token.start(), token.end()) for word in fold(token.group()).split()]
    return words


def _town(start: int, stop: int, value: str) -> dict[str, Any]:
    return {
        "entity": "town",
        "start": start,
        "end": stop,
        "value": value,
        "confidence_entity": 1.0,
        "extractor": EXTRACTOR,
    }


def _new_places(candidates: list[dict[str, Any]], entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidate towns that no place found before (or one of the candidates before it) overlaps."""
    found: list[dict[str, Any]] = []
    for town in candidates:
        places = [entity for entity in entities + found if entity.get("entity") in ("town", "postal_code")]
        if not any(_share_a_character(_span(town), _span(place)) for place in places):
            found.append(town)
    return found


@cache
def _everyday_word_towns() -> dict[str, str]:
    return {fold(name): name for name in everyday_word_towns()}


def towns_named(text: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Towns the lookup table does not know, which no other extractor found:
    - named in another language or script, also inflected ("в Кёльне", "بكولونيا"); the value is the name's folded
      key, which the offers API's locate resolves;
    - named like an everyday word, which the lookup table leaves out ("Heiden", "Essen", "Lage"): a place when it is
      the whole message (the answer to "Wo wohnen Sie?") or follows "in" or "aus"."""
    words = _words(text)
    folded = [word for word, _, _ in words]
    candidates = [
        _town(words[first][1], words[end - 1][2], key) for first, end, key in names_in(folded, other_town_names())
    ]
    everyday = _everyday_word_towns()
    candidates += [
        _town(start, stop, everyday[word])
        for index, (word, start, stop) in enumerate(words)
        if word in everyday and (len(words) == 1 or (index > 0 and folded[index - 1] in PLACE_WORDS))
    ]
    return _new_places(candidates, entities)


def without_doubtful_towns(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """When the lookup table or the town-name table found a town, a town only DIET found elsewhere in the message is
    a guess of its own ("сад" in "ищем детский сад" next to "в Кёльне") and is dropped: the sure one decides."""
    sure = [e for e in entities if e.get("entity") == "town" and e.get("extractor") != "DIETClassifier"]
    if not sure:
        return entities
    return [
        entity
        for entity in entities
        if entity.get("entity") != "town"
        or entity.get("extractor") != "DIETClassifier"
        or any(_share_a_character(_span(entity), _span(other)) for other in sure)
    ]


def has_place(entities: list[dict[str, Any]]) -> bool:
    for entity in entities:
        if entity.get("entity") == "postal_code":
            return True
        if entity.get("entity") == "town" and (
            entity.get("extractor") != "DIETClassifier"
            or float(entity.get("confidence_entity") or 0) >= TOWN_CONFIDENCE
        ):
            return True
    return False


def _only_older_children(facts: Facts) -> bool:
    ages = [stage.age for stage in facts.stages]
    return not facts.pregnant and bool(ages) and all(age is not None and age >= 1 for age in ages)


def decide_intent(intent: str, confidence: float, entities: list[dict[str, Any]], facts: Facts) -> str:
    """The intent after the facts: the classifier's, unless the facts say more. A sure classification stands;
    what changes is "not understood", an off-topic guess with a family's facts in it, a greeting or yes/no that
    carries facts, and a need the words contradict."""
    if intent in CRISIS_INTENTS:
        return intent
    place = has_place(entities)
    plain_age = any(fact.strong for fact in facts.ages)
    # An answer in words to "Wobei brauchen Sie Hilfe?" is classified `inform` without entities.
    only_words = intent == INFORM and not entities
    if facts.need == "job_training" and (
        intent in TRANSITION_OVERRIDES or only_words or (intent == "need_money_forms" and confidence < UNSURE)
    ):
        return "need_job_training"
    if facts.benefit and (intent in BENEFIT_OVERRIDES or only_words):
        return "need_money_forms"
    if intent == "need_school" and facts.pregnant and not any(stage.age is not None for stage in facts.stages):
        # School, with only a pregnancy and no child: the classifier took the worry about the time after the birth
        # ("ET in 2 Wochen, nervös wegen der ersten Zeit") for a school question.
        return "need_birth"
    if intent == "need_birth" and _only_older_children(facts) and facts.need != "birth":
        # Birth, with only children past their first year, no pregnancy and no word about a birth: the classifier
        # took the family's worry for a birth question ("Kind 3. Klasse, Elterngespräch ... kann mich jemand
        # begleiten"). The words' need decides, else the topic question.
        return f"need_{facts.need}" if facts.need else INFORM
    if facts.need and (intent == FALLBACK or only_words):
        return f"need_{facts.need}"
    if intent.startswith("need_") and confidence < GUESS and facts.need and facts.need != intent.removeprefix("need_"):
        return f"need_{facts.need}"
    if intent == ASKING_ABOUT_OFFERS and (place or plain_age):
        return f"need_{facts.need}" if facts.need else INFORM
    if intent == FALLBACK and (place or facts.ages):
        return INFORM
    if intent in WITHOUT_CONTENT and (place or plain_age):
        return INFORM
    # "Wetter in Düsseldorf" stays off topic; a pregnancy, or a child's age with the place, is a family's message.
    if intent == OFF_TOPIC and (facts.pregnant or (plain_age and place)):
        return INFORM
    return intent


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
    is_trainable=False,
)
class FactExtractor(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FactExtractor:
        # The town tables are read now (the everyday words come from spaCy's lemma table, about a second), not at a
        # parent's first message.
        other_town_names()
        _everyday_word_towns()
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                # A button's payload ("/need_birth") is exact already.
                continue
            facts = find_facts(text)
            entities = clean_entities(text, list(message.get(ENTITIES) or []), facts)
            entities = sorted(entities + towns_named(text, entities), key=lambda entity: entity.get("start") or 0)
            entities = without_doubtful_towns(entities)
            message.set(ENTITIES, entities, add_to_output=True)
            current = message.get(INTENT) or {}
            name = str(current.get("name") or "")
            decided = decide_intent(name, float(current.get("confidence") or 0.0), entities, facts)
            if decided != name:
                intent = {"name": decided, "confidence": 1.0}
                ranking = [intent] + [
                    entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != decided
                ]
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
