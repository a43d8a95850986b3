"""The strip above a budget table while carried-over values wait to be checked:
"Převzato z loňské žádosti, dosud nezkontrolováno: 6 údajů v řádcích 1, 2, 4 …
[Potvrdit vybrané řádky] [Potvrdit celý rozpočet]".

The marked cells themselves are tinted by the model; editing a value confirms it (``SetValue``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ..core.labels import plural
from .budget_model import BudgetTableModel
from .review import BADGE_STYLE

_STYLE = BADGE_STYLE.replace("reviewBadge", "budgetReviewBar")


def summary(model: BudgetTableModel) -> str:
    """ "Převzato z loňské žádosti, dosud nezkontrolováno: 6 údajů v řádcích 1, 2, 4 …"."""
    rows = model.marked_rows()
    values = len(model.marked_paths(rows))
    numbers = ", ".join(str(row + 1) for row in rows[:12]) + (" …" if len(rows) > 12 else "")
    where = f"v řádku {numbers}" if len(rows) == 1 else f"v řádcích {numbers}"
    return (
        f"Převzato z loňské žádosti, dosud nezkontrolováno: {values} {plural(values, 'údaj', 'údaje', 'údajů')} "
        f"{where} (zvýrazněno). Upravená hodnota se tím potvrdí sama."
    )


class BudgetReviewBar(QFrame):
    """Shown only while the project's budget has review marks; its buttons trigger the editor's actions."""

    def __init__(
        self, model: BudgetTableModel, rows_action: QAction, budget_action: QAction, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.model = model
        self.setObjectName("budgetReviewBar")
        self.setStyleSheet(_STYLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 3, 3)
        layout.addWidget(self.label, 1)
        self.buttons = []
        for action in (rows_action, budget_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons.append(button)
        self.hide()

    def refresh(self) -> None:
        marked = bool(self.model.marked_rows())
        if marked:
            self.label.setText(summary(self.model))
        self.setVisible(marked)
