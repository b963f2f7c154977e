"""The facts in a parent's message, whatever else it says: postal codes, the children's ages or a pregnancy, and
the need it names. The one place that reads them (standard library only, like all of vocabulary/):

- the NLU component bot/nlu/facts.py marks them as entities (`postal_code`, `child_age`) in every message and
  lets a message that carries one count as information instead of "not understood";
- the intake form (actions/intake.py) turns the `child_age` values into an age and a life phase (`parse_stage`).

    find_facts("Wir wohnen in Dortmund, Kinder 8 und 3")  →  ages "8 Jahre" and "3 Jahre", no postal code
    find_facts("bin in der 20. ssw, 45879.")              →  pregnancy, postal code "45879"

A postal code is exactly five digits. A bare number is an age only next to a child ("Tochter 8", "Kinder 8 und 3",
"sie ist 8", "Sohn (15)", "ich bin 16"); "3 Kinder" is a count, "seit 3 Monaten" a time.

The same rules hold in every language of vocabulary/facts_words.py (German, English, Turkish, Arabic, Ukrainian,
Russian): "kızım 8", "بنتي عمرها سنتين", "дочке 8 лет", "на 20 неделе", "3 çocuk" (a count), "уже 3 месяца" (a time).
That module holds the words, one table per language; this one the logic, the same for all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vocabulary.facts_words import AGE_WORDS, NEED_WORDS, STAGE_AGES, AgeWords
from vocabulary.life_phases import PRIMARY_SCHOOL_MAX_AGE, life_phase_for_age
from vocabulary.names import ASCII_DIGITS, SCRIPT_VARIANTS

# Age of a child in the first year of school; "3. Klasse" means about 8.
SCHOOL_START_AGE = 6
# Older than this, a number is not a child's age (a parent's own age, a year, an amount).
MAX_CHILD_AGE = 25
# A young person writing about themselves ("ich bin 16") is this old at least; "ich bin 30" is a parent.
MIN_SELF_AGE, MAX_SELF_AGE = 12, 25
# From this age on, words about training and work are about the child's own way into a job.
TRANSITION_MIN_AGE = 13
# So many weeks, with no child named and not "old": the week of a pregnancy ("I'm 26 weeks", "30 недель"). Babies
# that old are counted in months.
PREGNANCY_MIN_WEEKS = 20

# Words about the way from school into training or work. Strong ones stand alone; weak ones ("nach der Schule",
# "Job") need a child of TRANSITION_MIN_AGE or more, or a young person writing about themselves.
_TRANSITION_STRONG = re.compile(
    r"\bausbildung\w*|\bazubi\w*|\blehrstelle\w*|\bpraktik\w*|\bbewerbung\w*|\bbewerben\b|"
    r"\bberufs(?:beratung|orientierung|wahl|ausbildung|einstieg|kolleg|vorbereitung)\w*|\bberuf\b|"
    r"\b(?:was|wat) (?:soll|kann|will|moechte|sollte) (?:ich|er|sie|der|die|mein \w+|meine \w+) "
    r"(?:\w+ ){0,2}werden\b|\bwerden (?:will|soll|moechte|kann)\b|\bschulabschluss\w*|\bschule abgebrochen\b|"
    r"\bschule geschmissen\b|\bohne abschluss\b|\bkeinen abschluss\b|\bfsj\b|\bfreiwilligendienst\w*"
)
_TRANSITION_WEAK = re.compile(
    r"\bnach der schule\b|\bnach dem abschluss\b|\babschluss\b|\bjob\w*|\barbeitsplatz\w*|\barbeit suchen\b|"
    r"\barbeiten gehen\b|\bgeld verdienen\b|\bvon der schule (?:ab|gehen|abgehen)\b|\bschule (?:ist )?(?:vorbei|"
    r"fertig|beendet|zu ende)\b|\bletzte[nms]? schuljahr\b|\b(?:9|10|neunte|zehnte)\.? ?klasse\b|\bstudi\w*"
)
# Benefits by their names: a question about them is about money and forms, whatever place it is spent at ("BuT
# fürs Mittagessen in der Kita", "Schulstarterpaket"). "BuT" only as written: "but" is English.
# The benefits that are also plain money words for the need (NEED_CUES below).
_BENEFITS = r"\b(?:kindergeld|elterngeld|kinderzuschlag|wohngeld|buergergeld)\w*"
_BENEFIT_NAMES = re.compile(
    _BENEFITS
    + r"|\bunterhaltsvorschuss\w*|\bbildung und teilhabe\b|\bbildungs- und teilhabe\w*|\bteilhabe(?:paket|leistung)\w*"
    r"|\bschulstarter\w*|\bchild benefit\b|\bparental allowance\b"
)
_BENEFIT_ABBREVIATION = re.compile(r"\bBuT\b")
# Someone should come home: the need for outreach, whatever the classifier made of the rest.
_HOME_VISIT = re.compile(
    r"\bhausbesuch\w*|\b(?:jemand\w*|wer|hilfe,? die|person|fachkraft|\w*hebamme|leute)\s+(?:\w+\s+){0,2}(?:zu uns"
    r"|zu mir|nach hause|bei uns|bei mir|vorbei)\s+(?:\w+\s+){0,2}(?:kommt|kommen|vorbeikommt|vorbeikommen)\b"
    r"|\bkommen? (?:zu uns|zu mir)\b|\bbesuch (?:zu ?hause|daheim)|\bhome visits?\b"
    # "eine Frau zu mir kommen", "Hilfe, die ins Haus kommt", "kommt da jemand vorbei?".
    r"|\b(?:zu uns|zu mir|ins haus|in die wohnung)\s+(?:\w+\s+)?(?:kommen|kommt|kaeme|kaemen|vorbeikommen"
    r"|vorbeikommt)\b|\b(?:kommt|kommen|kaeme)\s+(?:\w+\s+){0,2}(?:jemand\w*|wer|eine? (?:frau|person|fachkraft"
    r"|\w*hebamme|helfer\w*))\s+(?:\w+\s+){0,2}vorbei\b"
    r"|\b(?:someone|somebody|anyone|person) (?:\w+ ){0,3}(?:visit|visits|come to) (?:us|me)\b"
    # Offers that come home by their nature (Familienhebamme, Willkommensbesuch), help "zu Hause", "am liebsten
    # daheim", "jemand, der sie besuchen kann".
    r"|\bfamilienhebamme\w*|\bwillkommensbesuch\w*|\bfamilien-?(?:gesundheits-?)?(?:und-?)?kinderkrankenpfleg\w*"
    r"|\b(?:hilfe|unterstuetzung|begleitung|beratung) (?:bei (?:uns|mir) )?(?:zu ?hause|zuhaus|daheim)\b"
    r"|\bam liebsten (?:\w+ ){0,2}(?:zu ?hause|daheim)\b|\bbesuche (?:fuer|bei) familien\b"
    r"|\b(?:jemand\w*|wer|eine? (?:frau|person|fachkraft)),? (?:\w+ ){0,3}besuchen"
    r" (?:kann|koennte|kommt|wuerde|kommen)\b"
)
# Words that name one need plainly. Used only when the classifier could not decide (see bot/nlu/facts.py).
NEED_CUES: dict[str, re.Pattern[str]] = {
    "birth": re.compile(r"\bgeburt\b|\bhebamme\w*|\bwochenbett\b|\bstillen\b|\bentbindung\w*"),
    "doctor_referral": re.compile(
        r"\b(?:kinder|frauen|haus)?aerzt\w*|\b(?:kinder|frauen|haus)?arzt\b|\bdoktor\b|\bpraxis\b|\bgynaekolog\w*|"
        r"\bkinderklinik\b|\bu-?untersuchung\w*|\bu[1-9]\b"
    ),
    "overwhelmed": re.compile(
        r"\bueberfordert\b|\berschoepft\b|\beinsam\b|\bhausbesuch\w*|\bkeine kraft\b|\bschaffe? (?:es|das) nicht\b|"
        r"\bueber den kopf\b|\bam ende\b|\bkomme? nicht raus\b|\bkann nicht (?:mehr )?raus\b"
    ),
    "school": re.compile(
        r"\bschul\w*|\blesen\b|\bschreiben lernen\b|\brechnen\b|\bmathe\b|\bhausaufgabe\w*|\blehrer\w*|\bnoten\b|"
        r"\bzeugnis\w*|\blernen\b|\blernfoerderung\b|\bnachhilfe\b|\belterngespraech\w*|\belternsprechtag\w*"
    ),
    "childcare": re.compile(
        r"\bkita\w*|\bkindergarten\w*|\btagesmutter\w*|\btagesvater\w*|\bspielgruppe\w*|\bkrabbelgruppe\w*|"
        r"\bbetreuung\w*|\beltern ?cafe\w*|\bandere eltern\b|\bandere muetter\b|\bmutter-kind\w*|\bfamilienzentrum\b"
    ),
    "money_forms": re.compile(
        r"\bgeld\b|\bantr(?:a|ae)g\w*|\bformular\w*|"
        + _BENEFITS
        + r"|\bjobcenter\b|\bunterhalt\w*|\bteilhabe\b|\bschulden\b|\bfamilienbuero\b"
    ),
    "parenting_conflict": re.compile(
        r"\bstreit\w*|\btrennung\w*|\bgetrennt\b|\bscheidung\w*|\berziehung\w*|\bwuetend\w*|\bwut\w*|"
        r"\bpubertaet\b|\bluegt\b|\baggressiv\w*|\bumgangsrecht\b|\bsorgerecht\b|\bhoert (?:nicht|nie)\b"
    ),
}


@dataclass(frozen=True)
class ChildStage:
    life_phase: str
    # Years; None in pregnancy.
    age: float | None


@dataclass(frozen=True)
class Fact:
    """One fact: the entity it becomes, its value (for ages: the words as written, or what they mean where the
    words alone would mislead; `parse_stage` reads both), where it stands in the original text."""

    entity: str
    value: str
    start: int
    end: int
    # An age or a pregnancy said plainly (a number, a unit, "schwanger"), not just a stage word like "Baby".
    strong: bool = True


@dataclass(frozen=True)
class Facts:
    postal_codes: tuple[Fact, ...] = ()
    ages: tuple[Fact, ...] = ()
    # The need that the words name, when exactly one does (or the way into a job, see `transition`).
    need: str | None = None
    # A benefit named by its name ("BuT", "Kindergeld", "Schulstarterpaket"): money and forms, even at the Kita.
    benefit: bool = False
    # Someone should come to the family's home ("Hausbesuch", "kann jemand zu uns kommen").
    home_visit: bool = False

    @property
    def pregnant(self) -> bool:
        return any(stage.life_phase == "schwangerschaft" for stage in self.stages)

    @property
    def stages(self) -> list[ChildStage]:
        return [stage for fact in self.ages if (stage := parse_stage(fact.value))]

    def __bool__(self) -> bool:
        return bool(self.postal_codes or self.ages)


# --- folding with positions ------------------------------------------------------------------------------------

_FOLD: dict[str, str] = {
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "ß": "ss",
    "\u0308": "e",
    # Turkish letters as most people type them without a Turkish keyboard; "İ".lower() leaves a dot (U+0307).
    "ş": "s",
    "ç": "c",
    "ğ": "g",
    "ı": "i",
    "\u0307": "",
    # Apostrophes (Ukrainian "п’ять", "пʼять") and spaces as one.
    "’": "'",
    "ʼ": "'",
    "`": "'",
    "\u00a0": " ",
    # Arabic vowel signs are no letters.
    **{chr(code): "" for code in range(0x064B, 0x0653)},
}
# Arabic-Indic and Persian digits as ASCII digits, and the Cyrillic and Arabic spelling variants, as for town names.
for _table in (ASCII_DIGITS, SCRIPT_VARIANTS):
    for _code, _to in _table.items():
        _FOLD[chr(_code)] = "" if _to is None else str(_to) if isinstance(_to, str) else chr(_to)


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """Lower case with umlauts as ae/oe/ue (as vocabulary.names.fold_umlauts), Turkish and Arabic letters and digits
    as most people type them, and for every folded character the position of the character it came from, so
    matches in the folded text point into the original."""
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        for piece in _FOLD.get(char.lower(), char.lower()):
            folded.append(piece)
            positions.append(index)
    return "".join(folded), positions


def _span(positions: list[int], start: int, end: int) -> tuple[int, int]:
    return positions[start], positions[end - 1] + 1


def _format(number: float) -> str:
    return f"{number:g}".replace(".", ",")


# --- the tables, made into patterns ----------------------------------------------------------------------------

_WITHOUT_DOTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def _spellings(word: str) -> list[str]:
    """A table entry as the folded text has it: "küçük" → "kuecuek" and "kucuk" (written without dots)."""
    folded = ["".join(_FOLD.get(char, char) for char in spelling) for spelling in (word, word.translate(_WITHOUT_DOTS))]
    return list(dict.fromkeys(folded))


def _alt(entries: tuple[str, ...] | list[str]) -> str:
    """One alternation of table entries, longest first; one that never matches for an empty table."""
    spellings = {spelling for entry in entries for spelling in _spellings(entry)}
    return "|".join(sorted(spellings, key=len, reverse=True)) or r"(?!x)x"


def _word_alt(words: list[str]) -> str:
    return _alt([re.escape(word).replace(r"\ ", " ") for word in words])


_DIGITS = r"(?<![\d.,])\d{1,2}(?:[.,]5)?(?![\d]|[.,]\d)"
_UNIT_NAMES = ("Jahre", "Monate", "Wochen", "Tage")


@dataclass(frozen=True)
class _Language:
    """One language's table (vocabulary/facts_words.py) as patterns on folded text."""

    words: AgeWords
    number_values: dict[str, float]
    # One number: "(?P<n>8|acht)(?P<h> and a half)?".
    number: re.Pattern[str]
    units: dict[str, re.Pattern[str]]
    unit_age: re.Pattern[str]
    unit_words: tuple[tuple[re.Pattern[str], str, float], ...]
    child_unit_word: re.Pattern[str]
    child_age: re.Pattern[str]
    pronoun_age: re.Pattern[str]
    self_age: re.Pattern[str]
    answer_age: re.Pattern[str]
    grades: tuple[re.Pattern[str], ...]
    ordinals: tuple[tuple[re.Pattern[str], int], ...]
    years_of_life: tuple[re.Pattern[str], ...]
    word_years: re.Pattern[str]
    stages: tuple[tuple[re.Pattern[str], str], ...]
    answer_stages: tuple[tuple[re.Pattern[str], str], ...]


