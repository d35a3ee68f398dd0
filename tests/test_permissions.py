"""The permission table on the desk: a change the signed-in role may not make is refused
before it is stored (the central database judges pushes by the same table)."""

import pytest
from sqlalchemy import select

from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.permissions import GRANTS, WriteRefused, refusal
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.models import Course, Org, Outbox, Trainee, TrainingPlan
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEPING = "/120000/120101/"


def test_the_table_answers_in_chinese():
    assert (refusal(Role.UNIT_SUPERVISOR, "training_plan", "update", {"closed"}, "培训计划")
            == "“培训主管”不能修改培训计划。")
    assert "real_name" in refusal(Role.REGISTRATION_CLERK, "trainee", "update", {"real_name"}, "学员")
    assert refusal(Role.REGISTRATION_CLERK, "trainee", "update", {"title_level", "high_tech"}) is None
    assert refusal(Role.UNIT_SUPERVISOR, "org", "update", {"seal_image"}) is None
    assert refusal(Role.UNIT_SUPERVISOR, "org", "update", {"seal_image", "parent_id"}) is not None
    # An auditor changes nothing but their own account; printing (which auditors may) registers
    # the desk's key and records each signed sheet under its short code.
    assert all(refusal(Role.AUDITOR, g.table, op, set()) is not None
               for g in GRANTS for op in g.operations if g.table not in ("admin_user", "signing_key", "issued_sheet"))
    assert refusal(Role.AUDITOR, "issued_sheet", "update", set()) is not None
    assert all(refusal(role, "trust_statement", op, set()) is not None for role in Role for op in ("insert", "update"))


@pytest.mark.parametrize("role, change", [
    (Role.UNIT_SUPERVISOR, "plan"), (Role.UNIT_SUPERVISOR, "course"), (Role.UNIT_SUPERVISOR, "org"),
    (Role.REGISTRATION_CLERK, "trainee"), (Role.AUDITOR, "trainee"),
])
def test_a_change_the_role_may_not_make_is_refused_and_not_stored(demo_database, role, change):
    actor = Actor("someone", scope_path=HEPING if role is not Role.CITY_ADMIN else "/", role=role)
    with UnitOfWork(demo_database) as uow:
        before = uow.session.scalar(select(Outbox.seq).order_by(Outbox.seq.desc()).limit(1))
    with UnitOfWork(demo_database, actor) as uow:
        session = uow.session
        if change == "plan":
            plan = session.scalars(select(TrainingPlan)).first()
            plan.closed = not plan.closed
        elif change == "course":
            session.scalars(select(Course)).first().hours = 0.0
        elif change == "org":
            session.scalar(select(Org).where(Org.path == HEPING)).name = "改名"
        else:
            session.scalar(select(Trainee).where(Trainee.org_path.startswith(HEPING))).real_name = "改名"
        with pytest.raises(WriteRefused, match="不能"):
            uow.commit()
    with UnitOfWork(demo_database) as uow:
        assert uow.session.scalar(select(Outbox.seq).order_by(Outbox.seq.desc()).limit(1)) == before
        assert uow.session.scalar(select(Org.name).where(Org.path == HEPING)) == "和平区"


def test_what_the_role_may_do_is_stored(demo_database):
    actor = Actor("heping", scope_path=HEPING, role=Role.UNIT_SUPERVISOR)
    with UnitOfWork(demo_database, actor) as uow:
        uow.session.scalar(select(Trainee).where(Trainee.org_path.startswith(HEPING))).phone = "13800000000"
        uow.commit()
    with UnitOfWork(demo_database) as uow:
        assert uow.session.scalar(select(Outbox).order_by(Outbox.seq.desc()).limit(1)).table_name == "trainee"


def test_a_bulk_insert_is_checked_too(demo_database):
    """Imports write their outbox entries without the flush hook; the same table applies."""
    from tjce_desktop.storage.bulk import insert_synced

    actor = Actor("auditor", scope_path=HEPING, role=Role.AUDITOR)
    with UnitOfWork(demo_database) as uow:
        count = len(uow.session.scalars(select(Trainee.id)).all())
        org_id = uow.session.scalar(select(Org.id).where(Org.path == HEPING))
    row = {"org_id": org_id, "org_path": HEPING, "username": "x_bulk", "real_name": "批量", "gender": "male",
           "id_number": "11010519491231002X", "birth_date": __import__("datetime").date(1949, 12, 31),
           "title_level": "none", "post_type": "professional"}
    with UnitOfWork(demo_database, actor) as uow:
        with pytest.raises(WriteRefused, match="“审计员”不能新增学员"):
            insert_synced(uow.session, Trainee, [row], actor.username)
    with UnitOfWork(demo_database) as uow:
        assert len(uow.session.scalars(select(Trainee.id)).all()) == count
