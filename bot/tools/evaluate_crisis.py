"""Crisis recall and false alarms of the trained model on the held-out crisis set (tests/nlu/heldout_crisis.yml).

    python -m bot.tools.evaluate_crisis [--model models/familiennavi.tar.gz] [--first-messages] [--languages]
        [--fail-under-recall 1.0] [--max-false-alarm-rate 0.01] [--rules-only]

How the alarm is decided (what the running assistant does with a message):
- The NLU pipeline (config.yml) ends with bot.nlu.safety_net.CrisisSafetyNet, which has the last word: its crisis
  classifier (bot/nlu/crisis_classifier.py) and the rules (bot/nlu/crisis.py) unless the classifier vetoes them; a
  crisis intent of DIET alone is no alarm.
- The rules in data/rules/crisis.yml answer each of CRISIS_INTENTS with action_emergency, as the first message and
  during the intake form. So a message raises the alarm exactly when its parsed intent is one of CRISIS_INTENTS.
The parse does not depend on the conversation, so one parse per message measures first and mid-conversation
messages alike; whether the rules fire mid-conversation is for the end-to-end tests.

Prints recall per kind, per sub and overall and the false alarms on the hard negatives; lists every missed
message and every false alarm only for a set other than a held-out one (the held-out messages are in the JSON
report, not on the screen, so that nobody tunes on them by accident); writes the whole report as JSON to
var/results/crisis/. With --first-messages it also parses tests/nlu/heldout_first_messages.yml and reports how many
messages the NLU does not understand (intent nlu_fallback or confidence below 0.5) and how many raise a crisis
alarm. With --languages it also scores the held-out crisis set of every other language
(tests/nlu/<language>/heldout_crisis.yml): recall per kind and false alarms per language, each report in
var/results/crisis/<language>.json. Exit code 0 unless --fail-under-recall or --max-false-alarm-rate is given
and not met.

--rules-only scores the rules alone (bot/nlu/crisis.py, no model, a second): what a change of the rules
does to a dev set before the long train, e.g. `--rules-only --set data/crisis/de_round_7.yml`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from bot.nlu.crisis import detect
from vocabulary.crisis import CRISIS_INTENT_PREFIX, CRISIS_INTENTS, CRISIS_KINDS, kind_of_intent
from vocabulary.names import fold

CRISIS_SET = Path("tests/nlu/heldout_crisis.yml")
FIRST_MESSAGES = Path("tests/nlu/heldout_first_messages.yml")
LANGUAGE_CRISIS_SETS = sorted(Path("tests/nlu").glob("*/heldout_crisis.yml"))
FALLBACK_INTENT = "nlu_fallback"
# Below this the assistant is only guessing: the first-message report counts these as not understood.
LOW_CONFIDENCE = 0.5
TURNS = ("first", "mid")
STYLES = ("standard", "colloquial", "lowercase", "misspelled", "no_umlauts", "learner", "runon", "emoji")
ASKED_SLOTS = ("postal_code", "life_phase", "topic", "contact_preference")
# The situations of the crisis sets (`sub`), per kind, and of their hard negatives (kind null).
CRISIS_SUBS: dict[str, tuple[str, ...]] = {
    "violence": ("hitting", "strangling", "threats", "confinement", "sexual", "male_victim", "stalking"),
    "child_danger": ("shaking", "hitting_child", "sexual_abuse", "neglect", "fear_of_harming", "other_children"),
    "suicidal": ("direct", "passive", "self_harm"),
    "medical": ("breathing", "unconscious", "poisoning", "pregnancy_bleeding", "seizure", "fever_stiff_neck", "burns"),
}
NEGATIVE_SUBS: tuple[str, ...] = (
    "exaggeration",
    "past_resolved",
    "harmless_context",
    "child_behaviour",
    "mild_illness",
    "minor_accident",
    "plans_work",
    "money",
    "kita_school",
    "separation",
    "intake_answer",
)


@dataclass(frozen=True)
class CrisisCase:
    text: str
    kind: str | None
    sub: str
    turn: str
    style: str
    after: str | None = None


@dataclass(frozen=True)
class FirstMessage:
    text: str
    category: str
    place: str | None = None
    age: float | None = None
    pregnant: bool = False


@dataclass(frozen=True)
class Parse:
    text: str
    intent: str
    confidence: float
    # The classifier's best intent other than nlu_fallback (what DIET thought before the fallback stepped in).
    model_intent: str
    model_confidence: float
    entities: tuple[tuple[str, str], ...] = ()
    # Who raised the alarm (the safety net's `crisis.source`): "rules", "crisis_classifier" or "classifier" (DIET).
    source: str | None = None

    @property
    def alarm(self) -> bool:
        return self.intent in CRISIS_INTENTS


def _messages(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["messages"])


def load_crisis_set(path: Path = CRISIS_SET) -> list[CrisisCase]:
    return [
        CrisisCase(
            text=str(entry["text"]),
            kind=entry["kind"],
            sub=str(entry["sub"]),
            turn=str(entry["turn"]),
            style=str(entry["style"]),
            after=entry.get("after"),
        )
        for entry in _messages(path)
    ]


def load_first_messages(path: Path = FIRST_MESSAGES) -> list[FirstMessage]:
    return [
        FirstMessage(
            text=str(entry["text"]),
            category=str(entry["category"]),
            place=None if entry.get("place") is None else str(entry["place"]),
            age=None if entry.get("age") is None else float(entry["age"]),
            pregnant=bool(entry.get("pregnant", False)),
        )
        for entry in _messages(path)
    ]


def parse_from_result(result: dict[str, Any]) -> Parse:
    """A Parse from what Agent.parse_message returns."""
    intent = result.get("intent") or {}
    ranking = [entry for entry in result.get("intent_ranking") or [] if entry.get("name") != FALLBACK_INTENT]
    best = ranking[0] if ranking else {}
    entities = tuple((str(entity.get("entity")), str(entity.get("value"))) for entity in result.get("entities") or [])
    return Parse(
        text=str(result.get("text", "")),
        intent=str(intent.get("name") or ""),
        confidence=float(intent.get("confidence") or 0.0),
        model_intent=str(best.get("name") or ""),
        model_confidence=float(best.get("confidence") or 0.0),
        entities=entities,
        source=(result.get("crisis") or {}).get("source"),
    )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _group(cases: Iterable[tuple[CrisisCase, Parse]], key: str) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[tuple[CrisisCase, Parse]]] = defaultdict(list)
    for case, parse in cases:
        groups[str(getattr(case, key))].append((case, parse))
    summary = {}
    for name, members in sorted(groups.items()):
        caught = sum(parse.alarm for _, parse in members)
        right = sum(kind_of_intent(parse.intent) == case.kind for case, parse in members)
        summary[name] = {
            "messages": len(members),
            "caught": caught,
            "recall": round(_share(caught, len(members)), 4),
            "right_kind": right,
        }
    return summary


def _row(case: CrisisCase, parse: Parse) -> dict[str, Any]:
    return {
        "text": case.text,
        "kind": case.kind,
        "sub": case.sub,
        "turn": case.turn,
        "style": case.style,
        "intent": parse.intent,
        "confidence": round(parse.confidence, 3),
        "model_intent": parse.model_intent,
        "model_confidence": round(parse.model_confidence, 3),
        "rules": detect(case.text),
        "source": parse.source,
    }


def score_crisis(cases: list[CrisisCase], parses: list[Parse]) -> dict[str, Any]:
    """The report: recall (any alarm) and right kind per kind, sub, turn and style; false alarms per sub."""
    pairs = list(zip(cases, parses, strict=True))
    crises = [(case, parse) for case, parse in pairs if case.kind is not None]
    negatives = [(case, parse) for case, parse in pairs if case.kind is None]
    caught = [(case, parse) for case, parse in crises if parse.alarm]
    false_alarms = [(case, parse) for case, parse in negatives if parse.alarm]
    # Who raised the alarm (bot/nlu/safety_net.py): the rules, the crisis classifier or DIET.
    sources = Counter(parse.source or "unknown" for _, parse in caught)
    false_sources = Counter(parse.source or "unknown" for _, parse in false_alarms)
    negative_subs: dict[str, dict[str, Any]] = {}
    for sub in sorted({case.sub for case, _ in negatives}):
        members = [(case, parse) for case, parse in negatives if case.sub == sub]
        alarms = sum(parse.alarm for _, parse in members)
        negative_subs[sub] = {
            "messages": len(members),
            "false_alarms": alarms,
            "rate": round(_share(alarms, len(members)), 4),
        }
    return {
        "crisis": {
            "messages": len(crises),
            "caught": len(caught),
            "recall": round(_share(len(caught), len(crises)), 4),
            "right_kind": sum(kind_of_intent(parse.intent) == case.kind for case, parse in crises),
            "caught_by": dict(sources),
            # Missed although the classifier ranked a crisis intent first: the FallbackClassifier replaced it.
            "lost_to_fallback": sum(
                parse.intent == FALLBACK_INTENT and parse.model_intent in CRISIS_INTENTS for _, parse in crises
            ),
            "by_kind": _group(crises, "kind"),
            "by_sub": {
                f"{kind}/{sub}": value
                for kind in CRISIS_KINDS
                for sub, value in _group([pair for pair in crises if pair[0].kind == kind], "sub").items()
            },
            "by_turn": _group(crises, "turn"),
            "by_style": _group(crises, "style"),
        },
        "negatives": {
            "messages": len(negatives),
            "false_alarms": len(false_alarms),
            "rate": round(_share(len(false_alarms), len(negatives)), 4),
            "raised_by": dict(false_sources),
            "by_sub": negative_subs,
        },
        "missed": [_row(case, parse) for case, parse in crises if not parse.alarm],
        "wrong_kind": [_row(case, parse) for case, parse in caught if kind_of_intent(parse.intent) != case.kind],
        "false_alarms": [_row(case, parse) for case, parse in false_alarms],
        # Every message with its parse, so two runs can be compared message by message.
        "all": [_row(case, parse) for case, parse in pairs],
    }


def _place_found(place: str, entities: tuple[tuple[str, str], ...]) -> bool:
    wanted = fold(place)
    return any(name in ("town", "postal_code") and fold(value) == wanted for name, value in entities)


def score_first_messages(messages: list[FirstMessage], parses: list[Parse]) -> dict[str, Any]:
    """What the NLU alone makes of the first messages: not understood, crisis alarms, places and ages found."""
    pairs = list(zip(messages, parses, strict=True))
    fallback = [(message, parse) for message, parse in pairs if parse.intent == FALLBACK_INTENT]
    low = [
        (message, parse)
        for message, parse in pairs
        if parse.intent != FALLBACK_INTENT and not parse.alarm and parse.confidence < LOW_CONFIDENCE
    ]
    alarms = [(message, parse) for message, parse in pairs if parse.alarm]
    with_place = [(message, parse) for message, parse in pairs if message.place]
    place_missed = [
        (message, parse) for message, parse in with_place if not _place_found(message.place or "", parse.entities)
    ]
    with_age = [(message, parse) for message, parse in pairs if message.age is not None or message.pregnant]
    age_missed = [
        (message, parse) for message, parse in with_age if not any(name == "child_age" for name, _ in parse.entities)
    ]
    # A postal code is exactly five digits: anything else taken as one (an age "8") misleads the town search.
    bad_postal_codes = [
        (message, parse)
        for message, parse in pairs
        if any(name == "postal_code" and not re.fullmatch(r"\d{5}", value) for name, value in parse.entities)
    ]
    intents: dict[str, Counter[str]] = defaultdict(Counter)
    for message, parse in pairs:
        intents[message.category][parse.intent] += 1

    def row(message: FirstMessage, parse: Parse) -> dict[str, Any]:
        return {
            "text": message.text,
            "category": message.category,
            "intent": parse.intent,
            "confidence": round(parse.confidence, 3),
            "model_intent": parse.model_intent,
            "model_confidence": round(parse.model_confidence, 3),
            "entities": [list(entity) for entity in parse.entities],
        }

    return {
        "messages": len(pairs),
        "nlu_fallback": len(fallback),
        "low_confidence": len(low),
        "not_understood": len(fallback) + len(low),
        "crisis_alarms": len(alarms),
        "place_given": len(with_place),
        "place_not_extracted": len(place_missed),
        "age_given": len(with_age),
        "age_not_extracted": len(age_missed),
        "postal_code_not_five_digits": len(bad_postal_codes),
        "intents_by_category": {category: dict(counts.most_common()) for category, counts in sorted(intents.items())},
        "not_understood_messages": [row(message, parse) for message, parse in fallback + low],
        "crisis_alarm_messages": [row(message, parse) for message, parse in alarms],
        "place_not_extracted_messages": [row(message, parse) for message, parse in place_missed],
        "age_not_extracted_messages": [row(message, parse) for message, parse in age_missed],
        "postal_code_not_five_digits_messages": [row(message, parse) for message, parse in bad_postal_codes],
        "all": [row(message, parse) for message, parse in pairs],
    }


def load_agent_quietly(model: Path | str) -> Any:
    """The trained model as a Rasa Agent, with Rasa's logs at warning level: at debug level Rasa logs every parse
    with its text, which would put held-out messages on the screen."""
    # Rasa is imported here only: the loaders and scorers above are used by tests without it.
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    return Agent.load(str(model))


async def _parse_all(model: Path, texts: list[list[str]]) -> list[list[Parse]]:
    agent = load_agent_quietly(model)
    parsed = []
    for batch in texts:
        parsed.append([parse_from_result(await agent.parse_message(text)) for text in batch])
    return parsed


def parse_with_model(model: Path, *batches: list[str]) -> list[list[Parse]]:
    """Loads the trained model once and parses every text of every batch."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    return asyncio.run(_parse_all(model, list(batches)))


