"""The question when the file changed on disk since we loaded it: keep both, reload, overwrite.

Whatever the answer, both versions survive as files: the one that does not end up under the
original name is saved beside it as a dated copy, named in the question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ..core.dates import format_moment
from ..core.errors import short_name


class Choice(Enum):
    KEEP_BOTH = "keep_both"  # save mine as a copy; theirs stays under the name
    RELOAD = "reload"  # mine goes to a copy; theirs is opened
    OVERWRITE = "overwrite"  # theirs goes to a copy; mine replaces it
    CANCEL = "cancel"


@dataclass(frozen=True)
class Conflict:
    path: Path
    who: str  # who saved it (lock holder, file owner, or "jiný program nebo uživatel")
    when: dt.datetime  # when it was saved (the file's time)
    mine_copy: Path  # where my version goes for KEEP_BOTH and RELOAD
    theirs_copy: Path  # where their version goes for OVERWRITE


BUTTONS = {
    Choice.KEEP_BOTH: ("Ponechat obě", QMessageBox.ButtonRole.AcceptRole),
    Choice.RELOAD: ("Načíst jejich verzi", QMessageBox.ButtonRole.ActionRole),
    Choice.OVERWRITE: ("Přepsat jejich verzi", QMessageBox.ButtonRole.DestructiveRole),
    Choice.CANCEL: ("Zrušit", QMessageBox.ButtonRole.RejectRole),
}


def ask_conflict(parent, conflict: Conflict) -> Choice:
    """Ask what to do; Enter keeps both (nothing is replaced), Esc cancels the save."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Soubor mezitím uložil někdo jiný",
        f"Soubor „{short_name(conflict.path.name)}“ mezitím uložil {conflict.who} "
        f"({format_moment(conflict.when)}). Vaše změny zatím uloženy nejsou.",
        parent=parent,
    )
    box.setInformativeText(
        f"• Ponechat obě: vaše verze se uloží jako „{short_name(conflict.mine_copy.name)}“, "
        "jejich zůstane beze změny.\n"
        f"• Načíst jejich verzi: vaše verze se uloží jako „{short_name(conflict.mine_copy.name)}“ "
        "a otevře se jejich.\n"
        f"• Přepsat jejich verzi: jejich verze se uloží jako „{short_name(conflict.theirs_copy.name)}“ "
        "a soubor nahradí vaše."
    )
    buttons = {}
    for choice, (text, role) in BUTTONS.items():
        buttons[box.addButton(text, role)] = choice
    keep = next(b for b, c in buttons.items() if c is Choice.KEEP_BOTH)
    box.setDefaultButton(keep)
    box.setEscapeButton(next(b for b, c in buttons.items() if c is Choice.CANCEL))
    box.exec()
    return buttons.get(box.clickedButton(), Choice.CANCEL)
