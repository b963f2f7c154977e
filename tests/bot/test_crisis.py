"""The crisis safety net: each kind and situation of danger, the harmless readings, who is hurt and which numbers
fit, and the NLU component that has the last word (bot/nlu/crisis.py, bot/nlu/safety_net.py).

The figures come from `python -m bot.tools.evaluate_crisis --set data/crisis/de_rounds_1-6.yml --model <model>`;
these tests pin what must not regress: the structural cases of issue 10 one by one."""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk.executor import CollectingDispatcher

from actions.emergency import ActionEmergency
from bot.nlu import crisis
from bot.nlu.crisis import analyse, detect, normalise
from bot.nlu.safety_net import CrisisSafetyNet
from tests.actions.conftest import tracker_from
from vocabulary.emergency import CRISIS_NUMBERS, NUMBERS, number_entries, numbers_for
from vocabulary.texts import text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mein Mann schlägt mich", "violence"),
        ("er hat mich gestern wieder geschlagen", "violence"),
        ("mein freund bedroht mich und die kinder", "violence"),
        ("my husband hits me", "violence"),
        ("Ich habe Angst, dass ich meinem Baby etwas antue", "child_danger"),
        ("mein kind wird vom nachbarn geschlagen", "child_danger"),
        ("er schlägt unser kind", "child_danger"),
        ("Ich will nicht mehr leben", "suicidal"),
        ("ich denke an selbstmord", "suicidal"),
        ("ich will mich umbringen", "suicidal"),
        ("i want to die", "suicidal"),
        ("mein baby atmet nicht", "medical"),
        ("Kind hat einen Fieberkrampf", "medical"),
        ("ich bin schwanger und blute stark", "medical"),
        ("er hat putzmittel verschluckt", "medical"),
    ],
)
def test_plain_danger_signals_are_caught(text: str, kind: str) -> None:
    assert detect(text) == kind


# One message per situation of issue 10, as parents write: standard, colloquial, misspelled, learner German.
@pytest.mark.parametrize(
    ("text", "kind", "sub"),
    [
        ("Ich habe beschlossen, mich umzubringen.", "suicidal", "direct"),
        ("wenn ich nicht mehr da wäre, hätten es alle leichter", "suicidal", "passive"),
        ("hab mich gestern wieder geritzt", "suicidal", "self_harm"),
        ("mein mann hat mir heute ins gesicht geschlagen", "violence", "hitting"),
        ("er hat mich am hals gepackt und zugedrückt", "violence", "strangling"),
        ("er sagt, er bringt mich um, wenn ich gehe", "violence", "threats"),
        ("er sperrt mich in der wohnung ein", "violence", "confinement"),
        ("mein mann zwingt mich zum sex", "violence", "sexual"),
        ("mein ex stalkt mich und steht nachts vor der tür", "violence", "stalking"),
        ("mein freund hat das baby geschüttelt", "child_danger", "shaking"),
        ("der stiefvater verprügelt meinen sohn", "child_danger", "hitting_child"),
        ("meine tochter sagt, der nachbar hat sie unten angefasst", "child_danger", "sexual_abuse"),
        ("die kinder nebenan sind seit gestern allein zuhause", "child_danger", "neglect"),
        ("ich habe angst, dass ich meinem kind wehtue", "child_danger", "fear_of_harming"),
        ("das baby bekommt keine luft", "medical", "breathing"),
        ("mein sohn ist bewusstlos", "medical", "unconscious"),
        ("die kleine hat spülmittel getrunken", "medical", "poisoning"),
        ("ssw 14 und ich blute", "medical", "pregnancy_bleeding"),
        ("er krampft und zuckt am ganzen körper", "medical", "seizure"),
        ("hohes fieber und ein steifer nacken", "medical", "fever_stiff_neck"),
        ("sie hat sich mit heißem wasser verbrüht", "medical", "burns"),
    ],
)
def test_every_situation_has_its_kind_and_sub(text: str, kind: str, sub: str) -> None:
    finding = analyse(text)
    assert finding is not None and (finding.kind, finding.sub) == (kind, sub)


@pytest.mark.parametrize(
    "text",
    [
        "Ich bin schwanger und wohne in Gelsenkirchen",
        "mein sohn haut in der kita andere kinder",
        "wir streiten oft wegen der hausaufgaben",
        "ich bin so müde, das baby schläft nicht",
        "können sie mir einen vorschlag machen",
        "kindergeld antrag hilfe",
        "meine tochter hat schnupfen und fieber",
        "wo gibt es einen kurs für gewaltfreie kommunikation",
    ],
)
def test_everyday_worries_raise_no_alarm(text: str) -> None:
    assert detect(text) is None


def test_violence_with_children_nearby_is_violence_against_the_parent() -> None:
    assert detect("hilfe er schlägt wieder zu, die kinder sind im nebenzimmer") == "violence"


# --- word forms: inflection, separable verbs, compounds, spelling ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ich will mich umbringen",
        "ich denke daran, mich umzubringen",
        "ich bring mich heute um",
        "ich werde mir das leben nehmen",
        "heute nacht tu ich mir was an",
    ],
)
def test_inflected_and_separated_verbs_of_suicide(text: str) -> None:
    assert detect(text) == "suicidal"


