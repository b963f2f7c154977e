"""The dev rounds' crisis messages as training data (bot/tools/crisis_training.py): the generated file is what the
dev sets give, and a dev message close to a held-out one never becomes training data."""

from __future__ import annotations

from bot.tools import crisis_training
from bot.tools.crisis_training import HeldOut, training_examples
from vocabulary.crisis import CRISIS_KINDS

HELD_OUT = HeldOut(["Meine Tochter hat Tabletten von der Oma geschluckt und ist ganz schläfrig", "Hilfe Herne"])


def crisis(text: str, kind: str | None = "medical") -> dict[str, str | None]:
    return {"text": text, "kind": kind}


def test_the_committed_file_is_what_the_dev_sets_give() -> None:
    assert crisis_training.main(["--check"]) == 0


def test_every_crisis_kind_is_learned_from_many_dev_messages() -> None:
    by_kind = crisis_training.build()
    assert set(by_kind) == set(CRISIS_KINDS)
    assert min(len(texts) for texts in by_kind.values()) >= 150, {kind: len(t) for kind, t in by_kind.items()}


def test_a_dev_message_close_to_a_held_out_one_is_left_out() -> None:
    messages = [
        crisis("meine tochter hat tabletten von der oma geschluckt und ist ganz schläfrig"),  # equal, folded
        crisis("oh nein meine tochter hat tabletten von der oma gefunden"),  # five words in a row
        crisis("Hilfe Herne bitte, er ist bewusstlos"),  # contains a held-out message
        crisis("mein sohn hat reiniger getrunken und hustet"),
    ]
    kept = training_examples(messages, HELD_OUT, known=set())["medical"]
    assert kept == ["mein sohn hat reiniger getrunken und hustet"]


def test_hard_negatives_annotations_and_known_examples_are_left_out() -> None:
    messages = [
        crisis("ich sterbe vor lachen", kind=None),
        crisis("er hat [Köln](town) gesagt und mich geschlagen", kind="violence"),
        crisis("er würgt mich", kind="violence"),
        crisis("Er  würgt mich!", kind="violence"),
        crisis("er hat mich eingesperrt", kind="violence"),
    ]
    found = training_examples(messages, HELD_OUT, known={("er", "hat", "mich", "eingesperrt")})
    assert found["violence"] == ["er würgt mich"]
    assert all(texts == [] for kind, texts in found.items() if kind != "violence")


def test_the_file_is_rasa_training_data_with_one_block_per_kind() -> None:
    content = crisis_training.render({"violence": ["er würgt mich"], "medical": ["sie atmet nicht"]})
    assert "- intent: crisis_violence\n  examples: |\n    - er würgt mich\n" in content
    assert content.splitlines()[3] == 'version: "3.1"'
