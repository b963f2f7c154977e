"""Throughput and latency of the whole bot under concurrent chats, through the REST channel.

    .venv/bot/bin/python bench/load_rest.py [--chats 16] [--seconds 60] [--redis] [--workers 2]
    .venv/bot/bin/python bench/load_rest.py --chats 50 --seconds 600 --redis --workers 2 --soak

Starts the whole system on free ports (offers API with SQLite and the demo offers, action server, Rasa with
models/familiennavi.tar.gz; with --redis the tracker and lock store in Redis db 7 of 127.0.0.1:6379, which it
empties before and after), then runs `--chats` parents at once, each going through a typical conversation (typed
messages, understood by the NLU, ending with offers) again and again until `--seconds` are over. Only 127.0.0.1
is called; the number of messages is bounded by the time. Rate limits are off for the run (all chats come from
one address).

Prints messages/s, latency (p50, p95, p99, max), errors (a status other than 200, an empty answer, or a
"kurz gestört" answer), the resident memory of each Rasa process and the time until Rasa was ready.
With --soak it also reads every conversation back from Redis at the end and checks that each message sent is
there exactly once, in order.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import running_system  # noqa: E402
from vocabulary.texts import text  # noqa: E402

BENCH_REDIS = "redis://127.0.0.1:6379/7"
# One parent's conversation: typed as parents type, ending with offers and two questions about them.
SCRIPT = (
    "Hallo",
    "Ich bin schwanger und wohne in 44137",
    "rund um die Geburt",
    "egal",
    "Was ist ein Lotsendienst?",
    "Wann haben die offen?",
    "Danke",
)
DISTURBED = text("channel.disturbed")


def per_process_rss_mb(pid: int) -> list[float]:
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(child) for child in children.read_text().split()]
    sizes = []
    for each in pids:
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


async def chat(client: httpx.AsyncClient, url: str, until: float, results: dict[str, Any]) -> None:
    while time.monotonic() < until:
        sender = f"bench-{uuid.uuid4().hex[:16]}"
        sent: list[str] = []
        results["senders"].append((sender, sent))
        for message in SCRIPT:
            if time.monotonic() >= until:
                return
            started = time.perf_counter()
            try:
                answer = await client.post(url, json={"sender": sender, "message": message})
                elapsed = time.perf_counter() - started
                body = answer.json() if answer.status_code == 200 else None
                failed = not body or any(DISTURBED in (reply.get("text") or "") for reply in body)
            except (httpx.HTTPError, ValueError):
                elapsed, failed = time.perf_counter() - started, True
            results["latencies"].append(elapsed)
            results["errors"] += int(failed)
            sent.append(message)


def check_trackers(senders: list[tuple[str, list[str]]]) -> tuple[int, int]:
    """Conversations whose stored user messages are not exactly the messages sent, in order."""
    import redis

    store = redis.Redis.from_url(BENCH_REDIS)
    bad = 0
    for sender, sent in senders:
        raw = store.get(f"familiennavi:tracker:{sender}")
        stored = json.loads(raw)["events"] if raw else []
        said = [event.get("text") for event in stored if event.get("event") == "user"]
        bad += int(said != sent)
    return len(senders), bad


async def load(base: str, chats: int, seconds: float) -> dict[str, Any]:
    results: dict[str, Any] = {"latencies": [], "errors": 0, "senders": []}
    url = f"{base}/webhooks/rest/webhook"
    limits = httpx.Limits(max_connections=chats, max_keepalive_connections=chats)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        # Warm up: the first messages load lazy parts of the pipeline.
        for message in SCRIPT:
            await client.post(url, json={"sender": f"warmup-{uuid.uuid4().hex[:12]}", "message": message})
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(chat(client, url, until, results) for _ in range(chats)))
        results["seconds"] = time.monotonic() - started
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--redis", action="store_true", help="tracker and lock store in Redis (db 7)")
    parser.add_argument("--workers", type=int, default=1, help="Sanic workers of Rasa (more than 1 needs --redis)")
    parser.add_argument("--soak", action="store_true", help="check every conversation in Redis afterwards")
    args = parser.parse_args()
    if args.workers > 1 and not args.redis:
        parser.error("several Rasa workers need --redis (conversations shared between the workers)")
    env = {
        "RATE_LIMIT_PER_CONVERSATION_PER_MINUTE": "0",
        "RATE_LIMIT_PER_CLIENT_PER_MINUTE": "0",
        "SANIC_WORKERS": str(args.workers),
        "LOG_LEVEL": "WARNING",
    }
    if args.redis:
        import redis

        redis.Redis.from_url(BENCH_REDIS).flushdb()
        env["REDIS_URL"] = BENCH_REDIS
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch, running_system(Path(scratch), env) as system:
        ready_after = time.monotonic() - started
        results = asyncio.run(load(system["rasa"], args.chats, args.seconds))
        rasa_pid = int(system["rasa_pid"])
        sizes = per_process_rss_mb(rasa_pid)
        latencies = sorted(results["latencies"])
        count = len(latencies)

        def percentile(share: float) -> float:
            return latencies[min(count - 1, int(count * share))] * 1000

        figures = {
            "chats": args.chats,
            "workers": args.workers,
            "redis": args.redis,
            "messages": count,
            "seconds": round(results["seconds"], 1),
            "messages_per_second": round(count / results["seconds"], 1),
            "p50_ms": round(percentile(0.50)),
            "p95_ms": round(percentile(0.95)),
            "p99_ms": round(percentile(0.99)),
            "max_ms": round(latencies[-1] * 1000),
            "mean_ms": round(statistics.mean(latencies) * 1000),
            "errors": results["errors"],
            "rasa_rss_mb_per_process": [round(size) for size in sizes],
            "system_ready_after_s": round(ready_after, 1),
            "cpus": os.cpu_count(),
        }
        if args.soak:
            conversations, bad = check_trackers(results["senders"])
            figures["conversations_checked"] = conversations
            figures["conversations_not_exactly_as_sent"] = bad
    if args.redis:
        import redis

        redis.Redis.from_url(BENCH_REDIS).flushdb()
    print(json.dumps(figures, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"load_rest-{int(time.time())}.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if results["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
