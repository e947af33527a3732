"""extract(render(truth)) == truth over generated reports, one parametrised case per layout and quirk.

For every feature (a layout, or a quirk forced on in supported layouts) a batch of generated reports is
extracted and compared with its truth by extractors.evaluation:
- every 表三/表四/表二 cell is exact or flagged `unreadable`, never silently wrong, missing or invented;
- every injected publisher error breaks an identity the blame puts on the publisher (and the report is
  quarantined): an instance judged from its cells, or one the printed digits prove broken (a Finding);
- no identity fails on a report without injected errors.

LAYOUTS_SUPPORTED lists the layouts and quirks the extractor handles today. A feature not in it is
skipped with the reason "layout X not yet supported by the extractor" (visible in pytest -ra), so the list
is the to-do of the parser work: add a name when its test passes.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from extractors import extract_bytes
from extractors import ExtractionResult
from extractors.evaluation import FAILING_VERDICTS, FileReport, evaluate_results, identity_failures, result_from_truth
from extractors.synthetic import LAYOUTS, QUIRKS, applicable, generate_cases

LAYOUTS_SUPPORTED: list[str] = [
    # layouts
    "html_rowspan",
    "html_split",
    "cell_per_line",
    "cell_per_line_blank",
    "pipe_fragments",
    "tab_rows",
    "space_rows",
    "markdown",
    "pdf_markdown",
    "pipe_rows",
    "glued",
    "one_line_page",
    "pdf_text_layer",
    "pdf_markdown_pieces",
    "pre2019_prose",
    "pre2019_table",
    # quirks
    "traditional",
    "typos",
    "debris",
    "fullwidth",
    "gbk",
    "split_labels",
    "blank_zero",
    "blank_total",
    "subtotal_column",
    "publisher_error",
]
FEATURES = sorted(LAYOUTS) + sorted(QUIRKS)
CASES_PER_FEATURE = 40
SEED = 20240601
_SHOWN = 12  # problems printed per failing test


def _plan(feature: str) -> tuple[list[str], tuple[str, ...]]:
    """(layouts, forced quirks) for a feature: a layout with supported quirks drawn at random, or a
    quirk forced on in every supported layout that can render it."""
    if feature in LAYOUTS:
        return [feature], ()
    layouts = [name for name in LAYOUTS if name in LAYOUTS_SUPPORTED and applicable(feature, LAYOUTS[name])]
    return layouts, (feature,)


@lru_cache(maxsize=None)
def _extracted(feature: str) -> tuple[tuple[str, dict, ExtractionResult], ...]:
    layouts, forced = _plan(feature)
    allowed = [q for q in QUIRKS if q in LAYOUTS_SUPPORTED or q == "publisher_error"]
    cases = generate_cases(CASES_PER_FEATURE, SEED, layouts, allowed, forced)
    return tuple((c.filename, c.truth, extract_bytes(c.data, c.filename)) for c in cases)


@lru_cache(maxsize=None)
def _reports(feature: str) -> tuple[FileReport, ...]:
    return tuple(evaluate_results(_extracted(feature)))


# Layouts supported and tested elsewhere: adding them to LAYOUTS_SUPPORTED would reshuffle which layout
# every quirk case above is drawn in (the case list cycles over the supported layouts).
TESTED_ELSEWHERE = {"docx": "tests/property/test_contract.py::test_docx_reports_round_trip",
                    "pdf": "tests/property/test_pdf.py", "pdf_borderless": "tests/property/test_pdf.py",
                    "pdf_scanned": "tests/property/test_ocr.py"}


def _require_supported(feature: str) -> None:
    if feature in TESTED_ELSEWHERE:
        pytest.skip(f"layout {feature} is tested in {TESTED_ELSEWHERE[feature]}")
    if feature not in LAYOUTS_SUPPORTED:
        pytest.skip(f"layout {feature} not yet supported by the extractor")
    if not _plan(feature)[0]:
        pytest.skip(f"quirk {feature}: no supported layout can render it yet")


def _fail_with(problems: list[str], what: str) -> None:
    if problems:
        shown = "\n".join(problems[:_SHOWN]) + (f"\n… {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else "")
        pytest.fail(f"{len(problems)} {what}:\n{shown}", pytrace=False)


@pytest.mark.parametrize("feature", FEATURES)
def test_every_cell_exact_or_flagged(feature):
    _require_supported(feature)
    problems = [c.describe() for r in _reports(feature) for c in r.checks if c.verdict in FAILING_VERDICTS]
    _fail_with(problems, "cells silently wrong, missing or invented")


@pytest.mark.parametrize("feature", FEATURES)
def test_every_injected_publisher_error_is_flagged(feature):
    _require_supported(feature)
    problems = [f"{r.file}: error breaking {', '.join(sorted(map(' '.join, error)))} not flagged as the publisher's "
                f"(status {r.status})" for r in _reports(feature) for error in r.errors_unflagged]
    problems += [f"{r.file}: expected {r.expected_status}, got {r.status}" for r in _reports(feature)
                 if r.truth_violations and not r.status_ok]
    _fail_with(problems, "publisher errors not flagged")


@pytest.mark.parametrize("feature", FEATURES)
def test_no_identity_fails_without_a_publisher_error(feature):
    _require_supported(feature)
    problems = [f"{r.file}: {r.status_reason}" for r in _reports(feature)
                for _ in [0] if r.found_violations - r.truth_violations]
    problems += [f"{r.file}: expected {r.expected_status}, got {r.status} ({r.status_reason})"
                 for r in _reports(feature) if not r.truth_violations and not r.status_ok]
    _fail_with(problems, "reports with identity failures the publisher did not make")


FINDING_CASES = 400  # glued reports with a publisher's slip: where findings are made


@pytest.mark.parametrize("forced", [("publisher_error",), ("publisher_error", "subtotal_column")])
def test_every_finding_fails_on_the_printed_truth(forced):
    # A finding says an instance cannot hold however the digits are cut: on the cells actually printed
    # (the truth, injected errors included) it must fail strictly. Otherwise we would blame a publisher
    # for an instance that holds.
    allowed = [q for q in QUIRKS if q in LAYOUTS_SUPPORTED]
    cases = generate_cases(FINDING_CASES, SEED + len(forced), ["glued"], allowed, forced)
    extracted = [(c.filename, c.truth, result) for c in cases
                 if (result := extract_bytes(c.data, c.filename)).findings]
    assert len(extracted) >= FINDING_CASES // 20, "too few findings to check: the generator changed?"
    printed = identity_failures({file: result_from_truth(file, truth) for file, truth, _ in extracted})
    problems = [f"{file}: {f.identity_id} {f.scope} holds or is not assessable on the printed cells ({f.note})"
                for file, _, result in extracted for f in result.findings
                if (f.identity_id, f.scope) not in printed[file]]
    _fail_with(problems, "findings that the printed cells contradict")


def test_supported_names_are_layouts_or_quirks():
    assert set(LAYOUTS_SUPPORTED) <= set(FEATURES)