def _with_numbers(pattern: str, ordinals: str, named: bool) -> str:
    number = r"(?<![\d.])(?P<num>\d{1,2})" if named else r"(?<![\d.])\d{1,2}"
    ordinal = f"(?P<word>{ordinals})" if named else f"(?:{ordinals})"
    return pattern.replace("{n}", number).replace("{o}", ordinal)


def _language(words: AgeWords) -> _Language:
    values = {spelling: float(value) for word, value in words.numbers.items() for spelling in _spellings(word)}
    bare_words = [word for word in words.numbers if word not in words.articles]
    half = f"(?:\\s*(?:{_alt(words.half)}))?" if words.half else ""
    num_any = rf"(?:{_DIGITS}|(?<!\w)(?:{_word_alt(list(words.numbers))})(?!\w)){half}"
    num_bare = rf"(?:{_DIGITS}|(?<!\w)(?:{_word_alt(bare_words)})(?!\w)){half}"
    separator = rf"\s*(?:{_alt(words.separators)})\s*"
    list_any = rf"{num_any}(?:{separator}{num_any})*"
    list_bare = rf"{num_bare}(?:{separator}{num_bare})*"
    units = {name: _alt(words.units.get(name, ())) for name in _UNIT_NAMES}
    all_units = "|".join(f"(?:{pattern})" for pattern in units.values())
    counts = _alt(words.counts)
    # After an age: not a count, an amount, a time of day or a decimal ("3 Kinder", "8 euro", "2.5").
    not_a_count = rf"(?!\s*(?:\.\s*\d|[.]?\s*(?:{counts})))"
    fillers = _alt(words.fillers)
    between = rf"(?:(?:{fillers})(?!\w)[\s:,(]*){{0,3}}"
    children = _alt(words.children)
    pronouns = _alt(words.pronouns)
    child = rf"(?<!\w)(?:{children})(?!\w)\s*(?:\(|:|,|-)?\s*{between}"
    ordinals = _alt(list(words.ordinals))
    other_units = "|".join(f"(?:{units[name]})" for name in ("Monate", "Wochen", "Tage"))
    unit_words = tuple((re.compile(_alt([word])), unit, value) for word, unit, value in words.unit_words)
    return _Language(
        words=words,
        number_values=values,
        number=re.compile(rf"(?P<n>{_DIGITS}|(?<!\w)(?:{_word_alt(list(words.numbers))})(?!\w))(?P<h>{half})"),
        units={name: re.compile(pattern) for name, pattern in units.items()},
        unit_age=re.compile(rf"(?P<list>{list_any})\s*-?\s*(?P<unit>{all_units})(?P<half>{half})"),
        unit_words=unit_words,
        child_unit_word=re.compile(
            rf"(?:{child}|(?<!\w)(?:{pronouns})(?!\w)\s*{between})"
            rf"(?P<unit>{_alt([word for word, _, _ in words.unit_words])})"
        ),
        child_age=re.compile(rf"{child}(?P<list>{list_bare}){not_a_count}"),
        pronoun_age=re.compile(rf"(?<!\w)(?:{pronouns})\s+{between}(?P<list>{list_bare}){not_a_count}"),
        self_age=re.compile(
            rf"(?<!\w)(?:{_alt(words.selves)})\s+{between}(?P<list>{num_bare})"
            rf"(?!\s*(?:\.|{counts}|{other_units}|%))"
        ),
        answer_age=re.compile(
            rf"(?<!\w)(?:{_alt(words.fillers + words.pronouns + words.children + words.selves)}|alt)(?!\w)"
            rf"\D{{0,10}}?(?P<n>{num_any})(?!\w)"
        ),
        grades=tuple(re.compile(_with_numbers(pattern, ordinals, True)) for pattern in _alt_list(words.grades)),
        ordinals=tuple(
            (re.compile(spelling), number) for word, number in words.ordinals.items() for spelling in _spellings(word)
        ),
        years_of_life=tuple(re.compile(_with_numbers(p, ordinals, True)) for p in _alt_list(words.years_of_life)),
        word_years=re.compile(
            rf"(?<!\w)(?P<word>{_word_alt(list(words.word_years))})-?\s?(?:{_alt([words.word_years_suffix])})"
            if words.word_years
            else r"(?!x)x"
        ),
        stages=tuple((re.compile(_alt([pattern])), value) for pattern, value in words.stages),
        answer_stages=tuple((re.compile(_alt([pattern])), value) for pattern, value in words.answer_stages),
    )


