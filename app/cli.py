"""Command-line commands: seed-demo, create-user, scheduler."""
from __future__ import annotations

import click
from flask import Flask, current_app

from app.extensions import db


def register_cli(app: Flask) -> None:
    @app.cli.command("seed-demo")
    def seed_demo() -> None:
        """Load the demo data set (idempotent; refused in production)."""
        from zoneinfo import ZoneInfo

        from app.demo import DEMO_PASSWORD, DEMO_USERS, seed
        from app.documents.views import document_env

        if current_app.config["PRODUCTION"]:
            raise click.ClickException("生产环境（APP_ENV=production）禁止加载演示数据")
        created = seed(
            db.session, env=current_app.extensions["workflow"], forms=current_app.extensions["forms"],
            tz=ZoneInfo(current_app.config["TIME_ZONE"]), documents=document_env(),
        )
        db.session.commit()
        click.echo("演示数据已就绪" + ("（本次新建）" if created else "（已存在，未重复加载）"))
        click.echo(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, name, _roles, _team in DEMO_USERS:
            click.echo(f"  {username:<10} {name}")

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--name", "display_name", required=True)
    @click.option("--role", "roles", multiple=True, required=True)
    @click.password_option()
    def create_user(username: str, display_name: str, roles: tuple[str, ...], password: str) -> None:
        """Create an account with one or more roles."""
        from app.auth.service import create_user as create
        from app.errors import DomainError

        try:
            create(db.session, username=username, display_name=display_name, password=password,
                   role_codes=list(roles))
        except DomainError as exc:
            raise click.ClickException(exc.message) from exc
        db.session.commit()
        click.echo(f"已创建用户 {username}")

    @app.cli.command("scheduler")
    def scheduler() -> None:
        """Run the scheduled jobs in this process while it holds the lease."""
        from app.scheduling.runner import run

        if not current_app.config["SCHEDULER_ENABLED"]:
            raise click.ClickException("调度器已被配置关闭（SCHEDULER_ENABLED=false）")
        run(current_app._get_current_object())
