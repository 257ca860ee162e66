// Lattice's only script besides htmx: behaviour that templates ask for with data attributes,
// so no page needs an inline script or an onclick attribute (the Content-Security-Policy
// refuses both).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});

// A wide table scrolls sideways inside its .table-wrap (a phone's 390 px): the wrapper is a
// keyboard stop (tabindex="0" in the template) so the hidden columns can be reached without
// a mouse, and a named region so a screen reader says which table the stop scrolls.
function nameScrollRegions(root) {
  root.querySelectorAll(".table-wrap[tabindex]:not([aria-labelledby])").forEach((wrap) => {
    const caption = wrap.querySelector("caption");
    const section = wrap.parentElement?.closest("section[aria-labelledby], .card[aria-labelledby]");
    const heading = section && document.getElementById(section.getAttribute("aria-labelledby"));
    let name = wrap.getAttribute("aria-label") ||
      (caption || heading)?.textContent.replace(/\s+/g, " ").trim() || "Table";
    // Two landmarks of one name confuse a screen reader's list of regions (axe-core's
    // landmark-unique): a table named like its section says it is the table.
    if (heading && name.toLowerCase() === heading.textContent.trim().toLowerCase()) {
      name = `${name} (table)`;
    }
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", name);
  });
}
document.addEventListener("DOMContentLoaded", () => nameScrollRegions(document));
document.addEventListener("htmx:afterSettle", (event) => nameScrollRegions(event.target));
