"""学时认定 against a real central PostgreSQL: the table is the city's, the four eyes hold centrally."""

import json
import uuid

import pytest
import sqlalchemy as sa

from sync_support import HEPING, PASSWORDS, assert_converged, desk, login
from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.recognition import default_rule_id
from tjce_desktop.services import central_admin
from tjce_desktop.services import recognition as rec
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.models import Outbox, RecognisedHours
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.engine import local_conflicts, sync

pytestmark = pytest.mark.postgres

RECORDER = Actor("heping", HEPING, role=Role.UNIT_SUPERVISOR)
SECOND = Actor("heping2", HEPING, role=Role.UNIT_SUPERVISOR)
CITY = Actor("city", "/", role=Role.CITY_ADMIN)
PAPER = default_rule_id("paper_core_first")


@pytest.fixture
def two_officers(central):
    central_admin.add_admin(central, username="heping2", password="Heping2-2026", role=Role.UNIT_SUPERVISOR,
                            org_reference="和平区")
    PASSWORDS["heping2"] = "Heping2-2026"
    return central


def _owner_rows(url, sql, **params):
    with sa.create_engine(url).connect() as connection:
        return connection.execute(sa.text(sql), params).all()


def _a_heping_trainee(database):
    with database.engine.connect() as connection:
        return uuid.UUID(connection.exec_driver_sql(
            "SELECT id FROM trainee WHERE substr(org_path, 1, ?) = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
            (len(HEPING), HEPING)).scalar())


def _push_raw(database, table, row_id, operation, base, changes):
    """An outbox entry as a hostile desk would write it, past every local check."""
    mutation = uuid.uuid4()
    with database.session_factory() as session:
        session.add(Outbox(table_name=table, row_id=row_id, operation=operation, base_version=base,
                           changes=json.dumps(changes), mutation_id=mutation))
        session.commit()
    return str(mutation)


def _refusal(database, mutation):
    return next(c for c in local_conflicts(database) if c["mutation_id"] == mutation)


def test_an_entry_is_approved_centrally_only_by_a_second_login(two_officers, tmp_path):
    url = two_officers
    a, b = desk(tmp_path, "a"), desk(tmp_path, "b")
    heping, heping2 = login(url, "heping"), login(url, "heping2")
    sync(a, heping, actor="heping")
    sync(b, heping2, actor="heping2")
    trainee_id = _a_heping_trainee(a)
    with UnitOfWork(a, RECORDER) as uow:
        entry = rec.add_entry(uow, RECORDER, trainee_id, rec.RecognitionEntry(
            "paper_core_first", 1, 2025, "刊物封面、目录及论文复印件", "论文《四眼原则》"))
    assert sync(a, heping, actor="heping").pushed == 1
    assert _owner_rows(url, "SELECT status, recorded_by FROM recognised_hours WHERE id = :id",
                       id=entry.id) == [("pending", "heping")]

    # The recorder's own login approves, naming someone else as the decider: the central
    # database takes the decider from the login and refuses.
    with a.engine.begin() as connection:
        version = connection.exec_driver_sql("SELECT row_version FROM recognised_hours WHERE id = ?",
                                             (entry.id.hex,)).scalar()
    mutation = _push_raw(a, "recognised_hours", entry.id, "update", version,
                         {"status": "approved", "decided_by": "heping2", "decided_at": "2026-12-01T10:00:00"})
    report = sync(a, heping, actor="heping")
    assert report.refused == 1 and report.pushed == 0
    assert "不能审核自己登记的认定" in _refusal(a, mutation)["reason"]
    assert _owner_rows(url, "SELECT status, decided_by FROM recognised_hours WHERE id = :id",
                       id=entry.id) == [("pending", None)]

    # Recorded as already approved: refused too.
    new_id = uuid.uuid4()
    mutation = _push_raw(a, "recognised_hours", new_id, "insert", 0, {
        "trainee_id": str(trainee_id), "rule_id": str(PAPER), "year": 2025, "kind": "paper_core_first",
        "title": "伪造", "quantity": 1.0, "hours_per_unit": 32.0, "claimed_hours": 32.0, "hours": 32.0,
        "category": "professional", "evidence": "无", "status": "approved", "note": None, "recorded_by": "someone",
        "recorded_at": "2026-12-01T10:00:00", "decided_by": "heping", "decided_at": "2026-12-01T10:00:00",
        "reject_reason": None, "deleted_at": None})
    assert sync(a, heping, actor="heping").refused == 1
    assert "须先以“待审核”登记" in _refusal(a, mutation)["reason"]
    assert _owner_rows(url, "SELECT count(*) FROM recognised_hours WHERE id = :id", id=new_id) == [(0,)]

    # The second officer's desk approves: applied centrally, counted on every desk.
    sync(b, heping2, actor="heping2")
    with UnitOfWork(b, SECOND) as uow:
        rec.approve(uow, SECOND, entry.id)
    assert sync(b, heping2, actor="heping2").pushed == 1
    assert _owner_rows(url, "SELECT status, decided_by, recorded_by FROM recognised_hours WHERE id = :id",
                       id=entry.id) == [("approved", "heping2", "heping")]
    c = desk(tmp_path, "c")
    sync(c, heping, actor="heping")
    assert_converged(c, heping)
    with c.engine.connect() as connection:
        hours = connection.exec_driver_sql("SELECT professional FROM trainee_year_hours WHERE trainee_id = ? "
                                           "AND year = 2025", (trainee_id.hex,)).scalar()
    with b.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT professional FROM trainee_year_hours WHERE trainee_id = ? "
                                          "AND year = 2025", (trainee_id.hex,)).scalar() == hours >= 32

    # A decided entry cannot be turned back, not even by a third login.
    with b.engine.connect() as connection:
        version = connection.exec_driver_sql("SELECT row_version FROM recognised_hours WHERE id = ?",
                                             (entry.id.hex,)).scalar()
    mutation = _push_raw(b, "recognised_hours", entry.id, "update", version, {"status": "rejected",
                                                                               "reject_reason": "改主意"})
    assert sync(b, heping2, actor="heping2").refused == 1
    assert "已审核" in _refusal(b, mutation)["reason"]

    # Even the owner cannot store a decision by the recorder: the CHECK constraint.
    with pytest.raises(sa.exc.IntegrityError, match="four_eyes"):
        with sa.create_engine(url).begin() as connection:
            connection.execute(sa.text("UPDATE recognised_hours SET decided_by = recorded_by WHERE id = :id"),
                               {"id": entry.id})


