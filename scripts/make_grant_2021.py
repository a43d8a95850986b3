"""Adds the grant year to the 2021 sample: the frozen application, the award and an INVENTED ledger.

Run from the repository root: ``python scripts/make_grant_2021.py`` (it starts from the
frozen application when the sample has one, so a second run gives the same file).

Real (the city's own figures): a grant of 1 688 500 Kč and own co-financing of 822 500 Kč, together
2 511 000 Kč. Invented: the split of the grant over the projects, the decision numbers, every
payment and the report texts. The working budget stays the submitted one (the sample's application
figures are the published ones); re-budgeting to the award is left to Projekt ▸ Dotace a čerpání.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - short for the many amounts below
from pathlib import Path

from dossier.core.grant import Award, FundingSource, Payment, ProjectGrant, freeze
from dossier.core.rebudget import _share_out
from dossier.core.totals import line_total
from dossier.formats import native

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "plzen-2021.dossier"
GRANT, OWN = D(1688500), D(822500)
AWARDS = {"P1": D(490900), "P2": D(719500), "P3": D(478100)}  # INVENTED split, about 67 % of each request
SPLIT_NOTE = "rozdělení dotace 1 688 500 Kč mezi projekty a číslo rozhodnutí jsou VYMYŠLENÉ (vzorová data)"
INVENTED = " (VYMYŠLENO – vzorová data)"
ACHIEVED = {
    "P1": "Konference se konala 6.–7. 10. 2021 v Plzni: 382 účastníků (plán ≈ 400), 24 přednášek, online přenos "
    "sledovalo 610 diváků, sborník vydán v nákladu 400 ks.",
    "P2": "Čtyři asistenti prevence kriminality (druhá dvojice od 1. 7. 2021) působili v lokalitách Plac, Petrohrad "
    "a v nové lokalitě MO Plzeň 4: 1 870 pochůzek, 312 řešených přestupků, 96 podnětů sociálním službám.",
    "P3": "Instalovány 2 otočné a 2 pevné kamery na 2 bodech v MO Plzeň 3, připojeny do MKDS 15. 11. 2021; "
    "do konce roku 41 zaznamenaných událostí předaných PČR nebo MP.",
}
REPORT = {
    "P1": "Po přiznání nižší dotace byl zkrácen doprovodný program a snížen náklad tištěných materiálů.",
    "P2": "Nová dvojice asistentů nastoupila až 1. 7. 2021; od téhož dne vzrostly mzdy na 32 100 Kč měsíčně.",
    "P3": "Kamerový systém byl dodán levněji, než předpokládal rozpočet; práce skončily v listopadu 2021.",
}
SUPPLIERS = {
    "P1": [
        "Parkhotel Plzeň",
        "AV Studio Plzeň s.r.o.",
        "přednášející (DPP)",
        "moderátor (DPP)",
        "Tiskárna Západ s.r.o.",
        "Webdesign Plzeň s.r.o.",
        "Parkhotel Plzeň",
        "Eventy Plzeň s.r.o.",
        "cestovní příkazy",
        "Catering Bory s.r.o.",
    ],
    "P2": ["mzdy APK", "Vybavení Bezpečnost s.r.o.", "Vzdělávací institut", "Mobilní operátor a.s."],
    "P3": ["Kamery Plzeň a.s."] * 8,
}


def pay(
    line: int, day: dt.date, supplier: str, doc: str, amount: D, source: FundingSource, quantity: D | None = None
) -> Payment:
    return Payment(
        line=line,
        date=day,
        supplier=supplier + INVENTED if supplier[0].isupper() else supplier,
        document=doc,
        amount=amount,
        quantity=quantity,
        source=source,
    )


def main() -> None:
    dossier = native.load(SAMPLE)
    if dossier.submitted is not None:
        dossier.projects = dossier.submitted.application.projects
    dossier.submitted = None
    for project in dossier.projects:
        project.grant = None
    dossier.submitted = freeze(dossier, dt.datetime(2021, 2, 11, 10, 0))  # the day of the submission record
    # Wages: APK 1–2 all year at 31 500 Kč; APK 3–4 from July; everybody 32 100 Kč from July.
    wages = [(m, 2 if m < 7 else 4, D(31500) if m < 7 else D(32100)) for m in range(1, 13)]
    wage_total = sum((n * rate for _, n, rate in wages), D(0))
    # Every other line is paid in the same proportion, so that all costs come to grant + own share.
    others = [(p.id, i) for p in dossier.projects for i in range(len(p.budget)) if (p.id, i) != ("P2", 0)]
    planned = [line_total(dossier.project(pid).budget[i]) for pid, i in others]
    actual = dict(zip(others, _share_out(planned, GRANT + OWN - wage_total)))
    for project in dossier.projects:
        subsidies = _share_out([ln.requested for ln in project.budget], AWARDS[project.id])
        project.grant = ProjectGrant(
            award=Award(
                amount=AWARDS[project.id],
                decision_number=f"MV-OPK-2021-{project.id} (VYMYŠLENO)",
                decision_date=dt.date(2021, 5, 20),
                use_by=dt.date(2021, 12, 31),
                conditions="Dotaci lze použít jen na účel projektu do 31. 12. 2021; vyúčtování podle vyhlášky "
                "č. 367/2015 Sb.",
                note=SPLIT_NOTE,
            ),
            achieved=ACHIEVED[project.id] + INVENTED,
            report=REPORT[project.id] + INVENTED,
        )
        payments = project.grant.payments
        for i, _line in enumerate(project.budget):
            subsidy = subsidies[i]
            if (project.id, i) == ("P2", 0):
                left = subsidy
                for m, n, rate in wages:
                    amount = n * rate
                    part = (amount * subsidy / wage_total).quantize(D(1)) if m < 12 else left
                    left -= part
                    day = dt.date(2021, m, 28) if m < 12 else dt.date(2021, 12, 22)
                    payments.append(pay(i, day, "mzdy APK", f"MZ-2021-{m:02d}", part, FundingSource.SUBSIDY, D(n)))
                    payments.append(pay(i, day, "mzdy APK", f"MZ-2021-{m:02d}", amount - part, FundingSource.OWN, D(n)))
                continue
            cost = actual[(project.id, i)]
            day = {
                "P1": dt.date(2021, 10, 11 + i),
                "P2": dt.date(2021, 6, 10 + i),
                "P3": dt.date(2021, 9 + i // 4, 10 + i),
            }[project.id]
            supplier, doc = SUPPLIERS[project.id][i], f"FP-2021-{project.id[1]}{i + 1:02d}"
            if subsidy:
                payments.append(pay(i, day, supplier, doc, subsidy, FundingSource.SUBSIDY))
            if cost > subsidy:
                payments.append(pay(i, day, supplier, doc, cost - subsidy, FundingSource.OWN))
    dossier.metadata.note += (
        " Rok po přiznání dotace: skutečné jsou dotace 1 688 500 Kč a spolufinancování města "
        "822 500 Kč; " + SPLIT_NOTE + "; evidence plateb a texty závěrečné zprávy jsou VYMYŠLENÉ."
    )
    native.save(dossier, SAMPLE)


if __name__ == "__main__":
    main()
