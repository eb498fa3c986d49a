"""job runs (one row per job and scheduled instant) and the leads' focus items

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.types import UTCDateTime

AutoString = sqlmodel.sql.sqltypes.AutoString

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('jobrun',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job', AutoString(length=32), nullable=False),
    sa.Column('instant', UTCDateTime(), nullable=False),
    sa.Column('state', AutoString(length=8), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.Column('note', AutoString(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('job', 'instant', name='uq_jobrun_job_instant'),
    )
    op.create_index('ix_jobrun_job', 'jobrun', ['job'], unique=False)
    op.create_index('ix_jobrun_instant', 'jobrun', ['instant'], unique=False)
    op.create_table('focusitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('text', AutoString(length=300), nullable=False),
    sa.Column('by', AutoString(length=32), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_focusitem_day', 'focusitem', ['day'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_focusitem_day', table_name='focusitem')
    op.drop_table('focusitem')
    op.drop_index('ix_jobrun_instant', table_name='jobrun')
    op.drop_index('ix_jobrun_job', table_name='jobrun')
    op.drop_table('jobrun')