@pytest.mark.parametrize(
    "text",
    [
        "ich habe angst, meinem sohn wehzutun",
        "ich hab angst ich tu dem kleinen was an",
        "ich will nicht mehr aufwachen",
    ],
)
def test_zu_infinitives_and_split_verbs(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("where", ["allein zuhause", "allein zu hause", "alleine zuhaus"])
def test_compounds_written_together_or_apart(where: str) -> None:
    assert detect(f"die kinder von nebenan sind seit heute morgen {where}") == "child_danger"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("mein man schlegt mich", "violence"),
        ("mein kind ist bewustlos", "medical"),
        ("ich wurde vergewaltight", "violence"),
        ("mein sohn hat lampenöl getrunkn", "medical"),
        ("mein mann schlagt mich jeden tag", "violence"),
        ("er hat mich gewuergt", "violence"),
        ("ich will nich mehr lebn", "suicidal"),
    ],
)
def test_misspellings_and_spellings_without_umlauts(written: str, meant: str) -> None:
    assert detect(written) == meant


def test_a_real_word_next_to_a_danger_word_is_not_repaired() -> None:
    # "geschlafen" is one letter from "geschlagen", "schläft" from "schlägt", "versetzt" from "verletzt".
    assert normalise("er hat geschlafen") == " er hat geschlafen "
    assert detect("mein mann schläft, die kinder auch") is None
    assert detect("mein sohn wird nicht versetzt") is None
    assert "ersticke" in normalise("ich ersticke")  # another form of the word, not a typo of "erstickt"


# --- harmless readings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ich sterbe vor lachen 😂",
        "das bringt mich noch um, dieser papierkram",
        "mein mann bringt mich um, wenn er die rechnung sieht 😂",
        "ich erschieß mich gleich, der drucker geht wieder nicht 🙄",
        "meine tochter hat mich beim schach geschlagen",
        "was gehört in die notfall-tasche für die geburt",
        "ich will nicht mehr vollzeit arbeiten",
        "ich möchte nicht mehr in dieser stadt leben",
        "unser sohn will nicht mehr zum turnen gehen",
        "er hat mich nicht geschlagen, wir haben nur gestritten",
        "mein partner schreit viel, aber er ist nie handgreiflich",
        "er hat die tür zugeschlagen",
        "mein sohn (3) haut mich wenn er müde ist",
        "die kinder prügeln sich ständig",
        "kind hat sich leicht am backofen verbrannt, nur ein bisschen rot",
        "im krimi wurde jemand erwürgt",
        "ich mache einen erste-hilfe-kurs, da lernt man was bei bewusstlosigkeit zu tun ist",
    ],
)
def test_harmless_readings_raise_no_alarm(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Mein Sohn hatte letztes Jahr einen Fieberkrampf, jetzt ist alles gut. Wir suchen eine Kita.",
        "die kleine hat mal putzmittel in den mund genommen, war zum glück nichts",
        "als kind wurde ich geschlagen, bei meinen kindern will ich es anders machen",
        "früher hatte ich suizidgedanken, heute geht es mir gut",
    ],
)
def test_past_events_that_ended_well_raise_no_alarm(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Past, but still going on or recent: violence that is "fine now" may start again.
        "letztes jahr hat er mich geschlagen und jetzt wieder",
        "er hat mich gestern geschlagen, jetzt ist alles gut, er hat sich entschuldigt",
        "er hat tabletten geschluckt, ist das harmlos?",
    ],
)
def test_the_past_that_goes_on_or_is_only_hoped_over_raises_the_alarm(text: str) -> None:
    assert detect(text) is not None


