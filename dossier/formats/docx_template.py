"""The Word narrative's template: the bundled one, and the user's own made safe to use.

``build_default_template`` is python-docx's default document with our styles;
``resources/templates/make_narrative_template.py`` saves it as ``narrative.docx``, and the
export also builds it in memory when that file is missing from a broken installation.
``sanitize_template`` checks and cleans a user's template before python-docx reads it.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from ..core.errors import DossierError
from . import docx_styles as st
from .compat import run_element
from .zip_guard import MB, GuardedZip, ZipLimits, has_dtd


def _add_field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update on layout."""

    def run_with(tag: str, **attrs):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        run_element(paragraph.add_run()).append(element)
        return element

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instr = run_with("w:instrText", **{"xml:space": "preserve"})
    instr.text = f" {instruction} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run("1")
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def build_default_template() -> DocxDocument:
    """The bundled template: A4 portrait, 2,5 cm margins, our styles, "strana X z Y" footer."""
    doc = Document()
    # Word 2010's duplicate style part would disagree with the styles defined here, and the
    # thumbnail shows python-docx's blank page.
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rel_id]
    st.set_fonts(st.doc_defaults_rpr(doc))
    st.set_fonts(doc.styles[st.NORMAL].element.get_or_add_rPr())
    for rpr in doc.styles.element.iter(qn("w:rPr")):
        if rpr.find(qn("w:rFonts")) is not None:  # headings, title, ... ask for theme fonts
            st.set_fonts(rpr)
    for spec in st.PARAGRAPH_STYLES:
        st.define_paragraph_style(doc, spec)
    title_ppr = doc.styles[st.TITLE].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    st.define_strong(doc)
    st.define_table_style(doc)
    st.set_document_language(doc)

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4 portrait
    margin = Twips(1417)  # 2,5 cm
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Twips(709)  # 1,25 cm
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles[st.FOOTER]
    footer.add_run("strana ")
    _add_field(footer, "PAGE")
    footer.add_run(" z ")
    _add_field(footer, "NUMPAGES")

    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.add_paragraph(style=doc.styles[st.NORMAL])  # an empty body is legal, but Word prefers one paragraph
    props = doc.core_properties
    props.author = props.last_modified_by = props.comments = props.title = props.subject = ""
    props.keywords = props.category = ""
    props.revision = 1
    return doc


# --- the user's own template, made safe ------------------------------------------------------
#
# A template comes from outside (a letterhead from the web, a colleague's e-mail). Everything in
# it that would make Word contact a server or run code when the exported document is opened is
# removed here, once, when the template is loaded: external relationships (remote images,
# hyperlinks, a remote attachedTemplate), fields that fetch content (INCLUDEPICTURE, INCLUDETEXT,
# LINK, DDE, …). A template with macros, a DTD or XML entities is refused: Office never writes
# a DTD, and macros cannot be made safe by removing a part. Every part's unpacked size is
# bounded (``zip_guard``), so a zip bomb is refused before it is unpacked.

#: Office templates are tens of kB of XML; a letterhead image may be a few MB.
TEMPLATE_LIMITS = ZipLimits(max_entries=2_000, max_part=25 * MB, max_total=60 * MB)
#: XML becomes a tree in memory at about ten times its size: bound it far below the other parts.
MAX_TEMPLATE_XML = 8 * MB
#: Fields whose result Word fetches from a file or a server.
REMOTE_FIELDS = {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT"}
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_MARKS = (b"macroEnabled", b"vbaProject", b"vbaData")
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FIELD_TAGS = (qn("w:fldChar"), qn("w:instrText"))
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
)


