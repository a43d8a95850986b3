"""The bundled template of the Word narrative, built from python-docx's default document.

``resources/templates/make_narrative_template.py`` saves it as ``narrative.docx``; the export
also builds it in memory when that file is missing from a broken installation.
"""
from __future__ import annotations

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from . import docx_styles as st


def _add_field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update on layout."""
    def run_with(tag: str, **attrs):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        paragraph.add_run()._r.append(element)
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