def _alt_list(entries: tuple[str, ...]) -> list[str]:
    return [spelling for entry in entries for spelling in _spellings(entry)]


LANGUAGES: dict[str, _Language] = {code: _language(words) for code, words in AGE_WORDS.items()}
_ALL = tuple(LANGUAGES.values())
_PREGNANCY = re.compile(
    "|".join(
        _with_numbers(spelling, _alt(list(language.words.ordinals)), False)
        for language in _ALL
        for spelling in _alt_list(language.words.pregnancy)
    )
)
# After a number, a count ("3 Kinder", "3 kids", "3 çocuk", "3 детей"), an amount or a time of day: no age.
_COUNT_AFTER = re.compile(rf"^\s*(?:{_alt([w for lang in _ALL for w in lang.words.counts])})(?!\w)")


def is_counted(text_after: str) -> bool:
    """Whether the words after a number make it a count or an amount, in any of our languages."""
    return _COUNT_AFTER.match(fold_with_positions(text_after)[0]) is not None


# A child named near a number of weeks: a baby's age, not the week of a pregnancy.
_ANY_CHILD = re.compile(rf"(?<!\w)(?:{_alt([c for lang in _ALL for c in lang.words.children])})(?!\w)")
_OLD = re.compile(r"^\s*(?:alt|old|jahre?|ages?)\b")
_TIME_BEFORE = re.compile(rf"(?<!\w)(?:{_alt([w for lang in _ALL for w in lang.words.time_before])})\s*$")
_TIME_AFTER = re.compile(rf"^\s*(?:{_alt([w for lang in _ALL for w in lang.words.time_after])})(?!\w)")
# "ему уже 3 месяца", "малюку вже 3 тижні": "already" after a child is an age, not a time.
_CHILD_ALREADY = re.compile(
    "|".join(
        rf"(?<!\w)(?:{_alt(lang.words.children + lang.words.pronouns)})(?!\w)\s*[:,]?\s*"
        rf"(?:{_alt(tuple(set(lang.words.time_before) & set(lang.words.fillers)))})\s*$"
        for lang in _ALL
    )
)


