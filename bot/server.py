"""The Rasa server with Familiennavi's start-up patches (bot/patches.py). Takes the arguments of `rasa`:

python -m bot.server run --model models/familiennavi.tar.gz --endpoints endpoints.yml ...
"""

from __future__ import annotations

import sys

from bot import patches


def main() -> None:
    patches.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
