"""The CLI as a user runs it: a real subprocess, exit codes, stdout/stderr."""

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
    )


def test_check_json_reports_the_2021_request(sample_2021_path):
    result = run("check", sample_2021_path, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"]["requested"] == "2511000.00"  # amounts are exact text with two decimals
    assert len(data["totals"]["projects"]) == 3
    assert sum(Decimal(p["requested"]) for p in data["totals"]["projects"]) == Decimal("2511000")
    for p in data["totals"]["projects"]:
        assert Decimal(p["requested"]) + Decimal(p["own"]) == Decimal(p["total"])
        assert all(re.fullmatch(r"-?\d+\.\d\d", p[key]) for key in p if key not in ("id", "title", "budget_type"))
    assert all(f["severity"] != "error" for f in data["findings"])
    assert set(data["findings"][0]) == {"severity", "code", "path", "message", "citation"}


def test_check_human_output_is_czech_and_exit_1_on_errors(tmp_path, sample_2021_path):
    text = sample_2021_path.read_text(encoding="utf-8").replace('"ico": "00075370"', '"ico": "1234"')
    broken = tmp_path / "chybná žádost.dossier"
    broken.write_text(text, encoding="utf-8")
    result = run("check", broken)
    assert result.returncode == 1
    assert "IČO „1234“ není platné" in result.stdout
    assert "Chyby: 1" in result.stdout


@pytest.mark.parametrize(
    "content",
    [
        '{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "ye',
        '{"format": "jiny"}',
        '{"format": "cz.prevence-kriminality.dossier", "schema_version": 7}',
    ],
)
def test_unreadable_input_exits_2_with_one_czech_line(tmp_path, content):
    path = tmp_path / "vstup.dossier"
    path.write_text(content, encoding="utf-8")
    for args in (("check", path), ("check", path, "--json"), ("export", path, "--xlsx", tmp_path / "x.xlsx")):
        result = run(*args)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Chyba: ")
        assert "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path):
    result = run("check", tmp_path / "nic.dossier")
    assert result.returncode == 2 and "neexistuje" in result.stderr


def test_schema_prints_the_file_format():
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["format"]["const"] == "cz.prevence-kriminality.dossier"
    assert "projects" in schema["properties"]


def test_python_dash_m_reaches_the_same_cli(sample_2021_path):
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "check", str(sample_2021_path), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["totals"]["requested"] == "2511000.00"


def test_usage_error_is_one_line_exit_2():
    result = run("check")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_help_and_usage_errors_are_czech():
    helped = run("export", "--help")
    assert helped.returncode == 0 and "použití:" in helped.stdout and "zobrazí tuto nápovědu" in helped.stdout
    assert "usage" not in helped.stdout and "show this help" not in helped.stdout
    missing = run("check")
    assert missing.returncode == 2 and "chybí povinné argumenty" in missing.stderr
    bad = run("rollover", "x.dossier", "--year", "dva", "-o", "y.dossier")
    assert bad.returncode == 2 and "neplatná hodnota" in bad.stderr and "invalid" not in bad.stderr


def test_every_argument_of_every_command_says_what_it_is_for():
    from dossier.cli import _command_parser

    commands = next(a for a in _command_parser()._actions if a.dest == "command").choices
    silent = [
        f"{name} {action.option_strings or action.dest}"
        for name, parser in commands.items()
        for action in parser._actions
        if not action.help and action.dest != "help"
    ]
    assert not silent


def test_a_mistyped_command_is_named_with_a_suggestion():
    result = run("chek", "resources/examples/plzen-2021.dossier")
    assert result.returncode == 2
    assert "Neznámý příkaz „chek“" in result.stderr and "„check“" in result.stderr
    assert "unrecognized" not in result.stderr


def test_screenshot_of_an_unknown_project_fails_clearly(tmp_path):
    result = run("resources/examples/plzen-2021.dossier", "--screenshot", str(tmp_path / "s.png"), "--select", "P9")
    assert result.returncode == 2 and "projekt P9 v žádosti není" in result.stderr
    assert not (tmp_path / "s.png").exists()


def _leaves(data):
    """(key, value) of every non-container value at any depth."""
    items = data.items() if isinstance(data, dict) else ((None, value) for value in data)
    for key, value in items:
        if isinstance(value, (dict, list)):
            yield from _leaves(value)
        else:
            yield key, value


def test_check_json_every_amount_is_text_with_two_decimals(sample_2021_path):
    """Nested project totals, the award and ledger figures, the submitted application: no float anywhere."""
    totals = json.loads(run("check", sample_2021_path, "--json").stdout)["totals"]
    leaves = list(_leaves(totals))
    amounts = [(key, value) for key, value in leaves if key not in ("id", "title", "budget_type")]
    assert {"awarded", "drawn_subsidy", "to_return"} <= {key for key, _ in amounts}
    assert all(isinstance(value, str) and re.fullmatch(r"-?\d+\.\d\d", value) for _, value in amounts), amounts
    assert not any(isinstance(value, (int, float)) for _, value in leaves)


def test_amounts_as_text_keeps_halere_exact():
    from dossier.cli import amounts_as_text

    data = {"total": Decimal("1234.5"), "own": 0, "rows": [{"to_return": Decimal("-0.01")}], "title": "P1", "x": None}
    assert amounts_as_text(data) == {
        "total": "1234.50",
        "own": "0.00",
        "rows": [{"to_return": "-0.01"}],
        "title": "P1",
        "x": None,
    }
