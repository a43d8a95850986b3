"""The submission deadline: warn as it nears and after it passes with no submission recorded."""

from __future__ import annotations

from collections.abc import Iterator

from ..checklist import WARN_DAYS, checklist
from ..dates import format_date
from ..submission import days_left, days_text
from .base import INFO, WARNING, Context, Finding, check

_OPEN = ("council", "signed", "attachments")


@check
def submission_deadline(ctx: Context) -> Iterator[Finding]:
    sub = ctx.dossier.submission
    deadline = ctx.pack.deadline
    cite = deadline.citation
    if sub.is_submitted:
        sent = sub.sent.date
        assert sent is not None  # is_submitted means a sending date
        if sent > deadline.value:
            yield Finding(
                WARNING,
                "SUBMITTED_LATE",
                "submission/sent/date",
                f"Žádost je zaznamenána jako podaná {format_date(sent)}, po termínu "
                f"{format_date(deadline.value)}; ověřte datum podání.",
                cite,
            )
        else:
            yield Finding(
                INFO,
                "SUBMITTED",
                "submission/sent/date",
                f"Žádost podána {format_date(sent)}"
                + (f", č. j. {sub.sent.reference}" if sub.sent.reference else "")
                + ".",
                cite,
            )
        return
    if ctx.choice.is_fallback:
        return  # another year's deadline would mislead; RULES_FALLBACK already says the rules are missing
    today = ctx.today
    left = days_left(deadline.value, today)
    if left < 0:
        yield Finding(
            WARNING,
            "DEADLINE_PASSED",
            "submission/sent/date",
            f"Termín podání {format_date(deadline.value)} uplynul a žádost není zaznamenána jako podaná; "
            f"pokud byla odeslána, zapište na stránce Podání datum a číslo jednací.",
            cite,
        )
    elif left <= WARN_DAYS:
        missing = [
            item.label.lower()
            for item in checklist(ctx.dossier, ctx.pack, today)
            if item.key in _OPEN and not item.done
        ]
        rest = f" Chybí: {'; '.join(missing)}." if missing else ""
        yield Finding(
            WARNING,
            "DEADLINE_NEAR",
            "submission/sent/date",
            f"Do termínu podání {format_date(deadline.value)} {days_text(deadline.value, today)} "
            f"a žádost ještě není podána.{rest}",
            cite,
        )
