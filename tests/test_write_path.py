"""One write path (#17): a service takes the unit of work and commits; what the write changed is
recorded from its statements; the window's runner announces it; every page refreshes from the hub
— the 合规看板, 报表 and 培训计划 pages included, which were stale after a progress import or a stamp."""

import openpyxl
import pytest
from sqlalchemy import text

from tjce_desktop.domain.changes import ChangeSet
from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import plans, reports
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.compliance import compliance_overview
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.storage.write_log import written_table

HEPING = "/120000/120101/"
PLAN = "2026年度专业课培训计划（卫生系列）"


def _plan_id(database, name=PLAN):
    with database.engine.connect() as c:
        return c.exec_driver_sql("SELECT id FROM training_plan WHERE name = ?", (name,)).scalar_one()


def _closed(database, plan_id) -> bool:
    with database.engine.connect() as c:
        return bool(c.exec_driver_sql("SELECT closed FROM training_plan WHERE id = ?", (plan_id,)).scalar_one())


def test_the_tables_a_statement_writes():
    assert written_table('INSERT INTO "trainee" (id) VALUES (?)') == "trainee"
    assert written_table("  insert or replace into app_meta VALUES (?, ?)") == "app_meta"
    assert written_table("UPDATE enrollment SET stamp_status=?") == "enrollment"
    assert written_table("DELETE FROM sync_outbox WHERE seq = ?") == "sync_outbox"
    assert written_table("SELECT * FROM trainee") is None
    assert written_table("PRAGMA wal_checkpoint(TRUNCATE)") is None


def test_a_service_commits_and_the_unit_of_work_knows_what_it_changed(demo_database):
    import uuid

    plan_id = uuid.UUID(_plan_id(demo_database))
    with UnitOfWork(demo_database, LOCAL_ADMIN) as uow:
        plans.set_closed(uow, LOCAL_ADMIN, plan_id, True)
        # The plan itself, its sync outbox entry and its audit entry; nothing it did not write.
        assert {"training_plan", "sync_outbox", "audit_log"} <= uow.changes.tables
        assert not uow.changes.touches("trainee", "enrollment")
    assert _closed(demo_database, plan_id.hex)
    with UnitOfWork(demo_database, LOCAL_ADMIN) as uow:  # written, never committed: no change
        uow.session.execute(text("UPDATE org SET name = name"))
    assert uow.changes == ChangeSet()


def test_a_service_given_a_session_joins_the_callers_transaction(demo_database):
    """The command line composes services in one transaction of its own: they leave the commit to it."""
    import uuid

    plan_id = uuid.UUID(_plan_id(demo_database))
    with UnitOfWork(demo_database, LOCAL_ADMIN) as uow:
        plans.set_closed(uow.session, LOCAL_ADMIN, plan_id, True)
        assert uow.session.execute(text("SELECT closed FROM training_plan WHERE id = :id"),
                                   {"id": plan_id.hex}).scalar_one()  # flushed, in the caller's transaction
    assert not _closed(demo_database, plan_id.hex)  # the caller never committed


def test_the_runner_announces_what_each_write_wrote(qtbot, demo_database, message_boxes, tmp_path):
    import uuid

    from tjce_desktop.services import exports

    hub = SignalHub()
    runner = TaskRunner(database=demo_database, actor=LOCAL_ADMIN, hub=hub)
    heard: list[ChangeSet] = []
    hub.sig_changed.connect(heard.append)
    plan_id = uuid.UUID(_plan_id(demo_database))
    results = []
    runner.write(lambda uow, _state: plans.set_closed(uow, LOCAL_ADMIN, plan_id, True), on_success=results.append)
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)
    assert results == [None] and heard[-1].touches("training_plan") and not heard[-1].touches("trainee")

    # A service that opens its own unit of work (an export's audit entry) is heard all the same.
    runner.write(lambda uow, _state: exports.record(uow.database, LOCAL_ADMIN, "trainee.export", tmp_path / "x.xlsx",
                                                    {"rows": 1}))
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)
    assert heard[-1].tables == {"audit_log"}

    # A job that committed part of its work and then failed: the part is announced, the failure told.
    def half(uow, _state):
        plans.set_closed(uow, LOCAL_ADMIN, plan_id, False)
        raise UserError("后半部分失败。")

    before = len(heard)
    runner.write(half, error_title="保存失败")
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)
    assert len(heard) == before + 1 and heard[-1].touches("training_plan")
    assert message_boxes[-1] == ("critical", "保存失败", "后半部分失败。")

    # A read announces nothing.
    runner.read(lambda uow, _state: plans.list_plans(uow.session))
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)
    assert len(heard) == before + 1


