"""Adds the grant year to the 2021 sample: frozen application, award, re-budget and an INVENTED ledger.

Run from the repository root: ``python resources/examples/make_grant_2021.py``. It starts from
the frozen application when the sample already has one, so running it again gives the same file.
Real: the city's grant of 1 688 500 Kč and its own share of 822 500 Kč (together 2 511 000 Kč).
Invented: the split over the projects, decision numbers, every payment and the report texts.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

from dossier.core.grant import Award, FundingSource, Payment, ProjectGrant, freeze
from dossier.core.model import Dossier
from dossier.core.rebudget import Mode, applied, propose
from dossier.core.totals import dossier_totals, line_total
from dossier.formats import native

SAMPLE = Path(__file__).with_name("plzen-2021.dossier")
AWARDS = {"P1": (D(285700), Mode.COSTS), "P2": (D(1070000), Mode.SUBSIDY), "P3": (D(332800), Mode.SUBSIDY)}
TOTAL_AFTER = D(2511000)  # 1 688 500 Kč grant + 822 500 Kč own share, as the city recorded
SPLIT_NOTE = "rozdělení dotace 1 688 500 Kč mezi projekty a číslo rozhodnutí jsou VYMYŠLENÉ (vzorová data)"
ACHIEVED = {
    "P1": "Konference se konala 6.–7. 10. 2021 v Plzni; 382 účastníků (plán ≈ 400), 24 přednášek, "
          "online přenos sledovalo 610 diváků; sborník vydán v nákladu 400 ks. (VYMYŠLENO – vzorová data)",
    "P2": "Čtyři asistenti prevence kriminality působili v lokalitách Plac, Petrohrad a nové lokalitě MO Plzeň 4; "
          "1 870 výjezdů a pochůzek, 312 řešených přestupků a 96 předaných podnětů sociálním službám. "
          "(VYMYŠLENO – vzorová data)",
    "P3": "Instalovány 2 otočné a 2 pevné kamery na 2 bodech v MO Plzeň 3, připojeny do MKDS 15. 11. 2021; "
          "do konce roku 41 zaznamenaných událostí předaných PČR nebo MP. (VYMYŠLENO – vzorová data)",
}
REPORT = {
    "P1": "Projekt proběhl podle plánu ve snížené podobě po přiznání dotace: zkrácen doprovodný program "
          "a menší náklad tištěných materiálů. (VYMYŠLENO – vzorová data)",
    "P2": "Mzdy asistentů byly od 1. 9. 2021 zvýšeny o 600 Kč měsíčně; rozpočet s tím po přiznání dotace počítal, "
          "rozdíl hradilo město z vlastních zdrojů. "
          "(VYMYŠLENO – vzorová data)",
    "P3": "Kamerový systém byl dodán za nižší cenu, než předpokládal rozpočet; rozdíl snížil vlastní podíl "
          "města. (VYMYŠLENO – vzorová data)",
}


def pay(line: int, day: dt.date, supplier: str, doc: str, amount, source: FundingSource, note: str = "") -> Payment:
    return Payment(line=line, date=day, supplier=supplier, document=doc, amount=D(amount), source=source, note=note)


def split_line(project, index: int, actual: D, day: dt.date, supplier: str, doc: str,
               share: D = D(1)) -> list[Payment]:
    """One line paid as the budget plans it: the line's subsidy (or ``share`` of it), the rest from own funds."""
    subsidy = min((project.budget[index].requested * share).quantize(D(1)), actual)
    out = [pay(index, day, supplier, doc, subsidy, FundingSource.SUBSIDY)] if subsidy else []
    if actual > subsidy:
        out.append(pay(index, day, supplier, doc, actual - subsidy, FundingSource.OWN))
    return out


