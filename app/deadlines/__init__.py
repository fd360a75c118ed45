"""Legal clocks (法定期限): rules, running clocks, pauses, extensions, reminders."""