# --- the pages that were stale ----------------------------------------------------------------------


@pytest.fixture
def short_trainees(demo_database):
    """和平区 trainees below their 2026 requirement and not in PLAN yet; the plan's courses."""
    with demo_database.engine.connect() as c:
        plan_id = c.exec_driver_sql("SELECT id FROM training_plan WHERE name = ?", (PLAN,)).scalar_one()
        people = c.exec_driver_sql(
            "SELECT t.id_number, t.real_name FROM trainee t LEFT JOIN trainee_year_hours y ON y.trainee_id = t.id "
            "AND y.year = 2026 WHERE t.org_path LIKE ? AND t.active = 1 AND coalesce(y.total, 0) < 48 "
            "AND t.title_level NOT IN ('senior_full', 'senior_deputy') AND NOT t.high_tech AND NOT EXISTS "
            "(SELECT 1 FROM enrollment e WHERE e.trainee_id = t.id AND e.plan_id = ?) LIMIT 3",
            (HEPING + "%", plan_id)).all()
        course, hours = c.exec_driver_sql("SELECT name, hours FROM course WHERE plan_id = ? ORDER BY sort_order",
                                          (plan_id,)).first()
    assert len(people) == 3
    return people, course, hours


def _progress_file(path, people, course, hours):
    book = openpyxl.Workbook()
    book.active.append(["身份证号", "姓名", "培训计划", "课程", "学时", "完成日期", "考试", "成绩", "考试日期"])
    for number, name in people:
        book.active.append([number, name, PLAN, course, hours, "2026-03-05", None, None, None])
    book.save(path)
    return path


def _import_progress(qtbot, window, path):
    dialog = window.show_progress_import()
    dialog.set_file(str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    with qtbot.waitSignal(dialog.sig_imported, timeout=20_000):
        dialog.import_rows()
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)
    dialog.close()


def _show(qtbot, window, page):
    window.ui.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=20_000)


def _plan_status_row(report):
    return next(row for row in report.rows if row[0] == PLAN)


def test_compliance_reports_and_plans_read_again_after_a_progress_import(qtbot, main_window, short_trainees,
                                                                          tmp_path, artifacts):
    window, database = main_window, main_window.database
    with qtbot.waitSignal(window.trainees_page.model.sig_loaded, timeout=10_000):
        window.select_org_index(window.org_model.index_for_path(HEPING))
    compliance, report_page, plans_page = window.compliance_page, window.reports_page, window.plans_page
    compliance.ui.year_spin.setValue(2026)
    _show(qtbot, window, compliance)
    before = compliance.report
    assert before is not None and before.year == 2026
    _show(qtbot, window, report_page)
    report_page.select("4.3")
    with qtbot.waitSignal(report_page.model.modelReset, timeout=10_000):
        report_page.run()
    before_status = _plan_status_row(report_page.model.report)
    _show(qtbot, window, plans_page)
    plan_row = next(r for r in range(plans_page.ui.plans_table.rowCount())
                    if plans_page.ui.plans_table.item(r, 1).text() == PLAN)
    archives_before = int(plans_page.ui.plans_table.item(plan_row, 6).text().replace(",", ""))

    _show(qtbot, window, window.trainees_page)  # the three pages hidden: they do no work on the change…
    _import_progress(qtbot, window, _progress_file(tmp_path / "进度.xlsx", *short_trainees))
    assert compliance.report is before and compliance.watch.stale and report_page.watch.stale

    _show(qtbot, window, compliance)  # …and read again when shown
    with database.engine.connect() as c:
        fresh = compliance_overview(c, LOCAL_ADMIN.scope(HEPING), "和平区", 2026)
    assert compliance.report == fresh and compliance.report.total != before.total
    assert compliance.report.total.gap_hours < before.total.gap_hours  # their hours count now
    window.grab().save(str(artifacts / "compliance_after_import.png"))

    _show(qtbot, window, report_page)
    with database.engine.connect() as c:
        fresh_status = _plan_status_row(reports.plan_status(c, LOCAL_ADMIN.scope(HEPING)))
    assert _plan_status_row(report_page.model.report) == fresh_status != before_status
    window.grab().save(str(artifacts / "reports_after_import.png"))

    _show(qtbot, window, plans_page)
    plan_row = next(r for r in range(plans_page.ui.plans_table.rowCount())
                    if plans_page.ui.plans_table.item(r, 1).text() == PLAN)
    assert int(plans_page.ui.plans_table.item(plan_row, 6).text().replace(",", "")) == archives_before + 3


