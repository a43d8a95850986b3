"""Figures that change on every edit repaint their label without laying out the whole window again."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QToolBar, QVBoxLayout, QWidget

from dossier.ui.steady_label import SteadyLabel


class _LayoutRequests(QObject):
    """Counts the layout requests that reach ``widget``."""

    def __init__(self, widget: QWidget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _settle(requests: _LayoutRequests) -> None:
    """Run queued events until no layout request has come for a few rounds (a shown window settles)."""
    quiet = 0
    for _ in range(200):
        before = requests.count
        QApplication.processEvents()
        quiet = quiet + 1 if requests.count == before else 0
        if quiet == 5:
            return


def _holder(qtbot, label: SteadyLabel) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    layout = QVBoxLayout(parent)
    layout.addWidget(label)
    parent.resize(300, 200)
    parent.show()
    qtbot.waitExposed(parent)
    QApplication.processEvents()
    return parent


def test_same_room_asks_for_no_layout_and_more_room_does(qtbot):
    label = SteadyLabel(rich=True)
    label.setText("Celkem <b>1 000 Kč</b>")
    parent = _holder(qtbot, label)
    requests = _LayoutRequests(parent)
    _settle(requests)
    requests.count = 0
    label.setText("Celkem <b>2 000 Kč</b>")
    _settle(requests)
    assert label.text() == "Celkem <b>2 000 Kč</b>"
    assert requests.count == 0
    label.setText("Celkem <b>2 000 Kč</b> · Dotace <b>1 500 Kč</b> · Vlastní podíl <b>500 Kč</b>")
    _settle(requests)
    assert requests.count >= 1
    assert label.label.width() == label.width() >= label.sizeHint().width() - 1


def test_a_wrapped_label_grows_when_its_text_needs_more_lines(qtbot):
    label = SteadyLabel(wrap=True)
    label.setText("krátký text")
    parent = _holder(qtbot, label)
    parent.layout().addStretch(1)
    _settle(_LayoutRequests(parent))
    one_line = label.height()
    label.setText("dlouhý text, který se do šířky okna nevejde a musí se zalomit " * 3)
    _settle(_LayoutRequests(parent))
    assert label.height() > one_line
    assert label.label.geometry() == label.rect()


def test_typing_in_the_budget_lays_out_nothing_in_the_main_window(window):
    window.navigator.select("project", "P2")
    form = window.project_form
    form.tabs.setCurrentIndex(form.budget_tab)
    model = form.budget_editor.model
    model.setData(model.index(1, model.column_of("quantity")), "3")  # the undo button becomes enabled
    requests = _LayoutRequests(window)
    _settle(requests)  # a window just shown lays itself out a few times
    requests.count = 0
    undo_text = window.undo_action.text()
    line = window.document.dossier.project("P2").budget[0]
    model.setData(model.index(0, model.column_of("unit_price")), str(line.unit_price + Decimal(1)))
    _settle(requests)
    assert window.undo_action.text() != undo_text  # the menu names the last edit
    assert form.summary.text() and form.budget_editor.footer.text()
    assert requests.count == 0, "the totals and the undo text changed, the room they need did not"


def test_the_toolbar_undo_button_follows_the_undo_stack(window):
    toolbar = window.findChild(QToolBar, "main_toolbar")
    undo, redo = (next(a for a in toolbar.actions() if a.iconText() == name) for name in ("Zpět", "Znovu"))
    assert not undo.isEnabled() and not redo.isEnabled()
    window.document.set_value("projects/P2/title", "Nový název")
    assert undo.isEnabled() and undo.iconText() == "Zpět" and undo.toolTip().endswith("(Ctrl+Z)")
    undo.trigger()
    assert window.document.dossier.project("P2").title != "Nový název"
    assert redo.isEnabled() and not undo.isEnabled()
    redo.trigger()
    assert window.document.dossier.project("P2").title == "Nový název"
