"""problem parcels and their history

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 15:44:46.030278
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.types import UTCDateTime

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('parcel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('waybill', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('type_code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('open_key', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('related', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('no_transfer', sa.Boolean(), nullable=False),
    sa.Column('logged_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('logged_at', UTCDateTime(), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.Column('hold_from', UTCDateTime(), nullable=False),
    sa.Column('replied', sa.Boolean(), nullable=False),
    sa.Column('transfer_day', sa.Date(), nullable=True),
    sa.Column('photos', sa.Integer(), nullable=False),
    sa.Column('closed_at', UTCDateTime(), nullable=True),
    sa.Column('closed_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('early_return', sa.Boolean(), nullable=False),
    sa.Column('transfer_channel', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('billing_kg', sa.Integer(), nullable=True),
    sa.Column('transfer_fee_fen', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('open_key')
    )
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parcel_closed_at'), ['closed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_logged_at'), ['logged_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_owner'), ['owner'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_type_code'), ['type_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_waybill'), ['waybill'], unique=False)

    op.create_table('parcelevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parcel_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('file_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('file_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.ForeignKeyConstraint(['parcel_id'], ['parcel.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('parcelevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parcelevent_parcel_id'), ['parcel_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('parcelevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parcelevent_parcel_id'))

    op.drop_table('parcelevent')
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parcel_waybill'))
        batch_op.drop_index(batch_op.f('ix_parcel_updated_at'))
        batch_op.drop_index(batch_op.f('ix_parcel_type_code'))
        batch_op.drop_index(batch_op.f('ix_parcel_status'))
        batch_op.drop_index(batch_op.f('ix_parcel_owner'))
        batch_op.drop_index(batch_op.f('ix_parcel_logged_at'))
        batch_op.drop_index(batch_op.f('ix_parcel_closed_at'))

    op.drop_table('parcel')
