"""The NRW directory as built from the curated tables and the postal-code package."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.directory.index import DirectoryIndex
from api.directory.sources import NRW_STATE_CODE, german_postal_codes
from api.models import Jugendamt, Kreis, Municipality, PostalCode
from api.services.locate import locate


def test_all_396_municipalities_with_official_keys(db: Session) -> None:
    rows = db.scalars(select(Municipality)).all()
    assert len(rows) == 396
    assert all(row.ags.startswith("05") and len(row.ags) == 8 for row in rows)
    assert Counter(row.kind for row in rows)["kreisfreie_stadt"] == 22
    assert all(row.ags.startswith(row.kreis_ags) for row in rows)


def test_53_kreise_and_186_jugendaemter(db: Session) -> None:
    assert db.scalar(select(func.count()).select_from(Kreis)) == 53
    offices = db.scalars(select(Jugendamt)).all()
    assert len(offices) == 186
    kinds = Counter(office.kind for office in offices)
    assert kinds["kreisfreie_stadt"] == 22
    assert kinds["kreis"] + kinds["stadt"] == 164


def test_every_municipality_has_exactly_one_jugendamt_and_every_office_serves_someone(db: Session) -> None:
    served = Counter(db.scalars(select(Municipality.jugendamt_id)).all())
    offices = set(db.scalars(select(Jugendamt.id)).all())
    assert set(served) == offices, "every Jugendamt serves at least one municipality"
    assert sum(served.values()) == 396


def test_kinderstark_known_participants_are_flagged_and_unknown_stay_unknown(db: Session) -> None:
    flags = dict(db.execute(select(Jugendamt.id, Jugendamt.kinderstark)).all())
    for known in (
        "arnsberg",
        "bielefeld",
        "dormagen",
        "dortmund",
        "duisburg",
        "duesseldorf",
        "gelsenkirchen",
        "gladbeck",
        "hamm",
        "moers",
        "moenchengladbach",
        "muenster",
        "oberhausen",
        "wuppertal",
        "bonn",
        "hagen",
        "detmold",
        "kreis-wesel",
        "hochsauerlandkreis",
        "kreis-dueren",
        "kreis-warendorf",
        "kreis-unna",
    ):
        assert flags[known] is True, known
    assert None in flags.values(), "offices without a source stay unknown instead of guessed"
    assert sum(1 for flag in flags.values() if flag) <= 141


def test_kinderstark_rests_on_participation_not_on_press_reports_of_funding(db: Session) -> None:
    flags = dict(db.execute(select(Jugendamt.id, Jugendamt.kinderstark)).all())
    # Press reports of 08/2020 name funding granted, not taking part: unknown, never guessed either way.
    for funded_only in ("leverkusen", "erkelenz", "geilenkirchen", "heinsberg", "hueckelhoven"):
        assert flags[funded_only] is None, funded_only
    # The towns' own pages say they take part (essen.de 06/2022, muelheim-ruhr.de 03/2023, bornheim.de).
    for own_page in ("essen", "muelheim-an-der-ruhr", "bornheim"):
        assert flags[own_page] is True, own_page
    assert False not in flags.values(), "no source says 'nein' for any office"


def test_every_nrw_postal_code_of_the_source_resolves(db: Session, index: DirectoryIndex) -> None:
    nrw_codes = {record.code for record in german_postal_codes() if record.state == NRW_STATE_CODE}
    assert len(nrw_codes) > 800
    stored = set(db.scalars(select(PostalCode.code)).all())
    assert stored == nrw_codes
    for code in sorted(nrw_codes):
        result = locate(index, code)
        assert result.status in ("found", "ambiguous"), code
        assert result.matches


def test_postal_codes_spanning_two_municipalities_return_both(index: DirectoryIndex) -> None:
    spanning = {code: ags for code, ags in index.postal_codes.items() if len(ags) > 1}
    assert spanning, "a few NRW postal codes cover two municipalities"
    result = locate(index, "42369")
    assert result.status == "ambiguous"
    assert {index.municipality_names[m.municipality_ags] for m in result.matches} == {"Remscheid", "Wuppertal"}
