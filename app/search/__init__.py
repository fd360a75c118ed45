"""Search across tickets and cases (综合查询)."""
