"""培训计划: the plans with their courses, hours, exams and archives; the city administrator edits them."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from tjce_desktop.domain.enums import Role
from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.forms.ui_plans_page import Ui_PlansPage
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.plans import PlanSummary, delete_plan, list_plans, set_closed
from tjce_desktop.storage.database import Database

_HEADERS = ("年度", "计划名称", "计划时间", "课程", "学时", "考试", "学习档案", "状态")
SHOWN_TABLES = ("training_plan", "course", "exam", "enrollment")  # enrollment: the archive counts


class PlansPage(QWidget):
    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_PlansPage()
        self.ui.setupUi(self)
        self.database, self.runner, self.hub, self.actor = database, runner, hub, actor
        self.loaded = False
        self.plans: list[PlanSummary] = []
        self.last_dialog: QWidget | None = None
        table = self.ui.plans_table
        table.setColumnCount(len(_HEADERS))
        table.setHorizontalHeaderLabels(_HEADERS)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        may_edit = actor.role is Role.CITY_ADMIN
        self.ui.plans_hint.setText("" if may_edit else "只有市级管理员可以新建和修改培训计划；您可以查看。")
        self.ui.new_button.clicked.connect(lambda: self.edit_plan(None))
        self.ui.edit_button.clicked.connect(lambda: self.edit_plan(self.current_plan()))
        self.ui.close_button.clicked.connect(self.toggle_closed)
        self.ui.delete_button.clicked.connect(lambda: self.delete_current())
        self.tools = page_conveniences.plans_page(self)
        table.itemSelectionChanged.connect(self._update_buttons)
        table.itemDoubleClicked.connect(lambda _item: self.edit_plan(self.current_plan()))
        self._update_buttons()
        # Read when first shown, and again when a write changed the plans or their archives.
        self.watch = hub.watch(self, SHOWN_TABLES, self.reload, stale=True)

    def reload(self) -> None:
        """In the background: counting the archives of every plan reads every archive."""
        self.loaded = True
        if self.actor.role is Role.CITY_ADMIN:  # (other roles keep the read-only note)
            self.ui.plans_hint.setText("正在统计各计划的学习档案…")
        self.runner.read(lambda uow, _state: list_plans(uow.session), on_success=self._show,
                         error_title="读取培训计划失败")

    def _show(self, plans: list[PlanSummary]) -> None:
        self.plans = plans
        if self.actor.role is Role.CITY_ADMIN:
            self.ui.plans_hint.clear()
        table = self.ui.plans_table
        table.setRowCount(len(self.plans))
        for row, plan in enumerate(self.plans):
            values = (str(plan.year), plan.name, f"{plan.starts_on} 至 {plan.ends_on}", str(plan.course_count),
                      f"{plan.total_hours:g}", str(plan.exam_count), f"{plan.archive_count:,}",
                      plan.status())
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        self._update_buttons()

    def current_plan(self) -> PlanSummary | None:
        row = self.ui.plans_table.currentRow()
        return self.plans[row] if 0 <= row < len(self.plans) else None

    def _update_buttons(self) -> None:
        plan = self.current_plan()
        may_edit = self.actor.role is Role.CITY_ADMIN
        self.ui.new_button.setEnabled(may_edit)
        self.ui.edit_button.setEnabled(may_edit and plan is not None)
        self.ui.close_button.setEnabled(may_edit and plan is not None)
        self.ui.close_button.setText("重新开放" if plan is not None and plan.closed else "关闭计划")
        self.ui.delete_button.setEnabled(may_edit and plan is not None and plan.archive_count == 0)
        self.ui.delete_button.setToolTip("已有学习档案的计划不能删除，只能关闭。"
                                         if plan and plan.archive_count else "")

    def edit_plan(self, plan: PlanSummary | None):
        from tjce_desktop.gui.plan_dialog import PlanDialog

        if self.actor.role is not Role.CITY_ADMIN:
            return None
        dialog = PlanDialog(self.runner, self.actor, plan.id if plan else None, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def toggle_closed(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        actor = self.actor
        self.runner.write(lambda uow, _state: set_closed(uow, actor, plan.id, not plan.closed), error_title="关闭计划")

    def delete_current(self, confirm: bool = True) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        if confirm and (QMessageBox.question(self, "删除培训计划", f"删除“{plan.name}”？")
                        != QMessageBox.StandardButton.Yes):
            return
        actor = self.actor
        self.runner.write(lambda uow, _state: delete_plan(uow, actor, plan.id), error_title="删除培训计划")
