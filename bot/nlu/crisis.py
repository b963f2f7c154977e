"""The rule-based crisis safety net: plain signals of danger, found without the classifier.

The classifier may miss a message it has never seen; these patterns catch what a parent plainly says. A false
alarm costs a parent one card of phone numbers; a missed one can cost a life, so the patterns lean towards
catching — but everyday worries, exaggerations, stories that ended well and plans must not raise an alarm.

How a message is read (`analyse`):
1. Normalised (`normalise`): lower case, umlauts folded (ä → ae), punctuation as "," and "." tokens between
   words (a "." ends a sentence), colloquial and learner spellings of a few small words mapped ("nich" → "nicht"),
   and misspellings of danger words repaired when they are one letter away and not a real German word
   ("bewustlos" → "bewusstlos", but "geschlafen" stays).
2. Signals: each is a pattern over words with gaps ("schlägt ~2 mich": up to two words between), written with
   umlauts and matching "ä", "ae" and "a" alike. A signal names its kind and situation (sub), and may need a
   second word somewhere in the message (a child, a pregnancy) or be cancelled by words in its sentence.
3. Harmless readings cancel a signal: a negation right at it ("er hat mich nie geschlagen"), a game, film or
   course in its sentence, a crime film, report or term paper in its clause ("im Tatort hat ein Vater sein Kind
   vergiftet"), a question asked to be prepared, an exaggeration marked with a laughing emoji, and a
   past event that ended well ("hatte letztes Jahr einen Fieberkrampf, jetzt ist alles gut") — unless the
   sentence says it is still going on ("wieder", "jetzt", "seit"). A German word in a message in another language
   ("I was in a Frauenhaus 3 years ago, now all is fine") is read with that language's harmless readings.
4. Of the kinds that remain, the one that decides the numbers comes first: violence against the parent, then
   danger to a child, then suicidal thoughts, then a medical emergency (the others are kept in `Finding.kinds`).
   Who is harmed decides between the first two: "er schlägt mich vor den Kindern" is violence against the
   parent, "er schlägt unseren Sohn" danger to a child.

Why regular expressions and not the lemmas of the spaCy pipeline: its lookup lemmatizer folds the pronouns
("er" → "ich", "mich" → "sich"), which are exactly what tells who hurts whom, and it knows no spelling without
umlauts ("wuergt", "schlaegt") or with typos. Tested on its own (tests/bot/test_crisis.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.nlu import crisis_signals
from bot.nlu.language import detect_language
from vocabulary.crisis import CRISIS_KINDS
from vocabulary.names import fold_umlauts
from vocabulary.texts import DEFAULT_LANGUAGE

# --- normalisation ----------------------------------------------------------------------------------------------

# Spellings of small words in chats and learner German, as the patterns expect them.
_SPELLINGS: dict[str, str] = {
    "nich": "nicht",
    "mcih": "mich",
    # "ausm Haus", "mitm Feuerzeug", "aufm Dach", "vorm Haus": preposition and article in one word.
    "ausm": "aus dem",
    "mitm": "mit dem",
    "aufm": "auf dem",
    "vorm": "vor dem",
    "gehaun": "gehauen",
    "inn": "in den",
    "nit": "nicht",
    "nix": "nichts",
    "is": "ist",
    "isch": "ich",
    "grad": "gerade",
    "grade": "gerade",
    "jetz": "jetzt",
    "getz": "jetzt",
    "nen": "einen",
    "ne": "eine",
    "n": "ein",
    "wat": "was",
    "dat": "das",
    "ma": "mal",
    "waer": "waere",
    "waern": "waeren",
    "wuerd": "wuerde",
    "koennt": "koennte",
    "haett": "haette",
    "mann's": "mann",
    "lebn": "leben",
    "fiber": "fieber",
}
# Danger words whose misspellings one letter away are repaired (only tokens of six letters and more).
_DANGER_WORDS: tuple[str, ...] = (
    "bewusstlos",
    "ohnmaechtig",
    "vergewaltigt",
    "vergewaltigung",
    "missbraucht",
    "misshandelt",
    "geschlagen",
    "schlaegt",
    "verpruegelt",
    "gewuergt",
    "geschuettelt",
    "schuettelt",
    "verbrannt",
    "verbrueht",
    "verschluckt",
    "geschluckt",
    "krampfanfall",
    "fieberkrampf",
    "krampft",
    "umbringen",
    "umzubringen",
    "selbstmord",
    "eingesperrt",
    "eingeschlossen",
    "vergiftet",
    "blutung",
    "blutungen",
    "schwanger",
    "erstickt",
    "lebensmuede",
    "abschiedsbrief",
    "putzmittel",
    "tabletten",
    "medikamente",
    "waschmittel",
    "reiniger",
    "getreten",
    "geritzt",
    "verletzt",
    "bedroht",
    "atmet",
    "blutet",
    "getrunken",
    "gegessen",
    "geschnitten",
    "spuelmaschinentab",
    "apathisch",
    "spuelmaschinentabs",
)
# Real German words one letter away from a danger word: never "repaired" (from the German lemma table of
# spacy-lookups-data; "geschlafen" is not "geschlagen", "schlaeft" not "schlaegt", "versetzt" not "verletzt").
_REAL_NEIGHBOURS = frozenset(
    "ahmet atme atmen atmest atmete bautet bedrohe bedrohet bedrohst bedrohte beschlagen betreten beutet"  # noqa: SIM905
    " bewusstlose bleutet blute bluten blutes blutest blutete blutjung blutjungen eingeschlossene eingeschossen"
    " eingesperrte einiger erstinkt flutet gebuergt gedroht geratzt geritzte gerotzt geschlafen geschlagene"
    " geschluckte geschuettelte geschuettert geschuettet getretene gewitzt gewuergte gewuerzt krampf krampfe"
    " krampfet krampfs krampfst krampfte lebensmuedem lebensmueden lebensmueder lebensmuedes medikament"
    " medikamenten medikaments missbrauch missbrauche missbrauchet missbrauchs missbrauchst missbrauchte"
    " misshandele misshandeln misshandelst misshandelte ohnmaechtige peiniger reinige reinigen reinigern"
    " reinigers reiniget schlaeft schlaege schlaegst schlaget schlagt schlangt schraegt schuettele schuetteln"
    " schuettelst schuettelte schuettert schuettest schuettet schwangen schwangere selbstmorde selbstmords"
    " tablette umbringe umbringend umbringens umbringet verbannt verblueht verbrannte verbrennt verbruehe"
    " verbruehet verbruehst verbruehte verfrueht vergewaltige vergewaltiget vergewaltigst vergewaltigte"
    " vergifte vergiften vergiftest vergiftete verletze verletzet verletzte vernetzt verpetzt verpruegele"
    " verpruegeln verpruegelst verpruegelte verrannt verschlucke verschlucket verschluckst verschluckte"
    " versetzt waschmitteln waschmittels betrunken getrunkene gegessene gegossen gemessen gesessen wegessen"
    " beschnitten geschnittene geschnitzten geschritten".split()
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+|[.!?;\n]+|[,:()/+&\"]")
_SENTENCE_END = re.compile(r"[.!?;\n]+")
# "in der 8. Woche": an ordinal, not the end of a sentence.
_ORDINAL = re.compile(r"\b(\d{1,2})\.(?= ?[a-z])")
# "18 Mon.", "ca.": an abbreviation, not the end of a sentence.
_ABBREVIATION = re.compile(r"\b(mon|mo|mnt|monat|j|jr|jhr|wo|ca|bzw|evtl|ggf|usw)\.")
# An emoji ends a sentence as a full stop would ("harmlos 🙏 Wie sichere ich ...").
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]+")


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter inserted, left out, changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _inflected(word: str, danger: str) -> bool:
    """Another ending is another form of the word, not a typo: "ersticke" is not "erstickt"."""
    shorter = min(len(word), len(danger))
    stem = next((i for i in range(shorter) if word[i] != danger[i]), shorter)
    endings = word[stem:] + danger[stem:]
    return len(word) - stem <= 1 and len(danger) - stem <= 1 and set(endings) <= set("etns")


def _repair(word: str) -> str:
    if len(word) < 6 or word in _REAL_NEIGHBOURS or word in _DANGER_WORDS:
        return word
    matches = [danger for danger in _DANGER_WORDS if _one_edit_apart(word, danger) and not _inflected(word, danger)]
    return matches[0] if len(matches) == 1 else word


def normalise(text: str) -> str:
    """The text as the patterns read it: folded, one space between tokens, a space at both ends."""
    folded = fold_umlauts(text).replace("'", "").replace("’", "")
    # Letters typed three times and more are once ("hilfeee", "sooo").
    folded = re.sub(r"([a-z])\1{2,}", r"\1", folded)
    folded = _ORDINAL.sub(r"\1", folded)
    folded = _EMOJI.sub(" . ", _ABBREVIATION.sub(r"\1", folded))
    tokens = []
    for token in _TOKEN.findall(folded):
        if _SENTENCE_END.fullmatch(token):
            # A question stays a question: "ist alles ok?" does not say that all is well.
            tokens.append("?" if "?" in token else ".")
        elif not token[0].isalnum():
            tokens.append(",")
        else:
            token = token.replace(",", ".")
            tokens.append(_SPELLINGS.get(token) or _repair(token))
    return " " + " ".join(tokens) + " "


# --- pattern language -------------------------------------------------------------------------------------------

_UMLAUTS = {"ä": "(?:ae|a)", "ö": "(?:oe|o)", "ü": "(?:ue|u)", "ß": "(?:ss|s)"}
# " ~3 " between two parts: up to three words of the same sentence; " ~~3 ": across sentences too.
_GAP = re.compile(r" ~(~?)(\d+) ")

# Words used in many patterns; written with umlauts like the patterns. Verbs are listed with their forms: finite,
# infinitive, "zu" infinitive, participle, and split separable verbs ("tu ... was an", "bringt ... um").
_PARTS: dict[str, str] = {
    # A child, named by the parent or a neighbour ("zweijährige" too).
    "child": r"(?:kind|kinder|kindern|kindes|kids?|baby|babys|babies|säugling\w*|neugeboren\w*|sohn|sohnes|söhne"
    r"|tochter|töchter|kleine|kleinen|kleiner|kleines|junge|jungen|jungs|mädchen|neffe\w*|nichte\w*|enkel\w*"
    r"|stiefsohn|stieftochter|stiefkind\w*|pflegekind\w*|zwilling\w*|nachbarskind\w*|nachwuchs|\w*jährige\w*"
    r"|teenager|kleinkind\w*|geschwister\w*|kleine[nr]? (?:bruder|schwester|brüder)|lütte[nr]?|lüttje|kleene[nr]?"
    r"|schüler|schülers|schülerin|schülerinnen)",
    # Adults who harm (partners, family, others), and "er"/"sie".
    "adult": r"(?:mann|ehemann|freund|partner\w*|ex|exmann|exfreund\w*|frau|ehefrau|freundin|vater|papa|mutter|mama"
    r"|stiefvater|stiefmutter|bruder|schwester|schwager|schwägerin|schwiegermutter|schwiegervater|schwiegereltern"
    r"|onkel|tante|opa|oma|cousin\w*|nachbar\w*|trainer\w*|babysitter\w*|typ|kerl|verlobte\w*|lebensgefährt\w*"
    r"|familie|alte|er|sie)",
    # Hitting and other harm done to someone: finite forms and infinitives ("mein Mann schlagen mich").
    "harms": r"(?:schlägt|schlagt|schlägst|schlagen|schlug|schlugen|haut|haust|hauen|haute|tritt|trittst|treten|trat"
    r"|prügelt|prügeln|prügelte|verprügelt|verprügeln|verprügelte|würgt|würgst|würgen|würgte|boxt|boxte|ohrfeigt"
    r"|schubst|schubste|stößt|stieß|verdrischt|vermöbelt|versohlt|misshandelt|misshandeln|misshandelte|quält|quälen"
    r"|quälte|vergewaltigt|vergewaltigte|missbraucht|missbrauchte|missbrauchen|bedroht|bedrohte|bedrohen|erpresst"
    r"|fesselt|verletzt|verletzte|verletzen|schüttelt|schüttelte|schütteln|tötet|sperrt|sperrte|sperren|packt|packte)",
    # The parent speaking of what they do to a child: "ich schlage meine Kinder" (with "mich" it is self-harm).
    "i_harm": r"(?:schlage|haue|trete|prügle|prügel|verprügle|schüttle|schüttel|verletze|sperre|würge|packe|quäle)",
    # The same as a participle ("hat mich geschlagen").
    "harmed": r"(?:geschlagen|zusammengeschlagen|gehauen|verhauen|verprügelt|getreten|eingetreten|gewürgt|geboxt"
    r"|geohrfeigt|misshandelt|gequält|vergewaltigt|missbraucht|bedroht|angegriffen|begrapscht|betatscht|angefasst"
    r"|eingesperrt|eingeschlossen|weggesperrt|gefesselt|gezwungen|verfolgt|gestalkt|erpresst|gedroht|verletzt"
    r"|(?:runter|hinunter|herunter|um)?gestoßen|geschubst|erwürgt|erdrosselt|angezündet|erstochen|niedergestochen"
    r"|angeschossen|geschüttelt|gepackt|gezerrt"
    r"|geschleift|festgehalten|verdroschen|vermöbelt|versohlt)",
    # Participles that also say it in the passive ("ich werde geschlagen", not "ich bin auf etwas gestoßen").
    "harmed_passive": r"(?:geschlagen|zusammengeschlagen|verprügelt|getreten|gewürgt|misshandelt|gequält|vergewaltigt"
    r"|missbraucht|bedroht|angegriffen|begrapscht|eingesperrt|eingeschlossen|weggesperrt|gefesselt|verfolgt"
    r"|gestalkt|erpresst|niedergestochen|angeschossen|festgehalten)",
    # Killing someone else, as a threat ("umbringen", "bringt ... um", "abstechen", "kalt machen").
    "kill": r"(?:umbringen|umzubringen|umbringt|umbringe|umbring|umgebracht|töten|zu töten|tötet|töte|getötet"
    r"|abstechen|abzustechen|absticht|abgestochen|erstechen|zu erstechen|ersticht|erschießen|zu erschießen"
    r"|erschießt|erschieße|erschossen|erwürgen|kalt ?machen|kaltzumachen|kalt zu machen|umlegen|umzulegen"
    r"|(?:legt|bringt|bringe|bring|brachte) (?!sich\b)(?:[^ .?]+ ){0,3}um|(?:sticht|stech|steche) ~2 ab"
    r"|(?:macht|mach|mache) ~2 kalt)",
    # Killing oneself, after "mich"/"mir" ("ich will mich umbringen", "mir das Leben nehmen").
    "kill_self": r"(?:umbringen|umbringe|umbring|umzubringen|töten|töte|zu töten|erschießen|erschieße|erschieß"
    r"|erhängen|erhänge|aufhängen|aufhänge|aufzuhängen|vergiften|vergifte|ertränken|vor den zug|vor einen zug"
    r"|(?:das )?leben ~2 (?:nehmen|nehme|zu nehmen)|(?:was|etwas) ~2 (?:antun|antue|antu|anzutun))",
    # Doing harm to someone, the separable verbs: "antun", "tu ... was an", "wehtun", "tut ihm weh".
    "do_harm": r"(?:(?:tu|tue|tut|mach|mache) (?:ihm|ihr|ihnen|dem (?:baby|kind|kleinen)|der kleinen) (?:was|etwas"
    r"|nichts)\b|antun|anzutun|antu|antue|angetan|(?:tu|tue|tut|tat|täte) ~4 (?:was|etwas) an|wehtun|wehzutun"
    r"|weh zu tun|wehtue|weh tun|weh tue|weh tuhe|weh tu|wehgetan|weh getan|(?:tu|tue|tut|tat) ~3 weh|verletzen"
    r"|verletze|zu verletzen|schlagen|zu schlagen|schlage|schütteln|schüttle|schüttel|zu schütteln|kaputt machen"
    r"|kaputt mache|(?:mache|mach) ~3 kaputt|fallen lassen|fallen lasse|fallen zu lassen|fallen gelassen|zu werfen"
    r"|zu schmeißen|zu schleudern|weh ?machen|weh ?mache|weh zu machen|wehzumachen|(?:was|etwas) schlimmes ~2"
    r" (?:mache|mach|machen|antue|antun|tue|tun)|handgreiflich|grob (?:werde|zu werden|geworden)|zuschlage|zuschlagen"
    r"|zuzuschlagen|runterwerfe\w*|runterzuwerfen|hinunterwerfe\w*|treppe (?:runter|hinunter)(?!"
    r" (?:fällt|fallen|stürzt|purzelt))|(?:mund|nase) ~2 (?:zuhalte|zuhalten|zuzuhalten)"
    r"|(?:ihn|sie|es|kind|baby|sohn|tochter|kleine[nr]?) ~3 (?:unter wasser ~2 (?:halten|halte|drücken|drücke|zu halten"
    r"|zu drücken)|unterzutauchen|untertauchen)|(?:gegen|an) die wand ~2 (?:schmeiße|schmeiß|schmeißen|werfe|werfen"
    r"|schleudere|schleudern|knalle|knallen)|aus (?:dem )?fenster|an die wand|ersticken|ersticke|erwürgen|ertränken"
    r"|umbringen|umzubringen|töten|zu töten|(?:badewanne|wanne|wasser) ~3 (?:loszulassen|loslassen|loslasse"
    r"|los zu lassen)"
    r"|mit dem messer ~2 (?:was|etwas) (?:zu tun|zu machen|anzutun))",
    # Hot liquids and what burns skin, by accident or as a weapon ("heißes Wasser", "Bügeleisen").
    "hot_liquid": r"(?:kochend\w*|heiß\w*|siedend\w*) (?:wasser|tee|kaffee|öl|suppe|fett|milch)",
    "burning_tool": r"(?:zigarette\w*|bügeleisen|feuerzeug)",
    # Signs of drying out in a small child: no wet nappy, and limp, hard to wake or with sunken eyes.
    "no_wee": r"(?:pipi|pippi|gepinkelt|gepieselt|pinkeln|nasse\w* windel\w*)",
    "limp": r"(?:schlaff|schlapp|apathisch|kaum wach|kaum (?:zu )?wecken|augen ~2 (?:tief|eingefallen|eingesunken))",
    # A child as the one who does something: a toddler who hits is a parenting worry ("vom Sohn" is not).
    "little_one": r"(?:(?<!von )(?<!vom )(?<!wird )(?<!wurde )(?<!werden )\b(?:mein|meine|unser|unsere|unsre|der|die"
    r"|das)\b (?:kleine[rns]? |große[rns]? )?(?:sohn|tochter|kind|kinder|kids|baby|kleine[rns]?|kleinkind|junge|mädchen"
    r"|große[rns]?|zwerg)(?: , \d+ ,)?|\d+ ?jährige[rn]?|\b(?:trotz\w*|wutanf\w*))",
}


def _compile(pattern: str) -> re.Pattern[str]:
    for name, part in _PARTS.items():
        pattern = pattern.replace("{" + name + "}", part)
    pattern = _GAP.sub(lambda m: rf"(?: [^ {'' if m.group(1) else '.?'}]+){{0,{m.group(2)}}} ", pattern)
    for letter, alternatives in _UMLAUTS.items():
        pattern = pattern.replace(letter, alternatives)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")


@dataclass(frozen=True)
class Signal:
    kind: str
    sub: str
    pattern: re.Pattern[str]
    # Each must also occur somewhere in the message (a child for "schüttelt", a pregnancy for a bleeding).
    needs: tuple[re.Pattern[str], ...] = ()
    # Cancels the signal when it occurs in the same sentence (a harmless reading of the same words).
    unless: re.Pattern[str] | None = None
    # "nicht", "nie", "kein" right at the words cancel the signal ("er hat mich nie geschlagen").
    negatable: bool = False
    # Everyday exaggeration when the message laughs ("mein Mann bringt mich um, wenn er die Rechnung sieht 😂").
    hyperbole: bool = False


def _signal(
    kind: str,
    sub: str,
    *patterns: str,
    needs: tuple[str, ...] = (),
    unless: str | None = None,
    negatable: bool = False,
    hyperbole: bool = False,
) -> Signal:
    return Signal(
        kind=kind,
        sub=sub,
        pattern=_compile("|".join(f"(?:{pattern})" for pattern in patterns)),
        needs=tuple(_compile(need) for need in needs),
        unless=_compile(unless) if unless else None,
        negatable=negatable,
        hyperbole=hyperbole,
    )


# --- the signals ------------------------------------------------------------------------------------------------

# A child who hits a parent or other children is a parenting worry.
_CHILD_DOES_IT = (
    r"{little_one}(?: (?!(?:wird|wurde|werden|worden|wurden|vom|von|ihn|sie|vater|papa|mutter|mama|stiefvater"
    r"|stiefmutter|opa|oma|onkel|tante|mann|freund|freundin|partner\w*)\b)[^ .?]+){0,6} {harms}"
    # ... not when a parent does it to them ("mein Vater schlägt meine kleinen Geschwister").
    r"|(?<!vater )(?<!papa )(?<!mutter )(?<!mama )(?<!stiefvater )(?<!mann )(?<!freund )"
    r"{harms} ~3 (?:andere\w* kind\w*|geschwister|bruder|schwester|brüder)"
)
# Games, sport, stories and courses use the same verbs ("beim Schach geschlagen", "im Krimi erwürgt").
_PLAY = (
    r"beim (?:spiel|spielen|rennen|sport|training|fußball|wettlauf|wettrennen)|im (?:spiel|film|buch|krimi|tatort"
    r"|videospiel|theater|training|wettkampf|turnier)|schach|memory|uno|tischtennis|tennis|badminton|wettrennen"
    r"|wettlauf|wettkampf|turnier|videospiel\w*|computerspiel\w*|ego ?shooter|zock\w*|krimi|krimis|krimiserie\w*|tatort"
    r"|film|serie|märchen|theater|puppe\w*|teddy|kuscheltier\w*|boxverein|boxkurs|kampfsport\w*|karate\w*|judo\w*"
    r"|kickbox\w*|spiel\w* ~4 (?:krieg|räuber|polizei|cowboy\w*|soldat\w*|ninja\w*)"
    r"|selbstverteidigung\w*|räuber|ritter|schaumstoff\w*|kissenschlacht|spielen ~3 (?:doktor|verstecken|fangen)"
)
# Not waking up in the morning, a doll that does not react: an everyday matter, not a lost consciousness.
_NOT_UNCONSCIOUS = r"morgens|wecker|zur schule|zur kita|puppe\w*|teddy|spiel"
_CHILD = (
    r"{child}|\d+ ?jährige\w*|(?:bruder|schwester) , (?:[0-9]|1[0-5]) ,|(?:ist|sind) ~2 \d+ ?(?:monat|monate|wochen)\b"
)

SIGNALS: tuple[Signal, ...] = (
    # --- violence against the parent -------------------------------------------------------------------------
    _signal(
        "violence",
        "shelter",
        r"frauenhaus|frauenschutzhaus|schutzwohnung|männerschutzwohnung|männerhaus",
        unless=r"ehrenamtlich|spende\w*|arbeite\w*|praktikum|helfen möchte|möchte ~3 helfen|informieren|nach ~3"
        r" (?:frauenhaus|schutzwohnung)|endlich ~4 (?:eigene|neue) wohnung|aus dem frauenhaus ~2 (?:ausgezogen|raus)",
    ),
    _signal(
        "violence",
        "strangling",
        r"würgt (?:mich|uns)|würgen mich",
        r"hals ~3 (?:gepackt|gedrückt|drücken|zugedrückt|zudrückt|zudrücken|gewürgt|festgehalten|gegangen|gesprungen"
        r"|zugeschnürt|packt|drückt)|(?:packt|drückt|würgt|greift|hält|packte|drückte) ~3 (?:mich|mir|meinen|meine)"
        r" ~3 (?:am|an den|den|meinen|meine) hals",
        r"(?:hände|hand) ~2 (?:um|an) (?:meinen|meine|den|meinem) hals|drückt ~2 (?:meinen|meine|mein|den) hals",
        r"(?:luft|kehle|hals) ~3 (?:abgedrückt|zugedrückt|abgeschnürt|abdrückt|zudrückt|abgeschnitten|weggedrückt"
        r"|abgeklemmt)|(?:mich|mir) ~3 am hals ~6 (?:gepresst|gedrückt|hochgehoben|festgehalten|an die wand"
        r"|gegen (?:die|den|das) (?:wand|schrank|tür|boden))"
        r"|(?:drückt|drückte|drücken|schnürt|schnürte) ~4 (?:kehle|hals|luft) ~2 (?:zu|ab)\b",
        r"würgegriff|würgemale|schwitzkasten|(?:kissen|hand|hände) ~3 (?:(?:auf|über) (?:mein|meinem|das|dem) gesicht"
        r"|aufs gesicht|übers gesicht)",
        needs=(r"mich|mir|meinen|meine|meinem|ich",),
        # "dass ich ihm das Kissen aufs Gesicht leg": the thought of harming the baby (fear_of_harming), not violence.
        unless=_PLAY
        + r"|\b(?:ihm|ihr|dem baby|dem kind|der kleinen|dem kleinen) (?:das |ein |den |die )?(?:kissen|hand|hände)",
        negatable=True,
    ),
    _signal(
        "violence",
        "threats",
        # "er droht, mich umzubringen", "er sagt, er bringt mich um", "er meinte, wenn ich gehe, bin ich tot".
        r"(?<!ehrlich )(?:droht|drohte|drohen|gedroht|bedroht|androht|angedroht|sagt|sagte|sagen|gesagt|meint|meinte"
        r"|gemeint|schreibt|schrieb|geschrieben|gesprochen|schwört|brüllt|schreit) ~8 (?<!sich )(?:{kill}|mit dem tod"
        r"|mit dem messer|mit einem messer|messer|waffe|pistole|\w*gewehr|anzuzünden|anzündet|anzünden|zündet ~4 an"
        r"|abzufackeln|nicht mehr lange lebe|(?:nie wieder|nie mehr|nicht mehr) ~2 lebend|nirgends ~2 sicher"
        r"|(?:wache|wachst) (?:ich|du) ~4 nicht mehr auf|säure|übergieß\w*|überschütt\w*|bin ich tot|bist du tot"
        r"|bist tot|wirst sterben|wirst du sterben|keiner wird mich finden|niemand wird mich finden"
        r"|\b(?:er|sie) macht mich (?:tot|kalt|fertig|kaputt)|mach dich (?:tot|kalt|fertig|kaputt)|aufschlitz\w*"
        r"|(?:kehle|hals) ~2 durch(?:schneid\w*|zuschneiden|geschnitten)|(?:mir|dir|euch) ~3 (?:knochen|genick) ~2"
        r" (?:brech\w*|bricht)|(?:bricht|brechen|breche) (?:mir|dir) ~3 (?:knochen|genick)|abfackel\w*|fackelt ~4 ab"
        r"|(?:mir|dir) ~2 (?:was|etwas) (?:passiert|zustößt)|zustößt|(?:überlebe|überlebst) ~4 nicht"
        r"|findet (?:er|sie) (?:mich|dich) ~~6 (?:vorbei|tot|erledigt))",
        # A gun at home and what he says: "er hat ne Knarre und meinte ...".
        r"(?:knarre|waffe|pistole|gewehr|schusswaffe) ~~12 (?:droht|drohte|meinte|meint|sagt|sagte|gesagt|wenn ich ~3"
        r" (?:gehe|geh|abhaue|abhau|verlasse|trenne))",
        # "dann sieht dich keiner mehr lebend", "sonst landest du im Krankenhaus / im Rollstuhl".
        r"(?:sieht|findet|sehen|finden) (?:mich|dich|uns|euch) ~2 (?:keiner|niemand) ~2 (?:mehr )?(?:lebend|lebendig)"
        r"|(?:sonst|dann) (?:lande ich|landest du|liege ich|liegst du|bin ich|bist du|komme ich|kommst du) ~5"
        r" (?:im krankenhaus|im rollstuhl|auf dem friedhof|im sarg|unter der erde)|(?:gesicht|hals|kehle) ~3"
        r" (?:zu zerschneiden|zerschneiden|zerschneidet|zerschneide|aufzuschlitzen)",
        # The weapon shown as a message: "legt das Messer auf den Tisch: das nächste Mal ist es für mich".
        r"(?:\w*messer|waffe|pistole|gaspistole|schreckschuss\w*|\w*gewehr|axt) ~~12"
        r" (?:nächste mal|nächstes mal|gezielt|zielt|bist du dran|bist dran|auf (?:mich|uns) gerichtet"
        r"|gerichtet auf (?:mich|uns))|(?:gezielt|zielt) ~3 auf (?:mich|uns)",
        # "hat gesagt, wenn er noch mal was vom Jugendamt findet, dann passiert was"; "du wirst sehen, was passiert".
        r"(?:droht|drohte|gedroht|sagt|sagte|gesagt|meint|meinte|gemeint|schreibt|schrieb|geschrieben) ~12 (?:dann"
        r"|sonst) passiert (?:was|etwas|ein unglück)(?= [.?,]| $| und| aber)|(?:wirst|werdet) (?:schon )?sehen ~2 was"
        r" (?:dann )?passiert|genieß\w* ~3 letzten (?:tage|stunden|wochen)|letzten (?:tage|stunden|wochen) ~2"
        r" genieß\w*",
        # "denk dran, was passiert, wenn du zur Polizei gehst".
        r"was (?:dann )?passiert ~2 wenn du ~4 (?:polizei|jugendamt|gehst|ausziehst|verlässt|abhaust|redest|erzählst"
        r"|trennst)",
        # "er will mich umbringen", "bringt er mich um", "er tötet mich" — someone else is the subject; learner
        # order "und mich er tötet".
        r"\b(?:er|sie|{adult}) ~6 (?:mich|uns) ~3 {kill}|\bmich (?:er|sie) ~2 {kill}",
        # A weapon in his hand now: "hilfe er hat n messer", "er holt die Pistole".
        r"(?:hilfe|angst|panik|schnell|notfall) ~~6 \b(?:er|sie) (?:hat|holt|holte|hält|nimmt|nahm) ~2"
        r" (?:\w*messer|waffe|pistole|axt|knarre)|(?:pistole|waffe|knarre|gewehr|schusswaffe) ~3 auf (?:den|dem)"
        r" \w*tisch ~2 (?:gelegt|liegen)",
        # "sagt, dass er mir was antut, wenn ...", a can of petrol at the door.
        r"(?:sagt|sagte|droht|drohte|meint|meinte|schreibt|schrieb) ~10 (?:mir|uns) ~3 (?:was|etwas)"
        r" (?:antut|anzutun|antun)|\b(?:er|sie|{adult}) ~6 (?:kanister|benzin) ~~8 vor (?:meinem|unserem|meiner|unserer"
        r"|der|dem) (?:haus|tür|haustür|wohnung)",
        r"(?:bringt|bringe) (?:er|sie) (?:mich|uns) ~4 um\b|(?:er|sie) (?:bringt|tötet|ersticht|erschießt)"
        r" (?:mich|uns)",
        # Quoted: "er sagt: ich bring dich um", "du bist tot".
        r"(?:bring|bringe) dich ~2 um|(?:töte|erschieße|erschieß|erwürge) dich|(?:stech|steche) dich ~2 ab"
        r"|mach dich ~2 kalt|du bist tot|ich ~2 (?:bring|töte) ~2 dich",
        r"(?:\w*messer|waffe|pistole|gewehr|axt) ~6 (?:bedroht|droht|gedroht|bedrohen|an den hals|an die kehle"
        r"|an den bauch|an die brust|an den kopf|an meinen hals|ans gesicht"
        r"|auf mich|vor mir|in der hand)",
        unless=_PLAY + r"|{little_one} ~3 (?:brüllt|schreit|sagt|ruft|sagte|schrie) ~4 (?:bruder|schwester|geschwister"
        r"|freund\w*|kumpel|mitschüler\w*)|\bdas ~2 bringt|kündigung|räumung\w*|mahnung|inkasso|jobcenter|amt|vermieter"
        r"|sanktion\w*|als (?:würd|würde|ob|wenn) ~5 {kill}|{little_one} ~8 (?:gesagt|sagt|sagte|brüllt|schreit|ruft"
        r"|geschrien|gebrüllt) ~6 (?:bring|bringe|töte|hasse) dich|plastikmesser|spielzeug\w*|nur gerede"
        r"|nicht ernst gemeint|meint es nicht so",
        hyperbole=True,
    ),
    _signal(
        "violence",
        "confinement",
        r"(?:sperrt|schließt|sperrte|schloss|sperren) ~3 (?:mich|uns) ~4 ein",
        r"(?:lässt|ließ|lassen|lasst) (?:mich|uns) ~3 nicht ~3 (?:raus|gehen|aus|weg|hinaus|vor die tür|zum arzt"
        r"|zur arbeit|zu meiner|zu meinen|telefonieren|arbeiten|einkaufen)",
        r"\bich ~2 (?:darf|durfte|kann|komme|komm) ~3 nicht ~3 (?:raus|aus (?:dem |der )?(?:haus|wohnung)"
        r"|vor die tür|alleine raus|(?:das|die) (?:haus|wohnung) verlassen|telefonieren)|(?:darf|durfte) ~3"
        r" (?:niemand|niemanden) ~2 (?:anrufen|sehen|treffen|sprechen)|\bich (?:nicht|nie) (?:darf|dürfen) ~3"
        r" (?:gehen|raus|rausgehen|aus dem haus|telefonieren|arbeiten)",
        # Learner German: "mann nimmt telefon und geld".
        r"{adult} (?:nimmt|nahm|nehmen) ~2 (?:telefon|handy|pass|papiere|ausweis|geld) (?:und|,) ~2 (?:geld"
        r"|pass|schlüssel|handy|telefon|papiere)",
        r"(?:hält|hielt) ~2 (?:mich|uns) ~4 fest|(?:mich|uns) ~4 festgehalten",
        # Locked in from outside, or forbidden to leave: "verriegelt die Tür von außen", "erlaubt mir nicht, …".
        r"(?:verriegelt|verschließt|schließt|sperrt|verrammelt) ~5 von außen|(?:erlaubt|verbietet) (?:mir|uns) ~6"
        r" (?:haus|wohnung|tür) ~3 (?:verlassen|gehen)|\b(?:er|sie|{adult}) ~4 (?:mein|meine) (?:handy|telefon) ~3"
        r" (?:zerstört|zertrümmert|kaputt gemacht|kaputtgemacht)",
        r"(?:nimmt|nahm|hat) ~3 mir ~4 (?:pass|schlüssel|handy|papiere|ausweis|telefon)"
        r"|(?:meinen|mein|meine) (?:pass|schlüssel|handy|papiere|ausweis) ~4 (?:weggenommen|abgenommen|versteckt"
        r"|mitgenommen|genommen)|\b(?:er|sie) ~3 (?:hat|nimmt|nahm) ~4 (?:den schlüssel|die schlüssel|meinen pass"
        r"|die papiere)",
        r"(?:sitz|sitze|sitzen|steck|stecke) ~4 fest ~~8 (?:abgeschlossen|eingeschlossen|eingesperrt|zugesperrt)"
        r"|(?:abgeschlossen|eingeschlossen|eingesperrt|zugesperrt) ~~8 (?:sitz|sitze|sitzen|steck|stecke) ~4 fest",
        # "er schließt ab und nimmt den Schlüssel mit, damit ich nicht raus kann".
        r"(?:tür|türen|schließt|schloss|sperrt) ~3 (?:ab|zu|abgeschlossen|zugesperrt|verriegelt|zugeschlossen)"
        r" ~~12 (?:nicht raus|nicht weg|nicht hinaus|nicht (?:aus )?(?:dem |der )?(?:haus|wohnung))",
        unless=_PLAY + r"|quarantäne|corona|krank|fieber|{little_one}|lehrer\w*|schule|kita|angst vor menschen"
        r"|traue mich|trau mich|kinderwagen|aufzug|bettruhe|wochenbett|\b(?:arzt|ärztin) ~3 verbietet"
        r"|schlüssel ~2 (?:abgegeben|zurückgegeben|hiergelassen|dagelassen)",
    ),
    _signal(
        "violence",
        "sexual",
        r"vergewaltig\w*|sexuell\w* (?:angegriffen|belästigt|missbraucht|bedrängt|genötigt|gewalt|übergriff\w*)",
        r"zwingt ~2 (?:mich|uns) ~3 (?:sex\w*|schlafen|zu sachen|zu dingen)|(?:zum|zu) ~2 sex\w* ~3 gezwungen"
        r"|zwingt mich ~6 (?:die|was) ich nicht will",
        r"sexuelle\w* (?:sachen|dinge|handlungen) ~2 gezwungen|macht sex mit mir|sex ~4 (?:obwohl|wenn) ich ~2 nicht"
        r" will|begrapscht|betatscht|(?:fasst|fasste|angefasst) ~2 mich ~4 (?:gegen meinen willen|an|unten)",
        r"erzw\w* ~3 sex\w*|sex\w* ~3 erzw\w*|gegen meinen willen|nimmt (?:er )?sich ~2 was er will"
        r"|(?:sex\w*|schlafe\w*|anfass\w*|angefasst|rangemacht|hergefallen|zwingt|nimmt) ~~10"
        r" (?:obwohl|auch wenn|wenn|trotz) ich ~3 (?:nein|nicht will|nicht wollte|weine)",
        r"(?:hat|haben) mich ~3 missbraucht|mich ~2 missbraucht|(?:sachen|dinge) mit mir ~6 (?:die|was) ich nicht"
        r" (?:will|möchte|mag)|im schlaf ~~6 (?:nicht will|nicht wollte)|mit (?:mir|mich) (?:sachen|dinge) ~4"
        r" (?:die|was) ich nicht (?:will|möchte|mag)|mich ~3 genommen ~~10 (?:obwohl|auch wenn|trotz) ich ~4"
        r" (?:nein|nicht will|nicht wollte|geschlafen|schlief)",
        unless=r"{child}|\b(?:sie|ihn|ihr|ihm)\b ~3 (?:angefasst|missbraucht)|" + _PLAY,
    ),
    _signal(
        "violence",
        "sexual",
        # Held down, or filmed and threatened with the film — said by the parent, so a baby named too is no child
        # abuse.
        r"sex\w* ~~12 (?:mich ~2 wehre|wehre ich mich|runterdrückt|(?:drückt|drücken|drückte) mich ~2"
        r" (?:runter|aufs bett))|(?:(?:filmt|gefilmt|fotografiert) (?:mich|uns) ~4 (?:beim sex|nackt|beim duschen"
        r"|ohne dass ich ~2 will)|(?:mich|uns) ~2 (?:beim sex|nackt|beim duschen) ~2 (?:gefilmt|fotografiert)) ~~10"
        r" (?:droht|drohte|rumzuschicken|rumschicken|verschick\w*|veröffentlich\w*|ins netz|online|hochzuladen"
        r"|hochladen)",
        unless=_PLAY,
    ),
    _signal(
        "violence",
        "sexual",
        r"(?:wenn|obwohl|auch wenn) ich ~3 nein (?:sag|sage|sagen|gesagt) ~6 (?:trotzdem|einfach weiter|wütend|hält"
        r"|festhält)|(?:macht|machte) (?:sachen|dinge) ~4 (?:mit mir|im bett) ~~8 (?:nicht will|nicht möchte|nein)"
        r"|(?:will|möchte) ~2 nicht ~~8 (?:hält|hielt) ~3 (?:hände|arme) ~2 fest",
        needs=(r"bett|sex\w*|nachts|schlafzimmer|wochenbett|intim\w*|mit mir|will halt|will er",),
        unless=_PLAY + r"|{little_one}|essen|zähne|hausaufgaben|aufräumen",
    ),
    _signal(
        "violence",
        "stalking",
        r"stalkt|stalken|gestalkt|stalker\w*|stalking",
        r"verfolgt (?:mich|uns)|\b(?:er|sie) (?:mich|uns) ~2 (?:beobachtet|verfolgt|überwacht)"
        r"|fotos? (?:von|vor) (?:meinem|meiner|unserem|unserer) (?:haus|wohnung|\w*fenster|auto|arbeit)"
        r"|(?:folgt|folgen|folgte) (?:mir|mich|uns) ~2 überall|nachstell\w*|nachzustellen"
        r"|\b(?:er|sie|{adult}) ~3 (?:steht|stand|wartet) ~3 (?:wieder|schon wieder) ~3 vor"
        r" (?:dem|meinem|unserem|der|meiner|unserer) (?:haus|tür|haustür|fenster|wohnung)"
        r"|stellt (?:er |sie )?(?:mir|uns) ~2 nach(?= [.?,]| $| und)|lauert (?:mir|uns) ~5 auf|auflauern"
        r"|auf schritt und tritt|(?:werde|werd|wurde|werden) ~8 verfolgt|folgt (?:mir|uns) ~6"
        r" (?:bis|nach hause|zur arbeit|mit dem auto)|beobachtet (?:mich|uns)",
        r"(?:steht|stand|wartet|wartete|taucht) ~6 (?:vor (?:meiner|meinem|unserer|unserem|der|dem)"
        r" (?:tür|haustür|haus|wohnung|arbeit|kita|schule|fenster)|an der ecke|auf) ~~6 (?:obwohl|kontaktverbot|nachts"
        r"|schon wieder|jeden|immer|ständig|dauernd|überall|angst|droht|nachrichten|jede|beobachtet|starrt|zettel)"
        r"|taucht ~4 (?:dauernd|ständig|überall|immer|jeden tag) ~4 auf|(?:steht|wartet) ~5"
        r" (?:jede nacht|jeden tag|jeden abend|nachts|ständig|immer|dauernd|schon wieder) ~3 vor"
        r" (?:meiner|meinem|unserer|unserem|der|dem) (?:tür|haustür|fenster|haus|wohnung|arbeit)"
        r"|(?:nachrichten|anrufe) ~~8 (?:vor (?:der|meiner) (?:tür|haustür)|lauert|auflauert)",
        # Watching and tracking: "spioniert mich aus", "überwacht jeden Schritt", "Peilsender am Auto".
        r"(?:spioniert|spionierte|späht|überwacht|überwachte|beschattet|belagert|belästigt) ~3"
        r" (?:mich|uns|jeden schritt)|\b(?:er|mann|ehemann|freund|partner\w*|ex|exmann|exfreund\w*|ehemalige\w*) ~4"
        r" (?:liest|kontrolliert|überwacht|durchsucht) ~3 (?:meine|mein) (?:mails|nachrichten|handy|chats|standort)"
        r"|(?:mich|uns) ~4 (?:ausspioniert|ausspionieren|überwacht|beschattet|belagert|belästigt)"
        r"|(?:werde|werd|wurde|werden) ~4 (?:beschattet|überwacht|belästigt|ausspioniert)"
        r"|(?:peilsender|airtag\w*|tracker|gps ?sender) ~~8 (?:gefunden|versteckt|angebracht|an meinem|an meiner"
        r"|in meinem|in meiner|unter meinem|ans auto|am auto)|(?:passt|passte|fängt|fing) (?:mich|uns) ~4 ab"
        r"|(?:schreibt|ruft|anrufe|nachrichten) ~6 (?:neuen|anderen|unterdrückten|wechselnden) nummern"
        r"|(?:\d\d+|zig|dutzende|hunderte) anrufe ~3 (?:am tag|pro tag|täglich|jeden tag|in der nacht|nachts"
        r"|pro stunde)|(?:ruft|anruft) ~3 an und legt ~2 auf|(?:belagert|umlagert) ~3 (?:meine|unsere)"
        r" (?:wohnung|haus|tür|arbeit)|überall wo ich ~2 (?:bin|hingehe|hin gehe) ~3 (?:ist er|ist sie|taucht|steht"
        r"|wartet)",
        r"(?:schleicht|schlich|streicht|streift) ~3 um (?:unser|mein|das) haus|(?:fährt|fuhr|läuft|lief) (?:mir|uns) ~4"
        r" hinterher|hinterher(?:fährt|läuft|fahren|laufen)|(?:guckt|schaut|späht|starrt|glotzt) ~2 (?:in die|in unsere"
        r"|in meine|durch die|durchs|ins) (?:fenster|wohnung)|(?:an der|an die|an unserer|an meiner) \w*tür ~2"
        r" (?:gerüttelt|rüttelt|rüttelte)|fragt ~4 wo (?:mama|ich|wir|die mama|seine mutter|meine frau)"
        r" (?:wohnt|wohne|wohnen)",
        r"kontaktverbot|annäherungsverbot|gewaltschutz\w*|gps|tracker|ortet (?:mich|uns)|ortet ~2 (?:mein"
        r"|meine) (?:handy|auto|telefon)|terrorisiert (?:mich|uns)"
        r"|unterdrückter nummer|hunderte\w* nachrichten",
        r"(?:adresse|wo ich wohne|wo wir wohnen) ~4 (?:rausgefunden|herausgefunden|weiß er|kennt er|gefunden)",
        r"(?:mich|uns) ~4 aufgespürt|spürt (?:mich|uns) ~3 auf\b|findet ~3 raus wo (?:ich|wir) ~2"
        r" (?:wohne|wohnen|bin|sind)",
        # A watch that shows parents where their child is, a parcel, a tracked order.
        unless=_PLAY + r"|{little_one}(?: [^ .?]+){0,3} (?:verfolgt|folgt|beobachtet|lauert|stalkt|ruft|schreibt|steht"
        r"|wartet|taucht|weiß|überwacht|kontrolliert|belästigt|spioniert|nervt|läuft|rennt|fährt|guckt|schaut|fragt"
        r"|schleicht|streift)|hund|katze|pech|gedanke\w*|albtr\w*|vergangenheit"
        r"|paket\w*|post|\w*uhr|smartwatch"
        r"|damit (?:sie|er) ~3 (?:allein|alleine)|sendung|bestellung|lieferung"
        # A ban he keeps ("hat ein Kontaktverbot, das er einhält") is protection that works.
        r"|(?:kontaktverbot|annäherungsverbot) ~8 (?:einhält|einhielt|hält sich (?:dran|daran))",
        negatable=True,
    ),
    _signal(
        "violence",
        "stalking",
        # Turning up, ringing, knowing where she is: stalking with fear or an unwanted contact in the message — the
        # father who fetches the children at the Kita or drives to work past the house turns up too.
        r"(?:fährt|läuft|kommt|geht) ~6 (?:an unserem|an meinem|an meiner|am) (?:haus|wohnung|fenster|arbeit) vorbei"
        r"|(?:steht|stand|wartet|wartete|warten|sitzt|saß|taucht) ~4 (?:im treppenhaus|im hausflur|unterm fenster"
        r"|unter meinem fenster|vor (?:der |meiner )?(?:kita|schule|arbeit))|\b(?:er|{adult}) ~3 vor"
        r" (?:der |meiner |unserer )?(?:kita|schule|arbeit|haustür|tür) ~2 (?:warten|wartet|steht|stehen|lauert)"
        r"|(?:rausbekommen|rausgefunden|herausgefunden|rausgekriegt) ~4 wo (?:ich|wir) ~2 (?:wohne|wohnen|arbeite)"
        r"|lässt (?:mich|uns) ~2 nicht in ruhe|klingelt ~3 sturm|weiß ~2 (?:immer|genau|jederzeit|trotzdem) (?:wo ich"
        r" ~2 bin|was ich ~4 (?:schreibe|schreib|mache|mach|tue))"
        r"|überall wo ich ~2 (?:bin|hingehe|hin gehe)|parkt ~6 (?:gegenüber|vor meinem|vor meiner|vor unserem"
        r"|vor dem haus)",
        needs=(
            r"angst|panik|fürchte|trau mich|traue mich|obwohl|kontaktverbot|annäherungsverbot|nachts|jede nacht"
            r"|ständig|dauernd|schon wieder|heimlich|fotos|bedroh\w*|polizei|trennung|getrennt|blockier\w*"
            r"|am ende|bitte|\bex\b|exmann|exfreund\w*",
        ),
        unless=_PLAY + r"|{little_one}(?: [^ .?]+){0,3} (?:folgt|steht|wartet|taucht|weiß|lässt)|abgemacht|abholen"
        r"|holt ~4 ab|arbeitsweg",
        negatable=True,
    ),
    _signal(
        "violence",
        "hitting",
        # "er schlägt mich", "schlägt er mich", "mein Mann schlägt mir" — not "das haut mich um", "schlägt mir vor".
        r"{harms} ~2 mich(?! (?:um|an)\b)|{harms} ~2 (?:uns|mir)(?! (?:um|an)\b)(?! ~4 vor\b)",
        # Learner word order: "mein Mann mich schlagen".
        r"{adult} (?:mich|uns) (?:immer |jeden tag |oft )?{harms}|{adult} ~3 (?:mich|uns) ~2 {harmed}",
        # Beatings as a consequence ("wenn was fehlt, gibt's Schläge"), and "hat mich fast totgeschlagen".
        r"(?:gibts|gibt es|setzts|setzt es|gabs|gab es|kriege ich|krieg ich|bekomme ich) (?:wieder |dann |immer )?"
        r"(?:schläge|prügel|haue|dresche)|(?:mich|uns) ~3 (?:fast |halb )?tot ?(?:geschlagen|geprügelt|getreten)",
        # What the parent fears he will do: "er wird mich wieder schlagen".
        r"\b(?:er|sie|{adult}) (?:wird|will) (?:mich|uns) ~3 {harms}",
        # "meine Frau prügelt", "mein Mann schlägt" with nothing after: the parent speaks of their partner.
        r"(?<!vom )(?<!von )(?:mann|ehemann|freund|partner|partnerin|frau|ehefrau|freundin|lebensgefährt\w*|ex) ~2"
        r" {harms}(?= [.?,]| $)",
        # "er hat mich gestern wieder geschlagen", "hat mir in den Bauch getreten", "weil er mir ... gehauen hat",
        # "mein Partner, der mich seit Monaten schlägt", "ein Messer in den Arm gerammt".
        r"(?:hat|hatte|haben|hätte) ~4 (?:mich|mir|uns) ~5 {harmed}|(?:mich|mir|uns) ~6 {harmed} (?:hat|hatte)\b"
        r"|{adult} (?:, )?(?:der|die) (?:mich|uns) ~4 {harms}|(?:hat|hatte) ~3 (?:mich|mir) ~6 (?:messer|schere|gabel)"
        r" ~5 (?:gerammt|reingerammt|gestochen|reingestochen)",
        # "ich werde zu Hause geschlagen", "werde von meiner Partnerin geschlagen", "bin im Bad eingeschlossen".
        r"\bich ~3 (?:werde|wurde|bin|wurden|werden) ~5 {harmed_passive}|(?:werde|wurde) ich ~5 {harmed_passive}"
        r"|\bwerde (?:von|vom) ~4 {harmed_passive}|(?:^ |[.?,] )bin ~4 (?:eingesperrt|eingeschlossen|weggesperrt"
        r"|gefesselt)",
        # "hat mir eine geknallt", "hat mir ne Backpfeife gegeben", "gibt mir Schläge", "ist auf mich losgegangen".
        r"mir ~3 (?:eine|ein paar|paar|welche) (?:geknallt|gescheuert|reingehauen|verpasst|gewischt|gelangt|gegeben"
        r"|reingedonnert|gedonnert|geballert|gepfeffert|geklebt|gezimmert|gewatscht)",
        r"(?:backpfeife\w*|ohrfeige\w*|schelle\w*|faustschl\w*|kopfnuss|schläge|prügel|tritte) ~4 (?:gegeben|gibt"
        r"|gab|verpasst|bekommen|bekomme|gekriegt|kriege|krieg)|(?:gibt|gab|geben|verpasst) (?:mir|uns) ~2"
        r" (?:schläge|prügel|backpfeife\w*|ohrfeige\w*|tritte)",
        r"auf (?:mich|uns) (?:los|losgegangen|eingeschlagen|eingeprügelt|eingetreten|eingestochen)",
        # "hat mir mit der Faust ins Gesicht" (the verb left out), "reißt mich an den Haaren".
        r"\b(?:er|sie|{adult}) ~4 (?:mir|mich) ~4 (?:mit der faust|mit dem ellenbogen|mit dem knie|mit dem gürtel"
        r"|mit der flachen hand) ~3 (?:ins|in den|in die|auf den|auf die|gegen)",
        r"\b(?:er|sie|{adult}) (?:tut|tat) (?:mir|uns) ~2 weh|(?:hat|hatte) ~2 mich ~4 mit (?:dem|der|einem|einer)"
        r" (?:bügeleisen|flasche|gürtel|stock|pfanne|teller|glas|tasse|schuh|hammer|kabel|stuhl|aschenbecher|handy"
        r"|fernbedienung) ~2 getroffen",
        r"(?:mich|mir|uns) ~5 (?:an den haaren|gegen die wand|auf den boden|zu boden|die treppe|ins gesicht"
        r"|in den bauch) ~3 (?:gezogen|gedrückt|geworfen|gestoßen|geschubst|geschleudert|runtergestoßen|runtergeschubst"
        r"|hinuntergeschubst|runtergeworfen"
        r"|geschlagen|getreten)",
        # Marks on the parent's body.
        r"\bich ~3 (?:habe|hab|hatte) ~3 (?:überall )?(?:blaue flecken|blutergüsse|würgemale|prellungen)"
        r"|(?:^ |[.?,] )(?:hab|habe) ~3 (?:blaue flecken|blutergüsse|würgemale|prellungen) ~~10 \b(?:er|sie)"
        r" (?:sagt|meint|hat|war)\b|(?:blaues auge|blaue flecken|blutergüsse|würgemale|prellungen|platzwunde) ~3 von"
        r" (?:ihm|ihr|meinem|meiner|dem|der)\b",
        r"häusliche\w* gewalt|gewalt (?:zu hause|zuhause|daheim|in der ehe|in der beziehung|in unserer familie"
        r"|von meinem|von meiner|durch meinen|durch meine)",
        r"(?:ist|wird|war|immer|geworden) ~2 (?:gewalttätig\w*|handgreiflich)|handgreiflich geworden",
        unless=_CHILD_DOES_IT + r"|" + _PLAY + r"|das verletzt|mit worten|seelisch|gefühle|(?:husten|schmerz\w*"
        r"|gedanken|sorgen|zahn\w*|migräne) ~2 (?:quält|quälen|plagt|verletzt)|pech|es schüttelt mich|vom sport"
        r"|hingefallen|gestürzt|(?:^ |[.?,] )(?:das|die|der|dieses|diese|dieser|diesen) (?!{adult}\b)\w+"
        r" (?:tötet|killt) mich",
        negatable=True,
    ),
    _signal(
        "violence",
        "hitting",
        # Scratching, biting, hair-pulling and throwing things by a partner — a toddler or a nursing baby does the same.
        r"\b(?:er|sie|{adult}) ~3 (?:kratzt|beißt|kneift|bespuckt|(?:wirft|warf|werfen|schmeißt|schmiss|schmeißen) ~4"
        r" (?:nach|auf)) (?:mich|mir|uns)|(?:reißt|riss|zerrt|zerrte|zieht|zog|schleift|schleifte) (?:mich|uns) ~3 an"
        r" den haaren",
        unless=_CHILD_DOES_IT + r"|{little_one}|stillen|zahn\w*|ball|bälle|schneeb\w*|kissen"
        r"|\b(?:er|sie|es) ist [1-9]\b|monate alt|hund|katze"
        r"|" + _PLAY,
        negatable=True,
    ),
    _signal(
        "violence",
        "hitting",
        # "er schlägt wieder zu", "er hat zugeschlagen" — a door is shut the same way.
        r"\b(?:er|sie|{adult}) ~3 (?:schlägt|haut|tritt|schlug|haute|trat) ~3 zu\b|\b(?:er|sie|{adult}) ~2"
        r" (?:hat|hatte) ~3 zugeschlagen",
        unless=r"tür|türen|klappe|deckel|fenster|laptop|buch|kofferraum|falle|" + _PLAY,
        negatable=True,
    ),
    _signal(
        "violence",
        "scalding",
        # Hot water or a cigarette as a weapon: "sie hat mich mit heißem Wasser übergossen" (someone else: "hat").
        r"\b(?:er|sie|{adult}) ~3 (?:hat|hatte) (?:mich|mir|uns) ~4 {hot_liquid} ~3 (?:übergossen|überschüttet"
        r"|übergeschüttet|gegossen|geschüttet|geworfen|gekippt)|\b(?:er|sie|{adult}) ~3 (?:hat|hatte) (?:mich|mir|uns)"
        r" ~4 {burning_tool} ~3 (?:verbrannt|ausgedrückt|gedrückt)",
        unless=_PLAY,
        negatable=True,
    ),
    # --- danger to a child -----------------------------------------------------------------------------------
    _signal(
        "child_danger",
        "shaking",
        r"schüttel\w*|geschüttelt|durchgeschüttelt|schüttle",
        unless=r"kopf|hand|hände|flasche|fläschchen|saft|milch|dose|kissen|decke|bettdecke|teppich|würfel|ketchup"
        r"|shake|glas|spray|thermometer|baum|zweig|schüttelfrost|gut schütteln|vor gebrauch|lachen|sich|mich",
    ),
    _signal(
        "child_danger",
        "shaking",
        # "gerüttelt", "durchgeruckelt", "hin und her geworfen": shaking, said of a child (a door or a pram is rocked
        # too).
        r"\w*rüttel\w*|\w*gerüttelt|\w*geruckelt|hin und her ~2 (?:geworfen|geschleudert|geschwungen|gerissen"
        r"|geschmissen)",
        needs=(_CHILD + r"|\b(?:ihn|sie|es)\b",),
        unless=r"tür|türen|klinke|griff|zaun|tor|fenster|gitter|kinderwagen|wiege|wippe|auto|bus|zug|sanft|leicht"
        r"|zahn|wackelzahn|\bsich\b|video|handy|internet|bild|gitter\w*|\w*bett|rüttel\w* (?:am|an der|an den|an dem)",
    ),
    _signal(
        "child_danger",
        "named_age",
        # Someone the writer gives a child's age, harmed: "meine Cousine ist 12 und wird vom Freund ihrer Mutter
        # missbraucht" (a cousin is no child by the word, so the child's signals below do not see her).
        r"(?:ist|sind) (?:erst |gerade )?(?:[1-9]|1[0-7]) (?:jahre alt )?(?:und|,) ~3 (?:wird|wurde|werden|wurden) ~5"
        r" {harmed_passive}",
        unless=_PLAY,
        negatable=True,
    ),
    _signal(
        "child_danger",
        "hitting_child",
        # Someone hits a child: "schlägt unseren Sohn", "hat den Kleinen gegen die Wand geschubst".
        r"(?:{harms}|{i_harm}) ~3 {child}",
        r"(?:hat|hatte|haben|habe|hab) ~4 {child} ~5 {harmed}",
        r"(?:{child}|ihm|ihr) ~4 (?:eine|ein) ~2 (?:geklatscht|gescheuert|geschmiert|reingehauen|gelangt) ~~8"
        r" (?:geknallt|geflogen|gefallen|beule|blut\w*|kotzt|erbricht)|(?:ihn|sie|{child}) ~3 (?:in den|ins|in die)"
        r" (?:schrank|keller|kammer|abstellkammer|besenkammer|kiste) ~2 (?:gesperrt|eingesperrt|eingeschlossen)",
        r"{child} ~6 (?:wird|wurde|werden|wurden|worden) ~5 (?:geschlagen|verprügelt|getreten|misshandelt|gequält"
        r"|eingesperrt|weggesperrt|gefesselt|gewürgt|vergewaltigt|missbraucht|zusammengeschlagen|geohrfeigt)",
        r"{child} ~~8 (?:geschlagen|verprügelt|getreten|misshandelt|gequält|eingesperrt|gewürgt) (?:wird|werden|wurde)",
        r"(?:wird|wurde|werden|wurden) ~2 {child} ~5 (?:geschlagen|verprügelt|getreten|misshandelt|gequält|eingesperrt"
        r"|weggesperrt|gefesselt|gewürgt|vergewaltigt|missbraucht|zusammengeschlagen|geohrfeigt)",
        # A subordinate clause puts the child first: "wie die Frau unten ihr Kind schlägt".
        r"(?:wie|dass|weil|wenn|ob) ~6 (?:ihr|ihre|ihren|sein|seine|seinen|das|die|den|ein|eine"
        r"|einen) {child} ~2 {harms}",
        # "der Papa hat ihn wieder geschlagen", "dass der Papa es schlägt": a parent figure and a pronoun.
        r"(?:papa|vater|stiefvater|stiefmutter|mama|mutter|opa|oma|onkel|babysitter\w*|trainer\w*|erzieher\w*)"
        r" ~4 (?:ihn|sie|es|ihm|ihr) ~5 {harmed}|(?:papa|vater|stiefvater|opa|onkel|mama|mutter) ~2 {harms}"
        r" (?:ihn|sie|es)|(?:papa|vater|stiefvater|stiefmutter|opa|onkel|mama|mutter) (?:ihn|sie|es) ~4 {harms}",
        # Thrown against furniture: "hat den Kleinen gegen den Schrank geworfen".
        r"{child} ~5 (?:gegen|an) ~2 (?:wand|schrank|tür|boden|heizung|tisch|bett) ~2 (?:geworfen|geschleudert"
        r"|geschmissen|geknallt)",
        r"(?:nicht schlagen|nicht hauen|hör auf zu schlagen) ~2 (?:papa|mama|papi|mami|vater|mutter)\b|(?:knallt"
        r"|klatscht|schläge|nebenan|über uns|unter uns|nachbar\w*|jede nacht) ~~12 (?:aufhören|hör auf|bitte nicht) ~2"
        r" (?:papa|mama|papi|mami|vater|mutter)\b",
        r"(?:gibt|gab|gegeben|verpasst|verpasste) ~3 (?:ihm|ihr|ihnen|{child}) ~3 (?:ohrfeige\w*|klaps\w*|schläge"
        r"|backpfeife\w*|kopfnüsse|kopfnuss|hiebe|prügel)|(?:erzieher\w*|lehrer\w*|papa|vater|mama|mutter|mann"
        r"|freund|partner\w*|stiefvater|stiefmutter|oma|opa|onkel|tante|babysitter\w*|trainer\w*|er) ~3 (?:zerrt"
        r"|zerrte|zieht|zog|reißt|riss) ~3 {child} ~3 an den"
        r" (?:ohren|haaren)",
        r"(?:\bihm|\bihr|{child}) ~3 (?:eine|ein paar) (?:geknallt|gescheuert|reingehauen|verpasst|gegeben"
        r"|reingedonnert|gewatscht)",
        r"(?:hört|höre|hören|hört man) ~3 (?:schläge|klatschen|klatscht|prügel)",
        r"(?:papa|vater|stiefvater|opa|onkel|mann|freund|er) ~2 (?:tut|macht) (?:ihm|ihr) ~2 weh"
        r"|(?:papa|vater|stiefvater|onkel|opa|mann|freund|partner) ~3 (?:wehgetan|weh getan)"
        r"|tut (?:meinem|meiner|dem|der|unserem|unserer|seinem|seiner|ihrem|ihrer) {child} ~2 weh"
        r"|{child} ~3 (?:weh getan|wehgetan)",
        needs=(_CHILD + r"|papa|vater|stiefvater|opa|onkel|babysitter\w*",),
        unless=_CHILD_DOES_IT + r"|sich ~6 (?:gestoßen|weh getan|wehgetan)|rauft|prügeln sich|schlagen sich|hauen sich"
        r"|ärgert|" + _PLAY,
        negatable=True,
    ),
    _signal(
        "child_danger",
        "hitting_child",
        # Marks on a child that the parent does not explain by a fall or sport.
        r"blaue\w* fleck\w*|blaue[snm]? auge|striemen|brandmale|würgemale|bisswunden|blutergüsse|verletzungen"
        r"|(?:brandwunde\w*|brandmal\w*|verbrennung\w*) ~~8 (?:von|wie von) zigarette\w*"
        r"|wunden(?! po)",
        needs=(_CHILD + r"|papa|vater|stiefvater|opa|onkel|babysitter\w*",),
        unless=_CHILD_DOES_IT + r"|hingefallen|gefallen|gestürzt|sturz|gestolpert|gestoßen|fahrrad|roller|sport"
        r"|fußball|training|turnen|spielplatz|rauft|prügeln sich|schlagen sich|hauen sich|gebissen|mücke\w*"
        r"|neurodermitis|" + _PLAY,
        negatable=True,
    ),
    _signal(
        "child_danger",
        "repeated_injuries",
        # Injuries again and again, or "he says he fell": what child protection looks for.
        r"(?:schon wieder|immer wieder|ständig|dauernd|jedes mal|jede woche|oft|überall|seit tagen|seit wochen) ~4"
        r" (?:blaue\w* flecken"
        r"|striemen|verletzungen|blutergüsse|brandwunden|verbrennungen)"
        r"|(?:blaue\w* flecken|striemen|verletzungen|blutergüsse)"
        r" ~~10 (?:angeblich|behauptet|sagt ~4 (?:hingefallen|gestürzt|gestoßen))",
        needs=(_CHILD,),
        unless=r"sport|fußball|training|spielplatz ~4 (?:gefallen|hingefallen)|neurodermitis|mücke\w*",
    ),
    _signal(
        "child_danger",
        "inflicted_burns",
        # Burns someone gave a child: as a punishment, pressed onto a hot plate, from a cigarette, "dipped" (what child
        # protection reads in even burns on both hands), or "er hat ihn mit dem Bügeleisen verbrannt".
        r"(?:zur|als) strafe ~~8 (?:verbrannt|verbrüht|heiß\w*|kochend\w*|herd\w*|bügeleisen|zigarette\w*)"
        r"|(?:verbrannt|verbrüht|heiß\w* wasser|heißes|herdplatte|herd|bügeleisen|zigarette\w*) ~~8 (?:zur|als) strafe",
        r"(?:hand|hände|händen|finger|fuß|füße|arm|ihn|sie|es|{child}) ~5 (?:auf|an) (?:die|den|das) (?:herdplatte|herd"
        r"|ofen|heizung|bügeleisen) ~2 (?:gedrückt|gehalten|gepresst)",
        r"(?:brandwunde\w*|brandmal\w*|verbrennung\w*|brandblase\w*) ~~20 (?:zigarette\w*|eingetaucht|getaucht)"
        # ... and an adult's explanation that a child protection worker would question.
        r"|(?:brandwunde\w*|verbrennung\w*|verbrüht\w*|brandblase\w*) ~~14 (?:mutter|vater|mama|papa|stiefvater"
        r"|stiefmutter) ~2 (?:sagt|meint|behauptet) ~6 (?:gefasst|angefasst|reingefasst|gegriffen|keine ahnung)"
        r"|(?:hat|hatte) (?:ihn|sie|es|{child}) ~4 {burning_tool} ~2 verbrannt"
        r"|(?:mama|mutter|papa|vater|er|sie) (?:hat|hatte) ~3 mit (?:dem|einem|der|einer) {burning_tool} ~2"
        r" (?:gemacht|verbrannt|gebrannt)",
        needs=(_CHILD + r"|\b(?:ihn|sie|es)\b",),
        unless=_PLAY,
        negatable=True,
    ),
    _signal(
        "child_danger",
        "sexual_abuse",
        r"missbrauch\w*|missbraucht|sexuell\w*|sex ?dinge|sex ?sachen|sex mit|unsittlich\w*|cybergrooming|grooming"
        r"|nacktfoto\w*|nacktbild\w*|nacktvideo\w*|nackt ~3 (?:fotografiert|gefilmt|bilder|fotos)",
        r"(?:zeigt|gezeigt|zeigen|muss|zwingt|lassen|lässt|mit) ~4 porno\w*|porno\w* ~4 (?:gezeigt|zeigt|gucken muss)",
        r"(?:onkel|opa|nachbar\w*|trainer\w*|mann|freund|stiefvater|vater|papa|babysitter\w*|er|lehrer\w*|typ"
        r"|cousin\w*|bruder|schwager) ~6 (?:sie|ihn|ihr|ihm|{child}|meine|meinen) ~4 (?:anfasst|anfassen|angefasst"
        r"|fasst ~3 an|auszieht|ausziehen)|(?:fasst|fasste|fassen) ~2 (?:sie|ihn|\w+ {child}|{child}) ~3 an\b"
        r"(?! (?:der|den) hand)|(?:fasst|gefasst|angefasst|anfasst|anfassen|berührt|berühren) ~4 (?:scheide|penis"
        r"|intim\w*|zwischen die beine|zwischen den beinen|unten|brust|po)|(?:unten|zwischen den beinen|intim) ~2"
        r" (?:angefasst|berührt|anfasst)|weh ~2 (?:am|an der|an den) (?:po|scheide|penis|pipi)"
        r"|(?:an die|an der|an den) (?:scheide|penis|brust) ~2 (?:fasst|gefasst|anfasst)|(?:am|an der|an den|an ihrem"
        r"|an seinem) (?:po|popo|scheide|penis|pipi) ~2 (?:wehgetan|weh getan|angefasst|berührt)|(?:zwingt|zwang"
        r"|gezwungen) ~3 (?:ihn|sie|{child}) ~4 (?:anzufassen|anfassen|auszuziehen|zu berühren)",
        # Intimate parts and a touch, a look or a photo, in either order ("an den Pimmel gegriffen", "Fotos im
        # Intimbereich"); "da unten weh gemacht"; "vergeht sich an ihr".
        r"(?:pimmel|penis|glied|muschi|scheide|vagina|schniedel\w*|intimbereich|geschlechtsteil\w*|genital\w*)"
        r" ~~8 (?:gegriffen|greift|angefasst|anfasst|fasst|berührt|gezeigt|zeigt|streichelt|gestreichelt|fotos"
        r"|fotografiert|gefilmt|bilder|küsst|geküsst|reibt|gerieben)|(?:gegriffen|greift|angefasst|anfasst|berührt"
        r"|gezeigt|zeigt|streichelt|gestreichelt|fotos|fotografiert|gefilmt|bilder|reibt) ~~8 (?:pimmel|penis|glied"
        r"|muschi|scheide|vagina|schniedel\w*|intimbereich|geschlechtsteil\w*|genital\w*)"
        r"|(?:hat|hatte) ~3 (?:ihr|ihm) ~2 (?:da unten|untenrum|untenherum) ~3 (?:weh|angefasst|berührt)"
        r"|(?:da unten|untenrum|untenherum) ~3 (?:angefasst|berührt)|vergeht sich|vergangen an"
        r"|(?:vergreift|vergriffen) ~2 sich",
        # "zeigt ihr sein Ding", naked people on a phone, undressing in "games", a secret under the blanket.
        r"(?:zeigt|gezeigt|zeigen|zeigte) ~4 (?:sein|seinen) (?:ding|teil|schwanz)|(?:zeigt|gezeigt|zeigte|handy)"
        r" ~6 nackt\w*|nackt\w* ~4 (?:erwachsene\w*|männer|leute|menschen) ~~6 (?:zeigt|gezeigt|malt|handy)"
        r"|(?:leckt|geleckt|lecken|lutscht|gelutscht) ~4 (?:pipimann|pullermann|puller|pimmel|penis|scheide|muschi"
        r"|po|popo)|(?:spiele|spielen|spiel) ~~8 (?:ausziehen|auszuziehen) ~2 (?:muss|musste|müssen)|(?:ausziehen"
        r"|auszuziehen) ~2 (?:muss|musste|müssen) ~~8 spiel\w*|(?:geheimnis|nicht sagen|niemandem sagen"
        r"|nicht verraten) ~~10 (?:unter (?:der )?decke|dusch\w*|im bett|nachts ~3 sachen)|(?:unter (?:der )?decke"
        r"|dusch\w*) ~~10 (?:geheimnis|darf nicht sagen|nicht sagen darf|niemandem sagen)|fasst an ~3 (?:umkleide"
        r"|dusche|bett|keller)",
        # Pictures without clothes for a stranger; a "secret game" in the bath; "things he doesn't like".
        r"(?:ohne kleidung|ohne klamotten|ohne hose|ohne unterhose|unten ohne|nackt\w*|in unterwäsche) ~~8 (?:bilder"
        r"|fotos|videos|schick\w*|geld|gefilmt|filmt)|(?:bilder|fotos|videos|geld) ~~8 (?:ohne kleidung|ohne klamotten"
        r"|ohne hose|ohne unterhose|unten ohne|in unterwäsche)"
        r"|geheimspiel\w*|unten (?:rum )?aussieht|(?:sachen|dinge|spiele) mit (?:ihm|ihr"
        r"|{child}) ~4 (?:die|was) ~3 nicht (?:mag|will|möchte|mochte)",
        # Showering, kissing on the mouth, lying down in her bed — and the child who no longer wants to go there.
        r"(?:duscht|badet|duschte|badete|küsst|geküsst|legt sich) ~6 (?:mit|zu|auf den mund) ~~12 (?:will nicht mehr"
        r" hin|nicht mehr hin|nicht mehr zu|angst vor (?:ihm|ihr|dem|der)|zittert)|(?:will nicht mehr hin|nicht mehr"
        r" hin|nicht mehr zu|angst vor (?:ihm|ihr|dem|der)|zittert) ~~12 (?:duscht|badet|küsst|geküsst|legt sich) ~6"
        r" (?:mit|zu|auf den mund)",
        r"(?:komische|seltsame|eklige|schlimme) (?:sachen|dinge) ~4 mit ~2 (?:{child}|ihm|ihr|ihnen)"
        r"|(?:typ|mann|fremder|chat|internet|online|er|erwachsene\w*) ~~8 (?:bilder|fotos|videos) ~4 schick\w*"
        r"|(?:ausziehen|auszieht|ausgezogen) ~6 (?:fotografiert|gefilmt|fotos)",
        # Hurt "down there" and a man named; a man who goes into her room at night; an adult who pays for photos.
        r"(?:da unten|untenrum|untenherum) ~3 (?:blutet|bluten|blut\w*|weh|wund) ~~12"
        r" (?:onkel|opa|nachbar\w*|trainer\w*|stiefvater|vater|papa|freund|babysitter\w*|cousin\w*|er hat|hat er)"
        r"|(?:onkel|opa|nachbar\w*|trainer\w*|stiefvater|babysitter\w*|cousin\w*) ~~12 (?:da unten|untenrum|untenherum)"
        r" ~3 (?:blutet|bluten|blut\w*|wund)",
        r"(?:geht|kommt|schleicht|ging|kam|schlich) ~3 nachts ~3 (?:ins|in ihr|in sein|zu ihr|zu ihm) ~2 (?:zimmer"
        r"|bett) ~~12 (?:was er|was sie|macht|gemacht|angst|erzählt|gesagt|sagt|sagte|nicht will|anfass\w*|fasst)",
        r"(?:erwachsene\w*|ältere\w*|fremde\w*) (?:mann|typ|kerl|männer|frau) ~~12 (?:fotos|bilder|videos) ~~8 (?:geld"
        r"|treffen|geschenk\w*|gutschein\w*)",
        r"(?:am|an der|an den|an die|an ihrer|an ihrem|an seiner|an seinem) (?:po|popo|scheide|muschi|penis|pimmel"
        r"|glied|schritt) ~3 (?:rumgemacht|rumgefummelt|gefummelt|angefasst|rumgespielt)"
        r"|geheimnis ~~12 (?:po|popo|scheide|muschi|penis|pimmel|nackt|rumgemacht|angefasst)"
        r"|(?:po|popo|scheide|muschi|penis|pimmel|rumgemacht|angefasst) ~~12 geheimnis"
        r"|(?:fotos|bilder|videos) ~8 {child} ~4 nackt|(?:nachspiel\w*|spielt ~4 nach"
        r"|nicht kennen (?:dürfte|sollte|darf|kann)) ~~12 (?:macht|machte|hat) ~3 (?:das|sowas|so was|sachen) mit"
        r" (?:ihr|ihm)",
        needs=(_CHILD + r"|\bsie ist \d+\b|\ber ist \d+\b",),
        # A child who touches itself is a question of development, not of abuse.
        unless=r"(?:fasst|greift|berührt|spielt|reibt|anfassen|berühren) ~2 sich|\bsich ~4 (?:an|am|an den|an die) ~2"
        r" (?:penis|pimmel|scheide|muschi|glied|schniedel\w*)|aufklär\w*|erklär\w*|sexualerziehung|sexualkunde|kurs"
        r"|vortrag|informieren|prävention|buch|arzt|ärztin|kinderarzt|kinderärztin|urolog\w*|frauenarzt|frauenärztin"
        r"|creme|salbe|eincremen|entzündung|vorhaut\w*|hygiene|waschen|darf ich ~4 (?:posten|verschicken|schicken"
        r"|teilen)|\b(?:mich|mir)\b ~3 (?:missbraucht|vergewaltigt)|alkohol|drogen|medien|handy ~3 missbrauch",
    ),
    _signal(
        "child_danger",
        "neglect",
        r"{child} ~8 (?:allein|alleine|alleene) ~4 (?:seit|tagelang|stundenlang|nachts|die ganze nacht"
        r"|den ganzen tag|in (?:der )?wohnung|zu ?hause|zuhaus|daheim|gelassen|draußen|auf dem balkon|im auto)"
        r"|im auto ~8 {child} (?:allein|alleine)",
        r"(?:allein|alleine) ~3 (?:zu ?hause|in (?:der )?wohnung|gelassen|auf dem balkon|im auto) ~~8 (?:seit"
        r"|nachts|tagelang|stundenlang|nicht erreichbar|nicht da|weg|feiern|kneipe|betrunken)",
        r"(?:lässt|lassen|ließ|gelassen|zurückgelassen) ~5 (?:{child}|sie|ihn|es) ~4 (?:allein|alleine|im auto)"
        r"|{child} ~3 (?:bleibt|bleiben|blieb) ~4 (?:allein|alleine|in (?:der )?wohnung)|{child} ~3 (?:sitzt|sitzen"
        r"|saß) ~4 (?:allein|alleine)",
        r"(?:wird|werden|wurde|wurden) ~4 nicht (?:gefüttert|gewickelt|versorgt)|versorgt ~4 nicht\b",
        # Nobody there or looking: "keiner hat ihn gesucht", "die Mutter ist weg" with days or nights alone.
        r"(?:keiner|niemand) ~3 (?:ihn|sie|es|{child}) ~2 (?:gesucht|vermisst)"
        r"|(?:mutter|vater|mama|papa|eltern) ~3 (?:ist|sind) ~2 (?:weg|verschwunden|abgehauen|nicht zurück\w*)"
        r" ~~12 (?:seit ~2 (?:tagen|gestern|stunden)|tagelang|nachts|allein|alleine)|(?:seit ~2 (?:tagen|gestern"
        r"|stunden)|tagelang|nachts|allein|alleine) ~~12 (?:mutter|vater|mama|papa|eltern) ~3 (?:ist|sind) ~2"
        r" (?:weg|verschwunden|abgehauen|nicht zurück\w*)|seit ~2 tagen ~4 (?:keiner|niemand) ~3 gesehen",
        r"{child} ~8 (?:seit \w+(?: \w+)?|tagelang|stundenlang|nachts|die ganze nacht|den ganzen tag) ~3"
        r" (?:allein|alleine)",
        r"(?:nichts|kein|keine|nie|nicht) ~2 (?:zu essen|gegessen|essen|zu trinken|milch|nahrung|zu futtern|futter) ~~6"
        r" (?:seit|tage|tagelang|immer|nie|wochen)|seit ~3 (?:nichts|nicht) ~2 (?:gegessen|getrunken|zu essen"
        r"|zu futtern)|(?:nichts|kein) ~2 (?:zu essen|essen) ~~6 (?:dreckig|verwahrlost|seit)"
        r"|seit ~6 (?:nichts|kein\w*) ~2 (?:zu essen|essen) ~~8 {child} ~2 (?:frieren|friert|hungern|hungert|weinen)"
        r"|(?:schaff|schaffe|schaffs) ~3 nicht ~5 (?:zu essen zu geben|zu füttern|zu wickeln|zu versorgen)",
        # Left in dirt, dirty and hungry, nobody cooking.
        r"{child} ~4 (?:sitzen|sitzt|liegen|liegt|leben|lebt|hausen|haust|spielen|spielt) ~3 (?:im|in) (?:dreck|müll"
        r"|kot|schmutz)|(?:schmutzig|dreckig|verdreckt) und (?:hungrig|hungert)|hungrig und (?:schmutzig|dreckig)"
        r"|(?:keiner|niemand) (?:kocht|füttert|wickelt)",
        r"{child} ~3 (?:hungern|hungert|verhungert)|verwahrlos\w*|vernachlässig\w*|keiner kümmert sich"
        r"|kümmert sich (?:keiner|niemand)|(?:vergisst|vergessen) ~3 (?:zu füttern|zu wickeln|{child})"
        r"|voll\w* windel\w*|vollgeschissen\w*|windel\w* ~3 (?:übergelaufen|tagelang|nicht gewechselt)|dünn und dreckig"
        r"|dreckig und dünn|dreckig ~3 (?:rum|herum)"
        r"|(?:niemand|keiner|kein erwachsener) ist (?:mehr )?(?:da|zu hause|zuhause)(?! ~2 (?:der|die|hilft|mir))",
        r"(?:vater|mutter|mama|papa|ex|mann|freund|partner\w*|eltern|er|sie|nachbarin|nachbar) ~8 (?:betrunken"
        r"|besoffen|voll drauf|(?<!gut )drauf|high|zugedröhnt|zugekifft|bekifft|stoned|nimmt drogen|drogen|säuft"
        r"|trinkt ~2 alkohol|trinkt (?:jeden tag|täglich|ständig|den ganzen tag))",
        r"(?:rausgesperrt|ausgesperrt|vor die tür gesetzt|ohne jacke|ohne schuhe|ohne mantel|barfuß|sandalen"
        r"|sommerkleidung|sommersachen) ~~8 (?:winter|kalt|nachts|schnee|minus|frost)|(?:winter|kalt|nachts"
        r"|schnee|minus|frost) ~~8 (?:rausgesperrt|ausgesperrt|vor die tür gesetzt|ohne jacke|ohne schuhe"
        r"|ohne mantel|barfuß|sandalen|sommerkleidung|sommersachen)",
        needs=(_CHILD,),
        unless=r"buch|roman|film|serie|will nicht ~2 (?:allein|alleine)|nicht (?:allein|alleine)"
        r" (?:bleiben|schlafen|sein)|(?:allein|alleine) ~2 (?:einschlafen|schlafen|spielen|anziehen|essen|laufen"
        r"|zur schule|zur kita)|ab wann|wie lange darf|ist das ok|darf ~3 (?:allein|alleine)|kann schon"
        r"|\b(?:ich|wir) (?:bin|sind|war|waren) ~4 (?:allein|alleine)|\bmich ~3 (?:allein|alleine)|allein mit"
        r"|alleinerziehend|fühle|isst nur(?! bei)|haben hunger|am verhungern|krank|magen|darm|übel|appetit|zahn\w*"
        r"|will nicht ~3 (?:gefüttert|gewickelt)|lässt sich ~3 nicht|(?:mein|meine|unser|unsere)"
        r" (?:sohn|tochter|kind|große\w*) ~3 (?:ist|war|kam|kommt) ~3 (?:betrunken|besoffen|high|bekifft)"
        r"|(?:sohn|tochter|teenager|\d+ ?jährige\w*) ~6 (?:drogen|kifft|kiffen|betrunken|besoffen)",
    ),
    _signal(
        "child_danger",
        "neglect",
        # The parent drinks and the children look after themselves; a baby no longer changed, left lying all day.
        r"(?:\bich ~3 (?:trinke|trink|saufe|sauf) ~3 (?:viel|zu viel|jeden tag|den ganzen tag|nur noch)"
        r"|\b(?:bin|ich) ~3 (?:nur noch|ständig|jeden tag|dauernd) (?:am saufen|betrunken|besoffen|am trinken)) ~~16"
        r" (?:{child} ~4 (?:kümmern|kümmert|versorgen|versorgt) sich|essen|hunger|fläschchen|allein|alleine|merke)",
        r"(?:wickel|wickle|wickele|füttere|fütter) ~3 nicht (?:mehr )?(?:oft genug|regelmäßig|richtig)|(?:liegt|liegen"
        r"|sitzt|lasse|lass) ~6 den ganzen tag ~3 (?:im|in (?:ihrem|seinem)) (?:gitterbett|bett|laufstall|kinderwagen)"
        r" ~~10 (?:kaum|nicht mehr|schaffe)|(?:lasse|lass) ~4 (?:nur noch|den ganzen tag|tagsüber|stundenlang) ~3"
        r" im (?:bett|gitterbett|laufstall) liegen",
        needs=(_CHILD + r"|\b(?:sie|ihn|er)\b",),
        unless=r"wasser|tee|kaffee|saft|milch|stillen|krank|fieber|trocken|töpfchen",
    ),
    _signal(
        "child_danger",
        "neglect",
        # A parent gone for days, the child at home: "Mama ist nicht heimgekommen und der Kühlschrank ist leer".
        r"(?:mama|papa|mutter|vater|eltern) ~4 (?:nicht (?:mehr )?(?:heimgekommen|nach hause gekommen|zurückgekommen"
        r"|zurück|heim)|weg|verschwunden|abgehauen)",
        needs=(r"seit ~2 (?:tagen|nächten|gestern)|kühlschrank ~2 leer|nichts (?:mehr )?zu essen|hunger",),
        unless=r"urlaub|kur|krankenhaus|klinik|montage|dienstreise|schicht\w*|arbeit\w*|oma|opa|tante|onkel",
    ),
    _signal(
        "child_danger",
        "neglect",
        # No food: "kriegen kein Essen", "sucht im Müll nach Essen", "ausgehungert", a baby given only water or tea.
        r"(?:kriegen|kriegt|bekommen|bekommt) ~3 (?:kein|keine|keinen|nichts|nie) ~2 (?:essen|zu essen|was zu essen"
        r"|zu trinken|mahlzeit\w*|nahrung)|müll ~4 (?:essen|nahrung)|ausgehungert|abgemagert|unterernährt"
        r"|halb verhungert|(?:baby|säugling|neugeboren\w*) ~~10 (?:nur|bloß) (?:wasser|tee)",
        needs=(_CHILD,),
        unless=r"kita|schule|mensa|vegetarisch|vegan|allergie\w*|geld|jobcenter|bürgergeld|tafel|gutschein\w*"
        r"|isst nur(?! bei)|will nicht|mag nicht|appetit|krank|magen|darm|übel|fieber|ab wann|ist das normal",
    ),
    _signal(
        "child_danger",
        "fear_of_harming",
        # The parent's fear or thought of harming the child, in any order with the harm.
        r"(?:angst|sorge|gedanken|gedanke|vorstellung|fantasie\w*|impuls\w*|kurz davor|drang|trau mir|traue mir"
        r"|hätte ich fast|fast ~2 (?:was|etwas)|erschrocken|stell\w* (?:ich )?mir vor|mit absicht|absichtlich|panik"
        r"|fürcht\w*|befürcht\w*|denk\w* ~3 (?:dran|daran)|gefühl|bilder ~3 kopf|seh\w* ~2 vor mir|vor augen|in mir"
        r"|vorstell\w*"
        r"|nicht mehr ~2 traue|gedacht|denke ~2 (?:dass|ich)|nicht mehr ~2 trau) ~~12 {do_harm}"
        r"|{do_harm} ~~6 (?:mit absicht|absichtlich)|(?:nicht|nichts) ~2 {do_harm} ~~10 kurz davor"
        r"|\bich ~2 (?:ihr|ihm|ihnen|dem baby|dem kind) sonst ~2 {do_harm}",
        # What the parent did roughly, then the fear of the next time; "sonst schlage ich zu".
        r"\b(?:ich|hab ich|habe ich) ~6 (?:{child}|ihn|sie|es) ~4 (?:grob|geschmissen|geworfen|geschubst|gerissen)"
        r"(?! (?:wurde|wird|worden|werden))(?: [^ .?]+)* ~~12 (?:angst|panik|erschrocken|gefährlich für|nächste mal)"
        r"|\b(?:ich|hätte|hab|habe) ~6 (?:fast|beinahe) ~6 (?:gegen die wand|an die wand|geworfen|geschmissen"
        r"|geschubst|geschlagen|erstickt|erwürgt|ertränkt)|(?:sonst|bevor) ~3 (?:zuschlage|schlag ich zu"
        r"|schlage ich zu|raste ich aus)|(?:bin|werde) ~2 gefährlich für (?:ihn|sie|es|{child})",
        # "ich könnte ihn umbringen" is said of socks on the floor; "ich könnte ihn an die Wand werfen" is not.
        r"könnte ~~8 (?:aus dem fenster|an die wand|schütteln|ersticken|erwürgen|ertränken)",
        r"trau\w* mir ~2 selbst ~2 nicht|trau\w* mir ~2 nicht ~2 (?:mehr )?(?:über den weg|übern weg)"
        r"|angst (?:vor|von) mir(?: selbst)?|angst ~3 was ich ~4 (?:mache|mach|tue|tu|anstelle)"
        r"|sonst ~3 (?:weiß ich nicht|nicht weiß|nich weiß) ~2 was ich ~4 (?:mach|mache|tue|tu)",
        r"kissen ~~12 (?:gesicht|still|ruhe|wie leicht|wie einfach|so leicht|so einfach)|kissen ~3 über (?:ihm|ihr|dem"
        r"|sein|ihr)\b",
        r"(?:darf|sollte|kann) ~2 nicht ~3 mit (?:ihm|ihr|dem baby|dem kind|{child}) (?:allein|alleine)"
        r" (?:sein|bleiben)",
        # "hab mich eingeschlossen, damit ich dem Baby nichts tu".
        r"damit ich ~4 (?:nichts|kein leid) ~1 (?:tu|tue|antu|antue|mache|mach)\b",
        needs=(_CHILD + r"|\b(?:ihm|ihr|ihn|es|sie|er|sein\w*|ihre\w*)\b|wochen alt|monate alt",),
        unless=r"finanzen|geld|job|arbeit|trennung|scheidung|seelisch|emotional|mit worten|gefühle|runterfällt"
        r"|hinfällt|sich ~2 (?:verletzt|weh tut|wehtut)|andere kinder|mein mann|mein freund|mein partner|mein ex"
        r"|(?:meinen|meinem) (?:mann|freund|partner|ex|chef)|meine (?:frau|freundin|partnerin|chefin|schwiegermutter)"
        r"|\ber ~3 (?:schlägt|haut)|hund|katze|\b(?:mich|uns) ~3 (?:schlagen|verletzen|umbringen|töten|antun)"
        r"|\b(?:er|sie) (?:wird|will) (?:mich|uns)"
        # "denk nur noch dran, mir was anzutun": the parent's own harm (suicidal), though a baby is named.
        r"|(?:mir|mich) (?:selbst )?(?:was|etwas) ~2 (?:antun|anzutun|antue|antu)",
    ),
    _signal(
        "child_danger",
        "losing_control",
        r"verlier\w* ~2 (?:gleich|bald|fast|noch) ~2 (?:die )?kontrolle|angst ~8 kontrolle ~2 (?:zu )?verlier\w*"
        r"|kurz davor ~4 kontrolle|weiß ~2 nicht ~2 was ich ~3 (?:tue|tu|mache|mach|anstelle)"
        r"|mich ~3 nicht (?:mehr )?(?:im griff|unter kontrolle)|(?:nicht|kaum) ~4 zurückhalten"
        r"|hand ~3 (?:gehoben|erhoben)",
        needs=(
            _CHILD + r"|\b(?:er|sie|es) ist \d+\b",
            r"schrei\w*|weint|weinen|brüllt|still|wut|wütend|ausrast\w*|aufhört|nerven|aggressiv",
        ),
        unless=r"finanzen|geld|job|arbeit|kita ?platz|antrag|formular",
    ),
    # --- suicidal thoughts and self-harm ---------------------------------------------------------------------
    _signal(
        "suicidal",
        "direct",
        r"selbstmord\w*|suizid\w*|suicid\w*|freitod|lebensmüde|abschiedsbrief\w*|pulsader\w* ~3 (?:aufschneiden"
        r"|aufschneide|aufzuschneiden"
        r"|aufgeschnitten|aufritzen|durchschneiden|schneiden)|(?:schneide|schneid|ritze) ~4 pulsader\w*",
        # "ich will mich umbringen", "ich denke daran, mir das Leben zu nehmen" — the parent is the subject.
        r"\bich\b(?: (?!{adult}\b)[^ .?]+){0,8} (?:mich|mir) ~3 {kill_self}|\bich\b(?: (?!{adult}\b)[^ .?]+){0,6}"
        r" (?:bring|bringe) mich ~3 um|(?:^ |[.?,] )(?:will|werde|möchte|muss|würde) ~2 (?:mich|mir) ~3 {kill_self}"
        r"|(?:tu|tue) (?:ich )?mir ~3 (?:was|etwas) an\b|(?:denk\w*|gedanke\w*) ~4 (?:mir|mich) ~3 {kill_self}",
        r"(?:will|wollen|werde|möchte|würde|muss) ~2 (?:mich|sich) ~2 (?:umbringen|töten|erschießen|erhängen)"
        r"|bringt sich um|sich ~2 umbringen|sich das leben ~2 nehmen",
        r"(?:will|möchte|würde|werde|wollte) ~4 (?:sterben|tot sein|tot)\b(?! (?:vor|für)\b)|\bich will tot"
        r"|lieber tot|wäre ich tot|am liebsten ~3 (?:tot|gestorben)",
        r"(?:mach|mache|machen) ~3 (?:schluss mit allem|schluss mit meinem leben|ein ende|allem ein ende)"
        r"|(?:heute|heut|jetzt|nacht|morgen) ~4 (?:schluss|ende) (?:machen|mache|mach)?(?! ~2 mit (?:ihm|ihr|dem"
        r"|der|meinem|meiner|dir))|mach ich schluss ~1 (?:[.?]|$)",
        r"(?:seil|strick) ~6 (?:gekauft|besorgt|bereit|hängen)|(?:tabletten|pillen|medikamente) ~6"
        r" (?:gesammelt|gehortet|hier liegen|vor mir liegen|liegen vor mir|zähle|zähl|zählen|abgezählt|bereit"
        r"|alle nehmen|alle nehme|alle nehm|alle schlucken)|(?:heute|jetzt) ~4 nehm\w* ich alle",
        # Saying goodbye for good ("hab mich von allen verabschiedet"), a means at hand and "ob ich es tue".
        r"(?:mich|mich schon) ~3 von (?:allen|euch allen|allem|meiner familie|meinen kindern) verabschiedet"
        r"|(?:schlauch|strick|seil|tabletten|pillen|abgas\w*) ~~16 ob ich es (?:wirklich )?(?:tue|tu|mache|mach)\b",
        # Voices that command death (postpartum psychosis): an emergency for mother and baby.
        r"stimme\w* ~6 (?:sagt|sagen|befiehlt|befehlen|flüstert) ~8 (?:sterben|tot|töten|umbringen)"
        r"|(?:sagt|sagen|befiehlt|befehlen|flüstert) ~3 stimme\w* ~8 (?:sterben|tot|töten|umbringen)",
        r"(?:alle|zu viele|viele|eine ganze packung|ganze packung) (?:tabletten|pillen|medikamente|schlaftabletten) ~3"
        r" (?:genommen|geschluckt)|(?:ganze|halbe) (?:packung|schachtel|dose) ~3 (?:genommen|geschluckt|eingenommen)",
        r"(?:\w*brücke|\w*dach|hochhaus\w*|parkhaus\w*|balkon|gleis\w*|fenster|zug) ~6"
        r" (?:springen|springe|spring|runterspringen)|(?:überleg\w*|denke ~2 (?:daran|dran)) ~2"
        r" (?:zu )?(?:springen|runterzuspringen)|(?:spring|springe) ~4 (?:brücke|dach|hochhaus|balkon|gleis\w*|fenster"
        r"|vor den zug)|\bich ~2 (?:will|werde) ~2 springen",
        r"\bich ~4 (?:es|alles|das alles|mein leben|meine leben|das leben) ~2 beenden(?! ~3 mit)",
        r"(?:ich|mir) ~4 (?:pistole|waffe|seil|strick|gift) ~4 (?:besorgt|gekauft|geholt|besorge|kaufe)"
        r"|um ~3 (?:schluss|ein ende) zu machen|gegen ~2 (?:baum|wand|brückenpfeiler) ~2"
        r" (?:fahren|fahr|fahre|rasen|lenken|lenke|zu lenken|steuern|zu steuern|knallen|krachen)"
        r"|\b(?:fahr|fahre|rase) ~12 gegen ~2 (?:baum|wand|brückenpfeiler|mauer|pfeiler)"
        r"|(?:aussieht|aussehen|sieht ~3 aus) wie (?:ein )?unfall|vor ~2 (?:zug|lkw|laster|auto|bahn|s bahn|u bahn"
        r"|straßenbahn|züge) ~2 (?:werfen|springen|laufen|legen|werfe|springe|laufe|lege)",
        r"bin ich ~2 nicht mehr (?:da|hier|am leben)|werde ~3 nicht mehr (?:da|hier|am leben) sein"
        r"|(?:mach|mache) mich ~3 weg\b",
        unless=r"vortrag|prävention|präventions\w*|fortbildung|informieren|buch|film|serie|sterbe vor|vor lachen"
        # Bullies' words reported: "sie haben ihr geschrieben, sie soll sich umbringen".
        r"|(?:geschrieben|gesagt|geschickt|schreiben|sagen|schrieben|sagten) ~4 (?:sie|er|ich|du) (?:soll|sollst|solle"
        r"|sollte) (?:sich|mich|dich) ~2 umbringen"
        r"|(?:könnt|könnte) mich ~2 (?:erschießen|ohrfeigen)|(?:lieber tot|tot sein) ~4 als ~4"
        r" (?:mit uns|mit euch|mit mir|in die schule|zur schule|\w*urlaub|zum zahnarzt|aufräumen)|vor hunger"
        r"|\bich ~1 (?:spring|springe) ~1 gleich|(?:wenn|wen) ich noch (?:einmal|ein mal|mal) ~8"
        r" (?:muss|höre|hören|sehe|sehen|erklären|sagen)"
        # "erschöpft, aber nicht so, dass ich mir was antun würde": the thought is denied.
        r"|nicht so ~2 dass ich ~4 (?:antun|antue|umbringen|umbringe|töten)",
    ),
    _signal(
        "suicidal",
        "idiom",
        # "ich erschieß mich gleich" is said of printers too: a laughing message is a joke, a plain one is not.
        r"\bich ~1 (?:erschieß|erschieße|bring|hänge|häng) mich ~1 (?:gleich|noch)|\bich ~1 (?:spring"
        r"|springe) ~1 gleich",
        hyperbole=True,
    ),
    _signal(
        "suicidal",
        "passive",
        r"nicht mehr (?:leben|weiterleben|da sein|hier sein|existieren|aufwachen|aufwache|aufwach|aufzuwachen)"
        r"(?! (?:von|vom|in|im|bei|beim|mit|als|wie|ohne|zusammen|allein|alleine)\b)|nie (?:mehr|wieder) aufwachen",
        r"kann ~2 nicht mehr leben|keine kraft mehr ~3 (?:leben|zu leben)|nicht (?:mehr )?weiterleben"
        r"|sterben wäre ~2 (?:einfacher|leichter|besser)|(?:tot|nicht mehr da) (?:zu )?sein wäre ~2 (?:einfacher"
        r"|leichter|besser)",
        r"(?:besser|leichter|einfacher) ~4 ohne mich|ohne mich ~4 (?:besser|leichter|einfacher|froh|glücklicher)"
        r"|wenn (?:es )?mich ~2 nicht (?:mehr )?(?:gäbe|gibt|geben würde)|(?:besser|leichter|einfacher) ~4 wenn ich ~2"
        r" nicht mehr (?:bin|wäre|wär|lebe|da|hier)\b|wenn ich ~3 nicht mehr (?:da|hier)"
        r" (?:wäre|bin|wär)|wenn ich ~2 (?:weg|tot) (?:wäre|bin|wär)|nie geboren",
        r"wozu ~3 (?:noch )?(?:lebe|leben)|warum ~2 (?:lebe ich|ich noch lebe)|noch lebe ~~8 egal|egal ~~8 noch lebe"
        r"|(?:wozu|wofür|warum|wieso|weshalb) ~3 ich ~3 (?:noch|überhaupt) ~2 (?:da bin|lebe|hier bin|auf der welt bin"
        r"|existiere|weitermache|weitermachen)|(?:wozu|wofür|warum|wieso|weshalb) ~3 ich ~4"
        r" (?:weitermache|weitermachen)|(?:wenn|dass) mich ~4 (?:bus|auto|zug|lkw|laster|straßenbahn) ~2"
        r" (?:erwischt|überfährt|mitnimmt)|traurig ~3 dass ich ~2 noch (?:da bin|lebe|aufwache|hier bin)"
        r"|hoffe ~6 (?:der letzte|die letzte|nicht mehr aufwach\w*)|(?:einschlafe|einschlafen) und ~4 vorbei"
        r"|lenkrad ~3 (?:rumreißen|rumzureißen|herumreißen|verreißen)|müde (?:vom|von|von dem) leben",
        r"(?:ich|mich) ~4 für immer (?:verschwinden|einschlafen|schlafen|weg sein)|weg ~2 sein ~3 für immer"
        r"|(?:verschwinden|einschlafen) ~2 für immer|alles für immer aufhört|einschlafen und ~3 (?:nicht mehr"
        r"|nie wieder|nie mehr)|am liebsten ~3 (?:nicht mehr da|für immer weg|weg für immer)|verschwinde ~2 für immer"
        r"|für immer ~3 vorbei|vorbei ~3 für immer|(?:schnauze|nase) voll ~2 vom leben|(?:genug|satt) vom leben"
        r"|vom leben ~2 (?:satt|genug)|lebens satt",
        r"bin ~3 (?:nur )?(?:eine )?(?:last|belastung)|(?:nur|eine) (?:last|belastung) für alle",
        # "wie schön es wäre, wenn alles einfach aufhört", "ohne mich besser dran", "meine Beerdigung vorstellen".
        r"(?:schön|wünsch\w*|am liebsten|möchte|will) ~6 (?:wenn|dass) ~2 alles ~2 aufhört|(?:nicht mehr|nie mehr"
        r"|nie wieder) (?:wach|aufwach\w*) (?:werde|werden|würde)|ohne (?:einen|mich) ~2 besser dran|besser dran ~3"
        r" ohne (?:mich|einen)|meine (?:eigene )?beerdigung|einfach ~2 nicht (?:mehr )?lenken|weg von (?:der )?welt"
        r"|(?:sterbe|sterben) ~2 (?:ist|wäre) ~2 (?:okay|ok|egal|in ordnung)|(?:einfach )?nicht mehr muss(?= [.?,]| $"
        r"| und| aber| das)",
        r"wünsch\w* (?:mir|ich) ~4 (?<!kein )(?<!keinen )(?:einen unfall|unfall|tödlich\w*|den tod)"
        r"|wünsch\w* ~4 (?:ich wäre|ich bin|ich wär"
        r"|wäre) ~2 tot|wünsch\w* ~2 ich wäre nicht mehr|todessehnsucht",
        r"nicht mehr (?:auf der welt|am leben) (?:sein|bleiben)|(?:kein\w*|null) (?:sinn|grund|kraft|bock|lust"
        r"|hoffnung) mehr ~3 (?:zu existieren|zu leben|weiterzumachen|weiter zu machen"
        r"|weiterzuleben|auf (?:das|dieses|mein) leben|für (?:das|dieses|mein) leben|im leben|in meinem leben)",
        unless=r"film|buch|serie|lied|song",
    ),
    _signal(
        "suicidal",
        "passive_bare",
        # "ich will nicht mehr" with nothing after it: no job, no Kita, no plan.
        r"(?:\bich|und|aber) ~2 (?:will|mag|kann und will|möchte) (?:(?:einfach|echt|eh|wirklich|halt|auch) )?nicht"
        r" mehr(?= (?:[.?,]|und|aber|ich|einfach|echt|ehrlich)(?: |$)| $)|\bich ~2 (?:will|mag) eh nicht mehr"
        r"|will einfach nicht mehr(?= (?:[.?,]|und| $))",
        r"(?:kein|keinen) (?:sinn|sin) mehr|keinen ausweg|ausweglos",
        r"denke ~3 (?:an|ans|über|daran) ~2 (?:den tod|sterben|tod|mich umzubringen)|gedanken ~2 (?:an den tod"
        r"|ans sterben)|will nicht mehr sein",
        unless=r"vollzeit|teilzeit|arbeit\w*|job|beruf|ausbildung|schule|kita|studium|stillen|pendeln|schicht\w*"
        r"|umzug|umziehen|stadt|wohnung|amt|bürgergeld|hartz|warten|antrag|streit\w*|diskutier\w*|schulden|geld"
        r"|miete|(?:tod|sterben) (?:von|meiner|meines|der|des|unserer|unseres)|film|buch|nudeln|essen|handy",
    ),
    _signal(
        "suicidal",
        "self_harm",
        r"ritz\w*|geritzt|svv|selbstverletz\w*|verletz\w* mich ~2 (?:selbst|absichtlich)|mir selbst ~3 (?:weh|wunden"
        r"|schmerzen)|(?:mache|mach) mir ~2 (?:selbst )?wunden|rasierklinge\w*|klinge|(?:verbrenne|schneide|verletze"
        r"|kratze|ritze) (?:mir|mich) ~2 (?:absichtlich|mit absicht)|(?:absichtlich|mit absicht) ~4 (?:verbrenne"
        r"|schneide|verletze|kratze|schlage|ritze|verbrüh\w*)|sich ~3 (?:unter)?arm\w* ~2 auf|schneidet sich ~4"
        r" (?:unter)?arm\w*|(?:hab|habe) mich ~4 (?:wieder|absichtlich|mit absicht)? ?mit (?:dem|einem|der|einer)"
        r" (?:feuerzeug|zigarette) ~2 verbrannt|(?:absichtlich|mit absicht) ~4 {hot_liquid} ~4 (?:gegossen"
        r"|geschüttet|gehalten)|mich selbst ~2 (?:geschnitten"
        r"|verletzt|verbrannt|geschlagen)",
        r"(?:schneide|schneid|geschnitten|aufgeschnitten|aufschneiden|schnitt|zerkratzt|aufgekratzt) ~4 (?:mich|mir)"
        r" ~4 (?:arm|arme|armen|handgelenk\w*|bein|beine|beinen|haut|oberschenkel)|(?:mich|mir) ~4 (?:arm|arme"
        r"|armen|handgelenk\w*|bein|beine|beinen|haut|oberschenkel) ~2 (?:auf|aufgeschnitten|geschnitten"
        r"|aufschneiden|schneide|zerkratzt|aufgekratzt|blutig)",
        r"(?:schneide|schneid) (?:mich|mir)(?! ~3 (?:finger|beim|aus versehen|die haare|haare|nägel))"
        r"|mich ~3 (?:geschnitten|verbrannt|verletzt|blutig gekratzt) ~~6 (?:wieder|tiefer|absichtlich|mit absicht"
        r"|druck|fühlen|bestrafen)|(?:wieder|tiefer|absichtlich|mit absicht) ~4 (?:mich|mir) ~3 (?:geschnitten"
        r"|verbrannt|verletzt|zerkratzt)",
        r"zigarette\w* ~4 (?:arm|haut|hand) ~2 (?:aus|ausgedrückt)|(?:drück|drücke|drückt) zigarette\w*"
        r"|mich ~2 wieder ~2 (?:geschnitten|geritzt|verbrannt|aufgeschnitten)"
        r"|(?:mir|mich) ~4 (?:arme?|armen|haut|beine?|beinen) ~2 (?:aufkratze|aufkratz|aufgekratzt|blutig kratze)"
        r"|(?:feuerzeug|bügeleisen|zigarette) ~4 (?:die |meine )?(?:haut|arme?|beine?|hand) ~2 verbrannt ~~8"
        r" (?:druck|aushalt\w*|wieder|seit)"
        r"|(?:drück|drücke|halte|halt|verbrenne) (?:mir|mich) ~4 (?:heiß\w*|glühend\w*|feuerzeug\w*|löffel\w*) ~4"
        r" (?:arm|haut|bein|hand)|(?:arm|haut|bein|schmerz\w*|weh|blut\w*) ~~8 damit ich ~2 (?:was|etwas) ~2 (?:spüre"
        r"|fühle|spür)|(?:mich|mir) ~5 (?:unterarm\w*|handgelenk\w*) ~4 (?:aufgemacht|aufgeritzt|aufgeschnitten)"
        r"|(?:kopf|faust) ~3 gegen die wand ~~6 (?:blut\w*|selbst|mir|weh\w*|schmerz\w*)|mir selbst ~4 gegen die wand"
        r"|(?:schlage|schlag|haue|hau) ~2 (?:meinen|mein|den) kopf ~3 gegen|\bich ~2 (?:schlage|schlag|haue|hau|knall"
        r"|knalle) ~5 (?:meinen|mein|den) kopf ~3 gegen|\bich ~2 (?:schneiden|schneide|schneid|ritzen) ~2 (?:arm|arme"
        r"|armen|beine|haut)\b|(?:mit dem|mit einem) (?:feuerzeug|bügeleisen) ~4 (?:die |meine )?(?:haut|arme?|beine?"
        r"|hand) ~2 verbrannt|\bich ~2 (?:schlage|schlag|haue|hau|kratze|beiße) mir ~8 (?:bis (?:alles |es )?(?:blau"
        r"|blutet|dröhnt|weh)|druck)|(?:mich|mir) ~6 (?:arm|arme|armen|bein"
        r"|beine|handgelenk\w*) ~2 (?:geschnitten|aufgeschnitten)",
        unless=r"buch|film|kerze|holz|schnitz\w*|beim kochen|aus versehen|zwiebel|papier|tastatur|namen|finger|sturz"
        r"|hingefallen|gestürzt|unfall",
        negatable=True,
    ),
    # --- medical emergencies ---------------------------------------------------------------------------------
    _signal(
        "medical",
        "stroke",
        # The signs of a stroke the emergency services teach (FAST): a drooping face, speech gone, an arm gone weak.
        r"(?:mundwinkel|gesicht|gesichtshälfte) ~3 (?:hängt|hängen|hing|schief|gelähmt|verzogen)"
        r"|(?:spricht|redet|sprechen) ~2 (?:plötzlich )?(?:verwaschen|undeutlich|lallend)|(?:arm|bein|seite) ~3"
        r" (?:plötzlich )?(?:gelähmt|lahm|kraftlos) ~~8 (?:spricht|redet|mundwinkel|gesicht|umgefallen)",
        unless=r"früher|damals|nach dem schlaganfall|seit dem schlaganfall|reha|therapie|logopäd\w*|zahnarzt"
        r"|betäubung|spritze",
    ),
    _signal(
        "medical",
        "breathing",
        r"(?:atmet|atmen|atme|atmung) ~3 (?:nicht|kaum|schwer|schlecht|komisch|flach|stoßweise|unregelmäßig|pfeifend"
        r"|ganz schnell)|nicht (?:mehr )?(?:atmen|atmet)\b|nicht atmen gut|nicht (?:gut|richtig) (?:atmen|atmet|luft)"
        r"|(?:lippen|gesicht|mund) (?:ganz )?(?:blau|grau|lila)\b|pfeif\w* ~2 geräusch",
        r"(?:keine|kaum|schlecht|schwer|wenig) (?:mehr |noch )?luft(?! ~2 (?:für|zum))|nach luft ~2"
        r" (?:schnappt|ringt|japst)|(?:japst|ringt|schnappt) ~2 nach luft|atemnot|atemaussetzer|atemstillstand"
        r"|erstick\w*|asthmaanfall|asthma ?anfall|verschluckt ~~8 (?:keinen ton|kein ton|keine luft|röchelt"
        r"|kann nicht (?:mehr )?(?:sprechen|husten|schreien))|pfeift ~3 (?:atem\w*|einatmen|luft)"
        r"|(?:lippen|gesicht|haut|mund) ~3 (?:werden|wird|sind|ist|ganz|läuft) ~2 (?:blau|grau|lila)|läuft ~2 blau an"
        r"|wird ~2 (?:ganz )?(?:blau|grau)\b|ist ganz (?:blau|grau)|blau im gesicht|röchelt|keucht"
        r"|(?:rippen|brust|haut) ~3 (?:zieht sich|einziehen|eingezogen|rein und raus)"
        # Signs of a baby's breathing distress a midwife names: grunting at every breath, flaring nostrils.
        r"|(?:stöhnt|stöhnen|ächzt|grunzt) ~3 (?:bei )?(?:jedem|jeder) (?:atemzug|ausatmen|atmung)|nasenflügel ~3"
        r" (?:blähen|blähen sich|flattern|bewegen sich|gehen mit)",
        r"(?:gesicht|zunge|hals|lippen|rachen) ~3 (?:schwillt|geschwollen|schwellen) ~~6 (?:luft|atmen|allergi\w*"
        r"|stich|nuss|nüsse|biene|wespe)|allergische\w* schock|anaphyla\w*",
        unless=r"vom eis|heidelbeer\w*|blaubeer\w*|farbe|malen|geschminkt|luftballon|buch|film|frische luft"
        r"|(?:nagel|fingernagel|zehennagel|daumen|beule|fleck\w*|knie|schienbein) ~2 (?:wird|werden|ist|sind) ~2 blau"
        r"|luft holen|schnappen|luftschlange|ersticke (?:in|im)\b|(?:an|in) (?:den |der |dem )?(?:schulden|rechnungen"
        r"|papierkram|bürokratie) ~2 erstick\w*|erstick\w* ~2 (?:arbeit|wäsche|papier\w*|chaos|schulden|rechnungen"
        r"|bürokratie|haushalt)",
    ),
    _signal(
        "medical",
        "unconscious",
        r"bewusstlos\w*|ohnmächtig|in ohnmacht|nicht (?:mehr )?ansprechbar|weggetreten|leblos|kollabiert",
        r"reagiert (?:nicht|kaum|gar nicht)(?! ~2 auf (?:meine|mails|anrufe|nachrichten|briefe|e mails))",
        r"wacht ~2 nicht (?:mehr |richtig |ganz )?auf|(?:bekomme|bekomm|kriege|krieg|kriegen) ~3 nicht (?:mehr )?wach"
        r"|(?:nicht|kaum) (?:mehr |noch )?wach (?:zu kriegen|zu bekommen|werden)|weggesackt|zusammengesackt|sackt ~2"
        r" (?:weg|zusammen)|lässt sich ~2 nicht (?:mehr )?(?:wecken|aufwecken)"
        r"|nicht (?:mehr )?(?:zu wecken|aufzuwecken|wachzukriegen|wachzubekommen|aufwacht)",
        r"(?:liegt|lag|liegen|boden|blut|augen zu) ~~8 (?:antwortet|antworten|reagiert|reagieren) (?:nicht|kaum)"
        r"(?! ~2 auf)|(?:liegt|lag|boden|blut|augen zu) ~~8 nicht (?:mehr )?(?:antworten|antwortet|reagieren)",
        r"(?:umgekippt|umgefallen|fällt um|liegt ~3 boden|lag ~3 boden|runtergefallen|gestürzt|gefallen) ~~8"
        r" (?:augen nicht|antwortet nicht|spricht nicht|reagiert|bewegt sich nicht|weint nicht|schlaff|redet komisch"
        r"|redet wirr|erbricht|schläfrig|bewusst|kurz weg|war weg|verwirrt|benommen|desorientiert|gibt keine antwort)",
        r"(?:vom balkon|aus dem fenster|vom dach|aus dem \d* ?stock|vom hochbett|die treppe runter) ~3"
        r" (?:gefallen|gestürzt)",
        r"(?:schlaff|apathisch|schläfrig) ~~6 (?:reagiert|wach|atmet|anspreche)|(?:er|sie|mann|frau|kind|baby|sohn"
        r"|tochter|mutter|vater|oma|opa|kleine\w*) ~3 (?:umgekippt|zusammengebrochen|kollabiert|zusammengesackt"
        r"|zusammengeklappt|zusammengesunken)",
        unless=_NOT_UNCONSCIOUS + r"|früh auf|spielen|amt|jugendamt|behörde|vermieter|handy|akku|durchschläft"
        r"|schläft durch|zum (?:trinken|stillen|füttern)"
        r"|wenn ich ~3 (?:rufe|ruf|sage|frage)|auf (?:seinen|ihren) namen|hört nicht|zuhören",
    ),
    _signal(
        "medical",
        "unconscious",
        # "liegt ganz schlaff und wird nicht wach, wenn ich rufe": calling her is how the parent found out.
        r"(?:schlaff|leblos|apathisch) ~~6 (?:nicht wach|wacht nicht|nicht aufwachen|reagiert nicht|nicht reagier\w*)",
        unless=_NOT_UNCONSCIOUS,
    ),
    _signal(
        "medical",
        "poisoning",
        # Wild mushrooms eaten, and now vomiting or diarrhoea: a signal of its own, since the one below takes "Wald"
        # for a harmless context (a story, a walk).
        r"pilze ~~10 (?:gegessen|gekocht|probiert) ~~10 (?:kotzen|kotzt|erbrechen|erbricht|übergeben|spucken|spuckt"
        r"|durchfall\w*|bauchkrämpfe\w*|bauchschmerzen)",
        needs=(r"(?:gesammelt|wald|wiese|garten|selbst gepflückt|gefunden)",),
    ),
    _signal(
        "medical",
        "poisoning",
        # Household poisons, in either order with the taking.
        r"(?:\w*putzmittel|\w*reiniger|reinigungsmittel|\w*spülmittel|spülmaschinentab\w*|tabs|tab|\w*waschmittel"
        r"|weichspüler|entkalker|bleiche|chlor\w*|lampenöl|grillanzünder|benzin|spiritus|liquid|zigarette\w*"
        r"|kippe\w*|tabak|batterie\w*|knopfzelle\w*|knopfbatterie\w*|magnet\w*|\w*gift|nagellack\w*|duftöl"
        r"|essigessenz|desinfektion\w*|insektenspray|frostschutz\w*|rohrfrei|\w*spüler|pods?|caps|\w*kapsel\w*"
        r"|\w*kartusche\w*|aceton|\w*entferner|schneckenkorn|lampenöl) ~6 (?:getrunken|trinkt|trinken|trank|gegessen"
        r"|isst|essen|geschluckt|schluckt|verschluckt|runtergeschluckt|in den mund|im mund|genuckelt|gelutscht"
        r"|geleckt|gekaut|probiert|erwischt|ausgetrunken|gefuttert|genascht|geknabbert|angeknabbert|abgekaut|zerbissen"
        r"|zerkaut|gesaugt|runtergekippt|abgebissen|geschleckt|angebissen|reingebissen)",
        r"(?:getrunken|trinkt|trinken|gegessen|isst|geschluckt|verschluckt|runtergeschluckt|genuckelt|gelutscht"
        r"|gekaut) ~6 (?:\w*putzmittel|\w*reiniger|\w*spülmittel|\w*waschmittel|weichspüler|entkalker|lampenöl"
        r"|batterie\w*|knopfzelle\w*|knopfbatterie\w*|\w*gift|spülmaschinentab\w*)",
        # Pills missing from a pack the child had: "jetzt fehlen zwei".
        r"(?:packung|\w*tabletten|\w*tablette|pillen|blister|dose) ~~16 (?:fehlen|fehlt) ~3 (?:zwei|drei|vier|ein paar"
        r"|einige|welche|\d+|eine)",
        # Medicines, and plants or mushrooms from outside: taken, not prescribed.
        r"(?:schlaftablette\w*|fiebersaft|paracetamol|ibuprofen|drogen|medizin|medikament\w*|\w*tablette\w*|pille\w*"
        r"|antidepressiv\w*|psychopharmaka|\w*tropfen|schmerzmittel|tablet"
        r"|pilze|beeren|pflanze\w*|blätter|\w*mittel|methadon|subutex|opiat\w*|ecstasy|kokain|koks|cannabis"
        r"|haschkeks\w*|goldregen|oleander|eibe\w*|maiglöckchen|fingerhut|tollkirsche\w*|engelstrompete\w*"
        r"|dieffenbachi\w*|giftpflanze\w*) ~6 (?:gegessen|geschluckt|verschluckt|runtergeschluckt"
        r"|getrunken|ausgetrunken|genuckelt|erwischt|gelutscht|gekaut|in den mund|im mund|eingenommen|gefuttert"
        r"|geknabbert|angeknabbert|abgekaut|zerbissen|zerkaut|gesaugt|runtergekippt|abgebissen|geschleckt)",
        # Pills taken at a party: "irgendwas eingeworfen", pupils wide or pinpoint.
        r"(?:irgendwas|etwas|was|pille\w*|tablette\w*|drogen|teile) ~2 eingeworfen|pupillen ~3 (?:riesig|riesengroß"
        r"|ganz groß|winzig|stecknadel\w*)",
        r"(?:essen|gegessen|geschluckt|verschluckt|getrunken|ausgetrunken) ~4 (?:pille\w*|tablette\w*"
        r"|medikament\w*|drogen)|(?:alle|viele|zu viele|zu viel|ganze\w* packung|packung) ~3 (?:tabletten|pillen"
        r"|medikamente|fiebersaft|saft) ~3 (?:genommen|getrunken|gegessen)",
        r"vergiftet|vergiftung|alkoholvergiftung|giftnotruf",
        needs=(_CHILD + r"|\b(?:er|sie)\b|mein mann|meine frau|mein freund",),
        unless=r"ich nehme|meine tablette|die pille|antibabypille|verhütung|wie viel (?:darf|soll|muss|gebe)"
        r"|dosierung|dosis|darf ich|darf man|stillen|kirschkern|kaugummi|zahnpasta|seife|sand|kreide|theater"
        r"|hexe|buch|film|ausgespuckt|(?:nicht|nichts) ~2 (?:getrunken|gegessen)|gerne|gern|lecker|wald"
        r"|shampoo|lebensmittel|hustenmittel|abführmittel|nahrungsmittel|\w*theater|rolle|königin|schneewittchen",
    ),
    _signal(
        "medical",
        "poisoning",
        # Alcohol drunk by a child ("den Rest aus Papas Weinglas ausgetrunken"); adults drink it too, so a child only.
        r"(?:wein|weins|weinglas|rotwein|weißwein|glühwein|bier|biers|sekt|schnaps|wodka|likör|eierlikör|alkohol|whisky"
        r"|rum|cocktail\w*) ~6 (?:getrunken|ausgetrunken|erwischt|geext|probiert|runtergekippt)|(?:getrunken"
        r"|ausgetrunken|erwischt|runtergekippt) ~4 (?:wein|weins|rotwein|weißwein|glühwein|bier|biers|sekt|schnaps"
        r"|wodka|likör|eierlikör|alkohol|whisky|rum)",
        needs=(_CHILD,),
        unless=r"\b(?:1[4-9]|[2-9]\d) ?(?:jahre|jährige\w*)|teenager|party|feier|\bich\b ~3 (?:getrunken|trinke)"
        r"|mein mann|meine frau|mein freund|meine freundin|mein partner",
    ),
    _signal(
        "medical",
        "poisoning",
        # A small child who got at drugs ("an den Gummibärchen mit THC") and now staggers.
        r"(?:thc|cannabis\w*|haschisch|hasch|joint\w*|ecstasy|kokain|koks) ~~16 (?:torkelt|taumelt|schläfrig"
        r"|apathisch|erbricht|nicht wach|komisch)",
        needs=(_CHILD,),
        unless=r"\b(?:1[4-9]|[2-9]\d) ?(?:jahre|jährige\w*)|teenager|party|feier",
    ),
    _signal(
        "medical",
        "poisoning",
        r"(?:gasofen|gasheizung|gastherme|heizofen|holzkohle|kohlenmonoxid|co ?melder) ~~12 (?:kopfschmerz\w*"
        r"|übel\w*|erbrochen|erbricht|schwindel\w*|bewusstlos|benommen)|(?:kopfschmerz\w*|übel\w*|schwindel\w*)"
        r" ~~12 (?:gasofen|gasheizung|gastherme|heizofen|kohlenmonoxid)",
        r"(?:rohrreiniger|abflussreiniger|backofenreiniger|entkalker|lauge|bleiche|chlorreiniger|wc ?reiniger) ~~12"
        r" (?:augen|auge|gesicht|mund) ~~6 (?:reibt|brennt|schreit|rot)",
        needs=(_CHILD + r"|\b(?:alle|wir|er|sie)\b",),
        unless=r"piept ~3 (?:batterie|leer)|gewartet|wartung|schornsteinfeger",
    ),
    _signal(
        "medical",
        "pregnancy_bleeding",
        r"blute|blutet|bluten|blutung\w*|blut|blutverlust",
        r"fruchtblase ~3 (?:geplatzt|gesprungen|kaputt)|fruchtwasser ~3 (?:läuft|abgegangen|raus)"
        r"|(?:wehen|wehe) ~~6 (?:erst|zu früh)",
        needs=(r"schwanger\w*|ssw|schwangerschaft|\d+ ?(?:woche|wochen)\b|geburt|entbunden|wehen|fruchtblase",),
        unless=r"leicht\w*|schmier\w*|ein bisschen|bisschen|(?<!nicht )wenig|nasenbluten|nase|zahnfleisch\w*"
        r"|(?<!einer )(?<!der )periode|blutzucker|bluttest|blutdruck\w*|blutwerte|blutabnahme|blutgruppe|blutbild"
        r"|untersucht|nur kurz|mein sohn|meine tochter|das kind|knie",
    ),
    _signal(
        "medical",
        "fetal_movement",
        r"(?:keine|keine mehr|nicht mehr) ~3 (?:bewegungen|tritte)|spüre ~3 (?:baby|kind|es) ~2 nicht mehr"
        r"|bewegt sich ~3 nicht mehr ~~4 bauch",
        needs=(r"bauch|schwanger\w*|ssw|woche",),
    ),
    _signal(
        "medical",
        "heavy_bleeding",
        r"(?:blute|blutet|bluten|blutung\w*) ~4 (?:stark|sehr|viel|doll|heftig|immer stärker|hört nicht auf|überall"
        r"|ohne ende)|(?:viel|ganz viel|voll viel|sehr viel|so viel) blut|blut überall|starke\w* blutung\w*"
        r"|blutet ~3 (?:aus|am) (?:kopf|hals|bauch)|blut (?:kommt|läuft) ~2 (?:viel|stark)",
        # Bleeding that cannot be stopped, whatever is said of the amount.
        r"blut (?:spritzt|schießt|pulsiert)|(?:spritzt|schießt) ~2 blut|(?:blut|blutung|es) ~3 nicht"
        r" (?:gestoppt|zu stoppen|gestillt|zu stillen)|(?:hört|hören) ~2 nicht auf zu bluten",
        unless=r"nasenbluten|nase|zahnfleisch\w*|leicht\w*|bisschen|hat aufgehört|schon aufgehört|film|buch"
        r"|blutig gestoßen|(?<!einer )(?<!der )periode|malt|malen|gemalt|zeichnet|gezeichnet|monster\w*|geschichte\w*"
        r"|bilder|bildern|zeichnung\w*|dino\w*",
    ),
    _signal(
        "medical",
        "seizure",
        r"krampfanfall\w*|fieberkrampf\w*|krampft|krampfen|gekrampft|epilept\w* anfall",
        r"(?:anfall|verdreht ~2 (?:die )?augen|augen ~2 (?:nach oben|rollen|verdreht|weg)) ~~8 (?:epilep\w*|zuck\w*"
        r"|steif|hört nicht auf|minuten|krampf\w*|reagier\w*|fieber|blau|zitter\w*|bewusst|hingefallen|schaum)"
        r"|(?:epilep\w*|zuck\w*|krampf\w*|steif|fieber|zitter\w*|hingefallen) ~~8 (?:anfall|verdreht ~2 (?:die )?augen"
        r"|augen ~2 (?:nach oben|rollen"
        r"|verdreht|weg))",
        r"zuckt ~3 (?:am ganzen körper|mit (?:armen|beinen|den armen)|komisch|überall)|zuckungen"
        r"|gezuckt ~~4 (?:weg|reagiert|schlapp|blau)|steif ~~4 (?:zittert|zuckt|reagiert nicht)"
        r"|rhythmisch ~3 (?:gezittert|gezuckt|zuckt|zittert|zucken)",
        r"(?:einen|ein) krampf ~~6 (?:blau|reagiert|zuckt|steif|bewusst|fieber)|schaum ~3 (?:aus dem|vorm"
        r"|vor dem) mund",
        unless=r"wadenkrampf|wade|bauch\w*|magen\w*|muskel\w*|regel\w*|periode|vorbereitet|kurs|wutanfall|lachanfall"
        r"|hustenanfall|heulkrampf|lachkrampf|im schlaf|beim einschlafen|schluckauf|vor (?:angst|kälte|aufregung|wut)"
        r"|friert",
    ),
    _signal(
        "medical",
        "fever_stiff_neck",
        r"\w*steif\w* (?:nacken|hals)|nackensteif\w*|(?:nacken|hals) ~3 (?:\w*steif|nicht (?:mehr )?bewegen)"
        r"|nacken ~3 (?:tut weh|weh)|lichtempfindlich\w*|lichtscheu|licht ~3 (?:tut|tat) ~2 weh"
        r"|kopf ~2 nicht ~3 (?:nach vorne|auf die brust|beugen)|kinn ~4 (?:nicht|kaum) ~4 brust"
        r"|(?:schreit|weint|schmerzen) ~4 (?:wenn ich )?(?:den )?(?:kopf|nacken) ~2 (?:bewege|beuge|bewegen|anhebe"
        r"|hochhebe)|(?:flecken|punkte|pünktchen) ~6 (?:nicht weg\w*|nicht verschwinden|glastest|glas test|wasserglas)"
        r"|lila flecken|rote punkte|vorgewölbte\w* fontanelle|fontanelle ~3 (?:vorgewölbt|gewölbt|wölbt|prall|raus)"
        r"|benommen|apathisch|nicht (?:mehr )?erweckbar|kaum (?:zu )?wecken|erkennt ~2 (?:nicht|kaum)|flecken"
        r"|(?:ist|wirkt|scheint) ~2 (?:ganz|total|völlig|plötzlich|so) verwirrt|redet ~2 (?:wirr|verwirrt)",
        needs=(r"fieber\w*|glüht|hohe\w* temperatur|\d\d(?:\.\d)? ?grad|\b(?:39|40|41)(?:\.\d)?\b",),
        # Named rashes of childhood that itch are no meningitis.
        unless=r"hand ?mund ?fuß\w*|windpocken|dreitagefieber|juckt(?! nicht)|jucken(?! nicht)|juckreiz",
    ),
    _signal(
        "medical",
        "baby_fever",
        # Fever in a baby of under three months needs a doctor at once.
        r"(?:baby|säugling|kind|sohn|tochter|kleine\w*|er|sie|es) ~4 (?<!seit )(?:\b[1-9]\b|ein|eine|zwei|drei|vier"
        r"|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf) (?:woche|wochen)\b|(?:baby|säugling|kind|sohn|tochter"
        r"|kleine\w*|er|sie|es) ~4 (?<!seit )(?:\b[12]\b|ein|einen|zwei) (?:monat|monate|monaten)\b"
        r"|(?:\b[1-9]\b|\b1[0-2]\b) (?:woche|wochen) alt|\b[12]\b (?:monat|monate) alt|neugeboren\w*|säugling\w*",
        needs=(r"fieber\w*|\b(?:38|39|40|41)(?:\.\d)?\b|(?:sehr|ganz|total|so) heiß|glüht",),
        unless=r"leicht\w*|früher|letzte woche|hatte|impfung|geimpft|schwanger\w*|ssw",
    ),
    _signal(
        "medical",
        "dehydration",
        r"(?:trinkt|trinken) ~3 (?:nichts|nicht mehr|gar nicht|kaum) ~~8 (?:schlapp|apathisch|schläfrig|keine nasse\w*"
        r" windel\w*|eingesunken\w*)|(?:schlapp|apathisch) ~~8 (?:trinkt|trinken) ~3 (?:nichts|nicht mehr|gar nicht)"
        r"|(?:nichts|nicht mehr|gar nicht|kaum) ~2 (?:richtig )?(?:trinkt|trinken) ~~8 (?:schlapp|apathisch)",
        # Signs of drying out: no wet nappy for many hours, crying without tears, sunken eyes, limp and hard to wake.
        r"(?:kein|keine|nicht) ~2 {no_wee} ~~12 {limp}|{limp} ~~12 (?:kein|keine|nicht) ~2 {no_wee}"
        r"|weint ohne tränen ~~12 (?:kaum|schlaff|schlapp|apathisch)",
        needs=(_CHILD + r"|\b(?:er|sie|es)\b",),
    ),
    _signal(
        "medical",
        "burns",
        r"verbrüht|verbrüh\w*|brandwunde\w*|brandblase\w*|verbrennung|verbrennungen|feuer gefangen",
        r"sich ~4 (?:verbrannt|verbrüht)|(?:schwer|schlimm|großflächig|stark) ~2 verbrannt"
        r"|verbrannt ~3 (?:am|an der|mit)",
        r"(?:wasser|tee|kaffee|öl|suppe|fett|milch) ~2 heiß ~~8 (?:über|drüber|blase\w*|haut)|blase\w* ~2 (?:groß"
        r"|riesig)|(?:jacke|kleidung|pullover|pulli|haare|ärmel|hose|shirt) ~3 (?:gebrannt|brannte|brennt|in flammen)"
        r"|lederartig|haut ~3 (?:verkohlt|schwarz)|verbrannt ~2 großflächig|(?:gesicht|hals|brust) ~~8 blasen"
        r"|stichflamme",
        r"{hot_liquid} ~~8 (?:über|verschüttet"
        r"|geschüttet|gelaufen|übergossen|umgekippt|umgefallen|drüber|schreit|blasen|auf|abbekommen|bekommen)",
        r"(?:\w*herdplatte|herd|\w*ofen|\w*ofentür|\w*ofenscheibe|bügeleisen|grill|kamin|wasserkocher|kaffeemaschine"
        r"|heizstrahler) ~~6 (?:blasen|haut|verbrannt|schreit)|voll(?:er| mit)? blasen|(?:haut|hand|handfläche|finger"
        r"|arm|bein|fuß|füße|gesicht|brust|bauch|rücken) ~~10 (?:bilden|bildet|wirft|werfen) ~2 blasen"
        r"|haut ~3 (?:löst sich|ist weg|geht ab|hängt)|blasen ~3 (?:an der|am|an den|überall)|riesen ?blasen"
        r"|große blasen",
        needs=(_CHILD + r"|\b(?:er|sie|es|sich)\b|mann|frau|ich",),
        unless=r"leicht\w*|nur ein bisschen|bisschen|nur ~2 rot|kleine\w* (?:punkt|stelle|blase)|sonnenbrand|essen"
        r"|kuchen|pizza|toast|angebrannt|heißklebe\w*|verheilt|wandern|schuhe|laufen|lauwarm|bren+essel\w*|juckt",
    ),
    _signal(
        "medical",
        "other",
        r"notarzt|rettungswagen|krankenwagen|112 ~2 (?:angerufen|anrufen|rufen|gerufen)",
        r"(?:war|lag|treibt|liegt|gezogen) ~3 unter wasser|unter wasser ~3 (?:gewesen|war|gezogen)|ertrunken"
        r"|ertrinkt|(?:aus dem wasser|aus dem pool|aus der wanne) ~2 (?:gezogen|geholt)|(?:pool|wasser|see"
        r"|schwimmbad|badewanne|teich) ~~6 untergegangen",
        r"(?:kopf|gestoßen|gefallen|sturz|gestürzt) ~~8 (?:erbricht|erbrechen|bricht ständig|kotzt|übergibt sich)",
        # After a fall, vomiting again and again ("hat schon dreimal gespuckt") with drowsiness.
        r"(?:gefallen|gestürzt|runtergefallen|sturz) ~~12 (?:mehrmals|dreimal|zweimal|\d mal|immer wieder) ~2"
        r" (?:gespuckt|gebrochen|erbrochen|gekotzt)|(?:gefallen|gestürzt|runtergefallen) ~~12 (?:komisch|so|sehr|ganz)"
        r" (?:müde|schläfrig|schlapp) ~~8 (?:gespuckt|spuckt|erbrochen|gebrochen|gekotzt)",
        r"(?:wehen|wehe) ~~6 (?:\b(?:2\d|3[0-3])\b ?(?:woche|ssw)|erst)",
        unless=r"arbeite\w*|feuerwehrmann|sanitäter\w*|schwim+kurs\w*|schwimmen lernen|damit ~4 nicht ~2 ertrinkt"
        r"|rettungsschwimm\w*|spiel|spielen|puppe\w*|film"
        r"|buch|übung|übungswehen|taucht|tauchen|gelesen|geschichte|nachrichten|zeitung|titanic",
    ),
    # English and the other languages: their own files (bot/nlu/crisis_signals.py).
)

# --- harmless readings ------------------------------------------------------------------------------------------

# "nicht nur" adds to the act rather than denying it ("sie ritzt sich nicht nur am Arm").
_NEGATION = re.compile(r"\b(?:nicht(?! nur\b)|nie|niemals|kein|keine|keinen|noch nie)\b")
# Asked to be prepared or to learn, not because it happens.
_INFORMATION = _compile(
    r"vorbereitet sein|will es nur wissen|nur wissen|nur interesse|zur sicherheit|für den notfall|vorsorglich"
    r"|erste ?hilfe ?kurs\w*|kurs\w*|fortbildung|vortrag|projekttag|informieren|infos? (?:über|zu|zum)|ratgeber"
    r"|elternabend|infoabend|informationsabend|workshop|seminar"
    r"|ehrenamtlich|falls ~2 (?:mal|einmal)|wenn ~4 (?<!noch )(?:mal|einmal|jemals)"
)
# The turn from a harmless question to what is going on.
_CONTRAST = _compile(r"aber|doch|jedoch|allerdings|trotzdem|but")
# An event that ended well, in its own words.
_RESOLVED = _compile(
    r"(?:ist|geht es|gehts|geht|war|sind) ~3 (?:wieder )?(?:alles )?(?:gut|ok|okay|in ordnung|besser|vorbei|verheilt"
    r"|gesund|fit|putzmunter|normal|abgeschlossen)|alles (?:gut|ok|okay|wieder gut|in ordnung|besser|super|prima"
    r"|bestens)|zum glück ~2 (?:nichts|niemandem|nix)|nichts passiert|nix passiert|nichts schlimmes"
    r"|(?:war|ist) ~2 harmlos|war (?:aber |zum glück )?(?:nichts|nix)|entwarnt|entwarnung|ungefährlich|gut verheilt"
    r"|kein thema mehr|lange her|jahre her|ist vorbei|heute nicht mehr|(?:bin|sind) (?:jetzt |wieder |endlich "
    r"|nun )?(?:in )?sicher(?:heit)?|keinen kontakt mehr|gesund zur welt|gesund geboren|spielt ~2 wieder"
    r"|lacht ~2 wieder|wieder (?:fit|gesund|wach|da)|nur eine beule|nur (?:ein|eine) (?:schreck|beule|kratzer)"
    r"|aufgefangen|in therapie|habe selbst kinder|mache es anders|besser machen|anders machen"
    r"|geht (?:es )?(?:mir|uns|ihm|ihr) ~2 gut|in ruhe"
    # Healed, checked, convicted: "kerngesund", "neurologe sagt unauffällig", "seitdem nie wieder", "die Narbe".
    r"|kerngesund|unauffällig|seitdem (?:nie|nichts|kein\w*)|nie wieder (?:passiert|gehabt|vorgekommen)|harmlos"
    r"|läuft ~2 (?:gut|super|prima|bestens)|nur (?:noch )?(?:eine )?(?:kleine )?narbe|narbe\w* ~3 (?:klein|verheilt"
    r"|blass|kaum)|verurteilt|weggezogen|(?:keine|ohne) (?:folgen|schäden|schaden)|längst (?:weg|vorbei|verheilt|gut)"
    r"|(?:komplett|ganz|völlig|vollkommen) gesund|nur ein ~2 hämatom|ist ruhe|überstanden|ausgestanden"
)
_HOPE = _compile(r"hoffe\w*|ob\b|weiß nicht|unsicher|angst|sorge\w*|bitte|(?<!mit )hilfe")
# Long ago: for violence and danger to a child, only distance in time makes a story "over".
_LONG_AGO = _compile(
    r"früher|damals|vor (?:\w+ )?jahren|vor (?:etwa |ca |circa |gut |knapp |über |mehr als )?einem jahr|letztes jahr"
    r"|letzten sommer|letzten winter|als kind"
    r"|als (?:wir |ich )?kinder|in meiner kindheit|als ich klein war|als (?:ich|er|sie) \d+ war|als jugendliche\w*"
    r"|mit \d+ (?:jahren|einen|eine|ein)\b|als baby|vor langer zeit|als (?:säugling|kleinkind|teenager|neugeboren\w*)"
    r"|letzten (?:herbst|frühling)|letztes frühjahr|(?:ersten|vorigen|letzten|früheren)"
    r" (?:schwangerschaft|ehe|beziehung)|erste\w* ehe|frühere\w* (?:ehe|beziehung)|lange vorbei|längst vorbei"
    r"|vor (?:\w+ )?jahre\b"
)
# A year long over ("wir hatten 2021 einen Stalker"; last year may be last month); "seit 2021" goes on (_ONGOING).
# Compared with today's year when asked, so a server running across New Year stays right.
_YEAR = re.compile(r"\b(?:19[89]\d|20\d\d)\b")


def _long_ago(text: str) -> bool:
    return bool(_LONG_AGO.search(text)) or any(int(year) < date.today().year - 1 for year in _YEAR.findall(text))


_SEPARATED = _compile(r"getrennt|ausgezogen|geschieden|keinen kontakt|\bex\b|exmann|exfreund\w*")
_RECENT = _compile(
    r"gestern|vorgestern|heute|vorhin|eben|letzte nacht|letzte woche|neulich|am wochenende"
    r"|vor ~2 (?:tagen|stunden|minuten)"
)
# The story is told in the past: "hatte", "war", "hat ... gehabt", or a time that is over.
_PAST = _compile(
    r"hatte|hatten|war|waren|wurde|wurden|worden|gewesen|wollte|musste|mussten|konnte|konnten|sollte|hat ~6 \w+t"
    r"|hat ~6 ge\w+|hat ~6 \w+en"
    r"|habe ~6 ge\w+|hab ~6 ge\w+|haben ~6 ge\w+|(?:ist|sind|bin) ~6 \w*ge\w+(?:en|t)|verloren"
    r"|letzte woche|letzten monat|gestern|vorgestern|vorhin|vor (?:\w+ )?(?:tagen|wochen|monaten)|früher|damals"
    r"|sagte|sagten|meinte|meinten|kam|ging|lag|fand|gab|gaben"
)
# Words in the sentence of a signal that say it is still going on.
_ONGOING = _compile(
    r"(?:schon |immer |nun )?wieder(?! (?:gut|gesund|fit|da|wach|besser|normal))|immer noch|noch immer"
    r"|jetzt(?! (?:ist|geht|sind) ~2 (?:gut|super|ok|okay|in ordnung|besser|prima|bestens))(?! (?:\w+ )?(?:jahre"
    r"|monate) her)(?! (?:wieder )?alles"
    r" (?:gut|super|ok|okay|in ordnung|prima|bestens))(?! (?:ist |sind )?\d)"
    r"(?! (?:sucht|suchen|suche|brauch\w*) (?:er |sie |wir |ich )?(?:einen|eine|ein|nach)\b)"
    r"|gerade|seit(?! (?:\w+ )?(?:jahren|monaten) (?:ist )?ruhe)|jeden|jede nacht|ständig|dauernd|täglich|droht"
    r"|(?<!erste )hilfe|bitte|heute nacht|letzte nacht|immer"
    r"|seitdem(?! (?:nie|nichts|kein\w*|ist ruhe|alles))"
)
# Told of a film, a report or homework in the same clause ("im Tatort hat ein Vater sein Kind vergiftet", "eine
# Hausarbeit über häusliche Gewalt"): not the parent's own danger — unless the clause says it goes on.
_REPORT = _compile(
    r"doku|dokus|dokumentation|dokumentarfilm\w*|reportage|im fernsehen|im radio|tatort|krimi|krimis|hörspiel\w*"
    r"|hausarbeit (?:über|zum|zur|zu)|referat über|statistik\w*|studie|studien|artikel|in der zeitung"
    r"|zeitungsartikel|bachelorarbeit|masterarbeit|seminararbeit|podcast|\w*roman|\w*romane|lektüre|patient\w*"
)
# The parent's work ("ich arbeite im Schlachthof, viel Blut und Messer"): danger words in a clause that names
# nobody are the job, not an emergency. Only phrases that plainly describe a job: "bin Krankenschwester" is no job
# description when the child is bleeding.
_WORK = _compile(
    r"arbeite\w* (?:in|im|als|bei|beim)|\bwar (?:ein |eine )?(?:chirurg\w*|arzt|ärztin|pfleger\w*|krankenschwester"
    r"|polizist\w*|sanitäter\w*|metzger\w*)\b|schlachthof|vorstellungsgespräch|stelle (?:gefunden|als)"
)
_PERSON = _compile(r"\b(?:ich|mich|mir|wir|uns|er|sie|ihn|ihm|ihr|es|du|dich|dir)\b|{child}|{adult}")
# Laughing and eye-rolling: the message jokes.
_LAUGHING = re.compile(r"[😂🤣😅😄😆😁😜😉🙄🤪😹]|\b(?:lol|haha\w*|hihi|xd)\b", re.IGNORECASE)
PRIORITY: tuple[str, ...] = CRISIS_KINDS

# The German readings apply to German only. A message in another of our languages (an English or Turkish function
# word more than a German one, or Cyrillic or Arabic letters) is read by its language's file (crisis_signals).
_GERMAN_WORDS = frozenset(
    "ich|und|mein|meine|meinen|meinem|meiner|ist|nicht|habe|hab|mit|mich|mir|wir|er|sie|es|ein|eine|einen"  # noqa: SIM905
    "|der|das|dem|den|auf|für|von|zu|wenn|aber|auch|noch|schon|sehr|kann|bin|sind|wie|oder|nach|bei|uns"
    "|unser|unsere|sein|seine|ihr|ihre|jetzt|heute|hat|immer|kein|keine|gerade|waren|alles".split("|")
)
_FOREIGN_WORDS = frozenset(
    "the|and|my|is|are|i|im|me|you|he|she|his|our|they|we|not|to|of|with|it|this|what|have|has|dont|cant"  # noqa: SIM905
    "|can|please|from|be|been|am|were|ve|bir|bu|ben|beni|benim|bana|çok|değil|için|ile|mı|mi|ne|var|yok"
    "|kocam|ama".split("|")
)
_OTHER_SCRIPT = re.compile(r"[\u0400-\u04ff\u0600-\u06ff]")


def _german(normal: str, text: str) -> bool:
    """Whether the message is German: as the language detector reads it (bot/nlu/language.py), and for a message
    too short for it by its small words ("kocam beni dövüyor" has none of German's)."""
    detection = detect_language(text)
    if detection is not None:
        return detection.language == DEFAULT_LANGUAGE
    words = normal.split()
    foreign = sum(word in _FOREIGN_WORDS for word in words)
    return not _OTHER_SCRIPT.search(normal) and foreign <= sum(word in _GERMAN_WORDS for word in words)


# The writer is a child or teenager ("bin 14", "ich bin erst 13 jahre alt"), not 14 weeks pregnant or 15 years married.
_MINOR_SPEAKS = _compile(
    r"(?:^ |[.?,] |\bund )?(?:ich bin|bin|i am|i m) (?:erst |gerade |noch )?(?:1[0-7]|zwölf|dreizehn|vierzehn|fünfzehn"
    r"|sechzehn|siebzehn)(?! (?:wochen|woche|monat\w*|ssw|jahre (?:verheiratet|zusammen|mit|in|hier|seit)|uhr))"
    r"|\bich bin (?:ein|eine) (?:kind|schüler|schülerin|jugendliche\w*)\b"
)
# Who is hurt: a man (a father) gets the Hilfetelefon Gewalt an Männern (vocabulary/emergency.py).
_MAN_SPEAKS = _compile(
    r"\bich ~2 (?:bin|als) ~2 (?:ein |der |n )?(?:mann|vater|papa|typ|kerl)\b|\bals (?:mann|vater|papa)\b"
    r"|\bbin (?:ein |der )?(?:mann|vater|papa)\b|\bi am a (?:man|father|dad)\b"
)
_WOMAN_SPEAKS = _compile(
    r"\bich ~2 (?:bin|als) ~2 (?:eine |die )?(?:frau|mutter|mama|schwanger)|\bals (?:frau|mutter|mama)\b"
    r"|\bbin schwanger|\b(?:meine frau|meine freundin|meine partnerin) und ich ~~8 (?:lesbisch|frauen)"
)
_WOMAN_HARMS = _compile(
    r"(?:meine|die|seine) (?:frau|ehefrau|freundin|partnerin|ex ?frau|exfrau|ex ?freundin|exfreundin|ex ?partnerin"
    r"|verlobte|lebensgefährtin) ~8 (?:mich|mir|uns)\b|\bmy (?:wife|girlfriend) ~3 (?:hits|beats|kicks|threatens)"
)


@dataclass(frozen=True)
class Finding:
    """What the net found: the kind that decides the numbers, every kind named, the situation, who is hurt."""

    kind: str
    sub: str
    kinds: tuple[str, ...] = field(default_factory=tuple)
    male_victim: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "sub": self.sub, "kinds": list(self.kinds), "male_victim": self.male_victim}


