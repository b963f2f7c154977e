"""Readers for the curated tables (api/data/directory) and the postal-code package.

Each reader returns plain rows and checks the file's shape, so a broken edit fails the build loudly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DIRECTORY_DIR = Path(__file__).resolve().parent.parent / "data" / "directory"
NRW_STATE_CODE = "NW"


@dataclass(frozen=True)
class PostalRecord:
    code: str
    state: str
    locality: str


def read_csv(name: str, required: tuple[str, ...], directory: Path = DIRECTORY_DIR) -> list[dict[str, str]]:
    path = directory / name
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        return [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]


def german_postal_codes() -> Iterator[PostalRecord]:
    """All German postal codes with their state and locality, from countrystatecity-postal-codes (ODbL)."""
    from countrystatecity_postal_codes import get_postcodes_of_country

    for record in get_postcodes_of_country("DE"):
        yield PostalRecord(code=record.code, state=record.stateCode or "", locality=record.localityName or "")
