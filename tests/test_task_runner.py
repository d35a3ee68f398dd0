import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from tjce_desktop.gui import task_runner as runner_module
from tjce_desktop.gui.task_runner import TaskRunner


def test_result_is_delivered_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen = {}

    def job(state):
        seen["job_thread"] = threading.current_thread()
        return 41 + 1

    handle = runner.run(job, on_success=lambda value: seen.update(value=value, thread=threading.current_thread()))
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert seen["value"] == 42
    assert seen["thread"] is threading.main_thread() and seen["job_thread"] is not threading.main_thread()


def test_failure_is_shown_in_a_dialog(qtbot, message_boxes):
    runner = TaskRunner()

    def job(state):
        raise ValueError("坏数据")

    handle = runner.run(job, error_title="导入失败")
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert message_boxes and message_boxes[0][0] == "critical" and message_boxes[0][1] == "导入失败"
    # Not a UserError: an internal error, told by its incident number; the details are in the log.
    assert message_boxes[0][2].startswith("程序内部错误（事件编号 ") and "坏数据" not in message_boxes[0][2]


def test_a_user_error_is_shown_as_it_is(qtbot, message_boxes):
    from tjce_desktop.domain.errors import UserError

    def job(state):
        raise UserError("文件中没有学员。")

    handle = TaskRunner().run(job, error_title="导入失败")
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert message_boxes == [("critical", "导入失败", "文件中没有学员。")]


def test_progress_dialog_appears_after_the_delay_and_cancel_really_stops(qtbot, monkeypatch):
    monkeypatch.setattr(runner_module, "PROGRESS_DELAY_MS", 100)
    runner = TaskRunner()
    steps = []
    outcome = []

    def job(state):
        for step in range(1000):
            state.report(step / 1000, f"第 {step} 步")
            steps.append(step)
            time.sleep(0.01)
        return "done"

    handle = runner.run(job, on_success=outcome.append, on_cancel=lambda: outcome.append("cancelled"),
                        label="正在处理…")
    assert not _progress_dialogs()  # not at once: short jobs never flash a dialog
    qtbot.waitUntil(lambda: bool(_progress_dialogs()), timeout=3000)
    dialog = _progress_dialogs()[0]
    qtbot.waitUntil(lambda: len(steps) > 30, timeout=3000)
    qtbot.wait(50)
    assert 0 < dialog.value() <= 1000 and "步" in dialog.labelText()
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button.text() == "取消"
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: handle.finished, timeout=3000)
    assert outcome == ["cancelled"]
    stopped_at = len(steps)
    time.sleep(0.1)
    assert len(steps) == stopped_at < 1000


def test_short_job_shows_no_dialog(qtbot):
    runner = TaskRunner()
    handle = runner.run(lambda state: 1, label="很快")
    qtbot.waitUntil(lambda: handle.finished, timeout=3000)
    qtbot.wait(runner_module.PROGRESS_DELAY_MS + 100)
    assert not _progress_dialogs()


def _progress_dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
