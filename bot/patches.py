"""Start-up patches of Rasa 3.6, applied by bot/server.py before Rasa starts (never an edit of the package).

1. Action-response validation built once. `RemoteAction._validate_action_result` calls `jsonschema.validate`,
   which checks the schema itself against its meta-schema on every action call: about 85 % of the Rasa
   process's busy time under load (profile in bench/README.md). The schema never changes, so one validator is
   built on first use and reused; responses are checked exactly as before and raise the same ValidationError.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)
_applied = False


def _validate_action_result_once_built(self: Any, result: dict[str, Any]) -> bool:
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    validator = getattr(RemoteAction, "_familiennavi_validator", None)
    if validator is None:
        schema = RemoteAction.action_response_format_spec()
        validator = validator_for(schema)(schema)
        RemoteAction._familiennavi_validator = validator  # type: ignore[attr-defined]
    try:
        validator.validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise


def _this_turn(tracker: Any) -> list[Any]:
    """The events since the parent's latest message."""
    from rasa.shared.core.events import UserUttered

    events: list[Any] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        events.append(event)
    return events


def _run_or_apologise(original: Any) -> Any:
    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Any]:
        from rasa.core.actions.action import ActionExecutionRejection
        from rasa.shared.core.events import ActionExecuted, BotUttered, FollowupAction, SessionStarted
        from rasa.shared.exceptions import RasaException

        from bot.channels.guard import disturbed_messages
        from vocabulary.crisis import kind_of_intent

        try:
            result: list[Any] = await original(self, output_channel, nlg, tracker, domain)
            return result
        except ActionExecutionRejection:
            raise
        except RasaException as error:
            # The action's name and the error's type only: the error text may quote the conversation.
            if self.name() == "action_session_start":
                # Start the session as Rasa does by default, so the message itself is still answered.
                log.error("action_session_start failed (%s): default session start", type(error).__name__)
                return [SessionStarted(), ActionExecuted("action_listen")]
            log.error("action %s failed (%s): answered 'kurz gestört'", self.name(), type(error).__name__)
            written = str(tracker.latest_message.text or "")
            kind = kind_of_intent((tracker.latest_message.intent or {}).get("name"))
            language = tracker.get_slot("language") if "language" in tracker.slots else None
            messages = disturbed_messages(written, language, kind)
            turn = _this_turn(tracker)
            # A form calls several actions for one message: the parent hears it once.
            events: list[Any] = [
                BotUttered(message["text"], {"custom": message["custom"]})
                for message in messages
                if not any(isinstance(event, BotUttered) and event.text == message["text"] for event in turn)
            ]
            return [*events, FollowupAction("action_listen")]

    return run


def _remembered(all_subclasses: Any) -> Any:
    known: dict[Any, list[Any]] = {}

    def remembered(cls: Any) -> list[Any]:
        if cls not in known:
            known[cls] = all_subclasses(cls)
        return list(known[cls])

    return remembered


def apply() -> None:
    global _applied
    if _applied:
        return
    import rasa.shared.utils.common
    from rasa.core.actions.action import RemoteAction

    rasa.shared.utils.common.all_subclasses = _remembered(rasa.shared.utils.common.all_subclasses)
    RemoteAction._validate_action_result = _validate_action_result_once_built  # type: ignore[method-assign]
    RemoteAction.run = _run_or_apologise(RemoteAction.run)  # type: ignore[method-assign]
    _applied = True
