"""Accounts, roles, permissions, sessions and API tokens (用户与权限)."""
