"""调入 (#16 item 2) on one database: a 和平区 officer meets a 河西区 person. While they are 在职
there, add, import, the CLI and the claim refuse without naming them, their login or their
org; once 河西区 marks them 离职, the claim moves them with their archives and certificates."""

import datetime as dt

import pytest
from openpyxl import Workbook

from tests.cli_support import run_tjce
from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.services import accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainee_import import ImportMode, Verdict, analyse_import, open_import
from tjce_desktop.services.trainee_transfer import REGISTERED_ELSEWHERE, TransferRefused, claim_trainee
from tjce_desktop.services.trainees import TraineeForm, TraineeValidationError, add_trainee, set_left
from tjce_desktop.storage.models import AuditLog, Certificate, Enrollment, Trainee
from tjce_desktop.storage.unit_of_work import UnitOfWork

HEPING, HEXI = "/120000/120101/", "/120000/120103/"
HEPING_OFFICER = Actor("heping", scope_path=HEPING, role=Role.UNIT_SUPERVISOR)
HEXI_OFFICER = Actor("hexi", scope_path=HEXI, role=Role.UNIT_SUPERVISOR)
PASSWORD = "Heping-2026"
NOW = dt.datetime(2026, 11, 29, 9, 0)


def _hexi_person(db):
    """A 河西区 person with archives: (id, real_name, username, id_number, org full name)."""
    with UnitOfWork(db) as uow:
        trainee = uow.session.query(Trainee).filter(
            Trainee.org_path.startswith(HEXI), Trainee.active.is_(True),
            Trainee.id.in_(uow.session.query(Enrollment.trainee_id))).order_by(Trainee.username).first()
        from tjce_desktop.services.orgs import full_name_of

        return trainee.id, trainee.real_name, trainee.username, trainee.id_number, full_name_of(uow.session,
                                                                                                  trainee.org_id)


def _leaks(text: str, person) -> list[str]:
    _id, real_name, username, _number, org = person
    return [word for word in (real_name, username, org, org.split("/")[0], "河西区") if word in text]


def _heping_unit(db):
    with UnitOfWork(db) as uow:
        return find_org(uow.session, "和平区")


def test_add_refuses_without_naming_and_claims_after_leave(demo_database):
    db = demo_database
    person = _hexi_person(db)
    trainee_id, real_name, username, number, _org = person
    heping = _heping_unit(db)
    form = TraineeForm(username="new_login_1", real_name="新人", id_number=number, org_id=heping.id)
    with UnitOfWork(db) as uow, pytest.raises(TraineeValidationError) as refused:
        add_trainee(uow, HEPING_OFFICER, form)
    assert refused.value.errors["id_number"].startswith(REGISTERED_ELSEWHERE + "（在职）")
    assert not refused.value.transferable and _leaks(str(refused.value), person) == []
    taken = TraineeForm(username=username, real_name="新人", id_number=make_id_number("120101", dt.date(1990, 1, 2),
                                                                                         77), org_id=heping.id)
    with UnitOfWork(db) as uow, pytest.raises(TraineeValidationError) as login_taken:
        add_trainee(uow, HEPING_OFFICER, taken)
    assert "已被其他单位的学员使用" in login_taken.value.errors["username"]
    assert _leaks(str(login_taken.value), person) == []
    with UnitOfWork(db) as uow, pytest.raises(TransferRefused) as active:
        claim_trainee(uow, HEPING_OFFICER, number, heping.id)
    assert REGISTERED_ELSEWHERE in str(active.value) and _leaks(str(active.value), person) == []

    with UnitOfWork(db) as uow:
        set_left(uow, HEXI_OFFICER, [trainee_id], True)
    with UnitOfWork(db) as uow, pytest.raises(TraineeValidationError) as left:
        add_trainee(uow, HEPING_OFFICER, form)
    assert left.value.transferable and "调入" in left.value.errors["id_number"]
    assert _leaks(str(left.value), person) == []

    with UnitOfWork(db) as uow:
        archives_before = uow.session.query(Enrollment).filter_by(trainee_id=trainee_id).count()
        certificates_before = uow.session.query(Certificate).filter_by(trainee_id=trainee_id).count()
    with UnitOfWork(db) as uow:
        result = claim_trainee(uow, HEPING_OFFICER, number.lower(), heping.id)
    assert result.trainee_id == trainee_id and result.archives == archives_before > 0
    with UnitOfWork(db) as uow:
        moved = uow.session.get(Trainee, trainee_id)
        assert moved.org_path == HEPING and moved.active and moved.left_on is None
        archives = uow.session.query(Enrollment).filter_by(trainee_id=trainee_id).all()
        assert len(archives) == archives_before and {a.org_path for a in archives} == {HEPING}
        assert all(a.trainee_active for a in archives)
        assert uow.session.query(Certificate).filter_by(trainee_id=trainee_id).count() == certificates_before
        entry = uow.session.query(AuditLog).filter_by(action="trainee.transfer_in").one()
        assert entry.actor == "heping" and HEXI in entry.detail and HEPING in entry.detail
    with UnitOfWork(db) as uow, pytest.raises(TransferRefused, match="已在您的管辖范围内"):
        claim_trainee(uow, HEPING_OFFICER, number, heping.id)  # once is enough
    with UnitOfWork(db) as uow, pytest.raises(TransferRefused):
        claim_trainee(uow, HEXI_OFFICER, number, find_org(uow.session, "河西区").id)  # 在职 in 和平区 now


