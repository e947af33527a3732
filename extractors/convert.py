"""Legacy Word `.doc` and Kingsoft `.wps` to `.docx`, with LibreOffice headless (Debian package
`libreoffice-writer-nogui`), so that they are read like every Word file.

Each conversion runs in its own temporary directory with its own LibreOffice profile: two conversions
at once (a worker pool) would otherwise fight over one profile lock. Bounded in time; a file that
LibreOffice cannot open comes back as a reason, never as an exception that stops a run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERTER_PACKAGE = "libreoffice-writer-nogui"
_TIMEOUT_S = 180
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .doc and Kingsoft .wps are OLE compound files


class ConversionFailed(ValueError):
    """The file could not be converted: the message says why and what to do."""


def soffice() -> str | None:
    """The LibreOffice binary: $OGI_SOFFICE, else `soffice` / `libreoffice` on PATH."""
    configured = os.environ.get("OGI_SOFFICE")
    if configured is not None:
        return configured if configured and Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, suffix: str, what: str) -> bytes:
    """The .docx LibreOffice makes of `data` (a `suffix` file, described as `what`)."""
    if not data.startswith(_OLE_MAGIC):
        raise ConversionFailed(f"named {suffix} but is not {what} file (no OLE compound header)")
    binary = soffice()
    if binary is None:
        raise ConversionFailed(f"{what} file needs LibreOffice to be read: install the Debian package "
                               f"{CONVERTER_PACKAGE} (`apt-get install {CONVERTER_PACKAGE}`), or convert it to .docx "
                               "and drop the .docx beside it")
    with tempfile.TemporaryDirectory(prefix="ogi-convert-") as tmp:
        source = Path(tmp) / f"report{suffix}"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT_S, text=True)
        except subprocess.TimeoutExpired:
            raise ConversionFailed(f"LibreOffice did not convert {what} file within {_TIMEOUT_S} s") from None
        target = Path(tmp) / "report.docx"
        if not target.is_file():
            said = (done.stderr or done.stdout).strip().splitlines()
            raise ConversionFailed(f"LibreOffice could not convert {what} file"
                                   + (f": {said[-1]}" if said else f" (exit {done.returncode})"))
        return target.read_bytes()
