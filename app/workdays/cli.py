"""`flask calendar ...`: query working days, import a holiday notice, list the stored years."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup

from app.errors import DomainError
from app.extensions import db
from app.workdays import service

calendar_cli = AppGroup("calendar", help="工作日历：查询工作日、导入节假日安排。")


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"日期“{value}”无效，应为 YYYY-MM-DD", param, ctx)


class _PositiveInt(click.ParamType):
    name = "N"

    def convert(self, value, param, ctx) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = 0
        if number < 1:
            self.fail(f"天数“{value}”无效，应为大于等于 1 的整数", param, ctx)
        return number


def _unconfirmed_note(years, verb: str) -> str:
    listed = "、".join(f"{y}年" for y in sorted(years))
    return f"注意：{listed}节假日安排尚未录入（日历未确认），{verb}"


@calendar_cli.command("workdays-after")
@click.argument("start", type=_Date())
@click.argument("n", type=_PositiveInt())
def workdays_after(start: date, n: int) -> None:
    """The N-th working day after START (START itself is not counted)."""
    result = service.load_calendar(db.session).workday_deadline(start, n)
    click.echo(result.day.isoformat())
    click.echo(f"{start.isoformat()} 之后第{n}个工作日：{result.day.year}年{result.day.month}月{result.day.day}日"
               f"（{service.weekday_label(result.day)}）")
    if result.unconfirmed_years:
        click.echo(_unconfirmed_note(result.unconfirmed_years, "按周一至周五推算"))


@calendar_cli.command("is-workday")
@click.argument("day", type=_Date())
def is_workday(day: date) -> None:
    """Print `yes` or `no` on the first line, then the reason in Chinese."""
    calendar = service.load_calendar(db.session)
    working = calendar.is_workday(day, strict=False)
    click.echo("yes" if working else "no")
    name = calendar.holiday_name(day) or ""
    if working:
        reason = f"{name}调休上班" if day.weekday() >= 5 else "周一至周五"
    else:
        reason = f"{name}放假" if name and day in calendar.data.holidays else "周末"
    click.echo(f"{day.isoformat()}（{service.weekday_label(day)}）{'是' if working else '不是'}工作日：{reason}")
    if day.year not in calendar.confirmed_years:
        click.echo(_unconfirmed_note([day.year], "按周一至周五判断"))


@calendar_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_file(file: Path) -> None:
    """Load a .csv or .ics holiday notice; every year in it is replaced and confirmed."""
    try:
        content = file.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"无法读取文件 {file}：{exc.strerror or exc}") from exc
    try:
        changes = service.import_file(db.session, filename=file.name, content=content, user_id=None)
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from exc
    db.session.commit()
    for change in changes:
        click.echo(f"{change.year}年已导入并确认：放假{change.after['holidays']}天，调休上班{change.after['workdays']}天"
                   f"（新增{len(change.added)}、删除{len(change.removed)}、修改{len(change.changed)}）")
    click.echo("各进程将在刷新间隔（默认30秒）内使用新日历")


@calendar_cli.command("years")
def list_years() -> None:
    """The stored years with their state and counts."""
    for y in service.years(db.session):
        state = "已确认" if y.confirmed else "未确认"
        click.echo(f"{y.year}  {state}  放假{y.holidays}天  调休上班{y.makeup_workdays}天  全年工作日{y.working_days}天")
