"""The 统计 page's work on the worker thread: the quarterly workbook, templates, consolidation."""

from __future__ import annotations

from app.domain.errors import BranchBookError


def _period(sel):
    return sel.period()


def _written(write, *args, **kwargs):
    from app.io.atomic import ExportError

    try:
        return write(*args, **kwargs)
    except ExportError as exc:
        raise BranchBookError(exc.message) from None


def export_workbook(s, sel, path):
    from app.io.stats_workbook_xlsx import write_workbook
    from app.services.stats_workbook import build_package, record_export

    package = build_package(s, _period(sel), org=sel.org)
    out = _written(write_workbook, package, path)
    record_export(s, package, str(out))
    return str(out), package.title


def profiles(s):
    from app.services.template_profiles import list_template_profiles, load_template_profile

    return [load_template_profile(s, name) for name in list_template_profiles(s)]


def inspect(path, sheet=None):
    from app.io.template_xlsx import inspect_template

    return inspect_template(path, sheet=sheet)


def with_profile(layout, profile):
    from app.io.template_xlsx import apply_profile

    return apply_profile(layout, profile.mapping, profile.signature)


def fill(s, sel, template, layout, out, save_as):
    from app.io.template_xlsx import apply_profile, fill_template
    from app.services.template_data import member_rows
    from app.services.template_fill import record_fill
    from app.services.template_profiles import TemplateProfile, save_template_profile

    layout = apply_profile(layout, layout.mapping(), None)
    if save_as:
        save_template_profile(s, TemplateProfile(save_as, layout.sheet, layout.signature, layout.mapping()))
    _org, rows = member_rows(s, _period(sel), org=sel.org)
    path = _written(fill_template, template, layout, rows, out)
    record_fill(s, save_as or "（未保存的对应）", layout, len(rows), str(path))
    return str(path), len(rows)


def consolidate(paths, out, title):
    from app.io.consolidate_xlsx import read_branch_workbook, write_consolidated
    from app.services.consolidation import consolidate as combine

    result = combine([read_branch_workbook(p) for p in paths])
    return str(_written(write_consolidated, result, out, title=title)), result
