"""Line breaks removed or merged at random: what a page nobody here has seen may do to any layout.

A converter, a crawler or a copy-paste can drop a line break (two lines run together with nothing or a
space between them). The readers must not depend on line breaks: every 表三/表四 cell of a scrambled
report is still read right or flagged `unreadable`, never wrong and never absent.
"""

from __future__ import annotations

import random
from dataclasses import replace

# Share of a report's line breaks removed: a few, many, most, all (the whole page on one line).
SHARES: tuple[float, ...] = (0.1, 0.3, 0.6, 1.0)


def scramble_line_breaks(text: str, rng: random.Random, share: float | None = None) -> str:
    """`text` with each line break, with probability `share` (drawn from SHARES when None), replaced
    by nothing or by one space."""
    share = rng.choice(SHARES) if share is None else share
    return "".join(rng.choice(("", " ")) if ch == "\n" and rng.random() < share else ch for ch in text)


def scrambled_case(case):
    """A generated case with its line breaks scrambled (text and Markdown layouts; HTML is left as is,
    its markup carries the structure). The truth keeps 表三/表四, the tables the contract covers: a
    title run into the prose, or a 表二 glued into one line, is another matter (named in the truth)."""
    if not case.filename.endswith((".txt", ".md")):
        return case
    encoding = case.truth.get("encoding") or "utf-8"
    text = case.data.decode(encoding)
    data = scramble_line_breaks(text, random.Random(case.filename)).encode(encoding)
    truth = {k: v for k, v in case.truth.items() if k not in ("proactive", "proactive_units")}  # 表二 not judged
    truth.update(layout=f"{case.truth['layout']} scrambled", agency_name=None, report_year=None, template=None,
                 narrative_facts={}, notes=case.truth.get("notes", "") + " Line breaks scrambled: only 表三/表四 "
                 "are judged.")
    return replace(case, data=data, truth=truth)
