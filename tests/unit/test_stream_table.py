"""The character-stream reader (stream_table): pure functions, and the real layouts it exists for."""

from __future__ import annotations

from extractors import extract_file
from extractors.stream_table import align, label_candidates, make_stream, printed_values, read_stream, skeleton
from extractors.pipeline import normalised_text

from .conftest import CORPUS_DIR, cells_by_key


def _values(text: str) -> list[str]:
    stream = make_stream([text])
    return [v.text for v in printed_values(stream, 0, len(stream.text))]


def test_page_numbers_are_blanked_and_lines_kept():
    stream = make_stream(["1.属于国家秘密 2 0 0 0 0 0 2", "- 4 -", "— 5 —", "第 3 页", "法提供 11 0 0 0 0 0 11"])
    assert stream.text.count("\n") == 4  # every line keeps its place: locators stay true
    assert _values(stream.text) == ["2", "0", "0", "0", "0", "0", "2", "11", "0", "0", "0", "0", "0", "11"]
    assert stream.line_at(stream.text.index("法提供")) == 5


def test_a_page_number_run_into_a_table_row_is_not_a_value():
    assert _values("| 1 | 0 | 1 | 4 | — 2 — 五、存在的主要问题") == ["1", "0", "1", "4"]


def test_sub_row_numbering_is_not_a_value_even_glued_to_the_digits_before_it():
    assert _values("00000003.危及“三安全一稳定”") == ["0000000"]
    assert _values("0 0 0 0 0 0 0 4.保护第三方合法权益") == ["0"] * 7
    assert _values("000000 03.危及") == ["000000", "0"]  # a stray space before the last cell
    assert _values("1、申请人无正当理由") == []


def test_a_value_ending_a_line_before_a_label_tail_is_kept():
    # huaian: '正、行政机关不再处理其政府信 67 3 0 0 1 0 71' / '、行政机关…': never numbering across lines
    assert _values("73 16 3 0 0 0 92\n、行政机关不再处理其政府信息公开申请") == ["73", "16", "3", "0", "0", "0", "92"]


def test_labels_are_found_wrapped_around_their_numbers_and_garbled():
    stream = make_stream(["（二）部分公开（区分处理的，只计这一情", "447 7 0 0 0 0 454", "形，不计其他情形）"])
    skel = skeleton(stream).text
    (start, _, score), *_ = label_candidates(skel, ("部分公开（区分处理的，只计这一情形，不计其他情形）",))
    assert skel[start:].startswith("部分公开") and score == 100.0  # digits are not in the skeleton
    garbled = skeleton(make_stream(["本机关不掌相关政府信"])).text  # two characters lost
    assert label_candidates(garbled, ("本机关不掌握相关政府信息",))[0][2] > 80


def test_a_label_printed_out_of_order_is_skipped_not_forced():
    # shanghai-office-2025.md: '5.要求行政机关确认…' is printed before 3.补正后… (the converter moved it).
    rows = [("unclear", ("补正后申请内容仍不明确",)), ("complaint", ("信访举报投诉类申请",)),
            ("confirmation", ("要求行政机关确认或重新出具已获取信息",))]
    skel = skeleton(make_stream(["5.要求行政机关确认或重新出具已获取信息 3.补正后申请内容仍不明确 3 0 0 0 0 0 3",
                                 "1.信访举报投诉类申请 61 1 0 0 0 0 62"])).text
    anchors = align(skel, rows)
    assert set(anchors) == {"unclear", "complaint"}


def _stream_cells(name: str, table: str = "requests"):
    path = CORPUS_DIR / name
    result = read_stream(normalised_text(path.read_bytes(), path.name).split("\n"))
    part = result.requests if table == "requests" else result.review
    return {(c.row, c.column): c for c in part.cells}


def test_one_line_page_rows_with_two_cuts_are_read_by_the_column_identities():
    # pingtan-zone-2023: 予以公开 220000022 and 部分公开 191000020 each have two cuts keeping T3-ROW.
    cells = _stream_cells("pingtan-zone-2023.txt")
    assert [cells[("granted", c)].value for c in ("natural_person", "commercial_enterprise", "total")] == [22, 0, 22]
    assert [cells[("partially_granted", c)].value for c in ("natural_person", "commercial_enterprise", "total")] == [
        19, 1, 20]
    review = _stream_cells("pingtan-zone-2023.txt", "review_litigation")
    assert [review[("litigation_direct", o)].value for o in ("upheld", "corrected", "other", "pending", "total")] == [
        4, 0, 0, 1, 5]


def test_pdf_text_layer_label_wrapped_around_its_number_row():
    cells = _stream_cells("huaian-city-2024.txt")
    assert [cells[("partially_granted", c)].value for c in ("natural_person", "commercial_enterprise", "total")] == [
        447, 7, 454]
    assert cells[("other_no_fee", "total")].value == 6  # '（六）其' / '2、申请人逾期…' / '他处理' / '求缴纳… 6 0 0 0 0 0 6'


def test_the_pdf_itself_reads_like_its_text_layer():
    pdf, txt = extract_file(CORPUS_DIR / "huaian-city-2024.pdf"), extract_file(CORPUS_DIR / "huaian-city-2024.txt")
    assert pdf.encoding == "pdf-text-layer"
    assert (pdf.agency_name, pdf.report_year, pdf.template) == ("淮安市人民政府", 2024, "2021")
    assert {k: v.value for k, v in cells_by_key(pdf, "requests").items()} == {
        k: v.value for k, v in cells_by_key(txt, "requests").items()}
