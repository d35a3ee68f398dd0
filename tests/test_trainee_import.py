"""导入学员 with files as they come from Excel and WPS, written and read back for real."""

import datetime as dt
import json
import uuid

import openpyxl
import pytest
import xlwt
from sqlalchemy import select

from tjce_desktop.domain.enums import TitleLevel
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.domain.task_state import Cancelled, TaskState
from tjce_desktop.exchange.trainee_template import DATA_SHEET, write_template
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import find_org, list_orgs
from tjce_desktop.services.trainee_import import (
    ImportFileError,
    ImportMode,
    Verdict,
    analyse_import,
    apply_import,
    open_import,
    write_import_errors,
)
from tjce_desktop.storage.models import AuditLog, Outbox, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork


def new_id(n: int) -> str:
    return make_id_number("120101", dt.date(1980, 1, 1) + dt.timedelta(days=n), n % 1000)


def _import(database, path, mode=ImportMode.ADD, org="和平区"):
    with UnitOfWork(database) as uow:
        default_org = find_org(uow.session, org) if org else None
        preview = analyse_import(uow, LOCAL_ADMIN, open_import(path), mode=mode, default_org=default_org)
        summary = apply_import(uow, LOCAL_ADMIN, preview)
    return preview, summary


def _count(database, sql="SELECT count(*) FROM trainee"):
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(sql).scalar()


def test_template_filled_in_imports(demo_database, tmp_path):
    template = tmp_path / "模板.xlsx"
    with UnitOfWork(demo_database) as uow:
        names = [org.full_name for org in list_orgs(uow.session) if org.depth > 0]
    write_template(template, names)
    book = openpyxl.load_workbook(template)
    assert book.sheetnames[0] == "填写说明" and DATA_SHEET in book.sheetnames
    sheet = book[DATA_SHEET]
    assert [c.value for c in sheet[1]][:3] == ["学员姓名*", "真实姓名*", "身份证号*"]
    assert sheet["C3"].number_format == "@"  # the ID column is text
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"正高级,副高级,中级,初级,无"' in validations.values()
    unit = next(name for name in names if name.startswith("和平区/") and name.count("/") == 1)
    for offset in range(3):  # typed in under the example row, as a user would
        values = [f"new{offset}", f"新学员{offset}", new_id(offset), unit, "13900000000", None, "中级",
                  "专业技术岗位", "否", "教师"]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=3 + offset, column=column, value=value)
    book.save(template)
    before = _count(demo_database)
    preview, summary = _import(demo_database, template)
    assert (summary.added, summary.refused) == (3, 0)
    assert summary.skipped_empty == 1  # the grey example row
    assert _count(demo_database) == before + 3
    with UnitOfWork(demo_database) as uow:
        added = uow.session.scalar(select(Trainee).where(Trainee.username == "new1"))
        assert added.title_level == "intermediate" and added.org_path.startswith("/120000/120101/")
        assert added.birth_date == dt.date(1980, 1, 2) and added.gender == "male"
        outbox = uow.session.scalars(select(Outbox).where(Outbox.row_id == added.id)).all()
        assert [entry.operation for entry in outbox] == ["insert"]
        assert json.loads(outbox[0].changes)["username"] == "new1"
        entry = uow.session.scalars(select(AuditLog).where(AuditLog.action == "trainee.import")).one()
        assert json.loads(entry.detail)["added"] == 3


