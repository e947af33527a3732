"""Legacy .doc and Kingsoft .wps read through LibreOffice, and rejected with the package to install
where LibreOffice is absent. The legacy files are made the way the world makes them: LibreOffice saves
a generated .docx as Word 97 (.doc); Kingsoft's .wps is the same OLE compound format."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from extractors import extract_bytes
from extractors.convert import CONVERTER_PACKAGE, soffice
from extractors.synthetic import generate_cases


def _require_soffice() -> str:
    binary = soffice()
    if binary is None:
        pytest.fail(f"LibreOffice is not installed: `apt-get install {CONVERTER_PACKAGE}` (.ci/run installs it)",
                    pytrace=False)
    return binary


@pytest.fixture(scope="module")
def legacy(tmp_path_factory) -> list[tuple[str, bytes, bytes]]:
    """(stem, docx bytes, doc bytes) for a few generated Word reports."""
    binary = _require_soffice()
    tmp = str(tmp_path_factory.mktemp("legacy"))
    out = []
    for case in generate_cases(3, 8080, ["docx"]):
        source = Path(tmp) / case.filename
        source.write_bytes(case.data)
        subprocess.run([binary, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
                        "--convert-to", "doc", "--outdir", tmp, str(source)], check=True, capture_output=True,
                       timeout=300)
        out.append((case.stem, case.data, (Path(tmp) / f"{case.stem}.doc").read_bytes()))
    return out


def _cells(result):
    return sorted((c.table, c.row, c.column, c.raw, c.semantic) for c in result.cells)


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_reads_as_its_docx(legacy, suffix):
    for stem, docx, old in legacy:
        original = extract_bytes(docx, f"{stem}.docx")
        converted = extract_bytes(old, f"{stem}{suffix}")
        assert converted.outcome == "extracted", converted.reason
        assert converted.encoding == f"{suffix[1:]}→docx (LibreOffice)"
        assert len(original.cells) > 150
        assert _cells(converted) == _cells(original)
        assert (converted.agency_name, converted.report_year, converted.template) == (
            original.agency_name, original.report_year, original.template)
        assert all(c.locator.path and "/ cell " in c.locator.path for c in converted.cells
                   if c.table == "requests" and c.semantic == "number")


def test_without_libreoffice_a_legacy_file_is_rejected_naming_the_package(monkeypatch):
    monkeypatch.setenv("OGI_SOFFICE", "")  # as on a machine without LibreOffice
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    for name in ("report.doc", "报告.wps"):
        result = extract_bytes(legacy, name)
        assert result.outcome == "rejected"
        assert f"install the Debian package {CONVERTER_PACKAGE}" in result.reason, result.reason


def test_a_damaged_legacy_file_is_rejected_with_libreoffice_saying_so():
    _require_soffice()
    result = extract_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), "broken.doc")
    assert result.outcome == "rejected"
    assert result.reason.startswith("LibreOffice could not convert a legacy Word .doc file: Error: source file could not be loaded"), result.reason
