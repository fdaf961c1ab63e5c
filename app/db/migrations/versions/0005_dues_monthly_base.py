"""dues monthly base: 年薪制 members pay on the pay actually received each month
(组电明字〔2017〕5号), so a year's assessment may carry a base per month

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dues_monthly_base",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("base", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["dues_assessment.id"],
                                name=op.f("fk_dues_monthly_base_assessment_id_dues_assessment"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_monthly_base")),
        sa.UniqueConstraint("assessment_id", "month", name=op.f("uq_dues_monthly_base_assessment_id")),
    )


def downgrade() -> None:
    op.drop_table("dues_monthly_base")
