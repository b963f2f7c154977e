"""Search benchmark of the offers API: latency (p50/p95/p99) and requests per second, cached and uncached.

    .venv/api/bin/python bench/api_search.py [--database postgres|sqlite] [--offers 100000] [--duration 15]
                                             [--workers 2] [--connections 50] [--paced-rate 2000]
                                             [--reuse] [--gc-freeze]

1. Creates a fresh benchmark database (PostgreSQL `familiennavi_bench`, dropped and recreated, or
   var/bench/offers.sqlite3), runs the app's migrations and `build_directory` (the real NRW directory),
   then bulk-inserts N generated offers spread over the 396 municipalities.
2. Starts the API with uvicorn (a subprocess, loopback only) twice: with Redis (every URL of the query pool
   warmed first, so the measured runs are all cache hits) and without Redis (every request queries the
   database).
3. Drives load with wrk (bench/rotate_paths.lua rotates through the pool) at 1 connection and at
   --connections, for --duration seconds each, plus a paced run at --paced-rate requests/s and one locate
   run, and prints a table. The figures also go to bench/results/ as JSON.

--reuse keeps the database of an earlier run with as many offers; --gc-freeze starts the API through
bench/gc_freeze_app.py to measure the GC fix proposed in bench/README.md. Every subprocess it starts is
stopped again, also on Ctrl-C or failure. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import redis
from sqlalchemy import Engine, create_engine, func, insert, make_url, select, text
from sqlalchemy.orm import Session

from api.db import make_engine
from api.directory.build import build_directory
from api.migrations_runner import upgrade_database
from api.models import (
    Jugendamt,
    Language,
    Location,
    Municipality,
    Organization,
    Phone,
    PlaceName,
    PostalCode,
    Schedule,
    Service,
    ServiceAtLocation,
)
from bot.tools.processes import free_port
from vocabulary import texts
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.languages import OFFER_LANGUAGES
from vocabulary.life_phases import LIFE_PHASE_SLUGS

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var" / "bench"
RESULTS_DIR = ROOT / "bench" / "results"
LUA_SCRIPT = ROOT / "bench" / "rotate_paths.lua"

BENCH_DATABASE = "familiennavi_bench"
DEFAULT_POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
CACHE_KEY_PREFIX = "fnbench"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
# The towns of the demo offers; every search pool asks about them.
DEMO_POSTAL_CODES = ("44137", "50823", "45879", "33602", "48619")
DEMO_PLACES = ("44137", "Köln-Ehrenfeld", "Gelsenkirchen", "Bielefeld", "Heek")
INSERT_CHUNK = 10_000
WRK_TIMEOUT = "5s"

# ---------------------------------------------------------------------------------------------------------
# Generated offers
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """How offers of one category tend to look."""

    weight: int
    prefix: str
    ages: tuple[tuple[float | None, float | None], ...]
    pregnancy: float
    home_visit: float
    free: float


PROFILES: dict[str, Profile] = {
    "familienbuero": Profile(10, "Familienbüro", ((None, None), (0, 18), (0, 27)), 0.5, 0.15, 1.0),
    "lotsendienst_geburtsklinik": Profile(5, "Lotsendienst Geburtsklinik", ((0, 1),), 1.0, 0.2, 1.0),
    "lotsendienst_praxis": Profile(6, "Lotsendienst Praxis", ((0, 6), (0, 10), (0, 18)), 0.4, 0.05, 1.0),
    "aufsuchend": Profile(10, "Willkommensbesuch", ((0, 1), (0, 3), (0, 6)), 0.6, 1.0, 0.95),
    "familiengrundschulzentrum": Profile(10, "Familiengrundschulzentrum", ((6, 10), (5, 11)), 0.0, 0.0, 0.9),
    "familienzentrum": Profile(30, "Familienzentrum", ((0, 6), (0, 10), (3, 6), (None, None)), 0.3, 0.05, 0.7),
    "beratung": Profile(20, "Beratungsstelle", ((None, None), (0, 27), (0, 18), (12, 27)), 0.4, 0.2, 0.95),
    "uebergang_beruf": Profile(9, "Jugendberufshilfe", ((14, 25), (15, 27), (16, 25)), 0.0, 0.05, 1.0),
}
assert set(PROFILES) == set(CATEGORY_SLUGS), "PROFILES must cover every category of vocabulary.categories"

NAME_PARTS = (
    "Mitte", "Nord", "Süd", "Ost", "West", "Regenbogen", "Sonnenblume", "Kunterbunt", "Lindenhof", "Am Park",
    "St. Marien", "St. Josef", "Lukas", "Arche", "Pusteblume", "Kleeblatt", "Am Markt", "Bahnhofsviertel",
)  # fmt: skip
CARRIERS = (
    "AWO", "Caritasverband", "Diakonie", "DRK", "Der Paritätische", "SkF", "Kinderschutzbund",
    "Evangelische Familienbildung", "Katholisches Bildungswerk", "Stadt", "Kreis", "Lebenshilfe", "IN VIA",
)  # fmt: skip
STREETS = (
    "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Kirchplatz", "Gartenweg", "Lindenallee", "Marktplatz",
    "Am Stadtpark", "Goethestraße", "Ringstraße", "Mühlenweg", "Kastanienweg",
)  # fmt: skip
ACCESSIBILITY = ("", "", "rollstuhlgerecht, Aufzug", "Eingang ebenerdig", "Eingang mit 2 Stufen, Klingel unten")
FEES = ("5 € pro Termin", "Kursgebühr 20 €, Ermäßigung möglich", "Beitrag nach Einkommen")
# byday (iCal), opens, closes, note: one or two schedules an offer has.
SCHEDULES: tuple[tuple[tuple[str, str | None, str | None, str], ...], ...] = (
    (("MO,TU,WE,TH,FR", "09:00", "12:00", ""),),
    (("MO,TU,WE,TH,FR", "08:30", "12:30", ""), ("TH", "14:00", "18:00", "")),
    (("TU,TH", "09:00", "12:00", ""),),
    (("MO,WE,FR", "08:00", "13:00", ""), ("", None, None, "und nach Vereinbarung")),
    (("", None, None, "nach Vereinbarung"),),
    (("MO,TU,TH", "08:30", "12:00", ""), ("WE", "13:00", "17:00", "")),
)
# Further languages after German, the frequent ones first (weights roughly as in NRW's advice services).
OTHER_LANGUAGES = (
    ("tr", 30), ("ar", 25), ("en", 25), ("ru", 15), ("uk", 15), ("pl", 12), ("ro", 8), ("bg", 8),
    ("fa", 6), ("ku", 6), ("fr", 5), ("es", 4), ("it", 4), ("el", 3), ("sq", 3), ("sr", 2), ("hr", 2),
    ("bs", 2), ("nl", 3), ("ti", 2), ("so", 2), ("ps", 2), ("ur", 1), ("vi", 1), ("zh", 1), ("gsg", 2),
)  # fmt: skip
assert all(code in OFFER_LANGUAGES for code, _ in OTHER_LANGUAGES)


@dataclass(frozen=True)
class Town:
    ags: str
    name: str
    kind: str
    kreis_ags: str
    jugendamt_id: str
    postal_codes: tuple[str, ...]


def load_towns(engine: Engine) -> list[Town]:
    """The municipalities of the freshly built directory, with their postal codes."""
    with Session(engine) as session:
        codes: dict[str, list[str]] = defaultdict(list)
        for code, ags in session.execute(select(PostalCode.code, PostalCode.municipality_ags)):
            codes[ags].append(code)
        rows = session.execute(
            select(
                Municipality.ags,
                Municipality.name,
                Municipality.kind,
                Municipality.kreis_ags,
                Municipality.jugendamt_id,
            ).order_by(Municipality.ags)
        ).all()
    return [Town(ags, name, kind, kreis, ja, tuple(sorted(codes[ags]))) for ags, name, kind, kreis, ja in rows]


def _uuid(rng: random.Random) -> str:
    # Drawn from the seeded generator, so the same seed gives the same database.
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _languages(rng: random.Random) -> list[str]:
    count = rng.choices((1, 2, 3, 4), weights=(30, 30, 25, 15))[0]
    codes = ["de"] if rng.random() < 0.97 else []
    codes_pool, weights = zip(*OTHER_LANGUAGES, strict=True)
    while len(codes) < count:
        code = rng.choices(codes_pool, weights=weights)[0]
        if code not in codes:
            codes.append(code)
    return codes


@dataclass
class Generated:
    offers: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    generate_seconds: float = 0.0
    insert_seconds: float = 0.0
    analyze_seconds: float = 0.0


def generate_offers(engine: Engine, towns: Sequence[Town], count: int, seed: int) -> Generated:
    """Bulk-inserts `count` offers: Core INSERTs of row dicts in chunks, each table in one executemany.

    Offers are spread over the municipalities by their number of postal codes (a size proxy: Köln has 47,
    a village one), so about 40 % land in the kreisfreie Städte. Each is owned by its municipality's
    Jugendamt; an organization (provider) is shared by about ten offers of the same Jugendamt.
    """
    rng = random.Random(seed)
    stats = Generated(offers=count)
    started = time.perf_counter()
    weights = [len(town.postal_codes) or 1 for town in towns]
    placed = rng.choices(towns, weights=weights, k=count)

    per_jugendamt = Counter(town.jugendamt_id for town in placed)
    towns_of: dict[str, list[Town]] = defaultdict(list)
    for town in towns:
        towns_of[town.jugendamt_id].append(town)
    organizations: list[dict[str, Any]] = []
    organization_ids: dict[str, list[str]] = {}
    for jugendamt_id, offers in sorted(per_jugendamt.items()):
        ids = []
        for number in range(max(1, round(offers / 10))):
            town = rng.choice(towns_of[jugendamt_id])
            organization_id = _uuid(rng)
            ids.append(organization_id)
            organizations.append(
                {
                    "id": organization_id,
                    "jugendamt_id": jugendamt_id,
                    "name": f"{rng.choice(CARRIERS)} {town.name} {number + 1}",
                    "description": "",
                    "email": f"kontakt-{number + 1}.{jugendamt_id}@example.org",
                    "url": f"https://example.org/{jugendamt_id}/{number + 1}",
                }
            )
        organization_ids[jugendamt_id] = ids
    stats.generate_seconds += time.perf_counter() - started
    _insert(engine, {"organization": organizations}, stats)

    slugs = list(PROFILES)
    category_weights = [PROFILES[slug].weight for slug in slugs]
    now = datetime.now(timezone.utc)
    today = date.today()
    for chunk_start in range(0, count, INSERT_CHUNK):
        started = time.perf_counter()
        tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for number in range(chunk_start, min(count, chunk_start + INSERT_CHUNK)):
            town = placed[number]
            slug = rng.choices(slugs, weights=category_weights)[0]
            profile = PROFILES[slug]
            service_id, location_id = _uuid(rng), _uuid(rng)
            name = f"{profile.prefix} {rng.choice(NAME_PARTS)} {town.name} {number}"
            minimum_age, maximum_age = rng.choice(profile.ages)
            free = rng.random() < profile.free
            active = rng.random() >= 0.03
            created = now - timedelta(days=rng.randrange(30, 1500))
            tables["location"].append(
                {
                    "id": location_id,
                    "name": name,
                    "address_1": f"{rng.choice(STREETS)} {rng.randrange(1, 120)}",
                    "postal_code": rng.choice(town.postal_codes),
                    "city": town.name,
                    "municipality_ags": town.ags,
                    "latitude": None,
                    "longitude": None,
                    "accessibility": rng.choice(ACCESSIBILITY),
                }
            )
            tables["service"].append(
                {
                    "id": service_id,
                    "organization_id": rng.choice(organization_ids[town.jugendamt_id]),
                    "jugendamt_id": town.jugendamt_id,
                    "name": name,
                    "description": texts.text(f"category.{slug}.description"),
                    "category": slug,
                    "status": "active" if active else "inactive",
                    "email": f"angebot-{number}@example.org",
                    "url": f"https://example.org/angebote/{number}",
                    "minimum_age": minimum_age,
                    "maximum_age": maximum_age,
                    "pregnancy": rng.random() < profile.pregnancy,
                    "free_of_charge": free,
                    "fees_description": "" if free else rng.choice(FEES),
                    "home_visit": rng.random() < profile.home_visit,
                    "demo": False,
                    "assured_date": today - timedelta(days=rng.randrange(730)) if rng.random() < 0.92 else None,
                    "municipality_ags": town.ags,
                    "kreis_ags": town.kreis_ags,
                    "created_at": created,
                    "created_by": "Benchmark",
                    "updated_at": created,
                    "updated_by": "Benchmark",
                    "retired_at": None if active else now,
                    "retired_by": None if active else "Benchmark",
                }
            )
            tables["service_at_location"].append(
                {"id": _uuid(rng), "service_id": service_id, "location_id": location_id}
            )
            tables["phone"].append(
                {
                    "id": _uuid(rng),
                    "service_id": service_id,
                    "number": f"0221 4710 {number % 1000:03d}",
                    "description": "",
                }
            )
            for position, (byday, opens, closes, note) in enumerate(rng.choice(SCHEDULES)):
                tables["schedule"].append(
                    {
                        "id": _uuid(rng),
                        "service_id": service_id,
                        "position": position,
                        "byday": byday,
                        "opens_at": opens,
                        "closes_at": closes,
                        "description": note,
                    }
                )
            for position, code in enumerate(_languages(rng)):
                tables["language"].append(
                    {
                        "id": _uuid(rng),
                        "service_id": service_id,
                        "position": position,
                        "code": code,
                        "name": texts.text(f"language.{code}"),
                    }
                )
        stats.generate_seconds += time.perf_counter() - started
        _insert(engine, tables, stats)

    started = time.perf_counter()
    if engine.dialect.name == "postgresql":
        # What autovacuum would do after a bulk load: planner statistics and the visibility map.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
        with engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    stats.analyze_seconds = time.perf_counter() - started
    return stats


# Parents before children, for the foreign keys.
TABLE_ORDER = ("organization", "location", "service", "service_at_location", "phone", "schedule", "language")
TABLES = {
    model.__tablename__: model.__table__
    for model in (Organization, Location, Service, ServiceAtLocation, Phone, Schedule, Language)
}


def _insert(engine: Engine, tables: dict[str, list[dict[str, Any]]], stats: Generated) -> None:
    started = time.perf_counter()
    with engine.begin() as connection:
        for name in TABLE_ORDER:
            if tables.get(name):
                connection.execute(insert(TABLES[name]), tables[name])
                stats.rows[name] += len(tables[name])
    stats.insert_seconds += time.perf_counter() - started


# ---------------------------------------------------------------------------------------------------------
# The database
# ---------------------------------------------------------------------------------------------------------


def _require_loopback(url: str, what: str) -> None:
    host = make_url(url).host or ""
    if host not in LOOPBACK_HOSTS:
        sys.exit(f"{what} must be on this machine (127.0.0.1), not {host!r}: the benchmark drops and loads data.")


def fresh_database(kind: str, postgres_admin_url: str) -> str:
    """Drops and recreates the benchmark database; returns its URL."""
    if kind == "sqlite":
        path = VAR_DIR / "offers.sqlite3"
        for suffix in ("", "-wal", "-shm", ".setup-lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    _require_loopback(postgres_admin_url, "PostgreSQL")
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
    finally:
        admin.dispose()
    return make_url(postgres_admin_url).set(database=BENCH_DATABASE).render_as_string(hide_password=False)


def build_schema_and_directory(engine: Engine) -> dict[str, int]:
    """The app's own migrations and directory build: what the API does on its first start, without demo data."""
    upgrade_database(engine)
    with Session(engine) as session:
        counts = build_directory(session)
        session.commit()
    return counts


