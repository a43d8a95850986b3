"""The whole application's totals in the status bar and on the Žadatel page (2021 sample: dotace 2 511 000 Kč)."""

from __future__ import annotations

from decimal import Decimal

from dossier.core.money import format_money
from dossier.core.totals import dossier_totals

GRANT = "2\u00a0511\u00a0000\u00a0Kč"


def shown(window) -> tuple[str, str]:
    group = window.applicant_form.grand_total
    return window.grand_total.text(), group.values["requested"].text()


def test_grand_total_in_status_bar_and_on_applicant_page(window):
    status, page = shown(window)
    assert GRANT in status and GRANT in page
    assert window.grand_total.isVisible()  # a permanent status-bar widget, not a passing message
    totals = dossier_totals(window.document.dossier)
    group = window.applicant_form.grand_total.values
    assert group["total"].text() == f"<b>{format_money(totals.total)}</b>"
    assert group["own"].text() == format_money(totals.own) and "vlastní podíl" in status
    assert group["rate"].text().endswith("%") and group["rate"].text() in status


def test_grand_total_follows_an_edit_and_its_undo(window):
    line = window.document.dossier.project("P2").budget[0]
    window.document.set_value("projects/P2/budget/0/requested", line.requested + Decimal(10000))
    status, page = shown(window)
    assert "2\u00a0521\u00a0000\u00a0Kč" in status and "2\u00a0521\u00a0000\u00a0Kč" in page
    window.statusBar().showMessage("Uloženo", 5000)  # a passing message does not hide the totals
    assert window.grand_total.isVisible()
    window.document.undo_stack.undo()
    status, page = shown(window)
    assert GRANT in status and GRANT in page


def test_a_narrow_window_gets_the_short_line_with_the_grant(qtbot, sample_2021_path):
    from dossier.formats.native import load
    from dossier.ui.document import Document
    from dossier.ui.grand_total import GrandTotalLabel

    label = GrandTotalLabel(Document(load(sample_2021_path)))
    qtbot.addWidget(label)
    label.show()
    assert label.minimumSizeHint().width() < label.sizeHint().width()  # it never forces the window wider
    label.resize(label.sizeHint().width(), 20)
    assert "vlastní podíl" in label.text() and GRANT in label.text()
    label.resize(label.minimumSizeHint().width(), 20)
    assert "vlastní podíl" not in label.text() and GRANT in label.text() and "%" in label.text()
