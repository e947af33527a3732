"""ogi-warehouse extractors: annual-report files -> ExtractionResult (pure Python, no Dagster).

Public API:
- extract_bytes(data, source_name) -> ExtractionResult   never raises on bad input
- extract_file(path) -> ExtractionResult                 source_name = the file name
- normalised_text(data, source_name) -> str              the text Locator line numbers refer to
"""

from .model import EXTRACTOR_VERSION, Cell, ExtractionResult, Locator, NarrativeFact
from .pipeline import SUPPORTED_SUFFIXES, UnreadableDocument, extract_bytes, extract_file, normalised_text

__all__ = [
    "EXTRACTOR_VERSION", "Cell", "ExtractionResult", "Locator", "NarrativeFact", "SUPPORTED_SUFFIXES",
    "UnreadableDocument", "extract_bytes", "extract_file", "normalised_text",
]
