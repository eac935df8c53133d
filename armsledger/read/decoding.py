"""Turn the bytes of an input into text, or say why they are not text.

Policy: a user wants the text if it is text. Bytes are read as UTF-8 (a byte-order mark is
dropped; a UTF-16 mark selects UTF-16). Bytes that are not valid UTF-8 are read one by one as
cp1252 (the Windows Western encoding most legacy news pages use), and the caller gets a warning
saying so. Only what cannot be text is refused: a file with NUL bytes or many control bytes
("binary"), or one where more than 1% of the characters decode to nothing in either encoding.
"""
from __future__ import annotations

import codecs
import logging
from collections.abc import Callable

from armsledger.errors import SourceError

log = logging.getLogger("armsledger.decoding")

BINARY_SNIFF_BYTES = 8192
"""How many leading bytes are checked for NUL and control bytes."""
MAX_CONTROL_SHARE = 0.05
"""Share of control bytes above which the input is binary; text has almost none (tabs and line
ends do not count)."""
MAX_UNDECODABLE_SHARE = 0.01
"""Share of characters that neither UTF-8 nor cp1252 can read above which the input is refused."""

_ERROR_HANDLER = "armsledger.cp1252"
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")


class NotText(ValueError):
    """The bytes are not text armsledger can read; the message says why."""


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start:err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error(_ERROR_HANDLER, _cp1252_fallback)


def decode(data: bytes) -> tuple[str, str | None]:
    """Return the text of data and a warning when it was not plain UTF-8.

    Raises:
        NotText: the data is binary or mostly undecodable.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as err:
            raise NotText(f"has a UTF-16 byte-order mark but is not valid UTF-16 ({err.reason})") from err
    if is_binary(data):
        raise NotText("is a binary file (NUL or control bytes), not text; convert it to UTF-8 text "
                      "or remove it")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        first_bad = err.start
    text = data.decode("utf-8", errors=_ERROR_HANDLER)
    undecodable = text.count("\ufffd") - data.count("\ufffd".encode())
    if undecodable > max(1, len(text) * MAX_UNDECODABLE_SHARE):
        raise NotText(f"is not UTF-8 text ({undecodable} bytes are neither UTF-8 nor cp1252, the first at "
                      f"byte {first_bad}); convert it to UTF-8")
    return text, f"is not valid UTF-8 (first bad byte at {first_bad}); its invalid bytes were read as cp1252"


def is_binary(data: bytes) -> bool:
    """Tell whether data looks binary: a NUL byte or too many control bytes in its first 8 KiB."""
    sample = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * MAX_CONTROL_SHARE


def read_text(data: bytes, origin: str, report: Callable[[SourceError], None]) -> str | None:
    """Return the text of data, logging a warning if it was not UTF-8; report and return None if it
    is not text."""
    try:
        text, warning = decode(data)
    except NotText as err:
        report(SourceError(origin, str(err)))
        return None
    if warning:
        log.warning("%s: %s", origin, warning)
    return text