# Gaps a fresh dev round (data/crisis/de_rounds_1-6.yml, round 6) showed, each in other words than the round's.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("die pillen liegen schon abgezählt auf dem tisch", "suicidal"),
        ("manchmal will ich das auto einfach gegen einen baum lenken", "suicidal"),
        ("für alle wäre es leichter, wenn ich nicht mehr wäre", "suicidal"),
        ("er hat gesagt, wenn ich gehe, bringt er mich und meine mutter um", "violence"),
        ("er meinte ich überlebe die nacht nicht", "violence"),
        ("er hat eine waffe im schrank und sagt, wenn ich gehe, ist es aus", "violence"),
        ("nach jedem umzug hat er mich wieder aufgespürt", "violence"),
        ("er will sex und wenn ich mich wehre hält er mich fest", "violence"),
        ("er hat mich nackt gefilmt und droht, es online zu stellen", "violence"),
        ("mein stiefvater schlägt meine kleinen geschwister", "child_danger"),
        ("der trainer macht eklige sachen mit ihr, sagt meine tochter", "child_danger"),
        ("ein erwachsener mann will fotos von meiner 12jährigen und bietet ihr geld", "child_danger"),
        ("papa ist seit drei tagen nicht heimgekommen, wir haben nichts zu essen", "child_danger"),
        ("die kinder von nebenan sitzen im müll und keiner kocht", "child_danger"),
        ("oben bei den nachbarn hört man jede nacht schläge und ein kind weint", "child_danger"),
        ("ich hab mich eingesperrt damit ich dem kleinen nichts tu", "child_danger"),
        ("mein sohn ist auf dem sofa weggesackt und wacht nicht richtig auf", "medical"),
        ("die kleine hat einen spülmaschinen tab im mund gehabt", "medical"),
        ("er hat an die ofentür gefasst, die finger sind voller blasen", "medical"),
        ("hohe temperatur und er kann den hals nicht bewegen", "medical"),
    ],
)
def test_gaps_of_a_fresh_dev_round_are_closed(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "nach einem jahr frauenhaus haben wir endlich eine eigene wohnung, wer hilft beim umzug?",
        "meine eltern haben uns als kinder geschlagen, ich will es besser machen, gibt es kurse?",
        "vor 4 jahren gab es ein kontaktverbot gegen meinen ex, seitdem ist ruhe",
        "hatte in der 8. woche eine blutung, jetzt ist alles super",
        "wenn ich noch einmal dieses lied im auto hören muss, dann spring ich vom balkon",
        "mein sohn spielt im schultheater den räuber, der die prinzessin vergiftet",
        "wir suchen einen schwimmkurs, damit er nicht ertrinkt",
        "ehrlich gesagt bringt mich der papierkram noch um 😂",
    ],
)
def test_harmless_readings_of_a_fresh_dev_round(text: str) -> None:
    assert detect(text) is None


# Gaps round 7 (data/crisis/de_round_7.yml) showed, each in other words than the round's.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("er hat gedroht, das haus anzuzünden, wenn ich die scheidung will", "violence"),
        ("sie hat geschrieben, ich würde meinen sohn nie mehr lebend sehen", "violence"),
        ("er hat mit dem jagdgewehr auf mich gezielt", "violence"),
        ("denk dran was passiert wenn du jemandem davon erzählst, hat er gesagt", "violence"),
        ("mein mann nimmt handy und pass, ich nicht darf raus", "violence"),
        ("seit der trennung stellt er mir nach, ich hab ständig angst", "violence"),
        ("meine freundin wirft gläser auf mich wenn sie wütend ist, ich bin der vater", "violence"),
        ("nachts macht er sachen mit mir die ich nicht will", "violence"),
        ("die kleene (3) hat er gegen die heizung geschleudert", "child_danger"),
        ("der opa hat ihr am po wehgetan, sagt meine tochter", "child_danger"),
        ("so ein typ will fotos ohne hose von meinem sohn", "child_danger"),
        ("ich sauf jeden tag und die kinder kriegen kaum was zu essen", "child_danger"),
        ("ich hatte den gedanken, ihn aus dem fenster zu werfen, ich hab angst von mir", "child_danger"),
        ("ich darf nicht mehr mit dem baby allein sein, sonst passiert was", "child_danger"),
        ("manchmal frag ich mich wofür ich eigentlich noch lebe", "suicidal"),
        ("wär besser für alle wenn ich nicht mehr hier", "suicidal"),
        ("ich schneid arme wenn keiner guckt", "suicidal"),
        ("meine kleine hat nen anfall, liegt am boden und hat schaum vorm mund", "medical"),
        ("der lütte kriegt schlecht luft und die lippen ganz blau", "medical"),
        ("heißer kaffee über den arm von meinem sohn, jetzt blase riesig", "medical"),
        ("oma hat ihre tabletten liegen lassen und in der packung fehlen drei, der kleine ist so müde", "medical"),
    ],
)
def test_gaps_of_round_seven_are_closed(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "ich könnte mich erschießen, schon wieder den bus verpasst",
        "vor 5 jahre war ich im frauenhaus, jetzt alles gut und ich suche arbeit",
        "mein kleiner (2 Mon.) haut mir beim stillen ins gesicht 🙈",
        "er ist fast vom sofa gerollt, ich hab ihn aufgefangen und er war gleich wieder gut drauf",
        "als pflegekraft hab ich oft bewusstlose patienten, gibt es eine kita bis 18 uhr?",
        "mein sohn macht einen judokurs und lernt, wie man aus dem würgegriff kommt",
        "mein sohn (4) schreit ich bring dich um, weil er nicht fernsehen darf",
        "sie brüllt im laden, als würde man sie umbringen",
        "die jungs spielen krieg und rufen erschießen, ist das normal?",
        "sie malt ständig bilder mit blut und monstern",
        "hatte vor wochen eine blutung in der schwangerschaft, ist längst weg",
        "das kind vom nachbarn hatte eine zeckenbiss-sache, ist heute völlig gesund",
    ],
)
def test_harmless_readings_of_round_seven(text: str) -> None:
    assert detect(text) is None