def is_time_span(folded_before: str, folded_after: str) -> bool:
    """Whether a number with a unit between these (folded) words is a time, not an age ("seit 3 Monaten",
    "nach 4 Monaten", "2 weeks ago"); "ему уже 3 месяца" is an age."""
    return bool(
        (_TIME_BEFORE.search(folded_before[-12:]) and not _CHILD_ALREADY.search(folded_before))
        or _TIME_AFTER.search(folded_after)
    )


def _number(language: _Language, token: str) -> float:
    match = language.number.fullmatch(token.strip())
    if not match:
        return float(token.replace(",", "."))
    word = match.group("n")
    value = float(word.replace(",", ".")) if word[0].isdigit() else language.number_values[word]
    return value + (0.5 if match.group("h") else 0)


def _numbers_in(language: _Language, folded: str, start: int, end: int) -> list[tuple[float, int, int]]:
    found = language.number.finditer(folded[start:end])
    return [(_number(language, m.group()), start + m.start(), start + m.end()) for m in found]


def _unit_of(language: _Language, written: str) -> str:
    return next(name for name, pattern in language.units.items() if pattern.fullmatch(written.strip()))


def _ordinal(language: _Language, word: str) -> int:
    return next(number for pattern, number in language.ordinals if pattern.fullmatch(word))


