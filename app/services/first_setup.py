"""The first-run setup in one unit of work: the top organisation, its branches, the clerk, the backup folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.enums import OrgLevel
from app.domain.errors import ValidationError
from app.services import settings
from app.services.org_admin import OrgData, create_org
from app.services.organisations import OrgView, create_top_organisation, parse_level

MAX_NAME = 100


@dataclass(frozen=True)
class FirstSetup:
    org_name: str
    org_type: str  # as the first-run wizard offers it: 社区党委, 社区党总支, 社区党支部 …
    branches: tuple[str, ...] = ()
    clerk_name: str = ""
    backup_folder: str = ""
    password: str = ""  # optional login password (empty: none)


def child_level(type_text: str) -> OrgLevel:
    """What the organisations typed in the wizard's list are under a top organisation of ``type_text``:
    党支部 under a 党委 or 党总支, 党小组 under a 党支部 (支部工作条例 第五条)."""
    level, _ = parse_level(type_text)
    return OrgLevel.GROUP if level == OrgLevel.BRANCH else OrgLevel.BRANCH


def check_branch_names(names: list[str] | tuple[str, ...]) -> list[str]:
    """The names cleaned (trimmed, blank lines dropped); a ValidationError for a repeated or too long name."""
    cleaned, seen = [], set()
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if len(name) > MAX_NAME:
            raise ValidationError("党支部", f"“{name[:20]}…”超过{MAX_NAME}个字")
        if name in seen:
            raise ValidationError("党支部", f"“{name}”填了两次")
        seen.add(name)
        cleaned.append(name)
    return cleaned


def apply_first_setup(session, setup: FirstSetup) -> OrgView:
    """Create everything the wizard collected; the caller's unit of work commits it all or nothing.

    The backup folder is created when missing, so the first backup cannot fail on it.
    """
    top = create_top_organisation(session, setup.org_name, setup.org_type)
    level = child_level(setup.org_type).value
    for name in check_branch_names(setup.branches):
        create_org(session, OrgData(name=name, level=level, org_type=top.org_type, parent_id=top.id))
    if setup.clerk_name.strip():
        settings.set_value(session, "clerk.name", setup.clerk_name.strip())
    folder = setup.backup_folder.strip()
    if folder:
        path = Path(folder).expanduser()
        if not path.is_absolute():
            raise ValidationError("备份文件夹", "请选择一个完整的文件夹路径")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ValidationError("备份文件夹", f"无法创建“{path}”：{exc.strerror or exc}") from None
        settings.set_value(session, "backup.folder", str(path))
    return top


def apply_with_password(session, setup: FirstSetup) -> tuple[OrgView, str | None]:
    """``apply_first_setup``, and the login password when one was chosen: (top, the recovery code to show once)."""
    from app.services import auth

    top = apply_first_setup(session, setup)
    code = None
    if setup.password:
        code = auth.set_password(session, setup.password, display_name=setup.clerk_name.strip() or None)
    return top, code
