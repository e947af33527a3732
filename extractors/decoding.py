"""Bytes -> str. Government pages come as UTF-8, UTF-8 with BOM, UTF-16 and GB18030/GBK, so the
encoding is detected, never assumed."""

from __future__ import annotations

import codecs
import re

import charset_normalizer


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise (the message says why)."""


# UTF-32 BOMs must be tested before UTF-16: FF FE 00 00 starts with the UTF-16-LE BOM FF FE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Above this share of control characters a decoded "text" is binary junk, whatever the detector said.
_MAX_CONTROL_SHARE = 0.01
# C0/C1 control characters other than line breaks and tabs (a regex scan runs at C speed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises UndecodableError with a human reason."""
    if not data:
        raise UndecodableError("empty file: 0 bytes")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, name), name
    try:
        # Fast path: most pages are UTF-8; strict decoding cannot silently produce mojibake.
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data)
    _reject_binary(text)
    return text, encoding


def _decode_with(data: bytes, name: str) -> str:
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise UndecodableError(f"undecodable bytes: byte-order mark says {name} but {exc.reason} at "
                               f"byte {exc.start}") from None
    _reject_binary(text)
    return text


def _detect(data: bytes) -> tuple[str, str]:
    if b"\x00" in data:
        # NUL bytes without a BOM: UTF-16 without BOM is vanishingly rare on these sites, binary is not.
        raise UndecodableError("undecodable bytes: contains NUL bytes and no byte-order mark (binary file?)")
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UndecodableError("undecodable bytes: not UTF-8 and no known encoding (GB18030, Big5, UTF-16 …) "
                               "fits; re-export the page as UTF-8")
    return str(best), best.encoding.replace("_", "-")


def _reject_binary(text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) * _MAX_CONTROL_SHARE):
        raise UndecodableError(f"undecodable bytes: {controls} control characters in {len(text)} decoded "
                               "characters (binary file?)")
