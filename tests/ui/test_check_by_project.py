"""Kontrola can group the findings under the projects they belong to."""

from PySide6.QtCore import Qt

from dossier.ui.check_projects_view import WHOLE_APPLICATION


def test_findings_grouped_by_project_in_the_dossiers_order_and_jump(window):
    document = window.document
    document.set_value("applicant/ico", "")
    document.set_value("projects/P3/budget/0/text", "")
    document.set_value("projects/P1/budget/1/text", "")
    panel = window.check_panel
    panel.refresh()
    panel.by_project.setChecked(True)
    view = panel.projects_view
    assert panel.views.currentWidget() is view
    titles = [view.topLevelItem(i).text(1) for i in range(view.topLevelItemCount())]
    p1, p3 = (document.dossier.project(pid).title for pid in ("P1", "P3"))
    assert titles[0] == WHOLE_APPLICATION
    assert titles.index(next(t for t in titles if p1 in t)) < titles.index(next(t for t in titles if p3 in t))
    group = view.topLevelItem(titles.index(next(t for t in titles if p3 in t)))
    assert group.isExpanded() and "chyby: 1" in group.text(2)
    paths_ = [group.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(group.childCount())]
    assert "projects/P3/budget/0/text" in paths_
    assert all(p.startswith("projects/P3") for p in paths_)
    jumped = []
    panel.jumpRequested.connect(jumped.append)
    view.itemActivated.emit(group.child(paths_.index("projects/P3/budget/0/text")), 0)
    assert jumped == ["projects/P3/budget/0/text"]
    # A fix shows at the next refresh; unticking brings the list back.
    document.set_value("projects/P3/budget/0/text", "Kamery")
    panel.refresh()
    titles = [view.topLevelItem(i).text(1) for i in range(view.topLevelItemCount())]
    assert not any(p3 in t and "chyby: 1" in view.topLevelItem(i).text(2) for i, t in enumerate(titles))
    panel.by_project.setChecked(False)
    assert panel.views.currentWidget() is panel.tree


def test_a_refill_keeps_folded_groups_and_the_current_row(window):
    document, panel = window.document, window.check_panel
    document.set_value("projects/P3/budget/0/text", "")
    document.set_value("projects/P1/budget/1/text", "")
    panel.refresh()
    panel.by_project.setChecked(True)
    view = panel.projects_view

    def group_of(project_id):
        title = document.dossier.project(project_id).title
        return next(
            view.topLevelItem(i) for i in range(view.topLevelItemCount()) if title in view.topLevelItem(i).text(1)
        )

    group_of("P1").setExpanded(False)
    p3 = group_of("P3")
    view.setCurrentItem(p3.child(p3.childCount() - 1))
    path = view.currentItem().data(0, Qt.ItemDataRole.UserRole)
    document.set_value("applicant/ico", "")  # an edit elsewhere refills the view
    panel.refresh()
    assert not group_of("P1").isExpanded() and group_of("P3").isExpanded()
    assert view.currentItem().parent() is group_of("P3")
    assert view.currentItem().data(0, Qt.ItemDataRole.UserRole) == path
    # Renaming the project changes its findings' messages (they quote the title), not the row's place.
    view.setCurrentItem(group_of("P3").child(0))
    path = view.currentItem().data(0, Qt.ItemDataRole.UserRole)
    title = document.dossier.project("P3").title
    document.set_value("projects/P3/title", title + " – nově")
    panel.refresh()
    assert view.currentItem() is not None and view.currentItem().data(0, Qt.ItemDataRole.UserRole) == path
