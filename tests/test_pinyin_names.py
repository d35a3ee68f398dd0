"""Names by pinyin: `zhang` and `zm` find 张敏, 丁/万/于 sort by sound, on every write path."""

import datetime as dt

from sqlalchemy import select

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.domain.pinyin import person_name_keys, search_term, word_keys
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import find_org, list_orgs
from tjce_desktop.services.trainee_import import ImportMode, analyse_import, apply_import, open_import
from tjce_desktop.services.trainee_listing import (
    SortOrder,
    TraineeColumn,
    TraineeFilter,
    count_in_scope,
    fetch_key_page,
    fetch_rows,
)
from tjce_desktop.services.trainees import TraineeForm, add_trainee, update_trainee
from tjce_desktop.storage.models import Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.pull import store_rows


def test_surnames_are_read_as_surnames():
    assert person_name_keys("张敏").full == "zhangmin" and person_name_keys("张敏").initials == "zm"
    assert [person_name_keys(n).full for n in ("曾志伟", "单雄信", "解缙", "仇英", "区家明")] == [
        "zengzhiwei", "shanxiongxin", "xiejin", "qiuying", "oujiaming"]
    assert person_name_keys("尉迟恭").full == "yuchigong" and person_name_keys("欧阳修").initials == "oyx"
    # the everyday reading elsewhere in the name, and words for org names
    assert person_name_keys("李曾").full == "liceng"
    assert word_keys("重庆道").full == "chongqingdao"
    assert person_name_keys("Anna Smith").initials == "as" and person_name_keys("买买提·艾力").full == "maimaitiaili"
    assert search_term(" Zhang Min ") == "zhangmin" and search_term("张") is None and search_term("12") is None


def _form(org, n, real_name):
    return TraineeForm(username=f"py{n}", real_name=real_name, org_id=org.id, title_level="中级",
                       post_type="管理岗位", id_number=make_id_number("120101", dt.date(1985, 3, 1), n))


def _unit(database):
    """A unit of the demo with its own sub-scope, emptied of demo trainees by a move elsewhere."""
    with UnitOfWork(database) as uow:
        org = find_org(uow.session, "和平区")
        unit = next(o for o in list_orgs(uow.session) if o.kind == "unit" and o.path.startswith(org.path))
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE trainee SET deleted_at = '2026-01-01' WHERE org_path >= ? AND org_path < ?",
                                   (unit.path, unit.path + "\xff"))
    return unit


def _names(database, scope_path, order, filters=TraineeFilter()):
    scope = LOCAL_ADMIN.scope(scope_path)
    with database.engine.connect() as connection:
        page = fetch_key_page(connection, scope, order, None, 1000, filters)
        rows = fetch_rows(connection, scope, page.rowids)
        return [rows[r].values[1] for r in page.rowids], count_in_scope(connection, scope, filters)


