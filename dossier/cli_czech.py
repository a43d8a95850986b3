"""Czech for argparse's own texts (usage, help headings, its error messages).

argparse looks its texts up through ``gettext`` under the module-global name ``_``; giving it a
Czech table keeps ``--help`` and every usage error in the language of the rest of the app.
"""

from __future__ import annotations

import argparse

CZECH = {
    "usage: ": "použití: ",
    "positional arguments": "argumenty",
    "options": "volby",
    "show this help message and exit": "zobrazí tuto nápovědu a skončí",
    "the following arguments are required: %s": "chybí povinné argumenty: %s",
    "unrecognized arguments: %s": "neznámé argumenty: %s",
    "invalid %(type)s value: %(value)r": "neplatná hodnota %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "neplatná volba %(value)r (možnosti: %(choices)s)",
    "expected one argument": "chybí hodnota",
    "expected at most one argument": "nejvýše jedna hodnota",
    "expected at least one argument": "alespoň jedna hodnota",
    "ignored explicit argument %r": "hodnota %r je navíc",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "nejednoznačná volba %(option)s (může být %(matches)s)",
    "not allowed with argument %s": "nelze použít spolu s %s",
    "one of the arguments %s is required": "je třeba jeden z argumentů %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: chyba: %(message)s\n",
}


def czech(text: str) -> str:
    return CZECH.get(text, text)


def czech_plural(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "očekávány hodnoty: %s"
    return czech(singular if n == 1 else plural)


def install() -> None:
    argparse._ = czech  # type: ignore[attr-defined]
    argparse.ngettext = czech_plural  # type: ignore[attr-defined]
