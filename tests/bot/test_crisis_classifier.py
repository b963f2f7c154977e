"""The crisis classifier (bot/nlu/crisis_classifier.py) and how the safety net weighs it (bot/nlu/safety_net.py).

The figures (what it catches of a dev round it was not trained on, and of the held-out sets) are in README, "Crisis
net"; these tests hold its parts to what they promise: the corpus is sound, our own arithmetic gives sklearn's
probabilities, what is saved loads the same, a changed corpus trains again, and the net lets the classifier veto
the rules' false alarms without letting it silence a danger it sees. The sentences below were written for these
tests; none is in the corpus.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import crisis_classifier
from bot.nlu.crisis_classifier import (
    NO_CRISIS,
    Assessment,
    CrisisClassifier,
    Example,
    corpus_examples,
    corpus_files,
    fit,
    terms,
)
from bot.nlu.safety_net import TRAINING_CODE, CrisisSafetyNet
from vocabulary.crisis import CRISIS_KINDS

DANGERS = [
    ("ich möchte am liebsten gar nicht mehr aufwachen", "suicidal"),
    ("mein freund hat meinem sohn eine ohrfeige gegeben dass er geblutet hat", "child_danger"),
    ("meine frau hat mich mit dem bügeleisen geschlagen", "violence"),
    ("das baby atmet ganz komisch und wird blau", "medical"),
]
HARMLESS = [
    "ich sterbe vor lachen über meinen sohn",
    "der kurs bringt mich noch um, so langweilig",
    "wir suchen eine kita in bochum",
    "letztes jahr war er im krankenhaus, jetzt ist alles gut",
]


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return corpus_examples()


@pytest.fixture(scope="module")
def classifier(corpus: list[Example]) -> CrisisClassifier:
    return CrisisClassifier.train(corpus)


def test_the_corpus_has_every_kind_and_many_hard_negatives(corpus: list[Example]) -> None:
    counts = Counter(example.kind for example in corpus)
    assert set(counts) == {*CRISIS_KINDS, NO_CRISIS}
    assert min(counts[kind] for kind in CRISIS_KINDS) >= 100
    assert counts[NO_CRISIS] >= 1500
    # German and the five other languages.
    assert {path.stem.split("_")[0] for path in corpus_files()} == {"de", "en", "tr", "ar", "uk", "ru"}


def test_an_unknown_kind_in_the_corpus_stops_the_training(tmp_path: Path) -> None:
    path = tmp_path / "round.yml"
    path.write_text('messages:\n- text: "er hat mich geschlagen"\n  kind: violense\n', encoding="utf-8")
    with pytest.raises(ValueError, match="violense"):
        corpus_examples([path])


def test_one_kind_alone_cannot_be_learnt() -> None:
    with pytest.raises(ValueError):
        CrisisClassifier.train([Example("wir suchen eine kita", NO_CRISIS), Example("welche kita", NO_CRISIS)])


def test_terms_are_character_ngrams_words_and_word_pairs_of_the_folded_text() -> None:
    found = terms("Mein Mann schlägt")
    assert {"w:mein", "w:mann", "w:schlaegt", "w:mein mann", "w:mann schlaegt"} <= set(found)
    assert {" me", "mein ", "chlae", "gt "} <= set(found)


def test_our_arithmetic_gives_sklearns_probabilities(corpus: list[Example]) -> None:
    vectorizer, model = fit(corpus[::3])
    ours = CrisisClassifier.from_fitted(vectorizer, model)
    texts = [text for text, _ in DANGERS] + HARMLESS + ["", "zzzz qqqq"]
    expected = model.predict_proba(vectorizer.transform(texts))
    none = list(model.classes_).index(NO_CRISIS)
    for text, row in zip(texts, expected, strict=True):
        assert ours.assess(text).probability == pytest.approx(1 - row[none], abs=1e-9)


def test_what_is_saved_loads_the_same_without_pickle(classifier: CrisisClassifier, tmp_path: Path) -> None:
    classifier.save(tmp_path)
    with np.load(tmp_path / crisis_classifier.WEIGHTS_FILE, allow_pickle=False) as weights:
        assert weights["coef"].shape[0] == len(CRISIS_KINDS) + 1
    loaded = CrisisClassifier.load(tmp_path)
    for text in [text for text, _ in DANGERS] + HARMLESS:
        assert loaded.assess(text) == classifier.assess(text)


@pytest.mark.parametrize(("text", "kind"), DANGERS)
def test_dangers_in_new_words_are_seen_with_their_kind(classifier: CrisisClassifier, text: str, kind: str) -> None:
    assessment = classifier.assess(text)
    assert assessment.probability >= CrisisSafetyNet.get_default_config()["crisis_threshold"]
    assert assessment.kind == kind


@pytest.mark.parametrize("text", HARMLESS)
def test_everyday_words_are_no_danger(classifier: CrisisClassifier, text: str) -> None:
    assert classifier.assess(text).probability < CrisisSafetyNet.get_default_config()["rules_veto_below"]


def test_a_changed_corpus_trains_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "round.yml").write_text('messages:\n- text: "er hat mich geschlagen"\n  kind: violence\n')
    monkeypatch.setattr(crisis_classifier, "CORPUS_DIR", tmp_path)
    before = CrisisSafetyNet.fingerprint_addon({})
    assert CrisisSafetyNet.fingerprint_addon({}) == before
    (tmp_path / "round.yml").write_text('messages:\n- text: "er hat mich gewürgt"\n  kind: violence\n')
    assert CrisisSafetyNet.fingerprint_addon({}) != before


# --- how the net weighs it -------------------------------------------------------------------------------------


class FixedAssessment:
    """A classifier that always gives the same assessment: the net's decision, not the classifier, is tested."""

    def __init__(self, probability: float, kind: str) -> None:
        self.assessment = Assessment(probability=probability, kind=kind)

    def assess(self, text: str) -> Assessment:
        return self.assessment


