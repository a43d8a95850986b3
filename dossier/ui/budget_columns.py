"""The columns of the budget table and the text ⇄ value rules of their cells (no Qt widgets)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt

from ..core.labels import BUDGET_FIELDS
from ..core.money import MONEY_LIMIT, NBSP, QUANTITY_LIMIT, AmountError, format_number, parse_decimal
from ..core.validation_messages import czech_reason

TEXT, CATEGORY, QUANTITY, MONEY, DERIVED, BOOL, NUMBER = "text", "category", "quantity", "money", "derived", "bool", "number"


@dataclass(frozen=True)
class Column:
    key: str  # BudgetLine field, or "row" / "total" / "own" for derived columns
    title: str  # header text; "\n" keeps the amount columns narrow
    kind: str
    tooltip: str

    @property
    def label(self) -> str:
        """The title on one line, for messages."""
        return self.title.replace("\n", " ")

    @property
    def editable(self) -> bool:
        return self.kind not in (DERIVED, NUMBER)

    @property
    def numeric(self) -> bool:
        return self.kind in (QUANTITY, MONEY, DERIVED, NUMBER)


COLUMNS: tuple[Column, ...] = (
    Column("row", "Č.", NUMBER, "Pořadové číslo řádku (klepnutím vyberete celý řádek)"),
    Column("text", BUDGET_FIELDS["text"], TEXT, "Název nákladové položky"),
    Column("category", BUDGET_FIELDS["category"], CATEGORY, "Kategorie nákladu podle seznamu programu pro daný rok"),
    Column("unit", BUDGET_FIELDS["unit"], TEXT, "Měrná jednotka (ks, měsíc, h …)"),
    Column("quantity", BUDGET_FIELDS["quantity"], QUANTITY, "Počet jednotek; nejvýše 4 desetinná místa"),
    Column("unit_price", "Cena za\njednotku", MONEY, "Cena za jednotku v Kč (např. 1 234,50)"),
    Column("total", BUDGET_FIELDS["total"], DERIVED, "Množství × cena za jednotku (počítá se samo)"),
    Column("requested", "Z toho\ndotace", MONEY, "Část nákladu, o kterou se žádá z dotace, v Kč"),
    Column("own", "Z toho\nvlastní podíl", DERIVED, "Celkem minus dotace (počítá se samo)"),
    Column("eligible", BUDGET_FIELDS["eligible"], BOOL, "Uznatelný náklad (mezerník nebo klepnutí přepne)"),
    Column("justification", BUDGET_FIELDS["justification"], TEXT, "Zdůvodnění nákladu pro hodnotitele"),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_TRUE = {"ano", "a", "1", "true", "pravda", "x", "✓", "✔", "yes", "y"}
_FALSE = {"ne", "n", "0", "false", "nepravda", "no"}


def plain_number(text: str) -> str:
    """Number text for editors and spreadsheets: ordinary spaces instead of NBSP."""
    return text.replace(NBSP, " ")


def money_text(value: Decimal) -> str:
    """ "1 234,50" or "12 000": what the user types, without the currency."""
    return plain_number(format_number(value, 0 if value == value.to_integral() else 2))


def parse_number(kind: str, text: str | Decimal) -> Decimal:
    """A typed or pasted amount or quantity; ``ValueError`` with the Czech reason."""
    if isinstance(text, str) and not text.strip():
        return Decimal(0)  # a cleared cell means zero, as in a spreadsheet
    places, limit = (2, MONEY_LIMIT) if kind == MONEY else (4, QUANTITY_LIMIT)
    try:
        return parse_decimal(text, places=places, limit=limit, what="")
    except AmountError as exc:
        raise ValueError(czech_reason(exc)) from None


def parse_bool(text: str) -> bool:
    """ "ano"/"ne" and what spreadsheets write for it (PRAVDA, 1, x …)."""
    word = str(text).strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(f"„{str(text).strip()[:40]}“ není ano/ne")
