"""The synthetic report generator: deterministic, truthful, every layout and quirk renders."""

from __future__ import annotations

import json
import re

import pytest

from expectations.identities import request_rows
from extractors.evaluation import identity_failures, parse_violation, result_from_truth
from extractors.synthetic import LAYOUTS, QUIRKS, applicable, generate_cases, make_case
from extractors.synthetic.__main__ import main as cli_main
from extractors.synthetic.publisher import violations

from .conftest import CORPUS_DIR

CORPUS_KEYS = ["file", "source", "agency_name", "report_year", "template", "expected_status", "requests",
               "review_litigation", "narrative_facts", "violations", "notes"]
MANY = 120  # cases for the statistical checks: every layout ~9 times, every quirk several times


@pytest.fixture(scope="module")
def cases():
    return list(generate_cases(MANY, seed=11))


def _text(case) -> str:
    if LAYOUTS[case.truth["layout"]].pack is not None:  # a binary format: its text as the reader sees it
        from extractors.pipeline import normalised_text
        return normalised_text(case.data, case.filename)
    return case.data.decode(case.truth["encoding"])


def _visible(case) -> str:
    """The text a reader sees: tags dropped, so labels cut across <span>s read whole again."""
    return re.sub(r"<[^>]+>", "", _text(case))


def test_same_seed_same_bytes_and_truth():
    first, again = make_case(5, 3, "html_rowspan"), make_case(5, 3, "html_rowspan")
    assert (first.data, first.truth) == (again.data, again.truth)
    assert make_case(6, 3, "html_rowspan").data != first.data


def test_case_does_not_depend_on_how_many_are_generated():
    assert list(generate_cases(3, seed=2))[2].data == list(generate_cases(5, seed=2))[2].data


def test_truth_has_the_corpus_keys_in_order(cases):
    corpus = json.loads((CORPUS_DIR / "pingtan-zone-2022.truth.json").read_text(encoding="utf-8"))
    assert list(corpus)[: len(CORPUS_KEYS)] == CORPUS_KEYS
    for case in cases:
        assert list(case.truth)[: len(CORPUS_KEYS)] == CORPUS_KEYS
        assert case.truth["file"] == case.filename
        json.dumps(case.truth)  # serialisable as is


def test_request_rows_follow_the_template(cases):
    for case in cases:
        truth = case.truth
        if truth["template"] == "pre2019":
            assert truth["requests"] is None and truth["review_litigation"] is None
            continue
        assert tuple(truth["requests"]) == request_rows(truth["template"])
        columns = set(next(iter(truth["requests"].values())))
        assert ("subtotal_org" in columns) == ("subtotal_column" in truth["quirks"])
        for cells in truth["requests"].values():
            assert all(v is None or (isinstance(v, int) and v >= 0) for v in cells.values())


def test_violations_exactly_when_an_error_was_injected(cases):
    for case in cases:
        truth = case.truth
        assert bool(truth["violations"]) == bool(truth["injected_errors"]) == ("publisher_error" in truth["quirks"])
        assert truth["expected_status"] == ("quarantined" if truth["violations"] else "published")


def test_generator_identities_agree_with_the_warehouse_identities(cases):
    results = {c.filename: result_from_truth(c.filename, c.truth) for c in cases}
    failures = identity_failures(results)
    for case in cases:
        expected = {parse_violation(v) for v in case.truth["violations"]}
        assert set(failures[case.filename]) == expected, case.filename


def test_undoing_the_injected_error_restores_every_identity(cases):
    injected = [c for c in cases if c.truth["injected_errors"]]
    assert injected, "the sample must contain publisher errors"
    for case in injected:
        truth = case.truth
        grids = {"requests": truth["requests"], "review_litigation": truth["review_litigation"]}
        for error in truth["injected_errors"]:
            assert grids[error["table"]][error["row"]][error["column"]] == error["printed"] != error["consistent"]
            grids[error["table"]][error["row"]][error["column"]] = error["consistent"]
        assert violations(grids["requests"], grids["review_litigation"], truth["template"]) == []


def test_injected_error_is_printed_in_the_document():
    case = next(c for c in generate_cases(60, seed=3, layouts=["pipe_rows"]) if c.truth["injected_errors"])
    error = case.truth["injected_errors"][0]
    assert str(error["printed"]) in _text(case)
    assert error["identity"] in {parse_violation(v)[0] for v in case.truth["violations"]}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_renders(layout):
    case = make_case(1, 0, layout, allowed_quirks=())
    text = _visible(case)
    assert case.filename.endswith("." + LAYOUTS[layout].ext) and case.truth["layout"] == layout
    assert case.truth["quirks"] == []
    if LAYOUTS[layout].pre2019:
        assert case.truth["template"] == "pre2019" and "依申请公开" in text
    else:
        assert "本年新收政府信息公开申请数量" in text and "复议后起诉" in text and "第二十条" in text


@pytest.mark.parametrize("quirk", sorted(QUIRKS))
def test_every_quirk_renders_where_it_applies(quirk):
    layouts = [name for name, layout in LAYOUTS.items() if applicable(quirk, layout)]
    assert layouts
    for layout in layouts:
        case = make_case(2, 0, layout, allowed_quirks=(), forced_quirks=(quirk,))
        assert quirk in case.truth["quirks"] or quirk == "publisher_error"


def test_quirk_that_cannot_render_is_refused():
    with pytest.raises(ValueError):
        make_case(1, 0, "glued", forced_quirks=("blank_zero",))


def test_traditional_gbk_fullwidth_and_blank_cells_are_printed():
    traditional = make_case(1, 0, "cell_per_line", allowed_quirks=(), forced_quirks=("traditional",))
    assert "結轉" in _text(traditional) and "结转" not in _text(traditional)
    gbk = make_case(1, 0, "html_rowspan", allowed_quirks=(), forced_quirks=("gbk",))
    assert gbk.truth["encoding"] in ("gbk", "gb18030") and "charset=gbk" in _text(gbk)
    with pytest.raises(UnicodeDecodeError):
        gbk.data.decode("utf-8")
    fullwidth = make_case(1, 0, "pipe_rows", allowed_quirks=(), forced_quirks=("fullwidth",))
    assert any("０" <= ch <= "９" for ch in _text(fullwidth))
    blank = make_case(1, 0, "pipe_fragments", allowed_quirks=(), forced_quirks=("blank_total",))
    assert all(cells["total"] is None for cells in blank.truth["requests"].values())


def test_glued_layout_joins_a_rows_cells():
    case = make_case(4, 0, "glued", allowed_quirks=())
    cells = case.truth["requests"]["new_received"]
    digits = "".join(str(v) for v in cells.values())
    assert f"本年新收政府信息公开申请数量{digits}" in _text(case)


def test_cli_writes_reports_and_truth_files(tmp_path, capsys):
    assert cli_main([str(tmp_path), "--count", "4", "--seed", "9", "--layouts", "markdown", "glued"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["syn9_00000_markdown.md", "syn9_00000_markdown.truth.json", "syn9_00001_glued.truth.json",
                     "syn9_00001_glued.txt", "syn9_00002_markdown.md", "syn9_00002_markdown.truth.json",
                     "syn9_00003_glued.truth.json", "syn9_00003_glued.txt"]
    assert "wrote 4 reports" in capsys.readouterr().out
