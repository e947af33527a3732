"""One generated case: a ground-truth report rendered into one layout, as file bytes plus truth dict.

A case depends only on (seed, index, layout, quirk filter): the same arguments give the same bytes and
truth on every machine (random.Random seeded with a string is stable across runs and platforms).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import opencc

from extractors.catalogue import ORGANISATION_COLUMNS

from . import printed, prose, publisher, tables
from .document import Document, Section
from .layouts import LAYOUTS, Layout, draw_quirks
from .names import Agency, random_agency
from .printed import LABEL_TYPOS, Style

GENERATOR_VERSION = "4"


@dataclass(frozen=True, slots=True)
class Case:
    stem: str
    ext: str
    data: bytes
    truth: dict

    @property
    def filename(self) -> str:
        return f"{self.stem}.{self.ext}"


@dataclass(slots=True)
class _Body:
    """What a report's content generation hands to rendering and to the truth file."""

    year: int
    template: str
    sections: list[Section]
    facts: dict[str, float]
    notes: list[str] = field(default_factory=list)
    requests: dict | None = None
    review: dict | None = None
    proactive: dict | None = None
    proactive_units: dict | None = None
    injected: list[dict] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------ table reports

def _blank_zeros(grid: dict, mode: str, rng: random.Random) -> None:
    """Print zeros as blank cells: everywhere, only in the organisation columns (shuyang), or some."""
    for cells in grid.values():
        for column, value in cells.items():
            if value != 0 or isinstance(value, tables.Amount):
                continue
            if mode == "all" or (mode == "organisations" and column in ORGANISATION_COLUMNS) or \
                    (mode == "sparse" and rng.random() < 0.5):
                cells[column] = None


def _printed_grids(requests: dict, review: dict, proactive: dict, quirks: list[str], rng: random.Random):
    req, rev, pro = copy.deepcopy(requests), copy.deepcopy(review), copy.deepcopy(proactive)
    if "blank_zero" in quirks:
        mode = rng.choice(("all", "organisations", "sparse"))
        _blank_zeros(req, mode, rng)
        if mode != "organisations":
            _blank_zeros(rev, mode, rng)
            _blank_zeros(pro, mode, rng)
    if "blank_total" in quirks:
        for cells in req.values():
            cells["total"] = None
    return req, rev, pro


def _proactive_truth(grid: dict) -> tuple[dict, dict]:
    values = {item: {m: (v.value if isinstance(v, tables.Amount) else v) for m, v in cells.items()}
              for item, cells in grid.items()}
    units = {item: {m: v.unit for m, v in cells.items() if isinstance(v, tables.Amount)} for item, cells in grid.items()}
    return values, {item: u for item, u in units.items() if u}


def _table_body(agency: Agency, quirks: list[str], style: Style, rng: random.Random) -> _Body:
    year = rng.randint(2019, 2024)
    template = "2019" if year <= 2020 else "2021"
    requests = tables.requests_table(template, rng, subtotal="subtotal_column" in quirks)
    review = tables.review_table(rng)
    proactive = tables.proactive_table(template, rng, agency.issues_rules)
    text = prose.template_report(agency, year, template, requests, review, rng, style)
    req, rev, pro = _printed_grids(requests, review, proactive, quirks, rng)
    injected = publisher.inject_error(req, rev, template, rng) if "publisher_error" in quirks else []
    if "publisher_error" in quirks and not injected:
        quirks.remove("publisher_error")  # every candidate instance had a blank term: nothing assessable
    sections = [Section(heading, paragraphs) for heading, paragraphs in text.sections]
    sections[1].tables = printed.proactive_tables(pro, template, style, rng)
    sections[2].tables = [printed.requests_table(req, template, style, rng)]
    sections[3].tables = [printed.review_table(rev, style, rng)]
    values, units = _proactive_truth(pro)
    notes = text.notes + [f"publisher slip ({e['kind']}): {e['table']}.{e['row']}.{e['column']} printed "
                          f"{e['printed']}, consistent value {e['consistent']}" for e in injected]
    return _Body(year, template, sections, text.facts, notes, req, rev, values, units, injected,
                 [v.message for v in publisher.violations(req, rev, template)])


