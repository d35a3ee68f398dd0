"""The trainees behind a report number (e.g. 未参训 of a unit for a plan), ready to export.

The same lazy trainee table as 学员管理, with the report's conditions as its filter.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout

from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.export_job import export_file
from tjce_desktop.gui.screen_fit import fit_to_screen
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.gui.trainee_table_model import TraineeTableModel, arrange_trainee_columns
from tjce_desktop.services import trainee_listing as listing
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.trainee_listing import TraineeFilter
from tjce_desktop.storage.database import Database


class DrillDownDialog(QDialog):
    def __init__(self, database: Database, runner: TaskRunner, actor: Actor, *, title: str, scope_path: str,
                 filters: TraineeFilter, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1200, 640)
        fit_to_screen(self)
        self._database, self._runner, self._actor = database, runner, actor
        self._scope_path, self._filters, self._title = scope_path, filters, title
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.count_label = QLabel("正在读取…")
        top.addWidget(self.count_label)
        top.addStretch(1)
        self.export_button = QPushButton("导出名单…")
        self.export_button.clicked.connect(self._export)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.model = TraineeTableModel(database.engine, runner, actor, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        arrange_trainee_columns(self.table)  # as in 学员管理: ID number and org whole, not cut off
        org = listing.COLUMNS.index(listing.TraineeColumn.ORG)  # the dialog's spare width goes to the org
        self.table.horizontalHeader().setSectionResizeMode(org, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.model.sig_loaded.connect(lambda total: self.count_label.setText(f"{title}：共 {total:,} 名"))
        self.model.set_filters(filters)
        self.model.set_scope(scope_path)
        self.tools = page_conveniences.drill_down(self)

    def _export(self) -> None:
        self.export(None)

    def export(self, path: str | None) -> None:
        from tjce_desktop.services.trainee_export import export_trainees

        actor, scope, filters = self._actor, self._scope_path, self._filters
        export_file(self, self._runner, title="导出名单", name=f"{self._title}.xlsx", path=path, csv=True,
                    write=lambda uow, target, state: export_trainees(uow.database, actor, target, scope_path=scope,
                                                                     filters=filters, state=state),
                    told=lambda n, target: f"已导出 {n:,} 名学员到：\n{target}")
