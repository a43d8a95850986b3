"""Bounded reading of an Office file (a zip): checked before anything is unpacked or parsed.

Workbooks and Word templates come from outside (e-mail, a colleague's share), so every part is
treated as hostile: the zip directory is checked first (number of parts, encryption, declared
unpacked sizes, compression ratio), and every part read is counted again while it is unpacked,
because the sizes in the directory are written by whoever made the file. Every failure is a
``DossierError`` with one Czech sentence naming the file (``label``, e.g. "Sešit „x.xlsx“").
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..core.errors import DossierError

MB = 1024 * 1024
_DTD_MARKS = tuple(
    mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_BLOCK = 64 * 1024


@dataclass(frozen=True)
class ZipLimits:
    #: Parts in the directory; Office files have tens.
    max_entries: int = 10_000
    #: Unpacked size of any one part (declared and actual).
    max_part: int = 64 * MB
    #: Declared unpacked size of all parts together.
    max_total: int = 200 * MB
    #: Our XML compresses 10-30×; a part packed far tighter than this is a zip bomb.
    max_ratio: int = 100
    #: Small parts may compress better (runs of zeros in an image); the ratio applies from here.
    ratio_from: int = 1 * MB


def _unreadable(label: str, message: str | None = None) -> DossierError:
    return DossierError(message or f"{label} nelze otevřít: soubor je poškozený nebo to není soubor Office (zip).")


def _too_big(label: str, size: int) -> DossierError:
    return DossierError(
        f"{label} nelze z bezpečnostních důvodů otevřít: rozbaluje se na podezřele velká data ({size // MB} MB)."
    )


class GuardedZip:
    """A zip whose directory passed ``limits``; parts are read only through bounded streams."""

    def __init__(self, raw: bytes, label: str, limits: ZipLimits = ZipLimits(), *, not_a_zip: str | None = None):
        """``not_a_zip`` is the message for bytes that are no zip at all (default: a generic one)."""
        self.label, self.limits = label, limits
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(raw))
            members = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise _unreadable(label, not_a_zip) from None
        if len(members) > limits.max_entries:
            raise DossierError(f"{label} nelze z bezpečnostních důvodů otevřít: obsahuje podezřele mnoho částí.")
        if any(member.flag_bits & 0x1 for member in members):
            raise DossierError(f"{label} nelze otevřít: soubor je zaheslovaný; odstraňte heslo a akci opakujte.")
        total = sum(member.file_size for member in members)
        if total > limits.max_total:
            raise _too_big(label, total)
        for member in members:
            self._check_declared(member)
        # The last entry of a name wins in zipfile; a duplicated name is a trick, not an Office file.
        self._members: dict[str, zipfile.ZipInfo] = {}
        for member in members:
            if member.filename in self._members:
                raise _unreadable(label)
            self._members[member.filename] = member

    def _check_declared(self, member: zipfile.ZipInfo) -> None:
        limits = self.limits
        if member.file_size > limits.max_part:
            raise _too_big(self.label, member.file_size)
        if member.file_size > limits.ratio_from and member.file_size > limits.max_ratio * max(1, member.compress_size):
            raise _too_big(self.label, member.file_size)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> GuardedZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def names(self) -> list[str]:
        return list(self._members)

    def info(self, name: str) -> zipfile.ZipInfo | None:
        return self._members.get(name)

    def has(self, name: str) -> bool:
        return name in self._members

    def open(self, name: str, max_bytes: int | None = None) -> BoundedStream:
        """A stream of the unpacked part that raises ``DossierError`` past ``max_bytes``."""
        member = self._members.get(name)
        if member is None:
            raise _unreadable(self.label)
        cap = min(max_bytes or self.limits.max_part, self.limits.max_part)
        if member.file_size > cap:
            raise _too_big(self.label, member.file_size)
        try:
            stream = self._zip.open(member)
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
            raise _unreadable(self.label) from None
        return BoundedStream(stream, cap, self.label)

    def read(self, name: str, max_bytes: int | None = None) -> bytes:
        with self.open(name, max_bytes) as stream:
            return stream.read()


class BoundedStream(io.RawIOBase):
    """Counts what a zip part really unpacks to; past the cap it stops with a Czech error."""

    def __init__(self, stream, cap: int, label: str):
        super().__init__()
        self._stream, self._cap, self._label, self.count = stream, cap, label, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while block := self.read(_BLOCK):
                chunks.append(block)
            return b"".join(chunks)
        try:
            data = self._stream.read(min(size, self._cap + 1 - self.count) if self.count <= self._cap else 1)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
            raise _unreadable(self._label) from None
        self.count += len(data)
        if self.count > self._cap:
            raise _too_big(self._label, self.count)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def has_dtd(data: bytes) -> bool:
    """Whether XML bytes declare a DTD or entities (Office never writes one; entity tricks need one)."""
    return any(mark in data for mark in _DTD_MARKS)
