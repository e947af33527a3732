"""python -m extractors.synthetic OUT_DIR --count N --seed S [--layouts ...] [--quirks ...] [--scramble]"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .cases import generate_cases, write_case
from .layouts import LAYOUTS, QUIRKS
from .scramble import scrambled_case


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractors.synthetic",
                                     description="write synthetic annual reports and their truth files")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--layouts", nargs="+", choices=sorted(LAYOUTS), help="layouts to use in turn (default all)")
    parser.add_argument("--quirks", nargs="*", choices=sorted(QUIRKS),
                        help="quirks that may be drawn (default all; give none for plain reports)")
    parser.add_argument("--scramble", action="store_true",
                        help="remove or merge line breaks at random in text and Markdown reports (scramble.py); "
                             "their truth keeps 表三/表四 only, the tables the completeness contract covers")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    layouts, quirks, statuses = Counter(), Counter(), Counter()
    for case in generate_cases(args.count, args.seed, args.layouts, args.quirks):
        if args.scramble:
            case = scrambled_case(case)
        write_case(case, args.out_dir)
        layouts[case.truth["layout"]] += 1
        quirks.update(case.truth["quirks"])
        statuses[case.truth["expected_status"]] += 1
    print(f"wrote {args.count} reports + truth files to {args.out_dir}")
    print("layouts: " + ", ".join(f"{k} {v}" for k, v in sorted(layouts.items())))
    print("quirks: " + (", ".join(f"{k} {v}" for k, v in sorted(quirks.items())) or "none"))
    print("expected status: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
