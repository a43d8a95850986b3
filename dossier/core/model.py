"""The dossier as pydantic models: the single source of truth for every view and export.

Field names are English; the Czech labels users see live in ``labels.py``. Amounts are
``Decimal`` (exact, two places). Derived figures (line totals, own share, project and
dossier totals) are not stored: ``totals.py`` computes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticKnownError

from .money import AmountError, parse_decimal, parse_money, parse_quantity
from .submission import Submission
from .text import clean_text

if TYPE_CHECKING:  # defined in grant.py, which completes these models on import (bottom of this module)
    from .grant import FrozenApplication, ProjectGrant

#: The most text one field may hold; far above any portal limit, low enough to stop a hostile file.
MAX_TEXT = 200_000


def _exact(parse: Callable[[Any], Decimal]) -> Callable[[Any], Decimal]:
    def validate(value: Any) -> Decimal:
        if isinstance(value, float):
            # A float is already inexact; the native reader parses JSON numbers as Decimal.
            raise ValueError("částka musí být zadána přesně (ne jako číslo s plovoucí čárkou)")
        try:
            return parse(value)
        except AmountError as exc:
            raise ValueError(str(exc)) from None

    return validate


def _serialize_decimal(value: Decimal) -> str:
    # "180000", "0.25": short and exact; loading quantizes it back to the same value.
    return format(value.normalize(), "f")


Money = Annotated[Decimal, BeforeValidator(_exact(parse_money)), PlainSerializer(_serialize_decimal, return_type=str)]
Quantity = Annotated[
    Decimal, BeforeValidator(_exact(parse_quantity)), PlainSerializer(_serialize_decimal, return_type=str)
]
#: A measured figure (indicator target, offences per 10 000 inhabitants): exact, up to 4 places.
Figure = Annotated[
    Decimal,
    BeforeValidator(_exact(lambda v: parse_decimal(v, places=4, what="Hodnota"))),
    PlainSerializer(_serialize_decimal, return_type=str),
]


def _clean_within(max_length: int) -> Callable[[str], str]:
    """``clean_text`` and then ``Field(max_length=…)``'s check (the same error), in one call: a big
    dossier has some 130 000 strings, and pydantic ran the length check as a second Python call."""

    def validate(value: str) -> str:
        value = clean_text(value)
        if len(value) > max_length:
            raise PydanticKnownError(
                "too_long", {"field_type": "Value", "max_length": max_length, "actual_length": len(value)}
            )
        return value

    return validate


Text = Annotated[
    str, AfterValidator(_clean_within(MAX_TEXT)), WithJsonSchema({"type": "string", "maxLength": MAX_TEXT})
]
ShortText = Annotated[str, AfterValidator(_clean_within(2_000)), WithJsonSchema({"type": "string", "maxLength": 2_000})]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ApplicantType(str, Enum):
    KRAJ = "kraj"
    OBEC = "obec"
    DSO = "dso"


class ProjectKind(str, Enum):
    APK = "APK"
    DOMOVNIK = "DOMOVNIK"
    MKDS = "MKDS"
    FORENZNI_ZNACENI = "FORENZNI_ZNACENI"
    KONFERENCE = "KONFERENCE"
    VZDELAVANI = "VZDELAVANI"
    SOCIALNI_PREVENCE = "SOCIALNI_PREVENCE"
    SITUACNI_PREVENCE = "SITUACNI_PREVENCE"
    OSTATNI = "OSTATNI"


class BudgetType(str, Enum):
    NEINV = "NEINV"
    INV = "INV"


class Person(Model):
    name: ShortText = ""
    role: ShortText = ""
    phone: ShortText = ""
    email: ShortText = ""


class Address(Model):
    street: ShortText = ""
    number: ShortText = ""
    city: ShortText = ""
    psc: ShortText = ""


class LocalStrategy(Model):
    title: ShortText = ""
    period: ShortText = ""  # e.g. "2021–2025"
    resolution: ShortText = ""  # approving council resolution


class CrimeRate(Model):
    """Recorded offences per 10 000 inhabitants in one year (MV methodology for security analyses)."""

    year: int = Field(ge=1990, le=2200)
    per_10k: Figure = Decimal("0")


class SecurityAnalysis(Model):
    date: dt.date | None = None
    data_years: list[int] = Field(default_factory=list)
    #: The locality (town, district, risky localities) the figures describe.
    locality: ShortText = ""
    #: Offences per 10 000 inhabitants, at least the last two years before the application.
    crime_rates: list[CrimeRate] = Field(default_factory=list)


class WorkingGroup(Model):
    established: dt.date | None = None
    members: Text = ""


class Applicant(Model):
    name: ShortText = ""
    type: ApplicantType = ApplicantType.OBEC
    ico: ShortText = ""
    dic: ShortText = ""
    address: Address = Field(default_factory=Address)
    kraj: ShortText = ""
    population: int | None = Field(default=None, ge=0, le=100_000_000)
    statutory_representative: Person = Field(default_factory=Person)
    crime_prevention_manager: Person = Field(default_factory=Person)
    contact_person: Person = Field(default_factory=Person)
    bank_account: ShortText = ""
    data_box_id: ShortText = ""
    local_strategy: LocalStrategy = Field(default_factory=LocalStrategy)
    security_analysis: SecurityAnalysis = Field(default_factory=SecurityAnalysis)
    working_group: WorkingGroup = Field(default_factory=WorkingGroup)


class BudgetLine(Model):
    text: ShortText = ""
    category: ShortText = ""  # code from the year's category list
    unit: ShortText = "ks"
    quantity: Quantity = Decimal("1")
    unit_price: Money = Decimal("0")
    requested: Money = Decimal("0")  # of which subsidy; own share = total - requested
    eligible: bool = True
    justification: Text = ""


class YearRange(Model):
    """A multi-year project (APK/Domovník pilots 2018–2020)."""

    from_year: int = Field(ge=1990, le=2200)
    to_year: int = Field(ge=1990, le=2200)


class ApkStaff(Model):
    label: ShortText = ""
    fte: Quantity = Decimal("1")
    months: int = Field(default=12, ge=0, le=12)
    monthly_cost: Money = Decimal("0")
    contract: ShortText = ""


class ApkSection(Model):
    count: int = Field(default=0, ge=0, le=1000)
    staff: list[ApkStaff] = Field(default_factory=list)
    mentor: ShortText = ""
    mentor_fte: Quantity = Decimal("0")
    localities: list[ShortText] = Field(default_factory=list)


class CameraPoint(Model):
    label: ShortText = ""
    location: ShortText = ""
    camera_type: ShortText = ""  # PTZ / pevná
    cameras: int = Field(default=1, ge=0, le=1000)
    connection: ShortText = ""


class MkdsSection(Model):
    camera_points: list[CameraPoint] = Field(default_factory=list)
    monitoring_regime: Text = ""
    retention_days: int | None = Field(default=None, ge=0, le=3650)
    access_rules: Text = ""


class Building(Model):
    address: ShortText = ""
    owner: ShortText = ""
    owned_by_municipality: bool = True


class DomovnikSection(Model):
    count: int = Field(default=0, ge=0, le=1000)
    hours_per_month: Quantity = Decimal("0")
    buildings: list[Building] = Field(default_factory=list)


class ConferenceSection(Model):
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    venue: ShortText = ""
    platform: ShortText = ""
    expected_participants: int | None = Field(default=None, ge=0, le=10_000_000)


class StrategyLink(Model):
    """How a project serves the national crime-prevention strategy and the town's own one."""

    #: Code of a goal or measure from the national strategy's code list of the dossier's year
    #: (``resources/strategy``).
    national: ShortText = ""
    #: The measure of the town's own (local) strategy, as the town's document names it.
    local_measure: Text = ""