def _around(text: str, start: int, end: int, stops: tuple[str, ...]) -> str:
    """The sentence (or clause, with ",") around a match."""
    lefts = [text.rfind(f" {stop} ", 0, start) for stop in stops]
    rights = [text.find(f" {stop} ", end) for stop in stops]
    left = max(lefts)
    right = min((index for index in rights if index != -1), default=len(text))
    return text[left + 2 if left != -1 else 0 : right + 1]


def _sentences(text: str) -> list[str]:
    """The sentences that are statements (a question does not say that all is well)."""
    parts = re.split(r"( [.?] )", text + " . ")
    return [part for part, end in zip(parts[::2], parts[1::2], strict=False) if end.strip() == "."]


def _negated(text: str, start: int, end: int) -> bool:
    """A negation ("nicht", "nie") among the two words before, in, or the two words after the match."""
    before = " ".join(text[:start].split()[-2:])
    after = text[end:].split()
    near = f"{before} {text[start:end]} {' '.join(after[:2])}"
    # One word more is read, so that "nicht nur" is seen whole; a negation counts only within the two words.
    return any(found.start() < len(near) for found in _NEGATION.finditer(f"{near} {' '.join(after[2:3])}"))


def _over(kind: str, text: str, clause: str, sentence: str) -> bool:
    """A past event that is over: long ago, or ended well — and nothing in its clause says it goes on."""
    if _ONGOING.search(clause) or not _PAST.search(clause):
        return False
    if _long_ago(sentence):
        # "als Kind wurde ich geschlagen", "früher hatte ich Suizidgedanken", "hatte mit 2 einen Fieberkrampf".
        return True
    resolved = any(_RESOLVED.search(part) and not _HOPE.search(part) for part in _sentences(text))
    if not resolved:
        return False
    if kind in ("violence", "child_danger"):
        # Violence that "is fine now" may start again: only long ago, or a separation with nothing recent.
        return _long_ago(text) or bool(_SEPARATED.search(text) and not _RECENT.search(clause))
    return True


