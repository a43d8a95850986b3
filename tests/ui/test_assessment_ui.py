"""The "Strategie a indikátory" tab, the analysis figures on Žadatel, the sample banner, proposal marks."""

from decimal import Decimal

from PySide6.QtCore import Qt

from dossier.core.model import DocumentStatus, ProjectKind
from dossier.formats import native

from .editor_helpers import SAMPLE, type_text


def _tab(window, project_id="P3"):
    window.navigator.select("project", project_id)
    form = window.project_form
    form.tabs.setCurrentWidget(form.assessment)
    return form


def test_the_tab_shows_the_code_list_of_the_dossier_year_and_edits_the_link_undoably(window):
    form = _tab(window)
    combo = form.assessment.national
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes[:2] == ["", "1"] and "4" in codes and "D" not in codes  # 2021: strategy 2016–2020
    assert combo.currentData() == "5"
    assert "neověřeno" in form.assessment.strategy_note.text()
    combo.activated.emit(combo.findData("4"))
    assert window.document.dossier.project("P3").strategy.national == "4"
    assert window.document.undo_stack.undoText() == "Úprava: Cíl / opatření Strategie prevence kriminality ČR"
    window.document.undo_stack.undo()
    assert window.document.dossier.project("P3").strategy.national == "5"
    assert combo.currentData() == "5"


def test_indicators_table_adds_and_edits_exact_targets_with_undo(window):
    form = _tab(window, "P2")
    table = form.bindings["indicators"].widget
    before = len(window.document.dossier.project("P2").indicators)
    table.add_button.click()
    table.table.item(before, 0).setText("Hodiny terénní práce – Doubravka")
    table.table.item(before, 2).setText("1 234,5")
    indicator = window.document.dossier.project("P2").indicators[before]
    assert indicator.name == "Hodiny terénní práce – Doubravka" and indicator.target == Decimal("1234.5")
    assert window.document.undo_stack.undoText() == "Úprava: Cílová hodnota"
    table.table.item(before, 2).setText("moc")
    assert window.document.dossier.project("P2").indicators[before].target == Decimal("1234.5")
    assert table.table.item(before, 2).background().color().name() == "#ffcdd2"


def test_an_external_implementer_adds_the_contract_through_the_fill_button_in_one_undo_step(window):
    form = _tab(window, "P1")
    page = form.assessment
    assert not page.fill_button.isEnabled()
    form.bindings["external_implementer"].widget.click()
    assert window.document.dossier.project("P1").external_implementer
    assert "Smlouva s realizátorem projektu" in page.required.text() and page.fill_button.isEnabled()
    page.fill_button.click()
    docs = window.document.dossier.project("P1").documents
    assert [d.code for d in docs][-1] == "IMPLEMENTER_CONTRACT" and docs[-1].status == DocumentStatus.NEEDED
    assert not page.fill_button.isEnabled()
    table = form.bindings["documents"].widget.table
    assert table.item(len(docs) - 1, 1).text() == "potřeba"
    table.item(len(docs) - 1, 1).setText("přiloženo")
    assert window.document.dossier.project("P1").documents[-1].status == DocumentStatus.ATTACHED
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert [d.code for d in window.document.dossier.project("P1").documents][-1] == "NO_DOUBLE_FUNDING"


def test_a_status_outside_the_list_is_refused_in_czech(window):
    form = _tab(window, "P3")
    table = form.bindings["documents"].widget.table
    table.item(0, 1).setText("snad")
    assert window.document.dossier.project("P3").documents[0].status == DocumentStatus.ATTACHED
    assert "vyberte jednu z možností: potřeba, přiloženo, nepotřeba" in table.item(0, 1).toolTip()


def test_applicant_page_edits_locality_and_crime_rates(window):
    window.navigator.select("applicant")
    form = window.applicant_form
    edit = form.bindings["security_analysis/locality"].widget
    edit.clear()
    edit.setFocus()
    type_text(edit, "Plzeň – Doubravka")
    assert window.document.dossier.applicant.security_analysis.locality == "Plzeň – Doubravka"
    table = form.crime_rates
    table.add_button.click()
    rates = window.document.dossier.applicant.security_analysis.crime_rates
    assert rates[-1].year == 2020  # the year after the newest one
    assert table.table.item(len(rates) - 1, 0).text() == "2020"  # a year, not "2 020"
    table.table.item(len(rates) - 1, 1).setText("288,1")
    assert window.document.dossier.applicant.security_analysis.crime_rates[-1].per_10k == Decimal("288.1")


def test_the_sample_banner_shows_for_samples_and_can_be_cleared_undoably(window):
    banner = window.sample_banner
    assert window.document.dossier.metadata.sample and banner.isVisible()
    banner.clear_button.click()
    assert not window.document.dossier.metadata.sample and not banner.isVisible()
    assert window.document.undo_stack.undoText() == "Úprava: Ukázková data"
    window.document.undo_stack.undo()
    assert banner.isVisible()
    plain = native.load(SAMPLE)
    plain.metadata.sample = False
    window.document.replace(plain, None)
    assert not banner.isVisible()


def test_proposals_say_so_in_the_budget_header_and_the_text_counters(window):
    window.navigator.select("project", "P1")
    model = window.project_form.budget_editor.model
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    category = next(c for c, title in enumerate(column) if title.startswith("Kategorie"))
    assert "(návrh)" in column[category]
    assert "návrh – neověřeno" in model.headerData(category, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert window.project_form.bindings["goals"].counter.text().endswith("(limit: návrh – neověřeno)")


def test_a_new_project_lists_the_documents_its_kind_needs(window):
    window.add_project(ProjectKind.MKDS)
    project = window.document.dossier.projects[-1]
    assert [d.code for d in project.documents] == ["POLICE_OPINION", "COUNCIL_RESOLUTION", "NO_DOUBLE_FUNDING"]
    assert {d.status for d in project.documents} == {DocumentStatus.NEEDED}
    window.add_project(ProjectKind.APK)
    assert "POLICE_OPINION" not in [d.code for d in window.document.dossier.projects[-1].documents]


def test_the_status_combo_of_the_documents_table_stores_the_choice(window):
    from PySide6.QtWidgets import QComboBox

    form = _tab(window, "P1")
    table = form.bindings["documents"].widget.table
    table.setCurrentCell(1, 1)
    table.editItem(table.item(1, 1))
    combo = table.findChild(QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["potřeba", "přiloženo", "nepotřeba"]
    combo.setCurrentIndex(combo.findText("nepotřeba"))
    table.itemDelegate().commitData.emit(combo)
    assert window.document.dossier.project("P1").documents[1].status == DocumentStatus.NOT_NEEDED
    assert window.document.undo_stack.undoText() == "Úprava: Stav dokumentu"
