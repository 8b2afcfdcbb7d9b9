"""The test suite. Folders mirror the code; shared fixtures are in conftest.py and
shared plain helpers in helpers.py."""
