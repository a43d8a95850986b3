"""Bindings: one editor widget tied to one field path of the open dossier.

A binding pushes the user's edits through ``document.set_value`` (undoable) and pulls the
model back into the widget when the field changes (undo, redo, another view). While its own
edit is being applied it does not redraw, so typing never moves the cursor; a value the model
rejects stays in the widget, marked red with the Czech reason, and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ..core import paths
from ..core.validation_messages import czech_reason
from .widgets import INVALID_STYLE, DateField, reveal, route_undo, show_status

if TYPE_CHECKING:
    from .form import BoundForm

_MISSING = object()

#: A read-only field looks it: greyed like the window, not white like an input.
READ_ONLY_STYLE = "background: palette(window); color: palette(text);"


class Binding(QObject):
    #: Typing merges into one undo step per field; discrete choices (combo, checkbox) do not.
    merge = True

    def __init__(self, form: BoundForm, key: str, widget: QWidget):
        super().__init__(widget)
        self.form, self.key, self.widget = form, key, widget
        self.error = ""
        self._pushing = False
        self._tooltip = widget.toolTip()

    @property
    def path(self) -> str:
        return self.form.prefix + self.key

    def model_value(self) -> Any:
        try:
            return self.form.document.get(self.path)
        except (KeyError, IndexError, AttributeError):
            return _MISSING  # e.g. the APK section of a project that has none

    def refresh(self) -> None:
        if self._pushing:
            return
        value = self.model_value()
        if value is not _MISSING:
            self.show(value)
            self.set_error("")

    def show(self, value: Any) -> None:
        raise NotImplementedError

    def push(self, raw: Any, parse: Callable[[Any], Any] | None = None) -> bool:
        """Apply a user edit; on rejection mark the widget and keep what the user typed."""
        self._pushing = True
        try:
            value = parse(raw) if parse else raw
            self.form.document.set_value(self.path, value, merge=self.merge)
        except ValueError as exc:
            self.set_error(czech_reason(exc))
            return False
        finally:
            self._pushing = False
        self.set_error("")
        return True

    def set_error(self, message: str) -> None:
        target = self.error_target()
        if message:
            text = f"{paths.label(self.path)}: {message}"
            target.setStyleSheet(INVALID_STYLE)
            target.setToolTip(text)
            show_status(self.widget, text)
        elif self.error:
            target.setStyleSheet("")
            target.setToolTip(self._tooltip)
        self.error = message

    def error_target(self) -> QWidget:
        return self.widget

    def focus(self, rest: str = "") -> None:
        reveal(self.widget)

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)


class LineBinding(Binding):
    """QLineEdit; ``parse`` turns text into the model value, ``fmt`` the value into text."""

    def __init__(
        self,
        form,
        key,
        widget: QLineEdit,
        parse: Callable[[str], Any] | None = None,
        fmt: Callable[[Any], str] | None = None,
    ):
        super().__init__(form, key, widget)
        self.parse = parse or (lambda text: text)
        self.fmt = fmt or (lambda value: "" if value is None else str(value))
        route_undo(widget)
        widget.textEdited.connect(lambda text: self.push(text, self.parse))
        widget.editingFinished.connect(self._tidy)

    def show(self, value: Any) -> None:
        if self._same(value):
            return  # keep the user's own spelling ("1234,5") and the cursor
        self.widget.setText(self.fmt(value))
        if not self.widget.hasFocus():
            self.widget.setCursorPosition(0)  # a long text shows its beginning, not its end

    def _same(self, value: Any) -> bool:
        try:
            return self.parse(self.widget.text()) == value
        except ValueError:
            return False

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setReadOnly(read_only)  # text stays selectable and copyable
        self.widget.setStyleSheet(READ_ONLY_STYLE if read_only else "")

    def _tidy(self) -> None:
        # On leaving the field, a valid entry is shown the way the app prints it ("1 234,50").
        value = self.model_value()
        if not self.error and value is not _MISSING and self.widget.text() != self.fmt(value) and self._same(value):
            self.widget.setText(self.fmt(value))


class TextBinding(Binding):
    """Multi-line text; an optional counter label shows "123 / 4000 znaků", red above the limit."""

    def __init__(
        self,
        form,
        key,
        widget: QPlainTextEdit,
        counter: QLabel | None = None,
        limit: Callable[[], int | None] | None = None,
        parse: Callable[[str], Any] | None = None,
        fmt: Callable[[Any], str] | None = None,
        limit_note: Callable[[], str] | None = None,
    ):
        super().__init__(form, key, widget)
        self.counter, self.limit = counter, limit or (lambda: None)
        #: e.g. "návrh – neověřeno" when the limit is only a proposal.
        self.limit_note = limit_note or (lambda: "")
        self.parse = parse or (lambda text: text)
        self.fmt = fmt or (lambda value: value or "")
        self._showing = False
        route_undo(widget)
        widget.textChanged.connect(self._changed)

    def _changed(self) -> None:
        self.update_counter()
        if not self._showing:
            self.push(self.widget.toPlainText(), self.parse)

    def show(self, value: Any) -> None:
        try:
            if self.parse(self.widget.toPlainText()) == value:
                return
        except ValueError:
            pass
        cursor = self.widget.textCursor()
        position = cursor.position()
        self._showing = True
        try:
            self.widget.setPlainText(self.fmt(value))
        finally:
            self._showing = False
        cursor = self.widget.textCursor()
        cursor.setPosition(min(position, len(self.widget.toPlainText())))
        self.widget.setTextCursor(cursor)

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setReadOnly(read_only)
        self.widget.setStyleSheet(READ_ONLY_STYLE if read_only else "")

    def update_counter(self) -> None:
        if self.counter is None:
            return
        length, limit = len(self.widget.toPlainText()), self.limit()
        if limit:
            note = self.limit_note()
            self.counter.setText(f"{length} / {limit} znaků" + (f" (limit: {note})" if note else ""))
            over = length > limit
            self.counter.setStyleSheet("color: #c62828; font-weight: bold;" if over else "color: palette(mid);")
        else:
            self.counter.setText(f"{length} znaků")

    def refresh(self) -> None:
        super().refresh()
        self.update_counter()


class ComboBinding(Binding):
    merge = False

    def __init__(self, form, key, widget: QComboBox, on_choice: Callable[[Any], None] | None = None):
        super().__init__(form, key, widget)
        self.on_choice = on_choice
        widget.activated.connect(self._chosen)

    def _chosen(self, index: int) -> None:
        value = self.widget.itemData(index)
        if self.on_choice is not None:
            self.on_choice(value)  # e.g. a kind change that also creates the kind's section
        else:
            self.push(value)

    def show(self, value: Any) -> None:
        index = self.widget.findData(value)
        if index < 0 and value not in (None, ""):
            # A code from another year's list: show it rather than hide it.
            self.widget.addItem(f"{value} (není v seznamu tohoto roku)", value)
            index = self.widget.count() - 1
        self.widget.setCurrentIndex(index)


class CheckBinding(Binding):
    merge = False

    def __init__(self, form, key, widget: QCheckBox):
        super().__init__(form, key, widget)
        widget.clicked.connect(lambda checked: self.push(bool(checked)))

    def show(self, value: Any) -> None:
        self.widget.setChecked(bool(value))


class DateBinding(Binding):
    def __init__(self, form, key, widget: DateField):
        super().__init__(form, key, widget)
        widget.edited.connect(self.push)

    def show(self, value: Any) -> None:
        if self.widget.value() != value:
            self.widget.set_value(value)

    def error_target(self) -> QWidget:
        return self.widget.edit