def test_only_the_city_writes_the_conversion_table_centrally(two_officers, tmp_path):
    url = two_officers
    with login(url, "heping").connect() as connection:  # the unit officer's raw login
        for statement in ("UPDATE recognition_rule SET hours_per_unit = 200",
                          "DELETE FROM recognition_rule",
                          "INSERT INTO recognition_rule (id, kind, kind_group, name, unit, hours_per_unit, category, "
                          "yearly_cap, evidence, is_default, active, sort_order, row_version, updated_at) VALUES "
                          "(gen_random_uuid(), 'x', 'paper', 'x', '篇', 99, 'professional', 999, 'x', false, true, 0, "
                          "1, now())"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                connection.exec_driver_sql(statement)
            connection.rollback()
        assert connection.exec_driver_sql("SELECT count(*) FROM recognition_rule").scalar() == 16  # read by all
    a = desk(tmp_path, "a")
    heping = login(url, "heping")
    sync(a, heping, actor="heping")
    mutation = _push_raw(a, "recognition_rule", PAPER, "update", 1, {"hours_per_unit": 200.0})
    assert sync(a, heping, actor="heping").refused == 1
    assert "不能修改学时认定折算标准" in _refusal(a, mutation)["reason"]
    assert _owner_rows(url, "SELECT hours_per_unit FROM recognition_rule WHERE id = :id", id=PAPER) == [(32.0,)]

    city_desk = desk(tmp_path, "city")
    city = login(url, "city")
    sync(city_desk, city, actor="city")
    with UnitOfWork(city_desk, CITY) as uow:
        rec.set_rule(uow, CITY, "paper_core_first", rec.RuleChange(hours_per_unit=40))
    assert sync(city_desk, city, actor="city").pushed == 1
    sync(a, heping, actor="heping")
    with a.session_factory() as session:
        assert [r.hours_per_unit for r in rec.list_rules(session) if r.kind == "paper_core_first"] == [40]
    assert_converged(a, heping)


def test_a_unit_entry_stays_in_its_scope(two_officers, tmp_path):
    url = two_officers
    a = desk(tmp_path, "a")
    heping = login(url, "heping")
    sync(a, heping, actor="heping")
    with UnitOfWork(a, RECORDER) as uow:
        entry = rec.add_entry(uow, RECORDER, _a_heping_trainee(a), rec.RecognitionEntry(
            "lecture_given", 4, 2025, "主办单位证明", "讲座"))
    sync(a, heping, actor="heping")
    with login(url, "hexi").connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM recognised_hours WHERE id = :id"),
                                  {"id": entry.id}).scalar() == 0
    with a.session_factory() as session:
        assert session.get(RecognisedHours, entry.id).status == "pending"
