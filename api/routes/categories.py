from __future__ import annotations

from fastapi import APIRouter

from api.deps import LanguageDep
from api.schemas.directory import CategoriesOut, CategoryOut, LifePhaseOut
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.life_phases import LIFE_PHASES
from vocabulary.texts import text

router = APIRouter(prefix="/v1/categories", tags=["categories"])


@router.get("")
async def list_categories(language: LanguageDep) -> CategoriesOut:
    """The offer categories with their labels and plain-language descriptions, and the life phases, in the asked
    language (`lang`, else Accept-Language, else German; the answer's Content-Language says which)."""
    return CategoriesOut(
        categories=[
            CategoryOut(
                slug=slug,
                label=text(f"category.{slug}.label", language),
                description=text(f"category.{slug}.description", language),
            )
            for slug in CATEGORY_SLUGS
        ],
        life_phases=[
            LifePhaseOut(
                slug=p.slug, label=text(f"life_phase.{p.slug}.label", language), min_age=p.min_age, max_age=p.max_age
            )
            for p in LIFE_PHASES
        ],
    )