def database_facts(engine: Engine) -> dict[str, Any]:
    with Session(engine) as session:
        facts: dict[str, Any] = {
            "offers": session.scalar(select(func.count()).select_from(Service)) or 0,
            "active_offers": session.scalar(select(func.count()).where(Service.status == "active")) or 0,
            "organizations": session.scalar(select(func.count()).select_from(Organization)) or 0,
            "municipalities": session.scalar(select(func.count()).select_from(Municipality)) or 0,
            "jugendaemter": session.scalar(select(func.count()).select_from(Jugendamt)) or 0,
            "postal_codes": session.scalar(select(func.count(func.distinct(PostalCode.code)))) or 0,
        }
        if engine.dialect.name == "postgresql":
            facts["server"] = "PostgreSQL " + str(session.scalar(text("SHOW server_version")))
            facts["size_mb"] = round((session.scalar(text("SELECT pg_database_size(current_database())")) or 0) / 1e6)
        else:
            facts["server"] = "SQLite " + str(session.scalar(text("SELECT sqlite_version()")))
            facts["size_mb"] = round(Path(engine.url.database or "").stat().st_size / 1e6)
    return facts


# ---------------------------------------------------------------------------------------------------------
# Query pools
# ---------------------------------------------------------------------------------------------------------


def search_paths(rng: random.Random, towns: Sequence[Town], size: int) -> list[str]:
    """Searches as the bot sends them: a postal code (now and then a municipality key), 1–3 categories in the
    order of the family's need, often an age or a life phase, sometimes a language, a home visit, no cost."""
    codes = sorted({code for town in towns for code in town.postal_codes})
    fixed = list(DEMO_POSTAL_CODES)
    paths: dict[str, None] = {}
    while len(paths) < size:
        if fixed:
            query: list[tuple[str, str]] = [("postal_code", fixed.pop(0))]
        elif rng.random() < 0.1:
            query = [("municipality", rng.choice(towns).ags)]
        else:
            query = [("postal_code", rng.choice(codes))]
        query += [("category", slug) for slug in rng.sample(CATEGORY_SLUGS, rng.choice((1, 1, 2, 2, 3)))]
        draw = rng.random()
        if draw < 0.45:
            query.append(("child_age", f"{rng.choice((0, 0.5, 1, 2, 3, 4, 5, 6, 7, 9, 11, 14, 16, 19)):g}"))
        elif draw < 0.65:
            query.append(("life_phase", rng.choice(LIFE_PHASE_SLUGS)))
        if rng.random() < 0.25:
            query.append(("language", rng.choice(("tr", "ar", "en", "ru", "uk", "pl", "ro", "fa"))))
        if rng.random() < 0.1:
            query.append(("home_visit", "true"))
        if rng.random() < 0.15:
            query.append(("free_of_charge", "true"))
        if rng.random() < 0.1:
            query.append(("page", "2"))
        paths["/v1/offers?" + urllib.parse.urlencode(query)] = None
    return list(paths)


