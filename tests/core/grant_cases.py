"""Broken variants of the 2021 sample for every check of the grant year (used by test_checks.CASES)."""

import datetime as dt
from decimal import Decimal

from dossier.core.grant import FundingSource, Payment


def _payments(d, project_id="P1"):
    return d.project(project_id).grant.payments


def _add(project_id, **kw):
    def mutate(d):
        _payments(d, project_id).append(Payment(date=dt.date(2021, 10, 20), **kw))

    return mutate


def _first(field, value, project_id="P1"):
    def mutate(d):
        setattr(_payments(d, project_id)[0], field, value)

    return mutate


def _all_from_subsidy(d):
    for payment in _payments(d):
        payment.source = FundingSource.SUBSIDY


def _drop_last_subsidy(d):
    payments = _payments(d, "P3")
    index = max(i for i, p in enumerate(payments) if p.source == FundingSource.SUBSIDY)
    del payments[index]


GRANT_CASES = {
    "SUBSIDY_UNUSED": lambda d: setattr(d.project("P1").grant.award, "amount", Decimal(800000)),
    "PAYMENT_NO_LINE": _first("line", None),
    "PAYMENT_INELIGIBLE_SUBSIDY": _add("P1", line=9, amount=Decimal(1000), source=FundingSource.SUBSIDY),
    "PAYMENT_NO_DATE": _first("date", None),
    "PAYMENT_OUTSIDE_PERIOD": _first("date", dt.date(2022, 1, 15)),
    "PAYMENT_NOT_POSITIVE": _first("amount", Decimal(0)),
    "LINE_OVERSPENT": _add("P1", line=0, amount=Decimal(200000), source=FundingSource.OWN),
    "LINE_SUBSIDY_OVER": _add("P1", line=0, amount=Decimal(100000), source=FundingSource.SUBSIDY),
    "SUBSIDY_OVER_AWARD": _add("P1", line=1, amount=Decimal(100000), source=FundingSource.SUBSIDY),
    "SUBSIDY_SHARE_OVER_CAP": _all_from_subsidy,
    "SUBSIDY_TO_RETURN": _drop_last_subsidy,
}
