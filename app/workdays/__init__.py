"""Working-day calendar (工作日历): holiday notices stored in the database, editable by an administrator."""