def locate_paths(rng: random.Random, engine: Engine, towns: Sequence[Town], size: int) -> list[str]:
    """What a parent types: a postal code, a town, a district, a spelling variant."""
    with Session(engine) as session:
        names = sorted(set(session.scalars(select(PlaceName.display))))
    codes = sorted({code for town in towns for code in town.postal_codes})
    queries = dict.fromkeys(DEMO_PLACES)
    while len(queries) < min(size, len(names) + len(codes)):
        queries[rng.choice(codes) if rng.random() < 0.6 else rng.choice(names)] = None
    return ["/v1/locate?" + urllib.parse.urlencode({"q": query}) for query in queries]


# ---------------------------------------------------------------------------------------------------------
# Processes: the API server and wrk
# ---------------------------------------------------------------------------------------------------------


class Processes:
    """Every subprocess this script starts, each in its own process group, stopped again on exit."""

    def __init__(self) -> None:
        self._started: list[subprocess.Popen[bytes]] = []

    def start(self, command: Sequence[str], **options: Any) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(command, start_new_session=True, **options)
        self._started.append(process)
        return process

    def stop(self, process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
        # The whole group: uvicorn's supervisor and the workers it spawned.
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=wait)
            if process.poll() is not None and not _group_alive(process.pid):
                break
        if process in self._started:
            self._started.remove(process)

    def stop_all(self) -> None:
        for process in reversed(list(self._started)):
            self.stop(process)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path


