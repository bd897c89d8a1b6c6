"""Shortcuts that work on the French AZERTY keyboards of the desks as on QWERTY ones.

On AZERTY the digit row gives & é " ' ( - è _ ç à without Maj: a shortcut written « Ctrl+1 »
is pressed there as Ctrl + the key marked « & 1 », which Qt receives as Ctrl+&. Each shortcut
on a digit is therefore registered twice — the digit (QWERTY, the numeric keypad, AZERTY with
Maj) and the character of the same key on AZERTY — and shown once, as the digit printed on
the key. The same for « + » and « 0 » of the zoom keys.
"""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence

Key = Qt.Key

# The character each key of the digit row gives on AZERTY without Maj.
AZERTY_DIGIT_ROW: dict[Key, Key] = {
    Key.Key_1: Key.Key_Ampersand,
    Key.Key_2: Key.Key_Eacute,
    Key.Key_3: Key.Key_QuoteDbl,
    Key.Key_4: Key.Key_Apostrophe,
    Key.Key_5: Key.Key_ParenLeft,
    Key.Key_6: Key.Key_Minus,
    Key.Key_7: Key.Key_Egrave,
    Key.Key_8: Key.Key_Underscore,
    Key.Key_9: Key.Key_Ccedilla,
    Key.Key_0: Key.Key_Agrave,
}
# « + » is Maj+= on both layouts: the key itself is accepted too.
SAME_KEY_UNSHIFTED: dict[Key, Key] = {Key.Key_Plus: Key.Key_Equal, **AZERTY_DIGIT_ROW}


def layout_proof(modifiers: Qt.KeyboardModifier, key: Key) -> list[QKeySequence]:
    """``modifiers+key`` and, when the key is on the digit row (or « + »), the same physical
    key as AZERTY (or an unshifted QWERTY) gives it; the first is the one shown."""
    sequences = [QKeySequence(QKeyCombination(modifiers, key))]
    other = SAME_KEY_UNSHIFTED.get(key)
    if other is not None:
        sequences.append(QKeySequence(QKeyCombination(modifiers, other)))
    return sequences


# Qt's French names, as the keys are printed on French keyboards and named on screen.
_FRENCH_NAMES = {"Retour": "Entrée", "Bas": "↓", "Haut": "↑", "Gauche": "←", "Droite": "→"}


def french_keys(sequence: QKeySequence) -> str:
    """« Ctrl+Maj+S », « Ctrl+Entrée », « ↓ »: a shortcut as it reads on screen."""
    text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    return "+".join(_FRENCH_NAMES.get(part, part) for part in text.split("+"))


def help_keys() -> QKeySequence:
    """F1 (the system's « help » key)."""
    return QKeySequence(QKeySequence.StandardKey.HelpContents)
