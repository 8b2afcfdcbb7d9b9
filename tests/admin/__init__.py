"""The admin, as editors and advisors use it."""
