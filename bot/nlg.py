"""Rasa's responses with their texts from the catalogue (endpoints.yml: `nlg: {type: bot.nlg.CatalogueNLG}`).

domain.yml gives each response its structure (buttons and their payloads, the `ask` payload); its `text` and the
button titles are keys of the text catalogue (vocabulary/texts/<language>.json). Texts are looked up in the
conversation's language (slot `language`) and filled with the values the action passed.
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from vocabulary.texts import text


class CatalogueNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__(domain.responses if domain else {})

    def _fill_response(
        self, response: dict[str, Any], filled_slots: dict[str, Any] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        slots = filled_slots or {}
        language = slots.get("language")
        if response.get("text"):
            response["text"] = text(response["text"], language, **{**slots, **kwargs})
        for button in response.get("buttons") or []:
            button["title"] = text(button["title"], language)
        return response