def parse_with_rules(*batches: list[str]) -> list[list[Parse]]:
    """What the rule-based net alone says of every text: its crisis intent, or no intent at all."""

    def parse(text: str) -> Parse:
        kind = detect(text)
        intent = CRISIS_INTENT_PREFIX + kind if kind else ""
        return Parse(
            text=text,
            intent=intent,
            confidence=1.0 if kind else 0.0,
            model_intent="",
            model_confidence=0.0,
            source="rules" if kind else None,
        )

    return [[parse(text) for text in batch] for batch in batches]


def _percent(part: int, whole: int) -> str:
    # From the counts, not the report's rounded share: 12/348 is 3.4 %, its rounded 0.0345 would print 3.5 %.
    return f"{100 * _share(part, whole):.1f} %"


def _fraction(part: int, whole: int) -> str:
    return f"{part:3}/{whole:<3} {_percent(part, whole):>7}"


def print_crisis(report: dict[str, Any], list_messages: bool = True) -> None:
    crisis, negatives = report["crisis"], report["negatives"]
    print(
        f"\n{report['set']} ({report['model']}): {crisis['messages']} crisis messages,"
        f" {negatives['messages']} hard negatives"
    )
    print(
        f"  recall: {crisis['caught']}/{crisis['messages']} = {_percent(crisis['caught'], crisis['messages']):>7}"
        f"   (right kind: {crisis['right_kind']}; caught by {crisis['caught_by']})"
    )
    print(f"  missed although the classifier ranked a crisis intent first (nlu_fallback): {crisis['lost_to_fallback']}")
    print(
        f"  false alarms: {negatives['false_alarms']}/{negatives['messages']}"
        f" = {_percent(negatives['false_alarms'], negatives['messages']):>7}"
        f"   (raised by {negatives['raised_by']})"
    )
    for title, groups in (
        ("kind", crisis["by_kind"]),
        ("sub", crisis["by_sub"]),
        ("turn", crisis["by_turn"]),
        ("style", crisis["by_style"]),
    ):
        print(f"\n  recall per {title}:")
        for name, value in groups.items():
            print(f"    {name:34} {_fraction(value['caught'], value['messages'])}   right kind {value['right_kind']}")
    print("\n  false alarms per sub:")
    for name, value in negatives["by_sub"].items():
        print(f"    {name:34} {_fraction(value['false_alarms'], value['messages'])}")
    if not list_messages:
        print("\n(A held-out set: its misses and false alarms are in the JSON report, not listed here.)")
        return
    sections = (
        ("Missed", report["missed"]),
        ("Caught with the wrong kind", report["wrong_kind"]),
        ("False alarms", report["false_alarms"]),
    )
    for title, rows in sections:
        print(f"\n{title} ({len(rows)}):")
        for row in rows:
            label = f"{row['kind']}/{row['sub']}" if row["kind"] else row["sub"]
            print(
                f"  [{label}] {row['text']!r}\n      -> {row['intent']} {row['confidence']:.2f}"
                f" (DIET: {row['model_intent']} {row['model_confidence']:.2f}; rules: {row['rules']};"
                f" by {row['source']})"
            )


