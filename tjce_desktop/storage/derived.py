"""Columns copied from a trainee onto their archives, kept in step in the same transaction.

enrollment.org_path and enrollment.trainee_active let the reports count a trainee where
they belong now with one index scan. They are derived, not data: each side (local cache,
central database) recomputes them when a trainee moves or leaves, so they never enter the
outbox.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from tjce_desktop.storage.models import Enrollment, Trainee


def copy_trainee_scope_to_archives(session: Session, trainee: Trainee) -> None:
    session.flush()
    session.execute(
        update(Enrollment)
        .where(Enrollment.trainee_id == trainee.id)
        .values(org_path=trainee.org_path, trainee_active=trainee.active)
        .execution_options(synchronize_session=False)
    )
