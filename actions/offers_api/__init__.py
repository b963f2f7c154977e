"""Client for the offers API (no Rasa imports).

Not named `api`: rasa-sdk would mix it up with the top-level `api` package.
"""
