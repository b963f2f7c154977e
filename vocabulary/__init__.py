"""What the offers API, the actions, the NLU and the channels share, each piece once.

Standard library only: both environments (the bot's Python 3.10 with Rasa, the API's 3.11) import it.

- `categories`, `life_phases`, `needs`, `crisis`, `emergency`: the lists of the design.
- `names`: folding of place names ("Köln", "Koeln", "KÖLN" → one key).
- `texts`: the text catalogue (`texts/<language>.json`): every text a person reads, by key.
- `messages`: the channel-neutral message contract (ask, offers, emergency, handoff payloads).
"""
