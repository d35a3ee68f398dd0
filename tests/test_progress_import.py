"""导入学习进度 from files as Excel and WPS write them: real .xlsx and .xls, messy cells."""

import datetime as dt
import uuid

import openpyxl
import pytest
import xlwt
from sqlalchemy import select

from tjce_desktop.domain.enums import Role
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor
from tjce_desktop.services.progress_import import (
    analyse_progress,
    apply_progress,
    open_progress_import,
    write_progress_errors,
    write_progress_template,
)
from tjce_desktop.services.stamping import stamp_archives
from tjce_desktop.services.trainee_import import ImportFileError, Verdict
from tjce_desktop.storage.models import AuditLog, Enrollment, ExamAttempt, Outbox, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork

TODAY = dt.date(2026, 11, 29)
PLAN = "2026年度专业课培训计划（卫生系列）"


@pytest.fixture
def people(demo_database):
    """Three 和平区 trainees not enrolled in PLAN, one enrolled and stamped elsewhere, the plan's parts."""
    with demo_database.engine.connect() as c:
        plan_id = c.exec_driver_sql("SELECT id FROM training_plan WHERE name=?", (PLAN,)).scalar_one()
        fresh = c.exec_driver_sql(
            "SELECT id_number, real_name FROM trainee t WHERE org_path LIKE '/120000/120101/%' AND active=1 AND "
            "NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.trainee_id=t.id AND e.plan_id=?) LIMIT 3",
            (plan_id,)).all()
        courses = c.exec_driver_sql("SELECT name, hours FROM course WHERE plan_id=? ORDER BY sort_order",
                                    (plan_id,)).all()
        exam = c.exec_driver_sql("SELECT name, pass_score FROM exam WHERE plan_id=?", (plan_id,)).one()
        sibling = c.exec_driver_sql("SELECT id_number FROM trainee WHERE org_path LIKE '/120000/120103/%' "
                                    "LIMIT 1").scalar_one()
    return {"plan_id": plan_id, "fresh": fresh, "courses": courses, "exam": exam, "sibling": sibling}


