"""Task lists (待办): my tasks, group tasks to claim, done by me."""
