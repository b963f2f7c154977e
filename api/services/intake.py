"""The staff intake: the page's messages go to the Rasa server's `staff` channel, the replies come back as they are.

Rasa sees a keyed hash of the page's intake id, never the id itself. A reply that carries offers adds one anonymous
count (month, municipality, need, the staff member's Jugendamt, whether an offer of the needed kind was found):
no ids, no text.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

import httpx
from sqlalchemy.orm import Session

from api.directory.index import DirectoryIndex
from api.errors import ServiceUnavailable
from api.models import IntakeCount
from api.repositories import referrals as repo
from api.services.transfer import neutralise
from api.settings import Settings
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.texts import text

log = logging.getLogger(__name__)

# The page's messages stay German for the staff member; the family's language is for the Laufzettel.
STAFF_LANGUAGE = "de"
STATISTICS_COLUMNS = (
    "month",
    "municipality_ags",
    "municipality",
    "need",
    "need_label",
    "intakes",
    "without_fitting_offer",
)


def sender_id(intake_id: UUID, secret: bytes) -> str:
    """The conversation's id in Rasa: `staff-` and 32 hex digits of an HMAC of the page's intake id."""
    digest = hmac.new(secret, str(intake_id).encode(), hashlib.sha256).hexdigest()
    return f"staff-{digest[:32]}"


def _channel(settings: Settings, path: str) -> tuple[str, dict[str, str]]:
    if not settings.staff_channel_token:
        raise ServiceUnavailable("api.staff.intake_unavailable")
    url = f"{settings.rasa_url.rstrip('/')}/webhooks/staff/{path}"
    return url, {"Authorization": f"Bearer {settings.staff_channel_token}"}


async def _post(client: httpx.AsyncClient, url: str, headers: dict[str, str], body: dict[str, Any]) -> httpx.Response:
    try:
        response = await client.post(url, json=body, headers=headers)
    except httpx.HTTPError as error:
        # The kind of failure only: the request holds what the staff member typed.
        log.warning("staff channel not reachable: %s", type(error).__name__)
        raise ServiceUnavailable("api.staff.intake_down") from None
    if response.status_code >= 300:
        log.warning("staff channel answered %d", response.status_code)
        raise ServiceUnavailable("api.staff.intake_down")
    return response


async def send_message(
    client: httpx.AsyncClient, settings: Settings, sender: str, message: str
) -> list[dict[str, Any]]:
    url, headers = _channel(settings, "webhook")
    body = {"sender": sender, "message": message, "metadata": {"language": STAFF_LANGUAGE}}
    response = await _post(client, url, headers, body)
    try:
        messages = response.json()
    except ValueError:
        messages = None
    if not isinstance(messages, list) or not all(isinstance(item, dict) for item in messages):
        log.warning("staff channel answered something that is not a list of messages")
        raise ServiceUnavailable("api.staff.intake_down")
    return messages


async def forget(client: httpx.AsyncClient, settings: Settings, sender: str) -> None:
    """Deletes the conversation in Rasa. Without a channel token no conversation can exist: nothing to do."""
    if not settings.staff_channel_token:
        return
    url, headers = _channel(settings, "forget")
    await _post(client, url, headers, {"sender": sender})


def offers_payloads(messages: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    payloads = []
    for message in messages:
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("type") == "offers":
            payloads.append(custom)
    return payloads


def count_offers(
    session: Session, payload: dict[str, Any], jugendamt_id: str, index: DirectoryIndex, now: datetime
) -> bool:
    """Adds one anonymous count for an offers payload; False when the payload names no known municipality."""
    municipality = payload.get("municipality")
    ags = municipality.get("ags") if isinstance(municipality, dict) else None
    if not isinstance(ags, str) or ags not in index.municipality_names:
        log.warning("offers payload without a known municipality: not counted")
        return False
    need = payload.get("need")
    offers = payload.get("offers")
    # `fitting` is False when no offer of the needed category was found (a Familienbüro may stand in).
    found = isinstance(offers, list) and bool(offers) and payload.get("fitting") is not False
    repo.add_intake(
        session,
        now.strftime("%Y-%m"),
        jugendamt_id,
        ags,
        need if need in CATEGORY_SLUGS else "",
        without_offer=not found,
    )
    return True


def need_label(need: str) -> str:
    return text(f"category.{need}.label", "de") if need else text("api.staff.statistics.need_unknown", "de")


def statistics_csv(rows: Iterable[IntakeCount], index: DirectoryIndex) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STATISTICS_COLUMNS)
    for row in rows:
        cells = [
            row.month,
            row.municipality_ags,
            index.municipality_names.get(row.municipality_ags, ""),
            row.need,
            need_label(row.need),
            str(row.intakes),
            str(row.without_fitting_offer),
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()
