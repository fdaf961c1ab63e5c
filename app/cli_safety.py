"""Backup and restore from the command line (the backup API only; .bbk files are encrypted).

The password of an encrypted backup comes from BRANCHBOOK_BACKUP_PASSWORD, or is asked
for when a terminal is attached; it never appears on the command line.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

PASSWORD_ENV = "BRANCHBOOK_BACKUP_PASSWORD"


def add_parsers(sub) -> None:
    p = sub.add_parser("backup", help="用 SQLite 备份接口备份数据库（可加密）")
    p.add_argument("--out", required=True, help="备份文件；以 / 结尾或已存在的文件夹则在其中生成带日期的文件名")
    p.add_argument("--encrypt", action="store_true",
                   help=f"用密码加密（AES-GCM），写成 .bbk 文件；密码取自环境变量 {PASSWORD_ENV} 或在终端中输入")

    p = sub.add_parser("restore", help="从备份文件恢复数据库（先自动保存当前数据库的副本）")
    p.add_argument("file", type=Path, help="备份文件（.db，或加密的 .bbk）")


def _password(prompt: str, *, twice: bool = False) -> str:
    from app.domain.errors import ValidationError

    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise ValidationError("密码", f"请用环境变量 {PASSWORD_ENV} 给出备份密码")
    value = getpass.getpass(prompt)
    if twice and getpass.getpass("再输入一次：") != value:
        raise ValidationError("密码", "两次输入的密码不一致")
    if not value:
        raise ValidationError("密码", "密码不能为空")
    return value


def backup(db, args: argparse.Namespace) -> int:
    from app.services import backup_crypto
    from app.services.maintenance import backup as backup_db, inspect_backup

    if not args.encrypt:
        out = backup_db(db, args.out)
        inspect_backup(out)  # reopened from where it was written
        print(f"备份完成：{out}（已重新打开并用 integrity_check 验证）")
        return 0
    import tempfile

    password = _password("备份密码：", twice=True)
    out = Path(args.out)
    if str(args.out).endswith(("/", "\\")) or out.is_dir():
        from datetime import datetime

        out = out / f"{db.path.stem if db.path else 'branchbook'}-{datetime.now():%Y%m%d-%H%M%S}.bbk"
    with tempfile.TemporaryDirectory(prefix="branchbook-") as scratch:
        plain = backup_db(db, Path(scratch) / "copy.db")
        out.parent.mkdir(parents=True, exist_ok=True)
        backup_crypto.encrypt_file(plain, out, password)
    inspect_backup(out, password=password)
    print(f"加密备份完成：{out}（已解密验证；请牢记密码，忘记密码将无法恢复）")
    return 0


def restore(db, args: argparse.Namespace) -> int:
    from app.services import backup_crypto
    from app.services.maintenance import TABLE_LABELS, restore as restore_db

    password = _password("备份密码：") if backup_crypto.is_encrypted(args.file) else None
    report = restore_db(db, args.file, password=password)
    print(f"已从「{report.source}」恢复（结构版本 {report.revision}）。")
    for table, count in report.counts.items():
        print(f"  {TABLE_LABELS.get(table, table)}：{count}")
    print(f"恢复前的数据库已另存为「{report.safety_copy}」。")
    return 0
