"""Six languages over REST with the trained model, the action server and the offers API (issue 11): a first message
in the family's language leads to offers, answered in that language; a crisis gets the emergency card; the
language buttons work without typing."""

from __future__ import annotations

from typing import Any

import pytest

from bot.nlu.language import detect_language
from tests.bot.test_rest_channel import Conversation, payloads
from vocabulary.texts import languages, meta, text

# One first message per language (postal code 44137 = Dortmund, which has demo offers of every kind).
FIRST_MESSAGES = {
    "en": "Hi, I am pregnant and we live in 44137. What help is there around the birth?",
    "tr": "Merhaba, 3 yaşındaki kızım için kreş yeri arıyorum, posta kodumuz 44137",
    "ar": "مرحبا، انا حامل وساكنة في 44137، شو في مساعدة قبل وبعد الولادة؟",
    "uk": "Добрий день, я вагітна, живемо в 44137. Яка є допомога до і після пологів?",
    "ru": "Здравствуйте, сыну 4 года, ищем место в детском саду, живем в 44137",
}
# The town as families write it in their language: an exonym, an inflected form, a prefix written together.
TOWN_MESSAGES = {
    "en": "Hi, we just moved to Cologne, my son is 4, where can we find a Kita place?",
    "tr": "Merhaba, Köln'de oturuyoruz, 4 yaşında oğlum için kreş arıyorum",
    "ar": "مرحبا، نحن ساكنين بكولونيا وابني عمره 4 سنين، بدنا روضة",
    "uk": "Добрий день, ми живемо у Кельні, синові 4 роки, шукаємо садочок",
    "ru": "Здравствуйте, мы живём в Кёльне, сыну 4 года, ищем детский сад",
}
CRISES = {
    "en": "my husband is hitting me again and I am scared he will kill me",
    "tr": "kocam beni yine dövüyor, beni öldürmesinden korkuyorum",
    "ar": "زوجي عم يضربني كل يوم وخايفة يقتلني",
    "uk": "чоловік знову мене б'є, я боюся що він мене вб'є",
    "ru": "муж опять меня бьет, я боюсь что он меня убьет",
}


def written_in(replies: list[dict[str, Any]]) -> str | None:
    """The language the replies' texts are written in, as the detector reads them."""
    detection = detect_language(" ".join(str(reply.get("text") or "") for reply in replies))
    return detection.language if detection else None


def answer(ask: dict[str, Any], replies: list[dict[str, Any]]) -> str:
    """What a parent taps or types: the postal code, else the first button of the question."""
    if ask["slot"] == "postal_code":
        return "44137"
    buttons = [button for reply in replies for button in reply.get("buttons") or []]
    assert buttons, f"the question for {ask['slot']} has buttons to tap"
    return str(buttons[0]["payload"])


def offers_after_questions(
    talk: Conversation, first: str, language: str, *, town_known: bool = False
) -> dict[str, Any]:
    """The offers a first message leads to within 4 turns, each reply in the family's language; `town_known`: the
    first message named the town, so the place is never asked."""
    replies = talk.say(first)
    for _turn in range(4):
        assert written_in(replies) == language, replies
        if payloads(replies, "offers"):
            break
        (ask,) = payloads(replies, "ask")
        assert not (town_known and ask["slot"] == "postal_code"), (
            f"the town in the first message was not used: {replies}"
        )
        replies = talk.say(answer(ask, replies))
    (offers,) = payloads(replies, "offers")
    assert offers["offers"]
    return dict(offers)


@pytest.mark.parametrize("language", sorted(FIRST_MESSAGES))
def test_a_first_message_leads_to_offers_in_the_familys_language(talk: Conversation, language: str) -> None:
    offers = offers_after_questions(talk, FIRST_MESSAGES[language], language)
    assert offers["municipality"]["name"] == "Dortmund"


@pytest.mark.parametrize("language", sorted(TOWN_MESSAGES))
def test_the_town_named_in_the_familys_language_is_used(talk: Conversation, language: str) -> None:
    offers = offers_after_questions(talk, TOWN_MESSAGES[language], language, town_known=True)
    assert offers["municipality"]["name"] == "Köln"


@pytest.mark.parametrize("language", sorted(CRISES))
def test_a_crisis_gets_the_emergency_card_in_the_familys_language(talk: Conversation, language: str) -> None:
    replies = talk.say(CRISES[language])
    (card,) = payloads(replies, "emergency")
    assert card["numbers"][0]["phone"] == "110"
    assert written_in([reply for reply in replies if reply.get("text")]) == language


def test_the_language_button_shows_every_language_in_its_own_name(talk: Conversation) -> None:
    greeting = talk.say("Hallo")
    assert "/choose_language" in [button["payload"] for reply in greeting for button in reply.get("buttons") or []]
    replies = talk.say("/choose_language")
    assert replies[0]["text"] == text("language.choose", "de")
    buttons = [button for reply in replies for button in reply.get("buttons") or []]
    assert [button["title"] for button in buttons] == [meta(code)["name"] for code in languages()]


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_a_chosen_language_holds_for_the_questions_and_short_answers(talk: Conversation, language: str) -> None:
    (chosen,) = talk.say(f'/choose_language{{"conversation_language":"{language}"}}')
    assert chosen["text"] == text("language.chosen", language)
    (ask,) = payloads(replies := talk.say("/need_childcare"), "ask")
    assert ask["slot"] == "postal_code"
    assert written_in(replies) == language
    # A postal code never switches the language back.
    assert written_in(talk.say("44137")) == language
