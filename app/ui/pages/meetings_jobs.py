"""Worker-thread functions of the 三会一课 page: each takes the session first and imports its service late."""

from __future__ import annotations


def choices(s):
    """Years, and what the record dialog offers: types, organisations, every member's name, the rules in force."""
    from app.services.meeting_compliance import frequency_rules
    from app.services.meetings import type_views
    from app.services.views.meetings import available_years, member_names
    from app.services.views.organisations import org_choices

    return (available_years(s), tuple(type_views(s)), tuple(org_choices(s, include_groups=True)),
            tuple(member_names(s)), tuple(frequency_rules(s)))


def meetings(s, filters: dict):
    """list_meetings with the filters given as a dict (the runner passes arguments positionally)."""
    from app.services.views.meetings import list_meetings

    return list_meetings(s, **filters)


def detail(s, meeting_id):
    from app.services.views.meetings import meeting_detail

    return meeting_detail(s, meeting_id)


def expected(s, org_id, type_name, day):
    from app.services.views.meetings import expected_people

    return expected_people(s, org_id, type_name, day)


def save(s, data, meeting_id, version):
    from app.services.meetings import save_meeting

    return save_meeting(s, data, meeting_id=meeting_id, expected_version=version)


def delete(s, meeting_id):
    from app.services.meetings import delete_meeting

    delete_meeting(s, meeting_id)


def cancel(s, meeting_id):
    from app.services.meetings import cancel_meeting

    cancel_meeting(s, meeting_id)


def print_paper(s, meeting_id, kind, path):
    from app.io.meeting_pdf import write_meeting_record, write_sign_in_sheet

    writer = write_sign_in_sheet if kind == "signin" else write_meeting_record
    return str(writer(detail(s, meeting_id), path))


def export_ledger(s, year, quarter, org_id, fmt, path):
    from app.io.meeting_ledger_pdf import write_meeting_ledger_pdf
    from app.io.meeting_xlsx import write_meeting_xlsx
    from app.services.meeting_ledger import build_meeting_ledger

    ledger = build_meeting_ledger(s, year, quarter=quarter, org_id=org_id)
    return str((write_meeting_xlsx if fmt == "xlsx" else write_meeting_ledger_pdf)(ledger, path))


def grid(s, org_id, year, by):
    from app.services.meeting_compliance import compliance_grid

    return compliance_grid(s, org_id, year, by=by)


def frequencies(s):
    from app.services import settings
    from app.services.meeting_compliance import frequency_rules
    from app.services.meetings import type_views

    return frequency_rules(s), type_views(s), int(settings.get(s, "meeting.study_minutes"))


def save_frequencies(s, counts, minutes):
    from app.services import settings
    from app.services.meeting_compliance import set_frequency

    for type_name, (count, period) in counts.items():
        set_frequency(s, type_name, count, period)
    if not isinstance(minutes, int) or not 30 <= minutes <= 60:
        from app.domain.errors import ValidationError

        raise ValidationError("每学时分钟数", "应在30到60之间")
    settings.set_value(s, "meeting.study_minutes", minutes)


def add_type(s, name, attendees, counts_study, has_votes):
    from app.services.meetings import add_meeting_type

    return add_meeting_type(s, name, attendees=attendees, counts_study=counts_study, has_votes=has_votes)


def participation(s, year, org_id):
    from app.services.meeting_participation import participation as rows

    return rows(s, year, org_id=org_id)


def appraisal_sheet(s, year, org_id):
    from app.services.appraisal import appraisal_sheet as sheet

    return sheet(s, year, org_id=org_id)


def set_results(s, year, member_ids, result, notes):
    from app.services.appraisal import set_result

    for mid in member_ids:
        set_result(s, mid, year, result, notes=notes)
    return len(member_ids)


def grade_unrated(s, year, member_ids):
    from app.services.appraisal import grade_unrated as grade

    return grade(s, year, member_ids)
