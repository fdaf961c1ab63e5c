"""meeting types say who is expected (应到) and whether they count toward the 32 学时
(党员教育管理工作条例 第二十条); a meeting may carry its 学时 and the lecturer's post

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting_type") as batch_op:
        batch_op.add_column(sa.Column("attendees", sa.Enum("全体党员", "委员会委员", "指定人员", name="meetingattendees",
                                                           native_enum=False, length=8),
                                      server_default="全体党员", nullable=False))
        batch_op.add_column(sa.Column("counts_study", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.add_column(sa.Column("lecturer_post", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("study_hours", sa.BigInteger(), nullable=True))
    types = sa.table("meeting_type", sa.column("name", sa.String), sa.column("attendees", sa.String),
                     sa.column("counts_study", sa.Boolean))
    op.execute(types.update().where(types.c.name == "支部委员会").values(attendees="委员会委员"))
    op.execute(types.update().where(types.c.name == "谈心谈话").values(attendees="指定人员"))
    op.execute(types.update().where(types.c.name.in_(["党课", "集中学习", "主题党日"])).values(counts_study=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.drop_column("study_hours")
        batch_op.drop_column("lecturer_post")
    with op.batch_alter_table("meeting_type") as batch_op:
        batch_op.drop_column("counts_study")
        batch_op.drop_column("attendees")
