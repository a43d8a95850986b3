"""Nápověda: the Czech user guide (offline HTML in resources/help) and the list of keyboard shortcuts.

F1 opens the guide at the section of the page the user is on. The shortcut list is built from
the window's real QActions and QShortcuts, so it cannot drift from what the keys do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..resources import resource_path

if TYPE_CHECKING:
    from .main_window import MainWindow

HELP_PAGE = ("help", "index.html")
#: Page of the editor → anchor of its section in the guide.
SECTIONS = {
    "applicant": "zadatel",
    "project": "projekt",
    "budget": "rozpocet",
    "attachments": "prilohy",
    "submission": "podani",
    "grant": "dotace",
}
START = "obsah"
BUDGET_GROUP = "Tabulka rozpočtu"
NAVIGATOR_GROUP = "Obsah žádosti (vlevo)"


def context_section(window: MainWindow) -> str:
    """The guide's anchor for what the window shows: Žadatel, a project card, its budget, Přílohy."""
    current = window.navigator.current()  # asks the navigator: pages not yet shown are not built
    kind = current[0] if current else "applicant"
    if kind == "project":
        form = window.project_form
        index = form.tabs.currentIndex()
        if index == form.budget_tab:
            return SECTIONS["budget"]
        return SECTIONS["grant"] if index == form.grant_tab else SECTIONS["project"]
    return SECTIONS.get(kind, SECTIONS["applicant"])


class HelpWindow(QDialog):
    """A non-modal window with the guide; links inside the guide and Zpět/Vpřed work like a browser."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Nápověda – Dossier")
        self.setModal(False)
        self.resize(900, 700)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(resource_path("help"))])
        back, forward, home = QPushButton("◀ Zpět"), QPushButton("Vpřed ▶"), QPushButton("Obsah")
        back.setToolTip("Předchozí zobrazené místo (Alt+←)")
        forward.setToolTip("Následující zobrazené místo (Alt+→)")
        back.setShortcut(QKeySequence("Alt+Left"))
        forward.setShortcut(QKeySequence("Alt+Right"))
        back.clicked.connect(self.browser.backward)
        forward.clicked.connect(self.browser.forward)
        home.clicked.connect(lambda: self.show_section(START))
        self.browser.backwardAvailable.connect(back.setEnabled)
        self.browser.forwardAvailable.connect(forward.setEnabled)
        back.setEnabled(False)
        forward.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Zavřít")
        close.rejected.connect(self.close)
        buttons = QHBoxLayout()
        for button in (back, forward, home):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)

    def show_section(self, anchor: str) -> None:
        url = QUrl.fromLocalFile(str(resource_path(*HELP_PAGE)))
        url.setFragment(anchor)
        self.browser.setSource(url)  # the same page only scrolls; Zpět remembers the place
        self.browser.scrollToAnchor(anchor)

    @property
    def section(self) -> str:
        return self.browser.source().fragment()


def show_help(window: MainWindow, anchor: str | None = None) -> HelpWindow | None:
    """F1: the guide at ``anchor`` or at the section of the current page; one help window per main window."""
    if not resource_path(*HELP_PAGE).is_file():
        QMessageBox.warning(
            window,
            "Nápověda není k dispozici",
            "Soubor nápovědy v instalaci aplikace chybí. Nainstalujte aplikaci znovu.",
        )
        return None
    help_window = getattr(window, "help_window", None)
    if help_window is None:
        help_window = window.help_window = HelpWindow(window)
    help_window.show_section(anchor or context_section(window))
    help_window.show()
    help_window.raise_()
    help_window.activateWindow()
    return help_window


# -- Klávesové zkratky ---------------------------------------------------------------------------

# Dedicated Copy/Cut/Paste keys of some keyboards (in the platform's standard bindings): nobody looks for them.
_SPECIAL_KEYS = {Qt.Key.Key_Copy, Qt.Key.Key_Cut, Qt.Key.Key_Paste}


def _keys(sequences) -> str:
    # F13–F35 are the same dedicated keys on some platforms; "Return" is the key a Czech keyboard calls Enter.
    shown = [
        s.toString(QKeySequence.SequenceFormat.NativeText)
        for s in sequences
        if not s.isEmpty() and s[0].key() not in _SPECIAL_KEYS and not Qt.Key.Key_F13 <= s[0].key() <= Qt.Key.Key_F35
    ]
    return ", ".join(dict.fromkeys(text.replace("Return", "Enter") for text in shown))


def _menu_path(action: QAction) -> str:
    """ "Soubor ▸ Export" for an action in the Export submenu of Soubor."""
    menus = [obj for obj in action.associatedObjects() if isinstance(obj, QMenu)]
    if not menus:
        return ""
    titles, menu = [], menus[0]
    while isinstance(menu, QMenu):
        titles.insert(0, menu.title().replace("&", ""))
        parent = menu.parentWidget()
        menu = parent if isinstance(parent, QMenu) and menu.menuAction() in parent.actions() else None
    return " ▸ ".join(titles)


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(where, command, keys) for every action and shortcut of the window that has a key."""
    from .budget_table import BudgetEditor

    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    if window.document is not None:
        window.project_form  # noqa: B018 - built on first use; its budget table's keys belong in the list
    for action in window.findChildren(QAction):
        keys = _keys(action.shortcuts())
        name = action.text().replace("&", "").rstrip("…").strip()
        if action in (getattr(window, "undo_action", None), getattr(window, "redo_action", None)):
            name = "Zpět" if action is window.undo_action else "Znovu"  # not "Zpět <last edit>"
        if not keys or not name:
            continue
        where = _menu_path(action)
        if not where:
            parent = action.parent()
            where = BUDGET_GROUP if isinstance(parent, BudgetEditor) else "Okno"
        if (where, name, keys) not in seen:  # the undo action appears in a menu and on the toolbar
            seen.add((where, name, keys))
            rows.append((where, name, keys))
    for shortcut in window.findChildren(QShortcut):
        keys = _keys([shortcut.key()])
        if keys and shortcut.parent() is window.navigator:
            name = shortcut.whatsThis() or "Odstranit vybraný projekt"
            rows.append((NAVIGATOR_GROUP, name, keys))
    # Menus in the menu bar's order first, then the budget table and the navigator.
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    rank = {title: i for i, title in enumerate(menus)}
    return sorted(rows, key=lambda row: rank.get(row[0].split(" ▸ ")[0], len(menus)))


class ShortcutsDialog(QDialog):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setWindowTitle("Klávesové zkratky")
        self.resize(760, 620)
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Kde", "Příkaz", "Klávesy"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Zavřít")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]


def show_shortcuts(window: MainWindow) -> None:
    ShortcutsDialog(window).exec()
