"""The API's texts come from the shared catalogue (vocabulary/texts): German for `detail`, English for `detail_en`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vocabulary.texts import text


@dataclass(frozen=True)
class Key:
    """A value that is itself a text, in the language of the sentence: Key("api.state.by") → "Bayern", "Bavaria"."""

    key: str


def _value(value: object, language: str) -> object:
    if isinstance(value, Key):
        return text(value.key, language)
    if isinstance(value, Sequence) and not isinstance(value, str):
        # A list of names, as in "Remscheid oder Wuppertal".
        return f" {text('api.word.or', language)} ".join(str(item) for item in value)
    return value


def say(key: str, language: str, /, **values: object) -> str:
    """The text for `key` in `language`, with Key values and lists of names in that language too."""
    return text(key, language, **{name: _value(value, language) for name, value in values.items()})


def in_both(key: str, /, **values: object) -> tuple[str, str]:
    """The German and the English text for `key`."""
    return say(key, "de", **values), say(key, "en", **values)
