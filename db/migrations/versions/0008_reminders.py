"""the leads' custom reminders (/kefu remind)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.types import UTCDateTime

AutoString = sqlmodel.sql.sqltypes.AutoString

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spec', AutoString(length=64), nullable=False),
    sa.Column('times', AutoString(length=400), nullable=False),
    sa.Column('days', AutoString(length=8), nullable=False),
    sa.Column('text', AutoString(length=300), nullable=False),
    sa.Column('created_by', AutoString(length=32), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('removed_by', AutoString(length=32), nullable=True),
    sa.Column('removed_at', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_reminder_active', 'reminder', ['active'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_reminder_active', table_name='reminder')
    op.drop_table('reminder')