def _grade(language: _Language, match: re.Match[str]) -> int:
    groups = match.groupdict()
    return int(groups["num"]) if groups.get("num") else _ordinal(language, groups["word"])


def _pregnancy_weeks(folded: str, start: int, end: int, weeks: float) -> bool:
    """Whether "N weeks" is the week of a pregnancy: many weeks, no child named around it, not "old"."""
    around = folded[max(0, start - 30) : start] + " " + folded[end : end + 20]
    return weeks >= PREGNANCY_MIN_WEEKS and not _ANY_CHILD.search(around) and not _OLD.search(folded[end:])


# --- the facts -------------------------------------------------------------------------------------------------


def postal_codes(text: str) -> list[Fact]:
    """Exactly five digits, not part of a longer number; punctuation around them is not part of the value."""
    return [
        Fact("postal_code", match.group(1).translate(ASCII_DIGITS), match.start(1), match.end(1))
        for match in re.finditer(r"(?<![\d.,+/])(\d{5})(?![\d]|[.,]\d|\s*(?:euro|eur|€))", text, re.IGNORECASE)
    ]


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


def ages(text: str) -> list[Fact]:
    """The children's ages and a pregnancy, each as a `child_age` fact whose value `parse_stage` reads."""
    folded, positions = fold_with_positions(text)
    found: list[Fact] = []
    taken: list[tuple[int, int]] = [(m.start(), m.end()) for m in re.finditer(r"(?<!\d)\d{5}(?!\d)", folded)]

    def add(value: str, start: int, end: int, strong: bool = True) -> None:
        if _overlaps(start, end, taken):
            return
        taken.append((start, end))
        first, last = _span(positions, start, end)
        # The words as written, like every other extractor's entities, where they mean the same ("8", "3 Monate");
        # the normalised value where they need their context ("2" of "2 und 4 Monate" is "2 Monate").
        written = text[first:last]
        found.append(
            Fact("child_age", written if parse_stage(written) == parse_stage(value) else value, first, last, strong)
        )

    for match in _PREGNANCY.finditer(folded):
        add("schwanger", match.start(), match.end())
    for language in _ALL:
        for pattern in language.grades:
            for match in pattern.finditer(folded):
                if 1 <= (grade := _grade(language, match)) <= 13:
                    add(f"{grade}. Klasse", match.start(), match.end())
        for pattern in language.years_of_life:
            for match in pattern.finditer(folded):
                add(f"{max(0, int(match.group('num')) - 1)} Jahre", match.start(), match.end())
    for language in _ALL:
        for match in language.unit_age.finditer(folded):
            # "für 14jährigen" is an age whatever stands before it: the word is an adjective, never a time.
            adjective = "hrig" in match.group("unit")
            before, after = folded[max(0, match.start() - 40) : match.start()], folded[match.end() :]
            if not adjective and is_time_span(before, after):
                # A time, not an age; nor is its number the age of a child named before it.
                taken.append((match.start(), match.end()))
                continue
            unit = _unit_of(language, match.group("unit"))
            numbers = _numbers_in(language, folded, match.start("list"), match.end("list"))
            for index, (number, start, end) in enumerate(numbers):
                # The unit stands after the last number of a list and belongs to each: "2 und 4 Jahre".
                last = index == len(numbers) - 1
                number += 0.5 if last and match.group("half") else 0
                span_end = match.end() if last else end
                if unit == "Wochen" and _pregnancy_weeks(folded, start, span_end, number):
                    add("schwanger", start, span_end)
                elif unit != "Jahre" or number <= MAX_CHILD_AGE:
                    add(f"{_format(number)} {unit}", start, span_end)
        for match in language.word_years.finditer(folded):
            add(f"{_format(language.words.word_years[_word_key(language, match.group('word'))])} Jahre", *match.span())
        for match in language.child_unit_word.finditer(folded):
            unit, amount = _unit_word(language, match.group("unit"))
            add(f"{_format(amount)} {unit}", match.start("unit"), match.end("unit"))
    for language in _ALL:
        for pattern, low in ((language.child_age, 0), (language.pronoun_age, 0), (language.self_age, MIN_SELF_AGE)):
            for match in pattern.finditer(folded):
                for number, start, end in _numbers_in(language, folded, match.start("list"), match.end("list")):
                    if low <= number <= (MAX_SELF_AGE if low else MAX_CHILD_AGE):
                        add(f"{_format(number)} Jahre", start, end)
    if not found:
        for language in _ALL:
            for pattern, stage_word in language.stages:
                for match in pattern.finditer(folded):
                    add(stage_word, match.start(), match.end(), strong=False)
    return sorted(found, key=lambda fact: fact.start)


