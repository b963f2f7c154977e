"""`python -m bot.tools.evaluate_crisis --rules-only`: the rule-based net scored alone, without a model, so a change
of the rules can be measured on a dev set in seconds before the long train."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.tools.evaluate_crisis import main, parse_with_rules

# Two plain crises the net names, one it cannot know without the classifier, and two ordinary worries.
MESSAGES = [
    {"text": "Er hat mich gewürgt, bis ich keine Luft mehr bekam.", "kind": "violence", "sub": "strangling"},
    {"text": "Unser Baby ist blau angelaufen und atmet nicht mehr!", "kind": "medical", "sub": "breathing"},
    {"text": "Bei uns zu Hause ist es seit Wochen so still geworden.", "kind": "child_danger", "sub": "neglect"},
    {"text": "Wir suchen einen Kitaplatz für unsere Tochter.", "kind": None, "sub": "kita_school"},
    {"text": "Ich hab mich beim Zwiebelschneiden ein bisschen geschnitten.", "kind": None, "sub": "minor_accident"},
]


@pytest.fixture
def dev_set(tmp_path: Path) -> Path:
    path = tmp_path / "dev_crisis.yml"
    rows = [{**message, "turn": "first", "style": "standard"} for message in MESSAGES]
    path.write_text(yaml.safe_dump({"messages": rows}, allow_unicode=True), encoding="utf-8")
    return path


def test_the_rules_alone_give_a_crisis_intent_or_none() -> None:
    strangled, not_breathing, quiet, *ordinary = parse_with_rules([message["text"] for message in MESSAGES])[0]
    assert (strangled.intent, not_breathing.intent) == ("crisis_violence", "crisis_medical")
    assert strangled.alarm and not_breathing.alarm
    assert not quiet.alarm and not any(parse.alarm for parse in ordinary)


def test_rules_only_scores_a_set_without_loading_a_model(dev_set: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    missing_model = tmp_path / "no-model.tar.gz"
    code = main(["--rules-only", "--set", str(dev_set), "--model", str(missing_model), "--out", str(out)])
    report = json.loads((out / "heldout_crisis.json").read_text(encoding="utf-8"))
    assert code == 0
    assert report["model"] == "rules only"
    assert (report["crisis"]["caught"], report["crisis"]["messages"]) == (2, 3)
    assert (report["negatives"]["false_alarms"], report["negatives"]["messages"]) == (0, 2)
    assert [row["text"] for row in report["missed"]] == [MESSAGES[2]["text"]]


def test_rules_only_fails_under_the_recall_asked_for(dev_set: Path, tmp_path: Path) -> None:
    assert main(["--rules-only", "--set", str(dev_set), "--out", str(tmp_path), "--fail-under-recall", "1.0"]) == 1


def test_rules_only_refuses_the_first_messages(dev_set: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--rules-only", "--set", str(dev_set), "--first-messages"])


def test_the_printed_share_comes_from_the_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 1 of 29 is 3.45 %: rounded once it is 3.4 %; the report's share rounded first (0.0345) printed 3.5 %.
    alarm = {**MESSAGES[0], "kind": None, "sub": "exaggeration"}
    ordinary = [{**MESSAGES[3], "text": f"Wir suchen einen Kitaplatz, Anfrage {n}."} for n in range(28)]
    rows = [{**message, "turn": "first", "style": "standard"} for message in [MESSAGES[1], alarm, *ordinary]]
    path = tmp_path / "dev_crisis.yml"
    path.write_text(yaml.safe_dump({"messages": rows}, allow_unicode=True), encoding="utf-8")
    assert main(["--rules-only", "--set", str(path), "--out", str(tmp_path / "report")]) == 0
    assert "false alarms: 1/29 =   3.4 %" in capsys.readouterr().out