def _asks_to_be_prepared(text: str, start: int) -> bool:
    """A question asked to be prepared ("für den Notfall", "ich will nur wissen, was man tut, wenn ...") — unless
    the message turns from it to what happens ("wollte eigentlich nur wissen, wann die Anmeldung ist, aber mein
    Mann schlägt die Kinder")."""
    return any(not _CONTRAST.search(text, found.end(), start) for found in _INFORMATION.finditer(text))


def _harmless(signal: Signal, text: str, raw: str, start: int, end: int) -> bool:
    """Whether this match of the signal has a harmless reading (see the module's docstring, step 3)."""
    sentence = _around(text, start, end, (".", "?"))
    clause = _around(text, start, end, (".", "?", ","))
    return bool(
        (signal.unless is not None and signal.unless.search(sentence))
        or (signal.negatable and _negated(text, start, end))
        or (signal.hyperbole and _LAUGHING.search(raw))
        or (_asks_to_be_prepared(text, start) and not _ONGOING.search(sentence))
        or (_REPORT.search(clause) and not _ONGOING.search(clause))
        or _over(signal.kind, text, clause, sentence)
        or (_WORK.search(sentence) and not _PERSON.search(clause))
        or (not _german(text, raw) and crisis_signals.has_harmless_reading(sentence))
    )


