"""Bot speed on this machine: full train time and model size, model load time, and the time to understand one
message (NLU) and to predict the next action, with the pipeline parts that cost most.

    .venv/bot/bin/python bench/bot_speed.py               # full train from scratch, then the per-message figures
    .venv/bot/bin/python bench/bot_speed.py --skip-train  # per-message figures on models/familiennavi.tar.gz

Prints the figures; see bench/README.md for the ones measured here.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# The model names the project's own NLU component (bot.nlu.safety_net), so the project must be importable.
sys.path.insert(0, str(ROOT))
MODEL = ROOT / "models" / "familiennavi.tar.gz"
TEST_SET = ROOT / "tests" / "nlu" / "test_nlu.yml"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} cores, {cpu}, {memory_kb / 1024 / 1024:.0f} GiB RAM"


def full_train(out: Path) -> tuple[float, float, int]:
    """Seconds, peak memory (GiB) and model size (bytes) of a train without Rasa's component cache."""
    rasa = Path(sys.executable).with_name("rasa")
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "RASA_CACHE_DIRECTORY": str(out / "cache"),
    }
    started = time.monotonic()
    completed = subprocess.run(
        [str(rasa), "train", "--force", "--fixed-model-name", "bench", "--out", str(out), "--quiet"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        raise SystemExit(f"rasa train failed ({completed.returncode})")
    peak_gib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    return seconds, peak_gib, (out / "bench.tar.gz").stat().st_size


def test_texts() -> list[str]:
    import re

    data = yaml.safe_load(TEST_SET.read_text(encoding="utf-8"))
    texts = []
    for block in data["nlu"]:
        for line in block.get("examples", "").splitlines():
            line = line.strip().removeprefix("- ")
            if line:
                # Strip entity annotations: [text](entity) and [text]{...}
                texts.append(re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", line))
    return texts


async def per_message(model: Path, texts: list[str]) -> None:
    from rasa.core.agent import Agent
    from rasa.engine.graph import GraphNode

    started = time.monotonic()
    agent = Agent.load(model_path=str(model))
    print(f"model load: {time.monotonic() - started:.1f} s")

    # Time every graph node (pipeline component or policy) while messages are handled.
    spent: dict[str, float] = defaultdict(float)
    original_call = GraphNode.__call__

    def timed_call(self: GraphNode, *args: object) -> object:
        begin = time.perf_counter()
        try:
            return original_call(self, *args)
        finally:
            spent[self._node_name] += time.perf_counter() - begin

    await agent.parse_message("hallo")  # warm-up
    GraphNode.__call__ = timed_call  # type: ignore[method-assign]
    nlu_times = []
    for text in texts:
        begin = time.perf_counter()
        await agent.parse_message(text)
        nlu_times.append((time.perf_counter() - begin) * 1000)
    nlu_spent = dict(spent)
    spent.clear()

    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    predict_times = []
    for number, text in enumerate(texts[:100]):
        tracker = DialogueStateTracker.from_events(f"bench-{number}", [], agent.domain.slots)
        parse = await agent.parse_message(text)
        tracker.update(UserUttered(text, parse["intent"], parse["entities"], parse))
        begin = time.perf_counter()
        agent.processor._predict_next_with_tracker(tracker)
        predict_times.append((time.perf_counter() - begin) * 1000)
    GraphNode.__call__ = original_call  # type: ignore[method-assign]

    def summary(times: list[float]) -> str:
        ordered = sorted(times)
        return (
            f"mean {statistics.mean(times):.1f} ms, p50 {ordered[len(ordered) // 2]:.1f} ms, "
            f"p95 {ordered[int(len(ordered) * 0.95)]:.1f} ms"
        )

    print(f"NLU, {len(texts)} held-out messages one after another: {summary(nlu_times)}")
    print(f"next-action prediction (policies), 100 messages: {summary(predict_times)}")
    per_message_ms = statistics.mean(nlu_times) + statistics.mean(predict_times)
    print(
        f"one message, NLU + prediction: {per_message_ms:.1f} ms of CPU in one process "
        f"→ about {1000 / per_message_ms:.0f} messages/s per core, {2000 / per_message_ms:.0f}/s on 2 cores "
        "(before the action server and the network)"
    )
    total = sum(nlu_spent.values())
    print("NLU time by pipeline part:")
    for name, seconds in sorted(nlu_spent.items(), key=lambda item: -item[1])[:10]:
        print(f"  {name:<55} {seconds / len(texts) * 1000:7.2f} ms/message  {seconds / total:6.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-train", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # Rasa logs every prediction at debug level (through structlog too); the figures are what matters here.
    logging.disable(logging.INFO)
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    print(f"machine: {machine()}")
    model = MODEL
    with tempfile.TemporaryDirectory() as scratch:
        if not args.skip_train:
            seconds, peak, size = full_train(Path(scratch))
            print(
                f"full train (no cache): {seconds / 60:.1f} min, peak memory {peak:.1f} GiB, "
                f"model {size / 1024 / 1024:.1f} MB"
            )
            model = Path(scratch) / "bench.tar.gz"
        elif not model.exists():
            raise SystemExit(f"no model at {model}: run `make train`")
        asyncio.run(per_message(model, test_texts()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