def _net_parse(text: str, probability: float, kind: str, ranking: list[tuple[str, float]]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={"text": text, "intent": entries[0], "intent_ranking": entries})
    net = CrisisSafetyNet({}, crisis_model=FixedAssessment(probability, kind))  # type: ignore[arg-type]
    net.process([message])
    return message


def test_the_classifier_raises_the_alarm_where_the_rules_see_nothing() -> None:
    message = _net_parse("meine frau lässt mich nie in ruhe, ich bin der vater", 0.9, "violence", [("need_other", 0.6)])
    assert message.get("intent") == {"name": "crisis_violence", "confidence": 0.9}
    crisis = message.get("crisis")
    assert crisis["source"] == "crisis_classifier" and crisis["male_victim"] is True


def test_the_rules_stand_where_the_classifier_is_unsure() -> None:
    message = _net_parse("er hat mich gewürgt", 0.4, "violence", [("need_other", 0.6)])
    assert message.get("intent") == {"name": "crisis_violence", "confidence": 1.0}
    assert message.get("crisis")["source"] == "rules" and message.get("crisis")["sub"]


def test_a_classifier_all_but_sure_of_no_danger_vetoes_the_rules_and_diet() -> None:
    ranking = [("crisis_violence", 0.8), ("need_parenting_conflict", 0.15)]
    message = _net_parse("er hat mich gewürgt", 0.1, "violence", ranking)
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("crisis") is None


def test_below_the_threshold_the_classifier_alone_raises_no_alarm() -> None:
    message = _net_parse("wir suchen eine kita", 0.6, "medical", [("need_childcare", 0.9)])
    assert message.get("intent") == {"name": "need_childcare", "confidence": 0.9}
    assert message.get("crisis") is None


def test_make_retrains_when_the_code_the_classifier_trains_with_changes() -> None:
    # The Makefile's CRISIS_TRAINING_CODE (what makes `make train` run) must list the files whose hash
    # fingerprint_addon takes (what makes Rasa retrain the net instead of using its cache).
    root = Path(__file__).resolve().parents[2]
    (line,) = [
        line
        for line in (root / "Makefile").read_text(encoding="utf-8").splitlines()
        if line.startswith("CRISIS_TRAINING_CODE :=")
    ]
    listed = set(line.split(":=", 1)[1].split())
    assert listed == {str(path.resolve().relative_to(root)) for path in TRAINING_CODE}


def test_the_crisis_cross_validation_judges_every_example_once_and_counts_what_it_raised() -> None:
    from bot.tools.cross_validate_crisis import Labelled, cross_validate, summarise

    # Every kind often enough that each fold's training part has all of them.
    examples = [
        Labelled(Example(f"{text} {suffix}", kind), "test")
        for text, kind in DANGERS * 5 + [(text, NO_CRISIS) for text in HARMLESS * 5]
        for suffix in ("", "bitte")
    ]
    rows = cross_validate(examples, folds=2, threshold=0.7, veto=0.3, regularisation=4.0)
    assert sorted(row["text"] for row in rows) == sorted(item.example.text for item in examples)
    assert {row["fold"] for row in rows} == {1, 2}
    for row in rows:
        # An alarm says who raised it; none without a judge.
        assert (row["alarm"] is None) == (row["judge"] is None)
    total = summarise(rows)["total"]
    assert total["crises"] == 40 and total["negatives"] == 40
    assert total["caught"] == sum(row["alarm"] is not None for row in rows if row["kind"] != NO_CRISIS)
    assert total["false_alarms"] == sum(row["alarm"] is not None for row in rows if row["kind"] == NO_CRISIS)
