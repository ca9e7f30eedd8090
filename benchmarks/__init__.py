"""Benchmarks for eventmap, printed as tables: ``python -m benchmarks [--quick] [--only ...]``."""
