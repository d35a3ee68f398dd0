"""Sync never loses a row: parents updated after their children, held rows, reconciliation."""

import base64
import uuid

import pytest
import sqlalchemy as sa

from sync_support import HEPING, HEXI, assert_converged, desk, hold_an_archive, login
from tjce_desktop.domain.enums import Role
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.stamping import set_seal_image
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync import reconcile
from tjce_desktop.sync.central import login_role_for
from tjce_desktop.sync.central_schema import TABLE_ORDER
from tjce_desktop.sync.engine import rebuild, sync
from tjce_desktop.sync.pull import held_rows

pytestmark = pytest.mark.postgres

# A 1×1 transparent PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
                       "60e6kgAAAABJRU5ErkJggg==")


def _scope_counts(engine):
    with engine.connect() as connection:
        return {name: connection.execute(sa.text(f"SELECT count(*) FROM {name}")).scalar()
                for name in ("org", "trainee", "enrollment")}


def test_a_new_desk_gets_every_row_after_a_parent_changed_after_its_children(central, tmp_path):
    """The reported loss: a seal image on 和平区 made a new desk receive 0 of its trainees."""
    heping = login(central, "heping")
    a = desk(tmp_path, "a")
    sync(a, heping, actor="heping")
    with UnitOfWork(a, "heping") as uow:
        org = find_org(uow.session, "和平区")
        set_seal_image(uow.session, Actor("heping", scope_path=HEPING, role=Role.UNIT_SUPERVISOR), org.id, PNG)
        uow.commit()
    sync(a, heping, actor="heping")
    city = login(central, "city")
    with sa.create_engine(central).begin() as connection:  # a plan edited after archives exist: it now comes last
        connection.execute(sa.text("UPDATE training_plan SET name = name || '（修订）' WHERE id = "
                                   "(SELECT id FROM training_plan ORDER BY name LIMIT 1)"))
    b = desk(tmp_path, "b")
    report = sync(b, heping, actor="heping")
    assert report.held == 0 and report.check_clean, report.as_dict()
    with b.engine.connect() as local:
        local_counts = {name: local.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar()
                        for name in ("org", "trainee", "enrollment")}
        assert local.exec_driver_sql("SELECT seal_image IS NOT NULL FROM org WHERE path = ?", (HEPING,)).scalar()
    assert local_counts == _scope_counts(heping)
    assert local_counts["trainee"] > 0
    assert_converged(b, heping)
    c = desk(tmp_path, "c")  # the city sees the whole tree
    sync(c, city, actor="city")
    assert_converged(c, city)


def test_a_row_that_cannot_be_stored_is_held_retried_and_shown(central, tmp_path):
    heping = login(central, "heping")
    a = desk(tmp_path, "a")
    sync(a, heping, actor="heping")
    archive, plan = hold_an_archive(a, central)
    report = sync(a, heping, actor="heping", check=False)
    assert report.newly_held == 1 and report.held == 1
    held = held_rows(a)
    assert held[0]["row_id"] == str(uuid.UUID(archive)) and "培训计划" in held[0]["reason"]
    assert any("无法存入本机" in warning and "不会丢失" in warning for warning in report.warnings)
    found = reconcile.check(a, heping)
    assert not found.clean and found.held == 1
    assert {t.table_name for t in found.tables if not t.matches} >= {"training_plan", "enrollment"}
    # The next sync reconciles: the plan and its archives come back, the held row is stored.
    report = sync(a, heping, actor="heping")
    assert report.check_clean and report.held == 0 and report.repaired > 0
    assert plan in {r[0] for r in a.engine.connect().exec_driver_sql("SELECT id FROM training_plan")}
    assert_converged(a, heping)


def test_check_finds_and_repair_fixes_every_kind_of_difference(central, tmp_path):
    heping = login(central, "heping")
    a = desk(tmp_path, "a")
    sync(a, heping, actor="heping")
    assert reconcile.check(a, heping).clean
    with a.engine.begin() as local:
        local.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        gone = local.exec_driver_sql("SELECT id FROM exam_attempt LIMIT 3").scalars().all()
        local.exec_driver_sql(f"DELETE FROM exam_attempt WHERE id IN ({','.join('?' * len(gone))})", tuple(gone))
        local.exec_driver_sql("UPDATE trainee SET row_version = row_version + 5, phone = '0' WHERE rowid IN "
                              "(SELECT rowid FROM trainee LIMIT 2)")
        org = local.exec_driver_sql("SELECT id FROM org WHERE path = ?", (HEPING,)).scalar()
        local.exec_driver_sql(
            "INSERT INTO stamp_batch (id, org_id, method, stamped_by, stamped_at, archive_count, row_version, "
            "updated_at) VALUES (?, ?, 'electronic', 'ghost', '2026-01-01 00:00:00', 0, 1, '2026-01-01 00:00:00')",
            (uuid.uuid4().hex, org))
    found = reconcile.check(a, heping)
    assert {t.table_name for t in found.tables if not t.matches} == {"exam_attempt", "trainee", "stamp_batch"}
    repaired = reconcile.repair(a, heping)
    assert repaired.fetched == 5 and repaired.removed == 1
    assert reconcile.check(a, heping).clean
    assert_converged(a, heping)