def named_stages(text: str) -> set[str]:
    """The life phases the words of the message name ("Grundschule", "Kita", "ilkokul"), also beside an age."""
    folded, _ = fold_with_positions(text)
    return {stage for language in _ALL for pattern, stage in language.stages if pattern.search(folded)}


def as_named(stage: ChildStage | None, text: str) -> ChildStage | None:
    """The stage, in the phase the message names where the age alone cannot tell: a ten-year-old is at primary
    school or has just left it ("Sohn ist 10, an der Grundschule")."""
    if stage is None or stage.age is None or stage.life_phase != "schule" or stage.age >= PRIMARY_SCHOOL_MAX_AGE:
        return stage
    return ChildStage(life_phase="grundschule", age=stage.age) if "grundschule" in named_stages(text) else stage


def _word_key(language: _Language, written: str) -> str:
    return next(word for word in language.words.word_years if written in _spellings(word))


def _unit_word(language: _Language, written: str) -> tuple[str, float]:
    return next((unit, value) for pattern, unit, value in language.unit_words if pattern.fullmatch(written))


# The German words above and every other language's (vocabulary/facts_words.py), one pattern per need.
_NEED_PATTERNS: dict[str, re.Pattern[str]] = {
    need: re.compile(
        "|".join([pattern.pattern] + [_alt(words.get(need, ())) for words in NEED_WORDS.values() if need in words])
    )
    for need, pattern in NEED_CUES.items()
}


