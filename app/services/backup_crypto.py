"""Password-encrypted backup files (.bbk): AES-256-GCM with a key derived by scrypt.

Layout: MAGIC, log2(n), r, p (one byte each), 16-byte salt, 12-byte nonce, then the
AES-GCM ciphertext of the whole SQLite file with its 16-byte tag. The header is the
associated data, so changing a parameter or a byte anywhere makes decryption fail.
A wrong password and a damaged file therefore look the same: both are refused.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from app.domain.errors import StorageError

MAGIC = b"BBKENC01"
LOG2_N, R, P = 17, 8, 1  # OWASP minimum for scrypt: n = 2^17, r = 8, p = 1
MAXMEM = 256 * 1024 * 1024  # n=2^17, r=8 needs 128 MiB; OpenSSL's default cap is 32 MiB
_HEADER = len(MAGIC) + 3 + 16 + 12


def derive_key(password: str, salt: bytes, *, log2_n: int = LOG2_N, r: int = R, p: int = P) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=1 << log2_n, r=r, p=p, maxmem=MAXMEM, dklen=32)


def is_encrypted(path: Path | str) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def encrypt_bytes(plain: bytes, password: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not password:
        raise StorageError("请设置备份密码。")
    salt, nonce = os.urandom(16), os.urandom(12)
    header = MAGIC + bytes((LOG2_N, R, P)) + salt + nonce
    return header + AESGCM(derive_key(password, salt)).encrypt(nonce, plain, header)


def decrypt_bytes(blob: bytes, password: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not blob.startswith(MAGIC) or len(blob) < _HEADER + 16:
        raise StorageError("这不是支部台账的加密备份文件，或文件已损坏。")
    log2_n, r, p = blob[8], blob[9], blob[10]
    if not (14 <= log2_n <= 22 and 1 <= r <= 32 and 1 <= p <= 4):
        raise StorageError("加密备份文件的参数不正确，文件可能已损坏。")
    salt, nonce = blob[11:27], blob[27:39]
    try:
        return AESGCM(derive_key(password, salt, log2_n=log2_n, r=r, p=p)).decrypt(nonce, blob[_HEADER:],
                                                                                     blob[:_HEADER])
    except InvalidTag:
        raise StorageError("备份密码不正确，或加密备份文件已损坏。") from None


def encrypt_file(source: Path, target: Path, password: str) -> Path:
    """Encrypt ``source`` into ``target`` through a ``.part`` file, synced, then renamed."""
    blob = encrypt_bytes(Path(source).read_bytes(), password)
    tmp = target.with_name(target.name + ".part")
    try:
        with tmp.open("wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def decrypt_file(source: Path, target: Path, password: str) -> Path:
    Path(target).write_bytes(decrypt_bytes(Path(source).read_bytes(), password))
    return Path(target)
