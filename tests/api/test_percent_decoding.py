"""The query string and forms are decoded exactly as urllib would, only faster."""
from __future__ import annotations

from urllib.parse import unquote_to_bytes

from hypothesis import given
from hypothesis import strategies as st

from api.sparql import _unquote

PIECES = st.one_of(
    st.binary(max_size=6),
    st.sampled_from([b"%", b"%2", b"%zz", b"%41", b"%5C", b"%5c", b"%C3%A9", b"%E2%82", b"\\", b"\\x41", b"\\u0041",
                     b"\\N{BULLET}", b"+", b"%2B", b"%25", b"%%"]),
)


def urllib_reading(raw: bytes) -> str | None:
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return None


def our_reading(raw: bytes) -> str | None:
    try:
        return _unquote(raw)
    except UnicodeDecodeError:
        return None


@given(st.lists(PIECES, max_size=12).map(b"".join))
def test_any_bytes_decode_as_urllib_decodes_them(raw: bytes) -> None:
    assert our_reading(raw) == urllib_reading(raw)


def test_a_query_with_escapes_backslashes_and_plus_signs() -> None:
    raw = b"SELECT+*+%7B+%3Fs+%3Fp+%22caf%C3%A9%5Cu0041%22+%7D+%23+100%25+%zz"
    assert _unquote(raw) == 'SELECT * { ?s ?p "café\\u0041" } # 100% %zz'
