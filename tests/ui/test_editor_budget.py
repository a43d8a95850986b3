"""The budget inside the real main window: an edit moves the totals and the check panel; undo restores."""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from .editor_helpers import press_in_next_dialog, type_text


def _open_budget(window, project_id="P3"):
    window.select(f"{project_id}/budget")
    editor = window.project_form.budget_editor
    assert editor.project_id == project_id
    return editor


def _column(editor, key):
    return editor.model.column_of(key)


def test_budget_edit_updates_totals_and_checks_and_undoes(window, qtbot):
    editor = _open_budget(window)
    panel = window.check_panel
    assert not any(f.code == "RATE_EXCEEDED" for f in panel.findings)
    # Ask for more subsidy than 90 % allows on the first MKDS line, typed as a Czech user would.
    index = editor.model.index(0, _column(editor, "requested"))
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    line_edit = editor.view.indexWidget(index)
    line_edit.setFocus()  # as after a click: the editor owns the keyboard
    qtbot.waitUntil(line_edit.hasFocus)
    line_edit.selectAll()
    type_text(line_edit, "190 000 Kč")
    QTest.keyClick(line_edit, Qt.Key.Key_Return)
    project = window.document.dossier.project("P3")
    qtbot.waitUntil(lambda: project.budget[0].requested == Decimal(190000), timeout=2000)
    assert "730\u00a0000\u00a0Kč" in window.project_form.summary.text()  # 711 000 + 19 000
    assert "730\u00a0000\u00a0Kč" in editor.footer.text()
    qtbot.waitUntil(lambda: any(f.code == "RATE_EXCEEDED" for f in panel.findings), timeout=3000)
    assert window.check_counts.text().startswith("Chyby: 1")
    assert window.isWindowModified()

    window.undo_action.trigger()
    assert window.document.dossier.project("P3").budget[0].requested == Decimal(171000)
    assert "711\u00a0000\u00a0Kč" in window.project_form.summary.text()
    qtbot.waitUntil(lambda: not any(f.code == "RATE_EXCEEDED" for f in panel.findings), timeout=3000)
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert window.document.dossier.project("P3").budget[0].requested == Decimal(190000)


def test_paste_a_czech_block_in_the_main_window(window, qtbot, monkeypatch):
    from dossier.ui.paste_preview import PastePreviewDialog

    monkeypatch.delattr(PastePreviewDialog, "exec")  # the real dialog, answered with the keyboard
    editor = _open_budget(window, "P2")
    editor.view.setCurrentIndex(editor.model.index(1, _column(editor, "text")))
    editor.view.setFocus()
    QGuiApplication.clipboard().setText(
        "Výstroj APK\tMateriál a drobný majetek\tsada\t2\r\n"
        "Školení mentora\tVzdělávání a školení\tosoba\t1\r\n"
        "Tisk letáků\tSlužby (pronájem, technika, tisk, agentura)\tks\t1 000\r\n"
    )
    seen = []
    press_in_next_dialog(Qt.Key.Key_Return, seen)
    editor.paste_action.trigger()
    assert len(seen) == 1 and isinstance(seen[0], PastePreviewDialog)
    lines = window.document.dossier.project("P2").budget
    assert [(ln.text, ln.category, ln.unit, ln.quantity) for ln in lines[1:4]] == [
        ("Výstroj APK", "MATERIAL", "sada", Decimal(2)),
        ("Školení mentora", "VZDELAVANI", "osoba", Decimal(1)),
        ("Tisk letáků", "SLUZBY", "ks", Decimal(1000)),
    ]
    assert window.document.undo_stack.undoText() == "Vložit ze schránky"
    window.undo_action.trigger()
    assert window.document.dossier.project("P2").budget[1].text.startswith("Výstroj APK (2 nové sady")