def test_pinyin_search_and_sort_on_every_write_path(demo_database, tmp_path):
    unit = _unit(demo_database)
    with UnitOfWork(demo_database) as uow:  # the ORM path: the form
        for n, name in enumerate(("于谦", "万里", "丁一", "张敏", "章明", "曾志伟", "赵明"), start=1):
            add_trainee(uow, LOCAL_ADMIN, _form(unit, n, name))
    csv_path = tmp_path / "people.csv"  # the bulk path: an import
    csv_path.write_text("学员姓名,真实姓名,身份证号\n"
                        f"py20,张伟,{make_id_number('120101', dt.date(1986, 3, 1), 20)}\n"
                        f"py21,单田芳,{make_id_number('120101', dt.date(1986, 3, 1), 21)}\n", encoding="utf-8")
    with UnitOfWork(demo_database) as uow:
        preview = analyse_import(uow, LOCAL_ADMIN, open_import(csv_path), mode=ImportMode.ADD, default_org=unit)
        assert apply_import(uow, LOCAL_ADMIN, preview).added == 2

    by_name, total = _names(demo_database, unit.path, SortOrder(TraineeColumn.REAL_NAME))
    assert total == 9
    # 丁 ding, 单 shan (a surname), 万 wan, 于 yu, 曾 zeng, 张 zhang, 章 zhang, 赵 zhao — not by code point
    assert by_name == ["丁一", "单田芳", "万里", "于谦", "曾志伟", "张敏", "章明", "张伟", "赵明"]
    assert by_name != sorted(by_name)
    descending, _ = _names(demo_database, unit.path, SortOrder(TraineeColumn.REAL_NAME, descending=True))
    assert descending == by_name[::-1]
    in_org, _ = _names(demo_database, unit.path, SortOrder())  # org, then names by pinyin
    assert in_org == by_name

    by_pinyin = SortOrder(TraineeColumn.REAL_NAME)
    found, count = _names(demo_database, unit.path, by_pinyin, TraineeFilter(real_name="zhang"))
    assert (found, count) == (["张敏", "章明", "张伟"], 3)
    # initials: 张敏, 章明 and 赵明 are all "zm", in pinyin order
    assert _names(demo_database, unit.path, SortOrder(), TraineeFilter(real_name="zm"))[0] == ["张敏", "章明", "赵明"]
    assert _names(demo_database, unit.path, SortOrder(), TraineeFilter(real_name="z m"))[0] == ["张敏", "章明", "赵明"]
    assert _names(demo_database, unit.path, SortOrder(), TraineeFilter(real_name="ZhangM"))[0] == ["张敏", "章明"]
    assert _names(demo_database, unit.path, SortOrder(), TraineeFilter(real_name="zzw"))[0] == ["曾志伟"]
    assert _names(demo_database, unit.path, SortOrder(), TraineeFilter(real_name="敏"))[0] == ["张敏"]  # as before

    # keyset paging by the pinyin key continues where it stopped
    scope = LOCAL_ADMIN.scope(unit.path)
    with demo_database.engine.connect() as connection:
        order = SortOrder(TraineeColumn.REAL_NAME)
        first = fetch_key_page(connection, scope, order, None, 4)
        rest = fetch_key_page(connection, scope, order, first.last_key, 100)
        rows = fetch_rows(connection, scope, first.rowids + rest.rowids)
        assert [rows[r].values[1] for r in first.rowids + rest.rowids] == by_name

    # an edit renames: the keys follow
    with UnitOfWork(demo_database) as uow:
        zhao = uow.session.scalars(select(Trainee).where(Trainee.username == "py7")).one()
        update_trainee(uow, LOCAL_ADMIN, zhao.id, _form(unit, 7, "艾明"))
    assert _names(demo_database, unit.path, SortOrder(TraineeColumn.REAL_NAME))[0][0] == "艾明"

    # the sync pull: the central row carries no keys; the desk computes them
    with demo_database.engine.begin() as connection:
        table = Trainee.__table__
        row = dict(connection.execute(select(table).where(table.c.username == "py1")).mappings().one())
        row.update(real_name="仇英", name_pinyin="", name_initials="", row_version=row["row_version"] + 1,
                   server_seq=99)
        stored, held = store_rows(connection, "trainee", [row])
        assert (len(stored), held) == (1, 0)
    with demo_database.engine.connect() as connection:
        assert connection.exec_driver_sql(
            "SELECT name_pinyin, name_initials FROM trainee WHERE username = 'py1'").one() == ("qiuying", "qy")


def test_archives_are_found_by_pinyin_too(demo_database):
    from tjce_desktop.services.archive_query import ArchiveFilter, count_archives

    city = LOCAL_ADMIN.scope("/120000/")
    with demo_database.engine.connect() as connection:
        sample = connection.exec_driver_sql(
            "SELECT t.real_name FROM enrollment e JOIN trainee t ON t.id = e.trainee_id LIMIT 1").scalar()
        keys = person_name_keys(sample)
        expected = connection.exec_driver_sql(
            "SELECT count(*) FROM enrollment e JOIN trainee t ON t.id = e.trainee_id WHERE e.deleted_at IS NULL "
            "AND (t.name_initials LIKE ? OR t.name_pinyin LIKE ?)", (keys.initials + "%", keys.initials + "%")).scalar()
        assert count_archives(connection, city, ArchiveFilter(name_or_id=keys.initials)) == expected > 0
        assert count_archives(connection, city, ArchiveFilter(name_or_id=keys.full)) == connection.exec_driver_sql(
            "SELECT count(*) FROM enrollment e JOIN trainee t ON t.id = e.trainee_id WHERE e.deleted_at IS NULL "
            "AND substr(t.name_pinyin, 1, ?) = ?", (len(keys.full), keys.full)).scalar() > 0


def test_wide_scopes_page_through_the_name_index_in_the_same_order(demo_database):
    """The city and a district walk the name index (the scope checked as it goes): the pages,
    one after another, are the one sorted list."""
    for path, size in (("/120000/", 700), ("/120000/120101/", 40)):
        scope = LOCAL_ADMIN.scope(path)
        for order in (SortOrder(TraineeColumn.REAL_NAME), SortOrder(TraineeColumn.REAL_NAME, descending=True),
                      SortOrder(TraineeColumn.USERNAME), SortOrder(TraineeColumn.ID_NUMBER)):
            with demo_database.engine.connect() as connection:
                everything = fetch_key_page(connection, scope, order, None, 100_000, TraineeFilter(active=True))
                paged, after = [], None
                while True:
                    page = fetch_key_page(connection, scope, order, after, size, TraineeFilter(active=True))
                    paged += page.rowids
                    if len(page.rowids) < size:
                        break
                    after = page.last_key
                assert paged == everything.rowids
                assert len(paged) == count_in_scope(connection, scope, TraineeFilter(active=True)) > size
                if order.column is TraineeColumn.REAL_NAME:
                    rows = fetch_rows(connection, scope, paged[:150])
                    keys = [person_name_keys(rows[r].values[1]).full for r in paged[:150]]
                    assert keys == sorted(keys, reverse=order.descending)
