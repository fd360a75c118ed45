"""Append-only audit trail (审计日志)."""
