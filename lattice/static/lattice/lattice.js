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
// A table or chart wider than the page says so (issue #18): "Scroll sideways to see more"
// above it, shown by the CSS only at a phone's width and only while it overflows; a chart
// that overflows becomes a keyboard stop, like a table's wrapper, so it can be scrolled.
function markOverflow(root) {
  root.querySelectorAll(".table-wrap, .chart").forEach((box) => {
    let hint = box.previousElementSibling;
    if (!hint || !hint.classList.contains("scroll-hint")) {
      hint = document.createElement("p");
      hint.className = "scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = "Scroll sideways to see more";
      box.before(hint);
    }
    const overflows = box.scrollWidth > box.clientWidth + 1;
    hint.classList.toggle("overflows", overflows);
    if (box.classList.contains("chart")) {
      if (overflows) {
        box.setAttribute("tabindex", "0");
      } else {
        box.removeAttribute("tabindex");
      }
    }
  });
}
function settle(root) {
  nameScrollRegions(root);
  markOverflow(document);
}
document.addEventListener("DOMContentLoaded", () => settle(document));
document.addEventListener("htmx:afterSettle", (event) => settle(event.target));
window.addEventListener("resize", () => markOverflow(document));
