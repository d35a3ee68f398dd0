"""A hostile sibling: a 和平区 login (and a clerk's, an auditor's) attacks the central database.

Parametrised over what the central database holds — every table, every function an
application login may execute — read from the catalogue as the owner, so a new table or
function joins these tests by itself. Expected each time: refused, and nothing changed
centrally (checked as the owner).
"""

import json
import shutil
import subprocess
import uuid

import psycopg
import pytest
import sqlalchemy as sa

from sync_support import HEPING, HEXI, PASSWORDS, desk, login, make_central
from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.permissions import GRANTS
from tjce_desktop.services import central_admin
from tjce_desktop.storage.models import Outbox
from tjce_desktop.sync.central_schema import APP_FUNCTIONS, SCOPE_OF, TABLE_ORDER
from tjce_desktop.sync.engine import local_conflicts, sync

pytestmark = pytest.mark.postgres

CLERK_PASSWORD, AUDITOR_PASSWORD = "Clerk-2026x", "Auditor-2026x"


@pytest.fixture(scope="module")
def hostile_central(pg_server, demo_template, tmp_path_factory):
    """One central database for the module: every attack here must leave it unchanged."""
    name = f"h_{uuid.uuid4().hex[:12]}"
    admin = f"host={pg_server['host']} port={pg_server['port']} user={pg_server['user']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://{pg_server['user']}@{pg_server['host']}:{pg_server['port']}/{name}"
    make_central(url, demo_template)
    central_admin.add_admin(url, username="clerk", password=CLERK_PASSWORD, role=Role.REGISTRATION_CLERK,
                            org_reference="和平区")
    central_admin.add_admin(url, username="auditor", password=AUDITOR_PASSWORD, role=Role.AUDITOR,
                            org_reference="和平区")
    PASSWORDS.update(clerk=CLERK_PASSWORD, auditor=AUDITOR_PASSWORD)
    yield url
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _owner(url):
    return sa.create_engine(url)


