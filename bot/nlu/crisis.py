"""The rule-based crisis safety net: plain signals of danger, found without the classifier.

The classifier may miss a message it has never seen; these patterns catch the plain words. A false alarm costs
a parent one card of phone numbers; a missed one can cost a life, so the patterns lean towards catching —
but everyday worries (a toddler who hits, a child with a fever) must not raise an alarm.
No Rasa imports: tested on its own (tests/bot/test_crisis.py, tests/bot/test_nlu_data.py).
"""

from __future__ import annotations

import re

from vocabulary.names import fold_umlauts

_CHILD = (
    r"(kind|kinder|kindern|baby|babys|sohn|tochter|kleine|kleinen|kleiner|junge|maedchen|neffe|nichte"
    r"|son|daughter|kids?|child)"
)

# Order matters: the first kind that matches decides which numbers come first.
_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "suicidal",
        (
            r"\b(selbstmord|suizid|suicid|lebensmuede|abschiedsbrief)",
            r"\b(mich|mir|sich) (selbst )?(umbringen|toeten|das leben (zu )?nehmen)",
            r"\bwill sich umbringen\b|\bbringt sich um\b",
            r"\bnicht mehr (leben|weiterleben|da sein|aufwachen)\b|\bweiterleben\b",
            r"\b(will|moechte|wuerde am liebsten|will einfach) (nur noch )?(sterben|tot sein)\b|\bwaere ich tot\b",
            r"\b(mir|mich) (selbst )?(was|etwas) an(tun|zutun)\b",
            r"\britze mich\b|\bverletze mich selbst\b|\bmich selbst geschnitten\b",
            r"\btabletten (gesammelt|genommen)\b|\bzu viele tabletten\b",
            r"\bbesser dran ohne mich\b|\bnie wieder aufwachen\b|\bfuer immer verschwinden\b",
            r"\b(mach|mache) ich (schluss|ein ende)\b|\bwill (springen|nicht mehr)\b|\bzu springen\b",
            r"\b(kill(ing)? myself|end my life|want to die|suicide|don'?t want to live|ending it all)\b",
        ),
    ),
    (
        "medical",
        (
            r"\b(atmet|atmen) (nicht|kaum|nicht mehr|ganz schwer|schwer)\b|\b(keine|schlecht) luft\b|\bnot breathing\b",
            r"\bbewusstlos\b|\bohnmaechtig\b|\breagiert (nicht|kaum)\b",
            r"\b(fieberkrampf|krampfanfall|krampft|seizure)\b",
            r"\b(blute|blutet|blutung|bluten)\b.{0,30}\b(stark|viel|doll|heftig)\b|\bstarke blutung\b",
            r"\b(schwanger|ssw|schwangerschaft)\b.{0,40}\b(blute|blutet|blutung|bluten)\b",
            r"\b(ganz|wird|ist) blau\b|\bblau (an|im gesicht)\b|\bhaut ist grau\b|\broechelt\b",
            r"\b(verschluckt|vergiftet|giftig|rattengift|swallowed)\b",
            r"\b(putzmittel|reiniger|lampenoel|tabletten|pills|knopfzelle)\b.{0,30}\b(getrunken|gegessen|im mund)\b",
            r"\b(getrunken|gegessen)\b.{0,20}\b(putzmittel|reiniger|lampenoel|tabletten)\b",
            r"\bnotarzt\b|\brettungswagen\b|\bnotfall\b",
            r"\bfruchtblase\b|\bkeine bewegungen\b.{0,20}\bbauch\b",
            r"\bverbrueht\b|\bunter wasser\b|\bschwillt\b",
        ),
    ),
    (
        "child_danger",
        (
            r"\b(angst|gedanken|kurz davor|trau mir)\b.{0,60}\b"
            + _CHILD
            + r"\b.{0,40}\b(an(zu)?tu[en]?|weh|verletz\w*|schuettel\w*|schlagen)\b",
            r"\b" + _CHILD + r"\b.{0,20}\b(was|etwas) an(zu)?tu[en]?\b",
            r"\b(schuettel\w*|geschuettelt)\b.{0,30}\b" + _CHILD + r"\b|\b" + _CHILD + r"\b.{0,30}\bgeschuettelt\b",
            r"\b(shook|shake|hurt) (my|the) baby\b|\babusing a child\b|\b(hits|beats) our (son|daughter|kids?)\b",
            r"\b(schlaegt|schlagen|verpruegelt|misshandelt|missbraucht|quaelt)\b[^,.;]{0,20}"
            r"\b(mein|meine|meinen|unser|unsere|unseren|ihr|ihre|ihren|das|die) " + _CHILD + r"\b",
            r"\b(mein|unser|das|die) " + _CHILD + r"\b.{0,30}\b(wird|wurde)\b.{0,20}"
            r"\b(geschlagen|missbraucht|misshandelt|eingesperrt|verpruegelt|gequaelt)\b",
            r"\b(kindeswohl|kinderschutz)\b.{0,20}\b(gefahr|gefaehrdet)\b",
            r"\b(blaue flecken|striemen|verletzungen|bruises)\b",
            r"\b" + _CHILD + r"\b.{0,40}\b(allein|alleine) (in der wohnung|zu hause|gelassen|auf dem balkon)\b",
            r"\bverwahrlost\b|\b(nichts|nix) zu essen\b|\bsexuelle\b|\banfasst\b",
            r"\bkissen auf sein gesicht\b|\bverliere gleich die kontrolle\b",
        ),
    ),
    (
        "violence",
        (
            r"\b(schlaegt|tritt|wuergt|verpruegelt|bedroht|vergewaltigt|misshandelt)\b.{0,15}\b(mich|uns|mir)\b",
            r"\b(mich|uns|ich werde|ich wurde)\b.{0,30}\b(geschlagen|zusammengeschlagen|gewuergt|verpruegelt|getreten|"
            r"bedroht|vergewaltigt|eingesperrt|misshandelt|verletzt)\b",
            r"\b(er|sie) (schlaegt|haut|tritt)( schon| mal)?( wieder)? zu\b",
            # "mein Mann schlägt", unless a child is named right after it (then it is child_danger).
            r"\b(mann|freund|partner|ex|vater|papa) (schlaegt|verpruegelt|wuergt|bedroht)\b"
            r"(?![^,.;]{0,20}\b" + _CHILD + r")",
            r"\b(bringt|bringe) er mich um\b|\b(droht|drohen)\b.{0,20}\b(umzubringen|mit dem tod)\b|\btoetet mich\b",
            r"\b(sticht|macht) mich (ab|kalt)\b|\bwill mich (umbringen|toeten)\b",
            r"\bfrauenhaus\b|\bzwingt mich\b|\beine geknallt\b|\bgewalttaetig\b|\beingeschlossen\b|\bsperrt mich\b",
            r"\bhaeusliche gewalt\b|\bgewalt (zu hause|in der ehe|von meinem)\b|\bdoevue",
            r"\b(hits|hit|beats|beat|chokes|punched|kicked) me\b|\bkill me\b|\bdomestic violence\b",
        ),
    ),
)
_COMPILED = tuple((kind, tuple(re.compile(pattern) for pattern in patterns)) for kind, patterns in _PATTERNS)
# A small child who hits or bites a parent is a parenting worry, not violence.
_CHILD_HITS_PARENT = re.compile(r"\b(mein|unser)e?[rsn]? " + _CHILD + r"\b[^,.;]{0,25}\b(schlaegt|haut|tritt|beisst)\b")


def detect(text: str) -> str | None:
    """The kind of danger the text plainly names ("violence", "child_danger", "suicidal", "medical"), or None."""
    folded = fold_umlauts(text)
    for kind, patterns in _COMPILED:
        if kind == "violence" and _CHILD_HITS_PARENT.search(folded):
            continue
        if any(pattern.search(folded) for pattern in patterns):
            return kind
    return None
