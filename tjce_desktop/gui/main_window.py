"""The main window: builds the parts and wires them; the work lives in pages and services.

The first screen does not wait for SQLAlchemy and the models (about 0.3 s to import, more
than Qt's own start): the window opens with the org tree down to the last org and 学员管理,
whose first page is read with the same SQL through ``storage/plain_sqlite.py``. Once that page
is painted, ``gui/preload.py`` loads the rest in the background; then the other pages, the
sync controller and the tree's counts are built and read as before. A later page asked for
sooner (a click on its tab, a test) is built at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QMessageBox, QWidget

from tjce_desktop import APP_TITLE, __version__
from tjce_desktop.domain.enums import Role
from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.gui.actions import ActionId, create_actions
from tjce_desktop.gui.deferred_build import BuiltLater, FirstPaint
from tjce_desktop.gui.forms.ui_main_window import Ui_MainWindow
from tjce_desktop.gui.org_tree_model import ORG_ROLE, OrgTreeModel
from tjce_desktop.gui.pages.trainees_page import TraineesPage
from tjce_desktop.gui.preload import preload_rest
from tjce_desktop.gui.screen_fit import fit_to_screen
from tjce_desktop.gui.settings import app_settings
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor
from tjce_desktop.services.org_nodes import OrgNode
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.plain_sqlite import PlainConnection

if TYPE_CHECKING:
    from tjce_desktop.storage.unit_of_work import UnitOfWork

_GEOMETRY_KEY = "main_window/geometry"
_STATE_KEY = "main_window/state"
_LAST_ORG_KEY = "main_window/last_org_path"
_IDLE_KEY = "security/idle_lock_minutes"
SAVE_SETTINGS_AFTER_MS = 500  # settings are written this long after the last change (a drag moves many times)
REST_AT_THE_LATEST_MS = 2_000  # the rest loads this long after the window was built if nothing painted
# Tabs built after the first paint: (attribute, tab text). 审计日志 only for the roles that read the log.
_LATER_TABS = (("archive_query_page", "综合查询"), ("plans_page", "培训计划"), ("desk_page", "证书登记"),
               ("compliance_page", "合规看板"), ("reports_page", "报表"), ("sync_page", "同步/冲突"))
_AUDIT_TAB = ("audit_page", "审计日志")


def _org_totals(uow: UnitOfWork, actor, _state: TaskState) -> dict:
    from tjce_desktop.services.orgs import direct_trainee_counts, list_orgs, subtree_totals

    counts = direct_trainee_counts(uow.session, actor.scope(actor.scope_path), active_only=True)
    return subtree_totals(list_orgs(uow.session), counts)


class MainWindow(QMainWindow):
    sig_scope_changed = Signal(object)  # OrgNode
    archive_query_page = BuiltLater()
    plans_page = BuiltLater()
    desk_page = BuiltLater()
    compliance_page = BuiltLater()
    reports_page = BuiltLater()
    sync_page = BuiltLater()
    audit_page = BuiltLater()
    sync = BuiltLater()  # the SyncController
    org_search = BuiltLater()  # the search box over the tree (its service needs SQLAlchemy)
    org_menu = BuiltLater()  # the tree's right-click menu

    def __init__(self, database: Database, actor: Actor | None = None, parent=None, *,
                 central_password: str | None = None) -> None:
        """``actor``: the signed-in account; None for a database without accounts (the local
        administrator, no idle lock)."""
        super().__init__(parent)
        self.database = database
        self.signed_in = actor is not None
        self.actor = actor or LOCAL_ADMIN
        # Every write of the window goes through the runner's write(), which announces on the hub
        # what it changed; the pages refresh from the hub (gui/task_runner.py, gui/signal_hub.py).
        self.hub = SignalHub(self)
        self.runner = TaskRunner(self, database=database, actor=self.actor, hub=self.hub)
        self._central_password = central_password
        self._rest_built = False  # the later tabs, the sync controller (build_rest)
        self._rest_loading = False  # gui/preload.py asked to load their modules
        self._closing = False

        # 学员管理 and the tree first: the last org's first page is read while the rest is built.
        self.trainees_page = TraineesPage(database, self.runner, self.hub, self.actor, self)
        self.org_model = OrgTreeModel(database, self, root_path=self.actor.scope_path)
        first_org = self._open_at_last_org()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle(APP_TITLE)
        self.actions_by_id = create_actions(self)
        self.maintenance_after_first_page = False  # the program sets it; tests call start_maintenance()
        self.remember_on_close = True  # geometry and last org, saved as they change; not in a self-test
        # Saved shortly after each change, not only on close: a killed session or a Windows
        # shutdown that never closes the window loses nothing (SIGTERM closes it: gui/app.py).
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_SETTINGS_AFTER_MS)
        self._save_timer.timeout.connect(self._save_settings)

        tree = self.ui.org_tree
        tree.setModel(self.org_model)
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.select_org_index(first_org)  # before listening: 学员管理 has its scope already
        tree.selectionModel().selectionChanged.connect(self._on_org_selected)
        self.ui.pages.addTab(self.trainees_page, "学员管理")
        self._placeholders: dict[str, QWidget] = {}  # the later tabs until built
        tabs = _LATER_TABS + ((_AUDIT_TAB,) if self.actor.role in (Role.CITY_ADMIN, Role.AUDITOR) else ())
        for name, text in tabs:
            self._placeholders[name] = QWidget()
            self.ui.pages.addTab(self._placeholders[name], text)
        self.ui.pages.currentChanged.connect(self._on_tab_changed)
        self.idle_lock = None
        if self.signed_in:  # signing in loaded the accounts and SQLAlchemy already
            from tjce_desktop.gui.idle_lock import IdleLock

            self.idle_lock = IdleLock(self, database, self.actor, self._idle_minutes(), runner=self.runner)
        self._build_menus()
        self._build_status_bar()
        self.trainees_page.sig_count_changed.connect(self._on_count_changed)
        self.hub.sig_changed.connect(self._on_data_changed)
        self._restore_settings()
        self.ui.org_dock.dockLocationChanged.connect(self._settings_changed)
        self.ui.org_dock.topLevelChanged.connect(self._settings_changed)
        self.ui.org_dock.visibilityChanged.connect(self._settings_changed)
        # The rest loads once the first page is painted, so that it does not compete with it.
        model = self.trainees_page.model
        if self.current_org() is None:  # an empty database: no page to wait for
            QTimer.singleShot(0, self, self._load_rest)
        else:
            self._first_paint = FirstPaint(self.trainees_page.ui.table.viewport(), lambda: model.total is not None,
                                            self._load_rest)
            QTimer.singleShot(REST_AT_THE_LATEST_MS, self, self._load_rest)  # never shown, or the first read failed

    # --- the rest, after the first paint -------------------------------------------------------

    def _load_rest(self) -> None:
        """Load SQLAlchemy, the models and the later pages' modules in the background, then build them."""
        if self._rest_loading or self._closing:
            return
        self._rest_loading = True
        database = self.database
        self.runner.run(lambda _state: preload_rest(database), on_success=lambda _none: self._rest_loaded(),
                        error_title="启动失败")

    def _rest_loaded(self) -> None:
        if self._closing:
            return
        self.build_rest()
        # The tree's counts (a GROUP BY over every trainee) come after the first page, so the
        # two do not compete at start.
        self._load_counts()
        if self.maintenance_after_first_page:
            self.start_maintenance()
            self.sync.sync_now()  # on start, when bound and signed in online

    def build_rest(self) -> None:
        """The later tabs and the sync controller (once; at once if their modules are not loaded yet)."""
        if self._rest_built:
            return
        self._rest_built = True
        from tjce_desktop.gui.pages.archive_query_page import ArchiveQueryPage
        from tjce_desktop.gui.pages.compliance_page import CompliancePage
        from tjce_desktop.gui.pages.desk_page import DeskPage
        from tjce_desktop.gui.pages.plans_page import PlansPage
        from tjce_desktop.gui.pages.reports_page import ReportsPage
        from tjce_desktop.gui.pages.sync_page import SyncPage
        from tjce_desktop.gui.sync_controller import SyncController

        database, runner, hub, actor = self.database, self.runner, self.hub, self.actor
        parts = self.__dict__
        parts["sync"] = SyncController(database, runner, self, actor_name=actor.username)
        self.sync.configure(self._central_password)
        self.sync.sig_synced.connect(self._after_sync)
        self.sync.sig_status.connect(self._show_sync_status)
        parts["archive_query_page"] = ArchiveQueryPage(database, runner, hub, actor, self)
        parts["plans_page"] = PlansPage(database, runner, hub, actor, self)
        parts["desk_page"] = DeskPage(database, runner, hub, actor, self)
        parts["compliance_page"] = CompliancePage(database, runner, hub, actor, self)
        parts["reports_page"] = ReportsPage(database, runner, hub, actor, self)
        parts["sync_page"] = SyncPage(database, self.sync, actor.username, self)
        self.trainees_page.central = self.sync.central_engine_factory  # 调入 on a bound desk claims centrally
        from tjce_desktop.gui.org_search import OrgTreeSearch
        from tjce_desktop.gui.org_tree_menu import OrgTreeMenu

        tree = self.ui.org_tree
        parts["org_search"] = OrgTreeSearch(tree, self.org_model, runner, actor.scope_path, self.ui.org_dock_contents)
        self.ui.org_dock_layout.insertWidget(0, self.org_search)
        self.org_search.show()  # added to a dock already on screen: shown now, not at the next event loop turn
        self.org_search.sig_searched.connect(
            lambda _r: self.ui.status_bar.showMessage(self.org_search.statusTip(), 8000))
        parts["org_menu"] = OrgTreeMenu(tree, self._org_menu_entries)
        parts["audit_page"] = None
        if _AUDIT_TAB[0] in self._placeholders:
            from tjce_desktop.gui.pages.audit_page import AuditPage

            parts["audit_page"] = AuditPage(database, runner, hub, actor, self)
        for name, text in _LATER_TABS + (_AUDIT_TAB,):
            if name in self._placeholders:
                self._put_tab(self._placeholders.pop(name), parts[name], text)
        org = self.current_org()
        if org is not None:
            self._scope_later_pages(org)

    def _put_tab(self, placeholder: QWidget, page: QWidget, text: str) -> None:
        tabs = self.ui.pages
        index = tabs.indexOf(placeholder)
        tabs.insertTab(index + 1, page, text)
        if tabs.currentIndex() == index:  # the page takes the placeholder's place on screen
            tabs.setCurrentIndex(index + 1)
        tabs.removeTab(index)
        placeholder.deleteLater()

    def _on_tab_changed(self, index: int) -> None:
        if self.ui.pages.widget(index) in self._placeholders.values():
            self.build_rest()  # asked for before the rest was loaded

    # --- construction ------------------------------------------------------------------------

    def _build_menus(self) -> None:
        actions = self.actions_by_id
        self.ui.menu_file.addAction(actions[ActionId.SYNC_NOW])
        self.ui.menu_file.addAction(actions[ActionId.CENTRAL_SETTINGS])
        self.ui.menu_file.addSeparator()
        self.ui.menu_file.addAction(actions[ActionId.QUIT])
        actions[ActionId.SYNC_NOW].triggered.connect(lambda: self.sync.sync_now(label="正在同步…"))
        actions[ActionId.CENTRAL_SETTINGS].triggered.connect(lambda: self.central_settings())
        self.ui.menu_view.addAction(actions[ActionId.REFRESH])
        self.ui.menu_view.addAction(actions[ActionId.FIND_ORG])
        actions[ActionId.FIND_ORG].triggered.connect(self.focus_org_search)
        toggle = self.ui.org_dock.toggleViewAction()
        toggle.setText(actions[ActionId.TOGGLE_ORG_TREE].text())
        toggle.setShortcut(actions[ActionId.TOGGLE_ORG_TREE].shortcut())
        self.ui.menu_view.addAction(toggle)
        full_ids = actions[ActionId.SHOW_FULL_IDS]
        full_ids.setCheckable(True)
        full_ids.setEnabled(self.actor.may_see_full_id_numbers)
        full_ids.toggled.connect(self.show_full_id_numbers)
        self.ui.menu_view.addAction(full_ids)
        self.ui.menu_training.addAction(actions[ActionId.HOUR_RULES])
        self.ui.menu_training.addAction(actions[ActionId.IMPORT_PROGRESS])
        self.ui.menu_training.addAction(actions[ActionId.VERIFY_ARCHIVE])
        self.ui.menu_training.addAction(actions[ActionId.SET_SEAL])
        actions[ActionId.VERIFY_ARCHIVE].triggered.connect(self.show_verify_dialog)
        actions[ActionId.IMPORT_PROGRESS].triggered.connect(self.show_progress_import)
        actions[ActionId.SET_SEAL].triggered.connect(lambda: self.choose_seal_image())
        actions[ActionId.HOUR_RULES].triggered.connect(lambda: self.show_hour_rules())
        for action_id in (ActionId.CHANGE_PASSWORD, ActionId.MANAGE_ACCOUNTS, ActionId.LOCK_NOW,
                          ActionId.IDLE_LOCK_MINUTES):
            self.ui.menu_account.addAction(actions[action_id])
        actions[ActionId.CHANGE_PASSWORD].triggered.connect(self.change_password)
        actions[ActionId.MANAGE_ACCOUNTS].triggered.connect(self.manage_accounts)
        actions[ActionId.LOCK_NOW].triggered.connect(lambda: self.idle_lock and self.idle_lock.lock())
        actions[ActionId.IDLE_LOCK_MINUTES].triggered.connect(lambda: self.set_idle_minutes())
        for action_id in (ActionId.CHANGE_PASSWORD, ActionId.LOCK_NOW, ActionId.IDLE_LOCK_MINUTES):
            actions[action_id].setEnabled(self.signed_in)
        actions[ActionId.MANAGE_ACCOUNTS].setEnabled(self.signed_in and self.actor.role is Role.CITY_ADMIN)
        self.ui.menu_help.addAction(actions[ActionId.POLICY_FAQ])
        self.ui.menu_help.addAction(actions[ActionId.ABOUT])
        actions[ActionId.POLICY_FAQ].triggered.connect(self.show_policy_faq)
        actions[ActionId.QUIT].triggered.connect(self.close)
        actions[ActionId.REFRESH].triggered.connect(self.refresh)
        actions[ActionId.ABOUT].triggered.connect(self._show_about)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel("正在读取…")
        self.database_label = QLabel(f"数据库：{self.database.path}")
        self.database_label.setToolTip(str(self.database.path))
        who = (f"用户：{self.actor.username}（{self.actor.role.label}）" if self.signed_in
               else "未启用账户（本机管理员）")
        self.user_label = QLabel(who)
        self.mode_label = QLabel("正在读取同步设置…")  # the sync controller tells it (build_rest)
        bar = self.ui.status_bar
        bar.addWidget(self.count_label, 1)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.database_label)
        bar.addPermanentWidget(self.mode_label)

    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value(_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        else:
            fit_to_screen(self)  # first start: the designed 1280×800 would hide the status bar at 768
        state = settings.value(_STATE_KEY)
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        self._fit_dock_on_show = not isinstance(state, QByteArray | bytes)  # first start

    def _open_at_last_org(self):
        """The tree down to the org selected last (or the top one) and its children, and 学员管理
        reading that org's first page — both through the plain connection (storage/plain_sqlite.py),
        so the first screen does not wait for SQLAlchemy. The index to select; invalid when empty."""
        last_path = app_settings().value(_LAST_ORG_KEY)
        path = self.database.path
        with PlainConnection(path) as connection, self.org_model.reading_with(connection):
            index = self.org_model.index_for_path(last_path) if isinstance(last_path, str) and last_path else None
            if index is None or not index.isValid():
                index = self.org_model.first_index()
            if index.isValid() and self.org_model.canFetchMore(index):
                self.org_model.fetchMore(index)  # its children: the tree shows it expanded
        if index.isValid():
            first_page = PlainConnection(path, handed_over=True)  # the job closes it
            self.trainees_page.model.load_next_with(lambda: first_page)
            self.trainees_page.set_scope(index.data(ORG_ROLE))
        return index

    def select_org_index(self, index) -> None:
        if not index.isValid():
            return
        tree = self.ui.org_tree
        parent = index.parent()
        while parent.isValid():
            tree.expand(parent)
            parent = parent.parent()
        tree.expand(index)
        tree.setCurrentIndex(index)
        tree.scrollTo(index)

    # --- behaviour ---------------------------------------------------------------------------

    def current_org(self) -> OrgNode | None:
        index = self.ui.org_tree.currentIndex()
        return index.data(ORG_ROLE) if index.isValid() else None

    def _on_org_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        org: OrgNode = indexes[0].data(ORG_ROLE)
        self.trainees_page.set_scope(org)
        if self._rest_built:
            self._scope_later_pages(org)
        self.sig_scope_changed.emit(org)
        self._settings_changed()

    def _scope_later_pages(self, org: OrgNode) -> None:
        self.archive_query_page.set_scope(org)
        self.compliance_page.set_scope(org)
        self.reports_page.set_scope(org)
        self.desk_page.set_scope(org)

    def _on_count_changed(self, total: int | None) -> None:
        org = self.current_org()
        if total is None or org is None:
            self.count_label.setText("正在读取…")
        else:
            self.count_label.setText(f"{org.full_name}：{self.trainees_page.ui.count_label.text()}")

    def _load_counts(self) -> None:
        actor = self.actor
        self.runner.read(lambda uow, state: _org_totals(uow, actor, state), on_success=self.org_model.set_totals,
                         error_title="统计学员人数失败")

    def start_maintenance(self) -> None:
        """After the first page: PRAGMA quick_check, then the automatic daily backup."""
        path, database, actor = self.database.path, self.database, self.actor

        def job(_state):
            from tjce_desktop.services.backups import backup_if_due
            from tjce_desktop.storage.backup import default_backup_folder, list_backups, quick_check

            problems = quick_check(path)
            if problems:
                return problems, next(iter(list_backups(default_backup_folder(path))), None)
            return [], backup_if_due(database, actor)

        def done(result) -> None:
            problems, backup = result
            if problems:
                advice = (f"最近一次正常的备份：{backup.path}（{backup.taken_at:%Y-%m-%d %H:%M}）。\n"
                          "请关闭程序后运行：\n"
                          f"tjce --db \"{path}\" restore \"{backup.path}\"" if backup else
                          "没有找到备份。请立即复制数据库文件，并联系技术支持（4000-666-099）。")
                QMessageBox.warning(self, "数据库检查发现问题",
                                    f"数据库“{path}”的完整性检查发现问题：\n{problems[0]}\n\n{advice}")
            elif backup is not None:
                self.ui.status_bar.showMessage(f"已自动备份到 {backup.path}", 8000)

        self.runner.write(lambda _uow, state: job(state), on_success=done, error_title="备份失败")

    def _on_data_changed(self, changes) -> None:
        if changes.touches("trainee", "org"):
            self._load_counts()
        if changes.touches("sync_outbox") and self._rest_built and self.sync.bound is not None:
            self.sync.publish()  # 待上传 in the status bar

    def refresh(self) -> None:
        """F5: the page on screen reads again (and the tree's counts)."""
        page = self.ui.pages.currentWidget()
        again = {}
        if self._rest_built:
            again = {self.archive_query_page: self.archive_query_page.run_query,
                     self.reports_page: self.reports_page.run}
        (again.get(page) or self.trainees_page.refresh)()
        self._load_counts()

    def focus_org_search(self) -> None:
        self.ui.org_dock.show()
        self.org_search.setFocus()
        self.org_search.selectAll()

    def _org_menu_entries(self):
        """The tree's right-click menu: the pages that show the org clicked, then its seal."""
        def show(page):
            return lambda _org: self.ui.pages.setCurrentWidget(page)

        entries = [("查看学员", show(self.trainees_page)), ("综合查询", show(self.archive_query_page)),
                   ("报表", show(self.reports_page)), ("合规看板", show(self.compliance_page)), None]
        seal = self.actions_by_id[ActionId.SET_SEAL]
        if seal.isEnabled():
            entries.append(("设置公章图片…", lambda _org: self.choose_seal_image()))
        return entries

    def show_policy_faq(self):
        from tjce_desktop.gui.faq_dialog import FaqDialog

        dialog = FaqDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _after_sync(self, report) -> None:
        """Pulled rows: the tree read again (a first sync fills it); the pages heard from the hub."""
        if not report.pulled and not report.removed:
            return
        current = self.current_org()
        self.org_model.reload()
        index = self.org_model.index_for_path(current.path) if current else None
        self.select_org_index(index if index is not None and index.isValid() else self.org_model.first_index())

    def _show_sync_status(self, status) -> None:
        self.mode_label.setText(status.text())
        self.mode_label.setToolTip(status.message or "程序始终在本机数据库上工作；联网时自动与中心数据库同步。")
        if status.message:
            self.ui.status_bar.showMessage(status.message, 15_000)

    def central_settings(self):
        from tjce_desktop.gui.central_dialog import CentralDialog

        dialog = CentralDialog(self.runner, self.actor.username if self.signed_in else "", self,
                               actor_name=self.actor.username, bound=self.sync.bound)
        self.last_central_dialog = dialog

        def connected() -> None:
            self.sync.configure(dialog.password)
            self.sync.sync_now(label="正在进行首次同步…")

        dialog.accepted.connect(connected)
        dialog.open()
        return dialog

    def show_full_id_numbers(self, full: bool) -> None:
        """Full ID numbers in the trainee table: per role, and every switch to full is audited."""
        if full and not self.actor.may_see_full_id_numbers:
            return
        if not full:
            self.trainees_page.model.set_full_id_numbers(False)
            return
        from tjce_desktop.services import audit

        org, name = self.current_org(), self.actor.username
        target = org.full_name if org else None
        # Shown only once the switch is in the log.
        self.runner.write(lambda uow, _state: audit.record_event(uow, name, "trainee.show_full_id", target),
                          on_success=lambda _none: self.trainees_page.model.set_full_id_numbers(True),
                          on_failure=lambda exc: self._full_ids_refused(exc))

    def _full_ids_refused(self, exc: BaseException) -> None:
        from tjce_desktop.gui.dialogs import show_error

        action = self.actions_by_id[ActionId.SHOW_FULL_IDS]
        action.blockSignals(True)
        action.setChecked(False)
        action.blockSignals(False)
        show_error(self, "显示完整身份证号", exc)

    def _idle_minutes(self) -> float:
        from tjce_desktop.gui.idle_lock import DEFAULT_MINUTES

        try:
            return float(app_settings().value(_IDLE_KEY, DEFAULT_MINUTES))
        except (TypeError, ValueError):
            return DEFAULT_MINUTES

    def set_idle_minutes(self, minutes: int | None = None) -> None:
        """自动锁定时间: a setting of this workstation, audited like every settings change."""
        from PySide6.QtWidgets import QInputDialog

        if self.idle_lock is None:
            return
        before = self.idle_lock.minutes
        if minutes is None:
            minutes, accepted = QInputDialog.getInt(self, "自动锁定时间", "不操作多少分钟后锁定窗口：",
                                                    int(before), 1, 120)
            if not accepted:
                return
        app_settings().setValue(_IDLE_KEY, minutes)
        self.idle_lock.set_minutes(minutes)
        from tjce_desktop.services import audit

        name = self.actor.username
        self.runner.write(lambda uow, _state: audit.record_event(uow, name, "settings.change", "idle_lock_minutes",
                                                                 {"before": before, "after": minutes}),
                          error_title="自动锁定时间")

    def change_password(self):
        from tjce_desktop.gui.sign_in_dialogs import PasswordDialog

        dialog = PasswordDialog(self.database, self.actor, self, runner=self.runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.ui.status_bar.showMessage("密码已修改。", 8000))
        dialog.open()
        return dialog

    def show_hour_rules(self):
        from tjce_desktop.gui.hour_rules_dialog import HourRulesDialog

        dialog = HourRulesDialog(self.runner, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def manage_accounts(self):
        from tjce_desktop.gui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.runner, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_progress_import(self):
        from tjce_desktop.gui.progress_import_dialog import ProgressImportDialog

        dialog = ProgressImportDialog(self.runner, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_verify_dialog(self):
        from tjce_desktop.gui.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.runner, self, central=self.sync.central_sheets())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_seal_image(self, path: str | None = None) -> None:
        """设置公章图片 for the selected org: a PNG, shown on its stamped archive sheets."""
        from PySide6.QtWidgets import QFileDialog

        from tjce_desktop.gui.dialogs import show_error, show_info
        from tjce_desktop.services.stamping import set_seal_image

        org = self.current_org()
        if org is None:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, f"{org.name}的公章图片", "", "PNG 图片 (*.png)")
        if not path:
            return
        actor, chosen = self.actor, path

        def op(uow, _state) -> None:
            with open(chosen, "rb") as handle:
                png = handle.read()
            set_seal_image(uow, actor, org.id, png)

        def failed(exc: BaseException) -> None:
            show_error(self, "设置公章图片", exc if not isinstance(exc, OSError) else f"无法读取“{chosen}”：{exc}")

        self.runner.write(op, on_success=lambda _none: show_info(self, "设置公章图片",
                                                                 f"已设置“{org.full_name}”的公章图片。"),
                          on_failure=failed)

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "关于",
            f"<b>{APP_TITLE}</b><br>版本 {__version__}<br><br>数据库：{self.database.path}<br>"
            "技术咨询热线：4000-666-099",
        )

    def _settings_changed(self, *_args) -> None:
        timer = getattr(self, "_save_timer", None)  # None while setupUi lays the window out
        if timer is not None and self.remember_on_close:
            timer.start()  # restarted by every further change

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # First start: on a 1366-pixel screen the tree's designed 340 px hid table columns.
        if getattr(self, "_fit_dock_on_show", False):
            self._fit_dock_on_show = False
            QTimer.singleShot(0, self._fit_dock)

    def _fit_dock(self) -> None:
        width = max(250, min(340, self.width() * 2 // 9))
        self.resizeDocks([self.ui.org_dock], [width], Qt.Orientation.Horizontal)

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        self._settings_changed()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._settings_changed()

    def closeEvent(self, event) -> None:
        self._closing = True
        self._save_timer.stop()
        if self.remember_on_close:
            self._save_settings()
        self.runner.cancel_all_and_wait()
        if self.idle_lock is not None:
            self.idle_lock.stop()
        super().closeEvent(event)

    def _save_settings(self) -> None:
        if not self.remember_on_close:
            return
        settings = app_settings()
        settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(_STATE_KEY, self.saveState())
        org = self.current_org()
        if org is not None:
            settings.setValue(_LAST_ORG_KEY, org.path)
        settings.sync()
