"""The schema revisions this program knows, as plain data.

Opening an up-to-date database compares against these without importing Alembic (a tenth
of a second at every start); tests/test_migrations.py checks they match the scripts.
"""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012")
HEAD_REVISION = KNOWN_REVISIONS[-1]
