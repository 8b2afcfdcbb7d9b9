"""Timings that are too slow or too machine-dependent for the test suite; run by hand."""
