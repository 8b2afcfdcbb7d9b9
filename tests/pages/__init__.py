"""The public pages, as students and advisors see them."""
