// training.js: train mode (learning rate, epochs per frame, Play/Pause, Reset, one batch
// of epochs per animation frame, the measured frame rate) and "Check my gradients".
"use strict";

(function () {
  const pg = globalThis.backpropPlayground;
  const { bp, LARGE_RATE, SAMPLE_NAMES, PARAMETERS, element, copyParams, parseNumber } = pg;

  Object.assign(pg.Playground.prototype, {
    buildTraining() {
      const section = element("section", { class: "bp-training", "aria-label": "Train" });
      section.append(element("h3", { text: "Train (full batch)" }));
      const rate = element("input", { type: "text", inputmode: "decimal", "data-control": "rate", value: String(this.learningRate) });
      const rateControl = this.control("Learning rate α", rate);
      const applyRate = () => {
        const value = parseNumber(rate.value);
        if (value === null || !Number.isFinite(value) || !(value > 0)) {
          rateControl.message.textContent = `The learning rate must be a finite positive number such as 0.5, got “${rate.value}”; it stays ${this.learningRate}.`;
          rate.setAttribute("aria-invalid", "true");
          return;
        }
        rate.removeAttribute("aria-invalid");
        rateControl.message.textContent = value >= LARGE_RATE
          ? `α = ${value} is very large: training will probably diverge.` : "";
        this.learningRate = value;
        this.refresh();
      };
      rate.addEventListener("change", applyRate);
      rate.addEventListener("keydown", (event) => { if (event.key === "Enter") applyRate(); });
      const speed = element("input", { type: "number", min: "1", max: "1000", step: "1", "data-control": "speed", value: String(this.epochsPerFrame) });
      const speedControl = this.control("Epochs per frame", speed);
      speed.addEventListener("change", () => {
        const value = Number(speed.value);
        if (!Number.isInteger(value) || value < 1 || value > 1000) {
          speedControl.message.textContent = `Epochs per frame must be a whole number from 1 to 1000, got “${speed.value}”; it stays ${this.epochsPerFrame}.`;
          speed.setAttribute("aria-invalid", "true");
          return;
        }
        speed.removeAttribute("aria-invalid");
        speedControl.message.textContent = "";
        this.epochsPerFrame = value;
      });
      this.playButton = element("button", { type: "button", "data-control": "play", "aria-pressed": "false", text: "▶ Play" });
      this.playButton.addEventListener("click", () => (this.playing ? this.stop() : this.play()));
      const reset = element("button", { type: "button", "data-control": "reset", text: "Reset to the seed" });
      reset.addEventListener("click", () => {
        this.stop();
        this.stage = 0;
        this.trainMessage.textContent = "";
        this.setParams(copyParams(this.data.seeds[this.seed]));
      });
      this.trainStatus = element("p", { class: "bp-status", "aria-live": "off" });
      this.trainMessage = element("p", { class: "bp-message", role: "status" });
      section.append(rateControl.wrapper, speedControl.wrapper,
        element("div", { class: "bp-buttons" }, [this.playButton, reset]), this.trainStatus, this.trainMessage);
      const views = element("div", { class: "bp-views" });
      const view = (name, label) => {
        const canvas = element("canvas", { width: "240", height: "240", role: "img", "aria-label": label, class: `bp-view-${name}` });
        const caption = element("figcaption", { text: label });
        views.append(element("figure", {}, [canvas, caption]));
        return canvas;
      };
      this.lossCanvas = view("loss", "Loss L against epoch");
      this.boundaryCanvas = view("boundary", "Output over the unit square, with the four samples");
      this.hiddenCanvas = view("hidden", "The samples in hidden-activation space (a⁽¹⁾₁, a⁽¹⁾₂)");
      section.append(views);
      return section;
    },

    buildGradientCheck() {
      const section = element("section", { class: "bp-check", "aria-label": "Check my gradients" });
      section.append(element("h3", { text: "Check my gradients" }));
      section.append(element("p", { text: "Centred finite differences (L(θ + h) − L(θ − h)) / 2h, h = 10⁻⁵, computed in the page for every parameter, against backward()." }));
      const button = element("button", { type: "button", "data-control": "check", text: "Check my gradients" });
      this.checkTable = element("div", { class: "bp-check-table", "aria-live": "polite" });
      button.addEventListener("click", () => this.checkGradients());
      section.append(button, this.checkTable);
      return section;
    },

    checkGradients() {
      const { X, y } = this.batch();
      const grads = bp.backward(this.params, X, y, this.loss);
      const estimates = bp.finiteDifferenceGradients(this.params, X, y, this.loss, 1e-5);
      const table = element("table");
      table.append(element("caption", { text: `Loss ${this.loss === "cross_entropy" ? "cross-entropy" : "squared error"}, ${this.sample === "all" ? "whole batch" : `sample ${SAMPLE_NAMES[this.sample]}`}` }));
      const head = element("tr");
      for (const name of ["parameter", "backward()", "finite difference", "relative error"]) head.append(element("th", { scope: "col", text: name }));
      table.append(element("thead", {}, [head]));
      const body = element("tbody");
      this.checkRows = PARAMETERS.map(([kind, layer, row, col, label]) => {
        const analytic = grads[kind][layer][row][col];
        const numeric = estimates[kind][layer][row][col];
        const error = bp.relativeError(analytic, numeric);
        body.append(element("tr", {}, [
          element("th", { scope: "row", text: `∂L/∂${label}` }),
          element("td", { text: analytic.toExponential(6) }),
          element("td", { text: numeric.toExponential(6) }),
          element("td", { text: error.toExponential(1) }),
        ]));
        return { label, analytic, numeric, error };
      });
      table.append(body);
      this.checkTable.replaceChildren(table);
    },

    play() {
      if (this.playing) return;
      this.playing = true;
      this.playButton.textContent = "⏸ Pause";
      this.playButton.setAttribute("aria-pressed", "true");
      this.trainMessage.textContent = "";
      this.frames = [];
      const { X, y } = { X: this.data.X, y: this.data.y };
      const frame = (time) => {
        if (!this.playing) return;
        this.frames.push(time);
        try {
          const params = copyParams(this.params);
          const history = bp.train(params, X, y, {
            epochs: this.epochsPerFrame, learningRate: this.learningRate, loss: this.loss,
          });
          this.params = params;
          for (const value of history) this.history.push(value);
        } catch (error) {
          this.stop();
          this.trainMessage.textContent = `Training stopped: ${error.message}`;
          this.refresh();
          return;
        }
        this.refresh();
        this.animation = requestAnimationFrame(frame);
      };
      this.animation = requestAnimationFrame(frame);
    },

    stop() {
      if (!this.playing) return;
      this.playing = false;
      cancelAnimationFrame(this.animation);
      if (this.playButton) {
        this.playButton.textContent = "▶ Play";
        this.playButton.setAttribute("aria-pressed", "false");
      }
    },

    framesPerSecond() {
      const times = this.frames;
      if (times.length < 2) return 0;
      return (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
    },
  });
})();
