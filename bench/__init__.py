"""Benchmarks run by `make bench` (see bench/__main__.py); figures go to bench/RESULTS.md."""
