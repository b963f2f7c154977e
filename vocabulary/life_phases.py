"""The life phases from pregnancy to the first job, with the child's age that belongs to each.

Labels and button titles are texts (`life_phase.<slug>.label|button`); a test checks they name these ages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LifePhase:
    slug: str
    # Child's age in years, lower bound inclusive, upper bound exclusive. Pregnancy has no age.
    min_age: float | None
    max_age: float | None


LIFE_PHASES: tuple[LifePhase, ...] = (
    LifePhase("schwangerschaft", None, None),
    LifePhase("baby", 0, 1),
    LifePhase("kleinkind", 1, 3),
    LifePhase("kita", 3, 6),
    LifePhase("grundschule", 6, 10),
    LifePhase("schule", 10, 16),
    LifePhase("beruf", 15, 25),
)
# Children leave primary school at ten, a few at eleven: below this age, a message that names the Grundschule keeps
# the child in the phase "grundschule" (vocabulary/facts.py `as_named`).
PRIMARY_SCHOOL_MAX_AGE = 11
LIFE_PHASE_SLUGS: tuple[str, ...] = tuple(phase.slug for phase in LIFE_PHASES)
LIFE_PHASES_BY_SLUG: dict[str, LifePhase] = {phase.slug: phase for phase in LIFE_PHASES}


def life_phase_for_age(age: float) -> str:
    """The first phase whose ages hold `age` (so a 15-year-old is still at school); older than all: "beruf"."""
    for phase in LIFE_PHASES:
        if phase.min_age is not None and phase.max_age is not None and phase.min_age <= age < phase.max_age:
            return phase.slug
    return "beruf"
