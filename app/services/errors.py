"""Turn driver and SQLAlchemy errors into StorageError with a Chinese message for the clerk."""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from app.db.migrate import HEAD_REVISION, NotOurDatabaseError, SchemaTooNewError
from app.domain.errors import StorageError

UNCHANGED = "文件未作任何改动。"


def describe(location: str) -> str:
    """A location for messages: the file path, or the server without the password."""
    try:
        url = make_url(location)
    except Exception:  # a plain path
        return location
    if url.get_backend_name() == "sqlite":
        return url.database or "(内存数据库)"
    return url.render_as_string(hide_password=True)


def translate(exc: BaseException, location: str) -> StorageError:
    where = describe(location)
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, SchemaTooNewError):
        return StorageError(
            f"数据库「{where}」由更新版本的支部台账创建（结构版本 {exc.revision}，本程序最高支持 {HEAD_REVISION}）。"
            f"请先升级支部台账再打开它。{UNCHANGED}"
        )
    if isinstance(exc, NotOurDatabaseError):
        return StorageError(f"「{where}」是一个数据库文件，但不是支部台账的数据库。{UNCHANGED}")
    text = str(getattr(exc, "orig", exc) or exc).lower()
    if "file is not a database" in text or "file is encrypted" in text:
        return StorageError(f"「{where}」不是支部台账的数据库文件（可能已损坏，或是其他类型的文件）。{UNCHANGED}")
    if "database is locked" in text or "database table is locked" in text:
        return StorageError(
            f"数据库「{where}」正被另一个程序占用（已等待 5 秒）。请关闭其他正在使用它的程序后再试。{UNCHANGED}"
        )
    if "unable to open database file" in text:
        return StorageError(f"无法打开数据库文件「{where}」：文件夹不存在或没有读写权限。")
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError(f"磁盘空间已满，无法写入「{where}」。本次修改没有保存，数据库保持原样。")
    if "readonly" in text or "read-only" in text:
        return StorageError(f"数据库「{where}」是只读的，无法保存修改。请检查文件属性或权限。")
    if isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        if "password authentication failed" in text:
            return StorageError(f"无法登录数据库服务器「{where}」：用户名或密码不正确。")
        if "does not exist" in text and "database" in text:
            return StorageError(f"数据库服务器上没有该数据库「{where}」。请检查连接地址中的数据库名称。")
        return StorageError(
            f"无法连接到数据库服务器「{where}」。请检查服务器地址、端口和网络是否正常。（{_first_line(exc)}）"
        )
    return StorageError(f"数据库「{where}」出错：{_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
