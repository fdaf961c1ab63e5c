"""Clerk accounts and the login password (optional on a single PC, one account per clerk on a server).

Passwords and recovery codes are stored as ``scrypt$<log2 n>$<r>$<p>$<salt>$<hash>``
(n = 2^17, r = 8, p = 1, a 16-byte random salt, ``maxmem`` raised: OWASP's minimum; see
reliability-and-privacy.md §4.5) and compared with ``hmac.compare_digest``. After
``FREE_ATTEMPTS`` wrong passwords each further one doubles a wait, from 30 s, during which
no attempt is even checked. Every login, failed login and password change is audited.

The functions take a Database (they run their own unit of work) or a Session (the
caller's unit of work commits).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import AppUser
from app.domain.errors import ValidationError
from app.services import audit

LOG2_N, R, P = 17, 8, 1
MAXMEM = 256 * 1024 * 1024
FREE_ATTEMPTS = 5
FIRST_WAIT = timedelta(seconds=30)
MIN_LENGTH = 6
DEFAULT_USER = "clerk"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: the code is copied by hand


def hash_secret(secret: str, *, salt: bytes | None = None, log2_n: int = LOG2_N) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=1 << log2_n, r=R, p=P, maxmem=MAXMEM, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${log2_n}${R}${P}${b64(salt)}${b64(digest)}"


def verify_secret(secret: str, stored: str | None) -> bool:
    """Constant-time comparison of ``secret`` with a stored scrypt string."""
    if not stored:
        return False
    try:
        kind, log2_n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(secret.encode("utf-8"), salt=base64.b64decode(salt), n=1 << int(log2_n), r=int(r),
                             p=int(p), maxmem=MAXMEM, dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(20))
    return "-".join(raw[i:i + 5] for i in range(0, 20, 5))


def _normal_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@contextmanager
def _session(db_or_session, actor: str = "") -> Iterator[Session]:
    if isinstance(db_or_session, Session):
        yield db_or_session
    else:
        with db_or_session.unit_of_work(actor=actor) as session:
            yield session


def _user(session: Session, username: str | None) -> AppUser | None:
    stmt = select(AppUser).where(AppUser.is_disabled.is_(False))
    if username:
        stmt = stmt.where(AppUser.username == username)
    return session.scalars(stmt.order_by(AppUser.id)).first()


def accounts(db_or_session) -> list[tuple[str, str]]:
    """(username, display name) of every enabled account with a password, for the login box."""
    with _session(db_or_session) as session:
        rows = session.execute(select(AppUser.username, AppUser.display_name).where(
            AppUser.password_hash.is_not(None), AppUser.is_disabled.is_(False)).order_by(AppUser.id)).all()
    return [(u, d) for u, d in rows]


def login_required(db_or_session) -> bool:
    """Whether the program asks for a password at start (some account has one)."""
    with _session(db_or_session) as session:
        return session.scalar(select(AppUser.id).where(AppUser.password_hash.is_not(None),
                                                       AppUser.is_disabled.is_(False)).limit(1)) is not None


def set_password(db_or_session, password: str, *, username: str = DEFAULT_USER, display_name: str | None = None,
                 current: str | None = None) -> str:
    """Set (or change) a clerk's password; return the recovery code, to be shown once and written down.

    Changing an existing password needs the current one (or use ``reset_with_recovery_code``).
    """
    if len(password) < MIN_LENGTH:
        raise ValidationError("密码", f"至少 {MIN_LENGTH} 个字符")
    code = new_recovery_code()
    with _session(db_or_session, display_name or username) as session:
        user = session.scalars(select(AppUser).where(AppUser.username == username)).first()
        if user is None:
            user = AppUser(username=username, display_name=display_name or _clerk_name(session) or "党务工作者")
            session.add(user)
        elif user.password_hash and not verify_secret(current or "", user.password_hash):
            raise ValidationError("原密码", "不正确")
        elif display_name:
            user.display_name = display_name
        user.password_hash = hash_secret(password)
        user.recovery_hash = hash_secret(_normal_code(code))
        user.failed_logins, user.locked_until = 0, None
        session.flush()
        audit.record(session, "设置密码", "app_user", str(user.id), f"{user.display_name} 设置了登录密码")
    return code


def _clerk_name(session: Session) -> str:
    from app.services import settings

    return str(settings.get(session, "clerk.name") or "")


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    display_name: str = ""
    wait_seconds: int = 0  # > 0: too many wrong passwords, try again after this long
    message: str = ""


def check_password(db_or_session, password: str, *, username: str | None = None,
                   now: datetime | None = None) -> LoginResult:
    """Check a login; a wrong password counts towards the growing delay. Never raises for a wrong one."""
    now = now or datetime.now()
    with _session(db_or_session) as session:
        user = _user(session, username)
        if user is None or not user.password_hash:
            return LoginResult(False, message="用户名或密码不正确。")
        if user.locked_until and now < user.locked_until:
            wait = int((user.locked_until - now).total_seconds()) + 1
            return LoginResult(False, user.display_name, wait, f"密码错误次数过多，请 {wait} 秒后再试。")
        session.info["actor"] = user.display_name
        if verify_secret(password, user.password_hash):
            user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
            audit.record(session, "登录", "app_user", str(user.id), f"{user.display_name} 登录")
            session.flush()
            return LoginResult(True, user.display_name)
        user.failed_logins = (user.failed_logins or 0) + 1
        extra = user.failed_logins - FREE_ATTEMPTS
        wait = 0
        if extra >= 0:
            delay = FIRST_WAIT * (2 ** min(extra, 10))
            user.locked_until = now + delay
            wait = int(delay.total_seconds())
        audit.record(session, "登录失败", "app_user", str(user.id),
                     f"{user.display_name} 密码错误（第 {user.failed_logins} 次）")
        session.flush()
    text = f"密码不正确。已连续错误 {user.failed_logins} 次" + (f"，请 {wait} 秒后再试。" if wait else "。")
    return LoginResult(False, user.display_name, wait, text)


def reset_with_recovery_code(db_or_session, code: str, new_password: str, *,
                             username: str = DEFAULT_USER) -> str:
    """A forgotten password: the recovery code sets a new one and is replaced by a new code (returned)."""
    with _session(db_or_session) as session:
        user = _user(session, username)
        if user is None or not verify_secret(_normal_code(code), user.recovery_hash):
            raise ValidationError("恢复码", "不正确")
        user.password_hash = None  # set_password below needs no current password
        session.flush()
        return set_password(session, new_password, username=user.username)


def remove_password(db_or_session, current: str, *, username: str = DEFAULT_USER) -> None:
    """Turn the login off on a single PC (the current password is needed)."""
    with _session(db_or_session) as session:
        user = _user(session, username)
        if user is None or not verify_secret(current, user.password_hash):
            raise ValidationError("原密码", "不正确")
        user.password_hash = user.recovery_hash = None
        audit.record(session, "取消密码", "app_user", str(user.id), f"{user.display_name} 取消了登录密码")
        session.flush()
