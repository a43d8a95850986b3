"""Přepis do portálu: the dossier in the portal's steps, a copy button and a "přeneseno" tick per
value, a character counter against the year's limit, progress per step.

Ticks are stored in the dossier (``submission/portal_done``) through ``document.set_value``,
so they are undoable and saved. The layout is rebuilt shortly after edits, only while shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.portal import PortalField, PortalStep, portal_steps
from .document import Document
from .widgets import show_status

DONE_PATH = "submission/portal_done"
_COLUMNS = ("Část", "Pole", "Hodnota", "Znaků / limit", "", "Přeneseno")
_TICK, _BUTTON = 5, 4
_OVER = QColor("#c62828")


class PortalAssistant(QWidget):
    #: The steps were laid out anew (after edits); ticks alone do not emit it.
    rebuilt = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.steps: list[PortalStep] = []
        self.steps_list = QListWidget()
        self.steps_list.setAccessibleName("Kroky portálu")
        self.steps_list.setMinimumWidth(190)
        self.steps_list.currentRowChanged.connect(self._show_step)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.setAccessibleName("Pole kroku")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in ((0, 150), (1, 200), (3, 96), (_BUTTON, 80), (_TICK, 76)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self.table.installEventFilter(self)
        self.table.itemChanged.connect(self._item_changed)
        self.tick_step = QPushButton("Označit celý krok jako přenesený")
        self.tick_step.clicked.connect(lambda: self._tick_all(True))
        self.untick_step = QPushButton("Zrušit označení kroku")
        self.untick_step.clicked.connect(lambda: self._tick_all(False))
        keys = QLabel("Ctrl+C zkopíruje vybranou hodnotu, mezerník ji označí jako přenesenou.")
        keys.setStyleSheet("color: palette(mid);")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(keys, 1)
        buttons.addWidget(self.untick_step)
        buttons.addWidget(self.tick_step)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 860])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.rebuild)
        self._stale = True
        document.valueChanged.connect(self._changed)
        document.listChanged.connect(self._changed)
        document.dossierReplaced.connect(self._changed)
        document.fileChanged.connect(self._apply_read_only)

    # -- state -------------------------------------------------------------------------------
    def ticked(self) -> set[str]:
        return set(self.document.dossier.submission.portal_done)

    def _changed(self, path: str = "") -> None:
        if path == DONE_PATH:
            self._update_ticks()
            return
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    def rebuild(self) -> None:
        self._stale = False
        self.steps = portal_steps(self.document.dossier, self.document.rules().pack)
        row = max(self.steps_list.currentRow(), 0)
        self.steps_list.blockSignals(True)
        self.steps_list.clear()
        for _step in self.steps:
            self.steps_list.addItem(QListWidgetItem())
        self.steps_list.setCurrentRow(min(row, len(self.steps) - 1))
        self.steps_list.blockSignals(False)
        self._update_step_titles()
        self._show_step(self.steps_list.currentRow())
        self.rebuilt.emit()

    def _update_step_titles(self) -> None:
        ticked = self.ticked()
        for index, step in enumerate(self.steps):
            item = self.steps_list.item(index)
            if step.fields:
                done = step.done(ticked)
                mark = "✔ " if done == len(step.fields) else ""
                item.setText(f"{mark}{step.number}. {step.title}\n    přeneseno {done} z {len(step.fields)}")
                item.setToolTip(f"{step.title}: přeneseno {done} z {len(step.fields)} hodnot")
            else:
                item.setText(f"{step.number}. {step.title}\n    kontrola a odeslání v portálu")

    def current_step(self) -> PortalStep | None:
        row = self.steps_list.currentRow()
        return self.steps[row] if 0 <= row < len(self.steps) else None

    # -- the table of one step -------------------------------------------------------------------
    def _show_step(self, row: int) -> None:
        step = self.current_step()
        self.table.setRowCount(0)
        if step is None:
            return
        unverified = any(f.limit_unverified for f in step.fields)
        self.hint.setText(
            step.hint
            + (" Limity označené * jsou neověřené (neověřeno): formulář portálu je nezveřejňuje." if unverified else "")
        )
        fields = step.fields
        self.table.blockSignals(True)  # filling is not the user ticking
        self.table.setRowCount(len(fields))
        ticked = self.ticked()
        group = None
        for r, field in enumerate(fields):
            # The part (Žadatel, a project, a budget line) is named once, where it starts.
            part = QTableWidgetItem(field.group if field.group != group else "")
            part.setToolTip(field.group)
            group = field.group
            name = QTableWidgetItem(field.label)
            name.setToolTip(f"{field.group} – {field.label}")
            value = QTableWidgetItem(field.display.replace("\n", " ⏎ "))
            value.setToolTip(field.display[:2000])
            count = QTableWidgetItem(
                f"{field.count} / {field.limit}" + (" *" if field.limit_unverified else "")
                if field.limit is not None
                else str(field.count)
            )
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if field.over_limit:
                count.setForeground(_OVER)
                count.setToolTip("Text je delší než limit ročníku; v portálu se nevejde.")
            else:
                count.setToolTip(field.count_text())
            tick = QTableWidgetItem()
            tick.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | (Qt.ItemFlag.NoItemFlags if self.document.read_only else Qt.ItemFlag.ItemIsUserCheckable)
            )
            tick.setCheckState(Qt.CheckState.Checked if field.id in ticked else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, field.id)
            for column, item in enumerate((part, name, value, count)):
                self.table.setItem(r, column, item)
            self.table.setItem(r, _TICK, tick)
            button = QToolButton()
            button.setText("Kopírovat")
            button.setToolTip(f"Zkopíruje „{field.label}“ do schránky jako prostý text")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, f=field: self.copy(f))
            self.table.setCellWidget(r, _BUTTON, button)
        self.table.blockSignals(False)
        self._apply_read_only()

    def _field(self, row: int) -> PortalField | None:
        step = self.current_step()
        return step.fields[row] if step is not None and 0 <= row < len(step.fields) else None

    def copy(self, field: PortalField) -> None:
        QGuiApplication.clipboard().setText(field.copy_text)
        show_status(self, f"Zkopírováno: {field.label} ({field.count_text()}).", 4000)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != _TICK:
            return
        field_id = item.data(Qt.ItemDataRole.UserRole)
        wanted = item.checkState() == Qt.CheckState.Checked
        if (field_id in self.ticked()) != wanted:
            self.set_ticks([field_id], wanted)

    def set_ticks(self, ids: list[str], done: bool) -> None:
        """Tick or untick fields as transferred: one undoable edit."""
        if self.document.read_only:
            show_status(self, self.document.read_only_reason or "Dokument je otevřen jen pro čtení.")
            return
        current = list(self.document.dossier.submission.portal_done)
        if done:
            new = current + [i for i in ids if i not in current]
        else:
            drop = set(ids)
            new = [i for i in current if i not in drop]
        if new != current:
            self.document.set_value(DONE_PATH, new)

    def _tick_all(self, done: bool) -> None:
        step = self.current_step()
        if step is not None and step.fields:
            with self.document.macro(f"{'Přeneseno' if done else 'Nepřeneseno'}: {step.title}"):
                self.set_ticks([f.id for f in step.fields], done)

    def _update_ticks(self) -> None:
        ticked = self.ticked()
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            item = self.table.item(r, _TICK)
            if item is not None:
                state = (
                    Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ticked else Qt.CheckState.Unchecked
                )
                if item.checkState() != state:
                    item.setCheckState(state)
        self.table.blockSignals(False)
        self._update_step_titles()

    def _apply_read_only(self) -> None:
        self.tick_step.setEnabled(not self.document.read_only)
        self.untick_step.setEnabled(not self.document.read_only)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt naming
        if obj is self.table and event.type() == event.Type.KeyPress:
            field = self._field(self.table.currentRow())
            if field is not None and event.matches(QKeySequence.StandardKey.Copy):
                self.copy(field)
                return True
            if field is not None and event.key() == Qt.Key.Key_Space:
                self.set_ticks([field.id], field.id not in self.ticked())
                return True
        return super().eventFilter(obj, event)
