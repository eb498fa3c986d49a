"""handover (交接班): notes for a shift, the handover sent to the next shift, its readers

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.types import UTCDateTime

AutoString = sqlmodel.sql.sqltypes.AutoString

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('handovernote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('shift_code', AutoString(length=16), nullable=False),
    sa.Column('author', AutoString(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_handovernote_day', 'handovernote', ['day'], unique=False)
    op.create_table('handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('shift_code', AutoString(length=16), nullable=False),
    sa.Column('to_day', sa.Date(), nullable=False),
    sa.Column('to_code', AutoString(length=16), nullable=False),
    sa.Column('sent_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'shift_code', name='uq_handover_day_shift'),
    )
    op.create_table('handoverread',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('reader', AutoString(length=32), nullable=False),
    sa.Column('channel', AutoString(length=32), nullable=True),
    sa.Column('ts', AutoString(length=32), nullable=True),
    sa.Column('read_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['handover_id'], ['handover.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('handover_id', 'reader', name='uq_handoverread_reader'),
    )
    op.create_index('ix_handoverread_handover_id', 'handoverread', ['handover_id'],
                    unique=False)
    op.create_index('ix_handoverread_reader', 'handoverread', ['reader'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_handoverread_reader', table_name='handoverread')
    op.drop_index('ix_handoverread_handover_id', table_name='handoverread')
    op.drop_table('handoverread')
    op.drop_table('handover')
    op.drop_index('ix_handovernote_day', table_name='handovernote')
    op.drop_table('handovernote')
