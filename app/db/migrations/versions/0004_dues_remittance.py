"""dues remittance: 党费上缴 to the higher 党委, so collected can be shown against remitted;
an index on dues_payment.period_end so the 本月收缴 sheet reads only the recent payments

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dues_remittance",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("remitted_on", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("large_amount", sa.BigInteger(), nullable=False),
        sa.Column("receiver", sa.String(length=100), nullable=True),
        sa.Column("receipt_no", sa.String(length=60), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["organisation.id"], name=op.f("fk_dues_remittance_org_id_organisation"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_remittance")),
    )
    with op.batch_alter_table("dues_remittance") as batch_op:
        batch_op.create_index("ix_dues_remittance_period", ["period_start"], unique=False)
    with op.batch_alter_table("dues_payment") as batch_op:
        batch_op.create_index("ix_dues_payment_period_end", ["period_end", "member_id", "period_start"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dues_payment") as batch_op:
        batch_op.drop_index("ix_dues_payment_period_end")
    with op.batch_alter_table("dues_remittance") as batch_op:
        batch_op.drop_index("ix_dues_remittance_period")
    op.drop_table("dues_remittance")
