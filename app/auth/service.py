"""Login with lock-out, bearer tokens, and account management."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.models import ApiToken, LoginEvent, Role, User
from app.auth.passwords import hash_password, verify_password
from app.errors import NotAuthenticated, NotFound, ValidationFailed

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
# One message whether or not the user exists, so that it reveals nothing.
BAD_CREDENTIALS = f"用户名或密码错误（连续{MAX_FAILED_LOGINS}次错误将锁定账号{LOCK_MINUTES}分钟）"
# A fixed hash to verify against when the user does not exist, so that timing
# does not reveal which user names exist.
_DUMMY_HASH = hash_password("no-such-user")


class AccountLocked(NotAuthenticated):
    code = "account_locked"


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime


def get_user(session: Session, *, user_id: int) -> User | None:
    return session.get(User, user_id)


def find_user(session: Session, *, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def authenticate(
    session: Session, *, username: str, password: str, now: datetime, channel: str, remote_addr: str | None
) -> User:
    """Check the password; five failures lock the account for 15 minutes. Every attempt is recorded."""
    user = find_user(session, username=username)

    def log(outcome: str) -> None:
        session.add(
            LoginEvent(
                username=username[:64], user_id=user.id if user else None, outcome=outcome,
                channel=channel, remote_addr=remote_addr, at=now,
            )
        )

    if user is None or not user.is_active:
        verify_password(_DUMMY_HASH, password)
        log("failure")
        raise NotAuthenticated(BAD_CREDENTIALS)
    if user.locked_until and user.locked_until > now:
        log("locked")
        minutes = int((user.locked_until - now).total_seconds() // 60) + 1
        raise AccountLocked(f"账号已锁定，请{minutes}分钟后再试")
    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        log("failure")
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
            log("lock")
            raise AccountLocked(f"连续{MAX_FAILED_LOGINS}次密码错误，账号已锁定{LOCK_MINUTES}分钟")
        raise NotAuthenticated(BAD_CREDENTIALS)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    log("success")
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, *, user: User, now: datetime, hours: int) -> IssuedToken:
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=hours)
    session.add(ApiToken(user_id=user.id, token_hash=_token_hash(token), created_at=now, expires_at=expires))
    return IssuedToken(token=token, expires_at=expires)


def user_for_token(session: Session, *, token: str, now: datetime) -> User | None:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if row is None or row.revoked_at is not None or row.expires_at <= now or not row.user.is_active:
        return None
    return row.user


def revoke_token(session: Session, *, token: str, now: datetime) -> bool:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = now
    return True


def roles_by_code(session: Session, codes: list[str]) -> list[Role]:
    roles = list(session.scalars(select(Role).where(Role.code.in_(codes))))
    missing = set(codes) - {r.code for r in roles}
    if missing:
        raise NotFound(f"角色不存在：{', '.join(sorted(missing))}")
    return roles


def create_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    password: str,
    role_codes: list[str],
    team: str | None = None,
    certificate_no: str | None = None,
    actor_id: int | None = None,
) -> User:
    if find_user(session, username=username):
        raise ValidationFailed("用户名已存在", fields={"username": ["用户名已存在"]})
    if len(password) < 10:
        raise ValidationFailed("密码至少10位", fields={"password": ["密码至少10位"]})
    user = User(
        username=username, display_name=display_name, password_hash=hash_password(password),
        team=team, certificate_no=certificate_no, roles=roles_by_code(session, role_codes),
    )
    session.add(user)
    session.flush()
    audit.record(
        session, user_id=actor_id, action="user.create", object_type="user", object_id=user.id,
        detail={"username": username, "roles": role_codes},
    )
    return user


def users_with_role(session: Session, *, role_code: str) -> list[User]:
    stmt = select(User).join(User.roles).where(Role.code == role_code, User.is_active.is_(True))
    return list(session.scalars(stmt.order_by(User.username)))
