"""Language detection (bot/nlu/language.py): clear messages in each language are decided, short and
language-neutral ones never are, and the Rasa component puts a decision into the message as an entity."""

from __future__ import annotations

from typing import Any

import pytest
from lingua import Language
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import language
from bot.nlu.language import Detection, LanguageDetector, detect_language
from bot.tools.evaluate_language import DEV_SET, evaluate, load
from vocabulary.languages import CONVERSATION_LANGUAGES, OFFER_LANGUAGES

CLEAR = {
    "de": [
        "Ich suche Hilfe für meine Familie in der Nähe",
        "mein sohn geht nicht mehr gern zur schule",
        "wir brauchen beratung wegen der trennung",
        "ich weis nich wie das antrag geht bitte helfen",
    ],
    "en": [
        "I need help for my family near where we live",
        "my son does not want to go to school anymore",
        "we need advice because we are separating",
        "can somebody explain me the forms pls",
    ],
    "tr": [
        "ailem için yakınlarda yardım arıyorum",
        "oglum artik okula gitmek istemiyor",
        "ayrilik yuzunden danismanliga ihtiyacimiz var",
        "formlari anlamiyorum biri yardim edebilir mi",
    ],
    "ar": [
        "أبحث عن مساعدة لعائلتي بالقرب من سكني",
        "ابني ما بدو يروح عالمدرسة",
        "نحتاج استشارة بسبب الانفصال",
    ],
    "uk": [
        "Шукаю допомогу для своєї родини поруч",
        "син більше не хоче ходити до школи",
        "нам потрібна консультація через розлучення",
    ],
    "ru": [
        "Ищу помощь для своей семьи рядом с домом",
        "сын больше не хочет ходить в школу",
        "нам нужна консультация из-за развода",
    ],
}


@pytest.mark.parametrize(("code", "text"), [(code, text) for code, texts in CLEAR.items() for text in texts])
def test_clear_sentences_are_detected(code: str, text: str) -> None:
    found = detect_language(text)
    assert found is not None and found.language == code, found


@pytest.mark.parametrize(
    "text",
    [
        "ok", "Kita", "44137", "👍", "Danke", "3", "ja", "", "   ", "Ok 👍", "Kita 44137", "Kindergeld Antrag",
        "Jugendamt Dortmund", "ja bitte", "thank you", "weiß nicht", "0221 4710 123", "+49 221 4710555",
        "https://www.example.org/familienbuero", "mama@example.org", "?!", "Hallo", "merhaba", "да", "так", "لا",
        "/need_birth",
    ],
)  # fmt: skip
def test_short_and_neutral_messages_never_decide(text: str) -> None:
    assert detect_language(text) is None


def test_cyrillic_ukrainian_and_russian_by_their_letters() -> None:
    assert detect_language("Привіт") == Detection("uk", 1.0, "letters")
    assert detect_language("Добрый день, у нас вопрос") == Detection("ru", 1.0, "letters")
    # Typed on a keyboard without і: a Latin i inside a Cyrillic word is Ukrainian.
    assert detect_language("Менi потрiбна допомога") == Detection("uk", 1.0, "letters")
    # Without such letters the model decides, or nothing does.
    assert (found := detect_language("дякую за допомогу, дуже вдячна")) and found.language == "uk"
    assert detect_language("Спасибо") is None


def test_arabic_script() -> None:
    assert detect_language("مرحبا") == Detection("ar", 1.0, "script")
    assert detect_language("ممكن حدا يساعدني؟ الـ Jugendamt بعتلي رسالة") == Detection("ar", 1.0, "script")
    # German nouns in an Arabic message leave it Arabic.
    assert detect_language("ابني في Grundschule") == Detection("ar", 1.0, "script")
    # Persian is written with ی and ک: a language we do not speak, no decision (not Arabic).
    assert detect_language("سلام، برای پسرم دنبال مهدکودک هستم") is None


def test_arabizi_but_not_german_ordinals() -> None:
    assert detect_language("ana 7amel w ma ba3ref la wen rou7") == Detection("ar", 1.0, "numerals")
    found = detect_language("mein 2ter sohn ist in der 3ten klasse")
    assert found is not None and found.language == "de"


def test_german_with_an_english_word_stays_german() -> None:
    for text in ("mein sohn macht homeschooling, aber er lernt nichts", "brauche ein meeting mit dem lehrer"):
        found = detect_language(text)
        assert found is not None and found.language == "de", text


def test_german_names_of_services_do_not_make_a_message_german() -> None:
    # Families keep the German word for a shelter or a playgroup in every language.
    for text in (
        "We were in a Frauenhaus long ago and all is good now, we look for a Spielgruppe.",
        "Anneannem bir Tagesmutter arıyor, Krabbelgruppe de olur",
    ):
        found = detect_language(text)
        assert found is None or found.language != "de", text


