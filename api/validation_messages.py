"""Plain German for pydantic's validation errors, so staff and the bot read plain German, not English jargon.

The texts are in the catalogue: `api.validation.<pydantic error type>`. Our own checks raise `invalid(key)`, whose
error type is the catalogue key itself and whose message (`msg`, the English `message_en`) is the English text.
The error handler of the API and the import report both use `describe`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import PydanticCustomError

from vocabulary.texts import DEFAULT_LANGUAGE, catalogue, resolve, text

FALLBACK = "api.validation.invalid"


def _template(key: str, language: str) -> str:
    return catalogue(resolve(language)).get(key) or catalogue(DEFAULT_LANGUAGE)[key]


def invalid(key: str, /, **values: object) -> PydanticCustomError:
    """A validation error of our own, named by its text key; pydantic fills in the English text as `msg`."""
    return PydanticCustomError(key, _template(key, "en"), values)


def describe(error: Mapping[str, Any], language: str = DEFAULT_LANGUAGE) -> str:
    """The sentence for one pydantic error, in German unless another language is asked for."""
    kind = str(error.get("type", ""))
    # Our own errors carry their key as type ("api.validation.phone", "opening_hours.bad_time").
    key = kind if "." in kind else f"api.validation.{kind}"
    if key not in catalogue(DEFAULT_LANGUAGE):
        key = FALLBACK
    try:
        return text(key, language, **(error.get("ctx") or {}))
    except (KeyError, IndexError):
        # A placeholder without a value: the first sentence still says what is wrong.
        return _template(key, language).split(".")[0] + "."


def field_name(error: Mapping[str, Any]) -> str:
    return ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "header"))
