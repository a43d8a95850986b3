"""What a user feels in the editor, measured in the real main window (offscreen, with repaint).

Each function builds its own window, runs the operation ``repeat`` times and returns the median
milliseconds. Qt is imported here only, so the file benchmarks need no display.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

from ..core.model import BudgetLine, Dossier


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _settle(window) -> None:
    """Let queued events run and paint the window, as the screen would before the user sees it."""
    app = _app()
    app.processEvents()
    window.repaint()
    app.processEvents()


def _median(times: list[float]) -> float:
    return statistics.median(times) if times else 0.0


def open_window(dossier_factory: Callable[[], Dossier]):
    """A main window (no settings, no recovery) on a fresh dossier, shown at 1280×800."""
    from ..ui.main_window import MainWindow

    _app()
    window = MainWindow(dossier_factory(), None, persist=False)
    window.resize(1280, 800)
    window.show()
    _settle(window)
    return window


def close_window(window) -> None:
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    _app().processEvents()


def _show_budget(window, project_id: str) -> None:
    window.navigator.select("project", project_id)
    form = window.project_form
    form.tabs.setCurrentIndex(form.budget_tab)
    _settle(window)


def time_open(load: Callable[[], Dossier], repeat: int, *, include_load: bool = True) -> float:
    """``load()`` (e.g. reading the file) → main window shown and painted; without ``include_load``
    the dossier is loaded before the clock starts (the window's part alone)."""
    from ..ui.main_window import MainWindow

    _app()
    times = []
    for _ in range(repeat):
        loaded = None if include_load else load()
        start = time.perf_counter()
        window = MainWindow(load() if loaded is None else loaded, None, persist=False)
        window.resize(1280, 800)
        window.show()
        _settle(window)
        times.append((time.perf_counter() - start) * 1000)
        close_window(window)
    return _median(times)


def time_cell_edit(dossier_factory: Callable[[], Dossier], project_id: str, repeat: int) -> float:
    """One budget cell typed in → the row, the totals line, the header and the navigator repainted."""
    from PySide6.QtCore import Qt

    window = open_window(dossier_factory)
    _show_budget(window, project_id)
    model = window.project_form.budget_editor.model
    column = model.column_of("unit_price")
    row = model.rowCount() // 2
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        model.setData(model.index(row, column), f"{1000 + i},50", Qt.ItemDataRole.EditRole)
        _settle(window)
        times.append((time.perf_counter() - start) * 1000)
    close_window(window)
    return _median(times)


def time_paste_rows(
    dossier_factory: Callable[[], Dossier], project_id: str, rows: int, repeat: int
) -> tuple[float, float]:
    """``rows`` new lines added at the end as one undo step (what a paste does), and the undo of it."""
    window = open_window(dossier_factory)
    _show_budget(window, project_id)
    document = window.document
    list_path = f"projects/{project_id}/budget"
    new_lines = [
        BudgetLine(
            text=f"Vložená položka {i + 1}", category="SLUZBY", unit="ks", quantity=1, unit_price=100 + i, requested=0
        )
        for i in range(rows)
    ]
    paste, undo = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        _insert_lines(document, list_path, new_lines)
        _settle(window)
        paste.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        document.undo_stack.undo()
        _settle(window)
        undo.append((time.perf_counter() - start) * 1000)
    close_window(window)
    return _median(paste), _median(undo)


def _insert_lines(document, list_path: str, lines: list[BudgetLine]) -> None:
    """The document API a paste uses: one "replace the lines" command when there is one, else a macro."""
    current = document.get(list_path)
    replace = getattr(document, "replace_lines", None)
    if replace is not None:
        replace(list_path, [*current, *lines], "Vložit ze schránky")
        return
    with document.macro("Vložit ze schránky"):
        end = len(current)
        for offset, line in enumerate(lines):
            document.insert(list_path, end + offset, line, "Vložit řádek")


def time_panel_refresh(dossier_factory: Callable[[], Dossier], project_id: str, repeat: int) -> float:
    """An edit, then the check panel's refresh (what runs after the debounce) and the repaint."""
    window = open_window(dossier_factory)
    _show_budget(window, project_id)
    document, panel = window.document, window.check_panel
    path = f"projects/{project_id}/budget/0/unit_price"
    times = []
    for i in range(repeat):
        document.set_value(path, 2000 + i)
        start = time.perf_counter()
        panel.refresh()
        _settle(window)
        times.append((time.perf_counter() - start) * 1000)
    close_window(window)
    return _median(times)


def time_bare_cell_edit(repeat: int) -> float:
    """The anchor of a cell edit: a bare QTableView on a 1 000 × 11 QStandardItemModel, one
    ``setData`` and the same settle-and-repaint, so Qt's own floor is seen in the same run."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    app = _app()
    model = QStandardItemModel(1000, 11)
    for row in range(1000):
        for column in range(11):
            model.setItem(row, column, QStandardItem(f"{row}:{column}"))
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    view.show()
    view.scrollTo(model.index(500, 5))
    _settle(view)
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        model.setData(model.index(500, 5), f"{1000 + i},50")
        _settle(view)
        times.append((time.perf_counter() - start) * 1000)
    view.close()
    app.processEvents()
    return _median(times)