def start_api(
    processes: Processes, database_url: str, redis_url: str | None, workers: int, name: str, gc_freeze: bool
) -> Server:
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        # Empty means no cache (also if a .env file names a Redis).
        "REDIS_URL": redis_url or "",
        "CACHE_KEY_PREFIX": CACHE_KEY_PREFIX,
        # Longer than the whole benchmark, so no warmed answer expires during a run.
        "CACHE_TTL_SECONDS": "3600",
        "DEMO_DATA": "false",
    }
    # bench/gc_freeze_app.py wraps the same app; --app-dir puts bench/ on the workers' import path.
    app = ["--app-dir", str(ROOT / "bench"), "gc_freeze_app:app"] if gc_freeze else ["api.main:app"]
    command = [
        sys.executable, "-m", "uvicorn", *app,
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--no-access-log", "--loop", "uvloop", "--http", "httptools", "--log-level", "warning",
    ]  # fmt: skip
    log_path = VAR_DIR / f"uvicorn-{name}.log"
    with log_path.open("wb") as log:
        process = processes.start(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log_path)
    _wait_ready(server, expect_cache="ok" if redis_url else "off")
    return server


def _wait_ready(server: Server, expect_cache: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the API exited with {server.process.returncode}:\n{_tail(server.log_path)}")
        with suppress(urllib.error.URLError, OSError, ValueError):
            with urllib.request.urlopen(server.base_url + "/ready", timeout=2) as response:
                ready = json.load(response)
            if ready.get("cache") != expect_cache:
                raise RuntimeError(f"the API reports cache {ready.get('cache')!r}, expected {expect_cache!r}")
            # Every worker must be up, not just the first; a few more answers make that likely.
            for _ in range(20):
                urllib.request.urlopen(server.base_url + "/ready", timeout=2).close()
            return
        time.sleep(0.2)
    raise RuntimeError(f"the API did not become ready within {timeout:.0f} s:\n{_tail(server.log_path)}")


def _report_api_log(server: Server) -> None:
    """The API logs only warnings and errors here (e.g. "cache unavailable"); show them with the figures."""
    lines = [line for line in _tail(server.log_path, 10_000).splitlines() if line.strip() and line != "(no log)"]
    if lines:
        print(f"  the API logged {len(lines)} line(s) ({server.log_path.relative_to(ROOT)}), e.g.: {lines[0][:160]}")


def _tail(path: Path, lines: int = 30) -> str:
    with suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return "(no log)"


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is not installed; installing the Debian package `wrk` (apt-get install -y wrk) ...", flush=True)
    if os.geteuid() != 0:
        sys.exit("wrk is missing and this is not root: run `sudo apt-get install -y wrk`, then start again.")
    for step in (["apt-get", "install", "-y", "wrk"], ["apt-get", "update"], ["apt-get", "install", "-y", "wrk"]):
        done = subprocess.run(step, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, timeout=600)
        if step[1] == "install" and done.returncode == 0:
            break
    found = shutil.which("wrk")
    if not found:
        sys.exit("could not install wrk: run `apt-get update && apt-get install -y wrk` by hand.")
    return found


def wrk_version(wrk: str) -> str:
    done = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False, timeout=10)
    return (done.stdout or done.stderr).splitlines()[0].split(" Copyright")[0] if (done.stdout or done.stderr) else "?"


