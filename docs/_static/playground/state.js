// state.js: the playground's state and the helpers every other script of it uses
// (hand-written; no formula lives here).
//
// Every number the playground shows comes from a function of backpropJS, the script that
// `python -m derivations` prints from the proved results (network.js, loaded before this
// one); these scripts build the controls, draw the graph and the live views, and call those
// functions: forward, backward, step, train, lossOf, finiteDifferenceGradients and the
// printed formulas themselves. The build writes each seed's initial parameters (from
// backprop.Network), the XOR data and the equations' numbers and links into the page.
//
// This script defines the one global, backpropPlayground: the Playground class with its
// state (the current parameters, batch, loss and stage, and what they compute), the limits
// that validate a reader's input, the nine parameters and seven stages, and small DOM and
// number helpers. graph.js, controls.js, training.js and charts.js add the class's other
// methods; playground.js, loaded last, builds one Playground per container (the order is
// SCRIPTS in docs/_ext/playground.py).
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
  }

  // Classic scripts share nothing but globals (ES modules are refused from file://), so the
  // later scripts read these names from this one object.
  globalThis.backpropPlayground = {
    instances: [],
    bp, WEIGHT_LIMIT, LARGE_RATE, GRID, MARGIN, SAMPLE_NAMES, PARAMETERS, STAGES,
    element, svgElement, copyParams, format, parseNumber, Playground,
  };
})();
