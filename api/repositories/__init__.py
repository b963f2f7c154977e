"""All SQL lives here (SQLAlchemy 2 select()). Repositories never commit."""
