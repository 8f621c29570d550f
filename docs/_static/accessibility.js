/* backprop-derived: let a keyboard reach and scroll every region that scrolls sideways.
 *
 * Wide code, cell outputs, tables and equations scroll inside their box. A region that
 * scrolls must be focusable, or a keyboard user cannot scroll it (WCAG 2.1.1; axe-core's
 * "scrollable-region-focusable"), and a focusable region needs a name a screen reader can
 * announce. Whether a box overflows depends on the window's width and on MathJax having
 * typeset it, so this runs again after typesetting, on resize and when a hidden cell opens;
 * a box that stops overflowing loses what it was given, so no stray tab stops remain.
 * When everything is settled, <html data-scroll-regions="ready"> tells the browser tests.
 */
(() => {
  "use strict";
  const MARK = "a11yScroll";
  const CANDIDATES = "article pre, article div.math, article .table-wrapper, article div.output";

  function describe(element) {
    if (element.matches("div.math")) {
      const number = element.querySelector(".eqno");
      const label = number ? number.textContent.replace(/[^\w().-]/g, "").trim() : "";
      return label ? `Equation ${label}, scrolls sideways` : "Equation, scrolls sideways";
    }
    if (element.closest(".cell_output, div.output")) return "Cell output, scrolls sideways";
    if (element.matches(".table-wrapper")) {
      const caption = element.querySelector("caption");
      const title = caption ? caption.textContent.trim() : "";
      return title ? `Table: ${title}, scrolls sideways` : "Table, scrolls sideways";
    }
    return "Code, scrolls sideways";
  }

  function scrollsSideways(element) {
    const overflow = getComputedStyle(element).overflowX;
    return (overflow === "auto" || overflow === "scroll") &&
      element.scrollWidth > element.clientWidth + 1;
  }

  function update() {
    for (const element of document.querySelectorAll(CANDIDATES)) {
      const given = element.dataset[MARK] === "1";
      if (scrollsSideways(element)) {
        if (!given && element.hasAttribute("tabindex")) continue;  // focusable already
        element.dataset[MARK] = "1";
        element.tabIndex = 0;
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", describe(element));
      } else if (given) {
        delete element.dataset[MARK];
        element.removeAttribute("tabindex");
        element.removeAttribute("role");
        element.removeAttribute("aria-label");
      }
    }
  }

  let pending = 0;
  function later() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  }

  update();
  window.addEventListener("resize", later);
  document.addEventListener("toggle", later, true);  // <details> of a hidden cell opened
  window.addEventListener("load", () => {
    const typeset = window.MathJax && MathJax.startup && MathJax.startup.promise;
    Promise.resolve(typeset).then(() => {
      update();
      document.documentElement.dataset.scrollRegions = "ready";
    });
  });
})();
