"""Django's format module for Lattice (``FORMAT_MODULE_PATH``): the house date style."""
