"""5-fold cross-validation of the crisis net alone: the crisis classifier and the rules, without DIET.

    python -m bot.tools.cross_validate_crisis [--folds 5] [--threshold 0.7] [--veto 0.3] [--regularisation 4]
        [--out var/results/crisis-cross-validation.json]

The full cross-validation (bot/tools/cross_validate.py) takes two hours; most of its errors that concern danger come
from the safety net (bot/nlu/safety_net.py), whose classifier trains in a minute. This tool cuts the classifier's
training examples — data/crisis/ and the NLU examples of all six languages, labelled as the safety net labels them
— into stratified folds, trains the classifier on four fifths, and lets the safety net's own decision
(`raise_alarm`, rules included) judge the fifth it did not see. Printed: crises caught and with the right kind,
false alarms on everyday messages, per source (each corpus file, the NLU examples per language) and per judge.
The JSON report lists every miss and false alarm. No held-out set takes part.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.nlu.crisis_classifier import (
    NO_CRISIS,
    REGULARISATION,
    CrisisClassifier,
    Example,
    corpus_examples,
    corpus_files,
)
from bot.nlu.safety_net import CrisisSafetyNet, raise_alarm
from bot.tools.cross_validate import language_parts
from bot.tools.run import ROOT
from vocabulary.crisis import kind_of_intent

SEED = 4711
OUT = ROOT / "var" / "results" / "crisis-cross-validation.json"


@dataclass(frozen=True)
class Labelled:
    example: Example
    source: str  # the corpus file's name, or nlu:<language>


def labelled_examples() -> list[Labelled]:
    """What the safety net trains on (CrisisSafetyNet.train), each with where it comes from."""
    from rasa.shared.nlu.training_data.loading import load_data

    found = [Labelled(example, path.stem) for path in corpus_files() for example in corpus_examples([path])]
    for language, paths in language_parts():
        for path in paths:
            for message in load_data(str(path)).intent_examples:
                kind = kind_of_intent(message.get("intent")) or NO_CRISIS
                found.append(Labelled(Example(str(message.get("text")), kind), f"nlu:{language}"))
    return found


def _thresholds() -> tuple[float, float]:
    """The safety net's thresholds as config.yml sets them."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    settings = {**CrisisSafetyNet.get_default_config()}
    for component in pipeline:
        if component["name"].endswith("CrisisSafetyNet"):
            settings.update(component)
    return float(settings["crisis_threshold"]), float(settings["rules_veto_below"])


def cross_validate(
    examples: list[Labelled], folds: int, threshold: float, veto: float, regularisation: float
) -> list[dict[str, Any]]:
    """One row per example: its source, true kind, the alarm's kind (or None) and who raised it."""
    from sklearn.model_selection import StratifiedKFold

    kinds = [item.example.kind for item in examples]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    rows: list[dict[str, Any]] = []
    for fold, (train, test) in enumerate(splitter.split(kinds, kinds), start=1):
        started = time.monotonic()
        classifier = CrisisClassifier.train([examples[index].example for index in train], regularisation)
        for index in test:
            item = examples[index]
            assessment = classifier.assess(item.example.text)
            alarm = raise_alarm(item.example.text, assessment, threshold, veto)
            rows.append(
                {
                    "text": item.example.text,
                    "source": item.source,
                    "kind": item.example.kind,
                    "alarm": alarm.crisis["kind"] if alarm else None,
                    "judge": alarm.crisis["source"] if alarm else None,
                    "probability": round(assessment.probability, 3),
                    "fold": fold,
                }
            )
        print(f"fold {fold}/{folds}: {time.monotonic() - started:.0f} s", file=sys.stderr)
    return rows


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts = by_source[row["source"]]
        if row["kind"] == NO_CRISIS:
            counts["negatives"] += 1
            counts["false_alarms"] += row["alarm"] is not None
            counts[f"false_alarms_{row['judge']}"] += row["alarm"] is not None
        else:
            counts["crises"] += 1
            counts["caught"] += row["alarm"] is not None
            counts["right_kind"] += row["alarm"] == row["kind"]
    total: Counter[str] = Counter()
    for counts in by_source.values():
        total.update(counts)
    return {"total": dict(total), "by_source": {source: dict(counts) for source, counts in sorted(by_source.items())}}


def _line(name: str, counts: dict[str, int]) -> str:
    crises, negatives = counts.get("crises", 0), counts.get("negatives", 0)
    parts = [f"{name:28}"]
    if crises:
        caught, right = counts.get("caught", 0), counts.get("right_kind", 0)
        parts.append(f"caught {caught:5}/{crises:<5} ({caught / crises:6.1%}), right kind {right:5}")
    else:
        parts.append(" " * 49)
    if negatives:
        alarms = counts.get("false_alarms", 0)
        rules, classifier = counts.get("false_alarms_rules", 0), counts.get("false_alarms_crisis_classifier", 0)
        judges = f"rules {rules}, classifier {classifier}"
        parts.append(f"  false alarms {alarms:4}/{negatives:<5} ({alarms / negatives:5.1%}; {judges})")
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    threshold, veto = _thresholds()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=threshold, help="crisis_threshold (config.yml)")
    parser.add_argument("--veto", type=float, default=veto, help="rules_veto_below (config.yml)")
    parser.add_argument("--regularisation", type=float, default=REGULARISATION)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = cross_validate(labelled_examples(), args.folds, args.threshold, args.veto, args.regularisation)
    summary = summarise(rows)
    for source, counts in summary["by_source"].items():
        print(_line(source, counts))
    print(_line("all", summary["total"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    mistakes = [row for row in rows if (row["alarm"] is None) != (row["kind"] == NO_CRISIS)]
    args.out.write_text(
        json.dumps({"settings": vars(args) | {"out": str(args.out)}, **summary, "mistakes": mistakes}, indent=1),
        encoding="utf-8",
    )
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