def _messy_workbook(path, existing_id_number):
    """A sheet as HR offices send them: title row, merged cells, aliases, every kind of dirt."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年和平区专业技术人员名单"])
    sheet.merge_cells("A1:G1")
    sheet.append(["基本信息", None, None, "联系方式", None, None, None])
    sheet.merge_cells("A2:C2")
    sheet.append(["*用户名", " 姓 名 ", "身份证号码（18位）", "手机号", "出生日期", "职称", "备注"])
    good = new_id(10)
    sheet.append(["  wang01 ", "王　一", "".join(chr(ord(c) + 0xFEE0) for c in good), "139 0000 0001", None, "无",
                  None])  # full-width digits, ideographic space, spaces
    sheet.append(["li02", "李二", new_id(11).lower(), None, None, "初级", None])  # lowercase x (if any)
    sheet.append([None, None, None, None, None, None, None])  # empty row
    sheet.append(["zhao03", "赵三", float(new_id(12)[:17] + "1"), None, None, None, None])  # ID as a number
    sheet.append(["sun04", "孙四", new_id(13)[:17] + "0" if new_id(13)[17] != "0" else new_id(13)[:17] + "1",
                  None, None, None, None])  # wrong check digit
    sheet.append(["zhou05", "周五", new_id(14), None, None, "教授", None])  # unknown title
    sheet.append(["wu06", "吴六", new_id(15), None, None, None, None])
    sheet.append(["wu06", "吴六", new_id(15), None, None, None, None])  # the same row again
    sheet.append(["zheng07", "郑七", new_id(16), None, None, None, None])
    sheet.append(["zheng07b", "郑七", new_id(16), "13000000000", None, None, None])  # same ID, other content
    sheet.append(["feng08", "冯八", existing_id_number, None, None, None, None])  # belongs to someone else
    sheet.append(["chen09", "陈九", new_id(17), None, (dt.date(1980, 1, 1) + dt.timedelta(days=17) -
                                                     dt.date(1899, 12, 30)).days, None, None])  # date as serial
    sheet.append(["chu10", "褚十", new_id(18), None, "1999-01-01", None, None])  # date disagrees with ID
    book.save(path)
    return good


def test_messy_file_gets_a_verdict_for_every_row(demo_database, tmp_path):
    with demo_database.engine.connect() as connection:
        other_id, other_org = connection.exec_driver_sql(
            "SELECT id_number, org_path FROM trainee WHERE org_path NOT LIKE '/120000/120101/%' LIMIT 1").one()
    path = tmp_path / "名单.xlsx"
    _messy_workbook(path, other_id)
    source = open_import(path)
    assert source.header.row_index == 2  # under the title and the merged group row
    assert set(source.header.mapping.values()) == {"username", "real_name", "id_number", "phone", "birth_date",
                                                   "title_level"}
    with UnitOfWork(demo_database) as uow:
        preview = analyse_import(uow, LOCAL_ADMIN, source, mode=ImportMode.ADD,
                                 default_org=find_org(uow.session, "和平区"))
    by_row = {row.row_number: row for row in preview.rows}
    assert preview.skipped_empty == 1
    assert by_row[4].verdict is Verdict.ADD and by_row[4].values["username"] == "wang01"
    assert by_row[4].values["real_name"] == "王一" and by_row[4].values["phone"] == "13900000001"
    assert by_row[5].verdict is Verdict.ADD
    assert "被 Excel 存成了数字" in by_row[7].messages[0] and "文本" in by_row[7].messages[0]
    assert len(by_row[7].messages) == 1
    assert any("校验位不对" in m for m in by_row[8].messages)
    assert any("职称" in m for m in by_row[9].messages)
    assert by_row[10].verdict is Verdict.ADD  # the first of two identical rows
    assert by_row[11].verdict is Verdict.ERROR and "与第 10 行重复" in by_row[11].messages[0]
    assert by_row[12].verdict is Verdict.ERROR and any("第 13 行" in m for m in by_row[12].messages)
    assert by_row[13].verdict is Verdict.ERROR
    assert by_row[14].verdict is Verdict.ERROR  # 仅新增: an ID that exists anywhere is refused
    assert "身份证号已存在" in by_row[14].messages[0] and "新增并更新" in by_row[14].messages[0]
    assert by_row[15].verdict is Verdict.ADD  # a serial-number date that agrees with the ID
    assert "不一致" in by_row[16].messages[0]


def test_existing_id_in_another_org_is_never_moved(demo_database, tmp_path):
    with demo_database.engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT id_number, username, real_name, org_path FROM trainee WHERE org_path LIKE '/120000/120102/%' "
            "LIMIT 1").one()
    path = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号"])
    book.active.append([row.username, row.real_name, row.id_number])
    book.save(path)
    preview, summary = _import(demo_database, path, mode=ImportMode.UPSERT, org="和平区")
    assert summary.refused == 1
    message = preview.rows[0].messages[0]
    assert "河东区" in message and "不会调动" in message
    with demo_database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT org_path FROM trainee WHERE id_number=?",
                                          (row.id_number,)).scalar() == row.org_path


def test_an_update_by_import_audits_old_and_new_values(demo_database, tmp_path):
    from tjce_desktop.services.audit import verify_chain

    with demo_database.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT t.id, t.id_number, t.username, t.real_name, t.phone, t.title_level, o.code FROM trainee t "
            "JOIN org o ON o.id=t.org_id WHERE t.title_level != 'senior_deputy' ORDER BY t.rowid LIMIT 2").all()
    path = tmp_path / "更新.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号", "所属机构", "手机", "职称"])
    book.active.append([rows[0].username, rows[0].real_name + "新", rows[0].id_number, rows[0].code, "13311112222",
                        "副高级"])
    book.active.append([rows[1].username, rows[1].real_name, rows[1].id_number, rows[1].code, "13322223333",
                        TitleLevel(rows[1].title_level).label])
    book.save(path)
    preview, summary = _import(demo_database, path, mode=ImportMode.UPSERT, org=None)
    assert summary.updated == 2
    with UnitOfWork(demo_database) as uow:
        entry = uow.session.scalars(select(AuditLog).where(AuditLog.action == "trainee.import")
                                    .order_by(AuditLog.seq.desc())).first()
        assert verify_chain(uow.session) == []
    detail = json.loads(entry.detail)
    assert detail["updated"] == 2 and detail["mode"] == "upsert"
    first, second = str(uuid.UUID(rows[0].id)), str(uuid.UUID(rows[1].id))
    changes = detail["changes"]  # as the edit of one trainee records it: per trainee and field, old and new
    assert set(changes) == {first, second}
    assert changes[first]["real_name"] == {"old": rows[0].real_name, "new": rows[0].real_name + "新"}
    assert changes[first]["phone"] == {"old": rows[0].phone, "new": "13311112222"}
    assert changes[first]["title_level"] == {"old": rows[0].title_level, "new": "senior_deputy"}
    assert changes[second]["phone"] == {"old": rows[1].phone, "new": "13322223333"}
    assert "real_name" not in changes[second] and "title_level" not in changes[second]
    assert all(row.id_number not in entry.detail for row in rows)  # matched by ID number, never written out


def test_add_vs_upsert_for_trainees_of_the_same_org(demo_database, tmp_path):
    with demo_database.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT t.id_number, t.username, t.real_name, o.code FROM trainee t JOIN org o ON o.id=t.org_id "
            "ORDER BY t.rowid LIMIT 2").all()
    path = tmp_path / "u.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号", "所属机构", "手机"])
    book.active.append([rows[0].username, rows[0].real_name, rows[0].id_number, rows[0].code, "13311112222"])
    book.active.append([rows[1].username, rows[1].real_name, rows[1].id_number, rows[1].code, None])
    book.save(path)
    preview, summary = _import(demo_database, path, mode=ImportMode.ADD, org=None)
    assert summary.refused == 2 and "新增并更新" in preview.rows[0].messages[0]
    with demo_database.engine.connect() as connection:
        phone_before = connection.exec_driver_sql("SELECT phone FROM trainee WHERE id_number=?",
                                                  (rows[1].id_number,)).scalar()
    preview, summary = _import(demo_database, path, mode=ImportMode.UPSERT, org=None)
    assert summary.updated == 2 and summary.refused == 0  # the second loses its phone: the file says so
    with demo_database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT phone FROM trainee WHERE id_number=?",
                                          (rows[0].id_number,)).scalar() == "13311112222"
    assert phone_before is not None
    preview, summary = _import(demo_database, path, mode=ImportMode.UPSERT, org=None)
    assert (summary.updated, summary.unchanged) == (0, 2)


def test_error_report_fixed_and_imported_as_it_is(demo_database, tmp_path):
    path = tmp_path / "bad.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号", "职称"])
    book.active.append(["ok1", "好人", new_id(30), "中级"])
    book.active.append(["bad1", "坏号", float(new_id(31)[:17] + "0"), "中级"])
    book.active.append(["bad2", "", new_id(32), "特级"])
    book.save(path)
    preview, summary = _import(demo_database, path)
    assert (summary.added, summary.refused) == (1, 2)
    report = tmp_path / "错误报告.xlsx"
    assert write_import_errors(demo_database, LOCAL_ADMIN, preview, report) == 2
    with UnitOfWork(demo_database) as uow:  # the refused rows hold names and ID numbers: audited
        entry = uow.session.scalars(select(AuditLog).where(AuditLog.action == "trainee.import_errors")).one()
        assert entry.target == "错误报告.xlsx" and json.loads(entry.detail)["rows"] == 2
    sheet = openpyxl.load_workbook(report).active
    assert [c.value for c in sheet[1]] == ["学员姓名", "真实姓名", "身份证号", "职称", "错误说明", "原行号"]
    assert [sheet["F2"].value, sheet["F3"].value] == [3, 4]  # the rows of the imported file, as messages count them
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].value.endswith("E+17") and sheet["C2"].number_format == "@"
    assert "文本" in sheet["E2"].value and "必填" in sheet["E3"].value
    # The user corrects the cells in Excel and saves.
    book = openpyxl.load_workbook(report)
    sheet = book.active
    sheet["C2"] = new_id(31)
    sheet["B3"] = "补上姓名"
    sheet["D3"] = "副高"  # the usual short form
    book.save(report)
    preview, summary = _import(demo_database, report)
    assert (summary.added, summary.refused) == (2, 0)
    with UnitOfWork(demo_database) as uow:
        assert uow.session.scalars(select(Trainee.title_level).where(Trainee.username == "bad2")).one() == \
            TitleLevel.SENIOR_DEPUTY.value


@pytest.mark.parametrize(("written", "level"), [("副高", "senior_deputy"), ("正高", "senior_full"),
                                                ("副高级职称", "senior_deputy"), ("中级职称", "intermediate"),
                                                ("初", "junior"), ("无职称", "none")])
def test_usual_short_forms_of_titles(written, level):
    assert TitleLevel.from_label(written).value == level
    with pytest.raises(ValueError):
        TitleLevel.from_label("高级")  # ambiguous: refused with the list of labels


def test_xls_and_gbk_csv(demo_database, tmp_path):
    xls = tmp_path / "old.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for column, text in enumerate(["学员姓名", "真实姓名", "身份证号"]):
        sheet.write(0, column, text)
    for column, text in enumerate(["xls1", "旧格式", new_id(40)]):
        sheet.write(1, column, text)
    book.save(str(xls))
    csv_path = tmp_path / "wps.csv"
    csv_path.write_bytes(f"学员姓名,真实姓名,身份证号\r\n,,\r\ncsv1,逗号,{new_id(41)}\r\n,,\r\n".encode("gbk"))
    assert _import(demo_database, xls)[1].added == 1
    preview, summary = _import(demo_database, csv_path)
    assert (summary.added, summary.skipped_empty) == (1, 1)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.xlsx", b"PK\x03\x04 this is not a zip", "无法读取"),
        ("notes.txt", b"hello", "不支持"),
        ("fruit.csv", "名称,数量\n苹果,1\n".encode(), "找不到表头"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        open_import(path)


def test_missing_required_column(demo_database, tmp_path):
    path = tmp_path / "m.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["学员姓名", "真实姓名", "手机"])
    book.active.append(["x", "y", "1"])
    book.save(path)
    with UnitOfWork(demo_database) as uow, pytest.raises(ImportFileError, match="身份证号"):
        analyse_import(uow, LOCAL_ADMIN, open_import(path), mode=ImportMode.ADD, default_org=None)


def test_cancelled_import_leaves_the_database_as_it_was(demo_database, tmp_path):
    path = tmp_path / "many.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["学员姓名", "真实姓名", "身份证号"])
    for n in range(12000):
        sheet.append([f"bulk{n}", "批量", new_id(100 + n)])
    book.save(path)
    trainees, outbox = _count(demo_database), _count(demo_database, "SELECT count(*) FROM sync_outbox")

    def cancel_late(fraction, message):
        if "写入" in message and fraction > 0.3:
            state.cancel()

    state = TaskState(cancel_late)
    with UnitOfWork(demo_database) as uow:
        preview = analyse_import(uow, LOCAL_ADMIN, open_import(path), mode=ImportMode.ADD,
                                 default_org=find_org(uow.session, "和平区"))
        assert preview.count(Verdict.ADD) == 12000
        with pytest.raises(Cancelled):
            apply_import(uow, LOCAL_ADMIN, preview, state)
    assert _count(demo_database) == trainees
    assert _count(demo_database, "SELECT count(*) FROM sync_outbox") == outbox
