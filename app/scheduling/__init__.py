"""The single scheduler process: a lease in the database, APScheduler jobs."""
