"""Reading a listing file: the whole text, line endings made "\n", never more than the limit."""

import pytest

from pillar.directory.yamllimits import MAX_FILE_BYTES, READ_PIECE, TooLarge, read_text


@pytest.mark.parametrize("raw, text", [
    (b"", ""),
    (b"name: A\r\nday: monday\r\n", "name: A\nday: monday\n"),
    (b"name: A\rday: monday\r", "name: A\nday: monday\n"),
    ("notes: caf\u00e9 \u2014 ok\n".encode(), "notes: caf\u00e9 \u2014 ok\n"),
    (b"a" * (READ_PIECE - 1) + b"\n", "a" * (READ_PIECE - 1) + "\n"),
    (b"b" * READ_PIECE + b"\n", "b" * READ_PIECE + "\n"),
    (b"c" * (3 * READ_PIECE + 5), "c" * (3 * READ_PIECE + 5)),
    (b"d" * MAX_FILE_BYTES, "d" * MAX_FILE_BYTES),
])
def test_the_whole_file_is_read(tmp_path, raw, text):
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    assert read_text(path) == text


def test_a_character_split_between_two_pieces_is_read_whole(tmp_path):
    raw = b"x" * (READ_PIECE - 1) + "\u00e9".encode()  # its two bytes fall on either side of the first piece
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    assert read_text(path) == "x" * (READ_PIECE - 1) + "\u00e9"


@pytest.mark.parametrize("size", [MAX_FILE_BYTES + 1, MAX_FILE_BYTES + READ_PIECE, 4 * MAX_FILE_BYTES])
def test_a_file_one_byte_past_the_limit_is_too_large(tmp_path, size):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"e" * size)
    with pytest.raises(TooLarge):
        read_text(path)
