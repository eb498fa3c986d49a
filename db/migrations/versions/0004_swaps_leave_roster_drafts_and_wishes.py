"""swaps, leave, roster drafts and wishes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 16:25:39.504068
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.types import UTCDateTime

AutoString = sqlmodel.sql.sqltypes.AutoString

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rosterdraft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('cells', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('ts', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('decided_at', UTCDateTime(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('rosterdraft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rosterdraft_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_rosterdraft_week'), ['week'], unique=False)

    op.create_table('rosterwish',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('shift_code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('staff_id', 'day', name='uq_wish_staff_day')
    )
    with op.batch_alter_table('rosterwish', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rosterwish_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_rosterwish_staff_id'), ['staff_id'], unique=False)

    op.create_table('leaveday',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['request.id'], ),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('staff_id', 'day', name='uq_leave_staff_day')
    )
    with op.batch_alter_table('leaveday', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leaveday_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_leaveday_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_leaveday_staff_id'), ['staff_id'], unique=False)

    op.create_table('swapcredit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('helper_id', sa.Integer(), nullable=False),
    sa.Column('helped_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('shift_code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('shift_back', sa.Boolean(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['helped_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['helper_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['request.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_id')
    )
    with op.batch_alter_table('swapcredit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_swapcredit_helped_id'), ['helped_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_swapcredit_helper_id'), ['helper_id'], unique=False)

    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('counterpart_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('counterpart_channel', AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column('counterpart_ts', AutoString(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_request_counterpart_id'), ['counterpart_id'],
                              unique=False)
        batch_op.create_foreign_key('fk_request_counterpart_id_staff', 'staff',
                                    ['counterpart_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.drop_constraint('fk_request_counterpart_id_staff', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_request_counterpart_id'))
        batch_op.drop_column('counterpart_ts')
        batch_op.drop_column('counterpart_channel')
        batch_op.drop_column('counterpart_id')

    with op.batch_alter_table('swapcredit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_swapcredit_helper_id'))
        batch_op.drop_index(batch_op.f('ix_swapcredit_helped_id'))

    op.drop_table('swapcredit')
    with op.batch_alter_table('leaveday', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leaveday_staff_id'))
        batch_op.drop_index(batch_op.f('ix_leaveday_request_id'))
        batch_op.drop_index(batch_op.f('ix_leaveday_day'))

    op.drop_table('leaveday')
    with op.batch_alter_table('rosterwish', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rosterwish_staff_id'))
        batch_op.drop_index(batch_op.f('ix_rosterwish_day'))

    op.drop_table('rosterwish')
    with op.batch_alter_table('rosterdraft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rosterdraft_week'))
        batch_op.drop_index(batch_op.f('ix_rosterdraft_state'))

    op.drop_table('rosterdraft')
