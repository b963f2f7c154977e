"""The Rasa server with Familiennavi's start-up patches (bot/patches.py). Takes the arguments of `rasa`:

python -m bot.server run --model models/familiennavi.tar.gz --endpoints endpoints.yml ...
"""

from __future__ import annotations

import os
import sys

from bot import patches

# One TensorFlow thread per operation: a message's models are small, and more threads only contend for the
# cores that the other workers and services need (measured in bench/README.md). The environment may override.
TENSORFLOW_THREADS = {"TF_INTRA_OP_PARALLELISM_THREADS": "1", "TF_INTER_OP_PARALLELISM_THREADS": "1"}


def main() -> None:
    for name, value in TENSORFLOW_THREADS.items():
        os.environ.setdefault(name, value)
    patches.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
