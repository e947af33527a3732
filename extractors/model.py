"""The extraction contract: what the extractor hands to the staging layer.

Everything downstream (raw tables, dbt models, GX gate, `ogi extract --json`, `ogi eval`) reads these
types and nothing else, so changing a field here is changing the public contract.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

# Bump whenever a change to the extractor can change its output: the registry re-extracts every file
# whose stored extraction was made by another version.
EXTRACTOR_VERSION = "0.6.0"

Table = Literal["proactive", "requests", "review_litigation"]
Semantic = Literal["number", "blank", "not_applicable", "text", "unreadable"]
Outcome = Literal["extracted", "rejected"]
Template = Literal["pre2019", "2019", "2021"]


@dataclass(frozen=True, slots=True)
class Locator:
    """Where a value sits: a 1-based inclusive line span, and where known its columns in the line, its
    page and box (PDF) or its table/row/cell path (Word).

    For text and Markdown files the lines are the source file's own lines (normalisation never adds,
    merges or drops a line), so `sed -n 'START,ENDp' FILE` shows the value. For HTML they are lines of
    the page's text rendering (one line per paragraph or table row), which `ogi extract FILE` prints.
    """

    line_start: int
    line_end: int
    # The printed value's place in line `line_end`: 0-based [col_start, col_end) offsets, where known.
    col_start: int | None = None
    col_end: int | None = None
    # PDF and scans: the 1-based page and the value's box on it, in PDF points with the origin at the
    # page's top-left corner (x to the right, y down): (x0, top, x1, bottom).
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    # Word: where the value sits in the document, e.g. 'table 3 / row 7 / cell 2' (1-based).
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell exactly as published.

    table: `proactive` (表二), `requests` (表三), `review_litigation` (表四)
    row: row code from domain.md (表三 e.g. `new_received`; 表四 the proceeding `admin_review`,
        `litigation_direct`, `litigation_after_review`; 表二 the item code)
    column: column code (表三 applicant type e.g. `natural_person`, `total`; 表四 outcome `upheld` …
        `total`; 表二 the measure code)
    raw: the cell text as printed (after encoding/NFKC/OpenCC normalisation, stripped); '' for blank
    value: numeric value when semantic == 'number', else None; amounts keep their printed unit
    unit: 'count' for counts; '元' / '万元' / '亿元' for amounts as printed
    semantic: 'number' | 'blank' | 'not_applicable' (/ - — 无) | 'text' | 'unreadable'
    row_label: the printed row label the row code was matched from
    confidence: for a cell read by OCR, the lowest recognition confidence of its characters (0-1); None
        for text layers and text
    note: why a cell is `unreadable` (e.g. "glued row: two readings fit the identities"), or another
        caveat a person checking the cell should know; empty otherwise
    """

    table: Table
    row: str
    column: str
    raw: str
    value: float | None
    unit: str | None
    semantic: Semantic
    locator: Locator
    row_label: str = ""
    note: str = ""
    confidence: float | None = None  # read by OCR: the recogniser's lowest confidence in its characters


@dataclass(frozen=True, slots=True)
class NarrativeFact:
    """A number stated in the prose, with the sentence it came from.

    fact: fact code, e.g. `applications_received`, `admin_review_upheld`
    metrics: the (table, row, column) table metrics this fact states unambiguously (usually one; "no
        lawsuits" states both litigation blocks' totals are 0). Empty when the prose is ambiguous (e.g.
        "共收到 N 件" in a report that also carries requests over). For pre-2019 reports these carry the
        report's only statistics into fct_report_metric, marked as coming from the narrative.
    origin: 'prose' for a sentence; 'old_table' for a value of a pre-2019 statistics table (本年/累计),
        whose `sentence` is the table row as printed
    """

    fact: str
    value: float
    unit: str
    sentence: str
    locator: Locator
    metrics: tuple[tuple[str, str, str], ...] = ()
    origin: str = "prose"


@dataclass(frozen=True, slots=True)
class Finding:
    """An identity instance the printed text proves broken although its cells could not be read.

    Glued digits (`11000001`) may admit several cuts, so the cells stay `unreadable`; yet when *no* cut
    of the printed digits lets the instance hold, the published table does not add up however it is
    read: that is the publisher's inconsistency, and the gate records the instance as failing with this
    note instead of leaving it not assessable. Nothing is guessed: no cell value is implied.

    identity_id, scope: the instance, as in the identity catalogue (e.g. `T3-ROW`, `granted`)
    note: the proof a person can check, e.g. "no cut of the glued digits '811011011' into 7 numbers makes
        the total the sum of natural_person and the five organisation columns"
    locator: the printed digits' lines
    """

    identity_id: str
    scope: str
    note: str
    locator: Locator


@dataclass(slots=True)
class ExtractionResult:
    source_name: str
    outcome: Outcome
    reason: str | None = None  # why rejected: a sentence a person can act on
    encoding: str | None = None
    title: str | None = None
    agency_name: str | None = None
    report_year: int | None = None
    publication_date: str | None = None  # ISO date when printed
    template: Template | None = None
    cells: list[Cell] = field(default_factory=list)
    narrative_facts: list[NarrativeFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. unknown row labels, never dropped silently
    findings: list[Finding] = field(default_factory=list)  # instances proven broken by unreadable cells
    extractor_version: str = EXTRACTOR_VERSION

    def to_json_dict(self) -> dict:
        """The `ogi extract FILE --json` shape."""
        d = asdict(self)
        for fact in d["narrative_facts"]:
            fact["metrics"] = [dict(zip(("table", "row", "column"), m)) for m in fact["metrics"]]
        return d
