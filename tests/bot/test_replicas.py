"""Two Rasa replicas behind a round-robin nginx share conversations through Redis (endpoints.yml with REDIS_URL):
the messages of one conversation hop between the replicas, some of them sent at the same moment, and still every
message lands in the conversation exactly once, in order, each answered by the bot (bot.locks at work)."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import shutil
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from bot.tools.run import ENDPOINT_DEFAULTS, MODEL, action_server_command, api_command, rasa_server_command
from tests.conftest import free_port, start, stop, wait_until_up

pytestmark = [pytest.mark.redis, pytest.mark.slow]

REDIS_URL = os.environ.get("TEST_REDIS_REPLICAS_URL", "redis://127.0.0.1:6379/6")
# Odd, so that the conversations' first messages, sent one after another through the round robin, alternate
# replicas within every conversation.
CONVERSATIONS = 21
# Sent one after another, all conversations interleaved (strict alternation of replicas per conversation).
OPENING = ["Hallo", "Ich bin schwanger", "Ich wohne in 44137"]
# Then all conversations at once, each sending three messages at the same moment, and then three more.
BURSTS = [
    ["/need_birth", "Wie sind die Öffnungszeiten?", "Welche Telefonnummer hat das?"],
    ["Gibt es noch mehr Angebote?", "Danke", "Tschüss"],
]
PARALLEL_CONVERSATIONS = 8
# guard.answer turns a failed message into a polite answer with status 200; its log lines give it away.
FAILURE_LOG = re.compile(r"could not be handled|no answer from the dialogue|LockError")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def nginx_conf(work: Path, port: int, upstreams: list[int]) -> Path:
    servers = "".join(f"    server 127.0.0.1:{upstream};\n" for upstream in upstreams)
    conf = work / "nginx.conf"
    conf.write_text(
        f"""worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log {work}/nginx-access.log;
  client_body_temp_path {work}/nginx-body;
  proxy_temp_path {work}/nginx-proxy;
  fastcgi_temp_path {work}/nginx-fastcgi;
  uwsgi_temp_path {work}/nginx-uwsgi;
  scgi_temp_path {work}/nginx-scgi;
  upstream rasa {{
{servers}  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://rasa;
      proxy_read_timeout 180s;
      # A message that failed must not be sent to the other replica as well: that would duplicate it.
      proxy_next_upstream off;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""
    )
    return conf


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Offers API, one action server, two Rasa replicas (Redis db of its own) and nginx in front of them."""
    nginx = nginx_binary()
    if nginx is None:
        missing("nginx is not installed (apt-get install nginx)")
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        missing("Redis is not running on 127.0.0.1:6379")
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    work: Path = tmp_path_factory.mktemp("replicas")
    api_port, action_port, nginx_port = free_port(), free_port(), free_port()
    rasa_ports = [free_port(), free_port()]
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "DATABASE_URL": f"sqlite:///{work / 'offers.sqlite3'}",
        "DEMO_DATA": "true",
        "OFFERS_API_URL": f"http://127.0.0.1:{api_port}",
        **ENDPOINT_DEFAULTS,
        "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
        "ACTION_SERVER_TOKEN": "test-replicas-action-token",
        "REDIS_URL": REDIS_URL,
        # All traffic comes from nginx's one address; the channel's rate limits are not under test.
        "RATE_LIMIT_PER_CLIENT_PER_MINUTE": "0",
        "RATE_LIMIT_PER_CONVERSATION_PER_MINUTE": "0",
    }
    processes = [
        start(api_command(api_port), env, work / "api.log"),
        start(action_server_command(action_port), env, work / "actions.log"),
        *(start(rasa_server_command(port, env), env, work / f"rasa-{port}.log") for port in rasa_ports),
    ]
    balancer: subprocess.Popen[bytes] | None = None
    try:
        wait_until_up(f"http://127.0.0.1:{api_port}/ready", processes[0], "offers API", 60)
        wait_until_up(f"http://127.0.0.1:{action_port}/health", processes[1], "action server", 90)
        for port, process in zip(rasa_ports, processes[2:], strict=True):
            # Two models load at once on a small machine: more time than for one.
            wait_until_up(f"http://127.0.0.1:{port}/", process, f"Rasa replica on {port}", 480)
        conf = nginx_conf(work, nginx_port, rasa_ports)
        balancer = start(
            [nginx, "-p", str(work), "-e", str(work / "nginx-error.log"), "-c", str(conf), "-g", "daemon off;"],
            env,
            work / "nginx.log",
        )
        wait_until_up(f"http://127.0.0.1:{nginx_port}/webhooks/rest/", balancer, "nginx", 20)
        yield {
            "url": f"http://127.0.0.1:{nginx_port}",
            "replicas": {f"127.0.0.1:{port}" for port in rasa_ports},
            "rasa_logs": [work / f"rasa-{port}.log" for port in rasa_ports],
        }
    finally:
        stop([balancer] if balancer else [])
        stop(processes)
        # The offers API caches in the same Redis db (REDIS_URL): its entries go too.
        store = redis.Redis.from_url(REDIS_URL)
        cached = list(store.scan_iter(match="fnapi:*", count=1000))
        if cached:
            store.delete(*cached)


class Traffic:
    """Sends the messages and records, per conversation, which replica answered which text."""

    def __init__(self, client: httpx.AsyncClient, url: str) -> None:
        self.client = client
        self.url = f"{url}/webhooks/rest/webhook"
        self.served: dict[str, list[tuple[str, str]]] = {}
        self.errors: list[str] = []
        self.sent = 0

    async def say(self, sender: str, text: str) -> None:
        self.sent += 1
        try:
            response = await self.client.post(self.url, json={"sender": sender, "message": text})
        except httpx.HTTPError as error:
            self.errors.append(f"{type(error).__name__}")
            return
        if response.status_code != 200 or not response.json():
            self.errors.append(f"status {response.status_code}")
        self.served.setdefault(sender, []).append((text, response.headers.get("X-Upstream", "")))


def sample_lock_keys(store: redis.Redis, senders: set[str], seen: Counter[str], stop_event: threading.Event) -> None:
    """Which kind of Redis value holds the conversations' locks while the traffic runs (a hash: bot.locks)."""
    while not stop_event.is_set():
        for key in store.scan_iter(match="familiennavi:lock:*", count=1000):
            kind = store.type(key).decode()
            # "none": handed back between the scan and the look.
            if key.decode().rsplit(":", 1)[-1] in senders and kind != "none":
                seen[kind] += 1
        time.sleep(0.02)


def user_turns(events: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(user text, the events after it up to the next user message) for each user message."""
    turns: list[tuple[str, list[dict[str, Any]]]] = []
    for event in events:
        if event["event"] == "user":
            turns.append((event["text"], []))
        elif turns:
            turns[-1][1].append(event)
    return turns


def test_two_replicas_behind_round_robin_keep_every_conversation_whole(replicas: dict[str, Any]) -> None:
    store = redis.Redis.from_url(REDIS_URL)
    senders = [f"replica-test-{uuid.uuid4().hex[:16]}" for _ in range(CONVERSATIONS)]
    seen_lock_kinds: Counter[str] = Counter()
    sampling = threading.Event()
    sampler = threading.Thread(
        target=sample_lock_keys, args=(store, set(senders), seen_lock_kinds, sampling), daemon=True
    )

    async def conversation(traffic: Traffic, sender: str, parallel: asyncio.Semaphore) -> None:
        async with parallel:
            for burst in BURSTS:
                await asyncio.gather(*(traffic.say(sender, text) for text in burst))

    async def run() -> Traffic:
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        async with httpx.AsyncClient(timeout=180, limits=limits) as client:
            traffic = Traffic(client, replicas["url"])
            for text in OPENING:
                for sender in senders:
                    await traffic.say(sender, text)
            parallel = asyncio.Semaphore(PARALLEL_CONVERSATIONS)
            await asyncio.gather(*(conversation(traffic, sender, parallel) for sender in senders))
            return traffic

    started = time.monotonic()
    sampler.start()
    try:
        traffic = asyncio.run(run())
    finally:
        sampling.set()
        sampler.join(timeout=5)
    duration = time.monotonic() - started
    try:
        failures = [
            line for log in replicas["rasa_logs"] for line in log.read_text(errors="replace").splitlines()
            if FAILURE_LOG.search(line)
        ]  # fmt: skip
        trackers = {sender: store.get(f"familiennavi:tracker:{sender}") for sender in senders}
        leftover_locks = [key for sender in senders for key in store.keys(f"familiennavi:lock:{sender}")]
    finally:
        leftover = [key for sender in senders for key in store.keys(f"familiennavi:*{sender}")]
        if leftover:
            store.delete(*leftover)

    sent = [*OPENING, *(text for burst in BURSTS for text in burst)]
    served_by = Counter(upstream for served in traffic.served.values() for _, upstream in served)
    print(
        f"\nreplicas: {traffic.sent} messages in {CONVERSATIONS} conversations in {duration:.1f} s, "
        f"{len(traffic.errors)} errors, {len(failures)} failures logged, served by {dict(served_by)}, "
        f"lock values seen {dict(seen_lock_kinds)}"
    )
    assert traffic.sent == CONVERSATIONS * len(sent)
    assert traffic.errors == []
    assert failures == []
    # Both replicas answered, and only they.
    assert set(served_by) == replicas["replicas"]
    assert min(served_by.values()) >= traffic.sent // 3
    # The locks were bot.locks' hashes (Rasa's RedisLockStore keeps a string), and none is left behind.
    assert seen_lock_kinds and set(seen_lock_kinds) == {"hash"}
    assert leftover_locks == []

    for sender in senders:
        served = traffic.served[sender]
        opening = [upstream for text, upstream in served if text in OPENING]
        # Round robin: the opening messages of every conversation alternated between the replicas.
        assert all(a != b for a, b in itertools.pairwise(opening)), opening
        assert len({upstream for _, upstream in served}) == 2

        raw = trackers[sender]
        assert raw is not None, "conversation missing in Redis"
        events: list[dict[str, Any]] = json.loads(raw)["events"]
        turns = user_turns(events)
        texts = [text for text, _ in turns]
        # Every message exactly once, no other.
        assert Counter(texts) == Counter(sent), texts
        # Sequential messages in the order sent; a burst's messages in any order, but after the messages sent
        # before it and before those sent after it.
        assert texts[: len(OPENING)] == OPENING
        position = len(OPENING)
        for burst in BURSTS:
            assert sorted(texts[position : position + len(burst)]) == sorted(burst), texts
            position += len(burst)
        # Every message answered: at least one action of the bot after it, ending in listening.
        for text, after in turns:
            actions = [event["name"] for event in after if event["event"] == "action"]
            assert any(name != "action_listen" for name in actions), (text, actions)
            assert actions[-1] == "action_listen", (text, actions)
        # No event twice, none out of time order.
        assert len({json.dumps(event, sort_keys=True) for event in events}) == len(events)
        stamps = [event["timestamp"] for event in events]
        assert stamps == sorted(stamps)
