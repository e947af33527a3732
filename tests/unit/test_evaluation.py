"""`ogi eval`: verdicts per cell, implied status, publisher-error precision/recall, the printed summary."""

from __future__ import annotations

import dataclasses
import io
import json

from rich.console import Console

from extractors.evaluation import (
    classify,
    compare_cells,
    evaluate_results,
    find_pairs,
    identity_failures,
    implied_status,
    parse_violation,
    result_from_truth,
    run_eval,
    summarise,
    summary_lines,
)
from extractors.model import Cell, Locator
from extractors.synthetic import make_case, write_case

from .conftest import seed_truth


def _cell(value, semantic="number", raw=None, lines=(7, 7)) -> Cell:
    return Cell("requests", "granted", "total", raw if raw is not None else ("" if value is None else str(value)),
                value, "count" if semantic == "number" else None, semantic, Locator(*lines))


def _replace_cell(result, table, row, column, **changes):
    cells = [dataclasses.replace(c, **changes) if (c.table, c.row, c.column) == (table, row, column) else c
             for c in result.cells]
    return dataclasses.replace(result, cells=cells)


def test_classify_distinguishes_exact_flagged_missing_wrong():
    assert classify(3, _cell(3.0)) == "exact"
    assert classify(3, _cell(4.0)) == "wrong"
    assert classify(3, None) == "absent"
    assert classify(3, _cell(None, "unreadable", raw="640020470")) == "flagged"
    assert classify(3, _cell(None, "blank")) == "wrong"  # a printed 3 read as blank


def test_truth_null_is_a_printed_blank_not_zero():
    assert classify(None, _cell(None, "blank")) == "exact"
    assert classify(None, _cell(None, "not_applicable", raw="/")) == "exact"
    assert classify(None, _cell(0.0)) == "wrong"


def test_amount_unit_must_match_when_the_truth_names_it():
    cell = dataclasses.replace(_cell(87694.8), unit="万元")
    assert classify(87694.8, cell, "万元") == "exact"
    assert classify(87694.8, cell, "元") == "wrong"


def test_one_different_number_is_a_mismatch_with_its_locator():
    truth = seed_truth("000_ee2ac1f4facddbc2")
    result = _replace_cell(result_from_truth("000.txt", truth), "requests", "granted", "natural_person",
                           value=28.0, raw="28", locator=Locator(120, 120))
    checks = compare_cells("000.txt", "real txt", truth, result)
    bad = [c for c in checks if c.verdict != "exact"]
    assert len(bad) == 1
    assert (bad[0].table, bad[0].row, bad[0].column, bad[0].expected, bad[0].raw, bad[0].value) == (
        "requests", "granted", "natural_person", 27, "28", 28.0)
    assert "requests.granted.natural_person: expected 27, got raw '28' value 28 semantic number lines 120-120" \
        in bad[0].describe()


def test_numbers_extracted_from_a_report_without_tables_are_unexpected():
    truth = seed_truth("001_16a26869f300a3bd")  # pre-2019: requests null
    result = dataclasses.replace(result_from_truth("001.txt", truth), cells=[_cell(5.0)])
    assert [c.verdict for c in compare_cells("001.txt", "real txt", truth, result)] == ["unexpected"]


def test_seed_004_is_quarantined_for_exactly_its_published_violations():
    truth = seed_truth("004_4a8b712bfc0e61a8")
    result = result_from_truth("004.txt", truth)
    failures = identity_failures({"004.txt": result})["004.txt"]
    assert set(failures) == {parse_violation(v) for v in truth["violations"]}
    assert implied_status(result, failures)[0] == "quarantined"
    [report] = evaluate_results([("004.txt", truth, result)])
    assert report.status_ok and report.truth_violations == report.found_violations


def test_an_extraction_error_without_evidence_is_counted_as_blamed_on_the_publisher():
    truth = seed_truth("000_ee2ac1f4facddbc2")
    result = _replace_cell(result_from_truth("000.txt", truth), "requests", "new_received", "total", value=105.0)
    summary = summarise(evaluate_results([("000.txt", truth, result)]))
    assert (summary.truth_violations, summary.found_violations) == (0, 2)
    assert (summary.extraction_blamed_on_publisher, summary.extraction_caught) == (2, 0)
    assert summary.statuses_ok == 0 and not summary.passed


def test_a_glued_number_is_counted_as_caught_by_the_blame():
    # 000 prints 新收 自然人 90 | 商业企业 2: "902" in the first cell is our own gluing.
    truth = seed_truth("000_ee2ac1f4facddbc2")
    result = _replace_cell(result_from_truth("000.txt", truth), "requests", "new_received", "natural_person",
                           value=902.0)
    result = dataclasses.replace(result, cells=[
        dataclasses.replace(c, raw="902") if (c.row, c.column) == ("new_received", "natural_person") else c
        for c in result.cells])
    summary = summarise(evaluate_results([("000.txt", truth, result)]))
    assert (summary.extraction_blamed_on_publisher, summary.extraction_caught) == (0, 2)
    assert summary_lines(summary)[3].endswith("extraction errors blamed on publisher 0, on extraction 2 | FAIL")


def test_parse_violation():
    assert parse_violation("T3-FLOW total: 1+0 != 2+0") == ("T3-FLOW", "total")
    assert parse_violation("T4-REV admin_review: 1+0+0+0 != 2") == ("T4-REV", "admin_review")
    assert parse_violation("not a violation") is None


def test_summary_is_four_lines():
    truth = seed_truth("000_ee2ac1f4facddbc2")
    lines = summary_lines(summarise(evaluate_results([("000.txt", truth, result_from_truth("000.txt", truth))])))
    assert len(lines) == 4
    assert lines[0] == "files 1 | statuses 1/1 | identification 1/1 (agency 1/1, year 1/1, template 1/1)"
    assert lines[1] == "表三 cells 161/161 exact, 0 flagged, 0 absent, 0 wrong, 0 unexpected"  # 23 rows x 7
    assert lines[3].endswith("| PASS")


def test_find_pairs_lets_two_files_share_one_truth(tmp_path):
    for name in ("foo.txt", "foo.html", "foo.truth.json", "bar.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [(d.name, t.name) for d, t in find_pairs(tmp_path)] == [("foo.html", "foo.truth.json"),
                                                                    ("foo.txt", "foo.truth.json")]


def _run(directory) -> tuple[int, list[str]]:
    buffer = io.StringIO()
    code = run_eval(directory, Console(file=buffer, width=100), show_all=True)
    return code, buffer.getvalue().rstrip("\n").split("\n")


def test_run_eval_reports_a_wrong_truth_number_with_its_locator(tmp_path):
    case = make_case(3, 0, "cell_per_line", allowed_quirks=())
    write_case(case, tmp_path)
    truth_path = tmp_path / f"{case.stem}.truth.json"
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    printed = truth["requests"]["carried_forward"]["natural_person"]
    truth["requests"]["carried_forward"]["natural_person"] = printed + 1
    truth_path.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    code, lines = _run(tmp_path)
    assert code == 1
    located = [line for line in lines if "requests.carried_forward.natural_person" in line]
    assert located and f"expected {printed + 1}, got raw '{printed}'" in located[0] and " lines " in located[0]
    assert lines[-4].startswith("files 1 | statuses 1/1")
    assert lines[-1].endswith("| FAIL")
