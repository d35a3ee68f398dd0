"""The certificates of an org subtree, for ``tjce certificate list``: number, holder (ID number
masked as in every listing), org, issue date, booklet, state, and the years registered."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tjce_desktop.domain.id_number import mask_id_number
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import list_orgs, subtree_bounds
from tjce_desktop.storage.models import Certificate, CertificateRegistration, Trainee

STATUS_LABELS = {"active": "使用中", "full": "已填满（已续本）"}


@dataclass(frozen=True, slots=True)
class CertificateRow:
    id: uuid.UUID
    number: str
    name: str
    id_number: str  # masked
    org: str
    issued_on: dt.date
    booklet_no: int
    status: str  # label
    trainee_active: bool
    registered_years: tuple[int, ...]


def list_certificates(session: Session, actor: Actor, org_path: str, *, issued_year: int | None = None,
                      registered_year: int | None = None) -> list[CertificateRow]:
    """Live certificates of the subtree, by org and holder; ``issued_year`` those issued in a
    year, ``registered_year`` those with that year registered."""
    actor.require_access(org_path)
    low, high = subtree_bounds(org_path)
    query = (select(Certificate, Trainee.real_name, Trainee.id_number, Trainee.org_id, Trainee.active)
             .join(Trainee, Trainee.id == Certificate.trainee_id)
             .where(Trainee.org_path >= low, Trainee.org_path < high, Trainee.deleted_at.is_(None),
                    Certificate.deleted_at.is_(None))
             .order_by(Trainee.org_path, Trainee.real_name, Certificate.booklet_no))
    if issued_year is not None:
        query = query.where(Certificate.issued_on >= dt.date(issued_year, 1, 1),
                            Certificate.issued_on <= dt.date(issued_year, 12, 31))
    rows = session.execute(query).all()
    years: dict[uuid.UUID, list[int]] = {}
    ids = [row[0].id for row in rows]
    for start in range(0, len(ids), 500):
        for certificate_id, year in session.execute(
                select(CertificateRegistration.certificate_id, CertificateRegistration.year).where(
                    CertificateRegistration.certificate_id.in_(ids[start:start + 500]),
                    CertificateRegistration.deleted_at.is_(None)).order_by(CertificateRegistration.year)):
            years.setdefault(certificate_id, []).append(year)
    names = {org.id: org.full_name for org in list_orgs(session)}
    out = []
    for certificate, real_name, id_number, org_id, active in rows:
        registered = tuple(years.get(certificate.id, ()))
        if registered_year is not None and registered_year not in registered:
            continue
        out.append(CertificateRow(certificate.id, certificate.number, real_name, mask_id_number(id_number),
                                  names.get(org_id, ""), certificate.issued_on, certificate.booklet_no,
                                  STATUS_LABELS.get(certificate.status, certificate.status), bool(active),
                                  registered))
    return out

