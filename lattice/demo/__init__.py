"""The demo network: a seeded, realistic district (and a smaller neighbour) for trying
Lattice, screenshots, tests and benchmarks. Entry point: :func:`lattice.demo.load.load_demo`.

The demo sits above every app and composes them: it generates the districts' people (this
package), then each app adds its own content through the populator it registers
(``lattice.people.demo_content``). No app imports the demo. It is a Django app without models
(``manage.py demo``), so this module imports nothing.
"""
