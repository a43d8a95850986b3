"""The budget editor: the table of one project's budget lines, its row tools and the totals line.

Keys (only while the table itself has focus, so a cell editor and the main window keep theirs):
Enter/F2 edit · typing replaces the cell · Space toggles "Uznatelný" · Ctrl+Enter adds a row at
the end · Insert inserts a row above · Ctrl+Delete removes the selected rows · Delete removes
whole selected rows, or clears the selected cells · Alt+↑/↓ move rows · Ctrl+C/X/V copy, cut and
paste blocks as tab-separated text (Excel, LibreOffice; several rows are previewed first) ·
Ctrl+Shift+P confirms the carried-over values of the selected rows. Every edit is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QVBoxLayout, QWidget

from ..core.budget_block import BlockRefused
from ..core.model import BudgetLine
from ..core.money import format_money, format_percent
from ..core.paths import split
from .budget_clipboard import commit_paste, copy_mime, plan_paste
from .budget_columns import BOOL, COLUMN_KEYS, COLUMNS
from .budget_delegates import BudgetDelegate
from .budget_model import BudgetTableModel
from .budget_review import BudgetReviewBar
from .budget_view import BudgetView
from .document import Document
from .paste_preview import PastePreview, confirm_paste
from .review import confirm, marks_under
from .steady_label import SteadyLabel

_RED = "#c62828"


def totals_html(document: Document, project) -> str:
    """The totals line under the table: "Celkem … · Uznatelné … · Dotace … · Vlastní podíl … · Podíl dotace …"."""
    if project is None:
        return ""
    totals = document.project_totals(project.id)  # cached per project
    pack = document.rules().pack
    limit = (pack.max_subsidy_rate_residential if project.residential else pack.max_subsidy_rate).value
    over = totals.rate is not None and totals.rate > limit
    rate = f"Podíl dotace <b>{format_percent(totals.rate)}</b> (max.\u00a0{format_percent(limit, 0)})"
    if over:
        rate = f'<span style="color:{_RED}">{rate} – překročeno</span>'
    parts = [
        ("Celkem", totals.total),
        ("Uznatelné", totals.eligible),
        ("Dotace", totals.requested),
        ("Vlastní podíl", totals.own),
    ]
    return " · ".join([f"{label} <b>{format_money(value)}</b>" for label, value in parts] + [rate])


class BudgetEditor(QWidget):
    """The budget of one project. Embed it and call ``set_project``; ``focus_path`` jumps to a cell."""

    #: A typed or pasted value was refused; the Czech reason (also shown under the table).
    inputRejected = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = BudgetTableModel(document, self)
        self.view = BudgetView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(BudgetDelegate(self.model, self.view))
        self.toolbar = QToolBar(self)
        self._create_actions()
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.currency_note = QLabel("Částky jsou v Kč", self.toolbar)  # once here, not in every cell
        self.currency_note.setContentsMargins(0, 0, 6, 0)
        self.toolbar.addWidget(self.currency_note)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {_RED};")
        self.status.hide()
        # Wrapped in a narrow window instead of growing wider; steady: an edit relays out nothing.
        self.footer = SteadyLabel(self, rich=True, wrap=True)
        self.footer.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.footer.label.setContentsMargins(6, 4, 6, 4)
        self.status.setContentsMargins(6, 2, 6, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.review_bar = BudgetReviewBar(self.model, self.confirm_rows_action, self.confirm_budget_action, self)
        for widget in (self.toolbar, self.review_bar, self.view, self.status, self.footer):
            layout.addWidget(widget)
        self._kept_cell: tuple[int, int] | None = None
        #: Asked before a paste of several rows lands; tests put an answer here instead of the dialog.
        self.confirm_paste: Callable[[PastePreview], bool] = self._confirm_with_dialog
        self.model.inputRejected.connect(self.show_message)
        self.model.modelAboutToBeReset.connect(self._keep_current)
        self.model.modelReset.connect(self._restore_current)
        # One recomputation per user action (a paste macro too), not per changed cell.
        document.undo_stack.indexChanged.connect(self._on_edited)
        document.dossierReplaced.connect(self.update_totals)
        document.fileChanged.connect(self._update_actions)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.view.selectionModel().currentChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self._update_actions()

    def _create_actions(self) -> None:
        def action(text, keys, slot, tip, toolbar=True):
            act = QAction(text, self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts())
            act.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            act.triggered.connect(slot)
            self.view.addAction(act)
            self.view.key_actions.append(act)
            if toolbar:
                self.toolbar.addAction(act)
            return act

        def keys(*texts):
            return [QKeySequence(text) for text in texts]

        standard = QKeySequence.keyBindings
        self.add_action = action(
            "Přidat řádek", keys("Ctrl+Return", "Ctrl+Enter"), self.add_row, "Přidat prázdný řádek na konec rozpočtu"
        )
        self.insert_action = action(
            "Vložit řádek nad", keys("Ins"), self.insert_row, "Vložit prázdný řádek nad aktuální řádek"
        )
        self.remove_action = action(
            "Odstranit řádky", keys("Ctrl+Del"), self.remove_rows, "Odstranit vybrané řádky (lze vrátit zpět)"
        )
        self.toolbar.addSeparator()
        self.up_action = action(
            "Posunout nahoru", keys("Alt+Up"), lambda: self.move_rows(-1), "Posunout vybrané řádky nahoru"
        )
        self.down_action = action(
            "Posunout dolů", keys("Alt+Down"), lambda: self.move_rows(1), "Posunout vybrané řádky dolů"
        )
        self.copy_action = action(
            "Kopírovat", standard(QKeySequence.StandardKey.Copy), self.copy, "Kopírovat buňky jako tabulku", False
        )
        self.cut_action = action(
            "Vyjmout", standard(QKeySequence.StandardKey.Cut), self.cut, "Zkopírovat a vymazat buňky", False
        )
        self.paste_action = action(
            "Vložit",
            standard(QKeySequence.StandardKey.Paste),
            self.paste,
            "Vložit blok z Excelu nebo LibreOffice od aktuální buňky",
            False,
        )
        self.delete_action = action(
            "Vymazat", keys("Del"), self.delete_pressed, "Vymazat vybrané buňky; vybrané celé řádky odstranit", False
        )
        self.review_separator = separator = QAction(self)
        separator.setSeparator(True)
        self.view.addAction(separator)
        self.confirm_rows_action = action(
            "Potvrdit vybrané řádky",
            keys("Ctrl+Shift+P"),
            self.confirm_selected_rows,
            "Převzaté hodnoty vybraných řádků jsem zkontroloval(a); zvýraznění odstranit (lze vrátit Zpět)",
            False,
        )
        self.confirm_budget_action = action(
            "Potvrdit celý rozpočet",
            [],
            self.confirm_budget,
            "Všechny převzaté hodnoty rozpočtu jsem zkontroloval(a) (lze vrátit Zpět)",
            False,
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    # -- public API -------------------------------------------------------------------------------
    @property
    def project_id(self) -> str | None:
        return self.model.project_id

    def set_project(self, project_id: str | None) -> None:
        self.view.setCurrentIndex(QModelIndex())  # another project starts at the top, not at the old cell
        self.model.set_project(project_id)
        self.show_message("")
        self.update_totals()
        self._update_actions()

    def focus_path(self, path: str) -> None:
        """Select and show the cell a path names ("projects/P3/budget/2/unit_price")."""
        parts = split(path)
        if len(parts) < 3 or parts[0] != "projects" or parts[2] != "budget":
            return
        if parts[1] != self.project_id:
            self.set_project(parts[1])
        row = int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else 0
        column = COLUMN_KEYS.index(parts[4]) if len(parts) > 4 and parts[4] in COLUMN_KEYS else 1
        row = min(row, self.model.rowCount() - 1)
        if row < 0:
            return
        self._select(row, row, column)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        if text:
            self.inputRejected.emit(text)

    def update_totals(self) -> None:
        self.footer.setText(totals_html(self.document, self.model.project()))

    # -- rows -------------------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        return sorted(rows)

    def add_row(self) -> None:
        row = self.model.rowCount()
        self.document.insert(self.model.list_path, row, BudgetLine(), "Přidat řádek rozpočtu")
        self._select(row, row, 1)

    def insert_row(self) -> None:
        current = self.view.currentIndex()
        row = current.row() if current.isValid() else 0
        self.document.insert(self.model.list_path, row, BudgetLine(), "Vložit řádek rozpočtu")
        self._select(row, row, current.column() if current.isValid() else 1)

    def remove_rows(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        with self.document.macro("Odstranit řádky rozpočtu" if len(rows) > 1 else "Odstranit řádek rozpočtu"):
            for row in reversed(rows):
                self.document.remove(self.model.list_path, row)
        left = min(rows[0], self.model.rowCount() - 1)
        if left >= 0:
            self._select(left, left, max(self.view.currentIndex().column(), 0))

    def move_rows(self, step: int) -> None:
        rows = self.selected_rows()
        if not rows or rows[0] + step < 0 or rows[-1] + step >= self.model.rowCount():
            return
        column = max(self.view.currentIndex().column(), 0)
        whole = all(self.view.selectionModel().isRowSelected(row) for row in rows)
        with self.document.macro("Posunout řádky rozpočtu"):
            for row in rows if step < 0 else reversed(rows):
                self.document.move(self.model.list_path, row, row + step)
        self.view.selectionModel().clearSelection()
        for row in rows:  # the selection moves with the rows, whole rows staying whole
            self._select(
                row + step, row + step, 0 if whole else column, len(COLUMNS) - 1 if whole else None, clear=False
            )

    def delete_pressed(self) -> None:
        """Delete: whole selected rows go, otherwise the selected cells are emptied."""
        selection = self.view.selectionModel()
        full_rows = {index.row() for index in selection.selectedRows()}
        if full_rows and all(index.row() in full_rows for index in selection.selectedIndexes()):
            self.remove_rows()
        else:
            self.clear_cells()

    def clear_cells(self) -> None:
        changes = []
        for index in self._selected_indexes():
            column = COLUMNS[index.column()]
            if column.editable and column.kind != BOOL:
                path, empty = (
                    self.model.cell_path(index.row(), index.column()),
                    self.model.parse_cell(index.column(), ""),
                )
                if self.document.get(path) != empty:
                    changes.append((path, empty))
        if changes:  # no empty step in the undo history
            with self.document.macro("Vymazat buňky"):
                for path, empty in changes:
                    self.document.set_value(path, empty)

    # -- review marks of a roll-forward -------------------------------------------------------------
    def confirm_selected_rows(self) -> None:
        """The carried-over values of the selected rows are checked: one undo step."""
        rows = self.selected_rows()
        marked = self.model.marked_paths(rows)
        if not marked:
            self.show_message("Vybrané řádky nemají žádné nepotvrzené převzaté hodnoty.")
            return
        label = f"řádek {rows[0] + 1}" if len(rows) == 1 else f"řádky ({len(rows)})"
        confirm(self.document, marked, f"Potvrdit převzatý rozpočet: {label}")

    def confirm_budget(self) -> None:
        """Every carried-over value of this project's budget is checked: one undo step."""
        marked = marks_under(self.document.dossier, self.model.list_path) if self.project_id else []
        if marked:
            confirm(self.document, marked, "Potvrdit převzatý rozpočet projektu")

    # -- clipboard --------------------------------------------------------------------------------
    def copy(self) -> None:
        mime = copy_mime(self.model, [(i.row(), i.column()) for i in self._selected_indexes()])
        if mime is not None:
            QGuiApplication.clipboard().setMimeData(mime)

    def cut(self) -> None:
        self.copy()
        self.clear_cells()

    def paste(self) -> None:
        """Paste a block from the current cell (or at the end): one undo step, a preview for several rows."""
        mime = QGuiApplication.clipboard().mimeData()
        project = self.model.project()
        if mime is None or not mime.hasText() or project is None or self.document.read_only:
            return
        if not mime.text().strip("\r\n"):
            return
        current = self.view.currentIndex()
        start_row, column = (current.row(), current.column()) if current.isValid() else (None, 1)
        try:
            plan = plan_paste(self.model, mime, start_row, column)
        except BlockRefused as exc:
            self.show_message(str(exc))
            return
        if plan.data_rows > 1:
            names = {code: item.name for code, item in self.model.categories().items()}
            if not self.confirm_paste(PastePreview.build(project, plan, names)):
                return
        commit_paste(self.document, self.model, plan)
        applied = plan.applied
        if plan.columns and applied.end > applied.first:
            last_row = min(applied.end - 1, self.model.rowCount() - 1)
            self._select(applied.first, last_row, plan.columns[0], plan.columns[-1])
        self.show_message(plan.message())

    def _confirm_with_dialog(self, preview: PastePreview) -> bool:
        return confirm_paste(preview, self)

    # -- helpers ----------------------------------------------------------------------------------
    def _selected_indexes(self):
        indexes = self.view.selectionModel().selectedIndexes()
        return indexes or ([self.view.currentIndex()] if self.view.currentIndex().isValid() else [])

    def _select(
        self, first_row: int, last_row: int, column: int, last_column: int | None = None, clear: bool = True
    ) -> None:
        selection_model = self.view.selectionModel()
        top_left = self.model.index(first_row, column)
        bottom_right = self.model.index(last_row, column if last_column is None else last_column)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect if clear else QItemSelectionModel.SelectionFlag.Select
        selection_model.setCurrentIndex(top_left, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(QItemSelection(top_left, bottom_right), flags)
        self.view.scrollTo(top_left)

    def _keep_current(self) -> None:
        current = self.view.currentIndex()
        self._kept_cell = (current.row(), current.column()) if current.isValid() else None

    def _restore_current(self) -> None:
        # A reset (insert, remove, undo) would lose the cursor; keep it where it was.
        if self._kept_cell is None or self.model.rowCount() == 0:
            return
        row, column = self._kept_cell
        self._select(min(row, self.model.rowCount() - 1), min(row, self.model.rowCount() - 1), column)

    def _on_edited(self) -> None:
        self.show_message("")
        self.update_totals()
        self._update_actions()

    def _update_actions(self) -> None:
        editable = self.model.project() is not None and not self.document.read_only
        has_rows = editable and bool(self.selected_rows())
        for act in (self.add_action, self.insert_action, self.paste_action):
            act.setEnabled(editable)
        for act in (self.remove_action, self.up_action, self.down_action, self.cut_action, self.delete_action):
            act.setEnabled(has_rows)
        self.copy_action.setEnabled(self.model.project() is not None)
        carried = bool(self.model.marked_rows())
        marked = editable and carried
        self.confirm_rows_action.setEnabled(marked and has_rows)
        self.confirm_budget_action.setEnabled(marked)
        for act in (self.review_separator, self.confirm_rows_action, self.confirm_budget_action):
            act.setVisible(carried)  # no confirmation entries in the context menu of a budget with nothing to check
        self.review_bar.refresh()
