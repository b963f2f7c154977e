"""Intent and entity F1 of the trained model on the held-out test set (tests/nlu/test_nlu.yml).

    python -m bot.tools.evaluate_nlu --model models/familiennavi.tar.gz [--cross-validation]

Prints the figures and fails when intent F1 is below the floor. `--cross-validation` runs Rasa's 5-fold
cross-validation on the training data instead (slow: five trainings).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

TEST_SET = Path("tests/nlu/test_nlu.yml")
# The goal is 0.95; below this floor the build fails.
INTENT_F1_FLOOR = 0.90


def run_rasa(arguments: list[str]) -> None:
    rasa = Path(sys.executable).with_name("rasa")
    completed = subprocess.run([str(rasa), "test", "nlu", *arguments], check=False)
    if completed.returncode != 0:
        raise SystemExit(f"rasa test nlu failed with exit code {completed.returncode}")


def weighted_f1(report_path: Path) -> tuple[float, int]:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    summary = report.get("weighted avg") or report.get("micro avg") or {}
    return float(summary.get("f1-score", 0.0)), int(summary.get("support", 0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="models/familiennavi.tar.gz")
    parser.add_argument("--out", default="var/results/nlu")
    parser.add_argument("--cross-validation", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    if args.cross_validation:
        run_rasa(["--nlu", "data", "--config", "config.yml", "--cross-validation", "--folds", "5", "--out", str(out)])
    else:
        run_rasa(["--nlu", str(TEST_SET), "--model", args.model, "--out", str(out), "--no-plot"])
    intent_f1, intents = weighted_f1(out / "intent_report.json")
    entity_reports = sorted(out.glob("*Extractor_report.json")) + sorted(out.glob("DIETClassifier_report.json"))
    print(f"\nNLU on {'5-fold cross-validation' if args.cross_validation else TEST_SET}:")
    print(f"  intent F1 (weighted): {intent_f1:.3f} over {intents} utterances")
    for report in entity_reports:
        entity_f1, entities = weighted_f1(report)
        print(f"  entity F1 {report.stem.removesuffix('_report')}: {entity_f1:.3f} over {entities} entities")
    if not args.cross_validation and intent_f1 < INTENT_F1_FLOOR:
        print(f"Intent F1 {intent_f1:.3f} is below the floor {INTENT_F1_FLOOR}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
