"""Language detection's cost on this machine (bot/nlu/language.py): the time to load lingua's models for our
languages, the memory they add to the process, and the time per message.

    .venv/bot/bin/python bench/language_detector.py              # 3 loads in fresh processes, 20 rounds of messages
    .venv/bot/bin/python bench/language_detector.py --loads 5 --rounds 50

Loads: each in a fresh process that has already imported the component's module (Rasa included, as in the Rasa
server), so the figures are the detector's alone: wall time of building the detector (all models of our
languages preloaded) and the growth of the process's resident memory (VmRSS) by it and by a pass over the messages.
Per message: detect_language and the Rasa component's process() on every message of tests/nlu/dev_language.yml
(short and long, six languages and none), one after another, --rounds times; mean, p50, p95 and max, and the
share of messages that reach the model. Prints the figures; bench/README.md keeps the ones measured here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
DEV_SET = ROOT / "tests" / "nlu" / "dev_language.yml"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) / 1024 / 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0.0,
    )
    return f"{os.cpu_count()} vCPUs ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}"


def texts() -> list[str]:
    import yaml

    return [str(message["text"]) for message in yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))["messages"]]


def child() -> None:
    """One load in this fresh process; prints its figures as JSON."""
    from bot.nlu import language

    before = rss_mb()
    started = time.perf_counter()
    language.detector()
    load_s = time.perf_counter() - started
    loaded = rss_mb()
    for text in texts():
        language.detect_language(text)
    print(json.dumps({"load_s": load_s, "rss_load_mb": loaded - before, "rss_after_mb": rss_mb() - before}))


def loads(count: int) -> list[dict[str, float]]:
    results = []
    for _ in range(count):
        completed = subprocess.run(
            [sys.executable, __file__, "--child"], capture_output=True, text=True, check=True, cwd=ROOT
        )
        results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    return results


def per_message(rounds: int) -> dict[str, Any]:
    from rasa.shared.nlu.constants import ENTITIES, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu import language

    language.detector()
    samples = texts()
    detect_ms: list[float] = []
    for _ in range(rounds):
        for text in samples:
            started = time.perf_counter()
            language.detect_language(text)
            detect_ms.append((time.perf_counter() - started) * 1000)
    component = language.LanguageDetector(language.LanguageDetector.get_default_config())
    process_ms: list[float] = []
    for _ in range(rounds):
        for text in samples:
            message = Message(data={TEXT: text, ENTITIES: []})
            started = time.perf_counter()
            component.process([message])
            process_ms.append((time.perf_counter() - started) * 1000)
    model = language.detector()
    assert model is not None
    model_ms: list[float] = []
    for text in samples:
        started = time.perf_counter()
        model.compute_language_confidence_values(text)
        model_ms.append((time.perf_counter() - started) * 1000)

    def summary(values: list[float]) -> dict[str, float]:
        ordered = sorted(values)
        return {
            "mean": statistics.fmean(ordered),
            "p50": ordered[len(ordered) // 2],
            "p95": ordered[int(len(ordered) * 0.95)],
            "max": ordered[-1],
        }

    return {
        "messages": len(samples),
        "rounds": rounds,
        "detect_language": summary(detect_ms),
        "component": summary(process_ms),
        "lingua_alone": summary(model_ms),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=3, help="fresh processes that each load the detector once")
    parser.add_argument("--rounds", type=int, default=20, help="passes over the messages for the time per message")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return 0
    from importlib.metadata import version

    print(f"machine: {machine()}; lingua-language-detector {version('lingua-language-detector')}")
    results = loads(args.loads)
    for name, label, unit in (
        ("load_s", "load (all models of our languages)", "s"),
        ("rss_load_mb", "RSS increase after the load", "MB"),
        ("rss_after_mb", "RSS increase after a pass over the messages", "MB"),
    ):
        values = [result[name] for result in results]
        print(
            f"{label}: median {statistics.median(values):.2f} {unit}, "
            f"min {min(values):.2f}, max {max(values):.2f} ({len(values)} fresh processes)"
        )
    figures = per_message(args.rounds)
    print(f"per message ({figures['messages']} messages × {figures['rounds']} rounds, one after another):")
    for name in ("detect_language", "component", "lingua_alone"):
        row = figures[name]
        print(
            f"  {name:<16} mean {row['mean']:.3f} ms, p50 {row['p50']:.3f}, p95 {row['p95']:.3f}, max {row['max']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
