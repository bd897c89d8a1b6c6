"""Qt Charts of the attendance report (also drawn into the PDF report).

Colours come from the palette: the chart's background, texts and grid are the window's (a
dark chart in a dark theme), its bars the palette's highlight brought to 3:1 against that
background (WCAG's contrast for graphics); the PDF, printed on paper, is drawn light.

Category names are never elided: Qt Charts gives the axis of the names at most 40 % of the
chart and cuts what does not fit to « … ». Each chart wraps its names, again at each resize,
on as many lines as the height given to one category holds; a name that still does not fit
is shown by its last part (a thematique's sub-theme, after « : »), its full name in the
tooltip of its bar and in the chart's accessible description.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCharts import (
    QAbstractAxis,
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
from PySide6.QtGui import QColor, QCursor, QFontMetricsF, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from acsrv_desktop.core.attendance.figures import AttendanceReport, Breakdown
from acsrv_desktop.gui.theme import is_dark, readable

GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11: bars against their background
SECOND_HUE = QColor("#ffb000")
AXIS_PORTION = 0.4  # of the chart's width, the most Qt Charts gives an axis
AXIS_PADDING = 24  # pixels of the axis itself (ticks, line, spacing) beside its labels


@dataclass(frozen=True)
class ChartColours:
    """The colours of a chart in one palette."""

    background: QColor
    text: QColor
    grid: QColor
    bars: QColor
    second: QColor
    dark: bool

    @classmethod
    def of(cls, palette: QPalette | None = None) -> ChartColours:
        palette = palette if palette is not None else QApplication.palette()
        role = QPalette.ColorRole
        background = palette.color(role.Base)
        return cls(
            background=background,
            text=palette.color(role.Text),
            grid=palette.color(role.Mid),
            bars=readable(palette.color(role.Highlight), background, GRAPHIC_CONTRAST),
            second=readable(SECOND_HUE, background, GRAPHIC_CONTRAST),
            dark=is_dark(palette),
        )


def wrap_words(text: str, fits: Callable[[str], bool]) -> list[str]:
    """``text`` on lines that each ``fits`` (a word longer than a line gets a line of its
    own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [text]


def short_name(name: str) -> str:
    """A name's last part: « Difficultés administratives ou juridiques : Accompagnement pour
    l’accès aux droits » -> « Accompagnement pour l’accès aux droits »."""
    return name.rsplit(" : ", 1)[-1]


def category_labels(
    names: Sequence[str], metrics: QFontMetricsF, width: float, lines: int
) -> list[str]:
    """Each name as an axis label (rich text: lines joined by <br>), on at most ``lines``
    lines of ``width`` pixels — whole if it fits, else by its last part, wrapped anyway."""

    def fits(line: str) -> bool:
        return metrics.horizontalAdvance(line) <= width

    labels = []
    for name in names:
        wrapped = wrap_words(name, fits)
        if len(wrapped) > lines:
            wrapped = wrap_words(short_name(name), fits)
        labels.append("<br>".join(escape(line, quote=False) for line in wrapped))
    return _distinct(labels)


def _distinct(labels: list[str]) -> list[str]:
    """A category axis needs distinct labels: a repeated one gets invisible spaces."""
    seen: set[str] = set()
    distinct = []
    for label in labels:
        while label in seen:
            label += "\u200b"
        seen.add(label)
        distinct.append(label)
    return distinct


def plain_label(label: str) -> str:
    """An axis label as read (its lines joined by spaces)."""
    from html import unescape

    return unescape(label.replace("<br>", " ")).replace("\u200b", "")


class BarChartView(QChartView):
    """A chart of bars whose category names are fitted to the room they have."""

    def __init__(self, chart: QChart, names: list[str], values: list[int], title: str) -> None:
        super().__init__(chart)
        self.names = names
        self.values = values
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        # A picture, not a control: no Tab stop; read by screen readers through its name and
        # its description (every figure, as the table beside it gives them).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(f"Graphique : {title}")
        self.setAccessibleDescription(
            " ; ".join(f"{name} : {value}" for name, value in zip(names, values, strict=True))
        )

    def category_axis(self) -> QBarCategoryAxis | None:
        axes = [axis for axis in self.chart().axes() if isinstance(axis, QBarCategoryAxis)]
        return axes[0] if axes else None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_labels()

    def fit_labels(self) -> None:
        """The names wrapped for the chart's size now (see the module's note)."""
        axis = self.category_axis()
        if axis is None or not self.names:
            return
        metrics = QFontMetricsF(axis.labelsFont())
        chart = self.chart()
        plot = chart.plotArea()
        if axis.orientation() == Qt.Orientation.Vertical:
            width = chart.size().width() * AXIS_PORTION - AXIS_PADDING
            room = plot.height() / len(self.names) if plot.height() > 0 else metrics.height()
        else:
            width = plot.width() / len(self.names) - 6 if plot.width() > 0 else 120
            room = metrics.lineSpacing() * 3  # below the bars: up to three lines
        lines = max(1, math.floor(room / metrics.lineSpacing()))
        labels = category_labels(self.names, metrics, max(width, metrics.averageCharWidth()), lines)
        if labels != axis.categories():
            axis.setCategories(labels)


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


def _chart(title: str, colours: ChartColours) -> QChart:
    chart = QChart()
    chart.setTheme(
        QChart.ChartTheme.ChartThemeDark if colours.dark else QChart.ChartTheme.ChartThemeLight
    )
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _colour(chart: QChart, colours: ChartColours, sets: list[QBarSet]) -> None:
    """The palette's colours, after the theme (which sets its own when series are added)."""
    chart.setBackgroundBrush(colours.background)
    chart.setTitleBrush(colours.text)
    chart.legend().setLabelColor(colours.text)
    for axis in chart.axes():
        assert isinstance(axis, QAbstractAxis)
        axis.setLabelsBrush(colours.text)
        axis.setTitleBrush(colours.text)
        axis.setGridLineColor(colours.grid)
        axis.setLinePenColor(colours.grid)
        axis.setTruncateLabels(False)  # the view wraps them instead (fit_labels)
    for index, bars in enumerate(sets):
        bars.setColor(colours.bars if index == 0 else colours.second)
        bars.setBorderColor(colours.background)


def _tooltips(series: QAbstractBarSeries, names: list[str]) -> None:
    def hovered(status: bool, index: int, bars: QBarSet) -> None:
        if status and 0 <= index < len(names):
            QToolTip.showText(QCursor.pos(), f"{names[index]} : {int(bars.at(index))}")
        else:
            QToolTip.hideText()

    series.hovered.connect(hovered)


def _bars(
    title: str,
    names: list[str],
    sets: list[tuple[str, list[int]]],
    colours: ChartColours,
    horizontal: bool,
) -> BarChartView:
    chart = _chart(title, colours)
    series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
    bar_sets = []
    for label, values in sets:
        bars = QBarSet(label)
        bars.append(values)
        series.append(bars)
        bar_sets.append(bars)
    if len(sets) > 1:
        series.setBarWidth(0.9)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(_distinct([escape(name, quote=False) for name in names]))
    values_axis = _value_axis(max((v for _, values in sets for v in values), default=0))
    chart.addAxis(
        categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
    )
    chart.addAxis(
        values_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
    )
    series.attachAxis(categories)
    series.attachAxis(values_axis)
    chart.legend().setVisible(len(sets) > 1)
    _colour(chart, colours, bar_sets)
    _tooltips(series, names)
    totals = [sum(values[i] for _, values in sets) for i in range(len(names))]
    return BarChartView(chart, names, totals, title)


def vertical_bars(
    title: str,
    breakdown: Breakdown,
    label: Callable[[Any], str] = str,
    colours: ChartColours | None = None,
) -> BarChartView:
    names = [label(row[0]) for row in breakdown.rows]
    values = [int(row[-1]) for row in breakdown.rows]
    return _bars(
        title, names, [(breakdown.columns[-1], values)], colours or ChartColours.of(), False
    )


def horizontal_bars(
    title: str, breakdown: Breakdown, limit: int = 10, colours: ChartColours | None = None
) -> BarChartView:
    rows = list(reversed(breakdown.rows[:limit]))  # the largest at the top
    names = [str(row[0]) for row in rows]
    values = [int(row[-1]) for row in rows]
    return _bars(
        title, names, [(breakdown.columns[-1], values)], colours or ChartColours.of(), True
    )


def age_and_gender(report: AttendanceReport, colours: ChartColours | None = None) -> BarChartView:
    ages, genders = report.breakdown("ages_fse"), report.breakdown("genres")
    names = [str(row[0]) for row in ages.rows] + [str(row[0]) for row in genders.rows]
    age_values = [int(row[-1]) for row in ages.rows] + [0] * len(genders.rows)
    gender_values = [0] * len(ages.rows) + [int(row[-1]) for row in genders.rows]
    return _bars(
        "Personnes par âge (FSE+) et par genre",
        names,
        [("âge", age_values), ("genre", gender_values)],
        colours or ChartColours.of(),
        False,
    )


def _visits_over_time(report: AttendanceReport, colours: ChartColours) -> tuple[str, BarChartView]:
    """Visits by day over a month at most; by week up to a quarter; by month beyond (a bar
    per day of a year would have no readable label)."""
    days = len(report.breakdown("jours").rows)
    if days <= 31:
        title, shown = "Passages par jour", report.breakdown("jours")
        return title, vertical_bars(title, shown, lambda day: f"{day:%d}", colours)
    if days <= 92:
        title = "Passages par semaine"
        weeks = report.breakdown("semaines")
        return title, vertical_bars(title, weeks, lambda week: f"S{str(week)[-2:]}", colours)
    months = report.breakdown("mois")
    by_month = Breakdown("mois", months.title, months.columns[:2], [r[:2] for r in months.rows])
    title = "Passages par mois"
    return title, vertical_bars(title, by_month, _month_label, colours)


def _month_label(month: object) -> str:
    """« janvier 2026 » -> « janv. 26 »; a month cut by the period -> its first day."""
    text = str(month)
    if text.startswith("du "):
        return text[3:8]
    name, _, year = text.partition(" ")
    return f"{MONTH_ABBREVIATIONS.get(name, name)} {year[-2:]}"


MONTH_ABBREVIATIONS = {
    "janvier": "janv.",
    "février": "févr.",
    "avril": "avr.",
    "juillet": "juil.",
    "septembre": "sept.",
    "octobre": "oct.",
    "novembre": "nov.",
    "décembre": "déc.",
}


def report_charts(
    report: AttendanceReport, palette: QPalette | None = None
) -> list[tuple[str, BarChartView]]:
    """The four charts of the area and of the PDF, with their tab titles, in the colours of
    ``palette`` (the application's by default)."""
    colours = ChartColours.of(palette)
    return [
        _visits_over_time(report, colours),
        (
            "Besoins",
            horizontal_bars(
                "Besoins exprimés (les 10 premiers)", report.breakdown("besoins"), colours=colours
            ),
        ),
        (
            "Orientations",
            horizontal_bars(
                "Orientations par programme",
                report.breakdown("orientations_programmes"),
                colours=colours,
            ),
        ),
        ("Âge et genre", age_and_gender(report, colours)),
    ]


def light_palette() -> QPalette:
    """The light palette the PDF is drawn in (paper), whatever the screen's theme."""
    style = QApplication.style()
    return style.standardPalette() if style is not None else QPalette()


def chart_views(widget: QWidget) -> list[BarChartView]:
    return widget.findChildren(BarChartView)
