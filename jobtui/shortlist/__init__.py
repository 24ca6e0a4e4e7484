"""The user's own data: bookmarks with status, notes and follow-ups, and their export."""
