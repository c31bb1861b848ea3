"""One way to send a file to the API: multipart `file`, or JSON `filename` + `content_base64`."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prodoffice.api.uploads import FileInputSerializer

NINE_BYTES = base64.b64encode(b"x" * 9).decode()


class Small(FileInputSerializer):
    max_bytes = 8
    max_name = 10


def errors(data) -> dict:
    serializer = Small(data=data)
    assert not serializer.is_valid()
    return serializer.errors


def test_json_and_multipart_give_the_same_name_and_bytes():
    sent = Small(data={"filename": "a.txt", "content_base64": base64.b64encode(b"abc").decode()})
    assert sent.is_valid(), sent.errors
    upload = Small(data={"file": SimpleUploadedFile("a.txt", b"abc")})
    assert upload.is_valid(), upload.errors
    assert sent.validated_data == upload.validated_data == {"filename": "a.txt", "data": b"abc"}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({}, "file", "Send the file"),
        ({"content_base64": "YWJj"}, "filename", "Name the file"),
        ({"filename": "a.txt", "content_base64": "not base64!"}, "content_base64", "Not valid"),
        ({"filename": "a.txt", "content_base64": "YWJj\nYWJj"}, "content_base64", "Not valid"),
        ({"filename": "a.txt", "content_base64": NINE_BYTES}, "content_base64", "larger than"),
        ({"file": SimpleUploadedFile("a.txt", b"x" * 9)}, "file", "larger than"),
        ({"filename": "a" * 11, "content_base64": "YWJj"}, "filename", "longer than 10"),
        ({"file": SimpleUploadedFile("b" * 11, b"x")}, "file", "longer than 10"),
    ],
)
def test_each_bad_file_is_refused_naming_its_field(data, field, words):
    found = errors(data)
    assert words in str(found[field]), found
