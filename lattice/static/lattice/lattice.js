// Lattice's only script besides htmx: behaviour that templates ask for with data attributes,
// so no page needs an inline script or an onclick attribute (the Content-Security-Policy
// refuses both).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
