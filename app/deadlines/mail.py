"""E-mail for reminders, sent only when SMTP is configured."""
from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    sender: str

    @classmethod
    def from_config(cls, config: dict) -> SmtpSettings | None:
        if not config.get("SMTP_HOST"):
            return None
        return cls(host=config["SMTP_HOST"], port=int(config.get("SMTP_PORT", 25)), user=config.get("SMTP_USER", ""),
                   password=config.get("SMTP_PASSWORD", ""), sender=config.get("SMTP_SENDER") or "noreply@localhost")


def send(settings: SmtpSettings, *, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, to, subject
    message.set_content(body)
    with smtplib.SMTP(settings.host, settings.port, timeout=10) as smtp:
        if settings.user:
            smtp.starttls()
            smtp.login(settings.user, settings.password)
        smtp.send_message(message)
