"""Numbers written in Chinese (一件, 两起, 十二条, 零, 二○一二年)."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "O": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3,
           "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
           "九": 9, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)


def parse_chinese_int(text: str) -> int | None:
    """'十二' -> 12, '两' -> 2, '一百零五' -> 105, '三万二千' -> 32000, '二○一二' -> 2012 (digit by
    digit, as years are written). None when the text is not a Chinese numeral."""
    if not text or any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS for ch in text):
        return None
    if len(text) > 1 and all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]  # 十二: a bare 十 means 一十
            digit = 0
        else:
            total += (section + digit) * _BIG_UNITS[ch]
            section = digit = 0
    return total + section + digit


def parse_number(text: str) -> float | None:
    """Arabic or Chinese numeral to a number."""
    text = text.strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        value = parse_chinese_int(text)
        return float(value) if value is not None else None