# ------------------------------------------------------------------------------ pre-2019 reports

def _pre2019_body(agency: Agency, layout: Layout, style: Style, rng: random.Random) -> _Body:
    year = rng.randint(2008, 2018)
    stats = prose.old_stats(rng)
    text = prose.pre2019_report(agency, year, stats, rng, style)
    sections = [Section(heading, paragraphs) for heading, paragraphs in text.sections]
    facts = dict(text.facts)
    if layout.name == "pre2019_table":
        rows = prose.old_table_rows(stats, rng)
        sections.append(Section(f"附件：{agency.name}{year}年政府信息公开情况统计表",
                                tables=[printed.old_statistics_table(rows, year, style)]))
        for code, _, this_year, cumulative in rows:
            facts[f"table_{code}_year"], facts[f"table_{code}_cumulative"] = this_year, cumulative
    return _Body(year, "pre2019", sections, facts, text.notes)


# ------------------------------------------------------------------------------ document

def _title(agency: Agency, year: int, rng: random.Random) -> str:
    return rng.choice((f"{agency.name}{year}年政府信息公开工作年度报告", f"{year}年度{agency.name}政府信息公开工作报告",
                       f"{agency.short}政府信息公开工作{year}年度报告"))


def _preamble(body: _Body) -> str:
    basis = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}.get(body.template)
    fmt = f"和《中华人民共和国政府信息公开工作年度报告格式》（{basis}）" if basis else ""
    return (f"本报告依据《中华人民共和国政府信息公开条例》{fmt}要求编制。本报告所列数据的统计期限自{body.year}年1月1日起"
            f"至{body.year}年12月31日止。如对本报告有疑问，请与本机关办公室联系。")


def _published(year: int, rng: random.Random) -> str:
    return dt.date(year + 1, rng.randint(1, 3), rng.randint(1, 28)).isoformat()


@lru_cache(maxsize=1)
def _s2twp() -> opencc.OpenCC:
    return opencc.OpenCC("s2twp")  # building the converter loads dictionaries: once per process


def _encode(text: str, gbk: bool) -> tuple[bytes, str]:
    if not gbk:
        return text.encode("utf-8"), "utf-8"
    try:
        return text.encode("gbk"), "gbk"
    except UnicodeEncodeError:
        return text.encode("gb18030"), "gb18030"


def _style(quirks: list[str], rng: random.Random) -> Style:
    typos = frozenset(k for k in LABEL_TYPOS if rng.random() < 0.5) or frozenset({rng.choice(list(LABEL_TYPOS))})
    return Style(fullwidth="fullwidth" in quirks, fullwidth_parens=rng.random() < 0.7, plus_sign=rng.random() < 0.6,
                 typos=typos if "typos" in quirks else frozenset(), split_labels="split_labels" in quirks)


def make_case(seed: int, index: int, layout_name: str, allowed_quirks: Iterable[str] | None = None,
              forced_quirks: Iterable[str] = ()) -> Case:
    """Generate, render and describe one report. `allowed_quirks` limits the randomly drawn quirks;
    `forced_quirks` are always applied (ValueError when the layout cannot render one)."""
    layout = LAYOUTS[layout_name]
    rng = random.Random(f"ogi-synthetic:{seed}:{index}:{layout_name}")
    allowed = None if allowed_quirks is None else frozenset(allowed_quirks)
    quirks = list(draw_quirks(layout, rng, allowed, tuple(forced_quirks)))
    agency = random_agency(rng)
    style = _style(quirks, rng)
    body = _pre2019_body(agency, layout, style, rng) if layout.pre2019 else _table_body(agency, quirks, style, rng)
    doc = Document(_title(agency, body.year, rng), agency.name, _published(body.year, rng), _preamble(body),
                   body.sections, debris="debris" in quirks)
    text = layout.render(doc, rng, "gbk" if "gbk" in quirks else "utf-8")
    if "traditional" in quirks:
        text = _s2twp().convert(text)
    data, encoding = (layout.pack(text), layout.ext) if layout.pack else _encode(text, "gbk" in quirks)
    stem = f"syn{seed}_{index:05d}_{layout.name}"
    truth = _truth(f"{stem}.{layout.ext}", seed, index, agency, body, layout, quirks, doc.published, encoding)
    return Case(stem, layout.ext, data, truth)


