"""Helpers of the sync tests: desks as real SQLite files, logins as the administrators' own roles."""

import uuid

import sqlalchemy as sa

from tjce_desktop.domain.enums import Role
from tjce_desktop.services import central_admin
from tjce_desktop.storage import org_counts
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.models import Base
from tjce_desktop.sync.central_schema import TABLE_ORDER
from tjce_desktop.sync.engine import pending_count

HEPING, HEXI = "/120000/120101/", "/120000/120103/"
PASSWORDS = {"heping": "Heping-2026", "hexi": "Hexi-2026x", "city": "City-Admin-1"}


class Boom(Exception):
    pass


def make_central(pg_url, source):
    """A standalone installation joining a new central database, with three admins."""
    central_admin.init_central(pg_url, from_local=source)
    central_admin.add_admin(pg_url, username="heping", password=PASSWORDS["heping"], role=Role.UNIT_SUPERVISOR,
                            org_reference="和平区")
    central_admin.add_admin(pg_url, username="hexi", password=PASSWORDS["hexi"], role=Role.UNIT_SUPERVISOR,
                            org_reference="河西区")
    central_admin.add_admin(pg_url, username="city", password=PASSWORDS["city"], role=Role.CITY_ADMIN,
                            org_reference="天津市")
    return pg_url


def login(url: str, username: str, password: str | None = None):
    host = url.split("@", 1)[1]
    role = central_admin.login_role_for(username)
    return sa.create_engine(f"postgresql+psycopg://{role}:{password or PASSWORDS[username]}@{host}")


def desk(tmp_path, name):
    return open_database(tmp_path / f"{name}.sqlite3")


def rows_of(connection, table_name):
    table = Base.metadata.tables[table_name]
    return {row.id: row.row_version for row in connection.execute(sa.select(table.c.id, table.c.row_version))}


def assert_converged(database, engine):
    """The local cache equals the login's scope of the central data, table by table."""
    with engine.connect() as central_connection, database.engine.connect() as local:
        for table_name in TABLE_ORDER:
            central_rows = rows_of(central_connection, table_name)
            local_rows = {uuid.UUID(str(k)) if not isinstance(k, uuid.UUID) else k: v
                          for k, v in rows_of(local, table_name).items()}
            assert local_rows == central_rows, table_name
        assert org_counts.differences(local) == {}  # pulled upserts kept the stored per-org counts
    assert pending_count(database) == 0




def hold_an_archive(database, central_url):
    """Break a desk's cache on purpose: one plan and its archives are gone locally, and central
    gives one of those archives a new version, which the next pull cannot store (its plan is
    missing) until a reconciliation brings the plan back. Returns (archive id, plan id), hex."""
    with database.engine.connect() as local:
        archive, plan = local.exec_driver_sql("SELECT id, plan_id FROM enrollment LIMIT 1").one()
    with database.engine.begin() as local:
        local.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for sql in ("DELETE FROM course_progress WHERE enrollment_id IN (SELECT id FROM enrollment WHERE plan_id = ?)",
                    "DELETE FROM exam_attempt WHERE enrollment_id IN (SELECT id FROM enrollment WHERE plan_id = ?)",
                    "DELETE FROM course_progress WHERE course_id IN (SELECT id FROM course WHERE plan_id = ?)",
                    "DELETE FROM exam_attempt WHERE exam_id IN (SELECT id FROM exam WHERE plan_id = ?)",
                    "DELETE FROM course WHERE plan_id = ?", "DELETE FROM exam WHERE plan_id = ?",
                    "DELETE FROM enrollment WHERE plan_id = ?", "DELETE FROM training_plan WHERE id = ?"):
            local.exec_driver_sql(sql, (plan,))
    with sa.create_engine(central_url).begin() as owner:
        owner.execute(sa.text("UPDATE enrollment SET row_version = row_version + 1 WHERE id = :id"),
                      {"id": uuid.UUID(archive)})
    return archive, plan
