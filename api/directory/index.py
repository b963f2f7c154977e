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
from vocabulary.names import script_of

# The kind of a name in another language or script (town_names.csv): looked up only after the German names.
OTHER_LANGUAGE = "other_language"


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
    # Names in other languages and scripts (Cologne, Кёльн, كولونيا), apart from the German ones they never beat.
    other_names: dict[str, list[Place]] = field(default_factory=dict)
    foreign_postal_codes: dict[str, str] = field(default_factory=dict)
    foreign_places: dict[str, str] = field(default_factory=dict)
    kreis_jugendaemter: dict[str, set[str]] = field(default_factory=dict)
    _nrw_keys: list[str] = field(default_factory=list)
    _other_keys: dict[str, list[str]] = field(default_factory=dict)

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
        other_names: dict[str, list[Place]] = defaultdict(list)
        for key, display, kind, ags in session.execute(
            select(PlaceName.key, PlaceName.display, PlaceName.kind, PlaceName.municipality_ags)
        ):
            (other_names if kind == OTHER_LANGUAGE else places)[key].append(
                Place(municipality_ags=ags, kind=kind, display=display)
            )
        index.places = dict(places)
        index.other_names = dict(other_names)
        index.foreign_postal_codes = dict(
            session.execute(select(ForeignPostalCode.code, ForeignPostalCode.state)).all()
        )
        index.foreign_places = {
            key: state for key, state in session.execute(select(ForeignPlace.key, ForeignPlace.state))
        }
        index._nrw_keys = sorted(index.places)
        other_keys: dict[str, list[str]] = defaultdict(list)
        for key in sorted(index.other_names):
            if script_of(key) != "latin":
                other_keys[script_of(key)].append(key)
        index._other_keys = dict(other_keys)
        return index

    def similar_keys(self, key: str, limit: int = 3) -> list[str]:
        """German names close to a Latin key; for a Cyrillic or Arabic key, the names in that script."""
        script = script_of(key)
        keys = self._nrw_keys if script == "latin" else self._other_keys.get(script, [])
        return difflib.get_close_matches(key, keys, n=limit, cutoff=0.82)

    def similar_places(self, key: str) -> list[Place]:
        found = self.places if script_of(key) == "latin" else self.other_names
        return [place for similar in self.similar_keys(key) for place in found[similar]]

    def jugendaemter_near(self, municipality_ags: list[str]) -> set[str]:
        """Jugendämter whose offers a search for these municipalities may show (same Kreis, own office)."""
        nearby: set[str] = set()
        for ags in municipality_ags:
            nearby.add(self.municipality_jugendamt[ags])
            nearby |= self.kreis_jugendaemter.get(self.municipality_kreis[ags], set())
        return nearby