def test_transliterated_russian_and_other_languages_give_no_decision() -> None:
    # The model takes transliterated Russian for German; it uses no German word, so nothing is decided.
    assert detect_language("zdravstvuite, mne nuzhna pomosch s kita") is None
    assert detect_language("Bună ziua, caut o grădiniță pentru fiul meu") is None  # ă, ț: no language of ours
    assert detect_language("Bonjour, je cherche une crèche pour mon fils") is None


def test_ignored_spans_leave_places_out() -> None:
    text = "hi i live in gelsenkirchen and look for a baby group"
    assert detect_language(text) is None  # the German town makes the model hesitate between German and English
    start = text.index("gelsenkirchen")
    found = detect_language(text, [(start, start + len("gelsenkirchen"))])
    assert found is not None and found.language == "en"


def test_the_languages_come_from_the_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    assert language.languages() == CONVERSATION_LANGUAGES
    # The mapping to lingua is generic: every code we know maps to lingua's language of that code, or to nothing.
    for code in {*OFFER_LANGUAGES, *CONVERSATION_LANGUAGES}:
        mapped = language.lingua_language(code)
        assert mapped is None or mapped.iso_code_639_1.name.lower() == code
    assert language.lingua_language("fr") == Language.FRENCH
    assert language.lingua_language("gsg") is None  # German Sign Language has no text model
    # A seventh language is taken up from CONVERSATION_LANGUAGES alone.
    monkeypatch.setattr(language, "CONVERSATION_LANGUAGES", (*CONVERSATION_LANGUAGES, "pl", "gsg"))
    assert language.languages() == (*CONVERSATION_LANGUAGES, "pl")
    # The alphabets are data of conversation languages only.
    assert set(language.ALPHABETS) <= set(CONVERSATION_LANGUAGES)


def test_a_new_language_without_an_alphabet_is_left_to_the_model() -> None:
    polish = ["Dzień", "dobry", "szukam", "przedszkola"]
    assert language._by_script(polish, "LATIN", CONVERSATION_LANGUAGES) is None  # ń: no language of ours
    assert language._by_script(polish, "LATIN", (*CONVERSATION_LANGUAGES, "pl")) is False  # the model decides
    bulgarian = ["търся", "детска", "градина"]
    assert language._by_script(bulgarian, "CYRILLIC", CONVERSATION_LANGUAGES) == Detection("ru", 1.0, "letters")
    assert language._by_script(bulgarian, "CYRILLIC", (*CONVERSATION_LANGUAGES, "bg")) is False


def test_the_development_sample_has_no_wrong_decision() -> None:
    """The thresholds were chosen on tests/nlu/dev_language.yml: no language of ours decided wrongly, no short or
    neutral message decided, and most messages decided (figures: bench/README.md)."""
    counts, _ = evaluate(load(DEV_SET), towns=True)
    for code in CONVERSATION_LANGUAGES:
        row = counts[code]
        assert row["n"] >= 40 and row["wrong"] == 0, (code, row)
        assert row["undecided"] / row["n"] <= 0.2, (code, row)
    assert counts["none"]["n"] >= 60 and counts["none"]["wrong"] == 0


def tokenized(text: str, entities: list[dict[str, Any]] | None = None) -> Message:
    message = Message(data={TEXT: text})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    assert message.get(TOKENS_NAMES[TEXT])
    message.set(ENTITIES, entities or [])
    return message


def component() -> LanguageDetector:
    return LanguageDetector.create(LanguageDetector.get_default_config(), None, None, None)  # type: ignore[arg-type]


def test_the_component_adds_the_language_as_an_entity() -> None:
    text = "Hallo, ich suche einen Kita-Platz für meine Tochter"
    (message,) = component().process([tokenized(text)])
    (entity,) = message.get(ENTITIES)
    assert entity["entity"] == "conversation_language" and entity["value"] == "de"
    assert (entity["start"], entity["end"]) == (0, len(text))
    assert entity["extractor"] == "LanguageDetector" and 0.5 < entity["confidence_entity"] <= 1.0
    assert "conversation_language" in [e["entity"] for e in message.as_dict_nlu().get(ENTITIES, [])]


def test_the_component_adds_nothing_to_a_short_message_and_keeps_other_entities() -> None:
    postal_code = {"entity": "postal_code", "value": "44137", "start": 5, "end": 10, "extractor": "FactExtractor"}
    (message,) = component().process([tokenized("Kita 44137", [postal_code])])
    assert message.get(ENTITIES) == [postal_code]


def test_the_component_leaves_out_the_places_the_extractors_found() -> None:
    text = "hi i live in gelsenkirchen and look for a baby group"
    start = text.index("gelsenkirchen")
    town = {"entity": "town", "value": "gelsenkirchen", "start": start, "end": start + 13, "extractor": "Regex"}
    (message,) = component().process([tokenized(text, [town])])
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [
        ("town", "gelsenkirchen"),
        ("conversation_language", "en"),
    ]


def test_the_component_is_registered_as_an_entity_extractor() -> None:
    registered = DefaultV1Recipe._registered_components["LanguageDetector"]
    assert registered.clazz is LanguageDetector and not registered.is_trainable
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types
