"""What a report of the manual (§4) is, apart from the SQL that fills it: its title, its
columns, what its chart shows and how a value is written. The services compute reports
(``services/reports.py``); the window, the command line and the files (``exchange/``)
show and write them from these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REPORT_TITLES = {
    "4.1": "培训计划统计总表",
    "4.2": "培训计划学员详细表",
    "4.3": "按计划统计",
    "4.4": "按人员统计考试",
    "4.5": "考试情况统计",
}
# What each report's chart shows (the Excel export and the page draw the same).
CHART_SERIES = {
    "4.1": ("participation_rate", "completion_rate"),
    "4.3": ("finished", "in_progress", "not_started"),
    "4.5": ("passed", "failed", "absent"),
}
RATE_FORMULAS = {
    "participation_rate": "参训率 = 参训人数 ÷ 注册人数",
    "completion_rate": "完成率 = 完成人数 ÷ 注册人数",
}
# A trainee's outcome of one exam, as 4.4 and the command line say it.
EXAM_STATUS_LABELS = {"passed": "已通过", "failed": "未通过", "absent": "未参考"}


def format_cell(kind: str, value) -> str:
    """A report value as the page, the PDF and the CLI show it."""
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value:.1%}"
    if kind == "int":
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | int | rate | hours | score | date
    tooltip: str = ""


@dataclass(frozen=True)
class Report:
    code: str
    columns: tuple[Column, ...]
    rows: list[tuple]
    total: tuple | None = None
    filters: dict[str, str] = field(default_factory=dict)
    # What each row stands for, for drill-down: a plan id (4.1, 4.3), an exam id (4.5) or an
    # org path (by child org; the total row's is the scope's).
    row_keys: list[str] = field(default_factory=list)
    total_key: str = ""

    @property
    def title(self) -> str:
        return REPORT_TITLES[self.code]

    def as_dicts(self) -> list[dict]:
        return [dict(zip((c.key for c in self.columns), row)) for row in self.rows]
