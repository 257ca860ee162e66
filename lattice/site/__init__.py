"""The site shell: the landing page that sends each persona home, the health check, the
menus of every page and the signed-in person's persona in every template. It owns no data."""
