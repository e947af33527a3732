from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import UnreadableDocument, extract_bytes, extract_file, normalised_text
from extractors.synthetic import LAYOUTS, make_case

from .conftest import cells_by_key, seed_path, seed_result

REPORT = ("某县2020年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开政府信息120条,共收到政府信息公开申请3件。\n"
          "四、政府信息公开行政复议、行政诉讼情况\n全年无行政复议、行政诉讼。\n五、存在的主要问题及改进情况\n无收费。")


def _reason(data: bytes, name: str) -> str:
    result = extract_bytes(data, name)
    assert result.outcome == "rejected"
    assert result.cells == [] and result.narrative_facts == []
    return result.reason


def test_gbk_copy_of_seed_extracts_identically(tmp_path):
    original = seed_path("001_16a26869f300a3bd")
    copy = tmp_path / original.name
    copy.write_bytes(original.read_text(encoding="utf-8").encode("gbk"))
    result = extract_file(copy)
    assert result.encoding == "gb18030"
    expected = seed_result("001_16a26869f300a3bd")
    assert (result.agency_name, result.report_year, result.template) == ("河池市人民政府", 2018, "pre2019")
    assert result.narrative_facts == expected.narrative_facts


def test_utf16_bom_html_copy_of_table_seed(tmp_path):
    text = seed_path("002_11efede76b55d959").read_text(encoding="utf-8")
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    result = extract_bytes(data, "002.txt")
    assert result.encoding == "utf-16"
    assert cells_by_key(result, "requests") == cells_by_key(seed_result("002_11efede76b55d959"), "requests")


def test_full_width_digits_are_read():
    data = REPORT.replace("3件", "３件").encode("utf-8")
    facts = {f.fact: f.value for f in extract_bytes(data, "r.txt").narrative_facts}
    assert facts["applications_received"] == 3


def test_minimal_report_is_extracted():
    result = extract_bytes(REPORT.encode("utf-8"), "r.md")
    assert result.outcome == "extracted"
    assert (result.agency_name, result.report_year, result.template) == ("某县人民政府", 2020, "2019")
    assert result.warnings == []


def test_empty_file_is_rejected():
    assert _reason(b"", "empty.txt") == "empty file: 0 bytes"


def test_whitespace_only_is_rejected():
    assert _reason(" \n\n\t ".encode(), "blank.txt").startswith("empty document")


def test_binary_junk_is_rejected():
    assert _reason(bytes(range(256)) * 8, "junk.txt").startswith("undecodable bytes")


@pytest.mark.parametrize("name,fragment", [
    ("report.pdf", "'report.pdf' is named .pdf but is not a PDF document"),
    ("report.xls", "unsupported file type .xls"),
    ("report.docx", "'report.docx' is named .docx but is not a Word (ZIP) document"),
    ("report.doc", "named .doc but is not a legacy Word .doc file"),
    ("report.wps", "named .wps but is not a Kingsoft WPS .wps file"),
    ("report", "unsupported file type (no extension)"),
])
def test_unsupported_types_are_rejected(name, fragment):
    assert _reason(REPORT.encode(), name).startswith(fragment)


def test_pdf_named_txt_is_rejected_by_content():
    assert "is a PDF document" in _reason(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "report.txt")


def test_non_report_text_is_rejected():
    letter = "关于2014年政府信息公开工作要点落实情况的函\n省政府办公厅:\n现将主动公开、依申请公开、复议诉讼情况函告如下。"
    assert _reason(letter.encode(), "letter.txt").startswith("not an annual report: title is a 函 (letter)")
    assert _reason("Hello world, nothing here.".encode(), "en.html").startswith("not an annual report")


def test_missing_file_is_rejected(tmp_path):
    result = extract_file(tmp_path / "nope.txt")
    assert result.outcome == "rejected" and result.reason.startswith("unreadable file")
    assert result.source_name == "nope.txt"


def test_normalised_text_matches_locators():
    path = seed_path("000_ee2ac1f4facddbc2")
    lines = normalised_text(path.read_bytes(), path.name).split("\n")
    assert lines[0] == "阳江市人民政府2019年政府信息公开工作年度报告"
    with pytest.raises(UnreadableDocument):
        normalised_text(b"", "x.txt")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html", "a.htm", "a.md", "a.pdf"]))
def test_extract_bytes_never_raises_on_junk(data, name):
    result = extract_bytes(data, name)
    assert result.outcome in ("extracted", "rejected")
    assert (result.reason is None) == (result.outcome == "extracted")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_extract_bytes_never_raises_on_random_text(text):
    result = extract_bytes(text.encode("utf-8"), "t.html")
    assert result.outcome in ("extracted", "rejected")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_unreadable_cell_says_why(layout):
    for index in range(8):
        case = make_case(777, index, layout)
        result = extract_bytes(case.data, case.filename)
        silent = [f"{c.table}.{c.row}.{c.column}" for c in result.cells if c.semantic == "unreadable" and not c.note]
        assert not silent, (case.filename, silent[:5])


def _pdf_without_text() -> bytes:
    """A valid one-page PDF with no text layer (a scan's page has an image and no text)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_a_pdf_with_neither_text_layer_nor_anything_ocr_can_read_is_rejected_saying_so():
    result = extract_bytes(_pdf_without_text(), "scan.pdf")
    assert result.outcome == "rejected"
    assert result.reason == "PDF of 1 page(s) with neither a text layer nor text OCR could find"


def test_a_damaged_pdf_is_rejected_not_raised():
    result = extract_bytes(b"%PDF-1.4\n garbage", "broken.pdf")
    assert result.outcome == "rejected" and result.reason


def test_a_docx_table_with_merged_cells_reads_by_position():
    # A Word table whose header merges 法人或其他组织 over five columns and whose label cell spans the
    # (三) rows: python-docx repeats the merged cell, the reader writes it once and marks the rest.
    from extractors.synthetic import generate_cases
    case = next(iter(generate_cases(1, 5, ["docx"], [])))
    result = extract_bytes(case.data, case.filename)
    assert result.outcome == "extracted" and result.encoding == "docx"
    cells = cells_by_key(result, "requests")
    for row, columns in case.truth["requests"].items():
        for column, value in columns.items():
            assert cells[(row, column)].value == value, (row, column)
    text = normalised_text(case.data, case.filename)
    assert "| 自然人 | 法人或其他组织 | ← | ← | ← | ← | 总计 |" in text  # one origin, four covered positions


def test_a_broken_docx_is_rejected_not_raised():
    result = extract_bytes(b"PK\x03\x04 not a zip at all", "broken.docx")
    assert result.outcome == "rejected" and "not a readable Word .docx" in result.reason
