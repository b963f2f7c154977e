"""Import and export of one Jugendamt's offers: CSV (the staff's spreadsheet) and HSDS 3.0 JSON.

An import is all-or-nothing: every row is checked first, and if one row is rejected nothing is written
and the report lists every rejected row with the reason.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.directory.index import DirectoryIndex
from api.errors import ImportRejected
from api.models import Service
from api.repositories import offers as repo
from api.schemas.offers import ImportReport, ImportRowError, OfferFields
from api.services.offers import (
    Actor,
    LocationError,
    create_offer,
    fields_of,
    resolve_municipality,
    retire_offer,
    update_offer,
)
from api.services.opening_hours import WeeklySlot, format_slots
from api.validation_messages import describe, field_name
from api.wording import in_both
from vocabulary.texts import text

CSV_COLUMNS = ("id", *OfferFields.model_fields)
LIST_SEPARATOR = "|"
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "1", "x", "wahr"}
FALSE_WORDS = {"nein", "n", "no", "false", "0", "", "falsch"}
BOOLEAN_FIELDS = ("pregnancy", "free_of_charge", "home_visit", "demo")
MAX_ROWS = 5000
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"). The export
# puts a ' in front; the import takes exactly that one ' away again, so a round trip changes nothing.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
# Deterministic ids for HSDS taxonomy terms and attributes, so two exports of the same data are equal.
HSDS_NAMESPACE = uuid.UUID("6f1c2f5e-9a43-4d0e-8f55-2b8d7c0e4a11")
CATEGORY_TAXONOMY = "familiennavi-kategorie"
FLAG_TAXONOMY = "familiennavi-merkmal"
# The flags of an offer in the export, each with its description (in German, the export's language).
FLAG_DESCRIPTION_KEYS = {
    "home_visit": "api.hsds.flag.home_visit",
    "pregnancy": "api.hsds.flag.pregnancy",
    "free_of_charge": "api.hsds.flag.free_of_charge",
    "demo": "api.hsds.flag.demo",
}


@dataclass
class ParsedRow:
    number: int
    offer_id: str | None
    fields: OfferFields | None
    errors: list[ImportRowError] = field(default_factory=list)


def _row_error(number: int, field_name: str, key: str, /, **values: object) -> ImportRowError:
    message, message_en = in_both(key, **values)
    return ImportRowError(row=number, field=field_name, message=message, message_en=message_en)


def _validate(number: int, offer_id: str | None, data: dict[str, Any], index: DirectoryIndex) -> ParsedRow:
    try:
        fields = OfferFields.model_validate(data)
    except ValidationError as error:
        problems = [
            ImportRowError(
                row=number, field=field_name(problem) or "row", message=describe(problem), message_en=problem["msg"]
            )
            for problem in error.errors()
        ]
        return ParsedRow(number, offer_id, None, problems)
    try:
        resolve_municipality(index, fields.postal_code, fields.city)
    except LocationError as error:
        return ParsedRow(number, offer_id, None, [_row_error(number, error.field, error.key, **error.values)])
    return ParsedRow(number, offer_id, fields)


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: '+49 221 … for +49 221 …; ''=1 for '=1, so the import can undo it."""
    return f"'{cell}" if FORMULA_START.match(cell) else cell


def unneutralise(cell: str) -> str:
    """The inverse of `neutralise`: one ' less before a formula start, every other cell as it is."""
    return cell[1:] if cell.startswith("'") and FORMULA_START.match(cell) else cell


def _csv_value(name: str, value: str) -> Any:
    value = unneutralise(value.strip())
    if name in BOOLEAN_FIELDS:
        lowered = value.lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        return value  # left for the validator to reject with its message
    if name == "languages":
        return [part for part in value.split(LIST_SEPARATOR) if part.strip()]
    if name in ("minimum_age", "maximum_age", "assured_date"):
        return value.replace(",", ".") if value else None
    return value


def parse_csv(text: str, index: DirectoryIndex) -> list[ParsedRow]:
    # Spreadsheets save with a byte-order mark and often with ";" (German Excel): accept both.
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [
        name
        for name in ("name", "category", "description", "organization", "address", "postal_code", "city")
        if name not in header
    ]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if missing or unknown:
        errors = [_row_error(0, name, "api.import.column_missing") for name in missing]
        errors += [_row_error(0, name, "api.import.column_unknown") for name in unknown]
        raise ImportRejected("api.import.header_wrong", errors=[error.model_dump() for error in errors])
    reader.fieldnames = header
    rows: list[ParsedRow] = []
    for number, raw in enumerate(reader, start=1):
        if number > MAX_ROWS:
            raise ImportRejected("api.import.too_many", max_rows=MAX_ROWS)
        if None in raw:
            rows.append(ParsedRow(number, None, None, [_row_error(number, "row", "api.import.row_too_long")]))
            continue
        values = {name: value or "" for name, value in raw.items()}
        if not any(value.strip() for value in values.values()):
            continue
        offer_id = unneutralise(values.pop("id", "").strip()) or None
        data = {name: _csv_value(name, value) for name, value in values.items()}
        rows.append(_validate(number, offer_id, data, index))
    return rows


