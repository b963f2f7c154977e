"""Facts the actions put into payloads: the national emergency numbers and why each kind of offer fits.

Conversation texts live in domain.yml (responses); this module holds only what goes into the machine-readable
payloads, each fact once. Plain language: short sentences, everyday words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmergencyNumber:
    key: str
    label: str
    phone: str
    hours: str


NUMBERS: dict[str, EmergencyNumber] = {
    number.key: number
    for number in (
        EmergencyNumber("polizei", "Polizei", "110", "Tag und Nacht"),
        EmergencyNumber("notruf", "Feuerwehr und Rettungsdienst", "112", "Tag und Nacht"),
        EmergencyNumber("bereitschaftsdienst", "Ärztlicher Bereitschaftsdienst", "116 117", "Tag und Nacht"),
        EmergencyNumber(
            "gewalt_frauen", "Hilfetelefon Gewalt gegen Frauen", "116 016", "Tag und Nacht, in 18 Sprachen"
        ),
        EmergencyNumber(
            "kinder_jugend", "Nummer gegen Kummer für Kinder und Jugendliche", "116 111", "Mo–Sa 14–20 Uhr"
        ),
        EmergencyNumber("elterntelefon", "Elterntelefon", "0800 111 0 550", "Mo–Fr 9–17 Uhr, Di und Do bis 19 Uhr"),
        EmergencyNumber("seelsorge_1", "Telefonseelsorge", "0800 111 0 111", "Tag und Nacht"),
        EmergencyNumber("seelsorge_2", "Telefonseelsorge", "0800 111 0 222", "Tag und Nacht"),
        EmergencyNumber("schwangere", "Hilfetelefon Schwangere in Not", "0800 40 40 020", "Tag und Nacht"),
    )
}

# Which numbers fit which danger, the most urgent first.
CRISIS_NUMBERS: dict[str, tuple[str, ...]] = {
    "violence": ("polizei", "gewalt_frauen", "notruf"),
    "child_danger": ("polizei", "notruf", "elterntelefon", "kinder_jugend"),
    "suicidal": ("seelsorge_1", "seelsorge_2", "notruf"),
    "medical": ("notruf", "bereitschaftsdienst"),
    "pregnancy": ("schwangere", "notruf"),
}
# For a family outside NRW or when the offers API cannot be reached.
GENERAL_NUMBERS: tuple[str, ...] = ("elterntelefon", "schwangere", "seelsorge_1", "notruf")

# One plain sentence per kind of offer: why it fits the family.
WHY_IT_FITS: dict[str, str] = {
    "familienbuero": "Hier hilft man Ihnen bei allen Fragen und Anträgen.",
    "lotsendienst_geburtsklinik": "Hier hilft man Ihnen rund um die Geburt.",
    "lotsendienst_praxis": "Hier hilft man Ihnen weiter, wenn die Ärztin Sie schickt.",
    "aufsuchend": "Hier kommt jemand zu Ihnen nach Hause.",
    "familiengrundschulzentrum": "Hier gibt es Hilfe an der Grundschule Ihres Kindes.",
    "familienzentrum": "Hier treffen Sie andere Eltern mit kleinen Kindern.",
    "beratung": "Hier können Sie in Ruhe über Ihre Sorgen sprechen.",
    "uebergang_beruf": "Hier gibt es Hilfe für Ausbildung und Arbeit.",
}


def numbers_payload(keys: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"label": NUMBERS[key].label, "phone": NUMBERS[key].phone, "hours": NUMBERS[key].hours} for key in keys]