# --- who is hurt decides the kind and the numbers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("er schlägt mich vor den kindern", "violence"),
        ("mein mann hat mich geschlagen, die kleinen haben alles gesehen", "violence"),
        ("mein kind sagt papa tut ihm weh, ich will nicht mehr", "child_danger"),
        ("meine tochter wurde missbraucht und will nicht mehr leben", "child_danger"),
        ("mein sohn (16) hat gesagt er will sich umbringen", "suicidal"),
        ("er hat mich gewürgt, ich bekomme kaum luft", "violence"),
    ],
)
def test_the_person_harmed_decides_the_kind(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "bin 14 und mein stiefvater schlägt mich jeden abend",
        "ich bin erst 13, meine mutter hat mich heute mit dem gürtel geschlagen",
        "Ich bin 16 und mein Vater hat mich geschlagen, weil ich einen Freund habe",
    ],
)
def test_a_child_who_is_hit_gets_the_numbers_for_children(text: str) -> None:
    finding = analyse(text)
    assert finding is not None and (finding.kind, finding.sub) == ("child_danger", "teen_victim")


@pytest.mark.parametrize(
    "text",
    ["ich bin 16 wochen schwanger und mein mann schlägt mich", "bin 15 jahre mit ihm verheiratet, er schlägt mich"],
)
def test_weeks_of_pregnancy_or_years_of_marriage_are_no_childs_age(text: str) -> None:
    assert detect(text) == "violence"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Dev round 16: the turn from a harmless question to what happens, consequences, farewells, signs.
        ("wollte eigentlich nur wissen wo die kita ist, aber mein freund schlägt die kinder", "child_danger"),
        ("wenn das essen nicht fertig ist, gibt es schläge", "violence"),
        ("mein exmann hat mich damals fast tot geschlagen und jetzt steht er vor der tür", "violence"),
        ("ich habe mich von allen verabschiedet, sagt meinen kindern dass ich sie liebe", "suicidal"),
        ("die tabletten liegen bereit im bad. ich weiß nicht ob ich es wirklich mache", "suicidal"),
        ("seit der geburt sagt mir eine stimme, dass ich sterben soll", "suicidal"),
        ("er ist vom hochbett gefallen und hat danach zweimal gespuckt", "medical"),
        ("baby seit gestern kein pipi, ganz schlapp und die augen eingefallen", "medical"),
        ("er hat sich am messer geschnitten und das blut spritzt", "medical"),
        ("die wunde hört nicht auf zu bluten", "medical"),
    ],
)
def test_gaps_of_round_sixteen_are_closed(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "ich will nur wissen, was man tun muss, wenn ein kind einen fieberkrampf hat",
        "hab mich heute im kindergarten von allen erzieherinnen verabschiedet, wir ziehen um",
        "ich weiß nicht ob ich es mache, das praktikum in köln",
        "der verband blutet nicht durch, alles gut",
    ],
)
def test_harmless_readings_of_round_sixteen(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Round 16's wrong kinds: whose harm decides the numbers.
        ("ich schlafe kaum und denke nur noch daran, mir was anzutun. mein baby ist 3 monate", "suicidal"),
        ("ich hab gedanken, dass ich ihr das kissen aufs gesicht lege, damit sie still ist", "child_danger"),
        ("meine nichte ist 11 und wird von ihrem stiefvater geschlagen", "child_danger"),
        ("er hat mir ein kissen aufs gesicht gedrückt", "violence"),
    ],
)
def test_the_one_harmed_decides_the_kind_in_round_sixteens_words(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize("text", ["mein sohn ist 5 und wird im kindergarten geärgert", "sie ist 9 und wird oft gelobt"])
def test_a_child_with_an_age_and_something_harmless_raises_no_alarm(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "meine frau schlägt mich",
        "ich bin vater und meine partnerin bedroht mich",
        "mein mann schlägt mich, ich bin selbst ein mann",
    ],
)
def test_a_man_who_is_hit_is_found(text: str) -> None:
    finding = analyse(text)
    assert finding is not None and finding.kind == "violence" and finding.male_victim


@pytest.mark.parametrize("text", ["mein mann schlägt mich", "meine frau und ich sind lesbisch, sie schlägt mich"])
def test_a_woman_who_is_hit_is_not_taken_for_a_man(text: str) -> None:
    finding = analyse(text)
    assert finding is not None and not finding.male_victim


def test_the_numbers_fit_the_person() -> None:
    assert numbers_for("violence")[:2] == ("polizei", "gewalt_frauen")
    men = numbers_for("violence", male_victim=True)
    assert men[:2] == ("polizei", "gewalt_maenner") and "gewalt_frauen" not in men
    # The men's helpline is closed at night: a line that is open day and night comes with it.
    assert text("emergency_number.seelsorge_1.hours") == "Tag und Nacht" and "seelsorge_1" in men
    assert NUMBERS["gewalt_maenner"] == "0800 123 99 00"
    assert text("emergency_number.gewalt_maenner.hours") == "Mo–Do 8–20 Uhr, Fr 8–15 Uhr"
    # Strangled, an overdose taken: 112 first. A second kind adds its first number.
    assert numbers_for("violence", also=("violence", "medical"))[0] == "notruf"
    assert numbers_for("violence", also=("suicidal",))[-1] == "seelsorge_1"
    assert numbers_for("medical", pregnant=True)[-1] == "schwangere"
    assert set(CRISIS_NUMBERS) >= {"violence", "violence_male", "child_danger", "suicidal", "medical"}


