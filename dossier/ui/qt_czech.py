"""Czech for the labels of Qt's own dialogs that Qt's Czech translation leaves in English.

``qtbase_cs`` lacks a few newer strings of the file and print dialogs ("&Look in:", "Double Sided
Printing", …). Installed before ``qtbase_cs``, this translator is asked only when that one has
no answer, so it fills the gaps without overriding Qt's own Czech.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING = {
    "&Look in:": "&Hledat v:",
    "Files of &type:": "Soubory &typu:",
    "Off": "Vypnuto",
    "Long side binding": "Vazba podél delší strany",
    "Short side binding": "Vazba podél kratší strany",
    "Double Sided Printing": "Oboustranný tisk",
    "Page &Set:": "&Sada stran:",
    "Pages": "Strany",
    "All Pages": "Všechny strany",
    "Odd Pages": "Liché strany",
    "Even Pages": "Sudé strany",
    "Page &order:": "&Pořadí stran:",
    "Pages &per sheet:": "Stran na &list:",
}


class CzechFallback(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt's virtual
        return MISSING.get(source_text, "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's virtual
        return False
