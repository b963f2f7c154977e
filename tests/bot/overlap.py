"""Whether held-out messages leak into what the assistant was built from: one text equal to or inside another, or
a run of consecutive words both share. Texts are tuples of folded words (each test module folds its own way).

Known texts run to some 25,000 (the training data, the crisis corpus, rules and tests): the texts are indexed once
by their word pairs and runs, so a check reads only the few texts that can match instead of every one.
"""

from __future__ import annotations

from collections import defaultdict

Words = tuple[str, ...]


def ngrams(sequence: Words, size: int) -> set[Words]:
    return {sequence[start : start + size] for start in range(len(sequence) - size + 1)}


class KnownTexts:
    def __init__(self, known: dict[str, list[Words]], shared_words: int) -> None:
        self.shared_words = shared_words
        self._whole: dict[Words, set[str]] = defaultdict(set)
        # The first two words of a held-out text find the places where it may begin inside a known text.
        self._pairs: dict[Words, list[tuple[str, Words, int]]] = defaultdict(list)
        self._runs: dict[Words, str] = {}
        for source, texts in known.items():
            for text in texts:
                self._whole[text].add(source)
                for start in range(len(text) - 1):
                    self._pairs[text[start : start + 2]].append((source, text, start))
                for run in ngrams(text, shared_words):
                    self._runs.setdefault(run, source)

    def containing(self, mine: Words, contained_from: int) -> list[str]:
        """The sources with a text equal to `mine` or, from `contained_from` words on, holding it inside."""
        sources = set(self._whole.get(mine, ()))
        if len(mine) >= max(contained_from, 2):
            size = len(mine)
            for source, text, start in self._pairs.get(mine[:2], ()):
                if text[start : start + size] == mine:
                    sources.add(source)
        return sorted(sources)

    def shared_runs(self, mine: Words) -> list[tuple[Words, str]]:
        """Each run of `shared_words` consecutive words of `mine` that a known text has, with its source."""
        return [(run, self._runs[run]) for run in sorted(ngrams(mine, self.shared_words)) if run in self._runs]