def test_a_visible_page_reads_again_at_once_and_the_reports_hear_a_stamp(qtbot, main_window, message_boxes):
    window = main_window
    with qtbot.waitSignal(window.trainees_page.model.sig_loaded, timeout=10_000):
        window.select_org_index(window.org_model.index_for_path(HEPING))
    report_page, archives = window.reports_page, window.archive_query_page
    _show(qtbot, window, report_page)
    before = report_page.model.report
    assert before is not None

    _show(qtbot, window, archives)  # stamp the first finished archives on screen
    index = archives.ui.status_combo.findText("已学完")
    archives.ui.status_combo.setCurrentIndex(index)
    archives.ui.stamp_combo.setCurrentIndex(archives.ui.stamp_combo.findText("未盖章"))
    with qtbot.waitSignal(archives.model.sig_loaded, timeout=10_000):
        archives.run_query()
    for row in range(3):
        archives.model.set_ticked([row], True)
    archives.stamp(confirm=False)
    qtbot.waitUntil(lambda: bool(message_boxes) and message_boxes[-1][1] == "盖章完成", timeout=10_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)
    assert report_page.watch.stale and report_page.model.report is before  # hidden: nothing read yet
    _show(qtbot, window, report_page)
    assert report_page.model.report is not before and not report_page.watch.stale

    # Shown while a write lands: read again at once (the compliance page here).
    compliance = window.compliance_page
    _show(qtbot, window, compliance)
    shown = compliance.report
    window.hub.announce(ChangeSet.of({"certificate_registration"}))
    qtbot.waitUntil(lambda: compliance.report is not shown, timeout=10_000)


def test_no_page_opens_a_unit_of_work_or_announces():
    """The write path is the runner's: pages and dialogs call services through it."""
    from pathlib import Path

    gui = Path(__file__).parents[1] / "tjce_desktop" / "gui"
    # Start-up and sign-in (before the window and its runner exist) are the only others.
    allowed = {"task_runner.py", "app.py", "sign_in_dialogs.py"}
    offenders = []
    for path in gui.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name not in allowed and "UnitOfWork(" in source:
            offenders.append(f"{path.name}: opens a unit of work")
        if path.name != "task_runner.py" and ".announce(" in source:
            offenders.append(f"{path.name}: announces by hand")
    assert offenders == []


def test_write_jobs_answer_on_the_gui_thread_as_before(qtbot, demo_database):
    """``write`` is ``run`` plus a unit of work and the announcement: results on the GUI thread."""
    import threading

    runner = TaskRunner(database=demo_database, actor=LOCAL_ADMIN)
    seen = {}
    runner.write(lambda uow, _state: threading.current_thread(),
                 on_success=lambda job_thread: seen.update(job=job_thread, here=threading.current_thread()))
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)
    assert seen["here"] is threading.main_thread() and seen["job"] is not threading.main_thread()
