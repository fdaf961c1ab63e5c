"""work start precision: 参加工作时间 is often known only as a year and month (1985.07)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column(
            "work_start_precision", sa.Enum("日", "月", "年", name="dateprecision", native_enum=False, length=2),
            nullable=False, server_default="日",
        ))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_column("work_start_precision")