def _xlsx(path, rows, title=True):
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append(["2026年学习进度（导出）"])
        sheet.merge_cells("A1:I1")
    sheet.append(["身份证号码", "姓 名", "培训计划", "课程名称", "获得学时", "完成日期", "考试", "成绩", "考试日期"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_messy_file_is_judged_row_by_row_and_only_good_rows_land(demo_database, people, tmp_path):
    db = demo_database
    (id1, name1), (id2, name2), (id3, _name3) = people["fresh"]
    (course1, hours1), (course2, hours2) = people["courses"]
    exam, pass_score = people["exam"]
    rows = [
        [id1, name1, PLAN, course1, hours1, "2026-03-05", None, None, None],
        # Full-width digits and a date as an Excel serial number, stray spaces.
        [" " + id1.replace("1", "１") + " ", name1, PLAN, course2, str(hours2).replace("2", "２"), 46100, exam,
         pass_score + 5, "2026/4/1"],
        [None] * 9,  # an empty row
        [id2, name2, PLAN, course1, 5, None, None, None, None],  # part of a course: 学习中
        [id2, name2, PLAN, course1, 5, None, None, None, None],  # the same course again
        [float(id3), "某人", PLAN, course1, 3, None, None, None, None],  # ID number lost its digits
        [id2, "张冠李戴", PLAN, course2, 3, None, None, None, None],  # name does not match
        [id2, name2, "不存在的计划", course1, 1, None, None, None, None],
        [id2, name2, PLAN, "不存在的课程", 1, None, None, None, None],
        [id2, name2, PLAN, course2, hours2 + 1, "2026-05-01", None, None, None],  # more than the course has
        [id2, name2, PLAN, course2, hours2, None, None, None, None],  # full hours, no completion date
        [id2, name2, PLAN, None, None, None, exam, 101, "2026-05-01"],  # impossible score
        [id2, name2, PLAN, None, None, None, exam, 70, "2027-01-01"],  # exam in the future
        [people["sibling"], None, PLAN, course1, 1, None, None, None, None],  # a sibling's trainee
        ["120101199001011234", None, PLAN, course1, 1, None, None, None, None],  # bad check digit
    ]
    source = open_progress_import(_xlsx(tmp_path / "progress.xlsx", rows))
    supervisor = Actor("heping", "/120000/120101/", role=Role.UNIT_SUPERVISOR)
    with UnitOfWork(db) as uow:
        before = uow.session.query(Outbox).count()
        preview = analyse_progress(uow.session, supervisor, source, today=TODAY)
        assert preview.skipped_empty == 1
        verdicts = {row.row_number: row for row in preview.rows}
        assert verdicts[3].verdict is Verdict.ADD and verdicts[4].verdict is Verdict.ADD
        assert verdicts[6].verdict is Verdict.ADD
        expected_errors = {7: "同一门课程", 8: "后几位已经丢失", 9: "不符", 10: "找不到培训计划", 11: "没有课程",
                           12: "超出范围", 13: "完成日期", 14: "超出范围", 15: "晚于今天", 16: "管辖范围",
                           17: "身份证号"}
        for number, text in expected_errors.items():
            assert verdicts[number].verdict is Verdict.ERROR, number
            assert text in "；".join(verdicts[number].messages), (number, verdicts[number].messages)
        assert uow.session.query(Outbox).count() == before  # analysing wrote nothing
        summary = apply_progress(uow.session, supervisor, preview)
        uow.commit()
    assert (summary.courses, summary.exams, summary.new_archives, summary.refused) == (3, 1, 2, 11)
    with UnitOfWork(db) as uow:
        s = uow.session
        archives = {row.id_number: row for row in s.execute(
            select(Trainee.id_number, Enrollment.status, Enrollment.hours, Enrollment.finished_at, Enrollment.org_path)
            .join(Trainee, Trainee.id == Enrollment.trainee_id)
            .where(Enrollment.plan_id == uuid.UUID(hex=people["plan_id"])))}
        first = archives[id1]
        assert first.status == "finished" and first.hours == hours1 + hours2
        assert first.finished_at.date() == dt.date(2026, 4, 1)  # the later of the last course and the pass
        assert first.org_path.startswith("/120000/120101/")  # the derived scope copy is set
        assert archives[id2].status == "in_progress" and archives[id2].hours == 5
        assert s.query(ExamAttempt).filter(ExamAttempt.score == pass_score + 5).count() >= 1
        assert s.query(Outbox).filter_by(table_name="course_progress").count() >= 3
        assert s.query(AuditLog).filter_by(action="progress.import").count() == 1

    # The same file again changes nothing; the error report lists the refused rows.
    with UnitOfWork(db) as uow:
        again = analyse_progress(uow.session, supervisor, source, today=TODAY)
        assert again.count(Verdict.ADD) == again.count(Verdict.UPDATE) == 0
    assert write_progress_errors(db, supervisor, preview, tmp_path / "errors.xlsx") == 11
    with UnitOfWork(db) as uow:
        entry = uow.session.query(AuditLog).filter_by(action="progress.import_errors").one()
        assert (entry.actor, entry.target) == ("heping", "errors.xlsx") and '"rows": 11' in entry.detail
    report = list(openpyxl.load_workbook(tmp_path / "errors.xlsx").active.iter_rows(values_only=True))
    assert report[0][-2:] == ("错误说明", "原行号") and len(report) == 12


def test_stamped_archives_are_not_changed(demo_database, people, tmp_path):
    db = demo_database
    (id1, name1), _, _ = people["fresh"]
    (course1, hours1), (course2, hours2) = people["courses"]
    exam, pass_score = people["exam"]
    rows = [[id1, name1, PLAN, course1, hours1, "2026-03-05", None, None, None],
            [id1, name1, PLAN, course2, hours2, "2026-03-06", exam, 90, "2026-03-07"]]
    source = open_progress_import(_xlsx(tmp_path / "p.xlsx", rows))
    with UnitOfWork(db) as uow:
        apply_progress(uow.session, LOCAL_ADMIN, analyse_progress(uow.session, LOCAL_ADMIN, source, today=TODAY))
        uow.commit()
    with UnitOfWork(db) as uow:
        archive = uow.session.scalars(select(Enrollment).join(Trainee, Trainee.id == Enrollment.trainee_id).where(
            Enrollment.plan_id == uuid.UUID(hex=people["plan_id"]), Trainee.id_number == id1)).one()
        assert archive.status == "finished"
        stamp_archives(uow.session, LOCAL_ADMIN, [archive.id.hex], seal_org_id=None)
        uow.commit()
    rows[0][4] = hours1 - 1
    source = open_progress_import(_xlsx(tmp_path / "p2.xlsx", rows))
    with UnitOfWork(db) as uow:
        preview = analyse_progress(uow.session, LOCAL_ADMIN, source, today=TODAY)
    messages = [m for row in preview.rows for m in row.messages]
    assert any("已盖章" in m for m in messages)


def test_xls_from_wps_and_files_without_a_header(demo_database, people, tmp_path):
    (id1, name1), _, _ = people["fresh"]
    (course1, hours1), _ = people["courses"]
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for column, text in enumerate(["身份证号", "姓名", "培训计划", "课程", "学时", "完成日期"]):
        sheet.write(0, column, text)
    for column, value in enumerate([id1, name1, PLAN, course1, hours1, "2026年3月5日"]):
        sheet.write(1, column, value)
    book.save(str(tmp_path / "wps.xls"))
    source = open_progress_import(tmp_path / "wps.xls")
    with UnitOfWork(demo_database) as uow:
        preview = analyse_progress(uow.session, LOCAL_ADMIN, source, today=TODAY)
    assert [row.verdict for row in preview.rows] == [Verdict.ADD]
    with pytest.raises(ImportFileError, match="身份证号"):
        open_progress_import(_other(tmp_path / "other.xlsx"))
    write_progress_template(tmp_path / "template.xlsx")
    assert open_progress_import(tmp_path / "template.xlsx").header.row_index == 1


def _other(path):
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.save(path)
    return path


def test_the_dialog_previews_imports_and_saves_the_error_report(qtbot, demo_database, people, tmp_path, message_boxes,
                                                               artifacts):
    from tjce_desktop.gui.progress_import_dialog import ProgressImportDialog
    from tjce_desktop.gui.task_runner import TaskRunner

    (id1, name1), (id2, _), _ = people["fresh"]
    (course1, hours1), _ = people["courses"]
    path = _xlsx(tmp_path / "p.xlsx", [[id1, name1, PLAN, course1, hours1, "2026-03-05", None, None, None],
                                       [id2, "别人", PLAN, course1, 1, None, None, None, None]])
    runner = TaskRunner(database=demo_database, actor=LOCAL_ADMIN)
    dialog = ProgressImportDialog(runner, LOCAL_ADMIN)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 500)
    dialog.show()
    assert not dialog.ui.import_button.isEnabled()
    dialog.set_file(str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert "新增 1" in dialog.ui.summary_label.text() and "有错误 1" in dialog.ui.summary_label.text()
    assert dialog.model.rowCount() == 2
    dialog.ui.errors_only_check.setChecked(True)
    assert dialog.model.rowCount() == 1 and "不符" in dialog.model.index(0, 2).data()  # 说明, third
    dialog.grab().save(str(artifacts / "progress_import.png"))
    dialog.save_report(str(tmp_path / "errors.xlsx"))
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)  # written in the background
    assert (tmp_path / "errors.xlsx").exists()
    with UnitOfWork(demo_database) as uow:
        assert uow.session.query(AuditLog).filter_by(action="progress.import_errors", target="errors.xlsx").count() == 1
    with qtbot.waitSignal(dialog.sig_imported, timeout=10_000) as imported:
        dialog.ui.import_button.click()
    assert imported.args[0].courses == 1 and "已导入" in dialog.ui.summary_label.text()
    dialog.set_file(str(tmp_path / "missing.xlsx"))
    qtbot.waitUntil(lambda: "missing.xlsx" in dialog.ui.summary_label.text() or
                    "找不到" in dialog.ui.summary_label.text() or "不存在" in dialog.ui.summary_label.text(),
                    timeout=10_000)
