import datetime as dt
import json

import openpyxl
import pytest
from sqlalchemy import select

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.services import audit
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor, ScopeError
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainee_export import export_trainees
from tjce_desktop.services.trainee_listing import SortOrder, TraineeFilter, count_in_scope, fetch_key_page
from tjce_desktop.services.trainees import (
    TraineeForm,
    TraineeValidationError,
    add_trainee,
    get_trainee,
    move_trainees,
    set_left,
    trainee_archive,
    update_trainee,
)
from tjce_desktop.storage.models import AuditLog, Enrollment, Outbox, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork


def _org(database, reference):
    with UnitOfWork(database) as uow:
        return find_org(uow.session, reference)


def _form(org, n=1, **changes):
    values = dict(username=f"new{n}", real_name="新 学员", id_number=make_id_number("120101", dt.date(1990, 5, n), n),
                  org_id=org.id, phone="13900000000", title_level="中级", post_type="管理岗位")
    values.update(changes)
    return TraineeForm(**values)


def test_add_derives_gender_and_birth_date_and_audits(demo_database):
    org = _org(demo_database, "和平区")
    with UnitOfWork(demo_database) as uow:
        typed = " " + make_id_number("120101", dt.date(1990, 5, 3), 3).lower()
        detail = add_trainee(uow, LOCAL_ADMIN, _form(org, 3, id_number=typed))
    assert detail.gender == "male" and detail.birth_date == dt.date(1990, 5, 3)
    assert detail.title_level == "intermediate" and detail.post_type == "management"
    assert detail.org_full_name == "和平区"
    with UnitOfWork(demo_database) as uow:
        entry = uow.session.scalars(select(AuditLog).where(AuditLog.action == "trainee.create")).one()
        assert entry.actor == "local-admin" and json.loads(entry.detail)["username"] == "new3"


def test_every_error_is_reported_beside_its_field(demo_database):
    org = _org(demo_database, "和平区")
    with demo_database.engine.connect() as connection:
        taken = connection.exec_driver_sql(
            "SELECT t.username, t.id_number, o.name FROM trainee t JOIN org o ON o.id = t.org_id LIMIT 1").one()
    bad = _form(org, username=taken.username, real_name="", id_number=taken.id_number, phone="abc", email="x@",
                title_level="教授")
    with UnitOfWork(demo_database) as uow, pytest.raises(TraineeValidationError) as caught:
        add_trainee(uow, LOCAL_ADMIN, bad)
    errors = caught.value.errors
    assert set(errors) == {"username", "real_name", "id_number", "phone", "email", "title_level"}
    assert taken.name in errors["username"] and taken.name in errors["id_number"]  # names the org
    assert errors["real_name"] == "必填。"
    with UnitOfWork(demo_database) as uow, pytest.raises(TraineeValidationError) as caught:
        add_trainee(uow, LOCAL_ADMIN, _form(org, id_number="110105194902300020"))
    assert "不是真实的日期" in caught.value.errors["id_number"]


def test_edit_records_old_and_new_id_number(demo_database):
    org = _org(demo_database, "和平区")
    with UnitOfWork(demo_database) as uow:
        detail = add_trainee(uow, LOCAL_ADMIN, _form(org, 5))
    new_number = make_id_number("120102", dt.date(1991, 6, 6), 8)
    with UnitOfWork(demo_database) as uow:
        updated = update_trainee(uow, LOCAL_ADMIN, detail.id, _form(org, 5, id_number=new_number, phone=""))
    assert updated.id_number == new_number and updated.birth_date == dt.date(1991, 6, 6)
    assert updated.gender == "female" and updated.phone == ""
    with UnitOfWork(demo_database) as uow:
        entry = uow.session.scalars(select(AuditLog).where(AuditLog.action == "trainee.update")).one()
        changes = json.loads(entry.detail)
        assert changes["id_number"] == {"old": detail.id_number, "new": new_number}
        assert changes["phone"]["old"] == "13900000000"
        assert audit.verify_chain(uow.session) == []


