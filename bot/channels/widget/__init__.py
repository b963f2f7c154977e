"""The parents' web widget: its input channel (`channel.py`) and the files it serves (`assets/`)."""
