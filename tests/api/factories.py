"""Test data builders."""

from __future__ import annotations

from typing import Any


def offer_fields(**overrides: Any) -> dict[str, Any]:
    """A valid offer as staff would send it; override any field."""
    fields: dict[str, Any] = {
        "name": "Eltern-Café Testhausen",
        "category": "familienzentrum",
        "description": "Hier treffen Sie andere Eltern bei Kaffee und Tee.",
        "organization": "Beispiel-Träger Familienhilfe e. V.",
        "address": "Teststraße 1 (Beispieladresse)",
        "postal_code": "44137",
        "city": "Dortmund",
        "phone": "0221 4710 999",
        "email": "cafe@example.org",
        "url": "https://example.org/cafe",
        "opening_hours": "Mo-Fr 09:00-12:00; Do 15:00-17:00",
        "languages": ["de", "tr"],
        "minimum_age": 0,
        "maximum_age": 6,
        "pregnancy": False,
        "free_of_charge": True,
        "fees_description": "",
        "home_visit": False,
        "accessibility": "rollstuhlgerecht",
        "assured_date": "2026-11-01",
        "demo": True,
    }
    fields.update(overrides)
    return fields
