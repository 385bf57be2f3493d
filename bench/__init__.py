"""Benchmarks: cardkit's operations against floors that do the same work, measured in the
same run (`make bench`)."""
