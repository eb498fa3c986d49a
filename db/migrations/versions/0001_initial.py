"""initial tables: staff, roster, punches, audit

Revision ID: 0001
Revises:
Create Date: 2026-11-22 15:19:39.963013
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.types import UTCDateTime

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('auditlog',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auditlog', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditlog_at'), ['at'], unique=False)

    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slack_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('group_name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_slack_id'), ['slack_id'], unique=True)

    op.create_table('punch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('shift_day', sa.Date(), nullable=False),
    sa.Column('shift_code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('minutes_late', sa.Integer(), nullable=False),
    sa.Column('minutes_early', sa.Integer(), nullable=False),
    sa.Column('overtime_minutes', sa.Integer(), nullable=False),
    sa.Column('tier_no', sa.Integer(), nullable=True),
    sa.Column('fine_fen', sa.Integer(), nullable=False),
    sa.Column('absence_half_days', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('dedupe_key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    with op.batch_alter_table('punch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_punch_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_punch_shift_day'), ['shift_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_punch_staff_id'), ['staff_id'], unique=False)

    op.create_table('rosterentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('shift_code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('staff_id', 'day', name='uq_roster_staff_day')
    )
    with op.batch_alter_table('rosterentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rosterentry_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_rosterentry_staff_id'), ['staff_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('rosterentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rosterentry_staff_id'))
        batch_op.drop_index(batch_op.f('ix_rosterentry_day'))

    op.drop_table('rosterentry')
    with op.batch_alter_table('punch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_punch_staff_id'))
        batch_op.drop_index(batch_op.f('ix_punch_shift_day'))
        batch_op.drop_index(batch_op.f('ix_punch_at'))

    op.drop_table('punch')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_slack_id'))
        batch_op.drop_index(batch_op.f('ix_staff_name'))

    op.drop_table('staff')
    with op.batch_alter_table('auditlog', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditlog_at'))

    op.drop_table('auditlog')