def test_move_and_leave_keep_the_archive(demo_database):
    with demo_database.engine.connect() as connection:
        ids = [row[0] for row in connection.exec_driver_sql(
            "SELECT t.id FROM trainee t WHERE EXISTS (SELECT 1 FROM enrollment e WHERE e.trainee_id=t.id) "
            "AND t.org_path LIKE '/120000/120101/%' LIMIT 3")]
    import uuid

    ids = [uuid.UUID(value) for value in ids]
    target = _org(demo_database, "河西区")
    with UnitOfWork(demo_database) as uow:
        archives_before = len(uow.session.scalars(select(Enrollment).where(Enrollment.trainee_id.in_(ids))).all())
        result = move_trainees(uow, LOCAL_ADMIN, ids, target.id)
    assert result.moved == 3 and result.target_full_name == "河西区"
    with UnitOfWork(demo_database) as uow:
        assert set(uow.session.scalars(select(Trainee.org_path).where(Trainee.id.in_(ids)))) == {target.path}
        # The archives' copies of the scope follow the trainee (the reports count them there).
        assert set(uow.session.scalars(select(Enrollment.org_path).where(Enrollment.trainee_id.in_(ids)))) == {
            target.path}
        assert set_left(uow, LOCAL_ADMIN, ids[:2], left=True, on=dt.date(2026, 11, 1)) == 2
    with UnitOfWork(demo_database) as uow:
        flags = uow.session.execute(select(Enrollment.trainee_id, Enrollment.trainee_active)
                                    .where(Enrollment.trainee_id.in_(ids))).all()
        assert {active for trainee_id, active in flags if trainee_id in ids[:2]} == {False}
        own = dict(uow.session.execute(select(Trainee.id, Trainee.active).where(Trainee.id.in_(ids))).all())
        assert all(active == own[trainee_id] for trainee_id, active in flags)
        outbox = uow.session.scalars(select(Outbox.changes).where(Outbox.table_name == "enrollment")).all()
        assert outbox == []  # derived copies are recomputed on each side, never synced
    with UnitOfWork(demo_database) as uow:
        left = uow.session.scalars(select(Trainee).where(Trainee.id.in_(ids[:2]))).all()
        assert all(not t.active and t.left_on == dt.date(2026, 11, 1) for t in left)
        archives = uow.session.scalars(select(Enrollment).where(Enrollment.trainee_id.in_(ids))).all()
        assert len(archives) == archives_before
        archive = trainee_archive(uow, LOCAL_ADMIN, ids[0])
    assert archive and all(entry.plan_name for entry in archive)
    finished = [entry for entry in archive if entry.status == "已学完"]
    for entry in finished:
        assert sum(entry.hours_by_category.values()) == entry.hours == entry.plan_hours
        assert entry.attempts and entry.attempts[-1].passed


def test_scope_is_enforced_by_the_service(demo_database):
    heping = _org(demo_database, "和平区")
    hedong = _org(demo_database, "河东区")
    supervisor = Actor("heping-admin", heping.path)
    with demo_database.engine.connect() as connection:
        outsider = connection.exec_driver_sql("SELECT id FROM trainee WHERE org_path LIKE ? LIMIT 1",
                                              (hedong.path + "%",)).scalar()
    import uuid

    with UnitOfWork(demo_database) as uow, pytest.raises(ScopeError):
        get_trainee(uow, supervisor, uuid.UUID(outsider))
    with UnitOfWork(demo_database) as uow, pytest.raises(TraineeValidationError, match="管辖范围"):
        add_trainee(uow, supervisor, _form(hedong, 9))


