"""The Alembic migrations build exactly the models' schema on SQLite and on PostgreSQL."""

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.storage import migrate, org_counts
from tjce_desktop.storage.engine import TjceSession
from tjce_desktop.storage.models import Base, Org, Outbox, Trainee


def _not_local_derived(name, type_, _parent) -> bool:
    return not (type_ == "table" and name == org_counts.TABLE)  # SQLite only, kept by triggers, not a model


def _schema_differences(connection):
    opts = {"compare_type": True, "include_name": _not_local_derived}
    return compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata)


def test_revision_constants_match_the_scripts():
    from alembic.script import ScriptDirectory

    from tjce_desktop.storage.schema_version import HEAD_REVISION, KNOWN_REVISIONS

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == HEAD_REVISION
    assert sorted(s.revision for s in script.walk_revisions()) == sorted(KNOWN_REVISIONS)


def test_a_0001_database_with_archives_is_upgraded_in_place(tmp_path):
    """Built at 0001 with the demo's rows (archives, progress, attempts: real foreign keys)."""
    from alembic import command
    from sqlalchemy import event

    from tjce_desktop.domain.pinyin import person_name_keys
    from tjce_desktop.services import demo_generator as gen
    from tjce_desktop.services.demo import insert_sql
    from tjce_desktop.storage.database import _set_sqlite_pragmas, open_database

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_sqlite_pragmas)  # foreign keys on, as in the program
    ctx = gen.build_context(5, 300, dt.date(2026, 11, 29))
    chunk = gen.generate_chunk(ctx, 0)
    old_enrollment = [c for c in gen.COLUMNS["enrollment"] if c not in ("org_path", "trainee_active")]
    keep = [gen.COLUMNS["enrollment"].index(c) for c in old_enrollment]
    old_trainee = [c for c in gen.COLUMNS["trainee"] if c not in ("name_pinyin", "name_initials")]  # 0011's
    keep_trainee = [gen.COLUMNS["trainee"].index(c) for c in old_trainee]
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0001")
        for table, rows in gen.reference_rows(ctx).items():
            connection.exec_driver_sql(insert_sql(table), rows)
        connection.exec_driver_sql(
            f"INSERT INTO trainee ({', '.join(old_trainee)}) VALUES ({', '.join('?' * len(old_trainee))})",
            [tuple(row[i] for i in keep_trainee) for row in chunk.trainee])
        old_batch = [c for c in gen.COLUMNS["stamp_batch"] if c != "number"]  # numbers came with 0010
        batch_keep = [gen.COLUMNS["stamp_batch"].index(c) for c in old_batch]
        connection.exec_driver_sql(
            f"INSERT INTO stamp_batch ({', '.join(old_batch)}) VALUES ({', '.join('?' * len(old_batch))})",
            [tuple(row[i] for i in batch_keep) for row in gen.stamp_batch_rows(ctx, chunk.stamp_counts)])
        connection.exec_driver_sql(
            f"INSERT INTO enrollment ({', '.join(old_enrollment)}) VALUES ({', '.join('?' * len(old_enrollment))})",
            [tuple(row[i] for i in keep) for row in chunk.enrollment])
        connection.exec_driver_sql(insert_sql("course_progress"), chunk.course_progress)
        connection.exec_driver_sql(insert_sql("exam_attempt"), chunk.exam_attempt)
    engine.dispose()
    database = open_database(path)
    with database.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        assert _schema_differences(connection) == []
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        mismatched = connection.exec_driver_sql(
            "SELECT count(*) FROM enrollment e JOIN trainee t ON t.id = e.trainee_id "
            "WHERE e.org_path != t.org_path OR e.trainee_active != t.active").scalar()
        assert mismatched == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM enrollment").scalar() == len(chunk.enrollment) > 0
        # 0011 filled the pinyin keys of the trainees already there, as the program computes them.
        names = connection.exec_driver_sql("SELECT real_name, name_pinyin, name_initials FROM trainee").all()
        assert len(names) == len(chunk.trainee) > 0
        assert all((p, i) == (person_name_keys(n).full, person_name_keys(n).initials) for n, p, i in names)
        assert all(p for _n, p, _i in names)
    database.dispose()


def test_sqlite_schema_matches_models(database):
    with database.engine.connect() as connection:
        assert _schema_differences(connection) == []


@pytest.mark.postgres
def test_postgresql_migrates_and_matches_models(pg_url):
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        migrate.upgrade_to_head(connection)
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        assert _schema_differences(connection) == []
        indexes = {ix["name"] for ix in inspect(connection).get_indexes("trainee")}
        assert "ix_trainee_live_org_path_name_pinyin" in indexes
        collation = connection.exec_driver_sql(
            "SELECT collation_name FROM information_schema.columns WHERE table_name='org' AND column_name='path'"
        ).scalar()
        assert collation == "C"
    engine.dispose()


@pytest.mark.postgres
def test_postgresql_storage_round_trip_with_outbox_and_subtree_range(pg_url):
    from tjce_desktop.services.orgs import subtree_bounds

    engine = create_engine(pg_url)
    with engine.begin() as connection:
        migrate.upgrade_to_head(connection)
    with TjceSession(engine) as session:
        city = Org(code="120000", name="天津市", kind="city", path="/120000/", depth=0)
        district = Org(code="120101", name="和平区", kind="district", path="/120000/120101/", depth=1)
        other = Org(code="120102", name="河东区", kind="district", path="/120000/120102/", depth=1)
        session.add_all([city, district, other])
        session.flush()
        for number, org in enumerate([district, district, other], start=1):
            birth = dt.date(1990, 1, number)
            session.add(Trainee(org_id=org.id, org_path=org.path, username=f"u{number}", real_name="李四",
                                id_number=make_id_number("120101", birth, number), gender="male",
                                birth_date=birth, title_level="junior", post_type="professional"))
        session.commit()
    with Session(engine) as session:
        low, high = subtree_bounds("/120000/120101/")
        in_district = session.scalars(select(Trainee.username).where(Trainee.org_path >= low,
                                                                     Trainee.org_path < high)).all()
        assert sorted(in_district) == ["u1", "u2"]
        assert session.query(Outbox).count() == 6
    engine.dispose()
