"""Year closing and carry-over, the leaders' dashboard, reports to national systems, my development."""
