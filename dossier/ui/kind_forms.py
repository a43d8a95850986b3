"""The form pages of the project kinds that have a section: APK, MKDS, Domovník–preventista, konference.

Everything else about a kind (labels, section, tab title, checks, exports) is its module in
``core/kinds``; this module maps a kind to the builder of its page (``FORMS``). Each builder
adds its bound fields to the project form (so the form's path registry and undo refresh cover
them) and returns the page widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ..core.model import ApkStaff, Building, CameraPoint, ProjectKind
from .form import (
    fmt_decimal,
    fmt_int,
    fmt_lines,
    group,
    parse_int,
    parse_lines,
    parse_quantity_text,
    required_int,
    scrolled,
)
from .list_table import Column, ListBinding, ListTable

if TYPE_CHECKING:
    from .project_form import ProjectForm


def _table(
    form: ProjectForm, layout: QVBoxLayout, key: str, title: str, columns: list[Column], make_item, noun: str
) -> ListTable:
    layout.addWidget(QLabel(f"<b>{title}</b>"))
    table = ListTable(columns, make_item, noun)
    form.add(ListBinding(form, key, table))
    layout.addWidget(table)
    return table


def _page(form_title: str) -> tuple[QWidget, QVBoxLayout, QFormLayout]:
    content = QWidget()
    layout = QVBoxLayout(content)
    fields = group(form_title, layout)
    return content, layout, fields


def build_apk(form: ProjectForm) -> QWidget:
    content, layout, fields = _page("Asistenti prevence kriminality")
    form.badge(fields, "apk")
    form.line(fields, "apk/count", "Počet asistentů", parse=required_int, fmt=fmt_int, align_right=True)
    form.line(fields, "apk/mentor", "Mentor")
    form.line(fields, "apk/mentor_fte", "Úvazek mentora", parse=parse_quantity_text, fmt=fmt_decimal, align_right=True)
    form.text(
        fields, "apk/localities", "Lokality působení\n(jedna na řádek)", lines=4, parse=parse_lines, fmt=fmt_lines
    )
    _table(
        form,
        layout,
        "apk/staff",
        "Personální obsazení",
        [
            Column("label", "Pozice", width=220),
            Column("fte", "Úvazek", "quantity", 80),
            Column("months", "Měsíců", "int", 80),
            Column("monthly_cost", "Měsíční náklad (Kč)", "money", 150),
            Column("contract", "Smlouva"),
        ],
        ApkStaff,
        "pozici",
    )
    layout.addStretch(1)
    return scrolled(content)


def build_mkds(form: ProjectForm) -> QWidget:
    content, layout, fields = _page("Městský kamerový dohlížecí systém")
    form.badge(fields, "mkds")
    form.text(fields, "mkds/monitoring_regime", "Režim monitorování", lines=3)
    form.line(
        fields, "mkds/retention_days", "Doba uchování záznamů (dny)", parse=parse_int, fmt=fmt_int, align_right=True
    )
    form.text(fields, "mkds/access_rules", "Přístup k záznamům", lines=3)
    _table(
        form,
        layout,
        "mkds/camera_points",
        "Kamerové body",
        [
            Column("label", "Označení", width=90),
            Column("location", "Umístění"),
            Column("camera_type", "Typ kamery", width=120),
            Column("cameras", "Kamer", "int", 70),
            Column("connection", "Připojení", width=160),
        ],
        CameraPoint,
        "kamerový bod",
    )
    layout.addStretch(1)
    return scrolled(content)


def build_domovnik(form: ProjectForm) -> QWidget:
    content, layout, fields = _page("Domovník–preventista")
    form.badge(fields, "domovnik")
    form.line(fields, "domovnik/count", "Počet domovníků", parse=required_int, fmt=fmt_int, align_right=True)
    form.line(
        fields,
        "domovnik/hours_per_month",
        "Hodin měsíčně",
        parse=parse_quantity_text,
        fmt=fmt_decimal,
        align_right=True,
    )
    _table(
        form,
        layout,
        "domovnik/buildings",
        "Objekty",
        [
            Column("address", "Adresa"),
            Column("owner", "Vlastník", width=200),
            Column("owned_by_municipality", "Ve vlastnictví obce", "bool", 150),
        ],
        Building,
        "objekt",
    )
    layout.addStretch(1)
    return scrolled(content)


def build_conference(form: ProjectForm) -> QWidget:
    content, layout, fields = _page("Konference")
    form.badge(fields, "conference")
    form.date(fields, "conference/date_from", "Konání od")
    form.date(fields, "conference/date_to", "Konání do")
    form.line(fields, "conference/venue", "Místo konání")
    form.line(fields, "conference/platform", "Online platforma")
    form.line(
        fields,
        "conference/expected_participants",
        "Očekávaný počet účastníků",
        parse=parse_int,
        fmt=fmt_int,
        align_right=True,
    )
    layout.addStretch(1)
    return scrolled(content)


#: Kind → builder of its form page; a kind with a section needs one (``tests/core/test_kinds.py``).
FORMS = {
    ProjectKind.APK: build_apk,
    ProjectKind.MKDS: build_mkds,
    ProjectKind.DOMOVNIK: build_domovnik,
    ProjectKind.KONFERENCE: build_conference,
}
