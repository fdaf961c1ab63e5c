"""Reading an incoming workbook (.xlsx or .xls) safely with python-calamine.

calamine is a Rust parser: no Python XML parser touches the file (openpyxl, which
would, is only used for writing; defusedxml is installed so that any openpyxl read
is protected too). Size, row and column caps keep a hostile file from eating memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

MAX_BYTES = 30 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLS = 200


MAX_UNPACKED = 200 * 1024 * 1024  # what the parts of an .xlsx may unpack to, in all
MAX_RATIO = 100  # a real sheet packs 5–20 times; a zip bomb thousands of times
MAX_ENTRIES = 5_000


def _check_zip(path: Path) -> None:
    """Refuse a zip bomb before any parser unpacks it: the declared sizes are what zipfile will honour."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:  # e.g. a flipped version byte
        raise SheetError(f"文件「{path.name}」已损坏或不是完整的 .xlsx 文件（{exc}）。请在 Excel/WPS 中重新另存。") from exc
    if len(infos) > MAX_ENTRIES:
        raise SheetError(f"文件「{path.name}」内部有 {len(infos)} 个部件，不像正常的 Excel 文件，未读取。")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise SheetError(f"文件「{path.name}」解压后有 {total // (1024 * 1024)} MB，超过 {MAX_UNPACKED // (1024 * 1024)} MB 的上限，"
                         "未读取（可能是恶意文件）。")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SheetError(f"文件「{path.name}」中的“{info.filename}”压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍），"
                             "未读取（可能是恶意文件）。")


class SheetError(Exception):
    """The file cannot be read; ``message`` says why in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[object]]  # rows[0] is Excel row 1; merged header cells are filled in
    merged: list[tuple[tuple[int, int], tuple[int, int]]]


def read_sheet(path: Path | str, sheet: str | int = 0) -> Sheet:
    """Read one worksheet into plain Python values (str, float, bool, date, datetime)."""
    path = Path(path)
    workbook = _open_checked(path)
    return _guarded(path, lambda: _sheet_of(workbook, path, sheet))


def read_sheets(path: Path | str, names, *, optional=()) -> dict[str, Sheet]:
    """Several worksheets of one file, the file checked and opened once; ``optional`` ones may be missing."""
    path = Path(path)
    workbook = _open_checked(path)
    present = set(_guarded(path, lambda: workbook.sheet_names))
    wanted = list(names) + [n for n in optional if n in present]
    return {name: _guarded(path, lambda name=name: _sheet_of(workbook, path, name)) for name in wanted}


def _open_checked(path: Path):
    if not path.is_file():
        raise SheetError(f"文件「{path}」不存在。")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SheetError(f"文件「{path.name}」有 {size // (1024 * 1024)} MB，超过 {MAX_BYTES // (1024 * 1024)} MB 的上限。")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() == ".xlsx":
        raise SheetError(f"文件「{path.name}」是加密的或是旧版 .xls 文件改了扩展名；请在 Excel/WPS 中取消密码并另存为 .xlsx。")
    if not (head.startswith(b"PK") or head.startswith(b"\xd0\xcf\x11\xe0")):
        raise SheetError(f"「{path.name}」不是 Excel 文件（.xlsx 或 .xls）。WPS 的 .et 文件请先另存为 .xlsx。")
    if head.startswith(b"PK"):
        _check_zip(path)
    from python_calamine import CalamineWorkbook

    return _guarded(path, lambda: CalamineWorkbook.from_path(str(path)))


def _guarded(path: Path, read):
    """calamine's own errors for broken or encrypted files, as a clear message."""
    try:
        return read()
    except SheetError:
        raise
    except Exception as exc:
        text = str(exc)
        if "password" in text.lower() or "encrypt" in text.lower() or "cfb" in text.lower():
            raise SheetError(f"文件「{path.name}」有密码保护，请在 Excel/WPS 中取消密码后另存再导入。") from exc
        raise SheetError(f"文件「{path.name}」已损坏或格式无法识别（{text.splitlines()[0] if text else type(exc).__name__}）。") from exc


def _sheet_of(workbook, path: Path, sheet: str | int) -> Sheet:
    names = workbook.sheet_names
    if isinstance(sheet, int):
        if sheet >= len(names):
            raise SheetError(f"文件「{path.name}」中没有第 {sheet + 1} 个工作表。")
        ws = workbook.get_sheet_by_index(sheet)
    else:
        if sheet not in names:
            raise SheetError(f"文件「{path.name}」中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）。")
        ws = workbook.get_sheet_by_name(sheet)
    if ws.height > MAX_ROWS:
        raise SheetError(f"工作表“{ws.name}”有 {ws.height} 行，超过 {MAX_ROWS} 行的上限，请分成几个文件。")
    if ws.width > MAX_COLS:
        raise SheetError(f"工作表“{ws.name}”有 {ws.width} 列，超过 {MAX_COLS} 列的上限。")
    rows = ws.to_python(skip_empty_area=False)
    if rows and not isinstance(rows[0], list):  # older calamine releases return tuples
        rows = [list(r) for r in rows]
    return Sheet(ws.name, rows, list(ws.merged_cell_ranges or []))


def cell_text(value: object) -> str:
    """Plain text of a cell, with integral floats shown without “.0”."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())