@pytest.mark.parametrize("language", ["en", "tr", "ar", "uk", "ru"])
def test_a_helpline_that_speaks_the_familys_language_says_so(language: str) -> None:
    entries = {entry["phone"]: entry["hours"] for entry in number_entries(numbers_for("violence"), language)}
    spoken_here = text("emergency.in_your_language", language)
    assert entries[NUMBERS["gewalt_frauen"]].endswith(spoken_here)
    # The police and the men's line make no such promise; German gets no marker at all.
    assert spoken_here not in entries[NUMBERS["polizei"]]
    men = number_entries(numbers_for("violence", male_victim=True), language)
    assert all(spoken_here not in entry["hours"] for entry in men)
    german = number_entries(numbers_for("violence"), "de")
    assert all(text("emergency.in_your_language", "de") not in entry["hours"] for entry in german)


def _emergency(latest_message: dict[str, Any]) -> dict[str, Any]:
    dispatcher = CollectingDispatcher()
    tracker = tracker_from("pregnant_gelsenkirchen", latest_message=latest_message)
    asyncio.run(ActionEmergency().run(dispatcher, tracker, {}))
    (message,) = dispatcher.messages
    return message


def test_the_emergency_card_names_the_mens_helpline_for_a_man() -> None:
    found = {"kind": "violence", "kinds": ["violence"], "sub": "hitting", "male_victim": True, "source": "rules"}
    message = _emergency({"text": "x", "intent": {"name": "crisis_violence"}, "crisis": found})
    phones = [number["phone"] for number in message["custom"]["numbers"]]
    assert phones[:2] == ["110", "0800 123 99 00"] and "116 016" not in phones
    assert message["text"] == text("emergency.violence_male")


def test_the_emergency_card_keeps_the_womens_helpline_for_a_woman() -> None:
    message = _emergency({"text": "x", "intent": {"name": "crisis_violence"}})
    assert [number["phone"] for number in message["custom"]["numbers"]][:2] == ["110", "116 016"]
    assert message["response"] == "utter_emergency_violence"


# --- the component: the last word, and what the classifier may decide alone ------------------------------------


def _parse(text: str, ranking: list[tuple[str, float]], intent: str | None = None) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    chosen = next(entry for entry in entries if entry["name"] == intent) if intent else entries[0]
    message = Message(data={"text": text, "intent": chosen, "intent_ranking": entries})
    CrisisSafetyNet({**CrisisSafetyNet.get_default_config()}).process([message])
    return message


def test_a_plain_signal_overrides_the_classifier() -> None:
    message = _parse("er hat mich gewürgt", [("need_parenting_conflict", 0.9), ("crisis_violence", 0.1)])
    assert message.get("intent") == {"name": "crisis_violence", "confidence": 1.0}
    assert message.get("crisis")["source"] == "rules"


def test_a_crisis_intent_of_diet_alone_is_no_alarm() -> None:
    # DIET's crisis intents added no catch to the crisis classifier and the rules on the ninth dev round, only
    # false alarms: the net replaces them, here by nlu_fallback because the next intent is unsure.
    ranking = [("nlu_fallback", 0.45), ("crisis_suicidal", 0.41), ("need_overwhelmed", 0.39)]
    message = _parse("es ist alles zu viel gerade", ranking)
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("crisis") is None


@pytest.mark.parametrize(
    "text",
    ["mein partner und ich wollen heiraten", "die kinder prügeln sich ständig", "ich sterbe vor lachen"],
)
def test_the_classifier_alone_raises_no_alarm_on_everyday_matters(text: str) -> None:
    message = _parse(text, [("crisis_violence", 0.97), ("need_parenting_conflict", 0.02)])
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("crisis") is None


# Round 5 of the dev set showed the situations the patterns generalised worst to: the word families below, in
# sentences written for these tests (not copied from the dev set).
@pytest.mark.parametrize(
    ("text", "kind", "sub"),
    [
        ("mein ex spioniert mich seit monaten aus", "violence", "stalking"),
        (
            "ich hab einen airtag in meiner jackentasche gefunden, mein exfreund hat ihn versteckt",
            "violence",
            "stalking",
        ),
        ("er klingelt jede nacht sturm, ich hab solche angst", "violence", "stalking"),
        ("er hat gesagt, dann findet dich keiner mehr lebend", "violence", "threats"),
        ("mein freund hat mit der pistole auf mich gezielt", "violence", "threats"),
        (
            "ich hab panik, dass ich meiner tochter was antue, wenn sie wieder die ganze nacht brüllt",
            "child_danger",
            "fear_of_harming",
        ),
        ("ich sehe immer vor mir, wie ich das baby die treppe runterwerfe", "child_danger", "fear_of_harming"),
        (
            "die kinder von gegenüber kriegen nie was zu essen und laufen in vollen windeln rum",
            "child_danger",
            "neglect",
        ),
        ("der onkel hat meinem sohn sein glied gezeigt", "child_danger", "sexual_abuse"),
        ("ein fremder will, dass meine tochter ihm fotos in unterwäsche schickt", "child_danger", "sexual_abuse"),
        ("mein freund hat die kleine heftig gerüttelt, weil sie nicht aufhörte zu schreien", "child_danger", "shaking"),
        ("mein sohn hat an der batterie von der fernbedienung geknabbert", "medical", "poisoning"),
        ("meine 3jährige hat den rest vom sekt ausgetrunken und ist ganz wacklig", "medical", "poisoning"),
    ],
)
def test_weak_situations_are_caught_in_their_word_families(text: str, kind: str, sub: str) -> None:
    finding = analyse(text)
    assert finding is not None and (finding.kind, finding.sub) == (kind, sub)


