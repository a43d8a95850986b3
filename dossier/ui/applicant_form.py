"""The applicant page: who applies, its people, address, strategy, analysis and working group."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ..core import labels
from ..core.model import CrimeRate
from .document import Document
from .form import BoundForm, fmt_int, fmt_years, group, page_heading, parse_int, parse_years, scrolled
from .grand_total import GrandTotalGroup
from .list_table import Column, ListBinding, ListTable
from .submission_summary import SubmissionSummary

_PERSONS = ("statutory_representative", "crime_prevention_manager", "contact_person")


class ApplicantForm(BoundForm):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, "applicant/", parent)
        f = labels.APPLICANT_FIELDS
        content = QWidget()
        outer = QVBoxLayout(content)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer.addLayout(columns)

        basic = group("Žadatel", left)
        self.line(basic, "name", f["name"])
        self.combo(basic, "type", f["type"], [(text, t) for t, text in labels.APPLICANT_TYPES.items()])
        self.line(basic, "ico", f["ico"], placeholder="8 číslic")
        self.line(basic, "dic", f["dic"], placeholder="CZ…")
        self.line(basic, "kraj", f["kraj"])
        self.line(basic, "population", f["population"], parse=parse_int, fmt=fmt_int, align_right=True)
        self.line(basic, "bank_account", f["bank_account"], placeholder="předčíslí-číslo/0710")
        self.line(basic, "data_box_id", f["data_box_id"])

        address = group(f["address"], left)
        self.line(address, "address/street", "Ulice")
        self.line(address, "address/number", "Číslo popisné/orientační")
        self.line(address, "address/city", "Obec")
        self.line(address, "address/psc", "PSČ", placeholder="301 00")

        strategy = group(f["local_strategy"], left)
        self.badge(strategy, "local_strategy")
        self.line(strategy, "local_strategy/title", "Název dokumentu")
        self.line(strategy, "local_strategy/period", "Období platnosti", placeholder="2021–2025")
        self.line(strategy, "local_strategy/resolution", "Schváleno usnesením")
        left.addStretch(1)

        self.grand_total = GrandTotalGroup(document)
        right.addWidget(self.grand_total)
        for person in _PERSONS:
            form = group(f[person], right)
            self.badge(form, person)
            self.line(form, f"{person}/name", "Jméno a příjmení")
            self.line(form, f"{person}/role", "Funkce")
            self.line(form, f"{person}/phone", "Telefon")
            self.line(form, f"{person}/email", "E-mail")

        analysis = group(f["security_analysis"], right)
        self.badge(analysis, "security_analysis")
        self.analysis_date = self.date(analysis, "security_analysis/date", "Datum zpracování")
        self.line(
            analysis,
            "security_analysis/data_years",
            "Data z let",
            parse=parse_years,
            fmt=fmt_years,
            placeholder="2018, 2019",
        )
        a = labels.ANALYSIS_FIELDS
        self.line(
            analysis, "security_analysis/locality", "Lokalita", placeholder="obec, městské obvody, rizikové lokality"
        )
        self.crime_rates = ListTable(
            [Column("year", "Rok", "year", 80), Column("per_10k", a["per_10k"], "figure")], _new_rate(document), "rok"
        )
        self.add(ListBinding(self, "security_analysis/crime_rates", self.crime_rates))
        analysis.addRow("Trestné činy na\n10 000 obyvatel", self.crime_rates)
        self.badge(analysis, "security_analysis/crime_rates")

        group_form = group(f["working_group"], right)
        self.badge(group_form, "working_group")
        self.group_date = self.date(group_form, "working_group/established", "Ustavena dne")
        self.text(group_form, "working_group/members", "Složení", lines=3)
        self.submission_summary = SubmissionSummary(document)
        right.addWidget(self.submission_summary)
        right.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(page_heading("Žadatel"))
        self.scroll_area = scrolled(content)
        layout.addWidget(self.scroll_area, 1)
        document.dossierReplaced.connect(self._set_calendar_pages)
        self._set_calendar_pages()
        self.refresh_all()

    def focus_path(self, path: str) -> bool:
        if path in ("year", "round"):
            # The programme year is chosen when the dossier is made; its deadline shows in the Podání box.
            self.scroll_area.ensureWidgetVisible(self.submission_summary)
            self.submission_summary.button.setFocus()
            return True
        return super().focus_path(path)

    def _set_calendar_pages(self) -> None:
        page = QDate(self.document.dossier.year - 1, 1, 1)
        self.analysis_date.default_page = page
        self.group_date.default_page = page


def _new_rate(document: Document):
    """A new row of the crime table: the year after the newest one, else two years before the programme."""

    def make() -> CrimeRate:
        years = [r.year for r in document.dossier.applicant.security_analysis.crime_rates]
        return CrimeRate(year=max(years) + 1 if years else document.dossier.year - 2)

    return make
