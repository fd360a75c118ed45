"""Gapless per-year numbers for tickets, cases and documents (编号)."""
