"""missed-call rounds (who confirmed each) and notices sent once per subject

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.types import UTCDateTime

AutoString = sqlmodel.sql.sqltypes.AutoString

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('callround',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instant', UTCDateTime(), nullable=False),
    sa.Column('unanswered', UTCDateTime(), nullable=True),
    sa.Column('channel', AutoString(length=32), nullable=True),
    sa.Column('ts', AutoString(length=32), nullable=True),
    sa.Column('done_by', AutoString(length=32), nullable=True),
    sa.Column('done_at', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('instant'),
    )
    op.create_table('noticesent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic', AutoString(length=24), nullable=False),
    sa.Column('subject', AutoString(length=64), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('topic', 'subject', name='uq_noticesent_topic_subject'),
    )


def downgrade() -> None:
    op.drop_table('noticesent')
    op.drop_table('callround')
