"""LibreOffice and pdftotext for the PDF checks: skipped where they are absent, but CI sets
REQUIRE_PDF=1 (.ci/run installs them), so there their absence fails the run instead."""
from __future__ import annotations

import os
import shutil

import pytest


def require_pdf_tools() -> str:
    soffice = os.environ.get("SOFFICE_PATH") or shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        reason = "LibreOffice (soffice) or pdftotext is not installed: PDF conversion not checked"
        if os.environ.get("REQUIRE_PDF") == "1":
            pytest.fail(f"REQUIRE_PDF=1 but {reason}", pytrace=False)
        pytest.skip(f"{reason} (CI installs libreoffice-writer-nogui and poppler-utils)")
    return soffice
