"""Charts a reader can use (#16): round axis steps, full category names, values on hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from tjce_desktop.gui.bar_chart import BarChart, Series, nice_axis


@pytest.mark.parametrize(("maximum", "expected"), [
    (347, (100, 400)), (87, (20, 100)), (542, (200, 600)), (181, (50, 200)), (1, (0.2, 1)), (0.92, (0.2, 1.0)),
    (12_345, (5000, 15_000)), (3, (1, 3)),
])
def test_axis_steps_are_round(maximum, expected):
    step, end = nice_axis(maximum)
    assert (step, end) == pytest.approx(expected)
    mantissa = step / 10 ** len(str(int(step))[:-1]) if step >= 1 else step * 10
    assert round(mantissa, 6) in (1, 2, 5, 10)


def test_full_names_and_values_on_hover(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(520, 420)
    names = ["2026年度专业课培训计划（卫生系列）", "2026年度专业课培训计划（工程系列）", "2026年度公需课培训计划"]
    rates = [Series("参训率", (0.06, 0.055, 0.869)), Series("完成率", (0.03, 0.026, 0.383))]
    chart.set_data("培训计划统计总表", names, rates, stacked=False, percent=True)
    chart.show()
    image = chart.grab()  # paints: the bars are laid out
    assert not image.isNull() and chart.axis() == (0.2, 1.0)
    tips = [bar.text for bar in chart._bars]
    assert len(tips) == 6 and tips[0] == f"{names[0]}\n参训率：6.0%" and tips[5] == f"{names[2]}\n完成率：38.3%"
    centre = chart._bars[4].rect.center()
    assert chart.value_at(QPointF(centre)) == f"{names[2]}\n参训率：86.9%"
    assert chart.value_at(QPointF(2, 2)) is None
    # Each name is written out in full (two lines at most), none cut to "2026年度专…".
    metrics = chart.fontMetrics()
    label_width = min(max(metrics.horizontalAdvance(n) for n in names) + 12, chart.width() * 0.42)
    assert all(metrics.horizontalAdvance(name) <= 2 * (label_width - 4) for name in names)


def test_stacked_counts_use_round_steps(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(480, 360)
    chart.set_data("达标", ["和平区", "河东区"], [Series("达标", (260, 200)), Series("未达标", (87, 40))], stacked=True)
    chart.grab()
    assert chart.axis() == (100, 400)  # not 87/174/260/347
    assert chart._bars[1].text == "和平区\n未达标：87"


def test_many_rows_in_a_short_chart_never_overlap_their_names(qtbot):
    """27 districts in the 合规看板's chart at 1366×768: names thinned to every k-th row, one line
    each, never written over each other; each bar still says its name on hover."""
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    names = [f"天津市第{n}区人力资源和社会保障局" for n in range(27)]
    chart.set_data("达标", names, [Series("达标", tuple(range(27))), Series("未达标", (5,) * 27)], stacked=True)
    chart.grab()
    boxes = chart.label_boxes
    assert 1 < len(boxes) < 27
    assert all(not a.intersects(b) for a, b in zip(boxes, boxes[1:], strict=False))
    assert {bar.text.split("\n")[0] for bar in chart._bars} == set(names)
