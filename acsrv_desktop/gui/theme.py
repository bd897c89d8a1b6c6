"""Colours from the palette: readable in the system's light and dark themes.

Nothing in the application hard-codes a text colour. A message is given a *kind* (error,
success, secondary) and its colour is derived from the palette in use: a hue for the kind,
then made lighter or darker until it reaches WCAG AA contrast (4.5:1) against the background
it is drawn on. The placeholders of the palette are brought to the same contrast at start-up
(Fusion's own are at 4.0:1 in the light theme).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

AA_CONTRAST = 4.5  # WCAG 2.1 AA, normal text


class Kind(Enum):
    """What a message says, hence its hue (and weight)."""

    ERROR = ("#c00000", True)
    SUCCESS = ("#1f7a3b", True)
    SECONDARY = ("", False)  # the palette's own text colour, softened

    def __init__(self, hue: str, bold: bool) -> None:
        self.hue = hue
        self.bold = bold


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of ``colour`` (0 black … 1 white)."""
    red, green, blue = colour.redF(), colour.greenF(), colour.blueF()
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as seen drawn over ``background`` (its transparency blended in)."""
    alpha = colour.alphaF()
    if alpha >= 1.0:
        return colour
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 (none) … 21 (black on white), of ``first`` drawn on ``second``."""
    first = over(first, second)
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Window)) < 0.4


def readable(colour: QColor, background: QColor, minimum: float = AA_CONTRAST) -> QColor:
    """``colour``'s hue, lightened on a dark background or darkened on a light one until it
    reaches ``minimum`` contrast against ``background`` (black or white at worst)."""
    white, black = QColor("white"), QColor("black")
    towards_light = contrast_ratio(white, background) > contrast_ratio(black, background)
    candidate = over(colour, background)
    hue, saturation = candidate.hslHueF(), candidate.hslSaturationF()
    lightness, alpha = candidate.lightnessF(), candidate.alphaF()
    step = 0.02
    while contrast_ratio(candidate, background) < minimum:
        lightness = min(1.0, lightness + step) if towards_light else max(0.0, lightness - step)
        candidate = QColor.fromHslF(max(hue, 0.0), saturation, lightness, alpha)
        if lightness in (0.0, 1.0):
            break
    return candidate


def kind_colour(
    kind: Kind, palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Window
) -> QColor:
    """The text colour of a message of ``kind`` on the palette's ``role`` background."""
    background = palette.color(role)
    if kind is Kind.SECONDARY:
        text = palette.color(QPalette.ColorRole.WindowText)
        mixed = QColor.fromRgbF(
            (text.redF() * 2 + background.redF()) / 3,
            (text.greenF() * 2 + background.greenF()) / 3,
            (text.blueF() * 2 + background.blueF()) / 3,
        )
        return readable(mixed, background)
    hue = QColor(kind.hue)
    if is_dark(palette):  # the same hue, light: red and green stay red and green
        hue = hue.lighter(220)
    return readable(hue, background)


def secondary_item_colour(palette: QPalette | None = None) -> QColor:
    """The text of a list's secondary rows (deactivated, cancelled, not read yet): softened,
    yet at AA on the list's rows and on its alternate rows alike."""
    palette = palette if palette is not None else QApplication.palette()
    base = kind_colour(Kind.SECONDARY, palette, QPalette.ColorRole.Base)
    return readable(base, palette.color(QPalette.ColorRole.AlternateBase))


class _Follower(QObject):
    """Re-colours its label when the palette changes (the system switched theme)."""

    def __init__(self, label: QLabel, kind: Kind) -> None:
        super().__init__(label)
        self.kind = kind
        self._applying = False
        label.installEventFilter(self)

    def apply(self, label: QLabel) -> None:
        self._applying = True
        try:
            palette = QPalette(QApplication.palette(label))
            palette.setColor(
                QPalette.ColorRole.WindowText, kind_colour(self.kind, QApplication.palette(label))
            )
            label.setPalette(palette)
            font = QFont()  # only the weight: the size follows the application's (zoom)
            font.setBold(self.kind.bold)
            label.setFont(font)
        finally:
            self._applying = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            not self._applying
            and isinstance(watched, QLabel)
            and event.type() == QEvent.Type.ApplicationPaletteChange
        ):
            self.apply(watched)
        return False


