"""Request and response shapes of the API (pydantic 2)."""
