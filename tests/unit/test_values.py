from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.values import ParsedValue, is_value_text, parse_value


@pytest.mark.parametrize("raw,expected", [
    ("0", ParsedValue(0.0, "count", "number")),
    ("104", ParsedValue(104.0, "count", "number")),
    ("+6", ParsedValue(6.0, "count", "number")),
    ("-59417", ParsedValue(-59417.0, "count", "number")),
    ("1,084,744", ParsedValue(1084744.0, "count", "number")),
    ("87694.8万元", ParsedValue(87694.8, "万元", "number")),
    ("1.8亿元", ParsedValue(1.8, "亿元", "number")),
    ("346490.00元", ParsedValue(346490.0, "元", "number")),
    ("3件", ParsedValue(3.0, "count", "number")),
    ("", ParsedValue(None, None, "blank")),
    ("  ", ParsedValue(None, None, "blank")),
    ("/", ParsedValue(None, None, "not_applicable")),
    ("-", ParsedValue(None, None, "not_applicable")),
    ("—", ParsedValue(None, None, "not_applicable")),
    ("无", ParsedValue(None, None, "not_applicable")),
    ("见附件", ParsedValue(None, None, "text")),
    ("1.2.3", ParsedValue(None, None, "text")),
])
def test_parse_value(raw, expected):
    assert parse_value(raw) == expected


def test_header_unit_applies_when_value_prints_none():
    assert parse_value("9116.36", default_unit="万元") == ParsedValue(9116.36, "万元", "number")
    assert parse_value("5元", default_unit="万元") == ParsedValue(5.0, "元", "number")  # printed unit wins


def test_value_tokens_versus_labels():
    assert is_value_text("12") and is_value_text("") and is_value_text("/")
    assert not is_value_text("行政许可") and not is_value_text("(七)总计")


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_any_printed_integer_round_trips(n):
    assert parse_value(str(n)) == ParsedValue(float(n), "count", "number")


@given(st.text(max_size=30))
def test_parse_value_never_raises(text):
    parsed = parse_value(text)
    assert parsed.semantic in ("number", "blank", "not_applicable", "text")
    assert (parsed.value is not None) == (parsed.semantic == "number")


@pytest.mark.parametrize("raw,expected", [
    ("62.2%", ParsedValue(62.2, "%", "number")),
    ("１，２３４", None),  # full width: NFKC happens before cells are parsed (normalise)
    ("1,234", ParsedValue(1234.0, "count", "number")),
    ("-1,234万元", ParsedValue(-1234.0, "万元", "number")),
    ("+0", ParsedValue(0.0, "count", "number")),
    ("——", ParsedValue(None, None, "not_applicable")),
])
def test_more_printed_values(raw, expected):
    from extractors.normalise import nfkc
    if expected is None:
        assert parse_value(nfkc(raw)) == ParsedValue(1234.0, "count", "number")
    else:
        assert parse_value(raw) == expected