class Indicator(Model):
    """A planned output as a measurable indicator: name, unit and target value."""

    name: ShortText = ""
    unit: ShortText = ""
    target: Figure = Decimal("0")


class DocumentStatus(str, Enum):
    NEEDED = "potreba"
    ATTACHED = "prilozeno"
    NOT_NEEDED = "nepotreba"


class EligibilityDocument(Model):
    """A document that decides eligibility (police opinion, contract, resolution, declaration)."""

    code: ShortText = ""  # code of the pack's document rule; "" for a document the user added
    name: ShortText = ""
    status: DocumentStatus = DocumentStatus.NEEDED
    note: ShortText = ""  # e.g. reference number or date


#: Narrative fields of a project card, in the order the narrative prints them.
NARRATIVE_FIELDS = (
    "problem",
    "goals",
    "activities",
    "staffing",
    "outputs",
    "evaluation",
    "sustainability",
    "previous_funding",
)


class Project(Model):
    id: ShortText
    title: ShortText = ""
    kind: ProjectKind = ProjectKind.OSTATNI
    budget_type: BudgetType = BudgetType.NEINV
    priority: ShortText = ""  # code from the year's priority list
    area: ShortText = ""  # oblast prevence
    residential: bool = False  # pobytová akce: lower subsidy rate
    target_group: Text = ""
    target_group_size: int | None = Field(default=None, ge=0, le=100_000_000)
    locality: Text = ""
    implementing_body: ShortText = ""
    #: The implementing body is another legal person than the applicant (then a contract is needed).
    external_implementer: bool = False
    partners: Text = ""
    problem: Text = ""
    goals: Text = ""
    activities: Text = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    staffing: Text = ""
    outputs: Text = ""
    evaluation: Text = ""
    sustainability: Text = ""
    previous_funding: Text = ""
    multi_year: YearRange | None = None
    apk: ApkSection | None = None
    mkds: MkdsSection | None = None
    domovnik: DomovnikSection | None = None
    conference: ConferenceSection | None = None
    budget: list[BudgetLine] = Field(default_factory=list)
    strategy: StrategyLink = Field(default_factory=StrategyLink)
    indicators: list[Indicator] = Field(default_factory=list)
    documents: list[EligibilityDocument] = Field(default_factory=list)
    grant: ProjectGrant | None = Field(default=None, exclude_if=lambda v: v is None)  # grant.py; absent while None


