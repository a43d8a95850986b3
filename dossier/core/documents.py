"""Eligibility documents of a project: which ones the year's pack requires for its kind and set-up.

The rules are data (``eligibility_documents`` in each rule pack); this module only reads them,
so the editor, the checks and the exports agree on what a project needs.
"""

from __future__ import annotations

from .model import DocumentStatus, EligibilityDocument, Project
from .rules import DocumentRule, RulePack


def applies(rule: DocumentRule, project: Project) -> bool:
    if rule.kinds and project.kind not in rule.kinds:
        return False
    return rule.condition == "always" or project.external_implementer


def required_documents(project: Project, pack: RulePack) -> list[DocumentRule]:
    """The pack's document rules that apply to this project, in the pack's order."""
    return [rule for rule in pack.eligibility_documents.value if applies(rule, project)]


def missing_rows(project: Project, pack: RulePack) -> list[EligibilityDocument]:
    """Rows to add so that every required document is listed (status "potřeba")."""
    listed = {doc.code for doc in project.documents if doc.code}
    return [
        EligibilityDocument(code=rule.code, name=rule.name, status=DocumentStatus.NEEDED)
        for rule in required_documents(project, pack)
        if rule.code not in listed
    ]
