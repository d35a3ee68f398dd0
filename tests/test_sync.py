"""The central PostgreSQL database and the sync engine, against a real server.

Desks are real SQLite files; administrators connect with their own SCRAM login roles.
"""

import datetime as dt
import shutil
import uuid

import pytest
import sqlalchemy as sa

from sync_support import HEPING, HEXI, PASSWORDS, Boom, assert_converged, desk, login
from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.services import central_admin
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainees import TraineeForm, add_trainee, move_trainees
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.models import Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.central_schema import SCOPE_OF
from tjce_desktop.sync.conflicts import resolve
from tjce_desktop.sync.engine import local_conflicts, sync

pytestmark = pytest.mark.postgres

def test_a_login_sees_and_changes_only_its_subtree(central):
    owner = sa.create_engine(central)
    heping = login(central, "heping")
    with owner.connect() as connection:
        sibling = {}
        for table_name, scope in SCOPE_OF.items():
            if scope is None or table_name == "org":  # the tree is read by all, written only in the subtree
                continue
            sibling[table_name] = set(connection.execute(sa.text(
                f"SELECT id FROM {table_name} WHERE starts_with({scope}, :path)"), {"path": HEXI}).scalars())
        hexi_trainee = connection.execute(sa.text("SELECT id FROM trainee WHERE org_path LIKE :p LIMIT 1"),
                                          {"p": HEXI + "%"}).scalar()
        hexi_org = connection.execute(sa.text("SELECT id FROM org WHERE path = :p"), {"p": HEXI}).scalar()
    assert all(sibling[name] for name in ("trainee", "enrollment", "course_progress", "exam_attempt"))
    with heping.connect() as connection:
        for table_name, ids in sibling.items():
            visible = set(connection.execute(sa.text(f"SELECT id FROM {table_name}")).scalars())
            assert not (visible & ids), table_name
            assert table_name == "org" or visible or table_name in (
                "certificate", "certificate_registration", "certificate_reissue", "other_learning", "title_change",
                "stamp_batch", "admin_user", "issued_sheet", "recognised_hours"), table_name
        assert connection.execute(sa.text("SELECT count(*) FROM training_plan")).scalar() == 9  # reference data
        # No login writes a table directly, not even in its own subtree: only tjce_push writes.
        for statement in ("UPDATE trainee SET phone = '1' WHERE id = :id",
                          "UPDATE org SET name = '改名' WHERE id = :id", "DELETE FROM trainee WHERE id = :id"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                connection.execute(sa.text(statement), {"id": hexi_trainee})
            connection.rollback()
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            connection.execute(sa.text(
                "INSERT INTO trainee (id, org_id, org_path, username, real_name, id_number, gender, birth_date, "
                "title_level, post_type, high_tech, active, registered_at, row_version, updated_at) VALUES "
                "(:id, :org, :path, 'x1', '某', '11010519491231002X', 'male', '1949-12-31', 'none', 'professional', "
                "false, true, now(), 1, now())"), {"id": uuid.uuid4(), "org": hexi_org, "path": HEXI})
        connection.rollback()
        with pytest.raises(sa.exc.ProgrammingError):
            connection.execute(sa.text("SELECT * FROM sync_admin")).all()
    with pytest.raises(sa.exc.OperationalError, match="password authentication failed"):
        with login(central, "heping", "wrong-password").connect():
            pass


def test_first_sync_pulls_the_scope_and_two_desks_merge_or_conflict(central, tmp_path):
    engine = login(central, "heping")
    a, b = desk(tmp_path, "a"), desk(tmp_path, "b")
    first = sync(a, engine, actor="heping")
    assert first.pulled > 0 and first.pushed == 0
    sync(b, engine, actor="heping")
    assert_converged(a, engine)
    with a.engine.connect() as c:
        outside = c.exec_driver_sql("SELECT count(*) FROM trainee WHERE org_path NOT LIKE ?", (HEPING + "%",))
        assert outside.scalar() == 0
        trainees = [uuid.UUID(r[0]) for r in c.exec_driver_sql("SELECT id FROM trainee ORDER BY id LIMIT 3")]
        assert c.exec_driver_sql("SELECT count(*) FROM admin_user").scalar() == 1  # the login's own account

    def edit(database, trainee_id, **values):
        with UnitOfWork(database, "heping") as uow:
            row = uow.session.get(Trainee, trainee_id)
            for key, value in values.items():
                setattr(row, key, value)
            uow.commit()

    # Different fields of one trainee: merged.
    edit(a, trainees[0], phone="13900000001")
    edit(b, trainees[0], email="b@example.cn")
    assert sync(a, engine, actor="heping").pushed == 1
    report = sync(b, engine, actor="heping")
    assert report.merged == 1 and report.conflicts == 0
    sync(a, engine, actor="heping")
    for database in (a, b):
        with database.engine.connect() as c:
            assert c.exec_driver_sql("SELECT phone, email FROM trainee WHERE id = ?", (trainees[0].hex,)).one() == (
                "13900000001", "b@example.cn")
        assert_converged(database, engine)

    # The same field: one conflict, nothing overwritten; resolved by keeping mine.
    edit(a, trainees[1], phone="13900000002")
    edit(b, trainees[1], phone="13700000002")
    sync(a, engine, actor="heping")
    report = sync(b, engine, actor="heping")
    assert report.conflicts == 1
    conflicts = local_conflicts(b)
    assert len(conflicts) == 1 and conflicts[0]["kind"] == "same_field" and conflicts[0]["fields"] == ["phone"]
    assert conflicts[0]["mine"] == {"phone": "13700000002"} and conflicts[0]["central"]["phone"] == "13900000002"
    with b.engine.connect() as c:  # until resolved, b shows central's value; its own is kept in the conflict
        assert c.exec_driver_sql("SELECT phone FROM trainee WHERE id = ?", (trainees[1].hex,)).scalar() == "13900000002"
    resolve(b, engine, conflicts[0]["id"], "mine", actor="heping")
    sync(b, engine, actor="heping")
    sync(a, engine, actor="heping")
    assert local_conflicts(a) == []
    with a.engine.connect() as c:
        assert c.exec_driver_sql("SELECT phone FROM trainee WHERE id = ?", (trainees[1].hex,)).scalar() == "13700000002"

    # Delete against edit: a conflict; keeping central's closes it.
    edit(a, trainees[2], deleted_at=dt.datetime(2026, 11, 29, 10))
    edit(b, trainees[2], phone="13600000003")
    sync(b, engine, actor="heping")
    report = sync(a, engine, actor="heping")
    assert report.conflicts == 1 and local_conflicts(a)[0]["kind"] == "delete_edited"
    resolve(a, engine, local_conflicts(a)[0]["id"], "central", actor="heping")
    for database in (a, b, a):
        sync(database, engine, actor="heping")
    assert local_conflicts(a) == [] and local_conflicts(b) == []
    assert_converged(a, engine)
    assert_converged(b, engine)


def test_the_same_id_number_added_at_two_desks_becomes_one_trainee(central, tmp_path):
    engine = login(central, "heping")
    a, b = desk(tmp_path, "a"), desk(tmp_path, "b")
    sync(a, engine, actor="heping")
    sync(b, engine, actor="heping")
    number = make_id_number("120101", dt.date(1990, 5, 5), 321)
    actor = Actor("heping", scope_path=HEPING, role=Role.UNIT_SUPERVISOR)
    for database, username in ((a, "dup_a"), (b, "dup_b")):
        with UnitOfWork(database, "heping") as uow:
            add_trainee(uow, actor, TraineeForm(username, "重复者", number, find_org(uow.session, "和平区").id))
    sync(a, engine, actor="heping")
    report = sync(b, engine, actor="heping")
    assert report.conflicts == 1
    conflict = local_conflicts(b)[0]
    assert conflict["kind"] == "duplicate" and conflict["central"]["id_number"] == number
    resolve(b, engine, conflict["id"], "merge", actor="heping")
    sync(b, engine, actor="heping")
    for database in (a, b):
        with database.engine.connect() as c:
            assert c.exec_driver_sql("SELECT count(*) FROM trainee WHERE id_number = ?", (number,)).scalar() == 1
        assert_converged(database, engine)


def test_replayed_pushes_change_central_data_once(central, tmp_path):
    engine = login(central, "heping")
    a = desk(tmp_path, "a")
    sync(a, engine, actor="heping")
    with a.engine.connect() as c:
        trainee_id = uuid.UUID(c.exec_driver_sql("SELECT id FROM trainee LIMIT 1").scalar())
    with UnitOfWork(a, "heping") as uow:
        uow.session.get(Trainee, trainee_id).phone = "13500000000"
        uow.commit()
    with a.engine.connect() as c:
        batch = c.exec_driver_sql("SELECT * FROM sync_outbox").all()
    for _ in range(3):  # the same batch, three times
        with a.engine.begin() as c:
            c.exec_driver_sql("DELETE FROM sync_outbox")
            for row in batch:
                c.exec_driver_sql("INSERT INTO sync_outbox VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tuple(row))
        sync(a, engine, actor="heping")
    with engine.connect() as c:
        assert c.execute(sa.text("SELECT row_version FROM trainee WHERE id = :id"), {"id": trainee_id}).scalar() == 2
    with sa.create_engine(central).connect() as c:  # the change log is the owner's
        assert c.execute(sa.text("SELECT count(*) FROM sync_change_log WHERE row_id = :id"),
                         {"id": trainee_id}).scalar() == 1
    assert_converged(a, engine)


@pytest.mark.parametrize("step", ["before_push", "after_central_commit_pending", "after_central_commit",
                                  "mid_pull_page"])
def test_a_sync_killed_at_any_step_finishes_next_time(central, tmp_path, step):
    engine = login(central, "heping")
    a = desk(tmp_path, "a")
    if step == "mid_pull_page":
        with pytest.raises(Boom):
            sync(a, engine, actor="heping", fault=lambda at: (_ for _ in ()).throw(Boom()) if at == step else None)
        sync(a, engine, actor="heping")
        assert_converged(a, engine)
        return
    sync(a, engine, actor="heping")
    actor = Actor("heping", scope_path=HEPING, role=Role.UNIT_SUPERVISOR)
    with UnitOfWork(a, "heping") as uow:
        added = add_trainee(uow, actor, TraineeForm("fault1", "断线测试",
                                                    make_id_number("120101", dt.date(1991, 1, 1), 5),
                                                    find_org(uow.session, "和平区").id))
    with pytest.raises(Boom):
        sync(a, engine, actor="heping", fault=lambda at: (_ for _ in ()).throw(Boom()) if at == step else None)
    sync(a, engine, actor="heping")
    with engine.connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM trainee WHERE id = :id"), {"id": added.id}).scalar() == 1
    assert_converged(a, engine)


def test_a_trainee_moved_to_another_subtree_leaves_one_desk_and_reaches_the_other(central, tmp_path):
    heping, hexi, city = login(central, "heping"), login(central, "hexi"), login(central, "city")
    a, b, c_desk = desk(tmp_path, "a"), desk(tmp_path, "b"), desk(tmp_path, "c")
    for database, engine, name in ((a, heping, "heping"), (b, hexi, "hexi"), (c_desk, city, "city")):
        sync(database, engine, actor=name)
    with a.engine.connect() as c:
        moving = uuid.UUID(c.exec_driver_sql(
            "SELECT t.id FROM trainee t JOIN enrollment e ON e.trainee_id = t.id LIMIT 1").scalar())
        archives = c.exec_driver_sql("SELECT count(*) FROM enrollment WHERE trainee_id = ?", (moving.hex,)).scalar()
    with UnitOfWork(c_desk, "city") as uow:
        admin = Actor("city", scope_path="/", role=Role.CITY_ADMIN)
        move_trainees(uow, admin, [moving], find_org(uow.session, "河西区").id)
    sync(c_desk, city, actor="city")
    report = sync(a, heping, actor="heping")
    assert report.removed >= 1 + archives
    sync(b, hexi, actor="hexi")
    with a.engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM trainee WHERE id = ?", (moving.hex,)).scalar() == 0
    with b.engine.connect() as c:
        assert c.exec_driver_sql("SELECT org_path FROM trainee WHERE id = ?", (moving.hex,)).scalar() == HEXI
        moved = c.exec_driver_sql("SELECT count(*) FROM enrollment WHERE trainee_id = ?", (moving.hex,))
        assert moved.scalar() == archives
    for database, engine in ((a, heping), (b, hexi), (c_desk, city)):
        assert_converged(database, engine)
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)


# --- many desks, random work, kills: when all have synced, every cache equals its scope ----------


@pytest.fixture(scope="module")
def small_source(tmp_path_factory):
    from tjce_desktop.services.demo import build_demo

    path = tmp_path_factory.mktemp("small") / "small.sqlite3"
    database = open_database(path)
    build_demo(database, trainees=120, seed=11, as_of=dt.date(2026, 11, 29), workers=0)
    database.dispose()
    return path


def test_random_work_on_several_desks_converges(pg_server, small_source, tmp_path):
    import psycopg
    from hypothesis import HealthCheck, settings
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

    from tjce_desktop.services.stamping import set_seal_image
    from tjce_desktop.storage.models import Course, TrainingPlan

    admin = f"host={pg_server['host']} port={pg_server['port']} user={pg_server['user']} dbname=postgres"
    counter = iter(range(10_000))

    class Desks(RuleBasedStateMachine):
        @initialize()
        def start(self):
            name = f"h_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')
            self.url = f"postgresql+psycopg://{pg_server['user']}@{pg_server['host']}:{pg_server['port']}/{name}"
            central_admin.init_central(self.url, from_local=small_source)
            for username, org in (("heping", "和平区"), ("city", "天津市")):
                central_admin.add_admin(self.url, username=username, password=PASSWORDS[username],
                                        role=Role.CITY_ADMIN if username == "city" else Role.UNIT_SUPERVISOR,
                                        org_reference=org)
            folder = tmp_path / name
            folder.mkdir()
            self.desks = [(open_database(folder / f"d{n}.sqlite3"), login(self.url, user), user)
                          for n, user in enumerate(("heping", "heping", "city"))]
            for database, engine, user in self.desks:
                sync(database, engine, actor=user)

        def _trainees(self, database):
            with database.engine.connect() as c:
                return [uuid.UUID(r[0]) for r in c.exec_driver_sql(
                    "SELECT id FROM trainee WHERE deleted_at IS NULL ORDER BY id LIMIT 20")]

        @rule(desk=st.integers(0, 2), pick=st.integers(0, 19), field=st.sampled_from(["phone", "email", "job_title"]))
        def edit(self, desk, pick, field):
            database, _engine, user = self.desks[desk]
            trainees = self._trainees(database)
            if not trainees:
                return
            with UnitOfWork(database, user) as uow:
                row = uow.session.get(Trainee, trainees[pick % len(trainees)])
                setattr(row, field, f"{field[:2]}{next(counter)}@x.cn" if field == "email" else str(next(counter)))
                uow.commit()

        @rule(desk=st.integers(0, 1))
        def add(self, desk):
            database, _engine, user = self.desks[desk]
            actor = Actor(user, scope_path=HEPING, role=Role.UNIT_SUPERVISOR)
            with UnitOfWork(database, user) as uow:
                add_trainee(uow, actor, TraineeForm(f"hy{next(counter)}", "随机", make_id_number(
                    "120101", dt.date(1980, 1, 1) + dt.timedelta(days=next(counter)), 7),
                    find_org(uow.session, "和平区").id))

        @rule(pick=st.integers(0, 19), away=st.booleans())
        def move(self, pick, away):
            database, _engine, user = self.desks[2]
            trainees = self._trainees(database)
            if not trainees:
                return
            with UnitOfWork(database, user) as uow:
                move_trainees(uow, Actor("city", scope_path="/", role=Role.CITY_ADMIN),
                              [trainees[pick % len(trainees)]],
                              find_org(uow.session, "河西区" if away else "和平区").id)

        @rule(desk=st.integers(0, 2), pick=st.integers(0, 19))
        def delete(self, desk, pick):
            database, _engine, user = self.desks[desk]
            trainees = self._trainees(database)
            if trainees:
                with UnitOfWork(database, user) as uow:
                    uow.session.get(Trainee, trainees[pick % len(trainees)]).deleted_at = dt.datetime(2026, 11, 29)
                    uow.commit()

        @rule(desk=st.integers(0, 1), clear=st.booleans())
        def seal(self, desk, clear):  # a parent (the district's org row) changes after its children
            database, _engine, user = self.desks[desk]
            with UnitOfWork(database, user) as uow:
                org = find_org(uow.session, "和平区")
                set_seal_image(uow.session, Actor(user, scope_path=HEPING, role=Role.UNIT_SUPERVISOR), org.id,
                               None if clear else b"\x89PNG\r\n\x1a\n" + bytes([next(counter) % 256]))
                uow.commit()

        @rule(pick=st.integers(0, 8), hours=st.integers(1, 40))
        def plan(self, pick, hours):  # plans and courses edited after archives exist (the city desk)
            database, _engine, user = self.desks[2]
            with UnitOfWork(database, user) as uow:
                plans = uow.session.query(TrainingPlan).order_by(TrainingPlan.name).all()
                chosen = plans[pick % len(plans)]
                chosen.description = f"修订 {next(counter)}"
                course = uow.session.query(Course).filter(Course.plan_id == chosen.id).first()
                if course is not None:
                    course.hours = float(hours)
                uow.commit()

        @invariant()
        def a_new_desk_holds_exactly_the_scope(self):
            if not hasattr(self, "desks"):
                return
            for user in ("heping", "city"):
                engine = login(self.url, user)
                fresh = open_database(tmp_path / f"fresh{next(counter)}.sqlite3")
                report = sync(fresh, engine, actor=user)
                assert report.held == 0 and report.check_clean, report.as_dict()
                assert_converged(fresh, engine)
                fresh.dispose()
                engine.dispose()

        @rule(desk=st.integers(0, 2), kill=st.sampled_from([None, "before_push", "after_central_commit_pending",
                                                            "after_central_commit", "mid_pull_page"]))
        def synchronise(self, desk, kill):
            database, engine, user = self.desks[desk]

            def fault(step):
                if step == kill:
                    raise Boom()
            try:
                sync(database, engine, actor=user, fault=fault)
            except Boom:
                pass

        def teardown(self):  # everyone syncs (conflicts settled for central's side), then compare
            if not hasattr(self, "desks"):
                return
            for _round in range(3):
                for database, engine, user in self.desks:
                    sync(database, engine, actor=user)
                    for conflict in local_conflicts(database):
                        resolve(database, engine, conflict["id"], "central", actor=user)
            for database, engine, user in self.desks:
                sync(database, engine, actor=user)
            for database, engine, _user in self.desks:
                assert_converged(database, engine)
                database.dispose()
                engine.dispose()

    Desks.TestCase.settings = settings(max_examples=5, stateful_step_count=14, deadline=None,
                                       suppress_health_check=list(HealthCheck))
    Desks.TestCase().runTest()


def test_the_command_line(pg_server, pg_url, tmp_path):
    import json

    import psycopg

    from cli_support import run_tjce, run_tjce_process

    def tjce(*args, env=None, check=True):
        result = run_tjce(*args, env=env)  # in this process; the last one runs as a real one
        if check:
            assert result.returncode == 0, result.stderr
        return result

    out = tjce("central", "init", "--url", pg_url, "--demo", "400", "--seed", "5").stdout
    assert "中心数据库已就绪" in out and "学员 400 名" in out
    again = tjce("central", "init", "--url", pg_url, "--demo", "10", check=False)
    assert again.returncode == 2 and "已有数据" in again.stderr
    assert "中心数据库已就绪" in tjce("central", "init", "--url", pg_url).stdout  # migrating again is harmless
    weak = tjce("central", "add-admin", "--url", pg_url, "--username", "heping", "--role", "培训主管",
                "--org", "和平区", env={"TJCE_NEW_PASSWORD": "short"}, check=False)
    assert weak.returncode == 2 and "不能少于 10 个字符" in weak.stderr
    tjce("central", "add-admin", "--url", pg_url, "--username", "heping", "--role", "培训主管", "--org", "和平区",
         env={"TJCE_NEW_PASSWORD": PASSWORDS["heping"]})
    bare = "postgresql://" + pg_url.split("@", 1)[1]
    db = str(tmp_path / "desk.sqlite3")
    refused = tjce("--db", db, "central", "connect", "--url", bare, "--username", "heping",
                   env={"TJCE_PASSWORD": "Wrong-2026"}, check=False)
    assert refused.returncode == 2 and "用户名或密码错误" in refused.stderr
    heping = {"TJCE_PASSWORD": PASSWORDS["heping"], "TJCE_USER": "heping"}
    assert "管辖范围 /120000/120101/" in tjce("--db", db, "central", "connect", "--url", bare, "--username", "heping",
                                           env=heping).stdout
    first = json.loads(tjce("--db", db, "sync", "--json", env=heping).stdout)
    assert first["pulled"] > 0 and first["conflicts"] == 0
    # The desk now has the account from the central database: commands sign in with it.
    info = json.loads(tjce("--db", db, "info", "--json", env=heping).stdout)
    assert info["counts"]["trainee"] > 0
    assert json.loads(tjce("--db", db, "conflicts", "--json", env=heping).stdout) == []
    checked = tjce("--db", db, "sync", "--check", env=heping)
    assert "核对结果：本机数据与中心数据库一致" in checked.stdout and "学员" in checked.stdout
    with sa.create_engine(f"sqlite:///{db}").begin() as local:  # lose some rows on purpose
        local.exec_driver_sql("DELETE FROM exam_attempt WHERE rowid IN (SELECT rowid FROM exam_attempt LIMIT 4)")
    differs = tjce("--db", db, "sync", "--check", "--json", env=heping, check=False)
    assert differs.returncode == 1
    found = json.loads(differs.stdout)
    assert not found["clean"] and [t["table_name"] for t in found["tables"] if not t["matches"]] == ["exam_attempt"]
    rebuilt = json.loads(tjce("--db", db, "sync", "--rebuild", "--json", env=heping).stdout)
    assert rebuilt["check_clean"] is True and rebuilt["pulled"] > first["pulled"] // 2
    assert tjce("--db", db, "sync", "--check", "--json", env=heping).returncode == 0
    with psycopg.connect(f"host={pg_server['host']} port={pg_server['port']} user={pg_server['user']} "
                         f"dbname={pg_url.rsplit('/', 1)[1]}") as connection:
        outside = connection.execute(
            "SELECT count(*) FROM trainee WHERE org_path NOT LIKE '/120000/120101/%'").fetchone()[0]
    assert outside > 0 and info["counts"]["trainee"] < 400
    offline = run_tjce_process("--db", db, "sync", env={**heping, "TJCE_PASSWORD": "Wrong-2026"})
    assert offline.returncode == 2 and offline.stderr.startswith("错误：")


def test_a_clash_on_one_field_still_merges_the_others(central, tmp_path):
    engine = login(central, "heping")
    a, b = desk(tmp_path, "a"), desk(tmp_path, "b")
    sync(a, engine, actor="heping")
    sync(b, engine, actor="heping")
    with a.engine.connect() as c:
        trainee_id = uuid.UUID(c.exec_driver_sql("SELECT id FROM trainee LIMIT 1").scalar())
    with UnitOfWork(b, "heping") as uow:
        uow.session.get(Trainee, trainee_id).phone = "13800000001"
        uow.commit()
    sync(b, engine, actor="heping")
    with UnitOfWork(a, "heping") as uow:
        row = uow.session.get(Trainee, trainee_id)
        row.phone, row.job_title = "13800000002", "主任"
        uow.commit()
    assert sync(a, engine, actor="heping").conflicts == 1
    with engine.connect() as c:
        phone, job = c.execute(sa.text("SELECT phone, job_title FROM trainee WHERE id = :id"), {"id": trainee_id}).one()
    assert (phone, job) == ("13800000001", "主任")  # the clash waits; the rest of the change is in
    assert local_conflicts(a)[0]["fields"] == ["phone"]


def test_a_wrong_clock_changes_no_order_and_is_reported(central, tmp_path, monkeypatch):
    from tjce_desktop.sync import engine as sync_engine

    engine = login(central, "heping")
    a, b = desk(tmp_path, "a"), desk(tmp_path, "b")
    sync(a, engine, actor="heping")
    sync(b, engine, actor="heping")
    with a.engine.connect() as c:
        trainee_id = uuid.UUID(c.exec_driver_sql("SELECT id FROM trainee LIMIT 1").scalar())
    real_now = sync_engine.utc_now
    # Desk a's clock is a day ahead; its change is still ordered by the server, before b's later one.
    monkeypatch.setattr(sync_engine, "utc_now", lambda: real_now() + dt.timedelta(days=1))
    with UnitOfWork(a, "heping") as uow:
        uow.session.get(Trainee, trainee_id).email = "a@x.cn"
        uow.commit()
    report = sync(a, engine, actor="heping")
    assert report.clock_skew_seconds > 80_000 and any("时钟" in w for w in report.warnings)
    monkeypatch.setattr(sync_engine, "utc_now", real_now)
    sync(b, engine, actor="heping")
    with UnitOfWork(b, "heping") as uow:
        uow.session.get(Trainee, trainee_id).email = "b@x.cn"
        uow.commit()
    assert sync(b, engine, actor="heping").conflicts == 0  # b had pulled a's change: no clash, b's is newer
    sync(a, engine, actor="heping")
    with a.engine.connect() as c:
        assert c.exec_driver_sql("SELECT email FROM trainee WHERE id = ?", (trainee_id.hex,)).scalar() == "b@x.cn"
    assert_converged(a, engine)
