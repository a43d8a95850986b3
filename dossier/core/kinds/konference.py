"""Konference: a conference held in the programme year, on site or online."""

from __future__ import annotations

from collections.abc import Iterator

from ..checks.base import CITE_PERIOD, CITE_PROJECT, ERROR, WARNING, Context, Finding, where
from ..dates import format_date, format_period
from ..model import ConferenceSection, Project, ProjectKind
from ..money import format_number
from ..paths import project_path
from .base import KindBlock, KindSpec

FIELD_LABELS = {
    "date_from": "Konference – zahájení",
    "date_to": "Konference – ukončení",
    "venue": "Místo konání",
    "platform": "Online platforma",
    "expected_participants": "Očekávaný počet účastníků",
}
DATES = "Termín konání"


def block(project: Project) -> KindBlock:
    conf = project.conference
    assert conf is not None  # KindSpec.block_of asks only when the section exists
    f = FIELD_LABELS
    participants = format_number(conf.expected_participants) if conf.expected_participants is not None else ""
    return KindBlock(
        facts=[
            (DATES, format_period(conf.date_from, conf.date_to)),
            (f["venue"], conf.venue),
            (f["platform"], conf.platform),
            (f["expected_participants"], participants),
        ]
    )


def check_project(ctx: Context, p: Project) -> Iterator[Finding]:
    c = p.conference
    if c is None or c.date_from is None:
        yield Finding(
            WARNING,
            "CONFERENCE_DATES",
            project_path(p.id, "conference", "date_from"),
            f"{where(p)}: uveďte termín konference.",
            CITE_PROJECT,
        )
    elif c.date_from.year != ctx.year:
        yield Finding(
            ERROR,
            "CONFERENCE_YEAR",
            project_path(p.id, "conference", "date_from"),
            f"{where(p)}: konference {format_date(c.date_from)} není v roce {ctx.year}.",
            CITE_PERIOD,
        )
    if c is None or not (c.venue.strip() or c.platform.strip()):
        yield Finding(
            WARNING,
            "CONFERENCE_VENUE",
            project_path(p.id, "conference", "venue"),
            f"{where(p)}: uveďte místo konání nebo platformu.",
            CITE_PROJECT,
        )


KIND = KindSpec(
    ProjectKind.KONFERENCE,
    "Konference",
    "Konference",
    section="conference",
    section_model=ConferenceSection,
    tab_title="Konference",
    field_labels=FIELD_LABELS,
    block=block,
    project_checks=(check_project,),
    rollover_rules=(
        {"path": "projects/*/conference", "action": "review"},
        {
            "path": "projects/*/conference/date_from",
            "action": "review",
            "transform": "shift_date",
            "label": FIELD_LABELS["date_from"],
        },
        {
            "path": "projects/*/conference/date_to",
            "action": "review",
            "transform": "shift_date",
            "label": FIELD_LABELS["date_to"],
        },
    ),
)
