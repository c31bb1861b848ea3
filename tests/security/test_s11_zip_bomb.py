"""S-11 hostile uploads: decompression limits (issue 11, item 7).

A zip bomb at the upload size limit (about 10 MB that declares about 10 GB of XML) is refused by
the crew import (web and CLI) and the contracts import before openpyxl opens it, with a message
naming the file and the limit, at a bounded memory cost (measured in a child process).
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from prodoffice.core.archives import ArchiveRefused, ZipLimits, check_zip
from prodoffice.productions.models import Engagement

_MIB = 1024 * 1024
_TYPES_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
)
_NAMES = ("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml")


def _deflated_spaces(blocks: int) -> bytes:
    """A raw deflate stream of the XML head then `blocks` MiB of spaces, built without
    compressing gigabytes: after a full flush every MiB of spaces compresses to the same bytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(_TYPES_HEAD) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(b" " * _MIB) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(b"</Types>") + c.flush()
    return head + block * blocks + tail


def zip_bomb(size: int, *, lie: bool = False) -> bytes:
    """A zip of three deflated members, `size` bytes at most, each expanding to gigabytes.
    With `lie`, every member declares 1 KB (the check must not trust declared sizes)."""
    per_member = (size - 2048) // len(_NAMES)
    one, two = len(_deflated_spaces(1)), len(_deflated_spaces(2))
    blocks = (per_member - 64 - one) // (two - one) + 1
    stream = _deflated_spaces(blocks)
    expanded = len(_TYPES_HEAD) + blocks * _MIB + len(b"</Types>")
    declared = 1024 if lie else min(expanded, 0xFFFFFFFF)
    local, central = b"", b""
    for name in map(str.encode, _NAMES):
        offset = len(local)
        fields = (20, 0, 8, 0, 0x21, 0, len(stream), declared, len(name))
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + stream
        central += (
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + name
        )
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 3, 3, len(central), len(local), 0)
    data = local + central + end
    assert len(data) <= size, len(data)
    return data


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = zip_bomb(settings.PRODOFFICE_UPLOAD_MAX_BYTES)
    assert len(data) > settings.PRODOFFICE_UPLOAD_MAX_BYTES * 0.99
    return data


_CHILD = textwrap.dedent(
    """
    import resource, sys
    # A ceiling so that a regression fails this test instead of eating the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))
    import django
    django.setup()
    from prodoffice.productions.imports.reading import FileRefused, file_bytes, read_table
    try:
        read_table(file_bytes(sys.argv[1]), name="bomb.xlsx")
        outcome = "parsed"
    except FileRefused as exc:
        outcome = "refused: " + str(exc)
    except MemoryError:
        outcome = "MemoryError"
    # VmHWM: this process's own peak resident memory (ru_maxrss would include the parent's,
    # inherited across fork and exec).
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
    print(__import__("json").dumps({"outcome": outcome, "peak": peak}))
    """
)


@pytest.mark.parametrize("lie", [False, True], ids=["declared", "lying-sizes"])
def test_s11_zip_bomb_at_the_upload_limit_is_refused_under_200_mb(lie, tmp_path):
    """The XLSX reader every import shares refuses the bomb in a child process whose peak
    resident memory (Python and Django included) stays under 200 MB."""
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_bomb(settings.PRODOFFICE_UPLOAD_MAX_BYTES, lie=lie))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "prodoffice.settings"}
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=Path(settings.BASE_DIR),
    )
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert result["outcome"].startswith("refused: bomb.xlsx: "), result
    if not lie:
        assert "PRODOFFICE_ZIP_MAX_BYTES" in result["outcome"], result
    assert result["peak"] < 200 * _MIB, result


def test_s11_zip_bomb_refused_by_the_crew_import_command(bomb, world, tmp_path):
    """`prodoffice import-crew`: exit non-zero, the file and the limit named, nothing imported."""
    path = tmp_path / "crew-bomb.xlsx"
    path.write_bytes(bomb)
    before = Engagement.objects.count()
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command(
            "import_crew", str(path), production=world.production.code, stdout=out, stderr=out
        )
    message = str(refused.value)
    assert "crew-bomb.xlsx" in message and "PRODOFFICE_ZIP_MAX_BYTES" in message, message
    assert Engagement.objects.count() == before


def test_s11_zip_bomb_refused_by_the_contracts_import(bomb, world, tmp_path):
    """`prodoffice contracts import`: the same refusal, no contract drafted."""
    from prodoffice.contracts.models import Contract

    path = tmp_path / "deals-bomb.xlsx"
    path.write_bytes(bomb)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "contracts",
            "import",
            str(path),
            production=world.production.code,
            stdout=out,
            stderr=out,
        )
    assert "deals-bomb.xlsx" in out.getvalue() and "PRODOFFICE_ZIP_MAX_BYTES" in out.getvalue()
    assert not Contract.objects.filter(production=world.production).exists()


def test_s11_zip_bomb_refused_by_the_crew_import_page(bomb, world):
    """The web upload answers with the refusal on the form, naming the uploaded file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(world.office)
    upload = SimpleUploadedFile("crew-bomb.xlsx", bomb)
    response = client.post(f"/p/{world.production.code}/crew/import/", {"file": upload})
    body = response.content.decode()
    assert "crew-bomb.xlsx" in body and "PRODOFFICE_ZIP_MAX_BYTES" in body, body[-3000:]


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


LIMITS = ZipLimits(max_entries=10, max_bytes=4 * _MIB, max_ratio=50)


@pytest.mark.parametrize(
    "members, limit",
    [
        ({f"part{i}.xml": b"<a/>" for i in range(11)}, "PRODOFFICE_ZIP_MAX_ENTRIES"),
        ({"a.xml": os.urandom(3 * _MIB), "b.xml": os.urandom(2 * _MIB)}, "ZIP_MAX_BYTES"),
        ({"sheet.xml": b"<c>1</c>" * (_MIB // 2)}, "PRODOFFICE_ZIP_MAX_RATIO"),
        ({"inner.xlsx": _zip({"x.xml": b"<x/>"})}, "nested archives"),
    ],
    ids=["entries", "total-size", "ratio", "nested"],
)
def test_s11_each_decompression_limit_is_named(members, limit):
    with pytest.raises(ArchiveRefused, match=limit) as refused:
        check_zip(_zip(members), name="list.xlsx", limits=LIMITS)
    assert str(refused.value).startswith("list.xlsx: ")


def test_s11_an_ordinary_workbook_still_reads():
    """A real workbook of a thousand rows passes the check and is read as before."""
    from prodoffice.core.tabular import xlsx_bytes
    from prodoffice.productions.imports.reading import read_table

    rows = [(f"First{i}", f"Last{i}", f"p{i}@example.org", "Grip") for i in range(1000)]
    data = xlsx_bytes("Crew", ["first_name", "last_name", "email", "position"], rows)
    table = read_table(data, name="crew.xlsx")
    assert len(table) == 1001 and table[-1][1][:2] == ["First999", "Last999"]
