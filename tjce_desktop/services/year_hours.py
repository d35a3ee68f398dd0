"""A trainee's study hours of one year against that year's requirement (``tjce hours``).

A view of the desk's year card: hours by category from the platform's courses finished in
the year (a course that runs over New Year counts in the year it was finished) and the other
learning recorded at the desk, against the year's rule (the city's ``hour_rule`` or the
条例's 96 / 144 hours) by the title at year end, with its minimum per category.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from tjce_desktop.domain.errors import UserError
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.certificate_desk import DeskError, find_trainee, year_card
from tjce_desktop.services.hour_sources import HourSource


class HoursError(UserError, LookupError):
    """``str()`` is the Chinese message."""


@dataclass(frozen=True)
class YearHours:
    id_number_masked: str
    real_name: str
    org_path: str
    year: int
    hours_by_category: dict[str, float]  # CourseCategory label → hours
    other_hours: float  # of which other learning
    total: float
    required: float
    title_level: str  # label, at year end
    high_tech: bool
    rule_source: str
    registered: bool
    verified: bool
    met: bool
    gap: float  # of the total
    category_minimums: dict[str, float]  # CourseCategory label → minimum hours, where the rule sets one
    category_gaps: dict[str, float]  # CourseCategory label → hours short
    rule_summary: str
    required_courses: list[str]
    notes: list[str] = field(default_factory=list)
    sources: list[HourSource] = field(default_factory=list)  # plans, other learning, 学时认定 (with status)


def year_hours(connection: Connection, actor: Actor, id_number: str, year: int) -> YearHours:
    session = Session(bind=connection)
    try:
        card = year_card(session, actor, find_trainee(session, actor, id_number).id, year)
    except (DeskError, ValueError) as exc:
        raise HoursError(str(exc)) from exc
    finally:
        session.close()
    registration = card.registration
    return YearHours(card.id_number, card.name, card.org_path, year, card.hours, card.other_hours, card.total,
                     card.required, card.title_level, card.high_tech, card.rule.source, registration is not None,
                     bool(registration and registration.verified_at), card.met, card.gap, card.category_minimums,
                     card.category_gaps, card.rule.summary(), list(card.rule.required_courses), card.notes,
                     card.sources)
