"""The workers-owed roster of a case: who may see and change it, validation, totals, Excel import.

Every function takes the session and keyword arguments and never imports flask. A row is
validated as a careful clerk would (ID number by its document type, so a Macao worker with a
澳门居民身份证 is accepted; amounts ≥ 0 with two decimals; paid ≤ owed) and errors come back
in Chinese per field. Every write is recorded in the audit log, ID numbers masked there.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import User
from app.cases.flows import visible_case
from app.cases.models import Case
from app.database import utcnow
from app.errors import Forbidden, NotFound, ValidationFailed
from app.roster.models import CaseWorker
from app.validation import ID_TYPES, mask_id_number, mask_phone, validate_id_number, validate_phone

FIELD_LABELS = {
    "name": "姓名", "id_type": "证件类型", "id_number": "证件号码", "phone": "联系电话",
    "is_migrant_worker": "是否农民工", "amount_owed": "欠薪金额", "amount_paid": "已支付金额", "note": "备注",
}
ID_TYPE_BY_LABEL = {label: code for code, label in ID_TYPES.items()}
NAME_MAX, NOTE_MAX = 64, 500
AMOUNT_LIMIT = Decimal("1000000000000")  # Numeric(14, 2)
CENT = Decimal("0.01")
YES = {"是", "y", "yes", "true", "1", "√"}
NO = {"否", "n", "no", "false", "0", "×"}
DUPLICATE = "该证件号码已在本案名册中"


# --- who may do what ----------------------------------------------------------------------------

def may_edit_case_records(user: User, case: Case) -> bool:
    """The case's handler or co-handler, or the section chief (who must also be able to see the case)."""
    return user.id in (case.handler_id, case.co_handler_id) or "chief" in user.role_codes


def may_see_personal_data(user: User, case: Case) -> bool:
    """Unmasked ID numbers and phones: the case's inspectors, the chief, the leaders."""
    return may_edit_case_records(user, case) or "leader" in user.role_codes


def viewable_case(session: Session, *, case_id: int, user: User) -> Case:
    return visible_case(session, case_id=case_id, user=user)


def editable_case(session: Session, *, case_id: int, user: User, what: str = "欠薪工人名册") -> Case:
    case = visible_case(session, case_id=case_id, user=user)
    if not may_edit_case_records(user, case):
        raise Forbidden(f"只有本案承办执法人员或科长可以修改{what}")
    return case


# --- validation ---------------------------------------------------------------------------------

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a spreadsheet cell
    return str(value).strip()


def _id_type(value: Any) -> str:
    text = _text(value)
    if not text:
        raise ValueError("请选择证件类型")
    if text in ID_TYPES:
        return text
    if text in ID_TYPE_BY_LABEL:
        return ID_TYPE_BY_LABEL[text]
    raise ValueError("证件类型无效，应为：" + "、".join(ID_TYPES.values()))


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError("请填写“是”或“否”" if text else "请选择是否农民工（是/否）")


def _amount(value: Any, label: str, *, required: bool) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{label}应为数字")
    text = repr(value) if isinstance(value, float) else _text(value).replace(",", "").removesuffix("元")
    if not text:
        if required:
            raise ValueError(f"请填写{label}")
        return Decimal("0.00")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{label}应为数字") from None
    if not amount.is_finite():
        raise ValueError(f"{label}应为数字")
    if amount < 0:
        raise ValueError(f"{label}不能为负数")
    if amount != amount.quantize(CENT):
        raise ValueError(f"{label}最多保留两位小数")
    if amount >= AMOUNT_LIMIT:
        raise ValueError(f"{label}过大")
    return amount.quantize(CENT)


def _check(errors: dict[str, list[str]], name: str, check, *args, **kwargs):
    try:
        return check(*args, **kwargs)
    except ValueError as exc:
        errors.setdefault(name, []).append(str(exc))
        return None


def _name(value: Any) -> str:
    name = _text(value)
    if not name:
        raise ValueError("请填写姓名")
    if len(name) > NAME_MAX:
        raise ValueError(f"姓名不应超过{NAME_MAX}个字")
    return name


def _note(value: Any) -> str | None:
    note = _text(value)
    if len(note) > NOTE_MAX:
        raise ValueError(f"备注不应超过{NOTE_MAX}个字")
    return note or None


