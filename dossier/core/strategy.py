"""Code lists of the national crime-prevention strategy, one per strategy period (``resources/strategy``).

A project names the goal or measure of the national strategy it serves by a code from the
list in force in the dossier's programme year; the list is chosen by that year, never by today.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, ValidationError

from ..resources import resource_path
from .rules import CodeList, RulesError


class StrategyList(CodeList):
    """A code list of the rule packs' kind, with its strategy's title and the years it serves."""

    format: str = Field(pattern="^dossier-strategy$")
    title: str
    #: First and last programme year whose applications refer to this strategy.
    years: tuple[int, int]
    note: str = ""

    def covers(self, year: int) -> bool:
        return self.years[0] <= year <= self.years[1]


@lru_cache(maxsize=1)
def all_strategies() -> list[StrategyList]:
    lists = []
    for path in sorted(resource_path("strategy").glob("strategie-*.json")):
        try:
            lists.append(StrategyList.model_validate_json(path.read_text(encoding="utf-8")))
        except (OSError, ValidationError) as exc:
            raise RulesError(f"Číselník strategie {path.name} nelze načíst: {exc}") from exc
    return sorted(lists, key=lambda s: s.years[0])


def strategy_for(year: int) -> StrategyList | None:
    """The national strategy in force for a programme year; the nearest older one after the last."""
    lists = all_strategies()
    for strategy in lists:
        if strategy.covers(year):
            return strategy
    older = [s for s in lists if s.years[1] < year]
    return older[-1] if older else None


def describe(code: str, year: int) -> str:
    """ "4 – Komplexní přístup …" for a code of the year's list; the bare code when unknown."""
    strategy = strategy_for(year)
    name = strategy.name_of(code) if strategy and code else None
    return f"{code} – {name}" if name else code
