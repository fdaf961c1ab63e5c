"""development details: a case that came from another organisation (细则 第十二条, 第三十五条),
a planned departure from the unit (第十八条), who of the 上级党委 talked (第二十三条), the
approving 党委 (第二十二条) and the day an extension of the 预备期 was decided (第三十一条)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("development_record", sa.Column("transferred_in", sa.Boolean(), server_default=sa.false(),
                                                  nullable=False))
    op.add_column("development_record", sa.Column("leaving_on", sa.Date(), nullable=True))
    op.add_column("development_record", sa.Column("higher_talk_by", sa.String(length=40), nullable=True))
    op.add_column("development_record", sa.Column("approving_body", sa.String(length=100), nullable=True))
    op.add_column("development_record", sa.Column("extension_decided_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("development_record") as batch_op:
        for column in ("extension_decided_on", "approving_body", "higher_talk_by", "leaving_on", "transferred_in"):
            batch_op.drop_column(column)
