"""German sentences for pydantic's validation errors, so staff and the bot read plain German, not English jargon.

One place for these texts: the error handler of the API and the import report both use `describe`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_TEXTS: dict[str, str] = {
    "missing": "Dieses Feld fehlt.",
    "extra_forbidden": "Dieses Feld kennen wir nicht.",
    "string_too_short": "Dieses Feld darf nicht leer sein.",
    "string_too_long": "Der Text ist zu lang. Erlaubt sind {max_length} Zeichen.",
    "string_pattern_mismatch": "Die Angabe hat nicht die richtige Form.",
    "string_type": "Hier muss ein Text stehen.",
    "literal_error": "Erlaubt ist nur: {expected}.",
    "enum": "Erlaubt ist nur: {expected}.",
    "float_parsing": "Hier muss eine Zahl stehen.",
    "float_type": "Hier muss eine Zahl stehen.",
    "int_parsing": "Hier muss eine ganze Zahl stehen.",
    "int_type": "Hier muss eine ganze Zahl stehen.",
    "greater_than_equal": "Die Zahl muss mindestens {ge} sein.",
    "less_than_equal": "Die Zahl darf höchstens {le} sein.",
    "bool_parsing": "Bitte „ja“ oder „nein“ angeben.",
    "bool_type": "Bitte „ja“ oder „nein“ angeben.",
    "date_parsing": "Bitte ein Datum so schreiben: 2026-11-01.",
    "date_from_datetime_parsing": "Bitte ein Datum so schreiben: 2026-11-01.",
    "date_type": "Bitte ein Datum so schreiben: 2026-11-01.",
    "list_type": "Hier muss eine Liste stehen.",
    "too_long": "Die Liste ist zu lang. Erlaubt sind {max_length} Einträge.",
    "json_invalid": "Die Anfrage ist kein gültiges JSON.",
    "model_attributes_type": "Hier muss ein Objekt stehen.",
    "dict_type": "Hier muss ein Objekt stehen.",
}


def describe(error: Mapping[str, Any]) -> str:
    """The German sentence for one pydantic error; our own validators already speak German."""
    kind = str(error.get("type", ""))
    message = str(error.get("msg", ""))
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    template = _TEXTS.get(kind)
    if template is None:
        return "Diese Angabe ist nicht gültig."
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return template.split(".")[0] + "."


def field_name(error: Mapping[str, Any]) -> str:
    return ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "header"))
