"""Intent and entity F1 of the trained model on the held-out test sets: German (tests/nlu/test_nlu.yml, Rasa's
full report) and every other language with a set (tests/nlu/<language>/test_nlu.yml, intent F1).

    python -m bot.tools.evaluate_nlu --model models/familiennavi.tar.gz [--set PATH ...]

Prints the figures and fails when an intent F1 is below the floor. `--set` measures other files the same way
(the dev sets tests/nlu/<language>/dev_nlu.yml while tuning). Cross-validation on the training data:
bot/tools/cross_validate.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

TEST_SET = Path("tests/nlu/test_nlu.yml")
LANGUAGE_SETS = sorted(Path("tests/nlu").glob("*/test_nlu.yml"))
# German: the goal is 0.95; below this floor the build fails.
INTENT_F1_FLOOR = 0.90
# Every other language: the goal (issue 11) is 0.90. Turkish is not there yet (README.md, "Six languages", has the
# figures), so the build fails below this floor and reports a language below the goal without failing.
LANGUAGE_F1_GOAL = 0.90
LANGUAGE_F1_FLOOR = 0.80


def run_rasa(arguments: list[str]) -> None:
    rasa = Path(sys.executable).with_name("rasa")
    completed = subprocess.run([str(rasa), "test", "nlu", *arguments], check=False)
    if completed.returncode != 0:
        raise SystemExit(f"rasa test nlu failed with exit code {completed.returncode}")


def weighted_f1(report_path: Path) -> tuple[float, int]:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    summary = report.get("weighted avg") or report.get("micro avg") or {}
    return float(summary.get("f1-score", 0.0)), int(summary.get("support", 0))


def print_entities_as_used(reports: list[Path]) -> None:
    """Per entity, the extractor that finds it best: the slots take an entity from whichever extractor found it
    (the FactExtractor replaces DIET's ages with its own, so DIET's child_age alone says little)."""
    best: dict[str, tuple[float, int, str]] = {}
    for report in reports:
        extractor = report.stem.removesuffix("_report")
        for entity, scores in json.loads(report.read_text(encoding="utf-8")).items():
            if entity.endswith(" avg") or not isinstance(scores, dict):
                continue
            f1, support = float(scores.get("f1-score", 0.0)), int(scores.get("support", 0))
            if f1 > best.get(entity, (-1.0, 0, ""))[0]:
                best[entity] = (f1, support, extractor)
    total = sum(support for _, support, _ in best.values())
    if not total:
        return
    weighted = sum(f1 * support for f1, support, _ in best.values()) / total
    parts = ", ".join(f"{entity} {f1:.3f} ({extractor})" for entity, (f1, _, extractor) in sorted(best.items()))
    print(f"  entity F1 as the dialogue uses them (weighted): {weighted:.3f} over {total} entities: {parts}")


def language_f1(model: str, paths: list[Path]) -> dict[Path, tuple[float, int]]:
    """Weighted intent F1 per file, with the whole pipeline (the model loaded once)."""
    import asyncio

    from rasa.shared.nlu.training_data.loading import load_data
    from sklearn.metrics import f1_score

    from bot.tools.evaluate_crisis import load_agent_quietly

    agent = load_agent_quietly(model)

    async def predictions(texts: list[str]) -> list[str]:
        return [str((await agent.parse_message(text))["intent"]["name"]) for text in texts]

    scores = {}
    for path in paths:
        examples = load_data(str(path)).intent_examples
        gold = [str(example.get("intent")) for example in examples]
        predicted = asyncio.run(predictions([str(example.get("text")) for example in examples]))
        scores[path] = (float(f1_score(gold, predicted, average="weighted", zero_division=0)), len(gold))
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="models/familiennavi.tar.gz")
    parser.add_argument("--out", default="var/results/nlu")
    parser.add_argument("--set", type=Path, action="append", help="measure this file instead of the held-out sets")
    args = parser.parse_args()
    out = Path(args.out)
    if args.set:
        return _report_languages(language_f1(args.model, args.set))
    run_rasa(["--nlu", str(TEST_SET), "--model", args.model, "--out", str(out), "--no-plot"])
    intent_f1, intents = weighted_f1(out / "intent_report.json")
    entity_reports = sorted(out.glob("*Extractor_report.json")) + sorted(out.glob("DIETClassifier_report.json"))
    print(f"\nNLU on {TEST_SET}:")
    print(f"  intent F1 (weighted): {intent_f1:.3f} over {intents} utterances")
    for report in entity_reports:
        entity_f1, entities = weighted_f1(report)
        print(f"  entity F1 {report.stem.removesuffix('_report')}: {entity_f1:.3f} over {entities} entities")
    if entity_reports:
        print_entities_as_used(entity_reports)
    failed = intent_f1 < INTENT_F1_FLOOR
    if failed:
        print(f"Intent F1 {intent_f1:.3f} is below the floor {INTENT_F1_FLOOR}.", file=sys.stderr)
    return max(int(failed), _report_languages(language_f1(args.model, LANGUAGE_SETS)))


def _report_languages(scores: dict[Path, tuple[float, int]]) -> int:
    failed = 0
    for path, (f1, count) in scores.items():
        below_goal = f" (below the goal {LANGUAGE_F1_GOAL})" if f1 < LANGUAGE_F1_GOAL else ""
        print(f"  {path}: intent F1 (weighted) {f1:.3f} over {count} utterances{below_goal}")
        if f1 < LANGUAGE_F1_FLOOR:
            print(f"Intent F1 {f1:.3f} on {path} is below the floor {LANGUAGE_F1_FLOOR}.", file=sys.stderr)
            failed = 1
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
