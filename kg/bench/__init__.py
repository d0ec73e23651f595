"""Benchmarks (``make bench``): a generated corpus and the figures the issues ask for."""
