"""Client for the offers API. No Rasa imports here."""
