"""German town names in Russian and Ukrainian Cyrillic and in Arabic script, by rule (for town_names.csv).

Only for towns whose name the source (GeoNames) does not give in that script: a name written the way a
Russian, Ukrainian or Arabic speaker who hears it would most likely write it, so that locate finds the town.

Schemes (the tables below are the whole of each):
- `de-ru-practical`: German–Russian practical transcription as in Russian reference works (Гиляревский,
  Старостин: "Иностранные имена и названия в русском тексте"), simplified: sch ш, tsch ч, ch х, z/tz ц,
  s before a vowel з, st/sp at the start of a word (and in -stadt, -stein) шт/шп, ei ай, eu/äu ой, ie и,
  h х (silent after a vowel before a consonant), ö ё, ü ю, ä and e е (э at the start of a word or after a
  vowel), l before a consonant or at the end ль, double consonants stay double.
- `de-uk-practical`: the same for Ukrainian: h г, i/ie і, e е, ö е, je є, ji ї.
- `de-ar-simple`: the usual Arabic press spelling of German names: sch ش, ch خ after a, o, u and ش
  elsewhere, g غ, p ب, w/v/f ف, z ت س, s before a vowel ز; a ا, i/ie/e(first vowel) ي, o/u/ö/ü و,
  ei اي, au او, eu وي; a word-initial vowel on alef with hamza (آ for a long a), final e ه, other e not
  written, double consonants written once.
Rhenish and Westphalian spellings: ae, oe inside a word mark a long a, o (Coesfeld, Kevelaer); oe and ue at
the start of a word are ö, ü (Oelde, Uedem). Marien- is Mari-en (Marienheide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

VOWELS = frozenset("aeiouyäöü")
BACK_VOWELS = frozenset("aou")


@dataclass(frozen=True)
class Context:
    """Where a German letter group stands in its word."""

    before: str  # the German text before it (in this word)
    after: str  # the German text after it (in this word)
    written: str  # what has been written for the word so far (target script)

    @property
    def initial(self) -> bool:
        return not self.before

    @property
    def after_vowel(self) -> bool:
        return bool(self.before) and self.before[-1] in VOWELS

    @property
    def before_vowel(self) -> bool:
        return bool(self.after) and self.after[0] in VOWELS

    @property
    def final(self) -> bool:
        return not self.after


Output = str | Callable[[Context], str]


def _by_position(initial: str, after_vowel: str, other: str) -> Callable[[Context], str]:
    def pick(context: Context) -> str:
        if context.initial:
            return initial
        # After a diphthong written with й the plain letter follows (Neuenkirchen → Нойенкирхен).
        return after_vowel if context.after_vowel and not context.written.endswith("й") else other

    return pick


def _soft_l(letters: str) -> Callable[[Context], str]:
    """Russian and Ukrainian write l before a consonant or at the end as ль (Кёльн, Дюссельдорф)."""

    def pick(context: Context) -> str:
        return letters if context.before_vowel else letters + "ь"

    return pick


def _h(sound: str) -> Callable[[Context], str]:
    """H is silent after a vowel unless a vowel follows (Ahlen → Ален, Ahaus → Ахаус)."""

    def pick(context: Context) -> str:
        return "" if context.after_vowel and not context.before_vowel else sound

    return pick


def _s(sh: str, voiced: str, plain: str) -> Callable[[Context], str]:
    """S is spoken sch in st, sp at the start of a word and in -stadt, -stein; s before a vowel is voiced."""

    def pick(context: Context) -> str:
        if (context.initial and context.after[:1] in ("t", "p")) or context.after.startswith(_SCH_MORPHEMES):
            return sh
        return voiced if context.before_vowel else plain

    return pick


_SCH_MORPHEMES = ("tadt", "tädt", "tein", "tedt")


def _c(soft: str, hard: str) -> Callable[[Context], str]:
    def pick(context: Context) -> str:
        return soft if context.after[:1] in ("e", "i", "y", "ä") else hard

    return pick


def _umlaut_u_ru(context: Context) -> str:
    # After ш, ж, ч, щ, ц Russian writes у, not ю.
    return "у" if context.written[-1:] in ("ш", "ж", "ч", "щ", "ц") else "ю"


_COMMON_CYRILLIC: dict[str, Output] = {
    "tsch": "ч",
    "sch": "ш",
    "chs": "кс",
    "ch": "х",
    "ck": "к",
    "dt": "дт",
    "rh": "р",
    "th": "т",
    "ph": "ф",
    "qu": "кв",
    "tz": "ц",
    "ß": "сс",
    "ss": "сс",
    "ei": "ай",
    "ai": "ай",
    "ey": "ай",
    "ay": "ай",
    "eu": "ой",
    "äu": "ой",
    "oi": "ой",
    "au": "ау",
    "aa": "а",
    "ae": "а",
    "oo": "о",
    "ja": "я",
    "ju": "ю",
    "jü": "ю",
    "jo": "йо",
    "jö": "йо",
    "ll": _soft_l("лл"),
    "a": "а",
    "b": "б",
    "c": _c("ц", "к"),
    "d": "д",
    "f": "ф",
    "g": "г",
    "j": "й",
    "k": "к",
    "l": _soft_l("л"),
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": _s("ш", "з", "с"),
    "t": "т",
    "u": "у",
    "v": "ф",
    "w": "в",
    "x": "кс",
    "z": "ц",
}

RUSSIAN: dict[str, Output] = {
    **_COMMON_CYRILLIC,
    "oe": lambda context: "э" if context.initial else "о",
    "arien": "ариен",
    "ue": lambda context: "ю" if context.initial else "уэ",
    "ie": "и",
    "ee": _by_position("э", "э", "е"),
    "je": "е",
    "ji": "йи",
    "e": _by_position("э", "э", "е"),
    "ä": _by_position("э", "э", "е"),
    "h": _h("х"),
    "i": "и",
    "y": "и",
    "ö": _by_position("э", "э", "ё"),
    "ü": lambda context: "ю" if context.initial else _umlaut_u_ru(context),
}

UKRAINIAN: dict[str, Output] = {
    **_COMMON_CYRILLIC,
    "oe": lambda context: "е" if context.initial else "о",
    "arien": "арієн",
    "ue": lambda context: "ю" if context.initial else "уе",
    "ie": "і",
    "ee": "е",
    "je": "є",
    "ji": "ї",
    "e": "е",
    "ä": "е",
    "h": _h("г"),
    "i": "і",
    "y": "і",
    "ö": "е",
    "ü": "ю",
}


def _ar_vowel(initial: str, other: str) -> Callable[[Context], str]:
    def pick(context: Context) -> str:
        return initial if context.initial else other

    return pick


def _ar_e(context: Context) -> str:
    """E is written (ي) only as the first vowel of a word; a final e is ه; other e are not written."""
    if context.initial:
        return "إي"
    if context.final:
        return "ه"
    first_vowel = not any(letter in VOWELS for letter in context.before)
    return "ي" if first_vowel else ""


def _ar_ch(context: Context) -> str:
    # After a, o, u (and au) ch is the back sound خ; after e, i, umlauts and consonants the front sound ش.
    return "خ" if context.before[-1:] in BACK_VOWELS else "ش"


ARABIC: dict[str, Output] = {
    "tsch": "تش",
    "sch": "ش",
    "chs": "كس",
    "ch": _ar_ch,
    "ck": "ك",
    "dt": "ت",
    "rh": "ر",
    "th": "ت",
    "ph": "ف",
    "pf": "بف",
    "qu": "كف",
    "tz": "تس",
    "ß": "س",
    "ss": "س",
    "ei": _ar_vowel("آي", "اي"),
    "ai": _ar_vowel("آي", "اي"),
    "ey": _ar_vowel("آي", "اي"),
    "ay": _ar_vowel("آي", "اي"),
    "eu": _ar_vowel("أوي", "وي"),
    "äu": _ar_vowel("أوي", "وي"),
    "oi": _ar_vowel("أوي", "وي"),
    "au": _ar_vowel("آو", "او"),
    "aa": _ar_vowel("آ", "ا"),
    "ae": _ar_vowel("آ", "ا"),
    "ie": _ar_vowel("إي", "ي"),
    "ee": _ar_vowel("إي", "ي"),
    "oo": _ar_vowel("أو", "و"),
    "oe": _ar_vowel("أو", "و"),
    "ue": _ar_vowel("أو", "و"),
    "a": _ar_vowel("أ", "ا"),
    "e": _ar_e,
    "ä": _ar_vowel("إي", "ي"),
    "i": _ar_vowel("إي", "ي"),
    "y": _ar_vowel("إي", "ي"),
    "o": _ar_vowel("أو", "و"),
    "ö": _ar_vowel("أو", "و"),
    "u": _ar_vowel("أو", "و"),
    "ü": _ar_vowel("أو", "و"),
    "b": "ب",
    "c": _c("تس", "ك"),
    "d": "د",
    "f": "ف",
    "g": "غ",
    "h": _h("ه"),
    "j": "ي",
    "k": "ك",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "p": "ب",
    "r": "ر",
    "s": _s("ش", "ز", "س"),
    "t": "ت",
    "v": "ف",
    "w": "ف",
    "x": "كس",
    "z": "تس",
}

SCHEMES: dict[str, dict[str, Output]] = {
    "de-ru-practical": RUSSIAN,
    "de-uk-practical": UKRAINIAN,
    "de-ar-simple": ARABIC,
}
# Arabic writes a doubled consonant once (a shadda, which we leave out): Hamm → هام, Mettmann → متمان.
_SINGLE_DOUBLES = {"de-ar-simple"}
_LONGEST = max(len(group) for table in SCHEMES.values() for group in table)


def _word(word: str, scheme: str) -> str:
    table = SCHEMES[scheme]
    lower = word.lower()
    written = ""
    position = 0
    while position < len(lower):
        doubled = position and lower[position] == lower[position - 1] and lower[position] not in VOWELS
        if scheme in _SINGLE_DOUBLES and doubled:
            position += 1
            continue
        for size in range(min(_LONGEST, len(lower) - position), 0, -1):
            group = lower[position : position + size]
            if group in table:
                output = table[group]
                context = Context(before=lower[:position], after=lower[position + size :], written=written)
                written += output(context) if callable(output) else output
                position += size
                break
        else:
            # A letter the tables do not know (none in NRW's names): keep it, the test shows it.
            written += lower[position]
            position += 1
    return written


def transliterate(name: str, scheme: str) -> str:
    """A German place name in the target script: words transliterated one by one, separators kept.

    Russian and Ukrainian join the words of a place name with hyphens (Бад-Зальцуфлен); Arabic with spaces.
    """
    words: list[str] = []
    separators: list[str] = []
    current = ""
    for char in name:
        if char.isalpha():
            current += char
        else:
            if current:
                words.append(current)
                current = ""
                separators.append(char)
            elif separators:
                separators[-1] += char
    if current:
        words.append(current)
    joiner = " " if scheme == "de-ar-simple" else "-"
    # A word that starts with a capital in German does so in Cyrillic too ("an der" stays small).
    converted = [_word(word, scheme) for word in words]
    converted = [
        new[:1].upper() + new[1:] if old[:1].isupper() else new for old, new in zip(words, converted, strict=True)
    ]
    if not converted:
        return ""
    parts = [converted[0]]
    for separator, word in zip(separators, converted[1:], strict=False):
        parts.append(joiner if separator.strip() in ("", "-") else separator)
        parts.append(word)
    return "".join(parts)
