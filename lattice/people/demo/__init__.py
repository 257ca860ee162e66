"""The demo network: a seeded, realistic district (and a smaller neighbour) for trying
Lattice, screenshots, tests and benchmarks. Entry point: :func:`load_demo`."""

from lattice.people.demo.load import DemoExists, LoadReport, demo_exists, load_demo, reset_demo

__all__ = ["DemoExists", "LoadReport", "demo_exists", "load_demo", "reset_demo"]
