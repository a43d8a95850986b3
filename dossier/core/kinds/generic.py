"""Kinds without a section of their own: the project card, narrative and budget are all they need."""

from __future__ import annotations

from ..model import ProjectKind
from .base import KindSpec

FORENZNI_ZNACENI = KindSpec(ProjectKind.FORENZNI_ZNACENI, "Forenzní značení", "Forenzní značení")
VZDELAVANI = KindSpec(ProjectKind.VZDELAVANI, "Vzdělávání a informování", "Vzdělávání")
SOCIALNI_PREVENCE = KindSpec(ProjectKind.SOCIALNI_PREVENCE, "Sociální prevence", "Sociální prevence")
SITUACNI_PREVENCE = KindSpec(ProjectKind.SITUACNI_PREVENCE, "Situační prevence", "Situační prevence")
OSTATNI = KindSpec(ProjectKind.OSTATNI, "Jiný projekt", "Jiný")