def print_first_messages(report: dict[str, Any], list_messages: bool = False) -> None:
    total = report["messages"]
    print(f"\nHeld-out first messages: {total}")
    print(f"  nlu_fallback: {report['nlu_fallback']}")
    print(f"  other intent with confidence < {LOW_CONFIDENCE}: {report['low_confidence']}")
    print(f"  not understood (both): {report['not_understood']}/{total}")
    print(f"  crisis alarms (false): {report['crisis_alarms']}")
    print(
        f"  place given but no town/postal_code entity with it: {report['place_not_extracted']}/{report['place_given']}"
    )
    print(f"  age or pregnancy given but no child_age entity: {report['age_not_extracted']}/{report['age_given']}")
    print(f"  a postal_code entity that is not five digits: {report['postal_code_not_five_digits']}")
    print("  intents per expected category:")
    for category, counts in report["intents_by_category"].items():
        print(f"    {category:28} {counts}")
    if not list_messages:
        return
    print(f"\nNot understood ({report['not_understood']}):")
    for row in report["not_understood_messages"]:
        print(
            f"  [{row['category']}] {row['text']!r}\n      -> {row['intent']} {row['confidence']:.2f}"
            f" (classifier: {row['model_intent']} {row['model_confidence']:.2f})"
        )
    if report["crisis_alarm_messages"]:
        print(f"\nCrisis alarms on first messages ({report['crisis_alarms']}):")
        for row in report["crisis_alarm_messages"]:
            print(f"  [{row['category']}] {row['text']!r} -> {row['intent']}")


