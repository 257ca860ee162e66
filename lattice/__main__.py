"""``python -m lattice`` runs the Lattice command line."""

from lattice.cli import main

main()