@pytest.mark.parametrize(
    "text",
    [
        # Turning up and calling are no stalking without fear or an unwanted contact.
        "mein mann ruft ständig an, wenn er auf montage ist",
        "der papa steht jeden freitag vor der kita und holt die kinder ab",
        # Rocking a pram, a near miss of the child itself, trembling from cold.
        "ich ruckel den kinderwagen, damit die kleine einschläft",
        "mein sohn ist beim toben fast gegen die wand gelaufen",
        "meine tochter zittert vor kälte und ist ganz steif",
        # A crime film, and accidents that are over.
        "im krimi gestern hat eine mutter ihr kind vergiftet",
        "mein sohn hatte als säugling einen fieberkrampf, seitdem nie wieder",
        "wir hatten 2019 einen stalker, der ist verurteilt und weggezogen",
        "meine tochter hat sich mit 3 am herd verbrannt, man sieht nur noch eine kleine narbe",
    ],
)
def test_harmless_readings_of_the_new_word_families(text: str) -> None:
    assert analyse(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("meine tochter ritzt sich nicht, sie ist nur total verschlossen", None),
        ("sie ritzt sich nicht nur am arm, auch an den beinen", "suicidal"),
        ("er schlägt mich nicht nur, er tritt auch zu", "violence"),
    ],
)
def test_a_negation_denies_the_act_but_not_only_adds_to_it(text: str, kind: str | None) -> None:
    assert detect(text) == kind


def test_a_year_is_long_ago_by_todays_date_not_the_date_the_server_started(monkeypatch: pytest.MonkeyPatch) -> None:
    story = "2029 hatten wir einen stalker, der ist verurteilt und weggezogen"
    assert analyse(story) is not None  # a year to come is no story that is over

    class Later(datetime.date):
        @classmethod
        def today(cls) -> Later:
            return cls(2032, 1, 2)

    monkeypatch.setattr(crisis, "date", Later)
    assert analyse(story) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A German word in an English message is read with English's harmless readings.
        ("We lived in a Frauenhaus two years ago and everything is good now, my son wants to join a club.", None),
        ("Long ago I was in a Frauenhaus in Bonn. Now my daughter starts school.", None),
        # ... which do not cancel a shelter that is needed now.
        ("Please, I need a Frauenhaus tonight, he is drunk and shouting at the door.", "violence"),
        ("Since last night I am in the Frauenhaus with my kids and we need clothes.", "violence"),
        # German keeps its own readings.
        ("Vor vier Jahren war ich mal im Frauenhaus, heute geht es uns allen gut.", None),
        ("Wir sind seit heute früh im Frauenhaus.", "violence"),
    ],
)
def test_a_german_word_in_another_language_is_read_with_that_languages_harmless_readings(
    text: str, kind: str | None
) -> None:
    assert detect(text) == kind


