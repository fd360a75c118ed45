"""Many officers issuing at the same moment: 8 workers × 50 documents → 400 distinct, consecutive numbers."""
from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from app.documents import registry, service
from app.documents.context import settings_from_config
from app.documents.models import Document
from tests.factories import user
from tests.integration.cases.helpers import Api, CaseDriver
from tests.integration.documents.lifecycle_helpers import FACTS_INPUT, NUMBERED, write_registry

pytestmark = pytest.mark.skipif(
    os.environ.get("TEST_DATABASE", "sqlite") != "postgresql",
    reason="parallel writers and row locks: PostgreSQL (the production database) only",
)
WORKERS, EACH = 8, 50


def test_parallel_issuers_get_gapless_distinct_numbers(app, clock, env, db_session, tmp_path):
    folder = write_registry(tmp_path / "templates")
    driver = CaseDriver(Api(app), clock=clock, env=env, session=db_session)
    driver.filed_case(checked=False)
    case_id = driver.case_id
    denv = service.DocumentEnvironment(
        registry=registry.load(folder), storage_root=Path(app.config["STORAGE_PATH"]) / "documents",
        settings=settings_from_config(app.config), workflow=env)
    today, now = clock.now().date(), clock.now()
    start = threading.Barrier(WORKERS, timeout=30)
    errors: list[BaseException] = []

    def worker(username: str) -> None:
        from app.extensions import db

        with app.app_context():
            session = db.session
            try:
                officer = user(session, username)
                subject = service.subject_for_edit(session, subject_type="case", subject_id=case_id, user=officer)
                drafts = []
                for _ in range(EACH):
                    drafts.append(service.generate(session, denv, subject=subject, kind_code=NUMBERED,
                                                   inputs=FACTS_INPUT, user=officer, today=today, now=now).document.id)
                session.commit()
                start.wait()
                for document_id in drafts:
                    service.issue(session, denv, document_id=document_id, user=officer, today=today, now=now)
                    session.commit()
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
                session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=("officer1" if i % 2 else "officer2",)) for i in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(240)
    assert errors == []
    db_session.expire_all()
    numbers = db_session.scalars(select(Document.number).where(Document.case_id == case_id)).all()
    assert len(numbers) == WORKERS * EACH and len(set(numbers)) == WORKERS * EACH
    sequence = sorted(int(re.search(r"第(\d+)号", n).group(1)) for n in numbers)
    assert sequence == list(range(1, WORKERS * EACH + 1))
