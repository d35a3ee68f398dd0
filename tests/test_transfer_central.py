"""调入 judged by the central PostgreSQL itself (#16 item 2): a sibling unit's raw login cannot
move an 在职 person — neither by a crafted push nor by the claim function — and the claim is
accepted once the person's unit marked them 离职 at its own desk; the person and their archives
then arrive at the claiming desk and leave the old one."""

import json
import uuid

import pytest
import sqlalchemy as sa

from sync_support import HEPING, HEXI, desk, login
from tjce_desktop.domain.enums import Role
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.trainee_transfer import (
    REGISTERED_ELSEWHERE,
    TransferRefused,
    claim_on_central,
    transfer_in,
)
from tjce_desktop.services.trainees import set_left
from tjce_desktop.storage.models import Enrollment, Outbox, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.engine import local_conflicts, sync

pytestmark = pytest.mark.postgres

HEPING_OFFICER = Actor("heping", scope_path=HEPING, role=Role.UNIT_SUPERVISOR)
HEXI_OFFICER = Actor("hexi", scope_path=HEXI, role=Role.UNIT_SUPERVISOR)


def _owner_one(url, sql, **params):
    with sa.create_engine(url).connect() as connection:
        return connection.execute(sa.text(sql), params).one()


def _person(url):
    """A 河西区 在职 person with archives: (id, id_number, real_name, username, archives)."""
    return _owner_one(url, "SELECT t.id, t.id_number, t.real_name, t.username, count(e.id) FROM trainee t "
                           "JOIN enrollment e ON e.trainee_id = t.id WHERE starts_with(t.org_path, :p) AND t.active "
                           "GROUP BY t.id ORDER BY t.username LIMIT 1", p=HEXI)


def test_an_active_person_cannot_be_moved_by_a_sibling_then_is_claimed_after_leaving(central, tmp_path):
    url = central
    person_id, number, real_name, username, archives = _person(url)
    heping_org = _owner_one(url, "SELECT id FROM org WHERE path = :p", p=HEPING)[0]
    before = _owner_one(url, "SELECT org_path, active, row_version FROM trainee WHERE id = :id", id=person_id)

    # 1. A crafted push from a 和平区 desk: move the 在职 person and make them 在职 here.
    heping_engine, heping_desk = login(url, "heping"), desk(tmp_path, "heping")
    sync(heping_desk, heping_engine, actor="heping")
    mutation = uuid.uuid4()
    with heping_desk.session_factory() as session:
        session.add(Outbox(table_name="trainee", row_id=person_id, operation="update", base_version=before.row_version,
                           changes=json.dumps({"org_id": str(heping_org), "active": True}), mutation_id=mutation))
        session.commit()
    report = sync(heping_desk, heping_engine, actor="heping")
    assert report.refused == 1 and report.pushed == 0
    refusal = next(c for c in local_conflicts(heping_desk) if c["mutation_id"] == str(mutation))
    assert "不在账户“heping”的管辖范围内" in refusal["reason"]
    assert _owner_one(url, "SELECT org_path, active, row_version FROM trainee WHERE id = :id", id=person_id) == before

    # 2. The claim function over the raw login: refused with a code, nothing of the person said.
    with heping_engine.begin() as connection:
        answer = connection.execute(sa.text("SELECT * FROM tjce_claim_trainee(:n, :o)"),
                                    {"n": number, "o": heping_org}).one()
    assert tuple(answer) == ("active", 0)
    assert _owner_one(url, "SELECT org_path, active, row_version FROM trainee WHERE id = :id", id=person_id) == before
    with UnitOfWork(heping_desk, "heping") as uow, pytest.raises(TransferRefused) as refused:
        claim_on_central(uow, login(url, "heping"), HEPING_OFFICER, number, heping_org)
    message = str(refused.value)
    assert REGISTERED_ELSEWHERE in message and real_name not in message and username not in message
    assert "河西区" not in message
    # Another org than the login's own is refused too.
    hexi_org = _owner_one(url, "SELECT id FROM org WHERE path = :p", p=HEXI)[0]
    with heping_engine.begin() as connection:
        assert connection.execute(sa.text("SELECT answer FROM tjce_claim_trainee(:n, :o)"),
                                  {"n": number, "o": hexi_org}).scalar() == "org"

    # 3. 河西区 marks the person 离职 at its own desk and syncs.
    hexi_engine, hexi_desk = login(url, "hexi"), desk(tmp_path, "hexi")
    sync(hexi_desk, hexi_engine, actor="hexi")
    with UnitOfWork(hexi_desk, "hexi") as uow:
        assert set_left(uow, HEXI_OFFICER, [person_id], True) == 1
    sync(hexi_desk, hexi_engine, actor="hexi")
    assert _owner_one(url, "SELECT active FROM trainee WHERE id = :id", id=person_id)[0] is False

    # 4. Now the claim is accepted; the person and the archives arrive at 和平区 and leave 河西区.
    # (the window's and the CLI's way: not on this desk, so on the central database)
    with UnitOfWork(heping_desk, "heping") as uow:
        result = transfer_in(uow, HEPING_OFFICER, number.lower(), heping_org, central=lambda: login(url, "heping"))
    assert result.archives == archives > 0 and result.trainee_id is None
    after = _owner_one(url, "SELECT org_path, active, left_on FROM trainee WHERE id = :id", id=person_id)
    assert tuple(after) == (HEPING, True, None)
    assert _owner_one(url, "SELECT count(*) FROM enrollment WHERE trainee_id = :id AND org_path = :p",
                      id=person_id, p=HEPING)[0] == archives
    sync(heping_desk, heping_engine, actor="heping")
    with UnitOfWork(heping_desk) as uow:
        arrived = uow.session.get(Trainee, person_id)
        assert arrived is not None and arrived.active and arrived.org_path == HEPING
        assert uow.session.query(Enrollment).filter_by(trainee_id=person_id).count() == archives
    sync(hexi_desk, hexi_engine, actor="hexi")
    with UnitOfWork(hexi_desk) as uow:
        assert uow.session.get(Trainee, person_id) is None  # left 河西区's scope
    with heping_engine.begin() as connection:  # a second claim: already here
        assert connection.execute(sa.text("SELECT answer FROM tjce_claim_trainee(:n, :o)"),
                                  {"n": number, "o": heping_org}).scalar() == "in_scope"
    for engine in (heping_engine, hexi_engine):
        engine.dispose()


