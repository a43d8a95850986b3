"""The CLI as a user runs it: a real subprocess, exit codes, stdout/stderr."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=120)


def test_check_json_reports_the_2021_request(sample_2021_path):
    result = run("check", sample_2021_path, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"]["requested"] == 2511000
    assert len(data["totals"]["projects"]) == 3
    assert sum(p["requested"] for p in data["totals"]["projects"]) == 2511000
    for p in data["totals"]["projects"]:
        assert p["requested"] + p["own"] == p["total"]
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


@pytest.mark.parametrize("content", ['{"format": "cz.prevence-kriminality.dossier", "schema_version": 2, "ye',
                                     '{"format": "jiny"}',
                                     '{"format": "cz.prevence-kriminality.dossier", "schema_version": 7}'])
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
    result = subprocess.run([sys.executable, "-m", "dossier", "check", str(sample_2021_path), "--json"],
                            capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert result.returncode == 0 and json.loads(result.stdout)["totals"]["requested"] == 2511000


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


def test_a_mistyped_command_is_named_with_a_suggestion():
    result = run("chek", "resources/examples/plzen-2021.dossier")
    assert result.returncode == 2
    assert "Neznámý příkaz „chek“" in result.stderr and "„check“" in result.stderr
    assert "unrecognized" not in result.stderr


def test_screenshot_of_an_unknown_project_fails_clearly(tmp_path):
    result = run("resources/examples/plzen-2021.dossier", "--screenshot", str(tmp_path / "s.png"), "--select", "P9")
    assert result.returncode == 2 and "projekt P9 v žádosti není" in result.stderr
    assert not (tmp_path / "s.png").exists()
