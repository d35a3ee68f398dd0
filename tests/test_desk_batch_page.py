"""批量登记 and 学时证明 on the 证书登记 page: the count confirmed first, the batch in the
background, the 登记名单 saved, the proof signed and previewed."""

import datetime as dt
import subprocess

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tjce_desktop.domain.enums import CourseCategory, OtherLearningForm
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.gui.pages.desk_page import DeskPage
from tjce_desktop.services import certificates as certs
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.certificate_desk import OtherLearningEntry, add_other_learning
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainees import TraineeForm, add_trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEPING = "/120000/120101/"
MET = {CourseCategory.PUBLIC_REQUIRED: 4, CourseCategory.PUBLIC_ELECTIVE: 2, CourseCategory.PROFESSIONAL: 10}


def _met_trainee(database, n: int, *, certificate: bool):
    number = make_id_number("120101", dt.date(1979, 2, n), 500 + n)
    with UnitOfWork(database) as uow:
        detail = add_trainee(uow, LOCAL_ADMIN, TraineeForm(f"deskbatch{n}", f"桌面批量{n}", number,
                                                           find_org(uow.session, "和平区").id))
    with UnitOfWork(database) as uow:
        start = dt.date(2025, 4, 1)
        for category, days in MET.items():
            entry = OtherLearningEntry(OtherLearningForm.TRAINING_COURSE, "培训班", start,
                                       start + dt.timedelta(days=days - 1), days, "结业证书", category)
            add_other_learning(uow.session, LOCAL_ADMIN, detail.id, entry, today=dt.date(2026, 11, 29))
            start += dt.timedelta(days=days + 3)
        if certificate:
            certs.issue_certificate(uow.session, LOCAL_ADMIN, detail.id)
        uow.commit()
    return detail.id, number, f"桌面批量{n}"


@pytest.fixture
def desk(qtbot, main_window):
    window = main_window
    with qtbot.waitSignal(window.trainees_page.model.sig_loaded, timeout=10_000):
        window.select_org_index(window.org_model.index_for_path(HEPING))
    window.ui.pages.setCurrentWidget(window.desk_page)
    return window


def test_batch_registration_from_the_page_and_the_proof(qtbot, desk, message_boxes, monkeypatch, tmp_path,
                                                         artifacts):
    page: DeskPage = desk.desk_page
    database = desk.database
    certified = _met_trainee(database, 1, certificate=True)
    uncertified = _met_trainee(database, 2, certificate=False)

    def settle() -> None:
        qtbot.waitUntil(lambda: desk.runner.idle, timeout=20_000)

    def registered() -> set:
        with database.engine.connect() as c:
            return {row[0] for row in c.exec_driver_sql(
                "SELECT trainee_id FROM certificate_registration WHERE year = 2025 AND deleted_at IS NULL")}

    demo_registered = registered()  # the demo registers some of 2025 already
    # The box says the count first; cancelled, nothing is written.
    texts = []

    def answered(box) -> QMessageBox.StandardButton:
        texts.append((box.text(), box.informativeText(), box.checkBox().text() if box.checkBox() else ""))
        box.adjustSize()
        box.grab().save(str(artifacts / "desk_batch_confirm.png"))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answered)
    page.ui.year_spin.setValue(2025)
    assert page.scope is not None and page.scope.path == HEPING and page.ui.batch_button.isEnabled()
    page.ui.batch_button.click()
    settle()
    assert len(texts) == 1
    text, detail, tick = texts[0]
    count = int(text.split("将为 ")[1].split(" 名")[0].replace(",", ""))
    assert text == f"将为 {count:,} 名达标学员登记 2025 年度学时。" and count >= 1
    assert "和平区" in detail and "达标但未发证" in detail and "未发证的达标学员发证并登记" in tick

    assert registered() == demo_registered

    saved = tmp_path / "登记名单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(saved), "")))
    monkeypatch.setattr(page, "ask_batch", lambda plan: (True, False))
    page.ui.batch_button.click()
    settle()
    outcome = page.last_batch
    assert outcome is not None and outcome.registered == count and certified[0].hex in registered()
    assert len(registered() - demo_registered) == count
    assert uncertified[0].hex not in registered()
    assert f"已为 {count:,} 名学员登记 2025 年度学时" in page.ui.message_label.text()
    assert "登记名单已保存" in page.ui.message_label.text() and saved.exists()
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert any(row[1] == "本次登记" and row[2] == certified[2] for row in rows[4:])
    assert any(row[1] == "未发证" and row[2] == uncertified[2] for row in rows[4:])
    desk.resize(1366, 768)
    desk.grab().save(str(artifacts / "desk_batch_1366.png"))

    # Again, issuing the missing certificates: only those trainees are registered now.
    plans = []
    monkeypatch.setattr(page, "ask_batch", lambda plan: plans.append(plan) or (True, True))
    page.ui.batch_button.click()
    settle()
    waiting = plans[0].met_without_certificate
    assert plans[0].to_register == 0 and waiting >= 1  # the demo's met trainees without a booklet, and ours
    assert page.last_batch.registered == waiting and uncertified[0].hex in registered()
    assert sum(line.issued for line in page.last_batch.lines) == waiting

    # The proof of the trainee on the card, signed and previewed.
    page.ui.id_edit.setText(certified[1])
    page.open_card()
    settle()
    assert page.ui.proof_button.isEnabled()
    page.issue_proof(years=3)
    settle()
    assert page.preview is not None and page.preview.document.pageCount() == 1
    text = subprocess.run(["pdftotext", str(page.last_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert certified[2] in text and "2023—2025 年度" in text and "已登记" in text
    assert "验证码" in page.ui.message_label.text()
    desk.resize(1920, 1080)
    desk.grab().save(str(artifacts / "desk_batch_1920.png"))
    page.close_preview()


def test_only_trainees_without_a_certificate_left_needs_the_tick_to_register(qtbot, desk, monkeypatch):
    """No "将为 0 名…登记" with 登记 offered: the box says who is left and 登记 waits for the tick."""
    import uuid

    from tjce_desktop.services.batch_registration import BatchLine, BatchPlan, Outcome

    line = BatchLine(uuid.uuid4(), "甲", "1201**********0011", "和平区", "", 100, 96, Outcome.NO_CERTIFICATE, "未发证")
    plan = BatchPlan("和平区", HEPING, 2025, [line, line])
    seen = []

    def answered(box) -> QMessageBox.StandardButton:
        register = box.button(QMessageBox.StandardButton.Ok)
        seen.append((box.text(), register.isEnabled()))
        box.checkBox().setChecked(True)
        seen.append(("ticked", register.isEnabled()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", answered)
    assert desk.desk_page.ask_batch(plan) == (True, True)
    assert seen[0] == ("2025 年度已发证的达标学员都已登记；另有 2 名达标学员未发证。", False)
    assert seen[1] == ("ticked", True)
