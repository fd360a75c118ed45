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


MISSING = ("配置的 LibreOffice 程序（SOFFICE_PATH={path}）不存在或不可执行，无法生成 PDF；"
           "请下载 Word 文件，或请运维人员检查 SOFFICE_PATH")
TIMED_OUT = "PDF 转换超过 {seconds} 秒仍未完成，已中止；请稍后重试或下载 Word 文件"


class PdfUnavailable(RuntimeError):
    pass


def soffice() -> str | None:
    """The LibreOffice binary: SOFFICE_PATH (a path, or a name looked up on PATH) if it exists and is
    executable, else soffice / libreoffice on PATH; None when there is none."""
    configured = os.environ.get("SOFFICE_PATH")
    if configured:
        return shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def _absent() -> str:
    configured = os.environ.get("SOFFICE_PATH")
    return MISSING.format(path=configured) if configured else ABSENT


def convert(sources: list[Path], out_dir: Path) -> list[Path]:
    """Convert .docx files to PDF in out_dir (one LibreOffice start for all); the PDF paths."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable(_absent())
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=profile)
        command = [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
        try:
            result = subprocess.run(command, env=env, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable(TIMED_OUT.format(seconds=TIMEOUT_SECONDS)) from exc
        except OSError as exc:  # FileNotFoundError, PermissionError: removed or replaced since the check
            raise PdfUnavailable(_absent()) from exc
    produced = [out_dir / (source.stem + ".pdf") for source in sources]
    missing = [p.name for p in produced if not p.is_file()]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout).decode("utf-8", "replace")[-300:]
        raise PdfUnavailable(f"PDF 转换失败（{', '.join(missing) or result.returncode}）：{detail}")
    return produced

