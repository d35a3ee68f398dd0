"""调入 on the central database: ``tjce_claim_trainee`` (``central_judge.py``) moves a person
another unit marked 离职 into an org of the login's scope, or says why not — as a code, so
nothing of another scope travels back (``services/trainee_transfer.py`` words it)."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, text


def claim(connection: Connection, id_number: str, org_id: uuid.UUID) -> tuple[str, int]:
    """(answer, archives that follow): answer is claimed | not_found | in_scope | active | org | role."""
    row = connection.execute(text("SELECT answer, archives FROM tjce_claim_trainee(:number, :org)"),
                             {"number": id_number, "org": org_id}).one()
    return row.answer, row.archives