# ---------------------------------------------------------------------------------------------------------
# Load and measurement
# ---------------------------------------------------------------------------------------------------------


def warm(base_url: str, paths: Sequence[str], threads: int = 4) -> list[tuple[str, int, bytes]]:
    """Requests every path once (fills the cache, or the database's buffers); returns path, status, body."""

    def fetch(path: str) -> tuple[str, int, bytes]:
        try:
            with urllib.request.urlopen(base_url + path, timeout=30) as response:
                return path, response.status, response.read()
        except urllib.error.HTTPError as error:
            return path, error.code, error.read()

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(fetch, paths))


def _proc_cpu() -> dict[int, tuple[str, int, float, float]]:
    """pid → (command name, process group, own CPU seconds, CPU seconds of reaped children) for every process.

    The reaped children matter: PostgreSQL's postmaster carries the CPU of backends that ended during a run
    (the pool opens and closes connections), which would be lost otherwise.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[str, int, float, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        # After the name: state, ppid, pgrp, ...; utime, stime, cutime, cstime are fields 14-17 of the line.
        rest = raw[raw.rindex(")") + 2 :].split()
        own, reaped = int(rest[11]) + int(rest[12]), int(rest[13]) + int(rest[14])
        table[int(entry.name)] = (name, int(rest[2]), own / ticks, reaped / ticks)
    return table


def _machine_times() -> tuple[float, float]:
    """Seconds the machine's CPUs were busy and idle since boot (all cores together)."""
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:9]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]
    return (sum(values) - idle) / ticks, idle / ticks


@dataclass
class CpuSample:
    processes: dict[int, tuple[str, int, float, float]]
    children: float
    busy: float
    idle: float
    at: float

    @classmethod
    def take(cls) -> CpuSample:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy, idle = _machine_times()
        return cls(_proc_cpu(), usage.ru_utime + usage.ru_stime, busy, idle, time.monotonic())


def _role(name: str, group: int, api_group: int) -> str:
    if group == api_group:
        return "api"
    if name == "postgres":
        return "db"
    if name.startswith("redis-server"):
        return "redis"
    return name


def cpu_shares(before: CpuSample, after: CpuSample, api_group: int) -> tuple[dict[str, float], dict[str, float]]:
    """CPU used during the run, in % of one core: by the API workers, wrk, the database, Redis, everything else
    (other processes, and the kernel's own work such as loopback networking) and idle; and the other processes
    that used the most."""

    def totals(sample: CpuSample) -> dict[str, float]:
        by_role: dict[str, float] = defaultdict(float)
        for pid, (name, group, own, reaped) in sample.processes.items():
            # Not this script: its reaped children include wrk, which is counted below.
            if pid != os.getpid():
                by_role[_role(name, group, api_group)] += own + reaped
        return by_role

    earlier, later = totals(before), totals(after)
    used = {role: later[role] - earlier.get(role, 0.0) for role in later}
    used["wrk"] = after.children - before.children
    wall = after.at - before.at
    shares = {role: round(100 * used.get(role, 0.0) / wall) for role in ("api", "wrk", "db", "redis")}
    shares["other"] = max(0, round(100 * (after.busy - before.busy) / wall) - sum(shares.values()))
    shares["idle"] = round(100 * (after.idle - before.idle) / wall)
    # The busiest other processes, by pid (a kernel worker's name changes with its work item) and by their own
    # CPU only (a shell that started during the run would otherwise bring its children's whole lifetime).
    others: dict[str, float] = defaultdict(float)
    for pid, (name, group, own, _) in after.processes.items():
        if _role(name, group, api_group) == name and pid != os.getpid():
            earlier = before.processes[pid][2] if pid in before.processes else 0.0
            others[name.split("-")[0] if name.startswith("kworker") else name] += own - earlier
    busiest = sorted(others.items(), key=lambda item: -item[1])[:3]
    return shares, {name: round(100 * seconds / wall) for name, seconds in busiest if seconds > 0.02 * wall}


def background_load(seconds: float = 3.0) -> float:
    """CPU busy on the machine before the benchmark starts, in % of one core (0 on a quiet machine)."""
    busy, _ = _machine_times()
    started = time.monotonic()
    time.sleep(seconds)
    return round(100 * (_machine_times()[0] - busy) / (time.monotonic() - started))


def _redis_stats(client: redis.Redis | None) -> dict[str, int]:
    if client is None:
        return {}
    info = client.info("stats")
    return {"hits": int(info["keyspace_hits"]), "misses": int(info["keyspace_misses"])}


def _pg_sessions(engine: Engine) -> int | None:
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_stat_clear_snapshot()"))
        value = connection.scalar(text("SELECT sessions FROM pg_stat_database WHERE datname = current_database()"))
    return int(value or 0)