def transition(text: str, stages: list[ChildStage] | None = None) -> bool:
    """Whether the message is about a young person's way from school into training or work."""
    folded, _ = fold_with_positions(text)
    known = stages if stages is not None else [stage for fact in ages(text) if (stage := parse_stage(fact.value))]
    if any(stage.life_phase == "schwangerschaft" for stage in known):
        return False
    ages_known = [stage.age for stage in known if stage.age is not None]
    if ages_known and max(ages_known) < TRANSITION_MIN_AGE:
        return False
    if _TRANSITION_STRONG.search(folded):
        return True
    return bool(ages_known) and _TRANSITION_WEAK.search(folded) is not None


def need_of(text: str, stages: list[ChildStage] | None = None) -> str | None:
    """The one need the words name: the way into a job first, else a need when exactly one need's words appear."""
    if transition(text, stages):
        return "job_training"
    folded, _ = fold_with_positions(text)
    named = [need for need, pattern in _NEED_PATTERNS.items() if pattern.search(folded)]
    return named[0] if len(named) == 1 else None


def find_facts(text: str) -> Facts:
    found_ages = ages(text)
    stages = [stage for fact in found_ages if (stage := parse_stage(fact.value))]
    folded, _ = fold_with_positions(text)
    return Facts(
        postal_codes=tuple(postal_codes(text)),
        ages=tuple(found_ages),
        need=need_of(text, stages),
        benefit=bool(_BENEFIT_NAMES.search(folded) or _BENEFIT_ABBREVIATION.search(text)),
        home_visit=bool(_HOME_VISIT.search(folded)),
    )


