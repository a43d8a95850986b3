"""Cell editors of the budget table: category combo, right-aligned number fields, a centred tick box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .budget_columns import BOOL, CATEGORY, COLUMNS, RIGHT
from .budget_model import BudgetTableModel

_COLUMN = "budgetColumn"
_COMMIT_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}


class BudgetDelegate(QStyledItemDelegate):
    """One delegate for all columns; it dispatches on the column kind."""

    def __init__(self, model: BudgetTableModel, parent=None):
        super().__init__(parent)
        self.model = model

    # -- editors -------------------------------------------------------------------------------------
    def createEditor(self, parent, option, index):  # noqa: N802 - Qt naming
        column = COLUMNS[index.column()]
        if column.kind == CATEGORY:
            return self._category_combo(parent)
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if column.numeric:
            editor.setAlignment(RIGHT)
            editor.setProperty(_COLUMN, index.column())  # checked before the editor may close
        return editor

    def _category_combo(self, parent) -> QComboBox:
        combo = QComboBox(parent)
        project = self.model.project()
        wanted = project.budget_type if project is not None else None
        # The project's own budget type first: an MKDS project mostly needs investment categories.
        items = sorted(self.model.categories().values(), key=lambda item: item.budget_type != wanted)
        combo.addItem("", "")
        for position, item in enumerate(items):
            if position and item.budget_type != items[position - 1].budget_type:
                combo.insertSeparator(combo.count())
            combo.addItem(item.name, item.code)
            combo.setItemData(combo.count() - 1, f"Kód: {item.code}", Qt.ItemDataRole.ToolTipRole)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802 - Qt naming
        if isinstance(editor, QComboBox):
            code = index.data(Qt.ItemDataRole.EditRole) or ""
            position = editor.findData(code)
            if position < 0:  # an old code not in this year's list: keep it selectable
                editor.addItem(f"{code} (není v seznamu)", code)
                position = editor.count() - 1
            editor.setCurrentIndex(position)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt naming
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def eventFilter(self, editor, event):  # noqa: N802 - Qt naming
        # Keep the editor open with the user's text when it cannot be stored, and say why.
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in _COMMIT_KEYS
            and isinstance(editor, QLineEdit)
            and not self._accepts(editor)
        ):
            return True
        return super().eventFilter(editor, event)

    def _accepts(self, editor: QLineEdit) -> bool:
        column = editor.property(_COLUMN)
        if column is None:
            return True
        try:
            self.model.parse_cell(column, editor.text())
        except ValueError as exc:
            self.model.inputRejected.emit(f"{COLUMNS[column].label}: {exc}")
            return False
        return True

    # -- the tick box, centred in its cell -----------------------------------------------------------
    def paint(self, painter, option, index):
        if COLUMNS[index.column()].kind != BOOL:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # background, selection
        check = QStyleOptionViewItem(opt)
        check.rect = self._check_rect(option, index)
        check.state = (check.state & ~QStyle.StateFlag.State_HasFocus) | (
            QStyle.StateFlag.State_On
            if index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            else QStyle.StateFlag.State_Off
        )
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, check, painter, opt.widget)

    def _check_rect(self, option, index) -> QRect:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        size = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, opt.widget).size()
        rect = QRect(0, 0, size.width(), size.height())
        rect.moveCenter(option.rect.center())
        return rect

    def editorEvent(self, event, model, option, index):  # noqa: N802 - Qt naming
        if COLUMNS[index.column()].kind != BOOL:
            return super().editorEvent(event, model, option, index)
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            # Swallow them over the box so a double click does not toggle twice.
            return self._check_rect(option, index).contains(event.position().toPoint())
        if kind == QEvent.Type.MouseButtonRelease:
            if event.button() != Qt.MouseButton.LeftButton or not self._check_rect(option, index).contains(
                event.position().toPoint()
            ):
                return False
        elif kind != QEvent.Type.KeyPress or event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            return False
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
