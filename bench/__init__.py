"""Benchmarks of the platform's moving parts; each runs as `python -m bench.<name>`."""
