"""Stored live trainees per org (migration 0012): every write path keeps them equal to a real count,
and the listing and the tree read them only where they are exact."""

import datetime as dt
import random

import openpyxl
from sqlalchemy import func, select

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.exchange.trainee_template import DATA_SHEET, write_template
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import direct_trainee_counts, find_org, list_orgs
from tjce_desktop.services.trainee_import import ImportMode, analyse_import, apply_import, open_import
from tjce_desktop.services.trainee_listing import TraineeFilter, count_in_scope
from tjce_desktop.services.trainees import TraineeForm, add_trainee, move_trainees, set_left
from tjce_desktop.storage import org_counts
from tjce_desktop.storage.models import Trainee, utc_now
from tjce_desktop.storage.plain_sqlite import PlainConnection
from tjce_desktop.storage.unit_of_work import UnitOfWork


def _differences(database) -> dict:
    with database.engine.connect() as connection:
        return org_counts.differences(connection)


def _live_count(database, where: str = "1") -> int:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(
            f"SELECT count(*) FROM trainee WHERE deleted_at IS NULL AND {where}").scalar_one()


def _trainee_ids(database, limit: int) -> list:
    with UnitOfWork(database) as uow:
        return list(uow.session.scalars(select(Trainee.id).where(Trainee.deleted_at.is_(None))
                                        .order_by(Trainee.id).limit(limit)))


def test_the_demo_and_the_service_writes_keep_the_counts(demo_database):
    assert _differences(demo_database) == {}  # the demo's bulk inserts went through the triggers
    with UnitOfWork(demo_database) as uow:
        heping, hexi = find_org(uow.session, "和平区"), find_org(uow.session, "河西区")
    form = TraineeForm(username="count1", real_name="计数", id_number=make_id_number("120101", dt.date(1990, 5, 1), 1),
                       org_id=heping.id, phone="13900000000", title_level="中级", post_type="管理岗位")
    with UnitOfWork(demo_database) as uow:
        add_trainee(uow, LOCAL_ADMIN, form)
    assert _differences(demo_database) == {}
    some = _trainee_ids(demo_database, 30)
    with UnitOfWork(demo_database) as uow:  # 调整组织机构
        move_trainees(uow, LOCAL_ADMIN, some[:10], hexi.id)
    assert _differences(demo_database) == {}
    with UnitOfWork(demo_database) as uow:  # 离职
        set_left(uow, LOCAL_ADMIN, some[5:20], True)
    assert _differences(demo_database) == {}
    with UnitOfWork(demo_database) as uow:  # 恢复在职
        set_left(uow, LOCAL_ADMIN, some[10:15], False)
    assert _differences(demo_database) == {}
    with UnitOfWork(demo_database) as uow:  # a soft delete (as sync pull stores one), then undone
        for trainee in uow.session.scalars(select(Trainee).where(Trainee.id.in_(some[15:25]))):
            trainee.deleted_at = utc_now()
        uow.commit()
    assert _differences(demo_database) == {}
    with UnitOfWork(demo_database) as uow:
        uow.session.get(Trainee, some[16]).deleted_at = None
        uow.commit()
    assert _differences(demo_database) == {}
    with demo_database.engine.connect() as connection:
        stored, counted = org_counts.city_totals(connection)
    assert stored == counted == (_live_count(demo_database, "active"), _live_count(demo_database))


def test_an_import_keeps_the_counts(demo_database, tmp_path):
    template = tmp_path / "模板.xlsx"
    with UnitOfWork(demo_database) as uow:
        names = [org.full_name for org in list_orgs(uow.session) if org.depth > 0]
    write_template(template, names)
    book = openpyxl.load_workbook(template)
    sheet = book[DATA_SHEET]
    units = [name for name in names if name.count("/") == 1][:3]
    for offset in range(30):
        values = [f"imp{offset}", f"导入{offset}", make_id_number("120101", dt.date(1981, 1, 1) + dt.timedelta(offset),
                                                               offset), units[offset % 3], "13900000000", None, "中级",
                  "专业技术岗位", "否", "教师"]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=3 + offset, column=column, value=value)
    book.save(template)
    before = _live_count(demo_database)
    with UnitOfWork(demo_database) as uow:
        preview = analyse_import(uow, LOCAL_ADMIN, open_import(template), mode=ImportMode.ADD,
                                 default_org=find_org(uow.session, "和平区"))
        summary = apply_import(uow, LOCAL_ADMIN, preview)
    assert summary.added == 30 and _live_count(demo_database) == before + 30
    assert _differences(demo_database) == {}


