"""Custom NLU pieces: the German spaCy pipeline and the crisis safety net."""