# --- ages and stages -------------------------------------------------------------------------------------------


def _stage(age: float) -> ChildStage:
    return ChildStage(life_phase=life_phase_for_age(age), age=age)


_PREGNANT = ChildStage(life_phase="schwangerschaft", age=None)
# A unit in years, for "3 Monate" → 0.25.
_UNIT_YEARS = {"Monate": 12, "Wochen": 52, "Tage": 365}


def _unit_stage(folded: str, unit: str) -> ChildStage | None:
    """The first number with this unit in any language ("3 Monate", "6 aylık", "سنتين", "на 3 тижні"), as a stage."""
    for language in _ALL:
        for match in language.unit_age.finditer(folded):
            if _unit_of(language, match.group("unit")) != unit:
                continue
            number = _numbers_in(language, folded, match.start("list"), match.end("list"))[-1][0]
            number += 0.5 if match.group("half") else 0
            if unit == "Wochen" and _pregnancy_weeks(folded, match.start(), match.end(), number):
                return _PREGNANT
            if unit == "Jahre" and number > MAX_CHILD_AGE:
                continue
            return _stage(
                round(number / _UNIT_YEARS[unit], 3 if unit == "Tage" else 2) if unit in _UNIT_YEARS else number
            )
        for pattern, word_unit, value in language.unit_words:
            if word_unit == unit and re.search(rf"(?<!\w)(?:{pattern.pattern})", folded):
                return _stage(round(value / _UNIT_YEARS[unit], 2) if unit in _UNIT_YEARS else float(value))
    return None


def parse_stage(text: str) -> ChildStage | None:
    """One child's stage from a short text (an answer, or a `child_age` value), or None when it names none.

    "2 Jahre", "zweijährig", "18 Monate", "6 Wochen", "Neugeborenes", "3. Klasse", "in der Kita", "bin schwanger",
    "Baby", "16", "3 yaşında", "حامل", "на 20 неделе", "3 years old", "سنتين", "півтора року".
    """
    folded, _ = fold_with_positions(" ".join(text.split()))
    folded = folded.strip(" .,;:!?()")
    if _PREGNANCY.search(folded):
        return _PREGNANT
    if any(value == "neugeboren" and pattern.search(folded) for lang in _ALL for pattern, value in lang.stages):
        return _stage(0.0)
    for unit in ("Monate", "Wochen", "Tage"):
        if stage := _unit_stage(folded, unit):
            return stage
    for language in _ALL:
        for pattern in language.grades:
            if match := pattern.search(folded):
                return _stage(float(SCHOOL_START_AGE + _grade(language, match) - 1))
    if stage := _unit_stage(folded, "Jahre"):
        return stage
    for language in _ALL:
        if match := language.word_years.search(folded):
            return _stage(float(language.words.word_years[_word_key(language, match.group("word"))]))
    for language in _ALL:
        if (match := language.answer_age.search(folded)) and (age := _number(language, match.group("n"))) <= (
            MAX_CHILD_AGE
        ):
            return _stage(age)
    for value, age in STAGE_AGES.items():
        for language in _ALL:
            if any(stage == value and p.search(folded) for p, stage in language.stages + language.answer_stages):
                return _stage(age)
    for language in _ALL:
        # A bare number ("8", "acht", "п'ять"), but no article alone ("a", "ein").
        is_number = language.number.fullmatch(folded) and folded not in language.words.articles
        if is_number and (age := _number(language, folded)) <= MAX_CHILD_AGE:
            return _stage(age)
    return None


def youngest(stages: list[ChildStage]) -> ChildStage | None:
    """With several children, the youngest decides (pregnancy counts as youngest)."""
    if not stages:
        return None
    pregnant = [stage for stage in stages if stage.age is None]
    if pregnant:
        return pregnant[0]
    return min(stages, key=lambda stage: stage.age if stage.age is not None else -1)
