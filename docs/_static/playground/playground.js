// playground.js: bootstrapping: the playground's layout (which parts the full and the
// compact variant get), the refresh after every change, and one Playground per
// .bp-playground container once the page is parsed. Loaded after the other scripts.
"use strict";

(function () {
  const pg = globalThis.backpropPlayground;
  const { bp, element, format } = pg;

  Object.assign(pg.Playground.prototype, {
    build() {
      const root = this.root;
      root.classList.add(this.compact ? "bp-compact" : "bp-full");
      const title = element("p", { class: "bp-title", text: this.compact
        ? "Try it: the 2-2-1 network, one stage of backpropagation at a time."
        : "The 2-2-1 network on XOR, computed in your browser by the JavaScript that SymPy printed from the derivations." });
      root.append(title);
      root.append(this.buildSetup());
      if (!this.compact) root.append(this.buildParameterInputs());
      root.append(this.buildGraph());
      root.append(this.buildStages());
      if (this.compact) {
        root.append(element("p", {}, [
          "More controls (training, live views, the gradient check) on the ",
          element("a", { href: this.data.playgroundUrl, text: "playground page" }), ".",
        ]));
      } else {
        root.append(this.buildTraining());
        root.append(this.buildGradientCheck());
      }
    },

    refresh() {
      const state = this.computed();
      this.drawGraph(state);
      this.drawStages(state);
      if (this.compact) return;
      this.parameterControls.forEach((control) => {
        const value = this.params[control.kind][control.layer][control.row][control.col];
        if (document.activeElement !== control.text) control.text.value = String(value);
        control.slider.value = String(Math.max(-10, Math.min(10, value)));
      });
      const full = bp.lossOf(this.params, this.data.X, this.data.y, this.loss);
      this.trainStatus.textContent = `Epoch ${this.history.length}, L = ${format(full)} on the whole batch`;
      this.drawViews();
    },
  });

  function start() {
    for (const root of document.querySelectorAll(".bp-playground")) {
      if (!root.dataset.started) {
        root.dataset.started = "true";
        pg.instances.push(new pg.Playground(root));
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