def clean_worker(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The row as it will be stored, or ValidationFailed with Chinese messages per field."""
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {"name": _check(errors, "name", _name, raw.get("name"))}
    data["id_type"] = _check(errors, "id_type", _id_type, raw.get("id_type"))
    number = _text(raw.get("id_number"))
    if data["id_type"]:
        data["id_number"] = _check(errors, "id_number", validate_id_number, data["id_type"], number)
    elif not number:
        errors["id_number"] = ["请输入证件号码"]
    phone = _text(raw.get("phone"))
    data["phone"] = _check(errors, "phone", validate_phone, phone) if phone else None
    data["is_migrant_worker"] = _check(errors, "is_migrant_worker", _yes_no, raw.get("is_migrant_worker"))
    data["amount_owed"] = _check(errors, "amount_owed", _amount, raw.get("amount_owed"), "欠薪金额", required=True)
    data["amount_paid"] = _check(errors, "amount_paid", _amount, raw.get("amount_paid"), "已支付金额",
                                 required=False)
    if data["amount_owed"] is not None and data["amount_paid"] is not None \
            and data["amount_paid"] > data["amount_owed"]:
        errors.setdefault("amount_paid", []).append("已支付金额不能大于欠薪金额")
    data["note"] = _check(errors, "note", _note, raw.get("note"))
    if errors:
        raise ValidationFailed("请检查以下字段：" + "、".join(FIELD_LABELS[f] for f in errors), fields=errors)
    return data


# --- reading ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WorkerRow:
    """A worker as one viewer may see it: ID number and phone masked unless the viewer may see them."""

    worker: CaseWorker
    id_number: str
    phone: str

    @property
    def id_type_label(self) -> str:
        return ID_TYPES.get(self.worker.id_type, self.worker.id_type)


@dataclass(frozen=True)
class Totals:
    people: int = 0
    migrant_workers: int = 0
    owed: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")

    @property
    def outstanding(self) -> Decimal:
        return self.owed - self.paid


@dataclass(frozen=True)
class RosterView:
    case: Case
    rows: list[WorkerRow]
    totals: Totals
    unmasked: bool
    may_edit: bool


def totals(workers: Iterable[CaseWorker]) -> Totals:
    workers = list(workers)
    return Totals(
        people=len(workers), migrant_workers=sum(1 for w in workers if w.is_migrant_worker),
        owed=sum((w.amount_owed for w in workers), Decimal("0.00")),
        paid=sum((w.amount_paid for w in workers), Decimal("0.00")),
    )


def workers_of(session: Session, *, case_id: int) -> list[CaseWorker]:
    return list(session.scalars(select(CaseWorker).where(CaseWorker.case_id == case_id).order_by(CaseWorker.id)))


def shown(worker: CaseWorker, *, unmasked: bool) -> WorkerRow:
    if unmasked:
        return WorkerRow(worker, worker.id_number, worker.phone or "")
    return WorkerRow(worker, mask_id_number(worker.id_number), mask_phone(worker.phone))


def roster(session: Session, *, case_id: int, user: User) -> RosterView:
    case = visible_case(session, case_id=case_id, user=user)
    unmasked = may_see_personal_data(user, case)
    workers = workers_of(session, case_id=case.id)
    return RosterView(case=case, rows=[shown(w, unmasked=unmasked) for w in workers], totals=totals(workers),
                      unmasked=unmasked, may_edit=may_edit_case_records(user, case))


def worker_for_edit(session: Session, *, case_id: int, worker_id: int, user: User) -> CaseWorker:
    editable_case(session, case_id=case_id, user=user)
    worker = session.get(CaseWorker, worker_id)
    if worker is None or worker.case_id != case_id:
        raise NotFound("名册中没有该工人")
    return worker


# --- writing ------------------------------------------------------------------------------------

def _audit_values(worker: CaseWorker) -> dict[str, Any]:
    return {"case_id": worker.case_id, "name": worker.name, "id_type": worker.id_type,
            "id_number": mask_id_number(worker.id_number), "is_migrant_worker": worker.is_migrant_worker,
            "amount_owed": str(worker.amount_owed), "amount_paid": str(worker.amount_paid), "note": worker.note}


def _taken(session: Session, *, case_id: int, id_number: str, except_id: int | None = None) -> bool:
    stmt = select(CaseWorker.id).where(CaseWorker.case_id == case_id, CaseWorker.id_number == id_number)
    if except_id is not None:
        stmt = stmt.where(CaseWorker.id != except_id)
    return session.scalar(stmt.limit(1)) is not None


def add_worker(session: Session, *, case_id: int, user: User, data: Mapping[str, Any],
               now: datetime | None = None) -> CaseWorker:
    case = editable_case(session, case_id=case_id, user=user)
    clean = clean_worker(data)
    if _taken(session, case_id=case.id, id_number=clean["id_number"]):
        raise ValidationFailed("请检查以下字段：证件号码", fields={"id_number": [DUPLICATE]})
    now = now or utcnow()
    worker = CaseWorker(case_id=case.id, created_by_id=user.id, created_at=now, updated_at=now, **clean)
    session.add(worker)
    session.flush()
    audit.record(session, user_id=user.id, action="roster.add", object_type="case_worker", object_id=worker.id,
                 detail={"after": _audit_values(worker)})
    return worker


def update_worker(session: Session, *, case_id: int, worker_id: int, user: User, data: Mapping[str, Any],
                  now: datetime | None = None) -> CaseWorker:
    worker = worker_for_edit(session, case_id=case_id, worker_id=worker_id, user=user)
    clean = clean_worker(data)
    if _taken(session, case_id=case_id, id_number=clean["id_number"], except_id=worker.id):
        raise ValidationFailed("请检查以下字段：证件号码", fields={"id_number": [DUPLICATE]})
    before = _audit_values(worker)
    for key, value in clean.items():
        setattr(worker, key, value)
    worker.updated_at = now or utcnow()
    session.flush()
    audit.record(session, user_id=user.id, action="roster.update", object_type="case_worker", object_id=worker.id,
                 detail={"before": before, "after": _audit_values(worker)})
    return worker


def delete_worker(session: Session, *, case_id: int, worker_id: int, user: User) -> None:
    worker = worker_for_edit(session, case_id=case_id, worker_id=worker_id, user=user)
    audit.record(session, user_id=user.id, action="roster.delete", object_type="case_worker", object_id=worker.id,
                 detail={"before": _audit_values(worker)})
    session.delete(worker)
    session.flush()


@dataclass
class ImportResult:
    added: list[CaseWorker] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # 「第N行：…」 for rows already in the roster


def _row_errors(line: int, exc: ValidationFailed) -> list[str]:
    return [f"第{line}行：{FIELD_LABELS.get(name, name)}：{message}"
            for name in FIELD_LABELS if name in exc.fields for message in exc.fields[name]]


def import_workers(session: Session, *, case_id: int, user: User, rows: list[tuple[int, dict[str, Any]]],
                   now: datetime | None = None) -> ImportResult:
    """Validate every row first: if any is bad nothing is imported and ValidationFailed lists
    「第N行：字段：错误」 (N = the spreadsheet's row number). Rows whose ID number is already in
    the roster (or earlier in the file) are reported as duplicates and not added twice."""
    case = editable_case(session, case_id=case_id, user=user)
    if not rows:
        raise ValidationFailed("文件中没有工人数据", fields={"file": ["文件中没有工人数据"]})
    cleaned, errors = [], []
    for line, raw in rows:
        try:
            cleaned.append((line, clean_worker(raw)))
        except ValidationFailed as exc:
            errors.extend(_row_errors(line, exc))
    if errors:
        raise ValidationFailed(f"导入失败：{len(errors)}处错误，未导入任何数据", fields={"file": errors})
    seen = {w.id_number for w in workers_of(session, case_id=case.id)}
    result, now = ImportResult(), now or utcnow()
    for line, clean in cleaned:
        if clean["id_number"] in seen:
            result.duplicates.append(f"第{line}行：{clean['name']} 的证件号码已在名册中，未重复导入")
            continue
        seen.add(clean["id_number"])
        worker = CaseWorker(case_id=case.id, created_by_id=user.id, created_at=now, updated_at=now, **clean)
        session.add(worker)
        result.added.append(worker)
    session.flush()
    audit.record(session, user_id=user.id, action="roster.import", object_type="case", object_id=case.id,
                 detail={"added": [_audit_values(w) | {"id": w.id} for w in result.added],
                         "duplicates": result.duplicates})
    return result
