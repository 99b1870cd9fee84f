"""Synthetic award lists with planted overlaps, for tests and benchmarks."""