def test_reconcile_reads_what_the_policy_lets_read(central):
    """The reconciliation finds a scope's rows from its key range, with the owner's rights;
    for every table and login it must give the figures of exactly the rows the read policy
    shows — also a stamp batch of another district that a moved trainee's archive refers to."""
    with sa.create_engine(central).begin() as owner:
        moved, batch = owner.execute(sa.text(
            "SELECT e.trainee_id, e.stamp_batch_id FROM enrollment e WHERE e.stamp_batch_id IS NOT NULL "
            "AND starts_with(e.org_path, :heping) LIMIT 1"), {"heping": HEPING}).one()
        owner.execute(sa.text("UPDATE trainee SET org_id = (SELECT id FROM org WHERE path = :hexi) WHERE id = :id"),
                      {"hexi": HEXI, "id": moved})
    figures = ("SELECT right(id::text, 2) AS b, count(*), sum(tjce_row_hash(id, row_version))::numeric "
               "FROM {t} WHERE NOT (id = ANY(:x)) GROUP BY 1 ORDER BY 1")
    for who in ("heping", "hexi", "city"):
        with login(central, who).connect() as connection:
            for table_name in TABLE_ORDER:
                visible = dict(connection.execute(sa.text(f"SELECT id, row_version FROM {table_name}")).all())
                left_out = list(visible)[:3]
                by_policy = connection.execute(sa.text(figures.format(t=table_name)), {"x": left_out}).all()
                by_range = connection.execute(sa.text(
                    "SELECT * FROM tjce_reconcile(:t, CAST(:x AS uuid[])) ORDER BY 1"),
                    {"t": table_name, "x": left_out}).all()
                assert by_range == by_policy, (who, table_name)
                buckets = sorted({row_id.hex[-2:] for row_id in visible})[:40]
                rows = dict(connection.execute(sa.text(
                    "SELECT * FROM tjce_reconcile_rows(:t, CAST(:b AS text[]), '{}')"),
                    {"t": table_name, "b": buckets}).all())
                assert rows == {k: v for k, v in visible.items() if k.hex[-2:] in buckets}, (who, table_name)
            if who == "hexi":
                assert batch in set(connection.exec_driver_sql("SELECT id FROM stamp_batch").scalars())
    with login(central, "heping").connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM trainee WHERE id = :id"), {"id": moved}).scalar() == 0


def test_rebuild_fetches_the_scope_afresh_and_keeps_unpushed_changes(central, tmp_path):
    heping = login(central, "heping")
    a = desk(tmp_path, "a")
    sync(a, heping, actor="heping")
    with a.engine.begin() as local:
        local.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        local.exec_driver_sql("DELETE FROM course_progress")
    assert not reconcile.check(a, heping).clean
    report = rebuild(a, heping, actor="heping")
    assert report.check_clean
    assert_converged(a, heping)


@pytest.mark.parametrize("hold", ["SELECT pg_advisory_lock(73450123)", "SELECT pg_try_advisory_xact_lock(1)",
                                  "LOCK TABLE trainee IN ACCESS EXCLUSIVE MODE",
                                  "LOCK TABLE sync_conflict IN EXCLUSIVE MODE",
                                  "SELECT id FROM trainee FOR UPDATE", "SELECT id FROM org FOR SHARE"])
def test_a_login_cannot_take_a_lock_that_would_stall_the_others(central, hold):
    with login(central, "hexi").connect() as hostile:
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            hostile.execute(sa.text(hold))


def _pending_change(central, tmp_path):
    heping = login(central, "heping")
    a = desk(tmp_path, "a")
    sync(a, heping, actor="heping")
    with UnitOfWork(a, "heping") as uow:  # something to push
        from tjce_desktop.storage.models import Trainee

        row = uow.session.get(Trainee, uuid.UUID(a.engine.connect().exec_driver_sql("SELECT id FROM trainee").scalar()))
        row.phone = "13900000000"
        uow.commit()
    return a, heping


