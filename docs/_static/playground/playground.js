// playground.js: the interface of the playground (hand-written; no formula lives here).
//
// Every number this script shows comes from a function of backpropJS, the script that
// `python -m derivations` prints from the proved results (network.js, loaded before this
// one). This file builds the controls, draws the graph and the live views, and calls those
// functions: forward, backward, step, train, lossOf, finiteDifferenceGradients and the
// printed formulas themselves. The build writes each seed's initial parameters (from
// backprop.Network), the XOR data and the equations' numbers and links into the page.
"use strict";

(function () {
  const bp = globalThis.backpropJS;
  const SVG = "http://www.w3.org/2000/svg";
  const WEIGHT_LIMIT = 1000; // beyond this a weight saturates every sigmoid: refused as absurd
  const LARGE_RATE = 1000; // accepted, with a warning that training will probably diverge
  const GRID = 32; // cells per side of the decision-boundary and hidden-space views
  const MARGIN = 14; // room around the unit square for the samples drawn on its corners
  const SAMPLE_NAMES = ["(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)"];
  // The nine parameters of the 2-2-1 network: [kind, layer, row, column, label].
  const PARAMETERS = [
    ["weights", 0, 0, 0, "W⁽¹⁾₁₁"], ["weights", 0, 0, 1, "W⁽¹⁾₁₂"],
    ["weights", 0, 1, 0, "W⁽¹⁾₂₁"], ["weights", 0, 1, 1, "W⁽¹⁾₂₂"],
    ["biases", 0, 0, 0, "b⁽¹⁾₁"], ["biases", 0, 1, 0, "b⁽¹⁾₂"],
    ["weights", 1, 0, 0, "W⁽²⁾₁₁"], ["weights", 1, 0, 1, "W⁽²⁾₁₂"],
    ["biases", 1, 0, 0, "b⁽²⁾₁"],
  ];
  // The stages of one iteration, the equations that compute each, and what the graph shows.
  const STAGES = [
    { id: "forward-hidden", title: "Forward: hidden layer", labels: () => ["eq-forward-hidden"] },
    { id: "forward-output", title: "Forward: output layer", labels: () => ["eq-forward-output"] },
    {
      id: "loss", title: "Loss",
      labels: (loss) => [loss === "cross_entropy" ? "eq-cross-entropy" : "eq-loss"],
    },
    {
      id: "output-delta", title: "Output delta",
      labels: (loss) => [loss === "cross_entropy" ? "eq-output-delta-cross-entropy" : "eq-output-delta"],
    },
    { id: "hidden-delta", title: "Hidden delta", labels: () => ["eq-hidden-delta"] },
    {
      id: "gradients", title: "Gradients",
      labels: () => ["eq-grad-w2", "eq-grad-b2", "eq-grad-w1", "eq-grad-b1"],
    },
    {
      id: "update", title: "Update",
      labels: () => ["eq-update-w2", "eq-update-b2", "eq-update-w1", "eq-update-b1"],
    },
  ];

  let counter = 0;

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function svgElement(tag, attributes = {}) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  function copyParams(params) {
    return {
      weights: params.weights.map((W) => W.map((row) => row.slice())),
      biases: params.biases.map((b) => b.map((row) => row.slice())),
    };
  }

  function format(value) {
    if (!Number.isFinite(value)) return String(value);
    const magnitude = Math.abs(value);
    if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e4)) return value.toExponential(2);
    return value.toFixed(3);
  }

  function columns(matrix, picked) {
    return matrix.map((row) => picked.map((i) => row[i]));
  }

  // "1.5", "-2e-3": a number as a reader types it; null for anything else.
  function parseNumber(text) {
    const trimmed = text.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
    return Number(trimmed);
  }

  class Playground {
    constructor(root) {
      this.root = root;
      this.id = `bp-pg-${++counter}`;
      this.data = JSON.parse(root.querySelector(".bp-playground-data").textContent);
      this.compact = root.dataset.variant === "compact";
      this.seed = String(this.data.defaultSeed);
      this.params = copyParams(this.data.seeds[this.seed]);
      this.loss = "squared_error";
      this.sample = "all";
      this.stage = 0;
      this.learningRate = 0.5;
      this.epochsPerFrame = 20;
      this.history = [];
      this.playing = false;
      this.frames = [];
      this.build();
      this.refresh();
    }

    // -- State -------------------------------------------------------------------------

    batch() {
      const picked = this.sample === "all" ? [0, 1, 2, 3] : [Number(this.sample)];
      return { X: columns(this.data.X, picked), y: columns(this.data.y, picked), picked };
    }

    // Everything the stages show, for the current parameters and batch.
    computed() {
      const { X, y, picked } = this.batch();
      const pass = bp.forward(this.params, X);
      const grads = bp.backward(this.params, X, y, this.loss);
      const loss = bp.lossOf(this.params, X, y, this.loss);
      let next = null;
      let stepError = null;
      try {
        next = bp.step(this.params, grads, this.learningRate);
      } catch (error) {
        stepError = error.message;
      }
      return { X, y, picked, pass, grads, loss, next, stepError };
    }

    setParams(params, { keepHistory = false } = {}) {
      this.params = params;
      if (!keepHistory) this.history = [];
      this.refresh();
    }

    // -- Building the interface -----------------------------------------------------------

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
    }

    control(labelText, input, help) {
      const id = `${this.id}-${input.dataset.control}`;
      input.id = id;
      const message = element("span", { class: "bp-message", id: `${id}-message`, "aria-live": "polite" });
      input.setAttribute("aria-describedby", message.id);
      const wrapper = element("div", { class: "bp-control" }, [
        element("label", { for: id, text: labelText }), input, message,
      ]);
      if (help) wrapper.append(element("span", { class: "bp-help", text: help }));
      return { wrapper, message };
    }

    select(name, options, value) {
      const select = element("select", { "data-control": name });
      for (const [optionValue, text] of options) {
        const option = element("option", { value: optionValue, text });
        if (optionValue === value) option.selected = true;
        select.append(option);
      }
      return select;
    }

    buildSetup() {
      const fieldset = element("fieldset", { class: "bp-setup" }, [element("legend", { text: "Network and data" })]);
      const seedSelect = this.select("seed",
        Object.keys(this.data.seeds).map((seed) => [seed, `seed ${seed}`]), this.seed);
      seedSelect.addEventListener("change", () => {
        this.stop();
        this.seed = seedSelect.value;
        this.stage = 0;
        this.setParams(copyParams(this.data.seeds[this.seed]));
      });
      const lossSelect = this.select("loss",
        [["squared_error", "squared error ½ Σ (a − y)²"], ["cross_entropy", "cross-entropy"]], this.loss);
      lossSelect.addEventListener("change", () => {
        this.loss = lossSelect.value;
        this.history = [];
        this.refresh();
      });
      const sampleSelect = this.select("sample",
        [["all", "the whole batch (4 samples)"],
          ...SAMPLE_NAMES.map((name, i) => [String(i), `sample x = ${name}, y = ${this.data.y[0][i]}`])],
        this.sample);
      sampleSelect.addEventListener("change", () => {
        this.sample = sampleSelect.value;
        this.refresh();
      });
      this.seedSelect = seedSelect;
      this.lossSelect = lossSelect;
      fieldset.append(
        this.control("Initial weights", seedSelect, "as bp.Network([2, 2, 1], seed=…) draws them").wrapper,
        this.control("Loss", lossSelect).wrapper,
        this.control("Samples", sampleSelect).wrapper,
      );
      return fieldset;
    }

    buildParameterInputs() {
      const fieldset = element("fieldset", { class: "bp-parameters" },
        [element("legend", { text: "Weights and biases (type a number or drag the slider)" })]);
      this.parameterControls = PARAMETERS.map(([kind, layer, row, col, label], index) => {
        const text = element("input", {
          type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false",
          "data-control": `param-${index}`,
        });
        const { wrapper, message } = this.control(label, text);
        const slider = element("input", {
          type: "range", min: "-10", max: "10", step: "0.01", "data-control": `slider-${index}`,
          id: `${this.id}-slider-${index}`, "aria-label": `${label} (slider)`,
        });
        wrapper.insertBefore(slider, message);
        const apply = (value, source) => {
          const problem = value === null
            ? `${label} must be a number such as 0.5 or -1.2e-3, got “${source.value}”; nothing was changed.`
            : !Number.isFinite(value)
              ? `${label} must be finite; nothing was changed.`
              : Math.abs(value) > WEIGHT_LIMIT
                ? `${label} must lie between −${WEIGHT_LIMIT} and ${WEIGHT_LIMIT} (a larger weight saturates every sigmoid), got ${source.value}; nothing was changed.`
                : null;
          if (problem) {
            message.textContent = problem;
            text.setAttribute("aria-invalid", "true");
            return;
          }
          message.textContent = "";
          text.removeAttribute("aria-invalid");
          const params = copyParams(this.params);
          params[kind][layer][row][col] = value;
          this.stop();
          this.setParams(params);
        };
        text.addEventListener("change", () => apply(text.value.trim() === "" ? null : parseNumber(text.value), text));
        text.addEventListener("keydown", (event) => {
          if (event.key === "Enter") apply(text.value.trim() === "" ? null : parseNumber(text.value), text);
        });
        slider.addEventListener("input", () => apply(Number(slider.value), slider));
        fieldset.append(wrapper);
        return { text, slider, message, kind, layer, row, col };
      });
      return fieldset;
    }

    buildGraph() {
      const figure = element("figure", { class: "bp-graph" });
      const svg = svgElement("svg", {
        viewBox: "0 0 680 310", role: "img", "aria-labelledby": `${this.id}-svg-title ${this.id}-svg-desc`,
      });
      const title = svgElement("title", { id: `${this.id}-svg-title` });
      title.textContent = "The computational graph of the 2-2-1 network";
      const desc = svgElement("desc", { id: `${this.id}-svg-desc` });
      svg.append(title, desc);
      this.svgDesc = desc;
      const positions = {
        x1: [90, 70], x2: [90, 220], h1: [320, 70], h2: [320, 220], o: [500, 145], L: [630, 145],
      };
      this.edges = {};
      // Labels a quarter of the way along the crossing first-layer edges, so that they
      // do not meet where the edges cross; halfway along the others.
      const edge = (key, from, to, along) => {
        const [x1, y1] = positions[from];
        const [x2, y2] = positions[to];
        const line = svgElement("line", { x1, y1, x2, y2, class: "bp-edge" });
        const label = svgElement("text", {
          x: x1 + (x2 - x1) * along, y: y1 + (y2 - y1) * along - 6, class: "bp-edge-label",
          "text-anchor": "middle",
        });
        svg.append(line, label);
        this.edges[key] = { line, label };
      };
      for (let j = 0; j < 2; j++) {
        for (let k = 0; k < 2; k++) edge(`w0-${j}-${k}`, `x${k + 1}`, `h${j + 1}`, j === k ? 0.5 : 0.27);
      }
      for (let j = 0; j < 2; j++) edge(`w1-0-${j}`, `h${j + 1}`, "o", 0.5);
      edge("loss", "o", "L", 0.5);
      this.nodes = {};
      const node = (key, name) => {
        const [x, y] = positions[key];
        const group = svgElement("g", { class: "bp-node" });
        group.append(svgElement("circle", { cx: x, cy: y, r: 26 }));
        const nameText = svgElement("text", { x, y: y + 5, "text-anchor": "middle", class: "bp-node-name" });
        nameText.textContent = name;
        const value = svgElement("text", { x, y: y + 44, "text-anchor": "middle", class: "bp-node-value" });
        const value2 = svgElement("text", { x, y: y + 60, "text-anchor": "middle", class: "bp-node-value" });
        group.append(nameText, value, value2);
        svg.append(group);
        this.nodes[key] = { group, value, value2 };
      };
      node("x1", "x₁"); node("x2", "x₂"); node("h1", "h₁"); node("h2", "h₂"); node("o", "out"); node("L", "L");
      figure.append(svg);
      this.caption = element("figcaption", { class: "bp-caption" });
      figure.append(this.caption);
      return figure;
    }

    buildStages() {
      const section = element("section", { class: "bp-stages", "aria-label": "Step by step" });
      section.append(element("h3", { text: "Step by step" }));
      this.stageList = element("ol", { class: "bp-stage-list" });
      this.stageItems = STAGES.map((stage, index) => {
        const button = element("button", { type: "button", class: "bp-stage", "data-control": `stage-${index}`, text: stage.title });
        button.addEventListener("click", () => { this.stage = index; this.refresh(); });
        const item = element("li", {}, [button]);
        this.stageList.append(item);
        return button;
      });
      const back = element("button", { type: "button", "data-control": "back", text: "◀ Previous stage" });
      const next = element("button", { type: "button", "data-control": "next", text: "Next stage ▶" });
      back.addEventListener("click", () => { this.stage = Math.max(0, this.stage - 1); this.refresh(); });
      next.addEventListener("click", () => this.nextStage());
      this.stageMessage = element("p", { class: "bp-message", "aria-live": "polite" });
      this.stageText = element("div", { class: "bp-stage-text", "aria-live": "polite" });
      section.append(this.stageList, element("div", { class: "bp-buttons" }, [back, next]),
        this.stageMessage, this.stageText);
      this.nextButton = next;
      return section;
    }

    nextStage() {
      if (this.stage < STAGES.length - 1) {
        this.stage += 1;
        this.refresh();
        return;
      }
      // After the update stage: apply the step, start the next iteration.
      const { next, stepError } = this.computed();
      if (!next) {
        this.stageMessage.textContent = stepError;
        return;
      }
      this.stage = 0;
      this.setParams(next, { keepHistory: true });
    }

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
    }

    buildGradientCheck() {
      const section = element("section", { class: "bp-check", "aria-label": "Check my gradients" });
      section.append(element("h3", { text: "Check my gradients" }));
      section.append(element("p", { text: "Centred finite differences (L(θ + h) − L(θ − h)) / 2h, h = 10⁻⁵, computed in the page for every parameter, against backward()." }));
      const button = element("button", { type: "button", "data-control": "check", text: "Check my gradients" });
      this.checkTable = element("div", { class: "bp-check-table", "aria-live": "polite" });
      button.addEventListener("click", () => this.checkGradients());
      section.append(button, this.checkTable);
      return section;
    }

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
    }

    // -- Training ----------------------------------------------------------------------

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
    }

    stop() {
      if (!this.playing) return;
      this.playing = false;
      cancelAnimationFrame(this.animation);
      if (this.playButton) {
        this.playButton.textContent = "▶ Play";
        this.playButton.setAttribute("aria-pressed", "false");
      }
    }

    framesPerSecond() {
      const times = this.frames;
      if (times.length < 2) return 0;
      return (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
    }

    // -- Drawing -----------------------------------------------------------------------

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
    }

    values(state) {
      const stage = STAGES[this.stage].id;
      const a = state.pass.activations;
      const z = state.pass.zs;
      const list = (matrix, row) => matrix[row].map(format).join(" ");
      const v = { nodes: {}, edges: {} };
      const at = STAGES.findIndex((s) => s.id === stage);
      const reached = (id) => at >= STAGES.findIndex((s) => s.id === id);
      v.nodes.x1 = [`x₁ = ${state.X[0].join(" ")}`];
      v.nodes.x2 = [`x₂ = ${state.X[1].join(" ")}`];
      for (let j = 0; j < 2; j++) {
        for (let k = 0; k < 2; k++) v.edges[`w0-${j}-${k}`] = `W ${format(this.params.weights[0][j][k])}`;
        v.edges[`w1-0-${j}`] = `W ${format(this.params.weights[1][0][j])}`;
        v.nodes[`h${j + 1}`] = [`b = ${format(this.params.biases[0][j][0])}`];
      }
      v.nodes.o = [`b = ${format(this.params.biases[1][0][0])}`];
      v.nodes.L = [`y = ${state.y[0].join(" ")}`];
      if (reached("forward-hidden")) {
        for (let j = 0; j < 2; j++) v.nodes[`h${j + 1}`] = [`z = ${list(z[0], j)}`, `a = ${list(a[1], j)}`];
      }
      if (reached("forward-output")) v.nodes.o = [`z = ${list(z[1], 0)}`, `a = ${list(a[2], 0)}`];
      if (reached("loss")) v.nodes.L = [`L = ${format(state.loss)}`, `y = ${state.y[0].join(" ")}`];
      if (reached("output-delta")) v.nodes.o = [`a = ${list(a[2], 0)}`, `δ = ${list(state.grads.deltas[1], 0)}`];
      if (reached("hidden-delta")) {
        for (let j = 0; j < 2; j++) v.nodes[`h${j + 1}`] = [`a = ${list(a[1], j)}`, `δ = ${list(state.grads.deltas[0], j)}`];
      }
      if (reached("gradients")) {
        for (let j = 0; j < 2; j++) {
          for (let k = 0; k < 2; k++) v.edges[`w0-${j}-${k}`] = `∂L/∂W ${format(state.grads.weights[0][j][k])}`;
          v.edges[`w1-0-${j}`] = `∂L/∂W ${format(state.grads.weights[1][0][j])}`;
          v.nodes[`h${j + 1}`] = [`δ = ${list(state.grads.deltas[0], j)}`, `∂L/∂b = ${format(state.grads.biases[0][j][0])}`];
        }
        v.nodes.o = [`δ = ${list(state.grads.deltas[1], 0)}`, `∂L/∂b = ${format(state.grads.biases[1][0][0])}`];
      }
      if (stage === "update" && state.next) {
        for (let j = 0; j < 2; j++) {
          for (let k = 0; k < 2; k++) v.edges[`w0-${j}-${k}`] = `W → ${format(state.next.weights[0][j][k])}`;
          v.edges[`w1-0-${j}`] = `W → ${format(state.next.weights[1][0][j])}`;
          v.nodes[`h${j + 1}`] = [`b → ${format(state.next.biases[0][j][0])}`];
        }
        v.nodes.o = [`b → ${format(state.next.biases[1][0][0])}`];
      }
      v.edges.loss = "";
      return v;
    }

    drawGraph(state) {
      const v = this.values(state);
      for (const [key, node] of Object.entries(this.nodes)) {
        const [first = "", second = ""] = v.nodes[key] || [];
        node.value.textContent = first;
        node.value2.textContent = second;
      }
      for (const [key, edge] of Object.entries(this.edges)) edge.label.textContent = v.edges[key] || "";
      const active = STAGES[this.stage].id;
      const highlight = {
        "forward-hidden": ["h1", "h2"], "forward-output": ["o"], loss: ["L"], "output-delta": ["o"],
        "hidden-delta": ["h1", "h2"], gradients: ["h1", "h2", "o"], update: ["h1", "h2", "o"],
      }[active];
      for (const [key, node] of Object.entries(this.nodes)) node.group.classList.toggle("bp-active", highlight.includes(key));
      const described = Object.entries(v.nodes).map(([key, lines]) => `${key}: ${lines.join(", ")}`).join("; ");
      const edges = Object.entries(v.edges).filter(([, text]) => text).map(([key, text]) => `${key}: ${text}`).join("; ");
      this.svgDesc.textContent = `Stage “${STAGES[this.stage].title}”. Nodes: ${described}. Edges: ${edges}.`;
      this.caption.textContent = state.picked.length === 4
        ? "Values are listed for the four samples (0, 0), (0, 1), (1, 0), (1, 1), in that order."
        : `Values for the sample x = ${SAMPLE_NAMES[state.picked[0]]}.`;
    }

    drawStages(state) {
      this.stageItems.forEach((button, index) => {
        if (index === this.stage) button.setAttribute("aria-current", "step");
        else button.removeAttribute("aria-current");
      });
      const stage = STAGES[this.stage];
      const links = stage.labels(this.loss).map((label) => {
        const equation = this.data.equations[label];
        return element("a", { href: equation.url, class: "bp-equation", "data-label": label, text: `(${equation.number}) ${label}` });
      });
      const parts = [element("strong", { text: `${this.stage + 1}. ${stage.title}: ` }), "computed by "];
      links.forEach((link, i) => { if (i) parts.push(", "); parts.push(link); });
      parts.push(".");
      const lines = [element("p", {}, parts)];
      if (stage.id === "loss") lines.push(element("p", { text: `L = ${format(state.loss)}` }));
      if (stage.id === "update") {
        lines.push(element("p", { text: state.next
          ? `With α = ${this.learningRate}. “Next stage” applies this step and starts the next iteration.`
          : state.stepError }));
      }
      this.stageText.replaceChildren(...lines);
      this.stageMessage.textContent = "";
    }

    colors() {
      const style = getComputedStyle(this.root);
      const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
      return {
        fg: read("--bp-fg", "#222"), muted: read("--bp-muted", "#888"),
        zero: read("--bp-class0", "#c0392b"), one: read("--bp-class1", "#1f5f8b"), bg: read("--bp-bg", "#fff"),
      };
    }

    drawViews() {
      const c = this.colors();
      this.drawLoss(c);
      this.drawBoundary(c);
      this.drawHidden(c);
    }

    drawLoss(c) {
      const ctx = this.lossCanvas.getContext("2d");
      const { width, height } = this.lossCanvas;
      ctx.clearRect(0, 0, width, height);
      ctx.strokeStyle = c.muted;
      ctx.strokeRect(30.5, 10.5, width - 40, height - 40);
      ctx.fillStyle = c.fg;
      ctx.font = "12px sans-serif";
      ctx.fillText("L", 8, 20);
      ctx.fillText("epoch", width - 50, height - 8);
      const history = this.history;
      if (!history.length) {
        this.lossCanvas.setAttribute("aria-label", "Loss against epoch: not trained yet. Press Play.");
        return;
      }
      const top = Math.max(...history.slice(0, 1), ...history.slice(-1)) || 1;
      const maxValue = history.reduce((m, value) => Math.max(m, value), top);
      ctx.strokeStyle = c.one;
      ctx.lineWidth = 2;
      ctx.beginPath();
      const step = Math.max(1, Math.floor(history.length / (width - 40)));
      for (let e = 0; e < history.length; e += step) {
        const x = 30 + ((width - 40) * e) / Math.max(1, history.length - 1);
        const y = 10 + (height - 40) * (1 - history[e] / maxValue);
        if (e === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      }
      ctx.stroke();
      ctx.lineWidth = 1;
      ctx.fillText(`0 … ${format(maxValue)}`, 34, 24);
      this.lossCanvas.setAttribute("aria-label",
        `Loss against epoch: ${history.length} epochs, from ${format(history[0])} to ${format(history[history.length - 1])}.`);
    }

    // Shade the square by a function of two coordinates in [0, 1] (each column a point):
    // one pixel per grid cell in a small image, scaled up without smoothing.
    shade(ctx, size, outputOf, c) {
      if (!this.grid) {
        const points = [[], []];
        for (let r = 0; r < GRID; r++) {
          for (let q = 0; q < GRID; q++) { points[0].push((q + 0.5) / GRID); points[1].push(1 - (r + 0.5) / GRID); }
        }
        this.grid = points;
        this.cells = document.createElement("canvas");
        this.cells.width = GRID;
        this.cells.height = GRID;
      }
      const out = outputOf(this.grid)[0];
      const cellsContext = this.cells.getContext("2d");
      const image = cellsContext.createImageData(GRID, GRID);
      const zero = this.rgb(c.zero);
      const one = this.rgb(c.one);
      for (let index = 0; index < GRID * GRID; index++) {
        const value = out[index];
        const color = value >= 0.5 ? one : zero;
        image.data.set([color[0], color[1], color[2], Math.round(255 * (0.15 + 1.2 * Math.abs(value - 0.5)))], 4 * index);
      }
      cellsContext.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(this.cells, MARGIN, MARGIN, size - 2 * MARGIN, size - 2 * MARGIN);
      ctx.strokeStyle = c.muted;
      ctx.strokeRect(MARGIN - 0.5, MARGIN - 0.5, size - 2 * MARGIN + 1, size - 2 * MARGIN + 1);
    }

    // A CSS colour as [r, g, b], through the canvas that parses it.
    rgb(color) {
      if (!this.rgbCache) this.rgbCache = new Map();
      if (!this.rgbCache.has(color)) {
        const probe = document.createElement("canvas").getContext("2d");
        probe.fillStyle = color;
        const hex = probe.fillStyle;
        const parsed = /^#[0-9a-f]{6}$/i.test(hex)
          ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
          : (hex.match(/\d+/g) || ["0", "0", "0"]).slice(0, 3).map(Number);
        this.rgbCache.set(color, parsed);
      }
      return this.rgbCache.get(color);
    }

    drawPoints(ctx, size, points, c) {
      points.forEach(([px, py], i) => {
        const target = this.data.y[0][i];
        ctx.beginPath();
        ctx.arc(MARGIN + px * (size - 2 * MARGIN), MARGIN + (1 - py) * (size - 2 * MARGIN), 8, 0, 2 * Math.PI);
        ctx.fillStyle = target ? c.one : c.zero;
        ctx.fill();
        ctx.strokeStyle = c.fg;
        ctx.lineWidth = 2;
        ctx.stroke();
        ctx.lineWidth = 1;
      });
    }

    drawBoundary(c) {
      const ctx = this.boundaryCanvas.getContext("2d");
      const size = this.boundaryCanvas.width;
      ctx.clearRect(0, 0, size, size);
      this.shade(ctx, size, (points) => {
        const pass = bp.forward(this.params, points);
        return pass.activations[2];
      }, c);
      const X = this.data.X;
      this.drawPoints(ctx, size, [0, 1, 2, 3].map((i) => [X[0][i], X[1][i]]), c);
      const output = bp.forward(this.params, X).activations[2][0];
      this.boundaryCanvas.setAttribute("aria-label",
        `Output over the unit square; shaded by class. At the samples (0, 0), (0, 1), (1, 0), (1, 1) the outputs are ${output.map(format).join(", ")} against targets 0, 1, 1, 0.`);
    }

    drawHidden(c) {
      const ctx = this.hiddenCanvas.getContext("2d");
      const size = this.hiddenCanvas.width;
      ctx.clearRect(0, 0, size, size);
      // The output layer alone, on a grid of hidden activations: its decision region there.
      const f = bp.formulas;
      this.shade(ctx, size, (points) => f.activation(
        f.preActivation(this.params.weights[1], this.params.biases[1], points)), c);
      const hidden = bp.forward(this.params, this.data.X).activations[1];
      const points = [0, 1, 2, 3].map((i) => [hidden[0][i], hidden[1][i]]);
      this.drawPoints(ctx, size, points, c);
      this.hiddenCanvas.setAttribute("aria-label",
        `The samples in hidden-activation space: ${points.map(([p, q], i) => `${SAMPLE_NAMES[i]} at (${format(p)}, ${format(q)})`).join("; ")}. Shaded by the output layer's answer.`);
    }
  }

  const instances = [];
  function start() {
    for (const root of document.querySelectorAll(".bp-playground")) {
      if (!root.dataset.started) {
        root.dataset.started = "true";
        instances.push(new Playground(root));
      }
    }
  }
  globalThis.backpropPlayground = { instances };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
