"""Real-browser checks, run last against the live server."""
