"""volunteer records: hours keep their team and organisation when an activity or team goes
(志愿服务记录与证明出具办法: the record belongs to the volunteer), one row per person and
activity, archiving dates, the registering organisation, 停用 service categories, the
通行证 document types, and the issued 志愿服务证明 with their numbers (民发〔2015〕149号)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("volunteer") as batch_op:
        batch_op.alter_column("id_type", existing_type=sa.String(length=10), type_=sa.String(length=12),
                              existing_nullable=False)
        batch_op.add_column(sa.Column("org_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("archived_on", sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_volunteer_org_id_organisation"), "organisation", ["org_id"], ["id"],
                                    ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_volunteer_org_id"), ["org_id"], unique=False)
    with op.batch_alter_table("service_category") as batch_op:
        batch_op.add_column(sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table("volunteer_team") as batch_op:
        batch_op.add_column(sa.Column("archived_on", sa.Date(), nullable=True))
    with op.batch_alter_table("volunteer_activity") as batch_op:
        batch_op.add_column(sa.Column("recorder", sa.String(length=40), nullable=True))
    with op.batch_alter_table("volunteer_hours") as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("org_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_volunteer_hours_team_id_volunteer_team"), "volunteer_team",
                                    ["team_id"], ["id"], ondelete="SET NULL")
        batch_op.create_foreign_key(batch_op.f("fk_volunteer_hours_org_id_organisation"), "organisation",
                                    ["org_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_volunteer_hours_team_id"), ["team_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_volunteer_hours_org_id"), ["org_id"], unique=False)
        batch_op.create_index("uq_volunteer_hours_activity_volunteer", ["activity_id", "volunteer_id"], unique=True)
    for table in ("volunteer_training", "community_report"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("org_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(batch_op.f(f"fk_{table}_org_id_organisation"), "organisation", ["org_id"],
                                        ["id"], ondelete="SET NULL")
            batch_op.create_index(batch_op.f(f"ix_{table}_org_id"), ["org_id"], unique=False)
    # the hours recorded so far take their activity's team and organisation
    hours = sa.table("volunteer_hours", sa.column("activity_id", sa.Integer), sa.column("team_id", sa.Integer),
                     sa.column("org_id", sa.Integer))
    activity = sa.table("volunteer_activity", sa.column("id", sa.Integer), sa.column("team_id", sa.Integer),
                        sa.column("org_id", sa.Integer))
    op.execute(hours.update().where(hours.c.activity_id.is_not(None)).values(
        team_id=sa.select(activity.c.team_id).where(activity.c.id == hours.c.activity_id).scalar_subquery(),
        org_id=sa.select(activity.c.org_id).where(activity.c.id == hours.c.activity_id).scalar_subquery(),
    ))
    # archived rows so far say when: the day of the migration is the best that is known
    for table in ("volunteer", "volunteer_team"):
        t = sa.table(table, sa.column("is_archived", sa.Boolean), sa.column("archived_on", sa.Date))
        op.execute(t.update().where(t.c.is_archived.is_(True)).values(archived_on=sa.func.current_date()))
    op.create_table(
        "volunteer_certificate",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=True),
        sa.Column("person_name", sa.String(length=100), nullable=False),
        sa.Column("id_masked", sa.String(length=40), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("total_hours", sa.BigInteger(), nullable=False),
        sa.Column("activity_count", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=120), nullable=False),
        sa.Column("issued_by", sa.String(length=40), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["volunteer_id"], ["volunteer.id"],
                                name=op.f("fk_volunteer_certificate_volunteer_id_volunteer"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_certificate")),
        sa.UniqueConstraint("number", name=op.f("uq_volunteer_certificate_number")),
        sa.UniqueConstraint("year", "serial", name=op.f("uq_volunteer_certificate_year")),
    )
    with op.batch_alter_table("volunteer_certificate") as batch_op:
        batch_op.create_index(batch_op.f("ix_volunteer_certificate_volunteer_id"), ["volunteer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("volunteer_certificate") as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_certificate_volunteer_id"))
    op.drop_table("volunteer_certificate")
    for table in ("community_report", "volunteer_training"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_org_id"))
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_org_id_organisation"), type_="foreignkey")
            batch_op.drop_column("org_id")
    with op.batch_alter_table("volunteer_hours") as batch_op:
        batch_op.drop_index("uq_volunteer_hours_activity_volunteer")
        batch_op.drop_index(batch_op.f("ix_volunteer_hours_org_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_hours_team_id"))
        batch_op.drop_constraint(batch_op.f("fk_volunteer_hours_org_id_organisation"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_volunteer_hours_team_id_volunteer_team"), type_="foreignkey")
        batch_op.drop_column("org_id")
        batch_op.drop_column("team_id")
    with op.batch_alter_table("volunteer_activity") as batch_op:
        batch_op.drop_column("recorder")
    with op.batch_alter_table("volunteer_team") as batch_op:
        batch_op.drop_column("archived_on")
    with op.batch_alter_table("service_category") as batch_op:
        batch_op.drop_column("is_active")
    with op.batch_alter_table("volunteer") as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_org_id"))
        batch_op.drop_constraint(batch_op.f("fk_volunteer_org_id_organisation"), type_="foreignkey")
        batch_op.drop_column("archived_on")
        batch_op.drop_column("org_id")
        batch_op.alter_column("id_type", existing_type=sa.String(length=12), type_=sa.String(length=10),
                              existing_nullable=False)
