"""Two Rasa replicas behind a round-robin nginx share conversations through Redis (endpoints.yml with REDIS_URL):
the messages of one conversation hop between the replicas, some of them sent at the same moment, and still every
message lands in the conversation exactly once, in order, each answered by the bot (bot.locks at work).
Then one replica is killed (SIGKILL) between two messages: nginx sends everything to the other one, and the
conversations go on where they were, from Redis. The kill test is the module's last (it leaves one replica)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from bot.tools.run import MODEL, action_server_command, api_command, rasa_server_command
from tests.conftest import free_port, service_env, start, stop, wait_until_up
from vocabulary.texts import text as vocabulary_text

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
# The kill test: conversations that each say two messages, then lose a replica, then say three more. The second
# message makes the bot ask for the postal code; the answers after the kill must go on from there.
KILL_CONVERSATIONS = 8
BEFORE_KILL = ["Hallo", "Ich bin schwanger und weiß nicht welche Hilfe es gibt wenn das Baby da ist"]
AFTER_KILL = ["44137", "egal", "Danke"]


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
      # A replica that refuses the connection (stopped, crashed) is skipped: the message goes to the other one.
      # A message already sent is never sent again (that would duplicate it): nginx retries a POST only when
      # it did not reach the replica (no `non_idempotent` here).
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout http_502 http_503;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""
    )
    return conf


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL to the process's group; nothing happens when the group is gone already."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def refuses_connections(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) != 0


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
        **service_env(work, api_port, action_port, nginx_port),
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
            # The kill test kills one of them: by address (as in X-Upstream), the process and its log.
            "rasa": {
                f"127.0.0.1:{port}": (port, process, work / f"rasa-{port}.log")
                for port, process in zip(rasa_ports, processes[2:], strict=True)
            },
            "nginx_error_log": work / "nginx-error.log",
        }
    finally:
        stop([balancer] if balancer else [])
        # stop() leaves a process that is dead already (the killed replica) alone.
        stop(processes)
        # Whatever a replica may have forked goes with its group; a group killed before is simply gone.
        for process in processes[2:]:
            kill_group(process)
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
        # Per conversation: the text sent and the bot's replies to it (answered with status 200 only).
        self.answers: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {}
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
        else:
            self.answers.setdefault(sender, []).append((text, response.json()))
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


def payloads(replies: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in replies if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind]


def asked_slots(replies: list[dict[str, Any]]) -> list[str]:
    return [ask.get("slot", "") for ask in payloads(replies, "ask")]


def new_failures(logs: Mapping[Path, int]) -> list[str]:
    """FAILURE_LOG lines written to the logs after the given offsets."""
    failures = []
    for log, offset in logs.items():
        with log.open("rb") as handle:
            handle.seek(offset)
            written = handle.read().decode(errors="replace")
        failures += [line for line in written.splitlines() if FAILURE_LOG.search(line)]
    return failures


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


# Keep this test last: it kills a replica, and the module's fixture (one model load per replica) is shared.
def test_one_rasa_replica_killed_nginx_routes_around_it_and_conversations_go_on(replicas: dict[str, Any]) -> None:
    store = redis.Redis.from_url(REDIS_URL)
    senders = [f"replica-kill-{uuid.uuid4().hex[:16]}" for _ in range(KILL_CONVERSATIONS)]
    rasa: dict[str, tuple[int, subprocess.Popen[bytes], Path]] = replicas["rasa"]
    assert all(process.poll() is None for _, process, _ in rasa.values()), "both replicas must run at the start"
    log_offsets = {log: log.stat().st_size for _, _, log in rasa.values()}
    disturbed = vocabulary_text("channel.disturbed")
    killed: dict[str, Any] = {}

    async def talk(traffic: Traffic, sender: str, texts: list[str]) -> None:
        for message in texts:
            await traffic.say(sender, message)

    def kill_one(before: Traffic) -> None:
        # The replica that asked most conversations for their postal code: their answers now go elsewhere.
        asked_by = Counter(served[-1][1] for served in before.served.values())
        victim = asked_by.most_common(1)[0][0]
        port, process, _ = rasa[victim]
        # Its own process group (conftest.start): Rasa and any worker it forked, not pytest.
        assert os.getpgid(process.pid) == process.pid
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        killed.update(victim=victim, port=port, pgid=process.pid, returncode=process.returncode)

    async def run() -> tuple[Traffic, Traffic, float]:
        limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
        async with httpx.AsyncClient(timeout=60, limits=limits) as client:
            before = Traffic(client, replicas["url"])
            await asyncio.gather(*(talk(before, sender, BEFORE_KILL) for sender in senders))
            kill_one(before)
            # At once, no pause: the first messages meet a port that refuses connections.
            started = time.monotonic()
            after = Traffic(client, replicas["url"])
            await asyncio.gather(*(talk(after, sender, AFTER_KILL) for sender in senders))
            return before, after, time.monotonic() - started

    try:
        before, after, duration = asyncio.run(run())
        failures = new_failures(log_offsets)
        trackers = {sender: store.get(f"familiennavi:tracker:{sender}") for sender in senders}
        leftover_locks = [key for sender in senders for key in store.keys(f"familiennavi:lock:{sender}")]
    finally:
        leftover = [key for sender in senders for key in store.keys(f"familiennavi:*{sender}")]
        if leftover:
            store.delete(*leftover)

    victim, survivor = killed["victim"], next(iter(set(rasa) - {killed["victim"]}))
    # X-Upstream lists every replica nginx tried, the one that answered last ("a, b" after a retry).
    upstreams = [upstream for served in after.served.values() for _, upstream in served]
    answered_by = Counter(upstream.split(",")[-1].strip() for upstream in upstreams)
    retried = sum(victim in upstream for upstream in upstreams)
    refused = replicas["nginx_error_log"].read_text(errors="replace").count("Connection refused")
    print(
        f"\nreplica killed: {before.sent} messages before the kill ({len(before.errors)} errors), "
        f"{after.sent} after it in {duration:.1f} s ({len(after.errors)} errors), {retried} of them first tried on "
        f"the killed replica ({refused} refused connections in nginx's log), answered by {dict(answered_by)}, "
        f"{len(failures)} failures logged"
    )

    # Before the kill: both replicas served, and every conversation was asked for its postal code.
    assert before.errors == []
    assert {upstream for served in before.served.values() for _, upstream in served} == replicas["replicas"]
    for sender in senders:
        assert [sent for sent, _ in before.answers[sender]] == BEFORE_KILL
        assert asked_slots(before.answers[sender][-1][1]) == ["postal_code"], before.answers[sender][-1][1]

    # A real kill: SIGKILL, the whole group gone, the port closed.
    assert killed["returncode"] == -signal.SIGKILL
    deadline = time.monotonic() + 5
    while group_alive(killed["pgid"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not group_alive(killed["pgid"])
    assert refuses_connections(killed["port"])

    # After the kill: every message answered (200, not empty, not the "disturbed" apology), all by the survivor;
    # nginx did meet the dead replica and went on to the other one.
    assert after.sent == KILL_CONVERSATIONS * len(AFTER_KILL)
    assert after.errors == []
    assert set(answered_by) == {survivor}
    assert retried >= 1
    assert failures == []
    for sender in senders:
        answers = after.answers[sender]
        assert [sent for sent, _ in answers] == AFTER_KILL
        for sent, replies in answers:
            said = " ".join(reply.get("text") or "" for reply in replies)
            assert said.strip(), (sent, replies)
            assert disturbed not in said, (sent, replies)
        # The conversation went on where it was: the postal code answered the question the dead replica asked,
        # the next question followed, and then the offers for Dortmund.
        assert asked_slots(answers[0][1]) == ["contact_preference"], answers[0][1]
        (offers,) = payloads(answers[1][1], "offers")
        assert offers["municipality"]["name"] == "Dortmund"
        assert offers["offers"]

    # Redis holds every conversation whole: each message once, in order, each answered; no lock left.
    assert leftover_locks == []
    for sender in senders:
        raw = trackers[sender]
        assert raw is not None, "conversation missing in Redis"
        events: list[dict[str, Any]] = json.loads(raw)["events"]
        turns = user_turns(events)
        assert [sent for sent, _ in turns] == [*BEFORE_KILL, *AFTER_KILL]
        for sent, following in turns:
            actions = [event["name"] for event in following if event["event"] == "action"]
            assert any(name != "action_listen" for name in actions), (sent, actions)
            assert actions[-1] == "action_listen", (sent, actions)
        assert len({json.dumps(event, sort_keys=True) for event in events}) == len(events)
        stamps = [event["timestamp"] for event in events]
        assert stamps == sorted(stamps)
