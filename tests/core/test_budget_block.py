"""The one budget-block reader: columns by header or position, derived columns compared, Czech numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dossier.core.budget_block import (
    MAX_ROWS,
    BlockRefused,
    apply_block,
    read_block,
    split_text,
)
from dossier.core.budget_columns import COLUMN_KEYS, COLUMNS, HEADER_LABELS, column_for_header
from dossier.core.model import BudgetLine
from dossier.core.rules import rules_for

PACK = rules_for(2021).pack


def read(text_or_rows, **kwargs):
    cells = split_text(text_or_rows) if isinstance(text_or_rows, str) else text_or_rows
    return read_block(cells, PACK.categories, PACK.key, **kwargs)


def keys(block) -> list[str | None]:
    return [COLUMN_KEYS[c] if c is not None else None for c in block.columns]


@pytest.mark.parametrize(
    "name",
    [
        "Cena za\njednotku",
        "CENA ZA JEDNOTKU",
        "cena  za   jednotku (Kč)",
        " Cena za jednotku: ",
        "Cena za jednotku [Kč]",
    ],
)
def test_header_names_tolerate_case_spaces_line_breaks_and_units(name):
    assert COLUMN_KEYS[column_for_header(name)] == "unit_price"


def test_header_names_tolerate_missing_diacritics():
    assert COLUMN_KEYS[column_for_header("Z TOHO VLASTNI PODIL")] == "own"
    assert COLUMN_KEYS[column_for_header("Zduvodneni")] == "justification"
    assert COLUMN_KEYS[column_for_header("Mnozstvi")] == "quantity"
    assert column_for_header("Poznámka vedoucího") is None


def test_table_titles_and_workbook_headers_name_every_column():
    for index, column in enumerate(COLUMNS):
        assert column_for_header(column.title) == index
        assert column_for_header(HEADER_LABELS[index]) == index


def test_header_in_any_order_with_an_unknown_column():
    block = read("Zdůvodnění;Množství;Interní číslo;Položka;Cena za jednotku\nNutné;2;A-17;Kamera;1 234,50\n")
    assert block.header
    assert keys(block) == ["justification", "quantity", None, "text", "unit_price"]
    assert block.rows[0].values == {
        "justification": "Nutné",
        "quantity": Decimal(2),
        "text": "Kamera",
        "unit_price": Decimal("1234.50"),
    }
    assert any("„Interní číslo“" in finding for finding in block.findings)


def test_without_header_columns_follow_the_table_including_derived_ones():
    block = read("Kamera\tTECHNOLOGIE\tks\t2\t95000\t190000\t171000\t19000\tano\tDůvod\n")
    assert not block.header
    assert keys(block) == list(COLUMN_KEYS[1:])  # starts at Položka
    row = block.rows[0]
    assert row.given == {"total": Decimal(190000), "own": Decimal(19000)}  # compared, not values
    assert "total" not in row.values and "own" not in row.values
    whole = read("7\tKamera\tTECHNOLOGIE\tks\t2\t95000\t190000\t171000\t19000\tano\tDůvod\n")
    assert keys(whole) == list(COLUMN_KEYS)  # a whole table row starts at Č.; Č. itself is never written
    assert apply_block([], whole).lines == apply_block([], block).lines


def test_pasting_from_a_column_and_extra_columns():
    block = read("3\t100\t300\t250\tx\ty\tz\tw\n", start_column=COLUMN_KEYS.index("quantity"))
    assert keys(block) == ["quantity", "unit_price", "total", "requested", "own", "eligible", "justification", None]
    assert any("sloupce navíc: 1" in f for f in block.findings)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1 234,50", "1234.50"),
        ("1234.5", "1234.50"),
        ("1\u00a0234,50 Kč", "1234.50"),
        ("12 000,- Kč", "12000"),
        ("1.234,50", "1234.50"),
    ],
)
def test_czech_numbers_as_the_table_accepts_them(typed, value):
    block = read([["Položka", "Cena za jednotku"], ["A", typed]])
    assert block.rows[0].values["unit_price"] == Decimal(value)


def test_workbook_floats_are_read_as_the_decimals_they_show():
    block = read([["Množství", "Cena za jednotku", "Celkem"], [3, 0.1 + 0.2, 0.9000000000000001]])
    line = apply_block([], block).lines[0]
    assert line.unit_price == Decimal("0.30") and line.quantity == 3


def test_total_within_a_haler_is_accepted_beyond_it_refused():
    ok = read([["Množství", "Cena za jednotku", "Celkem"], ["3", "0,33", "1,00"]])  # 0,99 vs 1,00
    assert apply_block([], ok).lines[0].unit_price == Decimal("0.33")
    bad = read(
        [
            ["Položka", "Množství", "Cena za jednotku", "Celkem"],
            ["Plakát", "3", "0,33", "1,01"],
            ["Leták", "1", "5", "5"],
        ]
    )
    with pytest.raises(BlockRefused) as refused:
        apply_block([], bad)
    message = str(refused.value)
    assert message.startswith("Řádek 2 („Plakát“): Celkem 1,01\u00a0Kč")
    assert "0,99\u00a0Kč" in message and "Nic se nezměnilo" in message


def test_subsidy_and_own_share_must_add_up_to_total():
    block = read(
        [
            ["Položka", "Množství", "Cena za jednotku", "Z toho dotace", "Z toho vlastní podíl"],
            ["Kamera", 2, 95000, 171000, 20000],
        ]
    )
    with pytest.raises(BlockRefused) as refused:
        apply_block([], block)
    message = str(refused.value)
    assert "Řádek 2 („Kamera“)" in message
    assert "171\u00a0000\u00a0Kč" in message and "20\u00a0000\u00a0Kč" in message and "190\u00a0000\u00a0Kč" in message


def test_refusal_leaves_the_given_lines_alone():
    lines = [BudgetLine(text="A", quantity=Decimal(1), unit_price=Decimal(10))]
    before = [line.model_copy() for line in lines]
    block = read([["Množství", "Celkem"], ["2", "30"]])  # 2 × 10 = 20, not 30
    with pytest.raises(BlockRefused):
        apply_block(lines, block, 0)
    assert lines == before


def test_derived_figures_compared_against_the_line_they_land_on():
    lines = [BudgetLine(text="A", quantity=Decimal(2), unit_price=Decimal(10), requested=Decimal(15))]
    block = read("20\t5\n", start_column=COLUMN_KEYS.index("total"))  # Celkem, then Z toho dotace
    applied = apply_block(lines, block, 0)
    assert applied.lines[0].requested == Decimal(5) and applied.changed == 1 and applied.added == 0


def test_unknown_category_is_kept_and_reported():
    block = read("Položka;Kategorie\nA;Technologie (kamery, HW)\nB;Zcela nová\nC;sw_licence\nD;\n")
    lines = apply_block([], block).lines
    assert [line.category for line in lines] == ["TECHNOLOGIE", "Zcela nová", "SW_LICENCE", ""]
    assert block.findings == [
        (
            f"Řádek 3: kategorie „Zcela nová“ není v seznamu pro rok {PACK.key}; "
            "vložena tak, jak je – v tabulce ji vyberte ze seznamu."
        )
    ]


def test_exported_labels_map_back_to_codes():
    name = PACK.categories.name_of("MATERIAL")
    block = read([["Kategorie"], [f"{name} (MATERIAL)"], ["bez kategorie"]])
    assert [line.category for line in apply_block([], block).lines] == ["MATERIAL", ""]


def test_unreadable_cells_are_listed_and_the_rest_is_read():
    block = read([["Položka", "Množství", "Uznatelný"], ["A", "abc", "snad"], ["B", "2", "ne"]])
    assert [p.split(":")[0] for p in block.problems] == ["Řádek 2, Množství", "Řádek 2, Uznatelný"]
    lines = apply_block([], block).lines
    assert lines[1].quantity == 2 and lines[1].eligible is False and lines[0].quantity == 1


def test_summary_row_ends_the_table():
    block = read(
        [
            ["Položka", "Množství", "Cena za jednotku", "Celkem"],
            ["A", 1, 10, 10],
            ["Celkem", None, None, 10],
            ["B", 1, 5, 5],
        ]
    )
    assert [row.values["text"] for row in block.rows] == ["A"]
    assert "Řádek 3 („Celkem“) je součtový" in block.findings[0]
    assert "vynecháno neprázdných řádků: 1" in block.findings[0]


def test_header_found_below_a_title_block():
    rows = [["Rozpočet 2025", None], [None, None], ["Položka", "Celkem"], ["A", None]]
    block = read(rows, find_header=True)
    assert block.header and [r.number for r in block.rows] == [4]


def test_csv_with_commas_and_quoted_decimal_commas():
    assert split_text('Položka,Cena za jednotku\n"Kamera, venkovní","1 234,50"\n') == [
        ["Položka", "Cena za jednotku"],
        ["Kamera, venkovní", "1 234,50"],
    ]
    assert split_text("a;b,c\n") == [["a", "b,c"]]
    assert split_text("a,b\tc\n") == [["a,b", "c"]]  # a tab wins: clipboard TSV


def test_empty_rows_append_nothing_but_keep_positions_when_overwriting():
    block = read("A\n\nB\n")
    assert [line.text for line in apply_block([], block).lines] == ["A", "B"]
    lines = [BudgetLine(text="x"), BudgetLine(text="y"), BudgetLine(text="z")]
    assert [line.text for line in apply_block(lines, block, 0).lines] == ["A", "y", "B"]


def test_a_hostile_number_of_rows_is_refused():
    with pytest.raises(BlockRefused, match="víc než"):
        read([["x"]] * (MAX_ROWS + 1))


def test_a_giant_cell_is_refused_in_czech():
    with pytest.raises(BlockRefused, match="Řádek 2 bloku nelze přečíst"):
        split_text("Položka\tZdůvodnění\nA\t" + "x" * 200_000 + "\n")


def test_text_longer_than_a_field_allows_is_a_problem_not_a_crash():
    block = read([["Položka", "Jednotka"], ["A", "m" * 5000]])
    assert block.problems and block.problems[0].startswith("Řádek 2, Jednotka:")
