"""Writes data/nlu/crisis_dev_rounds.yml: the crisis messages of the dev rounds as training examples for DIET.

    python -m bot.tools.crisis_training          # rewrite the file (make does this when a dev set changed)
    python -m bot.tools.crisis_training --check  # fail when the file is not what the dev sets give

Every dev round (tests/nlu/dev_crisis.yml, tests/nlu/<language>/dev_crisis.yml) has been tuned on once it was
measured, so its crises teach the classifier too: about 1,300 messages in six languages, written as families write
(learner, misspelled, colloquial, mid-conversation), against about 100 examples per crisis intent before. The dev
sets stay the one place these texts are kept; this file is derived from them and not edited by hand.

The held-out sets stay the measure, so a dev message close to a held-out one is left out here: equal to one,
containing one, or sharing FIVE consecutive words with one (the held-out tests refuse six; one word of margin for
their slightly different folding). Hard negatives stay out: they have no intent of their own to learn.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from vocabulary.crisis import CRISIS_KINDS
from vocabulary.names import fold

ROOT = Path(__file__).resolve().parents[2]
NLU_SETS = ROOT / "tests" / "nlu"
OUTPUT = ROOT / "data" / "nlu" / "crisis_dev_rounds.yml"
SHARED_WORDS = 5
# Characters Rasa's example syntax reads as entity annotations: such a message would train a wrong entity.
ANNOTATION_CHARACTERS = set("[]{}")
_UNANNOTATED = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")


def dev_sets() -> list[Path]:
    return [NLU_SETS / "dev_crisis.yml", *sorted(NLU_SETS.glob("*/dev_crisis.yml"))]


def held_out_sets() -> list[Path]:
    """Every file that measures the model: the crisis, first-message and NLU test sets of every language."""
    names = ("heldout_crisis.yml", "heldout_first_messages.yml", "test_nlu.yml")
    return sorted(path for name in names for path in NLU_SETS.rglob(name))


def _texts(node: Any) -> list[str]:
    """The message texts of a set: `text` of the crisis/first-message sets, `examples` lines of an NLU set (without
    their entity annotations)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                found.append(value)
            elif key == "examples" and isinstance(value, str):
                lines = [line.strip()[2:] for line in value.splitlines() if line.strip().startswith("- ")]
                found += [_UNANNOTATED.sub(r"\1", line) for line in lines]
            else:
                found += _texts(value)
    elif isinstance(node, list):
        for item in node:
            found += _texts(item)
    return found


def _read(path: Path) -> Any:
    # The C loader where PyYAML has it: the sets are large, and the check runs in the tests.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def training_texts() -> set[tuple[str, ...]]:
    """The other training examples under data/, folded: a dev message equal to one is not repeated here (the same
    text under two intents would be a contradiction `rasa data validate` refuses)."""
    paths = [path for path in (ROOT / "data").rglob("*.yml") if path != OUTPUT]
    return {_words(text) for path in paths for text in _texts(_read(path))}


def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def _grams(words: tuple[str, ...], size: int) -> set[tuple[str, ...]]:
    return {words[start : start + size] for start in range(len(words) - size + 1)}


class HeldOut:
    """The held-out texts, folded, asked whether a training candidate is too close to any of them."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = {words for words in map(_words, texts) if words}
        self.grams = {gram for words in self.texts for gram in _grams(words, SHARED_WORDS)}

    def near(self, text: str) -> bool:
        mine = _words(text)
        if mine in self.texts or _grams(mine, SHARED_WORDS) & self.grams:
            return True
        # A held-out text of two words or more inside this one: every shorter run of its words, looked up.
        return any(
            mine[start:end] in self.texts for start in range(len(mine)) for end in range(start + 2, len(mine) + 1)
        )


def training_examples(
    dev_messages: Iterable[dict[str, Any]], held_out: HeldOut, known: set[tuple[str, ...]]
) -> dict[str, list[str]]:
    """The crisis messages of the dev rounds by kind, without those close to a held-out text or already known as
    a training example, each text once."""
    by_kind: dict[str, list[str]] = {kind: [] for kind in CRISIS_KINDS}
    seen = set(known)
    for message in dev_messages:
        kind, text = message.get("kind"), " ".join(str(message["text"]).split())
        if kind is None or ANNOTATION_CHARACTERS & set(text) or _words(text) in seen or held_out.near(text):
            continue
        seen.add(_words(text))
        by_kind[kind].append(text)
    return by_kind


def render(by_kind: dict[str, list[str]]) -> str:
    lines = [
        "# Generated by `python -m bot.tools.crisis_training` from the dev rounds (tests/nlu/dev_crisis.yml and",
        "# tests/nlu/<language>/dev_crisis.yml) — do not edit; change a dev set and run it again (make does).",
        "# Dev messages close to a held-out message are left out (the tool's docstring says how).",
        'version: "3.1"',
        "",
        "nlu:",
    ]
    for kind, texts in by_kind.items():
        lines += [f"- intent: crisis_{kind}", "  examples: |"]
        lines += [f"    - {text}" for text in texts]
    return "\n".join(lines) + "\n"


def build() -> dict[str, list[str]]:
    held_out = HeldOut(text for path in held_out_sets() for text in _texts(_read(path)))
    messages = [message for path in dev_sets() for message in _read(path)["messages"]]
    return training_examples(messages, held_out, training_texts())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    by_kind = build()
    content = render(by_kind)
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != content:
            print(f"{OUTPUT.relative_to(ROOT)} is not what the dev sets give: run python -m bot.tools.crisis_training")
            return 1
        return 0
    OUTPUT.write_text(content, encoding="utf-8")
    counts = ", ".join(f"crisis_{kind} {len(texts)}" for kind, texts in by_kind.items())
    print(f"Wrote {OUTPUT.relative_to(ROOT)}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
