"""Tests of the demo package (lattice/demo): the generator, loading, and the apps' content."""
