"""Named styles of the Word narrative: one definition for the bundled template and the fallback.

``docx_template.build_default_template`` (run by ``resources/templates/make_narrative_template.py``)
defines them in ``narrative.docx``; the export calls ``ensure_styles`` so that a user's own
template missing one of our styles still works (the missing style is added with our definition,
the user's other styles are left alone).

Fonts are Calibri (on every Windows machine; LibreOffice substitutes the metric-compatible
Carlito), set explicitly for ascii/hAnsi/eastAsia/cs, because theme fonts of python-docx's
default template would otherwise win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Pt, RGBColor, Twips

from .compat import remove_ilvl

FONT = "Calibri"
LANGUAGE = "cs-CZ"

# Style names the export uses; the values are the names Word stores in styles.xml.
NORMAL = "Normal"
TITLE = "Title"
SUBTITLE = "Subtitle"
HEADING_1 = "Heading 1"
HEADING_2 = "Heading 2"
HEADING_3 = "Heading 3"
LIST_BULLET = "List Bullet"
FOOTER = "Footer"
STRONG = "Strong"
CELL = "Tabulka text"
CELL_BOLD = "Tabulka tučně"
CELL_AMOUNT = "Tabulka částka"
CELL_AMOUNT_BOLD = "Tabulka částka tučně"
CELL_NOTE = "Tabulka poznámka"
BELOW_TABLE = "Text pod tabulkou"
TABLE = "Tabulka žádosti"


@dataclass(frozen=True)
class ParaStyle:
    name: str
    style_id: str
    base: str | None = NORMAL
    size: float | None = None
    bold: bool | None = None
    color: str | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    before: float | None = None
    after: float | None = None
    single_line: bool = False
    keep_next: bool = False
    bullet: bool = False
    custom: bool = False  # not one of Word's built-in styles


PARAGRAPH_STYLES = (
    ParaStyle(NORMAL, "Normal", base=None, size=11, after=6),
    ParaStyle(TITLE, "Title", size=26, bold=True, color="1F3864", before=140, after=18, single_line=True),
    ParaStyle(SUBTITLE, "Subtitle", size=15, color="404040", after=36),
    ParaStyle(HEADING_1, "Heading1", size=16, bold=True, color="1F3864", before=18, after=8, keep_next=True),
    ParaStyle(HEADING_2, "Heading2", size=13, bold=True, color="2E5597", before=12, after=4, keep_next=True),
    ParaStyle(HEADING_3, "Heading3", size=11, bold=True, color="404040", before=8, after=2, keep_next=True),
    ParaStyle(LIST_BULLET, "ListBullet", after=2, bullet=True),
    ParaStyle(FOOTER, "Footer", size=9, color="595959", align=WD_ALIGN_PARAGRAPH.CENTER, after=0, single_line=True),
    ParaStyle(CELL, "TabulkaText", size=9, after=0, single_line=True, custom=True),
    ParaStyle(CELL_BOLD, "TabulkaTucne", base=CELL, bold=True, custom=True),
    ParaStyle(CELL_AMOUNT, "TabulkaCastka", base=CELL, align=WD_ALIGN_PARAGRAPH.RIGHT, custom=True),
    ParaStyle(CELL_AMOUNT_BOLD, "TabulkaCastkaTucne", base=CELL_AMOUNT, bold=True, custom=True),
    ParaStyle(CELL_NOTE, "TabulkaPoznamka", base=CELL, size=8, color="595959", custom=True),
    ParaStyle(BELOW_TABLE, "TextPodTabulkou", size=10, before=4, after=6, custom=True),
)

THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Borders and compact cell margins; header row, first column and totals row shaded by the style.
_TABLE_STYLE_XML = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="TabulkaZadosti">
  <w:name w:val="{TABLE}"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="29" w:type="dxa"/>
      <w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="29" w:type="dxa"/>
      <w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE3EF"/></w:tcPr></w:tblStylePr>
  <w:tblStylePr w:type="lastRow"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/></w:tcPr></w:tblStylePr>
  <w:tblStylePr w:type="firstCol"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr></w:tblStylePr>
</w:style>
"""


def set_fonts(rpr) -> None:
    """Explicit Calibri for every script; theme attributes would override it."""
    fonts = rpr.get_or_add_rFonts()
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _set_language(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), LANGUAGE)


