"""查看档案: a trainee's learning archive, read-only — plans, hours by category, exams, stamps."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeView, QVBoxLayout

from tjce_desktop.domain.enums import CourseCategory
from tjce_desktop.services.trainees import ArchiveEntry, TraineeDetail

_HEADERS = ["培训计划 / 考试", "年度", "学习状态", *CourseCategory.labels(), "学时 / 计划学时", "完成日期", "盖章状态"]


def _fmt_hours(value: float) -> str:
    return f"{value:g}"


def archive_model(entries: list[ArchiveEntry]) -> QStandardItemModel:
    model = QStandardItemModel(0, len(_HEADERS))
    model.setHorizontalHeaderLabels(_HEADERS)
    for entry in entries:
        cells = [entry.plan_name, str(entry.year), entry.status]
        cells += [_fmt_hours(entry.hours_by_category.get(label, 0.0)) for label in CourseCategory.labels()]
        cells += [f"{_fmt_hours(entry.hours)} / {_fmt_hours(entry.plan_hours)}",
                  f"{entry.finished_at:%Y-%m-%d}" if entry.finished_at else "—",
                  entry.stamp_status + (f"（{entry.stamped_at:%Y-%m-%d}）" if entry.stamped_at else "")]
        row = [QStandardItem(text) for text in cells]
        for attempt in entry.attempts:
            score = "缺考" if attempt.score is None else f"{attempt.score:g} 分"
            result = "通过" if attempt.passed else "未通过"
            left = max(0, attempt.max_attempts - attempt.attempt_no)
            row[0].appendRow([QStandardItem(f"{attempt.exam_name} · 第 {attempt.attempt_no} 次"), QStandardItem(""),
                              QStandardItem(f"{score}，{result}"),
                              QStandardItem(f"{attempt.taken_at:%Y-%m-%d}"),
                              QStandardItem(f"剩余 {left} 次")])
        model.appendRow(row)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            item = model.item(row, column)
            if item is not None:
                item.setEditable(False)
    return model


class ArchiveDialog(QDialog):
    def __init__(self, detail: TraineeDetail, entries: list[ArchiveEntry], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"学习档案 · {detail.real_name}")
        self.resize(1100, 420)
        layout = QVBoxLayout(self)
        heading = QLabel(f"{detail.real_name}（{detail.username}） · {detail.org_full_name} · "
                         f"身份证号 {detail.id_number[:6]}********{detail.id_number[-4:]}")
        layout.addWidget(heading)
        self.view = QTreeView(self)
        self.view.setModel(archive_model(entries))
        self.view.setUniformRowHeights(True)
        self.view.expandAll()
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.view)
        if not entries:
            layout.addWidget(QLabel("该学员还没有选课，没有学习档案。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
