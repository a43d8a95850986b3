"""The applicant block : identity, account, data box, preconditions, attachments."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import year_spans
from ..identifiers import CNB_BANK_CODE, account_checksum_ok, data_box_valid, ico_valid, parse_account
from ..labels import APPLICANT_TYPES
from ..model import ApplicantType
from .base import (
    CITE_ACCOUNT,
    CITE_ANALYSIS,
    CITE_CNB,
    CITE_DATA_BOX,
    CITE_FORMAL,
    CITE_ICO,
    CITE_SIGNATURE,
    ERROR,
    WARNING,
    Context,
    Finding,
    check,
)


@check
def applicant_identity(ctx: Context) -> Iterator[Finding]:
    a = ctx.dossier.applicant
    if not a.name.strip():
        yield Finding(ERROR, "APPLICANT_NAME_MISSING", "applicant/name", "Chybí název žadatele.", CITE_FORMAL)
    allowed = ctx.pack.allowed_applicant_types
    if a.type.value not in allowed.value:
        names = ", ".join(APPLICANT_TYPES[ApplicantType(t)] for t in allowed.value)
        yield Finding(
            ERROR,
            "APPLICANT_TYPE",
            "applicant/type",
            f"Žadatelem může být v roce {ctx.pack.key} jen: {names}.",
            allowed.citation,
        )
    if not a.ico.strip():
        yield Finding(ERROR, "ICO_MISSING", "applicant/ico", "Chybí IČO žadatele.", CITE_ICO)
    elif not ico_valid(a.ico.strip()):
        yield Finding(
            ERROR,
            "ICO_INVALID",
            "applicant/ico",
            f"IČO „{a.ico}“ není platné (8 číslic s kontrolní číslicí).",
            CITE_ICO,
        )
    if not a.statutory_representative.name.strip():
        yield Finding(
            ERROR,
            "STATUTORY_MISSING",
            "applicant/statutory_representative/name",
            "Chybí statutární zástupce, který žádost podepisuje.",
            CITE_SIGNATURE,
        )
    if not a.crime_prevention_manager.name.strip():
        yield Finding(
            ERROR,
            "MANAGER_MISSING",
            "applicant/crime_prevention_manager/name",
            "Chybí manažer prevence kriminality (podmínka programu).",
            CITE_FORMAL,
        )


@check
def bank_account(ctx: Context) -> Iterator[Finding]:
    account = ctx.dossier.applicant.bank_account.strip()
    path = "applicant/bank_account"
    if not account:
        yield Finding(ERROR, "ACCOUNT_MISSING", path, "Chybí bankovní účet žadatele.", CITE_CNB)
        return
    parts = parse_account(account)
    if parts is None:
        yield Finding(
            ERROR,
            "ACCOUNT_FORMAT",
            path,
            f"Číslo účtu „{account}“ nemá tvar předčíslí-číslo/kód banky (např. 94-1234567/0710).",
            CITE_ACCOUNT,
        )
        return
    if not account_checksum_ok(account):
        yield Finding(
            ERROR,
            "ACCOUNT_CHECKSUM",
            path,
            f"Číslo účtu „{account}“ nevyhovuje kontrolnímu součtu – zřejmě překlep.",
            CITE_ACCOUNT,
        )
    if parts[2] != CNB_BANK_CODE:
        obec = ctx.dossier.applicant.type == ApplicantType.OBEC
        yield Finding(
            ERROR if obec else WARNING,
            "ACCOUNT_NOT_CNB",
            path,
            f"Účet pro státní dotaci musí být vedený u ČNB (kód banky {CNB_BANK_CODE}), ne {parts[2]}.",
            CITE_CNB,
        )


@check
def data_box(ctx: Context) -> Iterator[Finding]:
    box = ctx.dossier.applicant.data_box_id.strip()
    if not box:
        yield Finding(
            WARNING,
            "DATA_BOX_MISSING",
            "applicant/data_box_id",
            "Chybí ID datové schránky žadatele; žádost se podává datovou schránkou.",
            CITE_DATA_BOX,
        )
    elif not data_box_valid(box):
        yield Finding(
            ERROR,
            "DATA_BOX_INVALID",
            "applicant/data_box_id",
            f"ID datové schránky „{box}“ má mít 7 znaků (malá písmena a číslice).",
            CITE_DATA_BOX,
        )


@check
def preconditions(ctx: Context) -> Iterator[Finding]:
    a, year = ctx.dossier.applicant, ctx.year
    if not a.local_strategy.title.strip():
        yield Finding(
            ERROR,
            "STRATEGY_MISSING",
            "applicant/local_strategy/title",
            "Chybí víceletý strategický dokument prevence kriminality (podmínka programu).",
            CITE_FORMAL,
        )
    spans = year_spans(a.local_strategy.period)
    if not spans:
        yield Finding(
            ERROR,
            "STRATEGY_PERIOD_MISSING",
            "applicant/local_strategy/period",
            "Uveďte období platnosti strategického dokumentu (např. 2021–2025).",
            CITE_FORMAL,
        )
    elif not any(first <= year <= last for first, last in spans):
        yield Finding(
            ERROR,
            "STRATEGY_PERIOD",
            "applicant/local_strategy/period",
            f"Strategický dokument ({a.local_strategy.period}) nepokrývá rok {year}.",
            CITE_FORMAL,
        )
    analysis = a.security_analysis
    if analysis.date is None:
        yield Finding(
            ERROR,
            "ANALYSIS_MISSING",
            "applicant/security_analysis/date",
            "Chybí datum bezpečnostní analýzy (podmínka programu).",
            CITE_FORMAL,
        )
    if len(set(analysis.data_years)) < 2:
        yield Finding(
            WARNING,
            "ANALYSIS_YEARS",
            "applicant/security_analysis/data_years",
            "Bezpečnostní analýza má obsahovat data nejméně za 2 roky.",
            CITE_ANALYSIS,
        )
    elif max(analysis.data_years) < year - 2:
        yield Finding(
            WARNING,
            "ANALYSIS_STALE",
            "applicant/security_analysis/data_years",
            f"Nejnovější data bezpečnostní analýzy jsou z roku {max(analysis.data_years)}; "
            f"pro rok {year} očekávejte aspoň data z roku {year - 2}.",
            CITE_ANALYSIS,
        )
    if a.working_group.established is None and not a.working_group.members.strip():
        yield Finding(
            ERROR,
            "WORKING_GROUP_MISSING",
            "applicant/working_group",
            "Chybí údaje o pracovní skupině prevence kriminality (podmínka programu).",
            CITE_FORMAL,
        )


@check
def attachments(ctx: Context) -> Iterator[Finding]:
    for i, att in enumerate(ctx.dossier.attachments):
        if att.required and not att.done:
            yield Finding(
                WARNING,
                "ATTACHMENT_MISSING",
                f"attachments/{i}/done",
                f"Povinná příloha „{att.name}“ není označena jako hotová.",
                ctx.pack.attachments.citation,
            )
