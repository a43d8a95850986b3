"""Payments from rows of text: an accounting export (CSV/xlsx, with a header) or a pasted block.

Pure parsing, no files: ``formats/payments_import.py`` reads the file, the ledger table pastes the
clipboard. Every row is checked; problems come back as Czech messages naming the row, and the
caller keeps nothing unless all rows are good.

Columns are found by their header (Czech or English, any case, diacritics optional):
datum, dodavatel, doklad, částka, zdroj, řádek (number or the item's text), množství, poznámka.
Without a header row the order is: datum, dodavatel, doklad, částka, zdroj, poznámka.
A missing or empty source means the subsidy (what an office charges to the grant it books).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .grant import FundingSource, Payment
from .model import BudgetLine
from .money import AmountError, parse_money, parse_quantity
from .text import clean_text

MAX_ROWS = 100_000
MAX_ERRORS_SHOWN = 8

_ALIASES = {
    "date": ("datum", "datum platby", "datum uhrady", "date", "dat"),
    "supplier": ("dodavatel", "partner", "firma", "prijemce", "supplier", "vendor", "nazev partnera"),
    "document": ("doklad", "cislo dokladu", "c dokladu", "document", "doc", "vs", "variabilni symbol", "faktura"),
    "amount": ("castka", "castka kc", "kc", "amount", "suma", "uhrazeno", "celkem"),
    "source": ("zdroj", "zdroj financovani", "financovani", "source", "hrazeno z"),
    "line": ("radek", "radek rozpoctu", "polozka", "polozka rozpoctu", "line", "item"),
    "quantity": ("mnozstvi", "pocet", "quantity", "qty"),
    "note": ("poznamka", "popis", "text", "note", "ucel"),
}
POSITIONAL = ("date", "supplier", "document", "amount", "source", "note")
_SUBSIDY = {"dotace", "d", "mv", "subsidy", "grant", "ano", "z dotace", "statni dotace"}
_OWN = {"vlastni", "vlastni zdroje", "v", "own", "mesto", "obec", "spoluucast", "ne", "z vlastnich zdroju"}
_DATE = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def _plain(text: object) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def header_columns(row: Sequence[object]) -> dict[str, int] | None:
    """Field → column index when ``row`` is a header naming at least a date or an amount; else None."""
    found: dict[str, int] = {}
    for col, cell in enumerate(row):
        name = _plain(cell or "")
        for key, names in _ALIASES.items():
            if name in names and key not in found:
                found[key] = col
    return found if ("amount" in found and len(found) >= 2) else None


#: Day 1 of Excel's (and LibreOffice's) date numbers, counting the 1900 leap-year bug in.
EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Day numbers read as dates: 1. 1. 2000 to 31. 12. 2099.
EXCEL_SERIALS = (36526, 73050)


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if (
        isinstance(value, (int, Decimal))
        and not isinstance(value, bool)
        and EXCEL_SERIALS[0] <= value <= EXCEL_SERIALS[1]
    ):
        # A date cell of a workbook arrives as Excel's day number (the reader knows no number formats).
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = str(value or "").strip()
    match = _DATE.match(text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        match = _ISO.match(text)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise ValueError(f"datum „{text[:30]}“ není platné (zadejte např. 15. 3. 2021)")


def parse_source(value: object) -> FundingSource:
    text = _plain(value or "")
    if not text or text in _SUBSIDY:
        return FundingSource.SUBSIDY
    if text in _OWN:
        return FundingSource.OWN
    raise ValueError(f"zdroj „{str(value)[:30]}“ neznám (uveďte „dotace“ nebo „vlastní“)")


def match_line(value: object, budget: Sequence[BudgetLine]) -> int | None:
    """A budget line by its number (1-based) or by its text; None when the cell is empty."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        number = int(float(text))
        if 1 <= number <= len(budget):
            return number - 1
        raise ValueError(f"řádek rozpočtu {number} neexistuje (projekt má {len(budget)} řádků)")
    wanted = _plain(text)
    for index, line in enumerate(budget):
        if _plain(line.text) == wanted:
            return index
    raise ValueError(f"položku „{text[:40]}“ v rozpočtu projektu nenacházím")


@dataclass
class ParsedPayments:
    payments: list[Payment] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def message(self, where: str) -> str:
        shown = "; ".join(self.errors[:MAX_ERRORS_SHOWN])
        more = len(self.errors) - MAX_ERRORS_SHOWN
        return (
            f"{where}: {shown}"
            + (f"; a dalších {more} chyb" if more > 0 else "")
            + ". Opravte je a načtěte platby znovu."
        )


def _number_text(value: object, places: int) -> Any:  # parse_money/quantity refuse what is not a number
    """A spreadsheet float as exact text: 1234.5 → "1234.50"; binary noise (0.30000000000000004) is dropped."""
    if isinstance(value, float):
        rounded = round(value, places)
        return f"{rounded:.{places}f}" if abs(value - rounded) < 1e-6 else repr(value)
    return value


def _cell(row: Sequence[object], columns: dict[str, int], key: str) -> object:
    col = columns.get(key)
    return row[col] if col is not None and col < len(row) else None


def parse_rows(
    rows: Sequence[Sequence[object]],
    budget: Sequence[BudgetLine],
    *,
    default_line: int | None = None,
    first_row_number: int = 1,
) -> ParsedPayments:
    """Payments from ``rows`` (the first may be a header); blank rows are skipped."""
    result = ParsedPayments()
    rows = list(rows)
    columns = header_columns(rows[0]) if rows else None
    start = 1 if columns else 0
    columns = columns or {key: i for i, key in enumerate(POSITIONAL)}
    if len(rows) - start > MAX_ROWS:
        result.errors.append(f"plateb je příliš mnoho ({len(rows) - start}, nejvýše {MAX_ROWS})")
        return result
    for offset, row in enumerate(rows[start:], start=start):
        if not any(str(c).strip() for c in row if c is not None):
            continue
        where = f"řádek {first_row_number + offset}"
        try:
            line = match_line(_cell(row, columns, "line"), budget) if "line" in columns else default_line
            amount_cell = _cell(row, columns, "amount")
            try:
                amount = parse_money(_number_text(amount_cell, 2))
            except AmountError as exc:
                raise ValueError(str(exc).rstrip(".")) from None
            quantity_cell = _cell(row, columns, "quantity")
            quantity = None
            if quantity_cell not in (None, ""):
                try:
                    quantity = parse_quantity(_number_text(quantity_cell, 4))
                except AmountError as exc:
                    raise ValueError(str(exc).rstrip(".")) from None
            date_cell = _cell(row, columns, "date")
            payment = Payment(
                line=line,
                date=parse_date(date_cell) if date_cell not in (None, "") else None,
                supplier=clean_text(str(_cell(row, columns, "supplier") or ""))[:2000],
                document=clean_text(str(_cell(row, columns, "document") or ""))[:2000],
                amount=amount,
                quantity=quantity,
                source=parse_source(_cell(row, columns, "source")),
                note=clean_text(str(_cell(row, columns, "note") or ""))[:2000],
            )
        except ValueError as exc:
            result.errors.append(f"{where}: {_reason(exc)}")
            continue
        result.payments.append(payment)
    return result


def _reason(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):  # pydantic: the first reason is enough for one row
        first = errors()[0]
        return str(first.get("msg", exc)).removeprefix("Value error, ")
    return str(exc)