# Gaps round 8 (data/crisis/de_round_8.yml) showed, each in other words than the round's.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("schnell, er hat ein messer", "violence"),
        ("er sagt er geht zurück in die heimat mit den kindern und mich er umbringt", "violence"),
        ("mein bruder droht dass er mir etwas antut wenn ich zur polizei gehe", "violence"),
        ("er hat seine pistole auf den esstisch gelegt und mich angeschaut", "violence"),
        ("er hat nachts mit einem kanister vor unserer tür gestanden", "violence"),
        ("er wartet schon wieder vor unserem haus, seit heute morgen", "violence"),
        ("ich sitze im bad fest, er hat von außen zugesperrt", "violence"),
        ("er hat mich genommen, obwohl ich nein gesagt habe", "violence"),
        ("meine frau hat gestern zugeschlagen, ich bin der mann und schäme mich", "violence"),
        ("ich bin so fertig, weil er mir gestern in den rücken getreten hat", "violence"),
        ("mein verlobter, der mich ständig schlägt, kommt gleich nach hause", "violence"),
        ("früher hat er mich nur geschlagen und jetzt will er mich umbringen", "violence"),
        ("letztes jahr hat er mich verprügelt und jetzt sucht er mich in der ganzen stadt", "violence"),
        ("sie hat mir eine schere in die hand gerammt", "violence"),
        ("meine tochter sagt, ihr stiefvater schlägt sie, wenn ich arbeite", "child_danger"),
        ("der nachbar hat meinem sohn eine gescheuert dass er gegen den schrank geflogen ist", "child_danger"),
        ("er hat die kleine zur strafe in den keller eingesperrt", "child_danger"),
        ("bei meiner tochter hat der onkel an ihrer scheide rumgefummelt, es sei ein geheimnis", "child_danger"),
        ("auf dem laptop vom nachbarn sind fotos von meiner nichte, nackt", "child_danger"),
        ("er trinkt kaum noch und ist ganz dünn, ich lass ihn nur noch im laufstall liegen", "child_danger"),
        ("ich will ihm wirklich nicht wehtun, aber ich bin kurz davor", "child_danger"),
        ("im auto vor dem supermarkt sitzt ein kleinkind alleine und weint, die sonne knallt", "child_danger"),
        ("ich weiß nicht, warum ich jeden tag weitermache", "suicidal"),
        ("ich bin traurig, dass ich morgens noch aufwache", "suicidal"),
        ("ich hab eine ganze schachtel schlaftabletten genommen", "suicidal"),
        ("ich bin auf dem parkhausdach und will springen", "suicidal"),
        ("hab mich heut wieder geritzt, am oberschenkel", "suicidal"),
        ("die fontanelle ist ganz prall und er hat 40 fieber", "medical"),
        ("er hat hohes fieber und einen stocksteifen nacken", "medical"),
        ("mein mann ist einfach nicht wachzukriegen", "medical"),
        ("mein baby mag seit heute früh nichts mehr trinken und ist total schlapp", "medical"),
        ("mein kleiner hat vom joint meines bruders gegessen und taumelt", "medical"),
        ("schwanger in woche 30 und ich blute, und zwar nicht wenig", "medical"),
    ],
)
def test_gaps_of_round_eight_are_closed(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "dieser papierkram tötet mich noch, wer hilft beim wohngeldantrag",
        "wenn ich noch einmal den elternbrief unterschreiben muss, spring ich vom dach",
        "nach der entbindung viel blut verloren, aber jetzt sind wir beide fit und suchen eine krabbelgruppe",
        "mit 13 hat sie sich mal geritzt, das ist längst überstanden und jetzt will sie eine ausbildung machen",
        "sie hatte mal eine vergiftung durch pilze, längst überstanden",
        "ich arbeite in der notaufnahme, blut und wunden, schichtdienst, wer nimmt mein kind um 6",
        "die kita lädt zum elternabend zum thema gewalt in der familie ein",
        "mein sohn malt ständig ritter und ganz viel blut, ist das normal",
        "wir ersticken an den rechnungen, gibt es eine beratung",
        "mitschüler haben ihr geschrieben, sie soll sich umbringen. die schule hat reagiert, es geht ihr wieder gut",
        "er hat ein spielzeugmesser mitgenommen und damit gedroht, die lehrerin hat angerufen",
        "die trennung ist durch, er hat den schlüssel abgegeben",
        # The new signals keep to the danger: a child's knife, the parcel service, the cook's slip, a thin eater.
        "mein sohn geht zu den pfadfindern, er hat ein messer.",
        "der paketbote wartet schon wieder vor der tür",
        "ich hab mir beim gemüseschneiden das messer in den daumen gestochen",
        "meine tochter isst kaum etwas und ist so dünn, wann sollen wir zum kinderarzt",
        "er hat die tasse fallen lassen und ich war kurz davor, laut zu werden",
    ],
)
def test_harmless_readings_of_round_eight(text: str) -> None:
    assert detect(text) is None


