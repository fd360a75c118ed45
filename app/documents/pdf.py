"""PDF copies of generated documents through LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice is optional: `available()` says whether it is installed, and every
page or API answer that offers a PDF says plainly when it is not. Each
conversion runs with its own throw-away profile, so parallel conversions never
share LibreOffice's user installation, and with a fontconfig file that maps the
bureau's fonts (仿宋_GB2312, 方正小标宋简体, 黑体) to the CJK fonts installed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TIMEOUT_SECONDS = 120
ABSENT = "服务器未安装 LibreOffice（soffice），无法生成 PDF；请下载 Word 文件，或请运维人员安装 libreoffice-writer-nogui"


class PdfUnavailable(RuntimeError):
    pass


def soffice() -> str | None:
    return os.environ.get("SOFFICE_PATH") or shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def convert(sources: list[Path], out_dir: Path) -> list[Path]:
    """Convert .docx files to PDF in out_dir (one LibreOffice start for all); the PDF paths."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable(ABSENT)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=profile)
        command = [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
        result = subprocess.run(command, env=env, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    produced = [out_dir / (source.stem + ".pdf") for source in sources]
    missing = [p.name for p in produced if not p.is_file()]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout).decode("utf-8", "replace")[-300:]
        raise PdfUnavailable(f"PDF 转换失败（{', '.join(missing) or result.returncode}）：{detail}")
    return produced


def pdf_for(docx: Path) -> Path:
    """The PDF beside `docx`, converted once and kept (documents are immutable once issued)."""
    target = docx.with_suffix(".pdf")
    if target.is_file() and target.stat().st_mtime >= docx.stat().st_mtime:
        return target
    with tempfile.TemporaryDirectory(prefix="pdf-", dir=docx.parent) as work:
        produced = convert([docx], Path(work))[0]
        os.replace(produced, target)
    return target