def _hsds_to_data(item: dict[str, Any]) -> dict[str, Any]:
    sal = (item.get("service_at_locations") or [{}])[0] or {}
    location = sal.get("location") or {}
    address = (location.get("addresses") or [{}])[0] or {}
    accessibility = (location.get("accessibility") or [{}])[0] or {}
    attributes = item.get("attributes") or []
    terms = [(attribute.get("taxonomy_term") or {}, attribute.get("value")) for attribute in attributes]
    category = next((term.get("code") for term, _ in terms if term.get("taxonomy") == CATEGORY_TAXONOMY), None)
    flags = {term.get("code"): value == "true" for term, value in terms if term.get("taxonomy") == FLAG_TAXONOMY}
    slots = [
        WeeklySlot(
            byday=tuple(filter(None, (schedule.get("byday") or "").split(","))),
            opens_at=schedule.get("opens_at"),
            closes_at=schedule.get("closes_at"),
            description=schedule.get("description") or "",
        )
        for schedule in item.get("schedules") or []
    ]
    return {
        "name": item.get("name"),
        "category": category,
        "description": item.get("description"),
        "organization": (item.get("organization") or {}).get("name"),
        "address": address.get("address_1"),
        "postal_code": address.get("postal_code"),
        "city": address.get("city"),
        "phone": ((item.get("phones") or [{}])[0] or {}).get("number") or "",
        "email": item.get("email") or "",
        "url": item.get("url") or "",
        "opening_hours": format_slots(slots),
        "languages": [language.get("code") for language in item.get("languages") or [] if language.get("code")],
        "minimum_age": item.get("minimum_age"),
        "maximum_age": item.get("maximum_age"),
        "pregnancy": flags.get("pregnancy", False),
        "free_of_charge": flags.get("free_of_charge", True),
        "fees_description": item.get("fees_description") or "",
        "home_visit": flags.get("home_visit", False),
        "accessibility": accessibility.get("description") or "",
        "assured_date": item.get("assured_date"),
        "demo": flags.get("demo", False),
    }


def parse_hsds(payload: Any, index: DirectoryIndex) -> list[ParsedRow]:
    items = payload.get("services") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise ImportRejected("api.import.not_a_list")
    if len(items) > MAX_ROWS:
        raise ImportRejected("api.import.too_many", max_rows=MAX_ROWS)
    rows = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            rows.append(ParsedRow(number, None, None, [_row_error(number, "row", "api.import.not_an_offer")]))
            continue
        offer_id = item.get("id") if isinstance(item.get("id"), str) else None
        try:
            data = _hsds_to_data(item)
        except (AttributeError, TypeError, IndexError):
            rows.append(ParsedRow(number, offer_id, None, [_row_error(number, "row", "api.import.not_hsds")]))
            continue
        rows.append(_validate(number, offer_id, data, index))
    return rows


def apply_import(
    session: Session,
    index: DirectoryIndex,
    rows: list[ParsedRow],
    actor: Actor,
    *,
    replace: bool,
    dry_run: bool,
) -> tuple[ImportReport, set[str]]:
    """Write all rows or none. Returns the report and the Jugendämter whose cache must be dropped."""
    errors = [error for row in rows for error in row.errors]
    ids = [row.offer_id for row in rows if row.offer_id]
    owners = repo.owners_of(session, ids)
    seen: set[str] = set()
    for row in rows:
        if not row.offer_id:
            continue
        if row.offer_id in seen:
            errors.append(_row_error(row.number, "id", "api.import.id_twice"))
        seen.add(row.offer_id)
        owner = owners.get(row.offer_id)
        if owner is not None and owner != actor.jugendamt_id:
            errors.append(_row_error(row.number, "id", "api.import.id_other_jugendamt"))
        try:
            uuid.UUID(row.offer_id)
        except ValueError:
            errors.append(_row_error(row.number, "id", "api.import.id_not_uuid"))
    if errors:
        bad_rows = len({error.row for error in errors})
        raise ImportRejected(
            "api.import.rejected_one" if bad_rows == 1 else "api.import.rejected",
            errors=[error.model_dump() for error in errors],
            rows=bad_rows,
        )
    created = updated = retired = 0
    kreise: set[str] = set()
    kept: set[str] = set()
    for row in rows:
        assert row.fields is not None
        existing = repo.get_service(session, row.offer_id) if row.offer_id else None
        if existing is None:
            service = create_offer(session, index, row.fields, actor, offer_id=row.offer_id, action="import")
            created += 1
        else:
            before = fields_of(existing)
            service, kreis_before = update_offer(session, index, existing, row.fields, actor, action="import")
            kreise.add(kreis_before)
            if fields_of(service) != before:
                updated += 1
        kept.add(service.id)
        kreise.add(service.kreis_ags)
    if replace:
        for service in repo.services_of_jugendamt(session, actor.jugendamt_id):
            if service.id not in kept:
                retire_offer(session, service, actor)
                kreise.add(service.kreis_ags)
                retired += 1
    report = ImportReport(dry_run=dry_run, total=len(rows), created=created, updated=updated, retired=retired)
    if dry_run:
        session.rollback()
    jugendaemter = {actor.jugendamt_id}
    for kreis_ags in kreise:
        jugendaemter |= index.kreis_jugendaemter.get(kreis_ags, set())
    return report, jugendaemter


