"""How well does language detection (bot/nlu/language.py) decide on a development sample?

    python -m bot.tools.evaluate_language [--set tests/nlu/dev_language.yml] [--no-towns] [--grid] [--errors]

The set (YAML: `messages:` with `text`, `language` — an ISO 639-1 code, or null when the message must give no
decision — `style`, and `actual` for a language we do not speak). Per expected language it prints how many messages
were decided right, left undecided and decided wrong: accuracy is right / decided, the no-decision rate undecided /
all. For the null messages every decision is wrong; the ones in a language we do not speak (style
`other_language`) are counted apart.

Places are left out as in the pipeline, where the component runs after the RegexEntityExtractor: the towns of the
lookup table (data/nlu/lookups/towns.yml) that occur in a message are passed as ignored spans (--no-towns: not).
--grid tries the thresholds around the chosen ones and prints, per setting, the wrong decisions and the decided
share, so the choice can be checked.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.nlu import language as detection
from vocabulary.languages import CONVERSATION_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT / "tests" / "nlu" / "dev_language.yml"
TOWNS = ROOT / "data" / "nlu" / "lookups" / "towns.yml"
NONE = "none"
OTHER = "other"


def load(path: Path) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
    return messages


@cache
def town_pattern() -> re.Pattern[str]:
    """The towns of the lookup table, as the RegexEntityExtractor finds them (whole words, any case)."""
    data = yaml.safe_load(TOWNS.read_text(encoding="utf-8"))
    names = [
        line.strip()[2:].strip()
        for entry in data["nlu"]
        if entry.get("lookup") == "town"
        for line in entry["examples"].splitlines()
        if line.strip().startswith("- ")
    ]
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def town_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in town_pattern().finditer(text)]


def group(message: dict[str, Any]) -> str:
    if message.get("language"):
        return str(message["language"])
    return OTHER if message.get("style") == "other_language" else NONE


def evaluate(
    messages: list[dict[str, Any]], towns: bool, **thresholds: Any
) -> tuple[dict[str, dict[str, int]], list[tuple[dict[str, Any], str | None]]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "right": 0, "undecided": 0, "wrong": 0})
    errors: list[tuple[dict[str, Any], str | None]] = []
    for message in messages:
        text = str(message["text"])
        found = detection.detect_language(text, town_spans(text) if towns else (), **thresholds)
        decided = found.language if found else None
        row = counts[group(message)]
        row["n"] += 1
        if decided is None:
            row["undecided"] += 1
            if message.get("language"):
                errors.append((message, None))
        elif decided == message.get("language"):
            row["right"] += 1
        else:
            row["wrong"] += 1
            errors.append((message, decided))
    return counts, errors


def report(counts: dict[str, dict[str, int]], out: Callable[[str], None] = print) -> None:
    out(f"{'language':<9}{'n':>5}{'right':>7}{'undecided':>11}{'wrong':>7}{'accuracy':>10}{'no decision':>13}")
    for name in [*CONVERSATION_LANGUAGES, NONE, OTHER]:
        row = counts.get(name)
        if not row:
            continue
        decided = row["right"] + row["wrong"]
        accuracy = f"{row['right'] / decided:.1%}" if decided and name not in (NONE, OTHER) else "—"
        out(
            f"{name:<9}{row['n']:>5}{row['right']:>7}{row['undecided']:>11}{row['wrong']:>7}{accuracy:>10}"
            f"{row['undecided'] / row['n']:>13.1%}"
        )


def grid(messages: list[dict[str, Any]], towns: bool) -> None:
    print("min_words min_letters margin | wrong (languages / null / other) | decided share of language messages")
    for min_words, min_letters, margin in itertools.product(
        (2, 3, 4), (6, 8, 10, 12, 15), (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
    ):
        counts, _ = evaluate(messages, towns, min_words=min_words, min_letters=min_letters, margin=margin)
        languages = [counts[code] for code in CONVERSATION_LANGUAGES if code in counts]
        wrong = sum(row["wrong"] for row in languages)
        decided = sum(row["right"] for row in languages) / max(sum(row["n"] for row in languages), 1)
        print(
            f"{min_words:>9} {min_letters:>11} {margin:>6} | {wrong:>5} / {counts[NONE]['wrong']:>2} /"
            f" {counts[OTHER]['wrong']:>2} | {decided:.1%}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=DEV_SET)
    parser.add_argument("--no-towns", action="store_true", help="do not leave out the towns of the lookup table")
    parser.add_argument("--grid", action="store_true", help="try the thresholds around the chosen ones")
    parser.add_argument("--errors", action="store_true", help="list every message not decided as expected")
    args = parser.parse_args(argv)
    messages = load(args.set)
    towns = not args.no_towns
    print(
        f"thresholds: min_words={detection.MIN_WORDS} min_letters={detection.MIN_LETTERS} "
        f"margin={detection.MARGIN} min_script_letters={detection.MIN_SCRIPT_LETTERS}; towns left out: {towns}"
    )
    counts, errors = evaluate(messages, towns)
    report(counts)
    if args.errors:
        for message, decided in errors:
            expected, style = message.get("language"), message.get("style")
            print(f"  expected {expected!s:<5} got {decided!s:<5} [{style}] {message['text']}")
    if args.grid:
        grid(messages, towns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
