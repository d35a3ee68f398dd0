"""Lock the window after some idle minutes; the password opens it again.

An application-wide event filter restarts a timer on every key press, click and wheel. On
timeout the window's contents are covered and a modal dialog asks for the password.
Nothing is closed, so input typed into an open form stays where it was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui.forms.ui_lock_dialog import Ui_LockDialog
from tjce_desktop.services import accounts
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.database import Database

DEFAULT_MINUTES = 15
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.MouseMove}


class LockDialog(QDialog):
    sig_quit = Signal()

    def __init__(self, database: Database, actor: Actor, parent=None, *, runner=None) -> None:
        """``runner``: the window's task runner (a dialog of its own without one)."""
        from tjce_desktop.gui.task_runner import TaskRunner

        super().__init__(parent)
        self.ui = Ui_LockDialog()
        self.ui.setupUi(self)
        self.database, self.actor = database, actor
        self.runner = runner or TaskRunner(self, database=database, actor=actor)
        self.ui.lock_label.setText(f"长时间未操作，窗口已锁定。\n请输入 {actor.username} 的密码继续。")
        self.ui.unlock_button.clicked.connect(self.unlock)
        self.ui.password_edit.returnPressed.connect(self.unlock)
        self.ui.switch_button.clicked.connect(self.sig_quit.emit)

    def unlock(self) -> None:
        """The password checked (and counted, like a sign-in) in the background."""
        if not self.ui.unlock_button.isEnabled():  # the last one is still being checked
            return
        actor, password = self.actor, self.ui.password_edit.text()

        def checked(_ok) -> None:
            self.ui.unlock_button.setEnabled(True)
            self.ui.password_edit.clear()
            self.accept()

        def failed(exc: BaseException) -> None:
            self.ui.unlock_button.setEnabled(True)
            if isinstance(exc, accounts.SignInError):  # counted towards the lockout, like a sign-in
                self.ui.password_edit.clear()
                self.ui.message_label.setText(str(exc).replace("用户名或密码错误", "密码不正确"))
            elif isinstance(exc, UserError):  # e.g. another program is writing: nothing was decided, stay locked
                self.ui.message_label.setText(str(exc))
            else:
                from tjce_desktop.gui.dialogs import show_error

                show_error(self, "解锁", exc)

        self.ui.unlock_button.setEnabled(False)
        self.runner.write(lambda uow, _state: accounts.check_password(uow, actor, password), on_success=checked,
                          on_failure=failed)

    def reject(self) -> None:  # Esc does not unlock
        pass


class IdleLock(QObject):
    sig_locked = Signal()
    sig_unlocked = Signal()

    def __init__(self, window: QWidget, database: Database, actor: Actor, minutes: float = DEFAULT_MINUTES, *,
                 runner=None) -> None:
        super().__init__(window)
        self._window, self._database, self._actor, self._runner = window, database, actor, runner
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock)
        self.dialog: LockDialog | None = None
        self._cover: QLabel | None = None
        self._hidden: list[QWidget] = []
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.minutes = minutes
        self._timer.setInterval(max(1, int(minutes * 60_000)))
        self._timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.locked:
            self._timer.start()
        return False

    def lock(self) -> None:
        if self.locked:
            return
        self._cover = QLabel("已锁定", self._window)
        self._cover.setStyleSheet("background: #d9dde3; color: #555; font-size: 28pt;")
        self._cover.setGeometry(self._window.rect())
        self._cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._cover.show()
        # Other open windows (a half-filled form) are hidden, not closed: their input stays.
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w is not self._window and isinstance(w, QDialog)]
        for widget in self._hidden:
            widget.hide()
        self.dialog = LockDialog(self._database, self._actor, self._window, runner=self._runner)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.sig_quit.connect(self._window.close)
        self.dialog.open()
        self.sig_locked.emit()

    def _unlocked(self) -> None:
        if self._cover is not None:
            self._cover.deleteLater()
            self._cover = None
        self.dialog.deleteLater()
        self.dialog = None
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self._timer.start()
        self.sig_unlocked.emit()

    def stop(self) -> None:
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)
