"""The directory held in memory for locate: a few thousand names and codes, read once per process.

Locating is a dictionary look-up instead of a database query. Each worker reads the index at start-up:
after `python -m api.directory.build`, restart the API (the directory changes a few times a year).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import DirectoryMeta, ForeignPlace, ForeignPostalCode, Municipality, PlaceName, PostalCode


@dataclass(frozen=True)
class Place:
    municipality_ags: str
    kind: str
    display: str


@dataclass
class DirectoryIndex:
    version: str
    municipality_names: dict[str, str] = field(default_factory=dict)
    municipality_kreis: dict[str, str] = field(default_factory=dict)
    municipality_jugendamt: dict[str, str] = field(default_factory=dict)
    postal_codes: dict[str, list[str]] = field(default_factory=dict)
    places: dict[str, list[Place]] = field(default_factory=dict)
    foreign_postal_codes: dict[str, str] = field(default_factory=dict)
    foreign_places: dict[str, str] = field(default_factory=dict)
    kreis_jugendaemter: dict[str, set[str]] = field(default_factory=dict)
    _nrw_keys: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, session: Session) -> DirectoryIndex:
        version = session.scalar(select(DirectoryMeta.value).where(DirectoryMeta.key == "version")) or ""
        index = cls(version=version)
        kreis_jugendaemter: dict[str, set[str]] = defaultdict(set)
        for ags, name, kreis_ags, jugendamt_id in session.execute(
            select(Municipality.ags, Municipality.name, Municipality.kreis_ags, Municipality.jugendamt_id)
        ):
            index.municipality_names[ags] = name
            index.municipality_kreis[ags] = kreis_ags
            index.municipality_jugendamt[ags] = jugendamt_id
            kreis_jugendaemter[kreis_ags].add(jugendamt_id)
        index.kreis_jugendaemter = dict(kreis_jugendaemter)
        postal: dict[str, list[str]] = defaultdict(list)
        for code, ags in session.execute(select(PostalCode.code, PostalCode.municipality_ags)):
            postal[code].append(ags)
        index.postal_codes = dict(postal)
        places: dict[str, list[Place]] = defaultdict(list)
        for key, display, kind, ags in session.execute(
            select(PlaceName.key, PlaceName.display, PlaceName.kind, PlaceName.municipality_ags)
        ):
            places[key].append(Place(municipality_ags=ags, kind=kind, display=display))
        index.places = dict(places)
        index.foreign_postal_codes = dict(
            session.execute(select(ForeignPostalCode.code, ForeignPostalCode.state)).all()
        )
        index.foreign_places = {
            key: state for key, state in session.execute(select(ForeignPlace.key, ForeignPlace.state))
        }
        index._nrw_keys = sorted(index.places)
        return index

    def similar_keys(self, key: str, limit: int = 3) -> list[str]:
        return difflib.get_close_matches(key, self._nrw_keys, n=limit, cutoff=0.82)

    def jugendaemter_near(self, municipality_ags: list[str]) -> set[str]:
        """Jugendämter whose offers a search for these municipalities may show (same Kreis, own office)."""
        nearby: set[str] = set()
        for ags in municipality_ags:
            nearby.add(self.municipality_jugendamt[ags])
            nearby |= self.kreis_jugendaemter.get(self.municipality_kreis[ags], set())
        return nearby
