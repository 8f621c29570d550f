/* backprop-derived: open and close furo's two drawers (site navigation, table of contents)
 * from the keyboard.
 *
 * On a narrow window furo hides the navigation sidebar and the page's table of contents in
 * drawers. They open through <label for="__navigation"> and <label for="__toc">, which
 * tick a hidden checkbox: a label cannot take focus, so a keyboard user can never open
 * either drawer (WCAG 2.1.1), and a screen reader meets an icon with no name. furo's open
 * pull request pradyunsg/furo#660 would make the labels focusable; until a release has it,
 * this script puts a real <button> in each label's place, with the label's icon and classes
 * (so furo's CSS still places it), a name ("Open site navigation"), aria-expanded and
 * aria-controls. The checkbox stays the one state, so furo's CSS and its overlay still work.
 * A closed drawer that sits off-screen is made inert, so Tab does not wander into links the
 * reader cannot see; opening it moves the focus to its first link, and Escape closes it and
 * gives the focus back to the button. Without JavaScript the labels stay as furo wrote them.
 */
(() => {
  "use strict";
  const DRAWERS = [
    {checkbox: "__navigation", panel: ".sidebar-drawer", labels: "label.nav-overlay-icon",
     name: "site navigation"},
    {checkbox: "__toc", panel: ".toc-drawer", labels: "label.toc-overlay-icon",
     name: "table of contents"},
  ];
  const FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]';

  function asButton(label) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.append(...label.childNodes);
    label.replaceWith(button);
    return button;
  }

  function drawer({checkbox, panel, labels, name}) {
    const box = document.getElementById(checkbox);
    const region = document.querySelector(panel);
    const found = [...document.querySelectorAll(labels)];
    if (!box || !region || found.length === 0) return null;
    if (!region.id) region.id = `${checkbox.replace(/^_+/, "")}-drawer`;
    const buttons = found.map(asButton);
    // The drawer collapses only where furo shows one of its buttons (its media queries
    // decide, so no breakpoint is copied here).
    const collapsible = () => buttons.some(button => button.checkVisibility());

    function sync() {
      const open = box.checked;
      for (const button of buttons) {
        button.setAttribute("aria-controls", region.id);
        button.setAttribute("aria-expanded", String(open));
        button.setAttribute("aria-label", `${open ? "Close" : "Open"} ${name}`);
      }
      region.inert = collapsible() && !open;
    }

    let opener = null;
    for (const button of buttons) {
      button.addEventListener("click", () => {
        opener = button;
        box.click();  // ticks the checkbox and fires its change event, as the label did
      });
    }
    box.addEventListener("change", () => {
      sync();
      if (box.checked && collapsible() && opener) {
        const first = [...region.querySelectorAll(FOCUSABLE)]
          .find(element => element.tabIndex >= 0 && element.checkVisibility());
        if (first) first.focus();
      }
    });

    function close() {
      if (!box.checked) return false;
      box.checked = false;
      sync();
      const target = (opener && opener.checkVisibility()) ? opener
        : buttons.find(button => button.checkVisibility());
      if (target) target.focus();
      opener = null;
      return true;
    }

    sync();
    return {sync, close};
  }

  const drawers = DRAWERS.map(drawer).filter(Boolean);
  document.addEventListener("keydown", event => {
    if (event.key !== "Escape") return;
    for (const one of drawers) if (one.close()) event.preventDefault();
  });
  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => drawers.forEach(one => one.sync()));
  });
})();
