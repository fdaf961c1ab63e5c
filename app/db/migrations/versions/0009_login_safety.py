"""login safety: a recovery code (scrypt hash) per clerk account, and the count of wrong
passwords with the time before which no further attempt is checked (a growing delay)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("app_user", sa.Column("recovery_hash", sa.String(length=200), nullable=True))
    op.add_column("app_user", sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
    op.add_column("app_user", sa.Column("locked_until", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch_op:
        for column in ("locked_until", "failed_logins", "recovery_hash"):
            batch_op.drop_column(column)