def _public_tables(url) -> list[str]:
    with _owner(url).connect() as connection:
        return sorted(connection.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").scalars())


def _snapshot(url) -> dict[str, str]:
    """Every table's whole content (except the refusals the attacks leave), as the owner."""
    with _owner(url).connect() as connection:
        return {name: connection.exec_driver_sql(
            f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {name} t").scalar()
            for name in _public_tables(url) if name not in ("sync_conflict", "sync_applied")}


def _ids(url, sql, **params):
    with _owner(url).connect() as connection:
        return connection.execute(sa.text(sql), params).scalars().all()


@pytest.fixture(scope="module")
def table_names(hostile_central):
    return _public_tables(hostile_central)


# --- tables --------------------------------------------------------------------------------------


def test_every_table_is_covered(hostile_central):
    """The parametrised lists below are the catalogue's: a new table must be placed in one."""
    assert set(TABLE_ORDER) <= set(_public_tables(hostile_central))


@pytest.mark.parametrize("statement", [
    "INSERT INTO {t} DEFAULT VALUES", "UPDATE {t} SET {c} = {c}", "DELETE FROM {t}", "TRUNCATE {t}",
    "LOCK TABLE {t} IN ROW EXCLUSIVE MODE", "ALTER TABLE {t} DISABLE ROW LEVEL SECURITY", "DROP TABLE {t}",
])
def test_no_login_writes_or_locks_any_table(hostile_central, table_names, statement):
    before = _snapshot(hostile_central)
    with _owner(hostile_central).connect() as connection:
        first_column = dict(connection.exec_driver_sql(
            "SELECT table_name, min(column_name) FROM information_schema.columns WHERE table_schema = 'public' "
            "GROUP BY 1").all())
    for who in ("heping", "clerk", "auditor", "city"):
        with login(hostile_central, who).connect() as connection:
            for name in table_names:
                sql = statement.format(t=name, c=first_column[name])
                with pytest.raises(sa.exc.ProgrammingError, match="permission denied|must be owner"):
                    connection.exec_driver_sql(sql)
                connection.rollback()
    assert _snapshot(hostile_central) == before


def test_other_scopes_rows_are_invisible(hostile_central, table_names):
    with _owner(hostile_central).connect() as connection:
        hexi_rows = {name: set(connection.execute(sa.text(
            f"SELECT id FROM {name} WHERE starts_with({scope}, :path)"), {"path": HEXI}).scalars())
            for name, scope in SCOPE_OF.items() if scope is not None and name != "org"}
    with login(hostile_central, "heping").connect() as connection:
        for name, ids in hexi_rows.items():
            visible = set(connection.exec_driver_sql(f"SELECT id FROM {name}").scalars())
            assert not visible & ids, name
        readable = {name for name in table_names if connection.exec_driver_sql(
            f"SELECT has_table_privilege('{name}', 'SELECT')").scalar()}
        # The bookkeeping a login may read (its scope's conflicts and exits, the permission table).
        assert readable - set(TABLE_ORDER) == {"alembic_version", "sync_conflict", "sync_scope_exit",
                                               "sync_table", "sync_permission", "sync_role"}
        for name in ("sync_admin", "sync_applied", "sync_change_log"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                connection.exec_driver_sql(f"SELECT * FROM {name}")
            connection.rollback()


# --- functions, roles, sequences, locks ----------------------------------------------------------


def test_a_login_may_execute_only_the_app_functions(hostile_central):
    with login(hostile_central, "heping").connect() as connection:
        callable_ = set(connection.execute(sa.text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND has_function_privilege(p.oid, 'EXECUTE')")).scalars())
        advisory = set(connection.execute(sa.text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.proname LIKE 'pg\\_%advisory%' "
            "AND has_function_privilege(p.oid, 'EXECUTE')")).scalars())
    assert callable_ == {name.replace(", ", ",") for name in APP_FUNCTIONS}
    assert advisory == set()


@pytest.mark.parametrize("call, refused", [
    ("SELECT * FROM tjce_reconcile('sync_admin', '{}')", "不是同步的表"),
    ("SELECT * FROM tjce_reconcile('trainee; DROP TABLE trainee', '{}')", "不是同步的表"),
    ("SELECT * FROM tjce_reconcile_rows('sync_change_log', '{}', '{}')", "不是同步的表"),
    ("SELECT tjce_push('[{}]'::jsonb, repeat('x', 65))", "安装编号不正确"),
    ("SELECT tjce_push((SELECT jsonb_agg(i) FROM generate_series(1, 1001) i), 'x')", "一次最多上传 1000 项修改"),
    ("SELECT pg_advisory_lock(73450123)", "permission denied"),
    ("SELECT pg_try_advisory_xact_lock(73450123)", "permission denied"),
    ("SELECT nextval('sync_seq')", "permission denied"),
    ("SELECT setval('sync_seq', 9223372036854775000)", "permission denied"),
    ("SET ROLE tjce_owner", "permission denied"),
    ("SET ROLE tjce_u_hexi", "permission denied"),
    ("SET SESSION AUTHORIZATION tjce_owner", "permission denied"),
    ("CREATE TABLE trap (id int)", "permission denied"),
    # A temp table or sequence named like ours would be found before it, even by SECURITY DEFINER functions.
    ("CREATE TEMP TABLE sync_admin (login_role text, username text, role text, scope_path text)", "permission denied"),
    ("CREATE TEMP TABLE sync_permission (grant_no int)", "permission denied"),
    ("CREATE TEMP SEQUENCE sync_seq START 9223372036854775000", "permission denied"),
    ("CREATE FUNCTION tjce_scope() RETURNS text LANGUAGE sql AS $$ SELECT '/' $$", "permission denied|must be owner"),
])
def test_hostile_calls_are_refused(hostile_central, call, refused):
    before = _snapshot(hostile_central)
    with login(hostile_central, "heping").connect() as connection:
        with pytest.raises(sa.exc.DBAPIError, match=refused):
            connection.exec_driver_sql(call.replace("%", "%%"))
    assert _snapshot(hostile_central) == before


def test_set_role_to_the_group_gains_nothing(hostile_central):
    with login(hostile_central, "heping").connect() as connection:
        connection.exec_driver_sql("SET ROLE tjce_app")
        assert connection.exec_driver_sql("SELECT tjce_scope()").scalar() == HEPING  # identity is the login's
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            connection.exec_driver_sql("UPDATE course SET hours = 0")


def test_psql_as_a_sibling_unit_cannot_change_reference_data(hostile_central, pg_server):
    """The reported attack, with the real psql: `update course set hours = 0` as a 和平区 login."""
    psql = shutil.which("psql") or next(iter(sorted(__import__("glob").glob("/usr/lib/postgresql/*/bin/psql"))),
                                        None)
    if psql is None:
        pytest.fail("psql not installed")
    database = hostile_central.rsplit("/", 1)[1]
    before = _snapshot(hostile_central)
    for statement in ("update course set hours = 0", "update signing_key set revoked_at = now()",
                      "insert into sync_scope_exit (server_seq, table_name, row_id, old_path, new_path) values "
                      "(9223372036854775000, 'trainee', gen_random_uuid(), '/', '/')",
                      "update org set parent_id = null"):
        result = subprocess.run(
            [psql, "-h", pg_server["host"], "-p", str(pg_server["port"]), "-U", central_admin.login_role_for("hexi"),
             "-d", database, "-v", "ON_ERROR_STOP=1", "-c", statement],
            env={"PGPASSWORD": PASSWORDS["hexi"], "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
        assert result.returncode != 0 and "permission denied" in result.stderr, (statement, result.stderr)
    assert _snapshot(hostile_central) == before


# --- pushes crafted in a desk's outbox -----------------------------------------------------------


def _crafted(url) -> dict[str, tuple[str, dict]]:
    """Attack name → (login, outbox entry) — each against the permission table."""
    hexi_trainee = _ids(url, "SELECT id FROM trainee WHERE starts_with(org_path, :p) LIMIT 1", p=HEXI)[0]
    heping_trainee = _ids(url, "SELECT id FROM trainee WHERE starts_with(org_path, :p) LIMIT 1", p=HEPING)[0]
    hexi_org, heping_org = (_ids(url, "SELECT id FROM org WHERE path = :p", p=p)[0] for p in (HEXI, HEPING))
    plan = _ids(url, "SELECT id FROM training_plan ORDER BY name LIMIT 1")[0]
    course = _ids(url, "SELECT id FROM course ORDER BY name LIMIT 1")[0]
    heping_admin = _ids(url, "SELECT id FROM admin_user WHERE username = 'heping'")[0]

    def update(table, row_id, values, base=None):
        if base is None:
            base = _ids(url, f"SELECT row_version FROM {table} WHERE id = :id", id=row_id)[0]
        return {"table_name": table, "row_id": row_id, "operation": "update", "base_version": base,
                "changes": values}

    def insert(table, values):
        return {"table_name": table, "row_id": uuid.uuid4(), "operation": "insert", "base_version": 0,
                "changes": values}

    stranger = {"org_id": str(hexi_org), "org_path": HEXI, "username": "x_hostile", "real_name": "任意人",
                "id_number": "11010519491231002X", "gender": "male", "birth_date": "1949-12-31",
                "title_level": "none", "post_type": "professional", "high_tech": False, "active": True,
                "registered_at": "2026-01-01T00:00:00", "phone": None, "email": None, "job_title": None,
                "left_on": None, "deleted_at": None}
    return {
        "another scope's trainee": ("heping", update("trainee", hexi_trainee, {"phone": "13000000000"})),
        "a trainee into another scope": ("heping", insert("trainee", stranger)),
        "moving own trainee away": ("heping", update("trainee", heping_trainee, {"org_id": str(hexi_org)})),
        "course hours": ("heping", update("course", course, {"hours": 0.0})),
        "closing a plan": ("heping", update("training_plan", plan, {"closed": True})),
        "a new plan": ("heping", insert("training_plan", {"name": "假计划", "year": 2026, "starts_on": "2026-01-01",
                                                          "ends_on": "2026-12-31", "description": None,
                                                          "closed": False, "deleted_at": None})),
        "re-parenting the own district": ("heping", update("org", heping_org, {"parent_id": str(hexi_org)})),
        "renaming the own district": ("heping", update("org", heping_org, {"name": "假区"})),
        "another district's seal": ("heping", update("org", hexi_org, {"seal_image": "iVBORw0KGgo="})),
        "another district's numbering rule": ("heping", insert("certificate_numbering", {
            "issuing_org_id": str(hexi_org), "pattern": "X{seq}", "next_seq": 1, "deleted_at": None})),
        "making oneself city admin": ("heping", update("admin_user", heping_admin, {"role": "city_admin"})),
        "a clerk renaming a trainee": ("clerk", update("trainee", heping_trainee, {"real_name": "改名"})),
        "an auditor editing a trainee": ("auditor", update("trainee", heping_trainee, {"phone": "1"})),
        "a certificate issued by another district": ("clerk", insert("certificate", {
            "trainee_id": str(heping_trainee), "number": "HX-SQUAT-000001", "issuing_org_id": str(hexi_org),
            "issued_on": "2026-01-01", "booklet_no": 1, "issue_reason": "new", "predecessor_id": None,
            "status": "active", "deleted_at": None})),
        "an unknown table": ("heping", {"table_name": "sync_admin", "row_id": uuid.uuid4(), "operation": "insert",
                                        "base_version": 0, "changes": {"role": "city_admin"}}),
        "an unknown operation": ("heping", {**update("trainee", heping_trainee, {"phone": "1"}),
                                            "operation": "truncate"}),
    }


ATTACKS = ["another scope's trainee", "a trainee into another scope",
           "moving own trainee away", "course hours", "closing a plan", "a new plan",
           "re-parenting the own district", "renaming the own district", "another district's seal",
           "another district's numbering rule", "making oneself city admin", "a clerk renaming a trainee",
           "an auditor editing a trainee", "a certificate issued by another district", "an unknown table",
           "an unknown operation"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_crafted_outbox_entry_is_refused_with_a_reason(hostile_central, tmp_path, attack):
    who, entry = _crafted(hostile_central)[attack]
    engine = login(hostile_central, who)
    database = desk(tmp_path, who)
    sync(database, engine, actor=who)
    before = _snapshot(hostile_central)
    mutation = uuid.uuid4()
    with database.session_factory() as session:
        session.add(Outbox(table_name=entry["table_name"], row_id=entry["row_id"], operation=entry["operation"],
                           base_version=entry["base_version"], changes=json.dumps(entry["changes"]),
                           mutation_id=mutation))
        session.commit()
    report = sync(database, engine, actor=who)
    assert report.refused == 1 and report.pushed == 0, report.as_dict()
    assert _snapshot(hostile_central) == before, attack
    refusals = [c for c in local_conflicts(database) if c["mutation_id"] == str(mutation)]
    assert len(refusals) == 1 and refusals[0]["kind"] == "refused"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refusals[0]["reason"]), refusals[0]["reason"]
    with database.engine.connect() as local:
        assert local.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar() == 0  # refused, not "waiting"
    with login(hostile_central, "hexi").connect() as sibling:  # a refusal stays with its own scope
        assert sibling.execute(sa.text("SELECT count(*) FROM sync_conflict WHERE row_id = :id"),
                               {"id": entry["row_id"]}).scalar() == 0


def test_a_forged_trainee_path_is_replaced_by_its_orgs(hostile_central, tmp_path):
    """A trainee of the own org sent with another district's path is stored under its org's path."""
    engine = login(hostile_central, "heping")
    database = desk(tmp_path, "forger")
    sync(database, engine, actor="heping")
    heping_org = _ids(hostile_central, "SELECT id FROM org WHERE path = :p", p=HEPING)[0]
    row_id = uuid.uuid4()
    values = {"org_id": str(heping_org), "org_path": HEXI, "username": "x_path", "real_name": "路径", "gender": "male",
              "id_number": "110105194912310037", "birth_date": "1949-12-31", "title_level": "none",
              "post_type": "professional", "high_tech": False, "active": True, "registered_at": "2026-01-01T00:00:00"}
    with database.session_factory() as session:
        session.add(Outbox(table_name="trainee", row_id=row_id, operation="insert", base_version=0,
                           changes=json.dumps(values)))
        session.commit()
    sync(database, engine, actor="heping")
    assert _ids(hostile_central, "SELECT org_path FROM trainee WHERE id = :id", id=row_id) == [HEPING]
    with login(hostile_central, "hexi").connect() as sibling:
        assert sibling.execute(sa.text("SELECT count(*) FROM trainee WHERE id = :id"), {"id": row_id}).scalar() == 0


def test_conflicts_of_another_scope_can_be_neither_seen_nor_closed(hostile_central, tmp_path):
    who, entry = _crafted(hostile_central)["course hours"]
    database = desk(tmp_path, "maker")
    engine = login(hostile_central, "heping")
    sync(database, engine, actor="heping")
    with database.session_factory() as session:
        session.add(Outbox(table_name=entry["table_name"], row_id=entry["row_id"], operation=entry["operation"],
                           base_version=entry["base_version"], changes=json.dumps(entry["changes"])))
        session.commit()
    sync(database, engine, actor="heping")
    conflict_id = _ids(hostile_central, "SELECT id FROM sync_conflict WHERE row_id = :id AND resolved_at IS NULL",
                       id=entry["row_id"])[0]
    for who in ("hexi", "auditor"):
        with login(hostile_central, who).begin() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM sync_conflict WHERE id = :id"),
                                      {"id": conflict_id}).scalar() == (1 if who == "auditor" else 0)
            assert connection.execute(sa.text("SELECT tjce_resolve_conflict(:id, 'mine')"),
                                      {"id": conflict_id}).scalar() is False
    assert _ids(hostile_central, "SELECT resolved_at FROM sync_conflict WHERE id = :id", id=conflict_id) == [None]


def test_every_grant_names_a_synced_table_and_known_fields():
    from tjce_desktop.storage.models import Base

    for grant in GRANTS:
        assert grant.table in TABLE_ORDER
        assert grant.fields is None or grant.fields <= set(Base.metadata.tables[grant.table].c.keys()), grant
