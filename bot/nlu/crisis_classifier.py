"""A second opinion on danger, learnt from examples: the crisis classifier of the safety net (bot/nlu/safety_net.py).

The hand-written rules (bot/nlu/crisis.py) catch what they were written for and little else: each fresh dev round
found a quarter to a third of its crises missed and about one hard negative in ten taken for a crisis. DIET learns
the crisis intents among forty others from a few hundred examples. This classifier learns only the one question —
danger, and of which kind, or none — from every crisis message and hard negative the team has written (data/crisis/:
the dev rounds and the other languages' sets) and the training data's examples, on character n-grams (typos,
learner German, missing umlauts) and words. The ninth German dev round, written before this classifier existed,
measured it before it became training data (README, "Crisis net").

Scikit-learn (a dependency of Rasa) learns it: term weights (tf-idf) and a logistic regression. What it learnt is
kept as plain arrays (no pickle in the model archive) and applied here directly, a fraction of a millisecond a
message instead of sklearn's few milliseconds of checks per call; a test holds both to the same probabilities.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from vocabulary.crisis import CRISIS_KINDS
from vocabulary.names import fold

# Every crisis message and hard negative written for the net: `messages` of {text, kind (null for none), ...}.
CORPUS_DIR = Path(__file__).resolve().parents[2] / "data" / "crisis"
NO_CRISIS = "none"
# Chosen on the ninth dev round before it became training data (README): C 4 with "balanced" classes.
REGULARISATION = 4.0
CHARACTER_NGRAMS = (3, 5)
# A term seen in one example only says more about that example than about danger.
MIN_EXAMPLES_PER_TERM = 2
VOCABULARY_FILE, WEIGHTS_FILE = "crisis_terms.json", "crisis_weights.npz"


@dataclass(frozen=True)
class Example:
    text: str
    kind: str  # one of CRISIS_KINDS or NO_CRISIS


@dataclass(frozen=True)
class Assessment:
    probability: float  # that the message tells of a danger of any kind
    kind: str  # the most likely kind of danger (also when the probability is low)


def corpus_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or CORPUS_DIR).rglob("*.yml"))


def corpus_examples(paths: Iterable[Path] | None = None) -> list[Example]:
    """The crisis messages and hard negatives of the corpus files."""
    examples = []
    for path in corpus_files() if paths is None else paths:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
            kind = entry.get("kind") or NO_CRISIS
            if kind != NO_CRISIS and kind not in CRISIS_KINDS:
                raise ValueError(f"{path}: unknown kind {kind!r} for {entry['text']!r}")
            examples.append(Example(text=str(entry["text"]), kind=kind))
    return examples


def terms(text: str) -> list[str]:
    """Character n-grams inside each word (spelling variants and inflections share most of them), whole words and
    pairs of words, of the folded text (vocabulary.names.fold: lower case, umlauts as ae/oe/ue, letters and
    digits)."""
    words = fold(text).split()
    found = [f"w:{word}" for word in words] + [f"w:{first} {second}" for first, second in itertools.pairwise(words)]
    low, high = CHARACTER_NGRAMS
    for word in words:
        padded = f" {word} "
        for size in range(low, high + 1):
            found += [padded[start : start + size] for start in range(len(padded) - size + 1)]
    return found


def fit(
    examples: Sequence[Example], regularisation: float = REGULARISATION
) -> tuple[TfidfVectorizer, LogisticRegression]:
    """Scikit-learn's term weights and logistic regression, trained on the examples."""
    kinds = {example.kind for example in examples}
    if NO_CRISIS not in kinds or not kinds & set(CRISIS_KINDS):
        raise ValueError("the crisis classifier needs crisis messages and messages without a crisis")
    vectorizer = TfidfVectorizer(analyzer=terms, sublinear_tf=True, min_df=MIN_EXAMPLES_PER_TERM)
    matrix = vectorizer.fit_transform([example.text for example in examples])
    # "balanced": the few suicidal messages count as much as the many harmless ones.
    model = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=3000)
    model.fit(matrix, [example.kind for example in examples])
    return vectorizer, model


class CrisisClassifier:
    def __init__(
        self, vocabulary: dict[str, int], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray, kinds: Sequence[str]
    ) -> None:
        self._vocabulary = vocabulary
        self._idf = idf
        self._coef = coef  # one row per class of `kinds`
        self._intercept = intercept
        self._kinds = list(kinds)
        self._none = self._kinds.index(NO_CRISIS)

    @classmethod
    def train(cls, examples: Sequence[Example], regularisation: float = REGULARISATION) -> CrisisClassifier:
        return cls.from_fitted(*fit(examples, regularisation))

    @classmethod
    def from_fitted(cls, vectorizer: TfidfVectorizer, model: LogisticRegression) -> CrisisClassifier:
        vocabulary = {str(term): int(index) for term, index in vectorizer.vocabulary_.items()}
        return cls(vocabulary, vectorizer.idf_, model.coef_, model.intercept_, [str(kind) for kind in model.classes_])

    def _scores(self, text: str) -> np.ndarray:
        # As sklearn's TfidfVectorizer(sublinear_tf=True, norm="l2") and LogisticRegression.predict_proba.
        counts = Counter(index for term in terms(text) if (index := self._vocabulary.get(term)) is not None)
        scores = self._intercept.astype(float)
        if counts:
            indices = np.fromiter(counts.keys(), dtype=np.int64)
            weights = np.array([1.0 + math.log(count) for count in counts.values()]) * self._idf[indices]
            scores = scores + self._coef[:, indices] @ (weights / np.linalg.norm(weights))
        exponentials = np.exp(scores - scores.max())
        return exponentials / exponentials.sum()

    def assess(self, text: str) -> Assessment:
        probabilities = self._scores(text)
        danger = [
            (float(probability), kind)
            for kind, probability in zip(self._kinds, probabilities, strict=True)
            if kind != NO_CRISIS
        ]
        return Assessment(probability=sum(probability for probability, _ in danger), kind=max(danger)[1])

    def save(self, directory: Path) -> None:
        (directory / VOCABULARY_FILE).write_text(
            json.dumps({"kinds": self._kinds, "terms": self._vocabulary}, ensure_ascii=False), encoding="utf-8"
        )
        np.savez_compressed(directory / WEIGHTS_FILE, idf=self._idf, coef=self._coef, intercept=self._intercept)

    @classmethod
    def load(cls, directory: Path) -> CrisisClassifier:
        stored = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as weights:
            return cls(stored["terms"], weights["idf"], weights["coef"], weights["intercept"], stored["kinds"])
