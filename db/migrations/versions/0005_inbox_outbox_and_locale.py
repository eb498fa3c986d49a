"""inbox, outbox and the staff's Slack locale

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.types import UTCDateTime

AutoString = sqlmodel.sql.sqltypes.AutoString

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', AutoString(length=96), nullable=False),
    sa.Column('route', AutoString(length=48), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('received_at', UTCDateTime(), nullable=False),
    sa.Column('state', AutoString(length=8), nullable=False),
    sa.Column('done_at', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key'),
    )
    op.create_index('ix_inbox_state', 'inbox', ['state'], unique=False)
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', AutoString(length=16), nullable=False),
    sa.Column('lane', AutoString(length=200), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('state', AutoString(length=8), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_at', UTCDateTime(), nullable=False),
    sa.Column('last_error', AutoString(length=200), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('sent_at', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_outbox_state', 'outbox', ['state'], unique=False)
    op.create_index('ix_outbox_next_at', 'outbox', ['next_at'], unique=False)
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locale', AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column('locale_checked_at', UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('locale_checked_at')
        batch_op.drop_column('locale')
    op.drop_index('ix_outbox_next_at', table_name='outbox')
    op.drop_index('ix_outbox_state', table_name='outbox')
    op.drop_table('outbox')
    op.drop_index('ix_inbox_state', table_name='inbox')
    op.drop_table('inbox')
