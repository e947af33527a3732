"""Provenance: for .txt/.md files a locator is the 1-based line number of the decoded source file.

For every number cell of every seed and every .txt corpus file (and every narrative fact read from the
prose), the source line at `line_start`, put through the same NFKC + OpenCC normalisation per line,
contains the cell's raw text. Debris lines are blanked, never deleted, so no line moves.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from extractors import extract_bytes, extract_file
from extractors.decoding import decode_bytes
from extractors.normalise import _converter, looks_traditional, nfkc, normalise, source_lines
from extractors.synthetic import LAYOUTS, make_case

from .conftest import CORPUS_DIR, SEED_NAMES, seed_path

CORPUS_TEXT = ("pingtan-county-2012.txt", "pingtan-zone-2011.txt")


def _paths() -> list[Path]:
    return [seed_path(stem) for stem in SEED_NAMES] + [CORPUS_DIR / name for name in CORPUS_TEXT]


@lru_cache(maxsize=None)
def _source(path: Path) -> tuple[str, ...]:
    """The file's own lines, each normalised alone (NFKC, then OpenCC when the document is traditional)."""
    text, _ = decode_bytes(path.read_bytes())
    traditional = looks_traditional(nfkc(text))
    return tuple(_converter().convert(nfkc(line)) if traditional else nfkc(line) for line in source_lines(text))


@pytest.mark.parametrize("path", _paths(), ids=lambda p: p.name)
def test_number_cells_point_at_their_source_line(path):
    source = _source(path)
    result = extract_file(path)
    wrong = [f"{c.table}.{c.row}.{c.column} raw {c.raw!r} at line {c.locator.line_start}: "
             f"{source[c.locator.line_start - 1] if c.locator.line_start <= len(source) else '(no such line)'!r}"
             for c in result.cells if c.semantic == "number"
             and (c.locator.line_start > len(source) or c.raw not in source[c.locator.line_start - 1])]
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize("path", _paths(), ids=lambda p: p.name)
def test_prose_facts_point_at_their_source_line(path):
    source = _source(path)
    facts = [f for f in extract_file(path).narrative_facts if f.origin == "prose"]
    wrong = [f"{f.fact} at line {f.locator.line_start}: {f.sentence!r}" for f in facts
             if f.sentence not in source[f.locator.line_start - 1]]
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize("path", _paths(), ids=lambda p: p.name)
def test_normalised_text_keeps_every_source_line(path):
    text, _ = decode_bytes(path.read_bytes())
    normalised = normalise(text, plain_text=True).split("\n")
    source = _source(path)
    assert len(normalised) <= len(source)  # only trailing blank lines may go
    assert all(line == "" or line in source[i] for i, line in enumerate(normalised))


def test_debris_is_blanked_not_deleted():
    raw = "headerBg\n\n标题\r\n打开APP阅读全文\r１２\n本年新\n\n"
    assert normalise(raw, plain_text=True).split("\n") == ["", "", "标题", "", "12", "本年新"]


def test_source_lines_follow_universal_newlines():
    assert source_lines("a\r\nb\rc\nd\x0ce\u2028f") == ["a", "b", "c", "d\x0ce\u2028f"]


TEXT_LAYOUTS = tuple(name for name, layout in LAYOUTS.items() if layout.ext in ("txt", "md"))


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_generated_text_reports_point_at_their_source_lines(layout):
    for index in range(6):
        case = make_case(4242, index, layout)
        text, _ = decode_bytes(case.data)
        traditional = looks_traditional(nfkc(text))
        source = [_converter().convert(nfkc(line)) if traditional else nfkc(line) for line in source_lines(text)]
        result = extract_bytes(case.data, case.filename)
        wrong = [f"{c.table}.{c.row}.{c.column} {c.raw!r} line {c.locator.line_start}" for c in result.cells
                 if c.semantic == "number" and c.raw not in source[c.locator.line_start - 1]]
        assert not wrong, (case.filename, wrong[:5])
