"""Does trainee T meet year Y's rule, and what is short per category — the one answer.

The year card, 登记 (one trainee or a unit at once), ``tjce hours`` and the proof sheets all
ask it here: the hours of the year by category (``trainee_year_hours``, derived), the
requirement by the title at year end, and the year's rule (the city's, else the 条例's).
The caller checks the account's scope; this only reads.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.domain.enums import CourseCategory, TitleLevel
from tjce_desktop.domain.errors import UserError
from tjce_desktop.domain.hour_policy import CATEGORIES, HourRules, YearVerdict, evaluate
from tjce_desktop.storage.derived import title_at_year_end
from tjce_desktop.storage.hour_rules import load_rules
from tjce_desktop.storage.models import TitleChange, Trainee, TraineeYearHours


class VerdictError(UserError, LookupError):
    """``str()`` is the Chinese message."""


def title_history(session: Session, trainee_id: uuid.UUID) -> list[TitleChange]:
    return list(session.scalars(select(TitleChange).where(TitleChange.trainee_id == trainee_id,
                                                          TitleChange.deleted_at.is_(None))
                                .order_by(TitleChange.effective_on)))


def verdict_of(session: Session, trainee: Trainee, year: int, rules: HourRules,
               history: Sequence[TitleChange] | None = None) -> YearVerdict:
    """The verdict for a trainee row already read (the year card reads it anyway)."""
    rule = rules.for_year(year)
    history = title_history(session, trainee.id) if history is None else history
    title, high_tech = title_at_year_end(list(history), year, (trainee.title_level, bool(trainee.high_tech)))
    row = session.get(TraineeYearHours, (trainee.id, year))
    hours: dict[CourseCategory, float] = {category: round(getattr(row, category.value), 1) if row else 0.0
                                          for category in CATEGORIES}
    total = round(row.total, 1) if row else 0.0
    return evaluate(rule, year, hours, total, float(rule.required_hours(TitleLevel(title), high_tech)))


def year_verdict(session: Session, trainee_id: uuid.UUID, year: int, *,
                 rules: HourRules | None = None) -> YearVerdict:
    """Whether the trainee meets the year's rule; ``.category_gaps`` and ``.total_gap`` say what is
    short. Pass ``rules`` (``storage.hour_rules.load_rules``) when asking for many trainees."""
    trainee = session.get(Trainee, trainee_id)
    if trainee is None or trainee.deleted_at is not None:
        raise VerdictError("找不到该学员。")
    return verdict_of(session, trainee, year, rules if rules is not None else load_rules(session))
