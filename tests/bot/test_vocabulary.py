"""The lists of vocabulary/ are the one source: the domain, the NLU data and the routing table agree with them."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from actions.routing import ROUTES, ROUTES_BY_LIFE_PHASE
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.crisis import CRISIS_INTENTS
from vocabulary.life_phases import LIFE_PHASE_SLUGS, life_phase_for_age
from vocabulary.needs import NEED_BUTTON_ORDER, NEED_INTENTS, NEEDS

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
BUTTON_VALUE = re.compile(r'^/inform\{"(\w+)": "(\w+)"\}$')


def test_domain_intents_hold_every_need_and_crisis_intent() -> None:
    assert set(NEED_INTENTS) | set(CRISIS_INTENTS) <= set(DOMAIN["intents"])
    listed = {intent for intent in DOMAIN["intents"] if intent.startswith(("need_", "crisis_"))}
    assert listed == set(NEED_INTENTS) | set(CRISIS_INTENTS)


def test_the_need_buttons_are_the_needs_in_their_order() -> None:
    buttons = DOMAIN["responses"]["utter_ask_topic"][0]["buttons"]
    payloads = [button["payload"] for button in buttons]
    # Then "I don't know" and, last, the other languages.
    assert payloads == [f"/need_{need}" for need in NEED_BUTTON_ORDER] + ["/dont_know", "/choose_language"]
    assert sorted(NEED_BUTTON_ORDER) == sorted(NEEDS)
    assert [button["title"] for button in buttons[:-2]] == [f"need.{need}" for need in NEED_BUTTON_ORDER]


def test_the_topic_slot_maps_every_need_intent_to_its_need() -> None:
    mappings = DOMAIN["slots"]["topic"]["mappings"]
    from_needs = {m["intent"]: m["value"] for m in mappings if m.get("intent", "").startswith("need_")}
    assert from_needs == {f"need_{need}": need for need in NEEDS}


def test_crisis_messages_never_fill_the_intake_slots() -> None:
    for slot in ("postal_code", "contact_preference"):
        for mapping in DOMAIN["slots"][slot]["mappings"]:
            if mapping["type"] == "from_entity":
                assert set(CRISIS_INTENTS) <= set(mapping["not_intent"]), slot


def test_the_life_phase_buttons_are_the_life_phases_in_order() -> None:
    buttons = DOMAIN["responses"]["utter_ask_life_phase"][0]["buttons"]
    values = [BUTTON_VALUE.match(button["payload"]).groups() for button in buttons]  # type: ignore[union-attr]
    assert values == [("life_phase", slug) for slug in LIFE_PHASE_SLUGS]


def test_the_routing_table_covers_every_need_and_life_phase_with_known_categories() -> None:
    assert set(ROUTES) == set(NEEDS)
    assert set(ROUTES_BY_LIFE_PHASE) == set(LIFE_PHASE_SLUGS)
    assert {category for route in ROUTES.values() for category in route} <= set(CATEGORY_SLUGS)


def test_ages_map_to_the_design_life_phases() -> None:
    assert [life_phase_for_age(age) for age in (0, 0.5, 1, 2.9, 3, 6, 9.9, 10, 15, 16, 24)] == [
        "baby", "baby", "kleinkind", "kleinkind", "kita", "grundschule", "grundschule", "schule", "schule", "beruf",
        "beruf",
    ]  # fmt: skip


def _imported_modules(folder: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        found[str(path.relative_to(ROOT))] = {name.split(".")[0] for name in names}
    return found


def test_the_bot_side_does_not_import_the_api_package() -> None:
    for folder in ("actions", "bot"):
        for path, modules in _imported_modules(folder).items():
            assert "api" not in modules, path


def test_vocabulary_needs_nothing_but_the_standard_library() -> None:
    for path, modules in _imported_modules("vocabulary").items():
        outside = {name for name in modules if name not in sys.stdlib_module_names and name != "vocabulary"}
        assert not outside - {"__future__"}, (path, outside)


def test_the_rules_answer_every_crisis_intent_and_start_the_questions_on_every_need() -> None:
    rules = [rule for path in sorted((ROOT / "data" / "rules").glob("*.yml")) for rule in _rules(path)]
    crisis = [rule for rule in rules if rule["steps"][-1].get("action") == "utter_emergency_followup"]
    assert crisis and all(_or_intents(rule) == set(CRISIS_INTENTS) for rule in crisis)
    (need_rule,) = [rule for rule in rules if rule["rule"] == "a need starts the questions"]
    assert _or_intents(need_rule) == set(NEED_INTENTS) | {"inform", "correct_info"}


def _rules(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []))


def _or_intents(rule: dict[str, Any]) -> set[str]:
    return {choice["intent"] for step in rule["steps"] for choice in step.get("or", [])}