def print_language_summary(language: str, report: dict[str, Any]) -> None:
    crisis, negatives = report["crisis"], report["negatives"]
    kinds = ", ".join(f"{kind} {value['caught']}/{value['messages']}" for kind, value in crisis["by_kind"].items())
    caught, alarms = crisis["caught"], negatives["false_alarms"]
    print(
        f"\n[{language}] recall {caught}/{crisis['messages']} ({_percent(caught, crisis['messages'])}; {kinds}); "
        f"false alarms {alarms}/{negatives['messages']} ({_percent(alarms, negatives['messages'])})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=Path("models/familiennavi.tar.gz"))
    parser.add_argument("--set", type=Path, default=CRISIS_SET, help="the held-out crisis set")
    parser.add_argument("--out", type=Path, help="default var/results/crisis (var/results/crisis/rules-only)")
    parser.add_argument(
        "--first-messages",
        nargs="?",
        type=Path,
        const=FIRST_MESSAGES,
        default=None,
        help=f"also report what the NLU makes of the held-out first messages (default file: {FIRST_MESSAGES})",
    )
    parser.add_argument("--languages", action="store_true", help="also the crisis set of every other language")
    parser.add_argument("--fail-under-recall", type=float, default=None, help="e.g. 1.0: fail below this recall")
    parser.add_argument("--max-false-alarm-rate", type=float, default=None, help="e.g. 0.01: fail above this rate")
    parser.add_argument("--rules-only", action="store_true", help="the rule-based net alone, without the model")
    args = parser.parse_args(argv)
    if args.rules_only and args.first_messages:
        parser.error("--first-messages needs the model: the rules alone say nothing of intents and entities")
    if args.out is None:
        args.out = Path("var/results/crisis") / ("rules-only" if args.rules_only else "")

    cases = load_crisis_set(args.set)
    firsts = load_first_messages(args.first_messages) if args.first_messages else []
    languages = {path.parent.name: load_crisis_set(path) for path in LANGUAGE_CRISIS_SETS} if args.languages else {}
    batches = (
        [case.text for case in cases],
        [m.text for m in firsts],
        *([case.text for case in language_cases] for language_cases in languages.values()),
    )
    if args.rules_only:
        crisis_parses, first_parses, *language_parses = parse_with_rules(*batches)
    else:
        crisis_parses, first_parses, *language_parses = parse_with_model(args.model, *batches)
    scored_by = "rules only" if args.rules_only else str(args.model)

    report = score_crisis(cases, crisis_parses)
    when = datetime.now(timezone.utc).isoformat(timespec="seconds")
    report = {"model": scored_by, "set": str(args.set), "evaluated_at": when, **report}
    print_crisis(report, list_messages=args.set.resolve() != CRISIS_SET.resolve())
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "heldout_crisis.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    written = [args.out / "heldout_crisis.json"]
    if firsts:
        first_report = {"model": str(args.model), "set": str(args.first_messages), "evaluated_at": when}
        first_report |= score_first_messages(firsts, first_parses)
        print_first_messages(first_report, list_messages=args.first_messages.resolve() != FIRST_MESSAGES.resolve())
        path = args.out / "heldout_first_messages.json"
        path.write_text(json.dumps(first_report, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(path)
    for (language, language_cases), parses in zip(languages.items(), language_parses, strict=True):
        language_report = {"model": scored_by, "language": language, "evaluated_at": when}
        language_report |= score_crisis(language_cases, parses)
        print_language_summary(language, language_report)
        path = args.out / f"{language}.json"
        path.write_text(json.dumps(language_report, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(path)
    print("\nReports: " + ", ".join(str(path) for path in written))

    failures = []
    if args.fail_under_recall is not None and report["crisis"]["recall"] < args.fail_under_recall:
        failures.append(f"recall {report['crisis']['recall']:.3f} is below {args.fail_under_recall}")
    if args.max_false_alarm_rate is not None and report["negatives"]["rate"] > args.max_false_alarm_rate:
        failures.append(f"false-alarm rate {report['negatives']['rate']:.3f} is above {args.max_false_alarm_rate}")
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
