"""The budget table's columns (defined Qt-free in ``core.budget_columns``) plus their Qt alignment."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ..core.budget_columns import (  # noqa: F401 - re-exported for the table's modules
    BOOL,
    CATEGORY,
    COLUMN_KEYS,
    COLUMNS,
    DERIVED,
    MONEY,
    NUMBER,
    QUANTITY,
    TEXT,
    Column,
    money_text,
    parse_bool,
    parse_number,
    plain_number,
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
