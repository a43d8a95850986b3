"""The columns of a budget table: the one list shared by the table, the Excel sheet and the block reader.

Which columns exist, in which order, what they are called and which of them are derived
(computed from the others, never typed) is decided here and nowhere else; the text ⇄ value
rules of the cells live here too, so a paste and ``import-budget`` read numbers exactly as
typing does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .labels import BUDGET_FIELDS
from .money import MONEY_LIMIT, NBSP, QUANTITY_LIMIT, AmountError, format_number, parse_decimal
from .validation_messages import czech_reason

TEXT, CATEGORY, QUANTITY, MONEY = "text", "category", "quantity", "money"
DERIVED, BOOL, NUMBER = "derived", "bool", "number"


@dataclass(frozen=True)
class Column:
    key: str  # BudgetLine field, or "row" / "total" / "own" for derived columns
    title: str  # header text in the table; "\n" keeps the amount columns narrow
    kind: str
    tooltip: str
    aliases: tuple[str, ...] = ()  # other header names a spreadsheet may use for this column

    @property
    def label(self) -> str:
        """The title on one line: for messages and the exported workbook's header."""
        return self.title.replace("\n", " ")

    @property
    def editable(self) -> bool:
        return self.kind not in (DERIVED, NUMBER)

    @property
    def derived(self) -> bool:
        """Computed from the other columns: compared when pasted, never written."""
        return not self.editable

    @property
    def numeric(self) -> bool:
        return self.kind in (QUANTITY, MONEY, DERIVED, NUMBER)


COLUMNS: tuple[Column, ...] = (
    Column(
        "row",
        "Č.",
        NUMBER,
        "Pořadové číslo řádku (klepnutím vyberete celý řádek)",
        ("č", "číslo", "poř. č.", "pořadové číslo", "#"),
    ),
    Column(
        "text",
        BUDGET_FIELDS["text"],
        TEXT,
        "Název nákladové položky",
        ("název položky", "nákladová položka", "název", "popis položky"),
    ),
    Column(
        "category",
        BUDGET_FIELDS["category"],
        CATEGORY,
        "Kategorie nákladu podle seznamu programu pro daný rok",
        ("kategorie nákladu", "druh nákladu"),
    ),
    Column("unit", BUDGET_FIELDS["unit"], TEXT, "Měrná jednotka (ks, měsíc, h …)", ("měrná jednotka", "mj", "m. j.")),
    Column(
        "quantity",
        BUDGET_FIELDS["quantity"],
        QUANTITY,
        "Počet jednotek; nejvýše 4 desetinná místa",
        ("počet", "počet jednotek", "počet mj"),
    ),
    Column(
        "unit_price",
        "Cena za\njednotku",
        MONEY,
        "Cena za jednotku v Kč (např. 1 234,50)",
        ("jednotková cena", "cena za mj", "cena/jednotku", "cena za jedn."),
    ),
    Column(
        "total",
        BUDGET_FIELDS["total"],
        DERIVED,
        "Množství × cena za jednotku (počítá se samo)",
        ("celkem kč", "cena celkem", "náklady celkem", "celková cena", "celkové náklady"),
    ),
    Column(
        "requested",
        "Z toho\ndotace",
        MONEY,
        "Část nákladu, o kterou se žádá z dotace, v Kč",
        ("dotace", "požadovaná dotace", "z toho požadovaná dotace"),
    ),
    Column(
        "own",
        "Z toho\nvlastní podíl",
        DERIVED,
        "Celkem minus dotace (počítá se samo)",
        ("vlastní podíl", "spoluúčast", "vlastní zdroje", "z toho vlastní zdroje"),
    ),
    Column(
        "eligible",
        BUDGET_FIELDS["eligible"],
        BOOL,
        "Uznatelný náklad (mezerník nebo klepnutí přepne)",
        ("uznatelné", "uznatelný náklad", "uznatelnost"),
    ),
    Column(
        "justification",
        BUDGET_FIELDS["justification"],
        TEXT,
        "Zdůvodnění nákladu pro hodnotitele",
        ("odůvodnění", "zdůvodnění nákladu", "poznámka"),
    ),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
#: The header row of a budget table as a spreadsheet shows it ("Cena za jednotku" on one line).
HEADER_LABELS = tuple(column.label for column in COLUMNS)

_TRUE = {"ano", "a", "1", "true", "pravda", "x", "✓", "✔", "yes", "y"}
_FALSE = {"ne", "n", "0", "false", "nepravda", "no"}
_SPACES = re.compile(r"\s+")
_UNIT_SUFFIX = re.compile(r"\s*(\(kc\)|\[kc\]|v kc|kc)$")


def normalize_name(text: str) -> str:
    """A header or category name for comparison: no diacritics, case, line breaks or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", plain.casefold()).strip().rstrip(":*").strip()


def _header_key(text: str) -> str:
    return _UNIT_SUFFIX.sub("", normalize_name(text)).strip()


_BY_NAME: dict[str, int] = {}
for _index, _column in enumerate(COLUMNS):
    for _name in (_column.title, _column.label, BUDGET_FIELDS.get(_column.key, _column.label), *_column.aliases):
        _BY_NAME.setdefault(_header_key(_name), _index)


def column_for_header(text: object) -> int | None:
    """The column a header cell names ("CENA ZA\\nJEDNOTKU", "cena za jednotku (Kč)"), or None."""
    if text is None:
        return None
    key = _header_key(str(text))
    return _BY_NAME.get(key) if key else None


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
    places, limit = (2, MONEY_LIMIT) if kind in (MONEY, DERIVED) else (4, QUANTITY_LIMIT)
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
