"""document_version: the PDF copy's SHA-256 and page count

The PDF converted beside a version's .docx is checked against its SHA-256 like the .docx, and its
page count fills the case file's index (起止页) and cover (共N件M页) without converting again.

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('document_version') as batch:
        batch.add_column(sa.Column('pdf_sha256', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('pdf_pages', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('document_version') as batch:
        batch.drop_column('pdf_pages')
        batch.drop_column('pdf_sha256')