def _truth(filename: str, seed: int, index: int, agency: Agency, body: _Body, layout: Layout, quirks: list[str],
           published: str, encoding: str) -> dict:
    """The truth file: the corpus keys with their meaning, then the generator's own keys. A layout whose
    表二 the extractor does not read yet (Layout.proactive_read, named in its description) has no 表二
    truth: left out of the judging, not counted absent."""
    notes = [f"Synthetic report ({layout.description}); quirks: {', '.join(quirks) or 'none'}. "
             "Table values are the printed numbers; null = the cell is printed blank."] + body.notes
    truth = {
        "file": filename,
        "source": {"generator": "extractors.synthetic", "version": GENERATOR_VERSION, "seed": seed, "index": index},
        "agency_name": agency.name,
        "report_year": body.year,
        "template": body.template,
        "expected_status": "quarantined" if body.violations else "published",
        "requests": body.requests,
        "review_litigation": body.review,
        "narrative_facts": body.facts,
        "violations": body.violations,
        "notes": " ".join(notes),
        "layout": layout.name,
        "quirks": quirks,
        "publication_date": published,
        "encoding": encoding,
        "proactive": body.proactive,
        "proactive_units": body.proactive_units,
        "injected_errors": body.injected,
    }
    if not layout.proactive_read:
        del truth["proactive"], truth["proactive_units"]
    return truth


def make_versions(seed: int, index: int, layout_names: Iterable[str]) -> list[Case]:
    """One report published in several formats (a web page, its PDF and Word attachments, a text copy):
    the same content, no quirks, rendered by each layout. The versions of one agency × year."""
    content = random.Random(f"ogi-synthetic-versions:{seed}:{index}")
    agency = random_agency(content)
    style = _style([], content)
    body = _table_body(agency, [], style, content)
    doc = Document(_title(agency, body.year, content), agency.name, _published(body.year, content), _preamble(body),
                   body.sections, debris=False)
    cases = []
    for name in layout_names:
        layout = LAYOUTS[name]
        text = layout.render(copy.deepcopy(doc), random.Random(f"ogi-synthetic-versions:{seed}:{index}:{name}"), "utf-8")
        data, encoding = (layout.pack(text), layout.ext) if layout.pack else _encode(text, False)
        stem = f"ver{seed}_{index:05d}_{layout.name}"
        truth = _truth(f"{stem}.{layout.ext}", seed, index, agency, body, layout, [], doc.published, encoding)
        cases.append(Case(stem, layout.ext, data, truth))
    return cases


# ------------------------------------------------------------------------------ many cases

def generate_cases(count: int, seed: int, layouts: Iterable[str] | None = None,
                   allowed_quirks: Iterable[str] | None = None, forced_quirks: Iterable[str] = ()) -> Iterator[Case]:
    """`count` cases, layouts taken in turn so every layout gets its share."""
    names = list(layouts or LAYOUTS)
    for index in range(count):
        yield make_case(seed, index, names[index % len(names)], allowed_quirks, forced_quirks)


def write_case(case: Case, out_dir: Path) -> Path:
    path = out_dir / case.filename
    path.write_bytes(case.data)
    (out_dir / f"{case.stem}.truth.json").write_text(json.dumps(case.truth, ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
    return path
