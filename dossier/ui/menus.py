"""The menu bar of the main window: Soubor, Úpravy, Projekt, Zobrazení, Nápověda.

``build_menus`` makes every menu with the frame of the window, before the dossier is loaded:
the commands look up the window's document when they run and stay disabled until
``connect_menus`` (called once the window has its document) turns them on. Dialogs, printing
and exports are imported when their command runs, not at start-up.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QMenu, QMessageBox

from . import settings

if TYPE_CHECKING:
    from .main_window import MainWindow


class StackAction(QAction):
    """Zpět or Znovu: in the menu from the start, following the document's undo stack once it has
    one, as ``QUndoStack.createUndoAction`` would ("Zpět <last step>", enabled while possible)."""

    def __init__(self, prefix: str, redo: bool, parent: MainWindow):
        super().__init__(prefix, parent)
        self.prefix, self.redo = prefix, redo
        self.setEnabled(False)

    def follow(self, stack: QUndoStack) -> None:
        if self.redo:
            self.triggered.connect(stack.redo)
            stack.canRedoChanged.connect(self.setEnabled)
            stack.redoTextChanged.connect(self.show_step)
            self.setEnabled(stack.canRedo())
            self.show_step(stack.redoText())
        else:
            self.triggered.connect(stack.undo)
            stack.canUndoChanged.connect(self.setEnabled)
            stack.undoTextChanged.connect(self.show_step)
            self.setEnabled(stack.canUndo())
            self.show_step(stack.undoText())

    def show_step(self, text: str) -> None:
        self.setText(f"{self.prefix} {text}" if text else self.prefix)


def _action(window: MainWindow, menu: QMenu, text: str, slot, shortcut=None, *, loaded: bool = True) -> QAction:
    """A menu command; ``loaded``: it needs the dossier, so it waits (disabled) until the window has one."""
    action = QAction(text, window)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    if loaded:
        action.setEnabled(False)
        window.waiting_actions.append(action)
    return action


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    window.waiting_actions = []

    file_menu = bar.addMenu("&Soubor")
    _action(window, file_menu, "&Nový…", lambda: window.files.new(), QKeySequence.StandardKey.New)
    _action(window, file_menu, "&Otevřít…", lambda: window.files.open(), QKeySequence.StandardKey.Open)
    _action(window, file_menu, "Nový &ročník z loňské žádosti…", lambda: window.files.rollover(), "Ctrl+Shift+N")
    _action(window, file_menu, "Porovnat s &loňskou žádostí…", lambda: _compare(window))
    window.recent_menu = file_menu.addMenu("Otevřít &poslední")
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent(window))
    file_menu.addSeparator()
    _action(window, file_menu, "&Uložit", lambda: window.files.save(), QKeySequence.StandardKey.Save)
    _action(window, file_menu, "Uložit &jako…", lambda: window.files.save_as(), "Ctrl+Shift+S")
    window.export_menu = file_menu.addMenu("&Export")  # the formats come with the document
    file_menu.addSeparator()
    _action(window, file_menu, "&Tisk…", lambda: _print(window, preview=False), QKeySequence.StandardKey.Print)
    _action(window, file_menu, "Ná&hled tisku…", lambda: _print(window, preview=True))
    file_menu.addSeparator()
    _action(window, file_menu, "&Konec", window.close, "Ctrl+Q", loaded=False)

    edit_menu = bar.addMenu("Úpr&avy")
    window.undo_action = StackAction("Zpět", False, window)
    window.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    window.redo_action = StackAction("Znovu", True, window)
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)

    project_menu = window.project_menu = bar.addMenu("&Projekt")
    window.new_project_menu = project_menu.addMenu("&Nový projekt")  # the kinds come with the model
    _action(window, project_menu, "&Duplikovat projekt", window.duplicate_project, "Ctrl+D")
    window.remove_action = _action(window, project_menu, "&Odstranit projekt", window.remove_project)
    project_menu.addSeparator()
    _action(window, project_menu, "Posunout &nahoru", lambda: window.move_project(-1), "Alt+Up")
    _action(window, project_menu, "Posunout &dolů", lambda: window.move_project(1), "Alt+Down")
    project_menu.addSeparator()
    _action(window, project_menu, "&Potvrdit všechny převzaté údaje projektu", window.confirm_project_review)

    view_menu = window.view_menu = bar.addMenu("&Zobrazení")  # the check panel's toggle comes with the panel
    _action(window, view_menu, "Přejít na &obsah", window.focus_navigator, "Ctrl+1")
    _action(window, view_menu, "Přejít na &editor", window.focus_editor, "Ctrl+2")
    _action(window, view_menu, "Spustit &kontrolu", lambda: window.check_panel.refresh(), "F5")

    help_menu = bar.addMenu("&Nápověda")
    _action(window, help_menu, "&Uživatelská příručka", lambda: _help(window), "F1", loaded=False)
    _action(window, help_menu, "&Klávesové zkratky", lambda: _shortcuts(window))
    help_menu.addSeparator()
    _action(window, help_menu, "&O aplikaci", lambda: show_about(window), loaded=False)


def connect_menus(window: MainWindow) -> None:
    """The window has its document: the commands that need it work from now on."""
    from ..core import labels
    from ..formats.exporters import EXPORTERS, WORKING_SET

    export_menu = window.export_menu
    for export in EXPORTERS:
        _action(
            window, export_menu, export.menu_text, lambda key=export.key: window.exports.export((key,)), loaded=False
        )
    _action(window, export_menu, "Excel i W&ord…", lambda: window.exports.export(WORKING_SET), loaded=False)
    export_menu.addSeparator()
    _action(window, export_menu, "Š&ablona pro Word…", lambda: _word_template(window), loaded=False)
    for kind, text in labels.PROJECT_KINDS.items():
        _action(window, window.new_project_menu, text, lambda k=kind: window.add_project(k), loaded=False)
    actions = window.view_menu.actions()
    window.view_menu.insertAction(actions[0] if actions else None, window.check_panel.toggleViewAction())
    window.navigator.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
    window.navigator.customContextMenuRequested.connect(
        lambda pos: window.project_menu.exec(window.navigator.viewport().mapToGlobal(pos))
    )
    # Delete removes a project only while the navigator has focus, never while typing.
    delete = QShortcut(QKeySequence.StandardKey.Delete, window.navigator)
    delete.setContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
    delete.activated.connect(window.remove_project)
    window.undo_action.follow(window.document.undo_stack)
    window.redo_action.follow(window.document.undo_stack)
    for action in window.waiting_actions:
        action.setEnabled(True)
    window.waiting_actions = []


def _compare(window: MainWindow) -> None:
    from .compare_dialog import compare_with_file

    compare_with_file(window, window.document)


def _word_template(window: MainWindow) -> None:
    from .export_actions import choose_word_template

    choose_word_template(window)


def _print(window: MainWindow, preview: bool) -> None:
    from .printing import print_dossier, print_preview

    (print_preview if preview else print_dossier)(window)


def _help(window: MainWindow) -> None:
    from .help_window import show_help

    show_help(window)


def _shortcuts(window: MainWindow) -> None:
    from .help_window import show_shortcuts

    show_shortcuts(window)


def _fill_recent(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    files = settings.existing_recent_files()
    if not files:
        menu.addAction("(žádné)").setEnabled(False)
    for path in files:
        action = menu.addAction(f"{path.name}  —  {path.parent}")
        action.triggered.connect(lambda _checked=False, p=path: window.files.open_path(p))
        action.setEnabled(window.document is not None)


def show_about(window: MainWindow) -> None:
    from ..about import about_lines
    from .safety import recovery_dir

    lines = about_lines() + [
        f"Nastavení: {QtCore.QSettings('Dossier', 'Dossier').fileName()}",
        f"Záložní kopie: {recovery_dir()}",
    ]
    QMessageBox.about(
        window,
        "O aplikaci Dossier",
        "<h3>Dossier</h3><p>Offline editor žádostí do Programu prevence kriminality "
        "na místní úrovni (Ministerstvo vnitra ČR).</p>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines),
    )