def sanitize_template(raw: bytes, name: str) -> bytes:
    """The template's bytes as a clean ``.docx`` package; ``name`` is "Šablona „x.dotx“".

    Raises ``DossierError`` (Czech) for a broken file, a zip bomb, macros, a DTD or entities.
    """
    not_a_zip = f"{name} není platný dokument Word (.docx nebo .dotx). Vyberte jinou šablonu nebo použijte výchozí."
    with GuardedZip(raw, name, TEMPLATE_LIMITS, not_a_zip=not_a_zip) as archive:
        parts, xml_parts = {}, set()
        for part in archive.names():
            data = archive.read(part)
            # A part's name need not end in .xml (the content types may say so), so XML is recognised
            # by its content.
            if part.endswith((".xml", ".rels")) or _looks_like_xml(data):
                if len(data) > MAX_TEMPLATE_XML:
                    raise DossierError(
                        f"{name} nelze z bezpečnostních důvodů otevřít: obsahuje podezřele velkou "
                        f"část XML ({len(data) // MB} MB)."
                    )
                if has_dtd(data):
                    raise DossierError(
                        f"{name} obsahuje nepovolené konstrukce XML (DTD nebo entity). "
                        "Otevřete ji ve Wordu, uložte znovu jako .docx nebo .dotx a vyberte ji znovu."
                    )
                xml_parts.add(part)
            parts[part] = data
    if any(mark in parts.get("[Content_Types].xml", b"") for mark in _MACRO_MARKS) or any(
        part.lower().endswith(("vbaproject.bin", "vbadata.xml")) for part in parts
    ):
        raise DossierError(
            f"{name} obsahuje makra (.docm/.dotm). Z bezpečnostních důvodů ji nelze použít; "
            "uložte ji ve Wordu jako šablonu bez maker (.dotx) nebo dokument (.docx)."
        )
    try:
        dropped = {}
        for part in [p for p in parts if p.endswith(".rels")]:
            parts[part], ids = _clean_rels(parts[part])
            if ids:
                dropped[_rels_source(part)] = ids
        for part in [p for p in xml_parts if not p.endswith(".rels")]:
            parts[part] = _clean_part(parts[part], dropped.get(part, set()))
    except etree.XMLSyntaxError:
        raise DossierError(not_a_zip) from None
    types = parts.get("[Content_Types].xml")
    if types is not None:
        parts["[Content_Types].xml"] = types.replace(_DOTX_MAIN.encode(), _DOCX_MAIN.encode())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)
    return out.getvalue()


def _rels_source(rels_part: str) -> str:
    """ "word/_rels/document.xml.rels" → "word/document.xml"."""
    folder, _, file = rels_part.rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def _clean_rels(data: bytes) -> tuple[bytes, set[str]]:
    """The relationships without external targets or an attached template; the ids removed."""
    if not _mentions(data, "External", "attachedTemplate"):
        return data, set()
    root = etree.fromstring(data, _PARSER)
    dropped = set()
    for rel in list(root):
        external = (rel.get("TargetMode") or "").lower() == "external"
        if external or (rel.get("Type") or "").endswith("/attachedTemplate"):
            dropped.add(rel.get("Id"))
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), dropped


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _looks_like_xml(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or head.startswith(_UTF16_BOMS)


def _mentions(data: bytes, *words: str) -> bool:
    """Whether XML bytes in UTF-8 or UTF-16 contain one of ``words`` (a cheap test before parsing)."""
    return any(word.encode(enc) in data for word in words for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def _clean_part(data: bytes, dropped: set[str]) -> bytes:
    if not dropped and not _mentions(data, "instr", "attachedTemplate"):
        return data
    root = etree.fromstring(data, _PARSER)
    for element in root.iter(qn("w:attachedTemplate")):
        element.getparent().remove(element)
    if dropped:
        for element in root.iter():
            for attr in [a for a in element.attrib if a.startswith(f"{{{_R_NS}}}")]:
                if element.get(attr) in dropped:
                    del element.attrib[attr]
    _remove_remote_fields(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _is_remote(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in REMOTE_FIELDS


def _remove_remote_fields(root) -> None:
    """Fields that fetch content lose their code; the result Word last showed stays as plain text."""
    for simple in list(root.iter(qn("w:fldSimple"))):
        if _is_remote(simple.get(qn("w:instr")) or ""):
            parent = simple.getparent()
            index = parent.index(simple)
            for child in reversed(list(simple)):
                parent.insert(index, child)
            parent.remove(simple)
    stack: list[dict] = []
    doomed = []
    for element in list(root.iter(*_FIELD_TAGS)):
        if element.tag == qn("w:instrText"):
            if stack:
                stack[-1]["instr"] += element.text or ""
                stack[-1]["parts"].append(element)
            continue
        kind = element.get(qn("w:fldCharType"))
        if kind == "begin":
            stack.append({"instr": "", "parts": [element]})
        elif stack:
            stack[-1]["parts"].append(element)
            if kind == "end":
                field = stack.pop()
                if _is_remote(field["instr"]):
                    doomed += field["parts"]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
