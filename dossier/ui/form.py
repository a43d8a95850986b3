"""The base of every editor page: a registry of bindings (field path → widget) and layout helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.money import format_number, parse_decimal
from .bindings import Binding, CheckBinding, ComboBinding, DateBinding, LineBinding, TextBinding
from .document import Document
from .review import ReviewBadge
from .widgets import DateField


class BoundForm(QWidget):
    """A page whose fields are bound to paths below ``prefix`` ("applicant/", "projects/P2/")."""

    def __init__(self, document: Document, prefix: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.prefix = prefix
        self.bindings: dict[str, Binding] = {}
        #: Roll-forward review badges by relative key; hidden while the path has no mark.
        self.badges: dict[str, ReviewBadge] = {}
        document.valueChanged.connect(self._value_changed)
        document.listChanged.connect(self._value_changed)
        document.dossierReplaced.connect(self.refresh_all)
        document.fileChanged.connect(self.apply_read_only)

    def add(self, binding: Binding) -> Binding:
        self.bindings[binding.key] = binding
        if self.document.read_only:  # a window opened on a locked dossier: read-only from the start
            binding.set_read_only(True)
        return binding

    def set_prefix(self, prefix: str) -> None:
        self.prefix = prefix
        for key, badge in self.badges.items():
            badge.path = prefix + key
            badge.refresh()

    def badge(self, container: QFormLayout | QVBoxLayout, key: str) -> ReviewBadge:
        """ "převzato z roku 2020 – nezkontrolováno [Potvrdit]" for ``key``, under the field or group."""
        badge = ReviewBadge(self.document, self.prefix + key)
        self.badges[key] = badge
        if isinstance(container, QFormLayout):
            container.addRow(badge)
        else:
            container.addWidget(badge)
        return badge

    def refresh_all(self) -> None:
        for binding in self.bindings.values():
            binding.refresh()

    def apply_read_only(self) -> None:
        """A dossier opened read-only (locked by a colleague) can be read, not edited."""
        for binding in self.bindings.values():
            binding.set_read_only(self.document.read_only)

    def _value_changed(self, path: str) -> None:
        if not self.prefix or not path.startswith(self.prefix):
            return
        for binding in list(self.bindings.values()):
            bound = binding.path
            # The field itself, a whole section replaced above it, or an item inside a bound list.
            if bound == path or bound.startswith(path + "/") or path.startswith(bound + "/"):
                binding.refresh()

    def binding_for(self, path: str) -> tuple[Binding, str] | None:
        """The binding that shows ``path`` (the longest bound key above it) and the rest of the path."""
        if not path.startswith(self.prefix):
            return None
        rel = path[len(self.prefix) :]
        for key in sorted(self.bindings, key=len, reverse=True):
            if rel == key or rel.startswith(key + "/"):
                return self.bindings[key], rel[len(key) + 1 :]
        # A whole group or section ("applicant/statutory_representative"): its first field.
        for key, binding in self.bindings.items():
            if key.startswith(rel + "/"):
                return binding, ""
        return None

    def focus_path(self, path: str) -> bool:
        found = self.binding_for(path)
        if found is None:
            return False
        binding, rest = found
        binding.focus(rest)
        return True

    def first_field(self) -> QWidget | None:
        return next(iter(self.bindings.values())).widget if self.bindings else None

    # -- layout helpers: each creates the widget, binds it and adds a labelled row ----------
    def line(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        *,
        parse: Callable | None = None,
        fmt: Callable | None = None,
        placeholder: str = "",
        align_right: bool = False,
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        if align_right:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaximumWidth(180)
        self.add(LineBinding(self, key, edit, parse, fmt))
        form.addRow(label, edit)
        self.badge(form, key)
        return edit

    def text(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        *,
        lines: int = 3,
        parse: Callable | None = None,
        fmt: Callable | None = None,
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        self.add(TextBinding(self, key, edit, parse=parse, fmt=fmt))
        form.addRow(label, edit)
        self.badge(form, key)
        return edit

    def combo(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        items: Iterable[tuple[str, Any]],
        on_choice: Callable | None = None,
    ) -> QComboBox:
        box = QComboBox()
        for text, data in items:
            box.addItem(text, data)
        self.add(ComboBinding(self, key, box, on_choice))
        form.addRow(label, box)
        self.badge(form, key)
        return box

    def check(self, form: QFormLayout, key: str, label: str, text: str = "") -> QCheckBox:
        box = QCheckBox(text)
        self.add(CheckBinding(self, key, box))
        form.addRow(label, box)
        self.badge(form, key)
        return box

    def date(self, form: QFormLayout, key: str, label: str) -> DateField:
        field = DateField()
        self.add(DateBinding(self, key, field))
        form.addRow(label, field)
        self.badge(form, key)
        return field


def group(title: str, parent_layout: QVBoxLayout) -> QFormLayout:
    """A titled group with a form layout, appended to ``parent_layout``."""
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    parent_layout.addWidget(box)
    return form


def scrolled(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def page_heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


# -- parsers and formatters for typed fields ---------------------------------------------------
def parse_int(text: str, *, optional: bool = True) -> int | None:
    """Whole number as Czech users type it ("174 000"); empty is ``None`` for optional fields."""
    digits = re.sub(r"[ \u00a0\u202f]", "", text.strip())
    if not digits:
        if optional:
            return None
        raise ValueError("zadejte číslo")
    if not re.fullmatch(r"-?\d{1,12}", digits):
        raise ValueError(f"„{text.strip()[:30]}“ není celé číslo")
    return int(digits)


def required_int(text: str) -> int:
    return parse_int(text, optional=False)


def fmt_int(value: int | None) -> str:
    return "" if value is None else format_number(value)


def parse_quantity_text(text: str):
    return parse_decimal(text, places=4, what="Hodnota")


def fmt_decimal(value) -> str:
    return "" if value is None else format_number(value)


def parse_years(text: str) -> list[int]:
    """ "2018, 2019" → [2018, 2019]."""
    years = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        if not re.fullmatch(r"\d{4}", part):
            raise ValueError(f"„{part[:20]}“ není rok; zadejte roky jako 2018, 2019")
        years.append(int(part))
    return years


def fmt_years(value: list[int]) -> str:
    return ", ".join(str(year) for year in value or [])


def parse_lines(text: str) -> list[str]:
    """One item per line; empty lines are dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def fmt_lines(value: list[str]) -> str:
    return "\n".join(value or [])