def test_500_random_writes_of_every_kind_keep_the_counts(demo_database):
    """Raw SQL as bulk paths and sync pull write: inserts (live, 离职, already deleted), updates of
    what is counted and of what is not, upserts, hard deletes — each checked against a real count."""
    rng = random.Random(19)
    with demo_database.engine.connect() as connection:
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(trainee)")]
        paths = [row[0] for row in connection.exec_driver_sql("SELECT path FROM org WHERE deleted_at IS NULL")]
        copied = ", ".join(c for c in columns if c not in ("id", "username", "id_number", "org_path", "active",
                                                             "deleted_at"))
        for step in range(500):
            rowid = connection.exec_driver_sql(
                "SELECT rowid FROM trainee ORDER BY random() LIMIT 1").scalar_one()
            kind = rng.choice(["insert", "move", "active", "delete_soft", "undelete", "phone", "hard_delete",
                               "upsert", "many"])
            if kind == "insert":
                connection.exec_driver_sql(
                    f"INSERT INTO trainee (id, username, id_number, org_path, active, deleted_at, {copied}) "
                    f"SELECT lower(hex(randomblob(16))), 'rnd' || ?, 'X' || ?, ?, ?, ?, {copied} "
                    "FROM trainee WHERE rowid = ?",
                    (step, step, rng.choice(paths), rng.random() < 0.8,
                     None if rng.random() < 0.8 else "2026-01-01 00:00:00.000000", rowid))
            elif kind == "move":
                connection.exec_driver_sql("UPDATE trainee SET org_path = ? WHERE rowid = ?",
                                           (rng.choice(paths), rowid))
            elif kind == "active":
                connection.exec_driver_sql("UPDATE trainee SET active = NOT active WHERE rowid = ?", (rowid,))
            elif kind == "delete_soft":
                connection.exec_driver_sql("UPDATE trainee SET deleted_at = '2026-01-02 00:00:00.000000' "
                                           "WHERE rowid = ?", (rowid,))
            elif kind == "undelete":
                connection.exec_driver_sql("UPDATE trainee SET deleted_at = NULL WHERE rowid = ?", (rowid,))
            elif kind == "phone":
                connection.exec_driver_sql("UPDATE trainee SET phone = ?, active = active WHERE rowid = ?",
                                           (str(step), rowid))
            elif kind == "hard_delete":  # one the test inserted: no archive refers to it
                connection.exec_driver_sql("DELETE FROM trainee WHERE rowid = (SELECT rowid FROM trainee "
                                           "WHERE username LIKE 'rnd%' ORDER BY random() LIMIT 1)")
            elif kind == "upsert":  # as sync pull stores a row it already has
                connection.exec_driver_sql(
                    f"INSERT INTO trainee (id, username, id_number, org_path, active, deleted_at, {copied}) "
                    f"SELECT id, username, id_number, ?, ?, deleted_at, {copied} FROM trainee WHERE rowid = ? "
                    "ON CONFLICT(id) DO UPDATE SET org_path = excluded.org_path, active = excluded.active, "
                    "deleted_at = excluded.deleted_at",
                    (rng.choice(paths), rng.random() < 0.5, rowid))
            else:  # one statement over many rows
                connection.exec_driver_sql("UPDATE trainee SET active = NOT active WHERE org_path = ?",
                                           (rng.choice(paths),))
            if step % 50 == 49 or kind in ("upsert", "many"):
                assert org_counts.differences(connection) == {}, (step, kind)
        connection.commit()
    assert _differences(demo_database) == {}