@pytest.mark.parametrize("mode", [ImportMode.ADD, ImportMode.UPSERT])
def test_import_says_registered_elsewhere_in_either_mode(demo_database, tmp_path, mode):
    db = demo_database
    person = _hexi_person(db)
    _id, _name, username, number, _org = person
    book = Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号"])
    book.active.append(["moved_in", "调来的人", number])
    book.active.append([username, "重名的人", make_id_number("120101", dt.date(1991, 3, 4), 55)])
    path = tmp_path / "人员.xlsx"
    book.save(path)
    with UnitOfWork(db) as uow:
        preview = analyse_import(uow, HEPING_OFFICER, open_import(path), mode=mode,
                                 default_org=_heping_unit(db))
    first, second = preview.rows
    assert first.verdict is Verdict.ERROR and second.verdict is Verdict.ERROR
    text = "；".join(first.messages + second.messages)
    assert REGISTERED_ELSEWHERE in first.messages[0] and "调入" in first.messages[0]
    assert "新增并更新" not in text and "调整组织机构" not in text  # no loop between the two
    assert "已被其他单位的学员使用" in second.messages[0]
    # The login the file itself gives is echoed in quotes; nothing else of the holder is said.
    assert _leaks(text.replace(f"“{username}”", ""), person) == [] and number[-4:] not in second.messages[0]


@pytest.fixture
def heping_login(demo_database):
    with UnitOfWork(demo_database) as uow:
        root = find_org(uow.session, "120000")
        accounts.create_account(uow.session, None, username="admin", display_name="市管理员", password="City-Admin-1",
                                role=Role.CITY_ADMIN, org_id=root.id)
        admin = accounts.sign_in(uow.session, "admin", "City-Admin-1", now=NOW)
        accounts.create_account(uow.session, admin, username="heping", display_name="和平区培训主管",
                                password=PASSWORD, role=Role.UNIT_SUPERVISOR, org_id=find_org(uow.session, "和平区").id)
        uow.commit()
    return {"TJCE_USER": "heping", "TJCE_PASSWORD": PASSWORD}


def test_cli_import_and_transfer_in_are_masked(demo_database, demo_db_path, heping_login, tmp_path):
    db = str(demo_db_path)
    person = _hexi_person(demo_database)
    trainee_id, real_name, _username, number, _org = person
    book = Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号"])
    book.active.append(["moved_in", "调来的人", number])
    book.save(tmp_path / "in.xlsx")
    imported = run_tjce("--db", db, "import-trainees", tmp_path / "in.xlsx", "--org", "和平区", env=heping_login)
    assert REGISTERED_ELSEWHERE in imported.stdout and _leaks(imported.stdout + imported.stderr, person) == []

    refused = run_tjce("--db", db, "transfer-in", number, "--org", "和平区", env=heping_login)
    assert refused.returncode == 2 and REGISTERED_ELSEWHERE in refused.stderr
    assert _leaks(refused.stdout + refused.stderr, person) == []
    with UnitOfWork(demo_database) as uow:
        set_left(uow, HEXI_OFFICER, [trainee_id], True)
    claimed = run_tjce("--db", db, "transfer-in", number, "--org", "和平区", env=heping_login)
    assert claimed.returncode == 0, claimed.stderr
    assert f"已把 {real_name} 调入“和平区”" in claimed.stdout and "份学习档案随人转入" in claimed.stdout


def test_the_add_dialog_offers_transfer_in_and_the_page_does_it(qtbot, demo_database, message_boxes, monkeypatch,
                                                                artifacts):
    """学员管理 as the 和平区 officer: the add dialog says only 该身份证号已在其他单位登记, offers 调入
    once the person left 河西区, and the person then shows in 和平区."""
    from PySide6.QtWidgets import QMessageBox

    from tjce_desktop.gui.main_window import MainWindow

    db = demo_database
    person = _hexi_person(db)
    trainee_id, real_name, _username, number, _org = person
    with UnitOfWork(db) as uow:
        set_left(uow, HEXI_OFFICER, [trainee_id], True)
    window = MainWindow(db, HEPING_OFFICER)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.trainees_page
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
    assert page.ui.transfer_button.isEnabled()
    before = page.model.total
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: asked.append(text) or QMessageBox.StandardButton.Yes))
    page.add_trainee()
    qtbot.waitUntil(lambda: page.last_dialog is not None and page.last_dialog.isVisible(), timeout=5000)
    dialog = page.last_dialog
    dialog.ui.username_edit.setText("moved_in_gui")
    dialog.ui.real_name_edit.setText("调入测试")
    dialog.ui.id_number_edit.setText(number)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *rest: (dialog.grab().save(str(artifacts / "transfer_add_dialog_1366.png")),
                                            asked.append(text))[1] or QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.model.sig_loaded, timeout=20_000):
        dialog.save()
    assert asked and asked[0].startswith(REGISTERED_ELSEWHERE) and "现在把此人调入“和平区”吗？" in asked[0]
    assert _leaks(asked[0], person) == []
    qtbot.waitUntil(lambda: any(title == "调入" for _kind, title, _text in message_boxes), timeout=10_000)
    assert f"已把 {real_name} 调入“和平区”" in message_boxes[-1][2]
    assert page.model.total == before + 1
    window.grab().save(str(artifacts / "transfer_trainees_1366.png"))
    window.close()
