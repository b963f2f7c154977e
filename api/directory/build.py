"""Rebuild the directory tables from the curated files and the postal-code package.

    python -m api.directory.build            # directory only, keeps offers and tokens
    python -m api.directory.build --demo     # and (re)load the demo offers

The directory is replaced as a whole in one transaction; offers and staff tokens are kept.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
from collections import defaultdict
from datetime import datetime, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.directory.contacts import CONTACT_COLUMNS, CONTACTS_FILE, ContactError, contacts_by_id
from api.directory.index import OTHER_LANGUAGE
from api.directory.sources import DIRECTORY_DIR, NRW_STATE_CODE, german_postal_codes, read_csv
from api.directory.town_names import COLUMNS as TOWN_NAME_COLUMNS
from api.directory.town_names import LANGUAGES, TOWN_NAMES_FILE
from api.models import (
    DirectoryMeta,
    ForeignPlace,
    ForeignPostalCode,
    Jugendamt,
    Kreis,
    Municipality,
    PlaceName,
    PostalCode,
)
from vocabulary.names import fold, name_variants

log = logging.getLogger(__name__)

KINDERSTARK_VALUES = {"ja": True, "nein": False, "": None}


class DirectoryError(ValueError):
    """The curated tables contradict each other."""


def _directory_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(DIRECTORY_DIR.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    from countrystatecity_postal_codes import __version__ as postal_version

    digest.update(postal_version.encode())
    return digest.hexdigest()[:16]


def _assign_jugendaemter(municipalities: list[dict[str, str]], jugendaemter: list[dict[str, str]]) -> dict[str, str]:
    """Municipality AGS → Jugendamt id: a town's own office, else the office of its Kreis.

    `also_serves` names towns served by another town's office by agreement (Ennepetal serves Breckerfeld,
    because the Ennepe-Ruhr-Kreis has no Kreisjugendamt).
    """
    town_office = {row["ags"]: row["id"] for row in jugendaemter if len(row["ags"]) == 8}
    for row in jugendaemter:
        for ags in filter(None, row.get("also_serves", "").split(";")):
            town_office[ags.strip()] = row["id"]
    kreis_office = {row["ags"]: row["id"] for row in jugendaemter if len(row["ags"]) == 5}
    assignment: dict[str, str] = {}
    for row in municipalities:
        office = town_office.get(row["ags"]) or kreis_office.get(row["kreis_ags"])
        if office is None:
            raise DirectoryError(f"no Jugendamt serves {row['name']} ({row['ags']})")
        assignment[row["ags"]] = office
    unknown = set(town_office) - {row["ags"] for row in municipalities}
    if unknown:
        raise DirectoryError(f"Jugendämter name unknown municipalities: {sorted(unknown)}")
    return assignment


def _town_names(known_ags: set[str]) -> set[tuple[str, str, str, str]]:
    """Names in other languages and scripts (town_names.csv): German spellings without umlaut dots count as
    variants of the German name, all others are looked up after every German name (see api.services.locate)."""
    names: set[tuple[str, str, str, str]] = set()
    for row in read_csv(TOWN_NAMES_FILE, TOWN_NAME_COLUMNS):
        key = fold(row["name"])
        if row["ags"] not in known_ags or row["lang"] not in LANGUAGES or not key or not row["source"]:
            raise DirectoryError(f"{TOWN_NAMES_FILE}: broken row {row}")
        names.add((key, row["name"], "variant" if row["lang"] == "de" else OTHER_LANGUAGE, row["ags"]))
    return names


def build_directory(session: Session) -> dict[str, int]:
    kreise = read_csv("kreise.csv", ("kreis_ags", "name", "kind", "regierungsbezirk"))
    municipalities = read_csv("municipalities.csv", ("ags", "name", "kreis_ags", "kind"))
    jugendaemter = read_csv("jugendaemter.csv", ("id", "name", "kind", "ags", "kinderstark"))
    districts = read_csv("districts.csv", ("name", "ags", "kind"))
    assignment = _assign_jugendaemter(municipalities, jugendaemter)
    try:
        contacts = contacts_by_id(read_csv(CONTACTS_FILE, CONTACT_COLUMNS), [row["id"] for row in jugendaemter])
    except ContactError as error:
        raise DirectoryError(f"{CONTACTS_FILE}: {error}") from error

    by_name: dict[str, list[str]] = defaultdict(list)
    for row in municipalities:
        by_name[row["name"]].append(row["ags"])

    nrw_postal: dict[str, set[str]] = defaultdict(set)
    foreign_postal: dict[str, str] = {}
    foreign_places: dict[tuple[str, str], str] = {}
    unmatched: set[str] = set()
    for record in german_postal_codes():
        if record.state == NRW_STATE_CODE:
            ags_list = by_name.get(record.locality)
            if not ags_list:
                unmatched.add(record.locality)
                continue
            nrw_postal[record.code].update(ags_list)
        else:
            foreign_postal.setdefault(record.code, record.state)
            foreign_places[(fold(record.locality), record.state)] = record.locality
    if unmatched:
        raise DirectoryError(f"postal-code localities without a municipality: {sorted(unmatched)}")

    # Lookup tables are replaced; Kreise, Jugendämter and municipalities are merged, because offers and
    # staff tokens point at them (removing one that is still in use fails loudly on its foreign key).
    for model in (PlaceName, PostalCode, ForeignPlace, ForeignPostalCode, DirectoryMeta):
        session.execute(delete(model))
    for row in kreise:
        session.merge(
            Kreis(
                ags=row["kreis_ags"],
                name=row["name"],
                kind=row["kind"],
                regierungsbezirk=row["regierungsbezirk"],
            )
        )
    for row in jugendaemter:
        if row["kinderstark"] not in KINDERSTARK_VALUES:
            raise DirectoryError(f"kinderstark must be ja, nein or empty: {row}")
        contact = contacts[row["id"]]
        session.merge(
            Jugendamt(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                ags=row["ags"],
                kinderstark=KINDERSTARK_VALUES[row["kinderstark"]],
                contact_status=contact.status,
                phone=contact.phone,
                phone_note=contact.phone_note,
                address=contact.address,
                url=contact.url,
                familienbuero_name=contact.familienbuero_name,
                familienbuero_phone=contact.familienbuero_phone,
                familienbuero_url=contact.familienbuero_url,
                contact_sources=contact.sources,
                contact_checked=contact.checked,
            )
        )
    session.flush()
    for row in municipalities:
        session.merge(
            Municipality(
                ags=row["ags"],
                name=row["name"],
                kind=row["kind"],
                kreis_ags=row["kreis_ags"],
                jugendamt_id=assignment[row["ags"]],
            )
        )
    session.flush()
    session.execute(delete(Municipality).where(Municipality.ags.not_in(assignment)))
    session.execute(delete(Jugendamt).where(Jugendamt.id.not_in({row["id"] for row in jugendaemter})))
    session.execute(delete(Kreis).where(Kreis.ags.not_in({row["kreis_ags"] for row in kreise})))
    session.add_all(
        PostalCode(code=code, municipality_ags=ags)
        for code, ags_set in sorted(nrw_postal.items())
        for ags in sorted(ags_set)
    )

    places: set[tuple[str, str, str, str]] = set()
    for row in municipalities:
        places.add((fold(row["name"]), row["name"], "municipality", row["ags"]))
        for variant in name_variants(row["name"]):
            places.add((fold(variant), variant, "variant", row["ags"]))
    known_ags = {row["ags"] for row in municipalities}
    for row in districts:
        if row["ags"] not in known_ags:
            raise DirectoryError(f"district {row['name']} names unknown municipality {row['ags']}")
        places.add((fold(row["name"]), row["name"], "district", row["ags"]))
    places |= _town_names(known_ags)
    session.add_all(
        PlaceName(key=key, display=display, kind=kind, municipality_ags=ags)
        for key, display, kind, ags in sorted(places)
    )
    session.add_all(ForeignPostalCode(code=code, state=state) for code, state in sorted(foreign_postal.items()))
    session.add_all(
        ForeignPlace(key=key, display=display, state=state) for (key, state), display in sorted(foreign_places.items())
    )
    session.add_all(
        [
            DirectoryMeta(key="version", value=_directory_version()),
            DirectoryMeta(key="built_at", value=datetime.now(timezone.utc).isoformat(timespec="seconds")),
        ]
    )
    session.flush()
    counts = {
        "kreise": len(kreise),
        "municipalities": len(municipalities),
        "jugendaemter": len(jugendaemter),
        "jugendamt_contacts": sum(1 for contact in contacts.values() if contact.phone or contact.url),
        "postal_codes": len(nrw_postal),
        "place_names": len(places),
    }
    log.info("directory built: %s", counts)
    return counts


def directory_is_built(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Municipality)))


def directory_is_current(session: Session) -> bool:
    """Built from exactly the curated tables and postal-code package at hand (else rebuild: offers stay)."""
    stored = session.scalar(select(DirectoryMeta.value).where(DirectoryMeta.key == "version"))
    return directory_is_built(session) and stored == _directory_version()


def main() -> None:
    from api.db import get_engine, session_scope
    from api.migrations_runner import upgrade_database
    from api.services.demo import load_demo_offers

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--demo", action="store_true", help="also load the demo offers")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    upgrade_database(get_engine())
    with session_scope() as session:
        counts = build_directory(session)
    print("directory:", ", ".join(f"{key} {value}" for key, value in counts.items()))
    if args.demo:
        with session_scope() as session:
            loaded = load_demo_offers(session)
        print(f"demo offers: {loaded}")


if __name__ == "__main__":
    main()