@pytest.mark.parametrize("then", ["idle", "sleep", "push again"])
def test_a_login_sitting_on_the_push_lock_is_cut_off(central, tmp_path, then):
    """A sibling unit's login pushes nothing and keeps the push lock: idle in its transaction,
    or running another statement, or pushing again in the same transaction. The desk of
    another unit still syncs within the bound: the session is ended (idle 5 s, another
    statement 2 s), and a second push in one transaction is refused."""
    import threading
    import time

    a, heping = _pending_change(central, tmp_path)
    hostile = login(central, "hexi").connect()
    hostile.execute(sa.text("SELECT tjce_push('[]'::jsonb, 'hostile')"))
    errors: list[Exception] = []

    def keep_busy() -> None:
        try:
            hostile.execute(sa.text("SELECT pg_sleep(120)"))
        except Exception as exc:  # noqa: BLE001 — the session is ended under it
            errors.append(exc)

    sleeper = threading.Thread(target=keep_busy)
    if then == "sleep":
        sleeper.start()
    if then == "push again":
        with pytest.raises(sa.exc.DBAPIError, match="一个事务只能上传一批修改"):
            hostile.execute(sa.text("SELECT tjce_push('[]'::jsonb, 'hostile')"))
        hostile.rollback()
        hostile.execute(sa.text("SELECT tjce_push('[]'::jsonb, 'hostile')"))
    started = time.monotonic()
    report = sync(a, heping, actor="heping")
    assert report.pushed == 1 and report.check_clean
    assert time.monotonic() - started < 10
    if then == "sleep":
        sleeper.join(timeout=30)
        assert errors and isinstance(errors[0], sa.exc.OperationalError)
    else:
        with pytest.raises(sa.exc.OperationalError):
            hostile.execute(sa.text("SELECT 1"))
    hostile.close()
    # Ended while running something else: that login is paused for two minutes; idle once: forgiven.
    with login(central, "hexi").connect() as again:
        if then == "sleep":
            with pytest.raises(sa.exc.DBAPIError, match="两分钟内暂停上传"):
                again.execute(sa.text("SELECT tjce_push('[]'::jsonb, 'hostile')"))
        else:
            assert again.execute(sa.text("SELECT tjce_push('[]'::jsonb, 'hostile')")).scalar() == []


@pytest.mark.parametrize("how", ["sleeping", "idle"])
def test_several_sessions_of_one_login_cannot_take_turns_on_the_push_lock(central, tmp_path, how):
    """Three sessions of a sibling unit's login push nothing and sit on the lock in turn,
    reconnecting when ended (they also end each other): the other unit's desk still syncs."""
    import threading
    import time

    from tjce_desktop.sync.busy import SyncBusy

    a, heping = _pending_change(central, tmp_path)
    stop = threading.Event()

    def attacker() -> None:
        engine = login(central, "hexi")
        while not stop.is_set():
            try:
                with engine.connect() as connection:
                    connection.execute(sa.text("SELECT tjce_push('[]'::jsonb, 'hostile')"))
                    if how == "sleeping":
                        connection.execute(sa.text("SELECT pg_sleep(30)"))
                    else:
                        stop.wait(30)
                        connection.execute(sa.text("SELECT 1"))
            except sa.exc.DBAPIError:
                time.sleep(0.05)
        engine.dispose()

    attackers = [threading.Thread(target=attacker) for _ in range(3)]
    for thread in attackers:
        thread.start()
    owner = sa.create_engine(central)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # an attacker holds the push lock before the desk comes
            with owner.connect() as connection:
                if connection.execute(sa.text(
                        "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                        "WHERE l.locktype = 'advisory' AND l.objid = 73450123 AND l.granted AND a.usename = :u"),
                        {"u": login_role_for("hexi")}).scalar():
                    break
            time.sleep(0.05)
        else:
            pytest.fail("no attacker took the push lock")
        started = time.monotonic()
        for _attempt in range(2):  # idle turns may cost the desk one busy answer, never more
            try:
                report = sync(a, heping, actor="heping")
                break
            except SyncBusy:
                assert how == "idle"
        assert report.pushed == 1 and report.check_clean
        assert time.monotonic() - started < (12 if how == "sleeping" else 24)
    finally:
        stop.set()
        with owner.connect() as connection:  # end the sleepers
            connection.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :u"),
                               {"u": login_role_for("hexi")})
        for thread in attackers:
            thread.join(timeout=40)
