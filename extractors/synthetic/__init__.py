"""Synthetic annual reports with ground truth, for property tests, `ogi eval` and the benchmark.

    from extractors.synthetic import generate_cases, make_case, LAYOUTS, QUIRKS
    case = make_case(seed=1, index=0, layout_name="html_rowspan")
    case.data      # the file's bytes (UTF-8 or GBK), name case.filename
    case.truth     # the truth file (corpus format + layout, quirks, proactive, injected_errors)

CLI: python -m extractors.synthetic OUT_DIR --count N --seed S [--layouts a b …] [--quirks …]
"""

from .cases import GENERATOR_VERSION, Case, generate_cases, make_case, write_case
from .layouts import LAYOUTS, QUIRKS, Layout, applicable

__all__ = ["GENERATOR_VERSION", "LAYOUTS", "QUIRKS", "Case", "Layout", "applicable", "generate_cases", "make_case",
           "write_case"]