def set_kind(label: QLabel, kind: Kind | None) -> None:
    """Show ``label``'s text as a message of ``kind``, in the palette's colours; ``None``:
    plain text again, the palette's own colour and weight."""
    follower = label.findChild(_Follower)
    if kind is None:
        if follower is not None:
            label.removeEventFilter(follower)
            follower.setParent(None)
            follower.deleteLater()
            label.setPalette(QPalette())  # nothing set: the parent's palette and font again
            label.setFont(QFont())
        return
    if follower is None:
        follower = _Follower(label, kind)
    follower.kind = kind
    follower.apply(label)


def kind_of(label: QLabel) -> Kind | None:
    """The kind ``label``'s text is shown as (``set_kind``), None for plain text."""
    follower = label.findChild(_Follower)
    return follower.kind if follower is not None else None


def label_text_colour(label: QWidget) -> QColor:
    """The colour ``label``'s text is drawn in (what the contrast test reads)."""
    return label.palette().color(label.foregroundRole())


def set_default_width(window: QWidget, characters: int) -> None:
    """Open ``window`` about ``characters`` average characters wide — so that it follows the
    text zoom — and as tall as its content needs at that width.

    Not ``setMinimumWidth``: a minimum set by hand switches off the one its layout keeps,
    and a larger text then squeezes the fields. The layout's minimum stays in force."""
    window.ensurePolished()
    minimum = window.minimumSizeHint()
    width = max(window.fontMetrics().averageCharWidth() * characters, minimum.width())
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(width)
    else:
        height = window.sizeHint().height()
    window.resize(width, max(height, minimum.height()))


def grow_to_fit(window: QWidget) -> None:
    """``window`` as tall as its content needs now — a message appeared under its form —
    never smaller than it is (what the person sized stays). A wrapped label does not count in
    a layout's minimum: without this, the fields above it would be squeezed to make room."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    if layout.hasHeightForWidth():
        wanted = layout.totalHeightForWidth(window.width())
    else:
        wanted = layout.totalSizeHint().height()
    wanted = max(wanted, layout.totalMinimumSize().height())
    if wanted > window.height():
        window.resize(window.width(), wanted)


def install_readable_placeholders(app: QGuiApplication) -> None:
    """The application palette's placeholder text at AA contrast on input backgrounds."""
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        base = palette.color(group, QPalette.ColorRole.Base)
        placeholder = palette.color(group, QPalette.ColorRole.PlaceholderText)
        if contrast_ratio(placeholder, base) < AA_CONTRAST:
            palette.setColor(group, QPalette.ColorRole.PlaceholderText, readable(placeholder, base))
    app.setPalette(palette)


def dark_palette() -> QPalette:
    """A dark palette like the systems' dark themes (tests, captures): light text on dark."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e8e8e8",
        role.Base: "#1e1e1e",
        role.AlternateBase: "#2f2f2f",
        role.Text: "#e8e8e8",
        role.Button: "#3a3a3a",
        role.ButtonText: "#e8e8e8",
        role.Highlight: "#2f6f9f",
        role.HighlightedText: "#ffffff",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#e8e8e8",
        role.PlaceholderText: "#8a8a8a",
        role.Link: "#7fb8ff",
        role.BrightText: "#ff8080",
        role.Light: "#505050",
        role.Midlight: "#444444",
        role.Mid: "#333333",
        role.Dark: "#202020",
        role.Shadow: "#000000",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, colour_role, QColor("#7a7a7a"))
    return palette
