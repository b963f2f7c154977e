"""The needs a parent can name (slot `topic`), each with its NLU intent `need_<topic>`.

Button titles are texts (`need.<topic>`); the routing table (actions/routing.py) maps each need to categories.
"""

from __future__ import annotations

NEEDS: tuple[str, ...] = (
    "birth",
    "doctor_referral",
    "overwhelmed",
    "school",
    "childcare",
    "money_forms",
    "parenting_conflict",
    "job_training",
)
NEED_INTENT_PREFIX = "need_"
NEED_INTENTS: tuple[str, ...] = tuple(NEED_INTENT_PREFIX + need for need in NEEDS)
# The order of the need buttons: the most asked first.
NEED_BUTTON_ORDER: tuple[str, ...] = (
    "birth",
    "money_forms",
    "childcare",
    "school",
    "parenting_conflict",
    "overwhelmed",
    "doctor_referral",
    "job_training",
)