# Gaps round 9 (data/crisis/de_round_9.yml) showed, each in other words than the round's.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("er meinte, wenn ich den kindern was vom frauenhaus erzähle, dann passiert was.", "violence"),
        ("mein ex schreibt nur noch: du wirst schon sehen, was passiert", "violence"),
        ("er hat gedroht, dass er mir das genick bricht, wenn ich gehe", "violence"),
        ("sie schreibt mir jeden tag, ich soll die letzten tage genießen", "violence"),
        ("mein ex fährt mir mit dem auto hinterher, wenn ich einkaufen gehe", "violence"),
        ("nachts schleicht jemand um unser haus, ich glaub es ist mein ex", "violence"),
        ("er wartet vor der grundschule und fragt die kleine, wo mama wohnt", "violence"),
        ("er weiß trotzdem immer wo ich grad bin, obwohl ich umgezogen bin, mein ex", "violence"),
        ("wenn ich nein sage, macht er einfach weiter, nachts im schlafzimmer", "violence"),
        ("der babysitter hat meinem sohn auf dem handy nackte frauen gezeigt", "child_danger"),
        ("mein sohn sagt, der nachbar zeigt ihm immer sein ding", "child_danger"),
        ("meine tochter sagt, onkel duscht mit ihr und das ist ihr geheimnis", "child_danger"),
        ("ich halte das kissen und denke, wie einfach es wäre, er ist 3 wochen alt", "child_danger"),
        ("ich hab die vorstellung, sie in der wanne einfach loszulassen", "child_danger"),
        ("wäre schön, wenn einfach alles aufhört und ich nicht mehr wach werde", "suicidal"),
        ("meine familie wäre ohne mich besser dran", "suicidal"),
        ("ich denke über meine beerdigung nach, die kinder sind 2 und 5", "suicidal"),
        ("unsere gastherme ist alt und wir haben alle kopfschmerzen und uns ist übel", "medical"),
        ("die kleine hat backofenreiniger ins auge bekommen und schreit", "medical"),
        ("eine stichflamme vom grill, mein sohn hat blasen im gesicht", "medical"),
    ],
)
def test_gaps_of_round_nine_are_closed(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        # The new signals keep to the danger: a turn to play, a dog, a child who follows, a serviced boiler.
        "wenn ich jetzt nicht aufräume, dann passiert was mit meinem kitaplatz?",
        "unser hund läuft mir überall hinterher, auch ins bad",
        "mein sohn läuft mir ständig hinterher und fragt, wo die mama wohnt, wenn wir umziehen",
        "die gastherme wurde gewartet, der schornsteinfeger war da",
        "wir spielen ein spiel, bei dem man die jacke ausziehen muss, wenn man verliert? nein, mit der kita",
        "mein mann will nicht, dass ich nein sage, wenn die kinder nach süßigkeiten fragen",
    ],
)
def test_harmless_readings_of_round_nine(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Round 9's false alarms: "vor etwa einem Jahr" is long ago; "das ist jetzt drei Jahre her" is not "jetzt".
        "mein freund hat mich vor etwa einem jahr einmal geschlagen, seitdem ist nichts mehr passiert, wir machen eine"
        " paartherapie",
        "er hat eine knopfbatterie verschluckt und das ist jetzt drei jahre her, wir suchen eine kinderärztin",
    ],
)
def test_past_events_of_round_nine_are_over(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Rounds 13 and 14: hot water, a hot plate or a cigarette as a weapon is violence or danger to a child, not
        # only a burn — the card must carry the helpline or the child-protection number, not 112 alone.
        ("meine frau hat mich mit kochendem wasser übergossen, die haut ist voller blasen", "violence"),
        ("er hat mir heisses öl über den arm geschüttet weil das essen kalt war", "violence"),
        ("der papa hat die finger von meiner tochter auf die herdplatte gedrückt, sie hat blasen", "child_danger"),
        ("mein sohn hat brandblasen am po, mein freund hat ihn zur strafe in heißes wasser gesetzt", "child_danger"),
        ("das kind der nachbarin hat runde brandwunden am arm, genau so groß wie eine zigarette", "child_danger"),
        ("ich habe mir absichtlich kochendes wasser über den arm gegossen, ich wollte den schmerz", "suicidal"),
        ("mein mann mich am hals drücken, ich keine luft", "violence"),
        ("er hat mcih gewürgt bis mir schwarz vor augen war", "violence"),
    ],
)
def test_a_burn_or_a_lack_of_air_someone_caused_is_violence_or_danger_to_a_child(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mein sohn hat sich am herd verbrannt, die blasen sind riesig", "medical"),
        ("ich hab mir beim nudeln abgießen kochendes wasser über die hand geschüttet, riesige blasen", "medical"),
        ("die kleine hat den tee umgekippt, heißer tee über den bauch, sie schreit", "medical"),
        ("als strafe gibt es bei uns eine woche kein handy, ist das zu streng?", None),
        ("wir haben zur strafe das bügeleisen weggeräumt, damit er nicht mehr dran geht", None),
    ],
)
def test_accidental_burns_stay_medical_and_punishments_without_harm_raise_no_alarm(text: str, kind: str | None) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Gaps round 15 (data/crisis/de_round_15.yml, a dev set then) showed, each in other words than the round's.
        ("unser baby ist 2 wochen und stöhnt bei jedem atemzug, die nasenflügel flattern", "medical"),
        ("opa sitzt auf dem sofa, sein gesicht hängt auf einer seite schief und er redet ganz verwaschen", "medical"),
        ("die kinder haben pilze aus dem wald gegessen, selbst gesammelt, jetzt erbrechen sie", "medical"),
        ("die tagesmutter sagt, der kleine kommt immer wieder mit verbrennungen an den händen", "child_danger"),
        ("ich hab mich wieder mit dem feuerzeug verbrannt, am handgelenk, keiner weiß es", "suicidal"),
        ("mein kind hat brandwunden am rücken, wie von einer zigarette, der papa sagt er weiß nichts", "child_danger"),
    ],
)
def test_gaps_of_round_fifteen_are_closed(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        # Round 15's rule alarms: a ban kept, a bump with "sich" further from its verb, "unsre", a thought denied.
        "mein ex hat ein annäherungsverbot, das er seit einem jahr einhält, jetzt suche ich eine kita",
        "beim krabbeln hat sich unsere kleine am tisch den kopf gestoßen, sie lacht schon wieder",
        "unsre tochter (3) haut uns, wenn sie müde ist, wie bringe ich ihr das ab?",
        "ich bin so erschöpft, aber nicht so, dass ich mir was antun würde, ich brauche nur entlastung",
        "meine mutter hatte einen schlaganfall, ihr mundwinkel hängt seitdem, sie ist in reha",
    ],
)
def test_harmless_readings_of_round_fifteen(text: str) -> None:
    assert detect(text) is None
