"""The decompression guard: a zip-based upload (XLSX, DOCX, ODS ...) is checked before any
parser opens it.

A zip of a few megabytes can expand to gigabytes (a "zip bomb"), and parsers such as openpyxl
read whole members into memory. `check_zip` reads the central directory first (number of
entries, declared sizes, compression ratios, nested archives) and then decompresses every member
in small chunks, counting the bytes that really come out, so a member that lies about its size is
stopped at the limit too. Memory stays bounded by one chunk whatever the archive claims. The
limits are settings (`PRODOFFICE_ZIP_*`, see docs/guide/configuration.md); the error names the
file and the limit crossed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings

ZIP_MAGIC = b"PK\x03\x04"
#: Members smaller than this are not held to the ratio (a short XML part compresses very well).
RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024


class ArchiveRefused(ValueError):
    """The archive crosses a decompression limit or is not a readable zip."""


@dataclass(frozen=True)
class ZipLimits:
    """What a zip upload may expand to."""

    max_entries: int
    max_bytes: int
    max_ratio: int

    @classmethod
    def from_settings(cls) -> ZipLimits:
        return cls(
            max_entries=settings.PRODOFFICE_ZIP_MAX_ENTRIES,
            max_bytes=settings.PRODOFFICE_ZIP_MAX_BYTES,
            max_ratio=settings.PRODOFFICE_ZIP_MAX_RATIO,
        )


def is_zip(data: bytes) -> bool:
    """Whether the bytes start like a zip archive."""
    return data[:4] == ZIP_MAGIC


def check_zip(data: bytes, *, name: str = "the file", limits: ZipLimits | None = None) -> None:
    """Refuse (`ArchiveRefused`) a zip that would expand past the limits, before any parser."""
    limits = limits or ZipLimits.from_settings()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_directory(infos, len(data), name, limits)
            _check_streams(archive, infos, name, limits)
    # zipfile raises NotImplementedError for a compression method it cannot read (Deflate64,
    # say): such a file is refused like any unreadable archive.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise ArchiveRefused(f"{name}: not a readable zip archive ({exc})") from exc


def _check_directory(infos, size: int, name: str, limits: ZipLimits) -> None:
    """What the central directory declares: entry count, total size, ratios, nested archives."""
    if len(infos) > limits.max_entries:
        raise ArchiveRefused(
            f"{name}: the archive holds {len(infos)} entries, more than the limit of "
            f"{limits.max_entries} (PRODOFFICE_ZIP_MAX_ENTRIES)"
        )
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_bytes:
        raise ArchiveRefused(_too_big(name, limits, declared))
    for info in infos:
        if info.file_size >= RATIO_FLOOR and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise ArchiveRefused(_too_compressed(name, limits, info.filename))
    if declared >= RATIO_FLOOR and declared > limits.max_ratio * max(size, 1):
        raise ArchiveRefused(_too_compressed(name, limits, None))


def _check_streams(archive: zipfile.ZipFile, infos, name: str, limits: ZipLimits) -> None:
    """Decompress every member in chunks and count what really comes out (declared sizes can
    lie); a member that is itself a zip archive is refused."""
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        with archive.open(info) as member:
            head = member.read(4)
            if is_zip(head):
                raise ArchiveRefused(
                    f"{name}: the entry {info.filename!r} is itself a zip archive "
                    "(nested archives are refused)"
                )
            total += len(head)
            written = len(head)
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                written += len(chunk)
                if total > limits.max_bytes:
                    raise ArchiveRefused(_too_big(name, limits, None))
                if written >= RATIO_FLOOR and written > limits.max_ratio * max(
                    info.compress_size, 1
                ):
                    raise ArchiveRefused(_too_compressed(name, limits, info.filename))


def _too_big(name: str, limits: ZipLimits, declared: int | None) -> str:
    claim = f" ({declared} bytes declared)" if declared is not None else ""
    return (
        f"{name}: the archive expands to more than {limits.max_bytes} bytes{claim}, the limit "
        "of PRODOFFICE_ZIP_MAX_BYTES"
    )


def _too_compressed(name: str, limits: ZipLimits, entry: str | None) -> str:
    what = f"the entry {entry!r}" if entry else "the archive"
    return (
        f"{name}: {what} is compressed more than {limits.max_ratio} to 1, the limit of "
        "PRODOFFICE_ZIP_MAX_RATIO (a zip bomb?)"
    )