@dataclass
class Run:
    scenario: str
    connections: int
    threads: int
    duration: int
    paced_rate: int | None
    figures: dict[str, Any]
    cpu: dict[str, float]
    other_processes: dict[str, float]
    cache: dict[str, int]
    db_sessions_opened: int | None

    @property
    def requests_per_second(self) -> float:
        return self.figures["requests"] / (self.figures["duration_us"] / 1e6)

    @property
    def answered_from_cache(self) -> float | None:
        """Share of the requests Redis answered. Below 1 means the API bypassed its cache (e.g. after a Redis
        timeout it rests the cache for a few seconds); wrk counts only finished requests, hence the cap."""
        if not self.cache or not self.figures["requests"]:
            return None
        return min(1.0, self.cache["hits"] / self.figures["requests"])

    @property
    def errors(self) -> int:
        keys = ("connect_errors", "read_errors", "write_errors", "timeouts", "non_2xx")
        return sum(self.figures[key] for key in keys)


def run_wrk(
    wrk: str,
    server: Server,
    paths_file: Path,
    scenario: str,
    connections: int,
    threads: int,
    duration: int,
    engine: Engine,
    redis_client: redis.Redis | None,
    paced_rate: int | None = None,
) -> Run:
    threads = max(1, min(threads, connections))
    command = [
        wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", WRK_TIMEOUT,
        "-s", str(LUA_SCRIPT), server.base_url, "--", str(paths_file),
    ]  # fmt: skip
    env = {key: value for key, value in os.environ.items() if key != "BENCH_RATE_PER_THREAD"}
    if paced_rate:
        env["BENCH_RATE_PER_THREAD"] = str(paced_rate / threads)
    print(f"  {scenario}: {connections} connection(s), {duration} s ...", end="", flush=True)
    cache_before, sessions_before = _redis_stats(redis_client), _pg_sessions(engine)
    before = CpuSample.take()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=duration + 60, check=False)
    after = CpuSample.take()
    cache_after, sessions_after = _redis_stats(redis_client), _pg_sessions(engine)
    line = next((line for line in done.stdout.splitlines() if line.startswith("WRK_RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    cpu, other_processes = cpu_shares(before, after, server.process.pid)
    run = Run(
        scenario=scenario,
        connections=connections,
        threads=threads,
        duration=duration,
        paced_rate=paced_rate,
        figures=json.loads(line.removeprefix("WRK_RESULT ")),
        cpu=cpu,
        other_processes=other_processes,
        cache={key: cache_after[key] - cache_before[key] for key in cache_after},
        db_sessions_opened=None if sessions_before is None else (sessions_after or 0) - sessions_before,
    )
    print(f" {run.requests_per_second:,.0f} req/s, p95 {run.figures['p95_us'] / 1000:.2f} ms, {run.errors} errors")
    return run


# ---------------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------------


def machine_facts(wrk: str, redis_client: redis.Redis | None) -> dict[str, Any]:
    model = "?"
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory_kb = 0
    with suppress(OSError, ValueError):
        memory_kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "ram_gib": round(memory_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": wrk_version(wrk),
        "redis": redis_client.info("server")["redis_version"] if redis_client else None,
    }


COLUMNS = (
    ("scenario", 34),
    ("conns", 5),
    ("req/s", 8),
    ("p50 ms", 7),
    ("p95 ms", 7),
    ("p99 ms", 7),
    ("errors", 6),
    ("CPU, % of one core: api/wrk/db/redis/other/idle", 0),
)


def _table_row(cells: Sequence[str]) -> str:
    # Text columns left-aligned, figures right-aligned.
    return "  ".join(
        f"{cell:<{width}}" if index in (0, len(COLUMNS) - 1) else f"{cell:>{width}}"
        for index, (cell, (_, width)) in enumerate(zip(cells, COLUMNS, strict=True))
    )


def print_report(
    machine: dict[str, Any],
    database: dict[str, Any],
    generated: Generated | None,
    args: argparse.Namespace,
    pools: dict[str, str],
    runs: Sequence[Run],
) -> None:
    lines = [
        f"Machine:   {machine['nproc']} cores ({machine['cpu_model']}), {machine['ram_gib']} GiB RAM, "
        f"Linux {machine['kernel']}, Python {machine['python']}, {machine['wrk']}, Redis {machine['redis']}",
        f"Database:  {database['server']}, {database['offers']:,} offers ({database['active_offers']:,} active), "
        f"{database['organizations']:,} organizations, {database['municipalities']} municipalities, "
        f"{database['jugendaemter']} Jugendämter, {database['postal_codes']} postal codes, {database['size_mb']} MB",
    ]
    if generated:
        lines.append(
            f"Data:      {generated.offers:,} offers ({sum(generated.rows.values()):,} rows) generated and inserted "
            f"in {generated.generate_seconds + generated.insert_seconds:.1f} s (Python "
            f"{generated.generate_seconds:.1f} s, INSERT {generated.insert_seconds:.1f} s), "
            f"then (VACUUM) ANALYZE {generated.analyze_seconds:.1f} s"
        )
    freeze = ", gc.freeze() after startup (bench/gc_freeze_app.py)" if args.gc_freeze else ""
    lines.append(
        f"API:       uvicorn --workers {args.workers} --no-access-log (uvloop, httptools){freeze}; "
        f"wrk {args.duration} s per run, {args.wrk_threads} threads for {args.connections} connections, "
        "1 for 1; loopback only"
    )
    lines += [f"Pool:      {name}: {description}" for name, description in pools.items()]
    print("\n" + "\n".join(lines) + "\n")
    print(_table_row([title for title, _ in COLUMNS]))
    print("-" * 120)
    for run in runs:
        figures = run.figures
        print(
            _table_row(
                (
                    run.scenario,
                    str(run.connections),
                    f"{run.requests_per_second:,.0f}",
                    f"{figures['p50_us'] / 1000:.2f}",
                    f"{figures['p95_us'] / 1000:.2f}",
                    f"{figures['p99_us'] / 1000:.2f}",
                    str(run.errors),
                    "/".join(str(run.cpu.get(role, 0)) for role in ("api", "wrk", "db", "redis", "other", "idle")),
                )
            )
        )
    print()
    for run in runs:
        figures = run.figures
        socket_errors = sum(figures[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts"))
        notes = [
            f"non-2xx {figures['non_2xx']}",
            f"socket errors {socket_errors}",
            f"max {figures['max_us'] / 1000:.1f} ms",
        ]
        if run.cache:
            notes.append(
                f"Redis hits {run.cache['hits']:,}, misses {run.cache['misses']:,} "
                f"(answered from the cache: {100 * (run.answered_from_cache or 0):.1f} %)"
            )
        if run.db_sessions_opened is not None:
            notes.append(f"new PostgreSQL sessions {run.db_sessions_opened}")
        if run.other_processes:
            notes.append("other CPU: " + ", ".join(f"{name} {share} %" for name, share in run.other_processes.items()))
        print(f"  {run.scenario} ({run.connections}): " + "; ".join(notes))
    bypassed = [run for run in runs if run.answered_from_cache is not None and run.answered_from_cache < 0.99]
    if bypassed:
        print(
            f"\nWARNING: in {len(bypassed)} cached run(s) the API answered more than 1 % of the requests without "
            "Redis (see 'answered from the cache' and the API log in var/bench/); those figures mix in database "
            "queries."
        )
    disturbed = [run for run in runs if run.cpu.get("other", 0) > 20]
    if disturbed or machine.get("busy_before_start", 0) > 10:
        print(
            f"\nWARNING: the machine was not quiet (busy {machine.get('busy_before_start', 0)} % of a core before the "
            f"start; 'other' above 20 % in {len(disturbed)} run(s)). Other processes took CPU from the API."
        )


# ---------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------


def _describe_search_pool(answers: Sequence[tuple[str, int, bytes]]) -> str:
    totals = [json.loads(body)["total"] for _, _, body in answers]
    empty = sum(1 for total in totals if total == 0)
    return (
        f"{len(totals)} URLs, offers found per search: median {statistics.median(totals):,.0f}, "
        f"max {max(totals):,}, none in {100 * empty / len(totals):.0f} %"
    )


def _check_answers(answers: Sequence[tuple[str, int, bytes]], what: str) -> list[str]:
    failed = [(path, status) for path, status, _ in answers if status != 200]
    if failed:
        raise RuntimeError(f"{len(failed)} of {len(answers)} {what} URLs did not answer 200, e.g. {failed[:3]}")
    return [path for path, _, _ in answers]


@contextmanager
def _terminate_on_sigterm() -> Iterator[None]:
    # SIGTERM becomes KeyboardInterrupt, so the same cleanup runs as for Ctrl-C.
    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--offers", type=int, default=100_000, help="generated offers (default 100,000)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run (default 15)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    parser.add_argument("--connections", type=int, default=50, help="connections of the loaded runs (default 50)")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads of the loaded runs (default 2)")
    parser.add_argument(
        "--paced-rate", type=int, default=2000, help="requests/s of the paced cached run (0: skip it; default 2000)"
    )
    parser.add_argument("--pool", type=int, default=500, help="distinct search URLs (default 500)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated data and the pools")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the benchmark database of an earlier run with as many offers"
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="experiment: start the API through bench/gc_freeze_app.py (gc.freeze() after startup)",
    )
    parser.add_argument(
        "--postgres-admin-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_ADMIN_URL)
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    args = parser.parse_args()
    if args.offers < 0 or args.duration < 1 or args.workers < 1 or args.connections < 1 or args.pool < 10:
        parser.error("offers >= 0, duration >= 1, workers >= 1, connections >= 1 and pool >= 10, please")
    return args


def prepare_database(args: argparse.Namespace) -> tuple[str, Engine, Generated | None]:
    """A fresh database with the directory and the generated offers (or the earlier one, with --reuse)."""
    if args.database == "postgres":
        _require_loopback(args.postgres_admin_url, "PostgreSQL")
        database_url = make_url(args.postgres_admin_url).set(database=BENCH_DATABASE).render_as_string(False)
    else:
        database_url = f"sqlite:///{VAR_DIR / 'offers.sqlite3'}"
    if args.reuse:
        held = _offers_held(database_url)
        if held == args.offers:
            print(f"Reusing the benchmark database of an earlier run ({held:,} offers).", flush=True)
            return database_url, make_engine(database_url), None
        print(f"Not reusing the benchmark database: it holds {held:,} offers, not {args.offers:,}.", flush=True)
    print(f"Creating the benchmark database ({args.database}) ...", flush=True)
    database_url = fresh_database(args.database, args.postgres_admin_url)
    engine = make_engine(database_url)
    started = time.perf_counter()
    counts = build_schema_and_directory(engine)
    print(f"  migrations and directory {counts} in {time.perf_counter() - started:.1f} s", flush=True)
    print(f"Generating {args.offers:,} offers ...", flush=True)
    generated = generate_offers(engine, load_towns(engine), args.offers, args.seed)
    print(
        f"  {sum(generated.rows.values()):,} rows: Python {generated.generate_seconds:.1f} s, "
        f"INSERT {generated.insert_seconds:.1f} s, ANALYZE {generated.analyze_seconds:.1f} s",
        flush=True,
    )
    return database_url, engine, generated


def benchmark(
    args: argparse.Namespace,
    wrk: str,
    processes: Processes,
    redis_client: redis.Redis,
    database_url: str,
    engine: Engine,
) -> tuple[dict[str, str], list[Run]]:
    towns = load_towns(engine)
    rng = random.Random(args.seed)
    search_file, locate_file = VAR_DIR / "search-paths.txt", VAR_DIR / "locate-paths.txt"
    search, locate = search_paths(rng, towns, args.pool), locate_paths(rng, engine, towns, args.pool)
    pools: dict[str, str] = {}
    runs: list[Run] = []

    def measure(
        server: Server,
        cache: redis.Redis | None,
        scenario: str,
        connections: int,
        paths_file: Path = search_file,
        paced_rate: int | None = None,
    ) -> None:
        threads = 1 if connections == 1 else args.wrk_threads
        runs.append(
            run_wrk(wrk, server, paths_file, scenario, connections, threads, args.duration, engine, cache, paced_rate)
        )

    _flush_prefix(redis_client)
    print("Cached runs (Redis): starting the API and warming every URL of the pools ...", flush=True)
    server = start_api(processes, database_url, args.redis_url, args.workers, "cached", args.gc_freeze)
    answers = warm(server.base_url, search)
    search_file.write_text("\n".join(_check_answers(answers, "search")) + "\n")
    pools["search"] = _describe_search_pool(answers)
    locate_file.write_text("\n".join(_check_answers(warm(server.base_url, locate), "locate")) + "\n")
    pools["locate"] = f"{len(locate)} URLs (postal codes, towns, districts, name variants)"
    measure(server, redis_client, "search, cached", 1)
    measure(server, redis_client, "search, cached", args.connections)
    if args.paced_rate:
        measure(
            server, redis_client, f"search, cached, paced {args.paced_rate:,}/s", args.connections,
            paced_rate=args.paced_rate,
        )  # fmt: skip
    measure(server, redis_client, "locate, cached", args.connections, paths_file=locate_file)
    processes.stop(server.process)
    _report_api_log(server)
    _flush_prefix(redis_client)

    print("Uncached runs (no Redis): starting the API and warming the database with the pool ...", flush=True)
    server = start_api(processes, database_url, None, args.workers, "uncached", args.gc_freeze)
    _check_answers(warm(server.base_url, search), "search")
    measure(server, None, "search, uncached", 1)
    measure(server, None, "search, uncached", args.connections)
    processes.stop(server.process)
    _report_api_log(server)
    return pools, runs


def main() -> int:
    args = parse_args()
    _require_loopback(args.redis_url, "Redis")
    wrk = ensure_wrk()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    redis_client = redis.Redis.from_url(args.redis_url, socket_timeout=5)
    try:
        redis_client.ping()
    except redis.RedisError as error:
        sys.exit(f"Redis at {args.redis_url} does not answer ({type(error).__name__}); the cached runs need it.")

    processes = Processes()
    engine: Engine | None = None
    try:
        with _terminate_on_sigterm():
            database_url, engine, generated = prepare_database(args)
            database, machine = database_facts(engine), machine_facts(wrk, redis_client)
            machine["busy_before_start"] = background_load()
            if machine["busy_before_start"] > 10:
                print(
                    f"Note: other processes keep {machine['busy_before_start']} % of a core busy; "
                    "the figures will be lower than on a quiet machine.",
                    flush=True,
                )
            pools, runs = benchmark(args, wrk, processes, redis_client, database_url, engine)
            print_report(machine, database, generated, args, pools, runs)
            _save(args, machine, database, generated, pools, runs)
    except KeyboardInterrupt:
        print("\ninterrupted; stopping the API and wrk", file=sys.stderr)
        return 130
    except RuntimeError as error:
        print(f"\nbenchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        processes.stop_all()
        with suppress(redis.RedisError):
            _flush_prefix(redis_client)
        redis_client.close()
        if engine is not None:
            engine.dispose()
    return 0


def _offers_held(database_url: str) -> int:
    """How many offers the benchmark database holds (0 if it does not exist yet)."""
    if database_url.startswith("sqlite") and not (VAR_DIR / "offers.sqlite3").exists():
        return 0
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(Service)) or 0
    except Exception:  # no such database or no schema yet: build it
        return 0
    finally:
        engine.dispose()


def _flush_prefix(client: redis.Redis) -> None:
    batch: list[bytes] = []
    for key in client.scan_iter(match=f"{CACHE_KEY_PREFIX}:*", count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            client.unlink(*batch)
            batch.clear()
    if batch:
        client.unlink(*batch)


def _save(
    args: argparse.Namespace, machine: dict[str, Any], database: dict[str, Any], generated: Generated | None,
    pools: dict[str, str], runs: Sequence[Run],
) -> None:  # fmt: skip
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"api_search-{args.database}{'-gc-freeze' if args.gc_freeze else ''}-{stamp}.json"
    document = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "arguments": vars(args) | {"postgres_admin_url": None, "redis_url": None},
        "machine": machine,
        "database": database,
        "generated": None
        if generated is None
        else {
            "offers": generated.offers,
            "rows": dict(generated.rows),
            "generate_seconds": round(generated.generate_seconds, 2),
            "insert_seconds": round(generated.insert_seconds, 2),
            "analyze_seconds": round(generated.analyze_seconds, 2),
        },
        "pools": pools,
        "runs": [
            {
                "scenario": run.scenario,
                "connections": run.connections,
                "wrk_threads": run.threads,
                "paced_rate": run.paced_rate,
                "requests_per_second": round(run.requests_per_second, 1),
                "errors": run.errors,
                "figures": run.figures,
                "cpu_percent_of_core": run.cpu,
                "other_processes_percent_of_core": run.other_processes,
                "cache": run.cache,
                "answered_from_cache": run.answered_from_cache,
                "db_sessions_opened": run.db_sessions_opened,
            }
            for run in runs
        ],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"\nSaved to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