def _csv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def export_csv(services: Iterable[Service]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for service in services:
        fields = fields_of(service).model_dump()
        cells = [service.id, *(_csv_cell(fields[name]) for name in CSV_COLUMNS[1:])]
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()


def _term_id(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{taxonomy}:{code}"))


def _attribute(service: Service, taxonomy: str, code: str, name: str, description: str, value: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid5(HSDS_NAMESPACE, f"{service.id}:{taxonomy}:{code}")),
        "link_id": service.id,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": _term_id(taxonomy, code),
        "value": value,
        "taxonomy_term": {
            "id": _term_id(taxonomy, code),
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": taxonomy,
        },
    }


def to_hsds(service: Service) -> dict[str, Any]:
    location = service.location
    slug = service.category
    label, description = text(f"category.{slug}.label", "de"), text(f"category.{slug}.description", "de")
    attributes = [_attribute(service, CATEGORY_TAXONOMY, slug, label, description, "true")]
    attributes += [
        _attribute(service, FLAG_TAXONOMY, flag, flag, text(key, "de"), "true" if getattr(service, flag) else "false")
        for flag, key in FLAG_DESCRIPTION_KEYS.items()
    ]
    item: dict[str, Any] = {
        "id": service.id,
        "organization_id": service.organization.id,
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "fees_description": service.fees_description,
        "assured_date": service.assured_date.isoformat() if service.assured_date else None,
        "last_modified": service.updated_at.isoformat(),
        "organization": {
            "id": service.organization.id,
            "name": service.organization.name,
            "description": service.organization.description or service.organization.name,
        },
        "phones": [
            {"id": phone.id, "service_id": service.id, "number": phone.number, "type": "voice"}
            for phone in service.phones
        ],
        "schedules": [
            {
                "id": schedule.id,
                "service_id": service.id,
                **(
                    {
                        "freq": "WEEKLY",
                        "byday": schedule.byday,
                        "opens_at": schedule.opens_at,
                        "closes_at": schedule.closes_at,
                    }
                    if schedule.byday
                    else {}
                ),
                "description": schedule.description,
            }
            for schedule in service.schedules
        ],
        "languages": [
            {"id": language.id, "service_id": service.id, "name": language.name, "code": language.code}
            for language in service.languages
        ],
        "service_at_locations": [
            {
                "id": service.service_at_locations[0].id,
                "service_id": service.id,
                "location_id": location.id,
                "location": {
                    "id": location.id,
                    "location_type": "physical",
                    "name": location.name,
                    "addresses": [
                        {
                            "id": str(uuid.uuid5(HSDS_NAMESPACE, f"{location.id}:address")),
                            "location_id": location.id,
                            "address_1": location.address_1,
                            "city": location.city,
                            "state_province": "Nordrhein-Westfalen",
                            "postal_code": location.postal_code,
                            "country": "DE",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": str(uuid.uuid5(HSDS_NAMESPACE, f"{location.id}:accessibility")),
                            "location_id": location.id,
                            "description": location.accessibility,
                        }
                    ]
                    if location.accessibility
                    else [],
                },
            }
        ],
        "attributes": attributes,
    }
    if service.email:
        item["email"] = service.email
    if service.url:
        item["url"] = service.url
    if service.minimum_age is not None:
        item["minimum_age"] = service.minimum_age
    if service.maximum_age is not None:
        item["maximum_age"] = service.maximum_age
    if item["assured_date"] is None:
        del item["assured_date"]
    return item
