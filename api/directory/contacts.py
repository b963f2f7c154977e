"""The public contacts of the Jugendämter (api/data/directory/jugendamt_contacts.csv), checked strictly.

Every value comes from a public page named in the row; nothing is guessed. A row without any source says so
with the status "no_public_source_found" and leaves every contact field empty. See SOURCES.md for the rules.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from api.models.directory import NO_PUBLIC_SOURCE

CONTACTS_FILE = "jugendamt_contacts.csv"
CONTACT_COLUMNS: tuple[str, ...] = (
    "id",
    "contact_status",
    "phone",
    "phone_note",
    "address",
    "url",
    "familienbuero_name",
    "familienbuero_phone",
    "familienbuero_url",
    "phone_source",
    "address_source",
    "url_source",
    "familienbuero_source",
    "checked",
    "checked_basis",
    "note",
)
SOURCED, PARTIAL = "sourced", "partial"
STATUSES = (SOURCED, PARTIAL, NO_PUBLIC_SOURCE)
# "page_date": the page shows its own date; "read_stored_copy": no date on the page, the day we read it.
# Rows without a source carry the day of the search, with the basis "searched".
CHECKED_BASES = ("page_date", "read_stored_copy")

# One written form for every German number: area code (0 and 2 to 5 digits), one space, the subscriber
# number, optionally "-" and the extension: "0231 50-12345", "02161 25-3389", "0202 5633553", "0800 1110111".
PHONE_PATTERN = re.compile(r"^0[1-9][0-9]{1,4} [1-9][0-9]{1,7}(-[0-9]{1,6})?$")
# Which fields each source column vouches for.
SOURCE_OF: dict[str, tuple[str, ...]] = {
    "phone_source": ("phone",),
    "address_source": ("address",),
    "url_source": ("url",),
    "familienbuero_source": ("familienbuero_name", "familienbuero_phone", "familienbuero_url"),
}


class ContactError(ValueError):
    """A contact row breaks the rules of the curated table."""


def is_phone(value: str) -> bool:
    digits = value.replace(" ", "").replace("-", "")
    return bool(PHONE_PATTERN.match(value)) and 6 <= len(digits) <= 15


def is_web_page(value: str, *, schemes: tuple[str, ...] = ("https",)) -> bool:
    parts = urlsplit(value)
    return parts.scheme in schemes and bool(parts.hostname) and "." in (parts.hostname or "") and " " not in value


def is_source(value: str) -> bool:
    """A source is the address of a public page (older stored pages may still be plain http)."""
    return is_web_page(value, schemes=("https", "http"))


def expected_status(row: dict[str, str]) -> str:
    if row["phone"] and (row["url"] or row["address"]):
        return SOURCED
    fields = ("phone", "address", "url", "familienbuero_name")
    return PARTIAL if any(row[field] for field in fields) else NO_PUBLIC_SOURCE


def row_errors(row: dict[str, str], today: dt.date | None = None) -> list[str]:
    """Everything wrong with one row, in plain words (empty when the row is fine)."""
    errors: list[str] = []
    status = row["contact_status"]
    if status not in STATUSES:
        errors.append(f"contact_status {status!r} is not one of {STATUSES}")
    elif status != expected_status(row):
        errors.append(f"contact_status {status!r} does not fit the fields (expected {expected_status(row)!r})")
    for field in ("phone", "familienbuero_phone"):
        if row[field] and not is_phone(row[field]):
            errors.append(f"{field} {row[field]!r} is not written as '0231 50-12345'")
    for field in ("url", "familienbuero_url"):
        if row[field] and not is_web_page(row[field]):
            errors.append(f"{field} {row[field]!r} is not an https address with a host")
    if (row["familienbuero_phone"] or row["familienbuero_url"]) and not row["familienbuero_name"]:
        errors.append("a Familienbüro phone or web page needs the Familienbüro's name")
    for source, fields in SOURCE_OF.items():
        has_data = any(row[field] for field in fields)
        if has_data and not row[source]:
            errors.append(f"{'/'.join(fields)} without {source}")
        if row[source] and not has_data:
            errors.append(f"{source} without data")
        for url in row[source].split():
            if not is_source(url):
                errors.append(f"{source} {url!r} is not a URL")
    if status == NO_PUBLIC_SOURCE and not row["note"]:
        errors.append("a row without a source says in `note` where we looked")
    try:
        checked = dt.date.fromisoformat(row["checked"])
    except ValueError:
        errors.append(f"checked {row['checked']!r} is not a date like 2026-12-01")
    else:
        if checked > (today or dt.date.today()):
            errors.append(f"checked {checked} lies in the future")
    bases = ("searched",) if status == NO_PUBLIC_SOURCE else CHECKED_BASES
    if row["checked_basis"] not in bases:
        errors.append(f"checked_basis {row['checked_basis']!r} is not one of {bases}")
    return errors


@dataclass(frozen=True)
class Contact:
    status: str
    phone: str | None
    phone_note: str | None
    address: str | None
    url: str | None
    familienbuero_name: str | None
    familienbuero_phone: str | None
    familienbuero_url: str | None
    sources: str | None
    checked: dt.date


def contacts_by_id(rows: list[dict[str, str]], jugendamt_ids: list[str]) -> dict[str, Contact]:
    """The checked contact of every Jugendamt; raises ContactError on any broken row or a missing office."""
    seen = [row["id"] for row in rows]
    problems: list[str] = []
    if sorted(seen) != sorted(set(seen)):
        problems.append(f"ids twice: {sorted({i for i in seen if seen.count(i) > 1})}")
    if set(seen) != set(jugendamt_ids):
        missing, unknown = set(jugendamt_ids) - set(seen), set(seen) - set(jugendamt_ids)
        problems.append(f"ids differ from jugendaemter.csv: missing {sorted(missing)}, unknown {sorted(unknown)}")
    for row in rows:
        problems += [f"{row['id']}: {error}" for error in row_errors(row)]
    if problems:
        raise ContactError("; ".join(problems))
    contacts: dict[str, Contact] = {}
    for row in rows:
        sources = list(dict.fromkeys(url for column in SOURCE_OF for url in row[column].split()))
        contacts[row["id"]] = Contact(
            status=row["contact_status"],
            phone=row["phone"] or None,
            phone_note=row["phone_note"] or None,
            address=row["address"] or None,
            url=row["url"] or None,
            familienbuero_name=row["familienbuero_name"] or None,
            familienbuero_phone=row["familienbuero_phone"] or None,
            familienbuero_url=row["familienbuero_url"] or None,
            sources="\n".join(sources) or None,
            checked=dt.date.fromisoformat(row["checked"]),
        )
    return contacts
