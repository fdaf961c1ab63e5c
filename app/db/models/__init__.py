"""All models, one module per aggregate; importing this package registers every table."""

from app.db.models.development import DevelopmentDocument, DevelopmentPerson, DevelopmentRecord
from app.db.models.dues import DuesAssessment, DuesMonthlyBase, DuesPayment, DuesRemittance
from app.db.models.meeting import AppraisalResultRecord, Meeting, MeetingAttendance, MeetingType, MeetingVote
from app.db.models.member import Member, MembershipEvent
from app.db.models.organisation import CommitteePost, CommitteeTerm, Organisation
from app.db.models.system import AppUser, AuditLog, HolidayOverride, Setting
from app.db.models.volunteer import (
    CommunityReport,
    ServiceCategory,
    ServicePost,
    ServicePostClaim,
    Volunteer,
    VolunteerActivity,
    VolunteerCertificate,
    VolunteerHours,
    VolunteerTeam,
    VolunteerTeamMember,
    VolunteerTraining,
    VolunteerTrainingParticipant,
)

__all__ = [
    "AppUser", "AppraisalResultRecord", "AuditLog", "CommitteePost", "CommitteeTerm", "CommunityReport",
    "DevelopmentDocument", "DevelopmentPerson", "DevelopmentRecord", "DuesAssessment", "DuesMonthlyBase", "DuesPayment", "DuesRemittance",
    "HolidayOverride", "Meeting", "MeetingAttendance", "MeetingType", "MeetingVote", "Member",
    "MembershipEvent", "Organisation", "ServiceCategory", "ServicePost", "ServicePostClaim", "Setting",
    "Volunteer", "VolunteerActivity", "VolunteerCertificate", "VolunteerHours", "VolunteerTeam", "VolunteerTeamMember",
    "VolunteerTraining", "VolunteerTrainingParticipant",
]
