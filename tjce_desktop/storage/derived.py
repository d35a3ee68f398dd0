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


def copy_trainee_scope_to_archives(session: Session, trainees: list[Trainee]) -> None:
    """After moving or marking trainees: one flush, one UPDATE per (org path, flag) group."""
    if not trainees:
        return
    session.flush()
    groups: dict[tuple[str, bool], list] = {}
    for trainee in trainees:
        groups.setdefault((trainee.org_path, trainee.active), []).append(trainee.id)
    for (org_path, active), ids in groups.items():
        for start in range(0, len(ids), 500):
            session.execute(
                update(Enrollment)
                .where(Enrollment.trainee_id.in_(ids[start:start + 500]))
                .values(org_path=org_path, trainee_active=active)
                .execution_options(synchronize_session=False)
            )
