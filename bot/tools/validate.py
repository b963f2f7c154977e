"""`rasa data validate`, strict: fails on every warning except the one Rasa cannot know better.

Rasa warns that a response is "not used in any story or rule" when only a custom action or a form sends it.
Such a warning is accepted when the response's name appears in the actions' code, when it is a form's question
(`utter_ask_<slot>` of a required slot) or one Rasa's default actions send (`utter_default`, `utter_restart`).
Likewise an intent without training examples when only buttons send it (its payload `/<intent>` is in the domain's
buttons or the actions' code, as the language buttons' `/choose_language`): typed text must never be classified so;
every other warning — misaligned entities, unused intents,
story conflicts — fails the check.

    python -m bot.tools.validate
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
UNUSED = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule\.")
NO_EXAMPLES = re.compile(r"The intent '(\w+)' is listed in the domain file, but is not found in the NLU training")
RASA_DEFAULTS = {"utter_default", "utter_restart"}


def main() -> int:
    rasa = Path(sys.executable).with_name("rasa")
    completed = subprocess.run([str(rasa), "data", "validate"], cwd=ROOT, capture_output=True, text=True, check=False)
    output = completed.stdout + completed.stderr
    actions_code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "actions").rglob("*.py"))
    domain_text = (ROOT / "domain.yml").read_text(encoding="utf-8")
    domain = yaml.safe_load(domain_text)
    sent_by_rasa = RASA_DEFAULTS | {
        f"utter_ask_{slot}" for form in domain.get("forms", {}).values() for slot in form["required_slots"]
    }
    problems = []
    for line in output.splitlines():
        if "UserWarning" not in line and "ERROR" not in line:
            continue
        button_only = NO_EXAMPLES.search(line)
        if button_only and any(f'"/{button_only.group(1)}' in code for code in (actions_code, domain_text)):
            continue
        unused = UNUSED.search(line)
        if unused and (
            unused.group(1) in sent_by_rasa
            or f'"{unused.group(1)}"' in actions_code
            # action_emergency builds the name from the kind of danger: f"utter_emergency_{kind}"
            or (unused.group(1).startswith("utter_emergency_") and 'f"utter_emergency_{kind}"' in actions_code)
        ):
            continue
        problems.append(line.split("UserWarning: ")[-1].strip())
    if completed.returncode != 0 or problems:
        print("rasa data validate found problems:", *problems, sep="\n  ", file=sys.stderr)
        if completed.returncode != 0:
            print(output[-3000:], file=sys.stderr)
        return 1
    print("rasa data validate: no problems (responses sent only by custom actions are accepted)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
