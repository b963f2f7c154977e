"""Build the German spaCy pipeline the NLU loads by path: blank German tokenizer plus the lookup lemmatizer.

German models are not on PyPI (the `de-core-news-md` there is a placeholder), and nothing may be downloaded at
run time. A blank pipeline with the lemma table from `spacy-lookups-data` gives tokens and lemmas, which is what
the count-vector features need ("Kinder" and "Kind" count as one word).

    python -m bot.nlu.spacy_pipeline [target]     # default var/spacy/de_familiennavi
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

DEFAULT_TARGET = Path("var/spacy/de_familiennavi")
# An apostrophe (straight or typographic) and up to five Latin letters at the end of a word (spaCy adds the "$").
# Latin only: in Ukrainian the apostrophe is part of the word ("сім'я", "б'є").
APOSTROPHE_ENDING = r"(?<=[0-9A-Za-zÀ-ɏ])['’][A-Za-zÀ-ɏ]{1,5}"


def build(target: Path = DEFAULT_TARGET) -> Path:
    nlp = spacy.blank("de")
    # Turkish writes a case ending after an apostrophe ("Köln'de", "44137'ye", "Kita'ya"): split it off, so the
    # town, the postal code and the word count as themselves. German "geht's" splits the same way, harmlessly.
    suffixes = [*nlp.Defaults.suffixes, APOSTROPHE_ENDING]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # initialize() loads the lemma lookup table from spacy-lookups-data into the pipeline.
    nlp.initialize()
    nlp.meta["name"] = "familiennavi"
    nlp.meta["description"] = "Blank German pipeline with lookup lemmatizer (spacy-lookups-data), no vectors."
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return target


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TARGET)
    check = spacy.load(path)
    tokens = [token.lemma_ for token in check("Kinder gingen Köln'de Schulen")]
    print(f"spaCy pipeline written to {path}: {tokens}")
