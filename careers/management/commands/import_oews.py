"""Where Django looks for the command; it lives with the rest of the official wage data."""

from careers.official.command import Command

__all__ = ["Command"]
