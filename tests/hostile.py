"""Hostile text shared by the property-based and GUI tests."""

HOSTILE = [
    "",
    " ",
    "\x00",
    "Zoé\x00Martin",
    "😀👨‍👩‍👧",
    "محمد عبد الله",
    "שרה לוי",
    "\u202eevil\u202c",
    "Robert'); DROP TABLE visit;--",
    '=HYPERLINK("http://x")',
    "+33 3 27",
    "@SUM(A1)",
    "Ａｂｃ",
    "A" * 100_000,
    "é" * 100_000,
    "\n\t\r",
    "Jean\u200bPierre",
]
