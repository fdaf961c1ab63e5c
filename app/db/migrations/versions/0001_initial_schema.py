"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('app_user',
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('display_name', sa.String(length=40), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('is_disabled', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('audit_log',
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('summary', sa.String(length=200), nullable=True),
    sa.Column('changes', sa.Text(), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_log_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('holiday_override',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_workday', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_holiday_override'))
    )
    op.create_table('meeting_type',
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('is_builtin', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('has_votes', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_type')),
    sa.UniqueConstraint('name', name=op.f('uq_meeting_type_name'))
    )
    op.create_table('organisation',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=True),
    sa.Column('level', sa.Enum('党工委', '党委', '党总支', '党支部', '党小组', name='orglevel', native_enum=False, length=16), nullable=False),
    sa.Column('org_type', sa.Enum('社区', '两新', '联合', '机关', '事业单位', '国有企业', '非公企业', '社会组织', '离退休', '其他', name='orgtype', native_enum=False, length=16), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('founded_on', sa.Date(), nullable=True),
    sa.Column('formation', sa.String(length=20), nullable=True),
    sa.Column('host_units', sa.String(length=200), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('dissolved_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['organisation.id'], name=op.f('fk_organisation_parent_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_parent_id'), ['parent_id'], unique=False)

    op.create_table('service_category',
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('is_builtin', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_category')),
    sa.UniqueConstraint('name', name=op.f('uq_service_category_name'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('volunteer_training',
    sa.Column('trained_on', sa.Date(), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=True),
    sa.Column('trainer', sa.String(length=40), nullable=True),
    sa.Column('participant_count', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_training'))
    )
    op.create_table('committee_term',
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('term_number', sa.Integer(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('planned_end_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('election_method', sa.String(length=40), nullable=True),
    sa.Column('approval_ref', sa.String(length=100), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_committee_term_org_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_term'))
    )
    with op.batch_alter_table('committee_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_committee_term_org_id'), ['org_id'], unique=False)

    op.create_table('meeting',
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('计划', '已召开', '取消', name='meetingstatus', native_enum=False, length=4), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=100), nullable=True),
    sa.Column('host', sa.String(length=40), nullable=True),
    sa.Column('recorder', sa.String(length=40), nullable=True),
    sa.Column('lecturer', sa.String(length=40), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('theme', sa.String(length=200), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('decisions', sa.Text(), nullable=True),
    sa.Column('attachments', sa.Text(), nullable=True),
    sa.Column('expected_count', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_meeting_org_id_organisation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['type_id'], ['meeting_type.id'], name=op.f('fk_meeting_type_id_meeting_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_org_date', ['org_id', 'meeting_date'], unique=False)
        batch_op.create_index('ix_meeting_type_date', ['type_id', 'meeting_date'], unique=False)

    op.create_table('member',
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('name_pinyin', sa.String(length=120), nullable=False),
    sa.Column('name_initials', sa.String(length=20), nullable=False),
    sa.Column('sort_key', sa.String(length=200), nullable=False),
    sa.Column('gender', sa.Enum('男', '女', name='gender', native_enum=False, length=2), nullable=True),
    sa.Column('ethnicity', sa.String(length=20), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('birth_precision', sa.Enum('日', '月', '年', name='dateprecision', native_enum=False, length=2), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('id_number_note', sa.String(length=100), nullable=True),
    sa.Column('education', sa.String(length=30), nullable=True),
    sa.Column('native_place', sa.String(length=60), nullable=True),
    sa.Column('category', sa.Enum('正式党员', '预备党员', name='membercategory', native_enum=False, length=8), nullable=False),
    sa.Column('join_date', sa.Date(), nullable=True),
    sa.Column('join_precision', sa.Enum('日', '月', '年', name='dateprecision', native_enum=False, length=2), nullable=False),
    sa.Column('full_date', sa.Date(), nullable=True),
    sa.Column('full_precision', sa.Enum('日', '月', '年', name='dateprecision', native_enum=False, length=2), nullable=False),
    sa.Column('work_start_date', sa.Date(), nullable=True),
    sa.Column('job_post', sa.String(length=60), nullable=True),
    sa.Column('work_unit', sa.String(length=120), nullable=True),
    sa.Column('party_post', sa.String(length=30), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('household_police', sa.String(length=100), nullable=True),
    sa.Column('status', sa.Enum('正常', '停止党籍', '已转出', '已出党', '已去世', name='memberstatus', native_enum=False, length=8), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('is_mobile', sa.Boolean(), nullable=False),
    sa.Column('mobile_card_no', sa.String(length=40), nullable=True),
    sa.Column('is_lost_contact', sa.Boolean(), nullable=False),
    sa.Column('is_hardship', sa.Boolean(), nullable=False),
    sa.Column('is_community_reported', sa.Boolean(), nullable=False),
    sa.Column('shows_identity', sa.Boolean(), nullable=False),
    sa.Column('is_congress_delegate', sa.Boolean(), nullable=False),
    sa.Column('is_reserve_cadre', sa.Boolean(), nullable=False),
    sa.Column('is_retired', sa.Boolean(), nullable=False),
    sa.Column('has_post', sa.Boolean(), nullable=False),
    sa.Column('last_checked_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['organisation.id'], name=op.f('fk_member_group_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_member_org_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member'))
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_group_id'), ['group_id'], unique=False)
        batch_op.create_index('ix_member_initials', ['name_initials'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_is_active'), ['is_active'], unique=False)
        batch_op.create_index('ix_member_name', ['name'], unique=False)
        batch_op.create_index('ix_member_org_status', ['org_id', 'status'], unique=False)
        batch_op.create_index('ix_member_pinyin', ['name_pinyin'], unique=False)
        batch_op.create_index('ix_member_sort_key', ['sort_key'], unique=False)
        batch_op.create_index('uq_member_id_number_active', ['id_number'], unique=True, sqlite_where=sa.text('is_active = 1 AND id_number IS NOT NULL'), postgresql_where=sa.text('is_active AND id_number IS NOT NULL'))

    op.create_table('service_post',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_service_post_org_id_organisation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_post'))
    )
    with op.batch_alter_table('service_post', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_post_org_id'), ['org_id'], unique=False)

    op.create_table('appraisal_result',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('result', sa.Enum('优秀', '合格', '基本合格', '不合格', name='appraisalresult', native_enum=False), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.String(length=200), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_appraisal_result_meeting_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_appraisal_result_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appraisal_result')),
    sa.UniqueConstraint('member_id', 'year', name=op.f('uq_appraisal_result_member_id'))
    )
    op.create_table('committee_post',
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=40), nullable=False),
    sa.Column('post', sa.Enum('书记', '副书记', '组织委员', '宣传委员', '纪检委员', '青年委员', '妇女委员', '委员', '党小组长', name='committeepostkind', native_enum=False, length=16), nullable=False),
    sa.Column('is_full_time', sa.Boolean(), nullable=False),
    sa.Column('concurrent_post', sa.String(length=60), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_committee_post_member_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['term_id'], ['committee_term.id'], name=op.f('fk_committee_post_term_id_committee_term'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_post'))
    )
    with op.batch_alter_table('committee_post', schema=None) as batch_op:
        batch_op.create_index('ix_committee_post_member', ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_committee_post_term_id'), ['term_id'], unique=False)

    op.create_table('development_record',
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('rule_version', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('name_pinyin', sa.String(length=120), nullable=False),
    sa.Column('gender', sa.Enum('男', '女', name='gender', native_enum=False, length=2), nullable=True),
    sa.Column('ethnicity', sa.String(length=20), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('education', sa.String(length=30), nullable=True),
    sa.Column('job_post', sa.String(length=60), nullable=True),
    sa.Column('work_unit', sa.String(length=120), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('political_status', sa.String(length=20), nullable=True),
    sa.Column('applied_on', sa.Date(), nullable=True),
    sa.Column('talked_on', sa.Date(), nullable=True),
    sa.Column('activist_on', sa.Date(), nullable=True),
    sa.Column('activist_method', sa.String(length=40), nullable=True),
    sa.Column('activist_filed_on', sa.Date(), nullable=True),
    sa.Column('candidate_on', sa.Date(), nullable=True),
    sa.Column('publicity_start', sa.Date(), nullable=True),
    sa.Column('publicity_end', sa.Date(), nullable=True),
    sa.Column('political_review_on', sa.Date(), nullable=True),
    sa.Column('political_review_result', sa.String(length=100), nullable=True),
    sa.Column('training_start', sa.Date(), nullable=True),
    sa.Column('training_end', sa.Date(), nullable=True),
    sa.Column('training_days', sa.Integer(), nullable=True),
    sa.Column('training_hours', sa.Integer(), nullable=True),
    sa.Column('training_passed_on', sa.Date(), nullable=True),
    sa.Column('pre_review_on', sa.Date(), nullable=True),
    sa.Column('form_filled_on', sa.Date(), nullable=True),
    sa.Column('branch_meeting_on', sa.Date(), nullable=True),
    sa.Column('vote_eligible', sa.Integer(), nullable=True),
    sa.Column('vote_present', sa.Integer(), nullable=True),
    sa.Column('vote_yes', sa.Integer(), nullable=True),
    sa.Column('vote_no', sa.Integer(), nullable=True),
    sa.Column('vote_abstain', sa.Integer(), nullable=True),
    sa.Column('higher_talk_on', sa.Date(), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('oath_on', sa.Date(), nullable=True),
    sa.Column('probation_start', sa.Date(), nullable=True),
    sa.Column('probation_end', sa.Date(), nullable=True),
    sa.Column('probation_extended_to', sa.Date(), nullable=True),
    sa.Column('confirm_applied_on', sa.Date(), nullable=True),
    sa.Column('confirm_meeting_on', sa.Date(), nullable=True),
    sa.Column('confirm_vote_eligible', sa.Integer(), nullable=True),
    sa.Column('confirm_vote_present', sa.Integer(), nullable=True),
    sa.Column('confirm_vote_yes', sa.Integer(), nullable=True),
    sa.Column('confirm_vote_no', sa.Integer(), nullable=True),
    sa.Column('confirm_vote_abstain', sa.Integer(), nullable=True),
    sa.Column('confirm_approved_on', sa.Date(), nullable=True),
    sa.Column('terminated_on', sa.Date(), nullable=True),
    sa.Column('termination_reason', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_development_record_member_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_development_record_org_id_organisation'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_development_record'))
    )
    with op.batch_alter_table('development_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_development_record_member_id'), ['member_id'], unique=False)
        batch_op.create_index('ix_development_record_org', ['org_id'], unique=False)

    op.create_table('dues_assessment',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('在职', '年薪制', '个体', '离退休', '农民', '学生', '下岗失业', '低保', name='duescategory', native_enum=False, length=8), nullable=False),
    sa.Column('base', sa.BigInteger(), nullable=False),
    sa.Column('rate', sa.BigInteger(), nullable=False),
    sa.Column('monthly_amount', sa.BigInteger(), nullable=False),
    sa.Column('reduction', sa.Enum('无', '少交', '免交', name='duesreduction', native_enum=False, length=4), nullable=False),
    sa.Column('reduced_amount', sa.BigInteger(), nullable=True),
    sa.Column('approval_body', sa.String(length=100), nullable=True),
    sa.Column('approval_ref', sa.String(length=100), nullable=True),
    sa.Column('override_amount', sa.BigInteger(), nullable=True),
    sa.Column('override_reason', sa.String(length=200), nullable=True),
    sa.Column('assessed_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_dues_assessment_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_assessment')),
    sa.UniqueConstraint('member_id', 'year', name=op.f('uq_dues_assessment_member_id'))
    )
    with op.batch_alter_table('dues_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dues_assessment_year'), ['year'], unique=False)

    op.create_table('dues_payment',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('method', sa.Enum('本人', '代交', '补交', '预交', name='paymentmethod', native_enum=False, length=4), nullable=False),
    sa.Column('payer_name', sa.String(length=40), nullable=True),
    sa.Column('receipt_no', sa.String(length=40), nullable=True),
    sa.Column('is_large', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_dues_payment_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_payment'))
    )
    with op.batch_alter_table('dues_payment', schema=None) as batch_op:
        batch_op.create_index('ix_dues_payment_member_period', ['member_id', 'period_start'], unique=False)
        batch_op.create_index('ix_dues_payment_paid_on', ['paid_on'], unique=False)

    op.create_table('meeting_attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=40), nullable=True),
    sa.Column('state', sa.Enum('出席', '请假', '缺席', '列席', name='attendancestate', native_enum=False, length=4), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_attendance_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_meeting_attendance_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendance')),
    sa.UniqueConstraint('meeting_id', 'member_id', name=op.f('uq_meeting_attendance_meeting_id'))
    )
    with op.batch_alter_table('meeting_attendance', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_attendance_member', ['member_id'], unique=False)

    op.create_table('meeting_vote',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('eligible', sa.Integer(), nullable=False),
    sa.Column('present_eligible', sa.Integer(), nullable=False),
    sa.Column('yes', sa.Integer(), nullable=False),
    sa.Column('no', sa.Integer(), nullable=False),
    sa.Column('abstain', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_vote_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_vote'))
    )
    with op.batch_alter_table('meeting_vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_vote_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('membership_event',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('发展', '转正', '延长预备期', '转入', '转出', '流出', '流入', '流动结束', '失联', '恢复联系', '停止党籍', '恢复党籍', '出党', '死亡', '表彰', '处分', name='eventkind', native_enum=False, length=8), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('subtype', sa.String(length=30), nullable=True),
    sa.Column('letter_no', sa.String(length=60), nullable=True),
    sa.Column('counterpart', sa.String(length=120), nullable=True),
    sa.Column('dues_paid_until', sa.String(length=7), nullable=True),
    sa.Column('document_ref', sa.String(length=100), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('entry_seq', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_membership_event_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership_event'))
    )
    with op.batch_alter_table('membership_event', schema=None) as batch_op:
        batch_op.create_index('ix_membership_event_kind_date', ['kind', 'event_date'], unique=False)
        batch_op.create_index('ix_membership_event_member_date', ['member_id', 'event_date'], unique=False)

    op.create_table('service_post_claim',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=40), nullable=False),
    sa.Column('claimed_on', sa.Date(), nullable=False),
    sa.Column('pledge', sa.Text(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_service_post_claim_member_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['service_post.id'], name=op.f('fk_service_post_claim_post_id_service_post'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_post_claim'))
    )
    with op.batch_alter_table('service_post_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_post_claim_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_post_claim_post_id'), ['post_id'], unique=False)

    op.create_table('volunteer',
    sa.Column('kind', sa.Enum('个人', '团体', name='volunteerkind', native_enum=False, length=4), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_pinyin', sa.String(length=200), nullable=False),
    sa.Column('name_initials', sa.String(length=40), nullable=False),
    sa.Column('gender', sa.String(length=2), nullable=True),
    sa.Column('id_type', sa.Enum('居民身份证', '港澳居民居住证', '台湾居民居住证', '护照', '其他', name='iddocumenttype', native_enum=False, length=10), nullable=False),
    sa.Column('id_number', sa.String(length=30), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('skills', sa.String(length=200), nullable=True),
    sa.Column('volunteer_no', sa.String(length=40), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=True),
    sa.Column('contact_person', sa.String(length=40), nullable=True),
    sa.Column('group_size', sa.Integer(), nullable=True),
    sa.Column('is_archived', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_volunteer_member_id_member'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer'))
    )
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_member_id'), ['member_id'], unique=False)
        batch_op.create_index('ix_volunteer_name', ['name'], unique=False)
        batch_op.create_index('ix_volunteer_pinyin', ['name_pinyin'], unique=False)

    op.create_table('community_report',
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=120), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('post_claimed', sa.String(length=120), nullable=True),
    sa.Column('volunteer_id', sa.Integer(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_community_report_member_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_community_report_volunteer_id_volunteer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community_report'))
    )
    with op.batch_alter_table('community_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_report_member_id'), ['member_id'], unique=False)

    op.create_table('development_document',
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('入党申请书', '思想汇报', '自传', '政审材料', '培训结业证明', '半年考察意见', '入党志愿书', name='developmentdocumentkind', native_enum=False, length=8), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['development_record.id'], name=op.f('fk_development_document_record_id_development_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_development_document'))
    )
    with op.batch_alter_table('development_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_development_document_record_id'), ['record_id'], unique=False)

    op.create_table('development_person',
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('谈话人', '培养联系人', '入党介绍人', name='developmentrole', native_enum=False, length=8), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=40), nullable=False),
    sa.Column('assigned_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_development_person_member_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['record_id'], ['development_record.id'], name=op.f('fk_development_person_record_id_development_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_development_person'))
    )
    with op.batch_alter_table('development_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_development_person_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_development_person_record_id'), ['record_id'], unique=False)

    op.create_table('volunteer_team',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=True),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('founded_on', sa.Date(), nullable=True),
    sa.Column('is_archived', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['service_category.id'], name=op.f('fk_volunteer_team_category_id_service_category'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['leader_id'], ['volunteer.id'], name=op.f('fk_volunteer_team_leader_id_volunteer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_volunteer_team_org_id_organisation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_team'))
    )
    with op.batch_alter_table('volunteer_team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_team_org_id'), ['org_id'], unique=False)

    op.create_table('volunteer_training_participant',
    sa.Column('training_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['training_id'], ['volunteer_training.id'], name=op.f('fk_volunteer_training_participant_training_id_volunteer_training'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_volunteer_training_participant_volunteer_id_volunteer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_training_participant')),
    sa.UniqueConstraint('training_id', 'volunteer_id', name=op.f('uq_volunteer_training_participant_training_id'))
    )
    with op.batch_alter_table('volunteer_training_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_training_participant_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('volunteer_activity',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('activity_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=100), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=True),
    sa.Column('beneficiaries', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('is_archived', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['service_category.id'], name=op.f('fk_volunteer_activity_category_id_service_category'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_volunteer_activity_org_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['volunteer_team.id'], name=op.f('fk_volunteer_activity_team_id_volunteer_team'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_activity'))
    )
    with op.batch_alter_table('volunteer_activity', schema=None) as batch_op:
        batch_op.create_index('ix_volunteer_activity_date', ['activity_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_activity_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_activity_team_id'), ['team_id'], unique=False)

    op.create_table('volunteer_team_member',
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['volunteer_team.id'], name=op.f('fk_volunteer_team_member_team_id_volunteer_team'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_volunteer_team_member_volunteer_id_volunteer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_team_member')),
    sa.UniqueConstraint('team_id', 'volunteer_id', name=op.f('uq_volunteer_team_member_team_id'))
    )
    with op.batch_alter_table('volunteer_team_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_team_member_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('volunteer_hours',
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('service_date', sa.Date(), nullable=False),
    sa.Column('activity_title', sa.String(length=200), nullable=False),
    sa.Column('hours', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.Enum('待确认', '已确认', name='hoursstate', native_enum=False, length=4), nullable=False),
    sa.Column('confirmed_by', sa.String(length=40), nullable=True),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.String(length=200), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['volunteer_activity.id'], name=op.f('fk_volunteer_hours_activity_id_volunteer_activity'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_volunteer_hours_volunteer_id_volunteer'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_hours'))
    )
    with op.batch_alter_table('volunteer_hours', schema=None) as batch_op:
        batch_op.create_index('ix_volunteer_hours_activity', ['activity_id'], unique=False)
        batch_op.create_index('ix_volunteer_hours_volunteer_date', ['volunteer_id', 'service_date'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('volunteer_hours', schema=None) as batch_op:
        batch_op.drop_index('ix_volunteer_hours_volunteer_date')
        batch_op.drop_index('ix_volunteer_hours_activity')

    op.drop_table('volunteer_hours')
    with op.batch_alter_table('volunteer_team_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_team_member_volunteer_id'))

    op.drop_table('volunteer_team_member')
    with op.batch_alter_table('volunteer_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_activity_team_id'))
        batch_op.drop_index(batch_op.f('ix_volunteer_activity_org_id'))
        batch_op.drop_index('ix_volunteer_activity_date')

    op.drop_table('volunteer_activity')
    with op.batch_alter_table('volunteer_training_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_training_participant_volunteer_id'))

    op.drop_table('volunteer_training_participant')
    with op.batch_alter_table('volunteer_team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_team_org_id'))

    op.drop_table('volunteer_team')
    with op.batch_alter_table('development_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_development_person_record_id'))
        batch_op.drop_index(batch_op.f('ix_development_person_member_id'))

    op.drop_table('development_person')
    with op.batch_alter_table('development_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_development_document_record_id'))

    op.drop_table('development_document')
    with op.batch_alter_table('community_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_report_member_id'))

    op.drop_table('community_report')
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.drop_index('ix_volunteer_pinyin')
        batch_op.drop_index('ix_volunteer_name')
        batch_op.drop_index(batch_op.f('ix_volunteer_member_id'))

    op.drop_table('volunteer')
    with op.batch_alter_table('service_post_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_post_claim_post_id'))
        batch_op.drop_index(batch_op.f('ix_service_post_claim_member_id'))

    op.drop_table('service_post_claim')
    with op.batch_alter_table('membership_event', schema=None) as batch_op:
        batch_op.drop_index('ix_membership_event_member_date')
        batch_op.drop_index('ix_membership_event_kind_date')

    op.drop_table('membership_event')
    with op.batch_alter_table('meeting_vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_vote_meeting_id'))

    op.drop_table('meeting_vote')
    with op.batch_alter_table('meeting_attendance', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_attendance_member')

    op.drop_table('meeting_attendance')
    with op.batch_alter_table('dues_payment', schema=None) as batch_op:
        batch_op.drop_index('ix_dues_payment_paid_on')
        batch_op.drop_index('ix_dues_payment_member_period')

    op.drop_table('dues_payment')
    with op.batch_alter_table('dues_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dues_assessment_year'))

    op.drop_table('dues_assessment')
    with op.batch_alter_table('development_record', schema=None) as batch_op:
        batch_op.drop_index('ix_development_record_org')
        batch_op.drop_index(batch_op.f('ix_development_record_member_id'))

    op.drop_table('development_record')
    with op.batch_alter_table('committee_post', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committee_post_term_id'))
        batch_op.drop_index('ix_committee_post_member')

    op.drop_table('committee_post')
    op.drop_table('appraisal_result')
    with op.batch_alter_table('service_post', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_post_org_id'))

    op.drop_table('service_post')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index('uq_member_id_number_active', sqlite_where=sa.text('is_active = 1 AND id_number IS NOT NULL'), postgresql_where=sa.text('is_active AND id_number IS NOT NULL'))
        batch_op.drop_index('ix_member_sort_key')
        batch_op.drop_index('ix_member_pinyin')
        batch_op.drop_index('ix_member_org_status')
        batch_op.drop_index('ix_member_name')
        batch_op.drop_index(batch_op.f('ix_member_is_active'))
        batch_op.drop_index('ix_member_initials')
        batch_op.drop_index(batch_op.f('ix_member_group_id'))

    op.drop_table('member')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_type_date')
        batch_op.drop_index('ix_meeting_org_date')

    op.drop_table('meeting')
    with op.batch_alter_table('committee_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committee_term_org_id'))

    op.drop_table('committee_term')
    op.drop_table('volunteer_training')
    op.drop_table('setting')
    op.drop_table('service_category')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_parent_id'))

    op.drop_table('organisation')
    op.drop_table('meeting_type')
    op.drop_table('holiday_override')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_entity')
        batch_op.drop_index('ix_audit_log_at')

    op.drop_table('audit_log')
    op.drop_table('app_user')