def test_a_pushed_claim_of_a_person_who_left_is_accepted(central, tmp_path):
    """The judge's claim rule: an outbox update that claims a 离职 person into the scope applies."""
    url = central
    person_id, _number, _name, _username, _archives = _person(url)
    with sa.create_engine(url).begin() as owner:
        owner.execute(sa.text("UPDATE trainee SET active = false, left_on = '2026-10-01' WHERE id = :id"),
                      {"id": person_id})
    version = _owner_one(url, "SELECT row_version FROM trainee WHERE id = :id", id=person_id)[0]
    heping_org = _owner_one(url, "SELECT id FROM org WHERE path = :p", p=HEPING)[0]
    engine, database = login(url, "heping"), desk(tmp_path, "heping")
    sync(database, engine, actor="heping")
    with database.session_factory() as session:
        session.add(Outbox(table_name="trainee", row_id=person_id, operation="update", base_version=version,
                           changes=json.dumps({"org_id": str(heping_org), "active": True, "left_on": None})))
        session.commit()
    report = sync(database, engine, actor="heping")
    assert report.refused == 0 and report.pushed == 1, report.as_dict()
    assert tuple(_owner_one(url, "SELECT org_path, active FROM trainee WHERE id = :id", id=person_id)) == (HEPING,
                                                                                                            True)
    engine.dispose()


def test_batch_numbers_of_two_desks_travel_and_never_clash(central, tmp_path):
    """Two 和平区 desks stamp offline, each numbering its own batches; after syncing, the central
    database and both desks hold both numbers, different, with the desks' own codes."""
    from tjce_desktop.services import archive_query as q
    from tjce_desktop.services.stamping import stamp_archives

    url = central
    numbers = []
    desks = []
    for name in ("heping-a", "heping-b"):
        engine, database = login(url, "heping"), desk(tmp_path, name)
        sync(database, engine, actor="heping")
        scope = HEPING_OFFICER.scope(HEPING)
        with database.engine.connect() as c:
            rowids = q.all_rowids(c, scope, q.ArchiveFilter(status="finished", stamp_status="unstamped"))
            ids = q.enrollment_ids(c, scope, rowids[len(numbers) * 3:len(numbers) * 3 + 3])
        with UnitOfWork(database, "heping") as uow:
            numbers.append(stamp_archives(uow, HEPING_OFFICER, ids).batch_number)
        desks.append((engine, database))
    assert numbers[0] != numbers[1] and numbers[0][:8] == numbers[1][:8]  # GZ-<year>-, then the desk codes
    assert numbers[0].split("-")[2] != numbers[1].split("-")[2]
    for engine, database in desks + desks:
        sync(database, engine, actor="heping")
    with sa.create_engine(url).connect() as owner:
        central_numbers = set(owner.execute(sa.text("SELECT number FROM stamp_batch WHERE number = ANY(:n)"),
                                            {"n": numbers}).scalars())
    assert central_numbers == set(numbers)
    for _engine, database in desks:
        with database.engine.connect() as c:
            assert set(c.exec_driver_sql("SELECT number FROM stamp_batch WHERE number IN (?, ?)",
                                         tuple(numbers)).scalars()) == set(numbers)
    for engine, _database in desks:
        engine.dispose()
