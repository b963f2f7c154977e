"""5-fold cross-validation of the NLU on its training data (all six languages), the folds trained side by side.

    python -m bot.tools.cross_validate [--folds 5] [--jobs 2] [--out var/results/cross-validation]

Rasa's `rasa test nlu --cross-validation` trains the folds one after another in one process. A fold of the
six-language data takes 20-30 minutes on the 2-core machine and a training keeps little more than one core busy,
so here each fold is its own `rasa train nlu` process, `--jobs` at a time, and each fold's result is kept on disk:
a run that was stopped goes on with the folds that are missing (delete --out to start afresh).

The folds are Rasa's (`rasa.nlu.test.generate_folds`, stratified by intent), with numpy seeded so that every run
cuts the same folds. A fold trains on its four fifths with Rasa's cache off, then `rasa test nlu` runs the whole
pipeline (crisis net and fact extractor included, as for the held-out sets) on the fifth it did not see. Printed:
weighted intent F1 per fold, their mean and spread (what Rasa's cross-validation reports), and the F1 of all folds'
predictions pooled, overall and per language (German: data/nlu/*.yml, the others data/nlu/<language>/).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.tools.run import ROOT

NLU_DATA = ROOT / "data" / "nlu"
GERMAN = "de"
SEED = 4711
F1_GOAL = 0.85


def language_parts() -> Iterator[tuple[str, list[Path]]]:
    yield GERMAN, sorted(NLU_DATA.glob("*.yml")) + sorted((NLU_DATA / "lookups").glob("*.yml"))
    for directory in sorted(path for path in NLU_DATA.iterdir() if path.is_dir() and path.name != "lookups"):
        yield directory.name, sorted(directory.glob("*.yml"))


def write_folds(folds: int, out: Path) -> dict[str, str]:
    """Writes each fold's training and test part; returns the language of every training text."""
    import numpy as np
    from rasa.nlu.test import generate_folds
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    language_of: dict[str, str] = {}
    parts = []
    for language, paths in language_parts():
        for path in paths:
            data = load_data(str(path))
            language_of.update({str(example.get("text")): language for example in data.intent_examples})
            parts.append(data)
    training_data = TrainingData().merge(*parts)
    np.random.seed(SEED)  # generate_folds shuffles with numpy's global generator
    for index, (train, test) in enumerate(generate_folds(folds, training_data)):
        fold = out / f"fold-{index + 1}"
        fold.mkdir(parents=True, exist_ok=True)
        RasaYAMLWriter().dump(fold / "train.yml", train)
        RasaYAMLWriter().dump(fold / "test.yml", test)
    return language_of


def run_fold(fold: Path) -> Path:
    """Trains and tests one fold unless its predictions are there; returns the folder of rasa test's results."""
    results = fold / "results"
    if (results / "intent_report.json").exists():
        return results
    rasa = str(Path(sys.executable).with_name("rasa"))
    # Rasa's cache off: the folds' trainings must not fill (or be served from) the cache of the real model.
    environment = {**os.environ, "RASA_CACHE_DIRECTORY": str(fold / "cache"), "RASA_MAX_CACHE_SIZE": "0"}
    train = [rasa, "train", "nlu", "--config", "config.yml", "--nlu", str(fold / "train.yml")]
    train += ["--out", str(fold), "--fixed-model-name", "model", "--quiet"]
    test = [rasa, "test", "nlu", "--model", str(fold / "model.tar.gz"), "--nlu", str(fold / "test.yml")]
    test += ["--out", str(results), "--successes", "--no-plot"]
    with (fold / "log.txt").open("w", encoding="utf-8") as log:
        for command in (train, test):
            run = subprocess.run(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, check=False)
            if run.returncode != 0:
                raise SystemExit(f"{fold.name}: {command[1]} {command[2]} failed (log: {fold / 'log.txt'})")
    (fold / "model.tar.gz").unlink(missing_ok=True)  # ~50 MB each, not needed once tested
    return results


def _predictions(results: Path) -> list[tuple[str, str, str]]:
    """(text, gold intent, predicted intent) of every test utterance of a fold."""
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = results / name
        if path.exists():
            for entry in json.loads(path.read_text(encoding="utf-8")):
                rows.append((entry["text"], entry["intent"], (entry.get("intent_prediction") or {}).get("name", "")))
    return rows


def _weighted_f1(rows: list[tuple[str, str, str]]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score([gold for _, gold, _ in rows], [guess for _, _, guess in rows], average="weighted"))


def report(results: list[Path], language_of: dict[str, str]) -> dict[str, object]:
    per_fold = [_weighted_f1(_predictions(folder)) for folder in results]
    pooled = [row for folder in results for row in _predictions(folder)]
    languages = sorted({language_of.get(text, GERMAN) for text, _, _ in pooled})
    return {
        "folds": [round(f1, 4) for f1 in per_fold],
        "mean": round(statistics.mean(per_fold), 4),
        "stdev": round(statistics.stdev(per_fold), 4) if len(per_fold) > 1 else 0.0,
        "pooled": round(_weighted_f1(pooled), 4),
        "utterances": len(pooled),
        "per_language": {
            language: {
                "f1": round(_weighted_f1(rows), 4),
                "utterances": len(rows),
            }
            for language in languages
            if (rows := [row for row in pooled if language_of.get(row[0], GERMAN) == language])
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2, help="folds trained at the same time")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "results" / "cross-validation")
    args = parser.parse_args(argv)
    language_of = write_folds(args.folds, args.out)
    folds = [args.out / f"fold-{index + 1}" for index in range(args.folds)]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(run_fold, folds))
    summary = report(results, language_of)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"{args.folds}-fold cross-validation, weighted intent F1 (goal {F1_GOAL}):")
    print(f"  per fold {summary['folds']}, mean {summary['mean']:.3f} ± {summary['stdev']:.3f}")
    print(f"  all folds pooled: {summary['pooled']:.3f} over {summary['utterances']} utterances")
    for language, figures in summary["per_language"].items():  # type: ignore[attr-defined]
        print(f"  {language}: {figures['f1']:.3f} over {figures['utterances']} utterances")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
