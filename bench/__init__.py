"""Benchmarks of the stack: the gateway hop, the bus, worker scaling and merges.

Each benchmark module has ``run(options) -> dict`` and writes one JSON result under
``bench/results/``; ``python -m bench.run_all [--quick]`` runs them all. Every figure that
matters is a ratio against a baseline measured in the same run, with min/median/max over runs.
"""
