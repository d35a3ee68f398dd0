"""SQLAlchemy models, engines, unit of work and migrations. No Qt here."""
