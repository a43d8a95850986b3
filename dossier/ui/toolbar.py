"""The main toolbar: the everyday commands with the style's standard icons and Czech tooltips.

It shows the menu's own QActions (found by their shortcut), so a command, its key and its
enabled state are the same in the menu and on the toolbar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QToolButton

if TYPE_CHECKING:
    from .main_window import MainWindow

SP = QStyle.StandardPixmap
#: (shortcut that identifies the menu action, icon, short label, tooltip without the key)
BUTTONS = (
    (QKeySequence.StandardKey.New, SP.SP_FileIcon, "Nový", "Nová žádost"),
    (QKeySequence.StandardKey.Open, SP.SP_DialogOpenButton, "Otevřít", "Otevřít žádost"),
    (QKeySequence.StandardKey.Save, SP.SP_DialogSaveButton, "Uložit", "Uložit žádost"),
    None,
    ("undo", SP.SP_ArrowBack, "Zpět", "Vrátit poslední změnu"),
    ("redo", SP.SP_ArrowForward, "Znovu", "Znovu provést vrácenou změnu"),
    None,
    ("export", SP.SP_DriveHDIcon, "Export", "Export do Excelu, Wordu nebo PDF"),
    (QKeySequence.StandardKey.Print, SP.SP_FileDialogContentsView, "Tisk", "Vytisknout žádost"),
    None,
    ("F5", SP.SP_DialogApplyButton, "Kontrola", "Zkontrolovat žádost podle pravidel ročníku"),
    ("F1", SP.SP_DialogHelpButton, "Nápověda", "Uživatelská příručka k aktuální stránce"),
)


def _menu_action(window: MainWindow, key) -> QAction | None:
    """The menu-bar action bound to ``key`` (a StandardKey or a key text)."""
    wanted = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if any(seq in action.shortcuts() for seq in wanted if not seq.isEmpty()):
                return action
    return None


def _key_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def _steady_twin(window: MainWindow, action: QAction) -> QAction:
    """The undo/redo button's own action. The menu's text follows every edit ("Zpět: Úprava:
    Množství"), and a tool button re-measures itself on each change of its action, which lays out
    the whole window again; the twin changes only when it is enabled or disabled."""
    twin = QAction(window)  # no keys of its own: the menu's action keeps them
    twin.setEnabled(action.isEnabled())
    action.enabledChanged.connect(twin.setEnabled)
    twin.triggered.connect(action.trigger)
    return twin


def build_toolbar(window: MainWindow) -> QToolBar:
    toolbar = QToolBar("Hlavní nástroje", window)
    toolbar.setObjectName("main_toolbar")  # saveState/restoreState need a name
    toolbar.setMovable(False)
    # Enum values by name: the frame of the window does without the Qt namespace (see main_window).
    toolbar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
    style = window.style()
    for entry in BUTTONS:
        if entry is None:
            toolbar.addSeparator()
            continue
        key, pixmap, label, tip = entry
        icon = style.standardIcon(pixmap)
        if key == "export":
            button = QToolButton(toolbar)
            button.setText(label)
            button.setIcon(icon)
            button.setToolTip(tip)
            button.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setMenu(window.export_menu)
            button.setObjectName("export_button")
            toolbar.addWidget(button)
            continue
        action = {"undo": window.undo_action, "redo": window.redo_action}.get(key) if isinstance(key, str) else None
        action = action or _menu_action(window, key)
        if action is None:  # a menu entry another change removed: leave the button out, never crash
            continue
        keys = _key_text(action)
        if key in ("undo", "redo"):
            action = _steady_twin(window, action)
        if key == QKeySequence.StandardKey.Print:
            icon = QIcon.fromTheme("document-print", icon)
        action.setIcon(icon)
        action.setIconText(label)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        toolbar.addAction(action)
    window.addToolBar(toolbar)  # at the top
    return toolbar