def _matches(text: str, raw: str) -> tuple[list[Signal], bool]:
    """The signals with a match that has no harmless reading; and whether any match had one."""
    found = []
    defused = False
    for signal in SIGNALS:
        if not all(need.search(text) for need in signal.needs):
            continue
        for match in signal.pattern.finditer(text):
            if _harmless(signal, text, raw, match.start(), match.end()):
                defused = True
                continue
            found.append(signal)
            break
    return found, defused


def male_victim(text: str) -> bool:
    """The one hurt is a man: he says so, or a woman partner hurts him (and the writer does not speak as a woman)."""
    normal = normalise(text)
    if not _german(normal, text):
        return crisis_signals.male_victim(text)
    return bool(_MAN_SPEAKS.search(normal)) or (bool(_WOMAN_HARMS.search(normal)) and not _WOMAN_SPEAKS.search(normal))


def analyse(text: str) -> Finding | None:
    """The danger the text plainly names, or None when it names none (or only in a harmless reading)."""
    normal = normalise(text)
    found, _ = _matches(normal, text)
    if not found:
        # Not in German: the other languages' signals (bot/nlu/crisis_signals.py).
        other = crisis_signals.find(text)
        if other is None:
            return None
        return Finding(kind=other.kinds[0], sub=other.sub, kinds=other.kinds, male_victim=other.male_victim)
    kinds = tuple(kind for kind in PRIORITY if any(signal.kind == kind for signal in found))
    first = next(signal for signal in found if signal.kind == kinds[0])
    if kinds[0] == "violence" and _MINOR_SPEAKS.search(normal):
        # "bin 14, mein Stiefvater schlägt mich": a child is hurt; the numbers are for children, not the Hilfetelefon.
        kinds = ("child_danger", *(kind for kind in kinds if kind != "child_danger"))
        return Finding(kind="child_danger", sub="teen_victim", kinds=kinds)
    return Finding(kind=kinds[0], sub=first.sub, kinds=kinds, male_victim=kinds[0] == "violence" and male_victim(text))


def detect(text: str) -> str | None:
    """The kind of danger the text plainly names ("violence", "child_danger", "suicidal", "medical"), or None."""
    finding = analyse(text)
    return finding.kind if finding else None
