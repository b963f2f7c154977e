"""The one place for the offer categories and the life phases.

Pure Python without imports of the web stack, so the bot's custom actions can import it too.
Texts a parent reads follow the plain-language rules of the design: short sentences, everyday words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    slug: str
    label: str
    description: str


@dataclass(frozen=True)
class LifePhase:
    slug: str
    label: str
    # Child's age in years, lower bound inclusive, upper bound exclusive. Pregnancy has no age.
    min_age: float | None
    max_age: float | None


CATEGORIES: tuple[Category, ...] = (
    Category(
        "familienbuero",
        "Familienbüro",
        "Das Familienbüro ist die erste Stelle für alle Fragen. Dort hilft man Ihnen auch bei Anträgen und Formularen.",
    ),
    Category(
        "lotsendienst_geburtsklinik",
        "Lotsendienst in der Geburtsklinik",
        "Lotsen sind Menschen, die Ihnen den Weg zeigen. "
        "Sie sind in der Klinik, in der Ihr Baby geboren wird. "
        "Sie sagen Ihnen, welche Hilfe es nach der Geburt gibt.",
    ),
    Category(
        "lotsendienst_praxis",
        "Lotsendienst in der Arztpraxis",
        "Lotsen sind Menschen, die Ihnen den Weg zeigen. "
        "Sie sind in der Praxis vom Kinderarzt oder Frauenarzt. "
        "Sie helfen, wenn Sie mehr als ärztliche Hilfe brauchen.",
    ),
    Category(
        "aufsuchend",
        "Hilfe zu Hause",
        "Jemand kommt zu Ihnen nach Hause. Zum Beispiel eine Familien-Hebamme oder ein Willkommens-Besuch.",
    ),
    Category(
        "familiengrundschulzentrum",
        "Familiengrundschulzentrum",
        "Ein Treffpunkt für Eltern an der Grundschule. Dort gibt es Hilfe beim Lernen und Kontakt zu anderen Eltern.",
    ),
    Category(
        "familienzentrum",
        "Familienzentrum",
        "Ein Familienzentrum ist meistens in einer Kita. Dort gibt es ein Eltern-Café, Spielgruppen und Kurse.",
    ),
    Category(
        "beratung",
        "Beratung",
        "Hier sprechen Sie mit Fachleuten über Ihre Sorgen. "
        "Zum Beispiel bei Streit, Trennung, Erziehung oder in der Schwangerschaft.",
    ),
    Category(
        "uebergang_beruf",
        "Von der Schule in den Beruf",
        "Hilfe für junge Menschen nach der Schule. Es geht um Ausbildung und Arbeit.",
    ),
)

CATEGORY_SLUGS: tuple[str, ...] = tuple(category.slug for category in CATEGORIES)
CATEGORIES_BY_SLUG: dict[str, Category] = {category.slug: category for category in CATEGORIES}

LIFE_PHASES: tuple[LifePhase, ...] = (
    LifePhase("schwangerschaft", "Schwangerschaft", None, None),
    LifePhase("baby", "Baby (bis 1 Jahr)", 0, 1),
    LifePhase("kleinkind", "Kleinkind (1 bis 3 Jahre)", 1, 3),
    LifePhase("kita", "Kita-Kind (3 bis 6 Jahre)", 3, 6),
    LifePhase("grundschule", "Grundschul-Kind (6 bis 10 Jahre)", 6, 10),
    LifePhase("schule", "Schul-Kind (10 bis 16 Jahre)", 10, 16),
    LifePhase("beruf", "Junge Menschen (15 bis 25 Jahre)", 15, 25),
)

LIFE_PHASE_SLUGS: tuple[str, ...] = tuple(phase.slug for phase in LIFE_PHASES)
LIFE_PHASES_BY_SLUG: dict[str, LifePhase] = {phase.slug: phase for phase in LIFE_PHASES}

# Languages an offer can be given in: ISO 639-1 codes (639-3 where there is none) with German names.
LANGUAGE_NAMES: dict[str, str] = {
    "de": "Deutsch",
    "en": "Englisch",
    "tr": "Türkisch",
    "ar": "Arabisch",
    "ru": "Russisch",
    "uk": "Ukrainisch",
    "pl": "Polnisch",
    "ro": "Rumänisch",
    "bg": "Bulgarisch",
    "fa": "Persisch",
    "ku": "Kurdisch",
    "nl": "Niederländisch",
    "fr": "Französisch",
    "es": "Spanisch",
    "it": "Italienisch",
    "pt": "Portugiesisch",
    "el": "Griechisch",
    "sq": "Albanisch",
    "sr": "Serbisch",
    "hr": "Kroatisch",
    "bs": "Bosnisch",
    "hu": "Ungarisch",
    "ti": "Tigrinya",
    "so": "Somali",
    "ps": "Paschtu",
    "ur": "Urdu",
    "vi": "Vietnamesisch",
    "zh": "Chinesisch",
    "gsg": "Deutsche Gebärdensprache",
}

# The fields of one offer in the bot's `offers` payload (the design's message contract), in this order.
OFFER_PAYLOAD_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "category",
    "category_label",
    "address",
    "phone",
    "email",
    "url",
    "opening_hours",
    "languages",
    "free_of_charge",
    "home_visit",
    "demo",
    "last_verified",
)
