"""Cell text -> (value, unit, semantic). Numbers are parsed exactly as printed, never repaired."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

AMOUNT_UNITS: tuple[str, ...] = ("元", "万元", "亿元")
PERCENT = "%"  # a printed percentage keeps '%' as its unit
# Count words sometimes printed inside a cell (`3件`); they do not change the unit 'count'.
_COUNT_WORDS = "件|条|个|项|宗|次|起|份|人次"
_NUMBER = re.compile(
    rf"^(?P<sign>[+\-−])?\s*(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<frac>\.\d+)?\s*"
    rf"(?P<unit>亿元|万元|元|%|{_COUNT_WORDS})?$"
)
# Printed markers meaning "not applicable / nothing": not a zero (domain.md).
NOT_APPLICABLE: frozenset[str] = frozenset({"/", "-", "—", "–", "--", "——", "—-", "无", "\\", "－", "/"})


class ParsedValue(NamedTuple):
    value: float | None
    unit: str | None
    semantic: str  # number | blank | not_applicable | text


@lru_cache(maxsize=16384)  # cells repeat ('0', '1', '') across rows and reports
def parse_value(raw: str, default_unit: str = "count") -> ParsedValue:
    """Parse one printed cell. `default_unit` is the unit a header prescribes (e.g. 万元 for the
    2021 fee column); a unit printed with the value wins."""
    text = raw.strip()
    if not text:
        return ParsedValue(None, None, "blank")
    if text in NOT_APPLICABLE:
        return ParsedValue(None, None, "not_applicable")
    m = _NUMBER.match(text)
    if m is None:
        return ParsedValue(None, None, "text")
    number = float(m["digits"].replace(",", "") + (m["frac"] or ""))
    if m["sign"] in ("-", "−"):
        number = -number
    unit = m["unit"] if m["unit"] in AMOUNT_UNITS or m["unit"] == PERCENT else default_unit
    return ParsedValue(number, unit, "number")


def is_value_text(raw: str) -> bool:
    """True when a table token is a cell value (number, blank or n/a marker) rather than a label."""
    return parse_value(raw).semantic != "text"