def test_a_rolled_back_write_leaves_the_counts(demo_database):
    with demo_database.engine.connect() as connection:
        before = org_counts.city_totals(connection)
        connection.exec_driver_sql("UPDATE trainee SET active = 0")
        assert org_counts.city_totals(connection)[0][0] == 0
        connection.rollback()
        assert org_counts.city_totals(connection) == before


def test_the_listing_reads_stored_counts_only_where_they_are_exact(demo_database):
    city = LOCAL_ADMIN.scope("/")
    with UnitOfWork(demo_database) as uow:
        heping = find_org(uow.session, "和平区")
    district = LOCAL_ADMIN.scope(heping.path)
    plain = PlainConnection(demo_database.path)
    with demo_database.engine.connect() as connection:
        # Make the stored counts wrong on purpose: the default views read them, filters do not.
        unit = connection.exec_driver_sql("SELECT org_path FROM org_trainee_count WHERE org_path > ? AND "
                                          "org_path < ? LIMIT 1", (heping.path, heping.path[:-1] + "0")).scalar_one()
        connection.exec_driver_sql("UPDATE org_trainee_count SET active = active + 1000, total = total + 2000 "
                                   "WHERE org_path = ?", (unit,))
        connection.commit()
        live_district = f"org_path >= '{heping.path}' AND org_path < '{heping.path[:-1]}0'"
        for reader in (connection, plain):  # one SQL for the engine and the first screen's sqlite3
            assert count_in_scope(reader, city, TraineeFilter(active=True)) == _live_count(
                demo_database, "active") + 1000
            assert count_in_scope(reader, city) == _live_count(demo_database) + 2000
            assert count_in_scope(reader, district, TraineeFilter(active=True)) == _live_count(
                demo_database, f"active AND {live_district}") + 1000
            assert count_in_scope(reader, city, TraineeFilter(active=False)) == _live_count(demo_database, "NOT active")
            assert count_in_scope(reader, city, TraineeFilter(active=True, gender="female")) == _live_count(
                demo_database, "active AND gender = 'female'")
            assert count_in_scope(reader, district, TraineeFilter(real_name="张")) == _live_count(
                demo_database, f"instr(real_name, '张') > 0 AND {live_district}")
        org_counts.rebuild(connection)
        assert org_counts.differences(connection) == {}
        assert count_in_scope(connection, city, TraineeFilter(active=True)) == _live_count(demo_database, "active")
        connection.commit()
    plain.close()


def test_the_tree_totals_equal_a_count_per_org(demo_database):
    with UnitOfWork(demo_database) as uow:
        for active_only in (True, False):
            counted = dict(uow.session.execute(
                select(Trainee.org_id, func.count()).where(
                    Trainee.deleted_at.is_(None), *([Trainee.active.is_(True)] if active_only else []))
                .group_by(Trainee.org_id)).all())
            assert direct_trainee_counts(uow.session, LOCAL_ADMIN.scope("/"), active_only=active_only) == counted


def test_migration_0012_fills_the_counts_of_an_existing_database(demo_database):
    from alembic import command

    from tjce_desktop.storage import migrate

    with demo_database.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0011")
        assert not connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name LIKE '%trainee_count%'").all()
        connection.exec_driver_sql("UPDATE trainee SET active = 0 WHERE rowid % 7 = 0")
        command.upgrade(migrate.alembic_config(connection), "head")
        assert org_counts.differences(connection) == {}
        assert org_counts.city_totals(connection)[0][1] == _live_count_on(connection)


def _live_count_on(connection) -> int:
    return connection.exec_driver_sql("SELECT count(*) FROM trainee WHERE deleted_at IS NULL").scalar_one()


def test_tjce_info_compares_the_stored_city_total_with_a_count(demo_database):
    from tjce_desktop.services.database_info import database_info

    info = database_info(demo_database)
    assert info.stored_counts_right and info.counted_trainees[1] == info.counts["trainee"]
    with demo_database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE org_trainee_count SET active = active + 1 WHERE org_path = "
                                   "(SELECT org_path FROM org_trainee_count LIMIT 1)")
    assert not database_info(demo_database).stored_counts_right
