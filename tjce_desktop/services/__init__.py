"""Use cases over a unit of work; they return frozen DTOs, never ORM objects."""
