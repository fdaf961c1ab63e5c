"""member search index: a covering index in pinyin order for search as you type

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ["sort_key", "status", "name", "name_initials", "name_pinyin", "phone", "id_number"]


def upgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_index("ix_member_sort_key")
        batch_op.create_index("ix_member_search", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_index("ix_member_search")
        batch_op.create_index("ix_member_sort_key", ["sort_key"], unique=False)