def test_filters_run_in_sql(demo_database):
    with demo_database.engine.connect() as connection:
        sample = connection.exec_driver_sql("SELECT real_name, id_number, username FROM trainee LIMIT 1").one()
        everyone = count_in_scope(connection, LOCAL_ADMIN.scope("/120000/"))
        by_fragment = count_in_scope(connection, LOCAL_ADMIN.scope("/120000/"),
                                     TraineeFilter(real_name=sample.real_name[1:]))
        expected = connection.exec_driver_sql("SELECT count(*) FROM trainee WHERE real_name LIKE ?",
                                              (f"%{sample.real_name[1:]}%",)).scalar()
        assert by_fragment == expected and 0 < by_fragment < everyone
        assert count_in_scope(connection, LOCAL_ADMIN.scope("/120000/"), TraineeFilter(id_number=sample.id_number)) == 1
        tail = sample.id_number[-6:]
        assert count_in_scope(connection, LOCAL_ADMIN.scope("/120000/"), TraineeFilter(id_number=tail)) == (
            connection.exec_driver_sql("SELECT count(*) FROM trainee WHERE id_number LIKE ?", (f"%{tail}",)).scalar())
        full_width = "".join(chr(ord(c) + 0xFEE0) for c in sample.id_number)
        assert count_in_scope(connection, LOCAL_ADMIN.scope("/120000/"), TraineeFilter(id_number=full_width)) == 1
        women = count_in_scope(connection, LOCAL_ADMIN.scope("/120000/"), TraineeFilter(gender="female", active=True))
        assert women == connection.exec_driver_sql(
            "SELECT count(*) FROM trainee WHERE gender='female' AND active=1").scalar()
        page = fetch_key_page(connection, LOCAL_ADMIN.scope("/120000/"), SortOrder(), None, 10,
                              TraineeFilter(username=sample.username[:5]))
        assert page.rowids


def test_export_writes_a_real_workbook_without_formulas(demo_database, tmp_path):
    org = _org(demo_database, "和平区")
    with UnitOfWork(demo_database) as uow:
        add_trainee(uow, LOCAL_ADMIN, _form(org, 7, real_name="=HYPERLINK(\"http://x\")", username="@evil"))
    path = tmp_path / "学员.xlsx"
    count = export_trainees(demo_database, LOCAL_ADMIN, path, scope_path=org.path)
    with demo_database.engine.connect() as connection:
        assert count == count_in_scope(connection, LOCAL_ADMIN.scope(org.path))
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert 20 <= sheet.column_dimensions["F"].width <= 60  # 所属机构: sized from the rows
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["学员姓名", "真实姓名", "身份证号"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert all("********" in row[2] for row in rows)
    evil = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "@evil")
    assert evil[1].data_type == "s" and evil[1].value.startswith("=")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    full = tmp_path / "full.xlsx"
    export_trainees(demo_database, LOCAL_ADMIN, full, scope_path=org.path, full_id_numbers=True)
    ids = [row[2] for row in openpyxl.load_workbook(full).active.iter_rows(min_row=2, values_only=True)]
    assert all(len(value) == 18 and "*" not in value for value in ids)
    with UnitOfWork(demo_database) as uow:
        exports = [json.loads(e.detail) for e in uow.session.scalars(
            select(AuditLog).where(AuditLog.action == "trainee.export"))]
    assert [e["full_id_numbers"] for e in exports] == [False, True]


def test_export_to_a_bad_place_fails_cleanly(demo_database, tmp_path):
    from tjce_desktop.exchange.xlsx_table import XlsxWriteError

    with pytest.raises(XlsxWriteError, match="文件夹"):
        export_trainees(demo_database, LOCAL_ADMIN, tmp_path, scope_path="/120000/")
    with pytest.raises(XlsxWriteError, match="不存在"):
        export_trainees(demo_database, LOCAL_ADMIN, tmp_path / "no" / "x.xlsx", scope_path="/120000/")


def test_selected_rows_resolve_to_keys_in_order_in_one_pass(demo_database):
    import uuid

    from tjce_desktop.services.trainees import TraineeNotFound, trainee_ids_for_rowids

    with demo_database.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT rowid, id FROM trainee ORDER BY rowid DESC LIMIT 1200").all()
    rowids = [row[0] for row in rows]
    with UnitOfWork(demo_database) as uow:
        assert trainee_ids_for_rowids(uow, rowids) == [uuid.UUID(row[1]) for row in rows]
        with pytest.raises(TraineeNotFound, match="已被删除"):
            trainee_ids_for_rowids(uow, [rowids[0], 10_000_000])
