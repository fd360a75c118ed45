"""Pure-Python workflow engine layer on top of SpiffWorkflow (no Flask, no SQLAlchemy)."""
