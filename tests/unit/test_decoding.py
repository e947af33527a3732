from __future__ import annotations

import codecs

import pytest

from extractors.decoding import UndecodableError, decode_bytes

SAMPLE = "陽江市人民政府2019年政府信息公開工作年度報告\n一、总体情况\n本年新收政府信息公开申请数量 104 件。" * 3


def test_plain_utf8():
    assert decode_bytes(SAMPLE.encode("utf-8")) == (SAMPLE, "utf-8")


def test_utf8_bom_is_removed():
    text, encoding = decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert (text, encoding) == (SAMPLE, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text, encoding = decode_bytes(bom + SAMPLE.encode(codec))
    assert (text, encoding) == (SAMPLE, "utf-16")


def test_gb18030_is_detected_not_assumed_utf8():
    simplified = "河池市2018年政府信息公开工作年度报告\n全市因政府信息公开申请行政复议5件,其中:维持具体行政行为2件。" * 3
    text, encoding = decode_bytes(simplified.encode("gb18030"))
    assert text == simplified
    assert encoding == "gb18030"


@pytest.mark.parametrize("data,fragment", [
    (b"", "empty file"),
    (bytes(range(256)) * 4, "undecodable bytes"),
    (b"\x00\x01\x02\x03binary\x00\xff\xfe\xfd" * 20, "undecodable bytes"),
])
def test_undecodable_input_raises_with_reason(data, fragment):
    with pytest.raises(UndecodableError, match=fragment):
        decode_bytes(data)


def test_bom_that_lies_is_undecodable():
    with pytest.raises(UndecodableError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa")
