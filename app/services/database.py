"""Opening the database and the unit of work.

ui/ and cli/ never import db/: they get a ``Database`` from here and run each user
action in ``db.unit_of_work()`` — one session, committed or rolled back, closed.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db import migrate
from app.db.engine import is_sqlite, make_engine, sqlite_url
from app.domain.errors import BranchBookError, ConcurrentEditError, StorageError, ValidationError
from app.services import audit
from app.services.errors import translate

SQLITE_MAGIC = b"SQLite format 3\x00"


def default_db_path() -> Path:
    """The embedded default: one file in the per-user data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("BranchBook", appauthor=False)) / "branchbook.db"


class DamagedDatabaseError(StorageError):
    """``quick_check`` failed at open: the file is left exactly as it is and never written to."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(
            f"数据库「{path}」已损坏（完整性检查未通过：{problems[0][:120] if problems else '无法读取'}）。"
            "为保护数据，程序没有写入它，也不会用它覆盖任何备份。请从最近的完好备份恢复。"
        )
        self.path = Path(path)
        self.problems = problems


@dataclass(frozen=True)
class OpenReport:
    created: bool
    migrated_from: str | None
    migration_backup: Path | None


class Database:
    """An open database: the engine, its session factory and where it lives."""

    def __init__(self, engine: Engine, location: str, path: Path | None, report: OpenReport) -> None:
        self.lock = None  # the InstanceLock when opened with exclusive=True
        self.notices: list[str] = []  # warnings for the clerk found while opening (risky location, backup failed)
        self.engine = engine
        self.location = location
        self.path = path
        self.report = report
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)
        audit.install(self._sessions)

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        *,
        path: Path | str | None = None,
        url: str | None = None,
        create: bool = True,
        migrate_schema: bool = True,
        verify: bool | None = None,
        exclusive: bool = False,
    ) -> "Database":
        """Open (and by default create and migrate) a database; raise StorageError in Chinese.

        ``create=False`` refuses a missing file; ``migrate_schema=False`` opens an older
        or damaged file as it is (check, backup and restore work on those). ``verify``
        (default: when migrating) runs ``quick_check`` on an existing SQLite file and raises
        DamagedDatabaseError, writing nothing. ``exclusive`` takes the lock file that keeps
        a second copy of the program off the same SQLite file (services.instance_lock).
        """
        if verify is None:
            verify = migrate_schema
        if url is None:
            db_path = Path(path) if path is not None else default_db_path()
            location = sqlite_url(db_path)
        else:
            db_path = None
            location = url
            if is_sqlite(url):
                from sqlalchemy.engine import make_url

                database = make_url(url).database
                db_path = Path(database) if database and database != ":memory:" else None
        created = False
        lock = None
        if db_path is not None:
            _precheck_file(db_path, create=create)
            created = not db_path.exists() or db_path.stat().st_size == 0
            if created:
                db_path.parent.mkdir(parents=True, exist_ok=True)
            if exclusive:
                from app.services.instance_lock import InstanceLock

                lock = InstanceLock.acquire(db_path)
        try:
            db = cls._open_engine(location, db_path, created, migrate_schema, verify and not created)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        db.lock = lock
        return db

    @classmethod
    def _open_engine(cls, location: str, db_path: Path | None, created: bool, migrate_schema: bool,
                     verify: bool) -> "Database":
        try:
            engine = make_engine(location)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise translate(exc, location) from exc
        try:
            if verify and db_path is not None:
                _verify(engine, db_path)
            with engine.connect() as conn:
                conn.execute(text("SELECT 1")).all()
            report = OpenReport(created, None, None)
            if migrate_schema:
                report = _migrate(engine, db_path, created)
            else:
                migrate.needs_migration(engine)  # still refuse a newer schema
            if report.created or report.migrated_from is not None:
                db = cls(engine, location, db_path, report)
                with db.unit_of_work(actor="系统") as session:
                    from app.services.reference import seed_reference_data

                    seed_reference_data(session)
                return db
        except BranchBookError:
            engine.dispose()
            raise
        except Exception as exc:
            engine.dispose()
            if created and db_path is not None and db_path.exists() and db_path.stat().st_size == 0:
                db_path.unlink(missing_ok=True)
            raise translate(exc, location) from exc
        return cls(engine, location, db_path, report)

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    @property
    def display_name(self) -> str:
        from app.services.errors import describe

        return str(self.path) if self.path else describe(self.location)

    # -- units of work ---------------------------------------------------------

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def unit_of_work(self, *, actor: str = "") -> Iterator[Session]:
        """One user action: commit on success, roll back on any error, always close."""
        session = self._sessions()
        session.info["actor"] = actor
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConcurrentEditError("这条记录已被其他人修改并保存，您的修改未保存。请刷新后重新编辑。") from exc
        except IntegrityError as exc:
            session.rollback()
            raise integrity_message(exc) from exc
        except BranchBookError:
            session.rollback()
            raise
        except SQLAlchemyError as exc:
            session.rollback()
            raise translate(exc, self.location) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        session = self._sessions()
        try:
            yield session
        except SQLAlchemyError as exc:
            raise translate(exc, self.location) from exc
        finally:
            session.close()  # ends the transaction without expiring what was read


def integrity_message(exc: IntegrityError) -> ValidationError:
    text_ = str(exc.orig).lower()
    if "id_number" in text_ or "uq_member_id_number_active" in text_:
        return ValidationError("公民身份号码", "与另一名在册党员的号码重复")
    if "foreign key" in text_:
        return ValidationError("", "该记录仍被其他记录引用（或引用的记录不存在），操作未执行")
    if "unique" in text_ or "duplicate" in text_:
        return ValidationError("", "与已有记录重复，操作未执行")
    if "not null" in text_:
        column = text_.rsplit(".", 1)[-1].strip()
        return ValidationError(column, "不能为空")
    return ValidationError("", f"数据不符合约束，操作未执行（{exc.orig}）")


def _precheck_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise StorageError(f"「{path}」是一个文件夹，不是数据库文件。")
    if not path.exists():
        if not create:
            raise StorageError(f"数据库文件「{path}」不存在。")
        return
    size = path.stat().st_size
    if size == 0:
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StorageError(f"无法读取「{path}」：{exc.strerror or exc}") from exc
    if head != SQLITE_MAGIC:
        raise StorageError(f"「{path}」不是支部台账的数据库文件（可能已损坏，或是其他类型的文件）。文件未作任何改动。")


def _verify(engine: Engine, db_path: Path) -> None:
    """``quick_check`` before anything else touches the file (a malformed file raises instead)."""
    import sqlite3

    from app.db.maintenance import integrity_check

    try:
        problems = integrity_check(engine, quick=True)
    except (SQLAlchemyError, sqlite3.DatabaseError) as exc:
        text_ = str(getattr(exc, "orig", exc)).lower()
        if "locked" in text_ or "not a database" in text_ or "unable to open" in text_:
            raise
        problems = [str(getattr(exc, "orig", exc))]
    if problems:
        engine.dispose()
        raise DamagedDatabaseError(db_path, problems)


def backup_dir_for(db_path: Path) -> Path:
    """Where automatic backups of ``db_path`` go: a folder beside it."""
    return db_path.parent / f"{db_path.stem}-backups"


def _migrate(engine: Engine, db_path: Path | None, created: bool) -> OpenReport:
    if not migrate.needs_migration(engine):
        return OpenReport(created, None, None)
    before = migrate.current_revision(engine)
    target = None
    if db_path is not None and before is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = backup_dir_for(db_path) / f"{db_path.stem}-before-migrate-{before}-{stamp}.db"
    result = migrate.upgrade(engine, backup_to=target)
    return OpenReport(created or before is None, result.before, result.backup)
