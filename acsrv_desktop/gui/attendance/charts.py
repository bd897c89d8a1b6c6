"""Qt Charts of the attendance report (also drawn into the PDF report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter

from acsrv_desktop.core.attendance.figures import AttendanceReport, Breakdown

COLOUR = QColor("#1f6f8b")
SECOND_COLOUR = QColor("#ffb000")


def _view(chart: QChart) -> QChartView:
    series = chart.series()
    first = series[0] if series else None  # the charts here are all of bars
    chart.legend().setVisible(isinstance(first, QAbstractBarSeries) and len(first.barSets()) > 1)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


def _value_axis(maximum: int) -> QValueAxis:
    axis = QValueAxis()
    top = max(1, maximum)
    step = next(
        s
        for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10**9)
        if top / s <= 5
    )
    ticks = -(-top // step)  # whole steps: the labels fall on whole numbers
    axis.setRange(0, ticks * step)
    axis.setTickCount(ticks + 1)
    axis.setLabelFormat("%d")
    return axis


def vertical_bars(
    title: str, breakdown: Breakdown, label: Callable[[Any], str] = str
) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    bars = QBarSet(breakdown.columns[-1])
    bars.setColor(COLOUR)
    categories = []
    for row in breakdown.rows:
        categories.append(label(row[0]))
        bars.append(row[-1])
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = _value_axis(max((row[-1] for row in breakdown.rows), default=0))
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    return _view(chart)


def horizontal_bars(title: str, breakdown: Breakdown, limit: int = 10) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    rows = list(reversed(breakdown.rows[:limit]))  # the largest at the top
    bars = QBarSet(breakdown.columns[-1])
    bars.setColor(COLOUR)
    for row in rows:
        bars.append(row[-1])
    series = QHorizontalBarSeries()
    series.append(bars)
    chart.addSeries(series)
    axis_y = QBarCategoryAxis()
    axis_y.append([str(row[0])[:45] for row in rows])
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    axis_x = _value_axis(max((row[-1] for row in rows), default=0))
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    return _view(chart)


def age_and_gender(report: AttendanceReport) -> QChartView:
    chart = QChart()
    chart.setTitle("Personnes par âge (FSE+) et par genre")
    ages, genders = report.breakdown("ages_fse"), report.breakdown("genres")
    series = QBarSeries()
    age_set = QBarSet("âge")
    age_set.setColor(COLOUR)
    gender_set = QBarSet("genre")
    gender_set.setColor(SECOND_COLOUR)
    categories = []
    for label, count in ages.rows:
        categories.append(label)
        age_set.append(count)
        gender_set.append(0)
    for label, count in genders.rows:
        categories.append(label)
        age_set.append(0)
        gender_set.append(count)
    series.append(age_set)
    series.append(gender_set)
    series.setBarWidth(0.9)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    top = max([c for _, c in ages.rows] + [c for _, c in genders.rows] + [0])
    axis_y = _value_axis(top)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    return _view(chart)


def report_charts(report: AttendanceReport) -> list[tuple[str, QChartView]]:
    """The four charts of the area and of the PDF, with their tab titles."""
    return [
        (
            "Passages par jour",
            vertical_bars(
                "Passages par jour", report.breakdown("jours"), label=lambda day: f"{day:%d}"
            ),
        ),
        (
            "Besoins",
            horizontal_bars("Besoins exprimés (les 10 premiers)", report.breakdown("besoins")),
        ),
        (
            "Orientations",
            horizontal_bars(
                "Orientations par programme", report.breakdown("orientations_programmes")
            ),
        ),
        ("Âge et genre", age_and_gender(report)),
    ]
