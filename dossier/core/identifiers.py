"""Check digits of Czech identifiers: IČO, bank account numbers, data-box IDs."""

from __future__ import annotations

import re

_ACCOUNT = re.compile(r"^(?:(\d{1,6})-)?(\d{2,10})/(\d{4})$")
_DATA_BOX = re.compile(r"^[a-z0-9]{7}$")
_PREFIX_WEIGHTS = (10, 5, 8, 4, 2, 1)
_NUMBER_WEIGHTS = (6, 3, 7, 9, 10, 5, 8, 4, 2, 1)
CNB_BANK_CODE = "0710"


def ico_valid(ico: str) -> bool:
    """IČO: 8 digits, the last one a mod-11 check digit over weights 8…2."""
    if not re.fullmatch(r"\d{8}", ico):
        return False
    remainder = sum(int(d) * w for d, w in zip(ico[:7], range(8, 1, -1))) % 11
    check = {0: 1, 1: 0}.get(remainder, 11 - remainder)
    return int(ico[7]) == check


def _weighted_ok(digits: str, weights: tuple[int, ...]) -> bool:
    digits = digits.zfill(len(weights))
    return sum(int(d) * w for d, w in zip(digits, weights)) % 11 == 0


def parse_account(account: str) -> tuple[str, str, str] | None:
    """Split "94-7260008/0710" into (prefix, number, bank code); ``None`` if malformed."""
    match = _ACCOUNT.match(account.replace(" ", ""))
    if not match:
        return None
    prefix, number, bank = match.groups()
    return prefix or "", number, bank


def account_checksum_ok(account: str) -> bool:
    """Czech account number check (Vyhláška ČNB 169/2011 Sb.): prefix and number both mod 11."""
    parts = parse_account(account)
    if parts is None:
        return False
    prefix, number, _ = parts
    if int(number) == 0:
        return False
    return (not prefix or _weighted_ok(prefix, _PREFIX_WEIGHTS)) and _weighted_ok(number, _NUMBER_WEIGHTS)


def data_box_valid(box_id: str) -> bool:
    """A data-box ID is seven lower-case letters and digits."""
    return bool(_DATA_BOX.match(box_id))
