"""People and places: networks, districts, schools, school years, staff, and who may see them."""