def main() -> None:
    dossier = native.load(SAMPLE)
    if dossier.submitted is not None:
        dossier = dossier.submitted.application
    frozen = freeze(dossier, dt.datetime(2021, 2, 12, 10, 0))
    working: Dossier = dossier.model_copy(deep=True)
    working.submitted = frozen
    for project in working.projects:
        amount, mode = AWARDS[project.id]
        project.budget = applied(project.budget, propose(project.budget, amount, mode))
        project.grant = ProjectGrant(
            award=Award(amount=amount, decision_number=f"MV-2021-{project.id}-OPK (VYMYŠLENO)",
                        decision_date=dt.date(2021, 5, 20), use_by=dt.date(2021, 12, 31),
                        conditions="Dotaci lze použít jen na účel projektu a do 31. 12. 2021; vyúčtování podle "
                                   "vyhlášky č. 367/2015 Sb.", note=SPLIT_NOTE),
            achieved=ACHIEVED[project.id], report=REPORT[project.id])
    # The city planned the assistants' pay rise into the re-budget (31 800 Kč a month on average).
    p2 = working.project("P2")
    p2.budget[0].unit_price = D(31800)
    for staff in p2.apk.staff:
        staff.monthly_cost = D(31800)
    # The city's recorded total: the camera tender's expected price (2 PTZ cameras) takes the rest.
    gap = TOTAL_AFTER - dossier_totals(working).total
    cameras = working.project("P3").budget[0]
    cameras.unit_price += gap / cameras.quantity
    _ledger(working)
    working.metadata.modified = dt.datetime(2022, 1, 20, 9, 0)
    working.metadata.note = (dossier.metadata.note + " Rok po přiznání dotace: skutečné jsou celková dotace "
                             "1 688 500 Kč a spolufinancování města 822 500 Kč; " + SPLIT_NOTE +
                             "; evidence plateb a texty závěrečné zprávy jsou VYMYŠLENÉ.")
    native.save(working, SAMPLE)


def _ledger(d: Dossier) -> None:
    p1, p2, p3 = d.project("P1"), d.project("P2"), d.project("P3")
    payments = []
    suppliers = ["Parkhotel Plzeň (VYMYŠLENO)", "AV Studio Plzeň s.r.o. (VYMYŠLENO)", "DPP přednášející",
                 "DPP moderátor", "Tiskárna Západ s.r.o. (VYMYŠLENO)", "Webdesign Plzeň (VYMYŠLENO)",
                 "Parkhotel Plzeň (VYMYŠLENO)", "Eventy Plzeň s.r.o. (VYMYŠLENO)", "cestovní příkazy",
                 "Catering Bory (VYMYŠLENO)"]
    for i, line in enumerate(p1.budget):
        share = D("0.8") if i == 8 else D(1)  # travel: speakers came by train, cheaper than planned
        actual = (line_total(line) * share).quantize(D(1))
        payments += split_line(p1, i, actual, dt.date(2021, 10, 8 + i), suppliers[i], f"FP-2021-{1100 + i}", share)
    p1.grant.payments = payments
    payments = []
    # Wages: two assistants from January, four from April; pay rose by 600 Kč from September.
    wage_subsidy = p2.budget[0].requested
    months = [(m, (2 if m < 4 else 4), D(31500) if m < 9 else D(32100)) for m in range(1, 13)]
    planned_total = sum((n * D(31500) for _, n, _ in months), D(0))
    left = wage_subsidy
    for m, n, pay_rate in months:
        amount = n * pay_rate
        subsidy = (n * D(31500) * wage_subsidy / planned_total).quantize(D(1)) if m < 12 else left
        left -= subsidy
        day = dt.date(2021, m, 28) if m < 12 else dt.date(2021, 12, 22)
        payments.append(pay(0, day, "mzdy APK", f"MZ-2021-{m:02d}", subsidy, FundingSource.SUBSIDY))
        payments.append(pay(0, day, "mzdy APK", f"MZ-2021-{m:02d}", amount - subsidy, FundingSource.OWN))
    for i, (supplier, day) in enumerate([("Vybavení Bezpečnost s.r.o. (VYMYŠLENO)", dt.date(2021, 4, 6)),
                                         ("Vzdělávací institut MV (VYMYŠLENO)", dt.date(2021, 4, 20)),
                                         ("Mobilní operátor (VYMYŠLENO)", dt.date(2021, 12, 15))], start=1):
        payments += split_line(p2, i, line_total(p2.budget[i]), day, supplier, f"FP-2021-{2100 + i}")
    p2.grant.payments = payments
    payments = []
    for i, line in enumerate(p3.budget):
        actual = line_total(line) - (6000 if i == 0 else 0)  # PTZ cameras 3 000 Kč cheaper each
        payments += split_line(p3, i, actual, dt.date(2021, 9 + i // 4, 10 + i), "Kamery Plzeň a.s. (VYMYŠLENO)",
                               f"FP-2021-{3100 + i}")
    p3.grant.payments = payments


if __name__ == "__main__":
    main()
