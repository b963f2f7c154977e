"""The eight kinds of offer of the kinderstark prevention chains (the design's table), in the design's order.

Their labels, descriptions and the sentence "why it fits" are texts: `category.<slug>.label|description|why`.
"""

from __future__ import annotations

CATEGORY_SLUGS: tuple[str, ...] = (
    "familienbuero",
    "lotsendienst_geburtsklinik",
    "lotsendienst_praxis",
    "aufsuchend",
    "familiengrundschulzentrum",
    "familienzentrum",
    "beratung",
    "uebergang_beruf",
)