class Attachment(Model):
    name: ShortText
    required: bool = False
    path: ShortText = ""  # relative to the dossier file
    done: bool = False


class Metadata(Model):
    created: dt.datetime | None = None
    modified: dt.datetime | None = None
    app_version: ShortText = ""
    rolled_from: ShortText = ""  # file name and year of the dossier this one was rolled forward from
    note: Text = ""  # e.g. which sample data are invented
    #: Sample data shipped with the app (partly invented, listed in ``note``); screens and exports say so.
    sample: bool = False


class Dossier(Model):
    year: int = Field(ge=2000, le=2200)
    round: ShortText = ""  # "" for the regular call, "2" for a special round such as 2024-2
    applicant: Applicant = Field(default_factory=Applicant)
    projects: list[Project] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    #: Field paths carried over by a roll-forward and not yet confirmed, with the note to show.
    review: dict[str, ShortText] = Field(default_factory=dict)
    submission: Submission = Field(default_factory=Submission)  # portal ticks, council, submission record
    metadata: Metadata = Field(default_factory=Metadata)
    submitted: FrozenApplication | None = Field(default=None, exclude_if=lambda v: v is None)  # grant.py

    @property
    def program_key(self) -> str:
        """The rule-pack key: "2021", or "2024-2" for a special round."""
        return f"{self.year}-{self.round}" if self.round else str(self.year)

    def project(self, project_id: str) -> Project:
        for project in self.projects:
            if project.id == project_id:
                return project
        raise KeyError(project_id)

    def new_project_id(self) -> str:
        taken = {p.id for p in self.projects}
        n = 1
        while f"P{n}" in taken:
            n += 1
        return f"P{n}"


from . import grant as _grant  # noqa: E402,F401 - defines ProjectGrant and FrozenApplication and completes these models
