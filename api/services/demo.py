"""The demo offers: one CSV per Jugendamt in api/data/demo, imported through the normal CSV import.

Every row is flagged `demo` and carries only contact data the design allows (drama numbers 0221 4710 xxx,
example.org). Ids are derived from the Jugendamt and the offer's name, so loading again updates in place.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from api.directory.index import DirectoryIndex
from api.services.offers import Actor
from api.services.transfer import apply_import, parse_csv

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_NAMESPACE = uuid.UUID("0b5f3a52-2f7e-4c37-9d0e-5b7f5d1f6c21")
DEMO_ACTOR_LABEL = "Demo-Daten"


def load_demo_offers(session: Session, index: DirectoryIndex | None = None) -> int:
    index = index or DirectoryIndex.load(session)
    loaded = 0
    for path in sorted(DEMO_DIR.glob("*.csv")):
        jugendamt_id = path.stem
        rows = parse_csv(path.read_text(encoding="utf-8"), index)
        for row in rows:
            if row.fields is not None and not row.fields.demo:
                raise ValueError(f"{path.name} row {row.number}: demo files may only hold demo offers")
            if row.offer_id is None and row.fields is not None:
                row.offer_id = str(uuid.uuid5(DEMO_NAMESPACE, f"{jugendamt_id}:{row.fields.name}"))
        report, _ = apply_import(
            session, index, rows, Actor(jugendamt_id, DEMO_ACTOR_LABEL), replace=False, dry_run=False
        )
        loaded += report.total
    return loaded
