"""The roster's Excel format: the template workbook, and reading an uploaded .xlsx into rows.

First sheet, one header row with the Chinese column names below (order free, extra columns
ignored), one worker per row; empty rows are skipped. 证件类型 is the Chinese label
(居民身份证, 澳门居民身份证 …), 是否农民工 is 是 or 否. Row numbers are those Excel shows.
"""
from __future__ import annotations

import io
import zipfile
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from app.errors import ValidationFailed
from app.validation import ID_TYPES

COLUMNS = (
    ("name", "姓名"), ("id_type", "证件类型"), ("id_number", "证件号码"), ("phone", "联系电话"),
    ("is_migrant_worker", "是否农民工"), ("amount_owed", "欠薪金额"), ("amount_paid", "已支付金额"), ("note", "备注"),
)
REQUIRED_COLUMNS = ("姓名", "证件类型", "证件号码", "是否农民工", "欠薪金额")
TEXT_COLUMNS = ("证件号码", "联系电话")  # formatted as text so long numbers keep every digit
WIDTHS = {"姓名": 12, "证件类型": 24, "证件号码": 24, "联系电话": 16, "是否农民工": 12, "欠薪金额": 14,
          "已支付金额": 14, "备注": 30}
MAX_ROWS = 5000
TEMPLATE_ROWS = 500
UNREADABLE = "无法读取该文件，请上传 Excel 工作簿（.xlsx），可先下载导入模板"


def template_workbook() -> bytes:
    """An empty roster with the header row, text-formatted ID and phone columns and drop-down lists."""
    wb = Workbook()
    ws = wb.active
    ws.title = "欠薪工人名册"
    ws.append([label for _, label in COLUMNS])
    for index, (_, label) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        ws.column_dimensions[letter].width = WIDTHS[label]
        if label in TEXT_COLUMNS:
            for row in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=row, column=index).number_format = "@"
    ws.freeze_panes = "A2"
    _drop_down(ws, "证件类型", ",".join(ID_TYPES.values()))
    _drop_down(ws, "是否农民工", "是,否")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _drop_down(ws, label: str, choices: str) -> None:
    letter = get_column_letter([lbl for _, lbl in COLUMNS].index(label) + 1)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    validation.error, validation.errorTitle = f"请从列表中选择{label}", "输入无效"
    ws.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")


def _fail(message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={"file": [message]})


def _header_map(header: tuple[Any, ...]) -> dict[str, int]:
    by_label = {str(v).strip(): i for i, v in enumerate(header) if v is not None and str(v).strip()}
    missing = [label for label in REQUIRED_COLUMNS if label not in by_label]
    if missing:
        raise _fail("第1行应为表头，缺少列：" + "、".join(missing))
    return {key: by_label[label] for key, label in COLUMNS if label in by_label}


def read_rows(stream: IO[bytes]) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {field: cell value}) for every non-empty row of the first sheet, or ValidationFailed."""
    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise _fail(UNREADABLE) from None
    try:
        ws = wb.worksheets[0]
        cells = ws.iter_rows(values_only=True)
        header = next(cells, None)
        if not header:
            raise _fail("工作表为空：第1行应为表头（姓名、证件类型、证件号码……）")
        columns = _header_map(header)
        rows = []
        for line, values in enumerate(cells, start=2):
            if not any(v is not None and str(v).strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise _fail(f"一次最多导入{MAX_ROWS}行")
            rows.append((line, {key: values[i] if i < len(values) else None for key, i in columns.items()}))
        return rows
    finally:
        wb.close()
