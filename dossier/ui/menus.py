"""The menu bar of the main window: Soubor, Úpravy, Projekt, Zobrazení, Nápověda."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QMessageBox

from ..about import about_lines
from ..core import labels
from ..formats.exporters import EXPORTERS, WORKING_SET
from . import settings
from .compare_dialog import compare_with_file
from .export_actions import choose_word_template
from .help_window import show_help, show_shortcuts
from .printing import print_dossier, print_preview
from .safety import recovery_dir

if TYPE_CHECKING:
    from .main_window import MainWindow


def _action(window: MainWindow, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    files, exports = window.files, window.exports

    file_menu = bar.addMenu("&Soubor")
    _action(window, file_menu, "&Nový…", files.new, QKeySequence.StandardKey.New)
    _action(window, file_menu, "&Otevřít…", files.open, QKeySequence.StandardKey.Open)
    _action(window, file_menu, "Nový &ročník z loňské žádosti…", files.rollover, "Ctrl+Shift+N")
    _action(window, file_menu, "Porovnat s &loňskou žádostí…", lambda: compare_with_file(window, window.document))
    window.recent_menu = file_menu.addMenu("Otevřít &poslední")
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent(window))
    file_menu.addSeparator()
    _action(window, file_menu, "&Uložit", files.save, QKeySequence.StandardKey.Save)
    _action(window, file_menu, "Uložit &jako…", files.save_as, "Ctrl+Shift+S")
    export_menu = window.export_menu = file_menu.addMenu("&Export")
    for export in EXPORTERS:
        _action(window, export_menu, export.menu_text, lambda key=export.key: exports.export((key,)))
    _action(window, export_menu, "Excel i W&ord…", lambda: exports.export(WORKING_SET))
    export_menu.addSeparator()
    _action(window, export_menu, "Š&ablona pro Word…", lambda: choose_word_template(window))
    file_menu.addSeparator()
    _action(window, file_menu, "&Tisk…", lambda: print_dossier(window), QKeySequence.StandardKey.Print)
    _action(window, file_menu, "Ná&hled tisku…", lambda: print_preview(window))
    file_menu.addSeparator()
    _action(window, file_menu, "&Konec", window.close, "Ctrl+Q")

    edit_menu = bar.addMenu("Úpr&avy")
    stack = window.document.undo_stack
    window.undo_action = stack.createUndoAction(window, "Zpět")
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = stack.createRedoAction(window, "Znovu")
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)

    project_menu = bar.addMenu("&Projekt")
    new_menu = project_menu.addMenu("&Nový projekt")
    for kind, text in labels.PROJECT_KINDS.items():
        _action(window, new_menu, text, lambda k=kind: window.add_project(k))
    _action(window, project_menu, "&Duplikovat projekt", window.duplicate_project, "Ctrl+D")
    window.remove_action = _action(window, project_menu, "&Odstranit projekt", window.remove_project)
    project_menu.addSeparator()
    _action(window, project_menu, "Posunout &nahoru", lambda: window.move_project(-1), "Alt+Up")
    _action(window, project_menu, "Posunout &dolů", lambda: window.move_project(1), "Alt+Down")
    project_menu.addSeparator()
    _action(window, project_menu, "&Potvrdit všechny převzaté údaje projektu", window.confirm_project_review)
    window.navigator.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.navigator.customContextMenuRequested.connect(
        lambda pos: project_menu.exec(window.navigator.viewport().mapToGlobal(pos))
    )
    # Delete removes a project only while the navigator has focus, never while typing.
    delete = QShortcut(QKeySequence.StandardKey.Delete, window.navigator)
    delete.setContext(Qt.ShortcutContext.WidgetShortcut)
    delete.activated.connect(window.remove_project)

    view_menu = bar.addMenu("&Zobrazení")
    view_menu.addAction(window.check_panel.toggleViewAction())
    _action(window, view_menu, "Přejít na &obsah", window.focus_navigator, "Ctrl+1")
    _action(window, view_menu, "Přejít na &editor", window.focus_editor, "Ctrl+2")
    _action(window, view_menu, "Spustit &kontrolu", window.check_panel.refresh, "F5")

    help_menu = bar.addMenu("&Nápověda")
    _action(window, help_menu, "&Uživatelská příručka", lambda: show_help(window), "F1")
    _action(window, help_menu, "&Klávesové zkratky", lambda: show_shortcuts(window))
    help_menu.addSeparator()
    _action(window, help_menu, "&O aplikaci", lambda: show_about(window))


def _fill_recent(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    files = settings.existing_recent_files()
    if not files:
        menu.addAction("(žádné)").setEnabled(False)
    for path in files:
        action = menu.addAction(f"{path.name}  —  {path.parent}")
        action.triggered.connect(lambda _checked=False, p=path: window.files.open_path(p))


def show_about(window: MainWindow) -> None:
    lines = about_lines() + [
        f"Nastavení: {QSettings('Dossier', 'Dossier').fileName()}",
        f"Záložní kopie: {recovery_dir()}",
    ]
    QMessageBox.about(
        window,
        "O aplikaci Dossier",
        "<h3>Dossier</h3><p>Offline editor žádostí do Programu prevence kriminality "
        "na místní úrovni (Ministerstvo vnitra ČR).</p>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines),
    )