def doc_defaults_rpr(doc: DocxDocument):
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    return rpr


def set_document_language(doc: DocxDocument) -> None:
    """cs-CZ for spelling and hyphenation: on the document defaults and on Normal."""
    _set_language(doc_defaults_rpr(doc))
    if NORMAL in doc.styles:
        _set_language(doc.styles[NORMAL].element.get_or_add_rPr())


def _bullet_num_id(doc: DocxDocument) -> int:
    """A new single-level bullet list in numbering.xml (created if the template has none)."""
    try:
        numbering = cast(NumberingPart, doc.part.part_related_by(RT.NUMBERING)).element
    except KeyError:
        numbering = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, numbering, doc.part.package)
        doc.part.relate_to(part, RT.NUMBERING)
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/></w:rPr></w:lvl></w:abstractNum>'
    )
    # Schema order: every abstractNum before the first num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return num_id


def define_paragraph_style(doc: DocxDocument, spec: ParaStyle) -> None:
    styles = doc.styles
    if spec.name in styles:
        style = styles[spec.name]
    else:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH, builtin=not spec.custom)
        style.element.styleId = spec.style_id
    if spec.base and spec.base in styles:
        style.base_style = styles[spec.base]
    style.quick_style = True
    # No font here: styles inherit it from Normal, so a user template keeps its own typeface.
    font, fmt = style.font, style.paragraph_format
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.color is not None:
        font.color.rgb = RGBColor.from_string(spec.color)
    if spec.align is not None:
        fmt.alignment = spec.align
    if spec.before is not None:
        fmt.space_before = Pt(spec.before)
    if spec.after is not None:
        fmt.space_after = Pt(spec.after)
    if spec.single_line:
        fmt.line_spacing = 1.0
    if spec.keep_next:
        fmt.keep_with_next = True
        fmt.keep_together = True
    if spec.bullet:
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        remove_ilvl(num_pr)
        num_pr.get_or_add_numId().val = _bullet_num_id(doc)
        fmt.left_indent, fmt.first_line_indent = Twips(360), Twips(-360)


def define_strong(doc: DocxDocument) -> None:
    if STRONG not in doc.styles:
        style = doc.styles.add_style(STRONG, WD_STYLE_TYPE.CHARACTER, builtin=True)
        style.font.bold = True


def define_table_style(doc: DocxDocument) -> None:
    if TABLE not in doc.styles:
        doc.styles.element.append(parse_xml(_TABLE_STYLE_XML))


def ensure_styles(doc: DocxDocument) -> None:
    """Add every style the export needs that the template lacks; existing styles stay as they are."""
    for spec in PARAGRAPH_STYLES:
        if spec.name not in doc.styles or doc.styles[spec.name].type != WD_STYLE_TYPE.PARAGRAPH:
            if spec.name in doc.styles:  # same name, wrong kind: replace so the name resolves
                doc.styles.element.remove(doc.styles[spec.name].element)
            define_paragraph_style(doc, spec)
        elif spec.keep_next:
            # Never leave a heading alone at the bottom of a page, whatever the template says.
            doc.styles[spec.name].paragraph_format.keep_with_next = True
    define_strong(doc)
    define_table_style(doc)
    set_document_language(doc)


def style_id(doc, name: str) -> str:
    """The id of a named style, looked up once per document (``doc.styles[name]`` scans them all)."""
    cache = doc.__dict__.setdefault("_dossier_style_ids", {})
    if name not in cache:
        cache[name] = doc.styles[name].style_id
    return cache[name]


def cache_style_ids(doc) -> None:
    """Remember style-name → id lookups for this document.

    python-docx resolves a style name by scanning every style (and the default style) on each
    ``paragraph.style = name``; with thousands of table cells that dominated the export time.
    Call after the styles are final: the cache assumes they no longer change.
    """
    part = doc.part
    resolve = part.get_style_id
    cache: dict = {}

    def get_style_id(style_or_name, style_type):
        key = (
            style_or_name if style_or_name is None or isinstance(style_or_name, str) else id(style_or_name),
            style_type,
        )
        if key not in cache:
            cache[key] = resolve(style_or_name, style_type)
        return cache[key]

    part.get_style_id = get_style_id
