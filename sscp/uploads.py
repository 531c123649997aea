"""Checking a file someone uploads before it is kept, and keeping it only if the change it
belongs to is saved.

A file's type is read from what it holds, never from its name or the type the browser sends:
a PDF starts ``%PDF-``, a PNG with the PNG signature, and a Word document or Excel workbook is
a zip package holding ``[Content_Types].xml`` and its main part. The name must agree with the
content, so an executable renamed ``.pdf`` or a picture renamed ``.docx`` is refused. A zip
package is judged by its directory alone before anything is unpacked: too many parts, too many
bytes once unpacked, or a part that unpacks to over ``MAX_RATIO`` times its packed size (a zip
bomb) is refused, and so is one with macros. Reading a part later cannot exceed what the
directory declared: ``zipfile`` stops at the declared size and checks the part's CRC.

Files are kept through Django's storage API (``default_storage``), so production can keep them
in a bucket; ``kept_if_saved`` removes them again when the change fails.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage

MB = 1024 * 1024
MAX_UNPACKED_BYTES = 100 * MB
MAX_PARTS = 1000
MAX_RATIO = 100
# A part smaller than this unpacks to too little to harm, whatever its ratio (a few repeated
# XML tags compress far better than 100 to 1).
RATIO_FROM_BYTES = MB

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZIP_SIGNATURE = b"PK\x03\x04"
# How programs begin: Windows (MZ), Linux (ELF), macOS (Mach-O) and scripts (#!).
PROGRAM_SIGNATURES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"#!",
)


@dataclass(frozen=True)
class FileKind:
    """A type of file the partnership accepts: its name ending, a label people know and the
    content type it is served with."""

    extension: str
    label: str
    content_type: str
    package_part: str = ""  # the part a zip package of this kind must hold


PDF = FileKind("pdf", "PDF", "application/pdf")
PNG = FileKind("png", "PNG image", "image/png")
DOCX = FileKind(
    "docx",
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    package_part="word/document.xml",
)
XLSX = FileKind(
    "xlsx",
    "Excel workbook",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    package_part="xl/workbook.xml",
)
KINDS = {kind.extension: kind for kind in (PDF, PNG, DOCX, XLSX)}
PACKAGES = (DOCX, XLSX)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed ``check_upload``: its bytes, its type and the name it came with."""

    name: str
    content: bytes
    kind: FileKind

    @property
    def size(self) -> int:
        return len(self.content)


def megabytes(limit: int) -> str:
    return f"{limit // MB} MB"


def read_within(upload, *, max_bytes: int, advice: str = "") -> bytes:
    """The upload's bytes; refused before it is read when it is empty or over ``max_bytes``."""
    if not upload.size:
        raise ValidationError(
            "The file is empty. Choose the file again, or another one.", code="empty"
        )
    if upload.size > max_bytes:
        raise ValidationError(
            f"The file is larger than {megabytes(max_bytes)}. {advice}".strip(), code="size"
        )
    return upload.read()


def package_parts(
    content: bytes,
    *,
    purpose: str,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    max_parts: int = MAX_PARTS,
) -> set[str] | None:
    """The names of the parts of a zip package (None when ``content`` is not one), judged
    from its directory only: refused when it would unpack to far more than ``purpose`` needs
    (too many parts or bytes, or a part packed over ``MAX_RATIO`` to 1) or holds macros."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    too_big = (
        len(parts) > max_parts
        or sum(part.file_size for part in parts) > max_unpacked_bytes
        or any(
            part.file_size > RATIO_FROM_BYTES
            and part.file_size > MAX_RATIO * max(part.compress_size, 1)
            for part in parts
        )
    )
    if too_big:
        raise ValidationError(
            f"This file unpacks to far more than {purpose} needs, so it was refused.",
            code="too_large_unpacked",
        )
    names = {part.filename for part in parts}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            "This document contains macros. Save it without macros (as a .docx or .xlsx file) "
            "and try again.",
            code="macros",
        )
    return names


def kind_of(content: bytes, *, purpose: str, **package_limits) -> FileKind | None:
    """The accepted type ``content`` is, read from the content; None for any other."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(PNG_SIGNATURE):
        return PNG
    if not content.startswith(ZIP_SIGNATURE):
        return None
    names = package_parts(content, purpose=purpose, **package_limits) or set()
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for kind in PACKAGES if kind.package_part in names), None)


def _labels(kinds) -> str:
    labels = [f"{kind.label} (.{kind.extension})" for kind in kinds]
    return ", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else labels[0]


def check_upload(upload, *, kinds, max_bytes: int, purpose: str) -> CheckedFile:
    """The upload, checked: one of ``kinds`` by its content, named to agree, not empty, at most
    ``max_bytes``. Otherwise a ``ValidationError`` saying what is wrong and what to do."""
    allowed = _labels(kinds)
    content = read_within(upload, max_bytes=max_bytes)
    if content.startswith(PROGRAM_SIGNATURES):
        raise ValidationError(
            f"This file is a program, not a document, so it was refused. Choose a {allowed}.",
            code="program",
        )
    found = kind_of(content, purpose=purpose)
    if found is None or found not in kinds:
        raise ValidationError(
            f"This file is not a type that can be added. Choose a {allowed}.", code="type"
        )
    name = PurePath((upload.name or "").replace("\\", "/")).name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension != found.extension:
        raise ValidationError(
            f"The file's name ends in .{extension or '(nothing)'} but it is a {found.label}. "
            f"Rename it to end in .{found.extension}, or choose the right file.",
            code="extension",
        )
    printable = "".join(char for char in name if char.isprintable()).strip()
    return CheckedFile(
        name=printable[-200:] or f"file.{found.extension}", content=content, kind=found
    )


@contextmanager
def kept_if_saved(storage: Storage | None = None) -> Iterator[Callable[[str, bytes], str]]:
    """Yields ``keep(name, content)``, which stores a file and returns the name it was stored
    under; every file kept in the block is deleted again if the block raises. Put the change's
    ``transaction.atomic()`` inside the block, so a failed commit removes the files too."""
    storage = storage or default_storage
    kept: list[str] = []

    def keep(name: str, content: bytes) -> str:
        stored = storage.save(name, ContentFile(content))
        kept.append(stored)
        return stored

    try:
        yield keep
    except BaseException:
        for name in kept:
            storage.delete(name)
        raise
