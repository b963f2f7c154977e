from __future__ import annotations

from fastapi import APIRouter

from api.catalog import CATEGORIES, LIFE_PHASES
from api.schemas.directory import CategoriesOut, CategoryOut, LifePhaseOut

router = APIRouter(prefix="/v1/categories", tags=["categories"])


@router.get("")
async def list_categories() -> CategoriesOut:
    """The offer categories with German labels and plain-language descriptions, and the life phases."""
    return CategoriesOut(
        categories=[CategoryOut(slug=c.slug, label=c.label, description=c.description) for c in CATEGORIES],
        life_phases=[
            LifePhaseOut(slug=p.slug, label=p.label, min_age=p.min_age, max_age=p.max_age) for p in LIFE_PHASES
        ],
    )
