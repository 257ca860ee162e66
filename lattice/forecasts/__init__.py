"""The forecast page: a district's talent officer runs ``lattice.forecast`` in the background
and reads the charts; past runs are kept (inputs, progress, summary results — no personnel
data beyond the requesting user)."""
