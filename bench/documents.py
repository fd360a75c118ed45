"""Benchmark of the legal documents: how many two-page decisions one core generates per second,
and how long the PDF copy takes.

    .venv/bin/python bench/documents.py             # SQLite in a temporary folder
    .venv/bin/python bench/documents.py --pg        # PostgreSQL, a throw-away database
    .venv/bin/python bench/documents.py --count 200 # more documents (default 100)

Builds the real app (real migrations, the demo users), files one case through the API (CaseDriver)
and then, in one thread, generates and issues `count` 行政处罚决定书 through the service layer:
read the case and its process data, render the docxtpl template, write the file, take the next
gapless number, render the final version, store it with its SHA-256, commit. The decision's own
facts (fine, basis, facts…) that a case reaches only at the end of the penalty procedure are
filled in with realistic values, so every document is a full two-page decision.

Reported: documents generated per second (`drafts_per_s`, from the draft p50: a draft is a whole
generation — read the case and process data, render, write, commit; the goal is 30/s), the p50 of a
draft and of an issue (the issue renders the decision again with its number), whole renders per
second (`renders_per_s`: drafts and issues), decisions issued per second (draft + issue), the
p50/p95 of one draft+issue, the size of a document, and — when LibreOffice is installed — the time
to convert one decision to PDF, a batch of 10 in one LibreOffice start, and the decision's pages
(`decision_pages`, pdfinfo: the benchmark's decision must be the two-page one the goal names).
A line of figures, then one JSON line last.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._setup import NOW, make_app, percentile, throwaway_database  # noqa: E402

DECISION_NAME = "行政处罚决定书"


# what a real 行政处罚决定书 of a wage-arrears case says, for the facts the benchmark case has not reached
REALISTIC_TEXT = {
    "facts": "经查，你单位承建的横琴新家园三期安置房项目自2026年9月起拖欠12名农民工工资共计123456.78元。"
             "本机关于2026年11月5日向你单位送达《劳动保障监察限期改正指令书》，责令你单位于2026年11月20日前"
             "支付上述工资，你单位逾期仍未支付。",
    "evidence": "1. 投诉登记表及投诉人身份证明；2. 询问笔录3份；3. 工资表、考勤记录；4. 现场检查笔录；"
                "5. 劳动保障监察限期改正指令书及送达回证。",
    "violated_provision": "《保障农民工工资支付条例》第三条、第十一条",
    "penalty_provision": "《保障农民工工资支付条例》第五十四条、《劳动保障监察条例》第二十六条",
    "prior_notice_number": "横琴人社监告字〔2026〕第12号",
    "payment_account": "中国工商银行珠海横琴支行 2002 0212 0910 0088 888",
}


def realistic(path: str, label: str) -> object:
    """A plausible value for a required context path the benchmark case has not reached."""
    leaf = path.rsplit(".", 1)[-1]
    if leaf in REALISTIC_TEXT:
        return REALISTIC_TEXT[leaf]
    if leaf in ("fine", "amount") or leaf.endswith("_amount"):
        return "50000.00"
    if leaf.endswith(("_on", "_date", "date")) or "日期" in label:
        return "2026-12-03"
    if leaf.endswith("_count"):
        return 12
    return label


def fill(context: dict, path: str, value: object) -> None:
    keys = path.split(".")
    target = context
    for key in keys[:-1]:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    if target.get(keys[-1]) in (None, "", [], {}):
        target[keys[-1]] = value


def pdf_pages(path: Path | None) -> int | None:
    """Pages of a PDF (poppler's pdfinfo), None without it."""
    if path is None or shutil.which("pdfinfo") is None:
        return None
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
    return next((int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), None)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="print a cProfile top list of the timed loop")
    args = parser.parse_args(argv)
    kind_name = "postgresql" if args.pg else "sqlite"

    from engine.clock import FixedClock

    with tempfile.TemporaryDirectory(prefix="bench-docs-") as tmp, throwaway_database(kind_name) as url:
        clock = FixedClock(NOW)
        app = make_app(url, Path(tmp) / "instance", clock)
        with app.app_context():
            from app.documents import pdf, service
            from app.documents import views as document_views
            from app.extensions import db
            from tests.factories import create_demo_users, user
            from tests.integration.cases.helpers import Api, CaseDriver

            create_demo_users(db.session)
            db.session.commit()
            driver = CaseDriver(Api(app), clock=clock, env=app.extensions["workflow"], session=db.session)
            driver.filed_case(checked=False)
            with app.test_request_context():
                denv = document_views.document_env()
            (kind,) = [k for k in denv.registry.kinds.values() if k.name == DECISION_NAME]
            inputs = {i.name: realistic(f"input.{i.name}", i.label) for i in kind.inputs}
            original = service.base_context

            def full_context(session, env, subject):
                context = original(session, env, subject)
                for path, label in kind.required:
                    if not path.startswith(("doc.", "input.")):
                        fill(context, path, realistic(path, label))
                return context

            service.base_context = full_context
            session = db.session
            officer = user(session, "officer1")
            subject = service.subject_for_edit(session, subject_type="case", subject_id=driver.case_id, user=officer)
            today, now = NOW.date(), clock.now()

            drafts_ms: list[float] = []
            issues_ms: list[float] = []

            def one() -> int:
                t0 = time.perf_counter()
                draft = service.generate(session, denv, subject=subject, kind_code=kind.code, inputs=inputs,
                                         user=officer, today=today, now=now)
                session.commit()
                t1 = time.perf_counter()
                document = service.issue(session, denv, document_id=draft.document.id, user=officer, today=today,
                                         now=now)
                session.commit()
                drafts_ms.append((t1 - t0) * 1000)
                issues_ms.append((time.perf_counter() - t1) * 1000)
                return document.id

            for _ in range(3):  # warm-up: template parse, first queries
                one()
            drafts_ms.clear()
            issues_ms.clear()
            timings, last_id = [], None
            profile = cProfile.Profile() if args.profile else None
            started = time.perf_counter()
            for _ in range(args.count):
                t0 = time.perf_counter()
                if profile is not None:
                    profile.enable()
                last_id = one()
                if profile is not None:
                    profile.disable()
                timings.append((time.perf_counter() - t0) * 1000)
            elapsed = time.perf_counter() - started
            if profile is not None:
                pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
            document = session.get(service.Document, last_id)
            _, path = service.version_file(denv, document)
            size_kb = path.stat().st_size / 1024

            pdf_one = pdf_batch = pages = None
            if pdf.available():
                out = Path(tmp) / "pdf"
                t0 = time.perf_counter()
                pdf.convert([path], out / "one")
                pdf_one = (time.perf_counter() - t0) * 1000
                pages = pdf_pages(next((out / "one").glob("*.pdf"), None))
                if "BENCH_KEEP_PDF" in os.environ:
                    shutil.copy(next((out / "one").glob("*.pdf")), os.environ["BENCH_KEEP_PDF"])
                sources = []
                for i in range(10):
                    copy = Path(tmp) / f"decision-{i}.docx"
                    copy.write_bytes(path.read_bytes())
                    sources.append(copy)
                t0 = time.perf_counter()
                pdf.convert(sources, out / "batch")
                pdf_batch = (time.perf_counter() - t0) * 1000

    figures = {
        "bench": "documents", "database": kind_name, "kind": DECISION_NAME, "count": args.count,
        "drafts_per_s": round(1000 / percentile(drafts_ms, 50), 1),
        "renders_per_s": round(2 * args.count / elapsed, 1),
        "draft_p50_ms": round(percentile(drafts_ms, 50), 1), "issue_p50_ms": round(percentile(issues_ms, 50), 1),
        "issued_per_s": round(args.count / elapsed, 1), "p50_ms": round(percentile(timings, 50), 1),
        "p95_ms": round(percentile(timings, 95), 1), "docx_kb": round(size_kb, 1),
        "pdf_one_ms": round(pdf_one) if pdf_one else None, "pdf_batch10_ms": round(pdf_batch) if pdf_batch else None,
        "decision_pages": pages, "goal_per_s": 30,
    }
    figures["goal_met"] = figures["drafts_per_s"] >= 30
    print(f"{DECISION_NAME} 生成草稿并签发 {args.count} 份（{kind_name}，共 {pages or '?'} 页）：生成草稿 "
          f"{figures['drafts_per_s']} 份/秒（p50 {figures['draft_p50_ms']} ms；签发 p50 {figures['issue_p50_ms']} ms；"
          f"整份渲染 {figures['renders_per_s']} 次/秒）；"
          f"草稿+签发 {figures['issued_per_s']} 份/秒，p50 {figures['p50_ms']} ms，p95 {figures['p95_ms']} ms，"
          f"每份 {figures['docx_kb']} KB")
    if pdf_one:
        print(f"PDF 转换：1 份 {figures['pdf_one_ms']} ms；10 份一次转换 {figures['pdf_batch10_ms']} ms")
    else:
        print("PDF 转换：未安装 LibreOffice，未测")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
