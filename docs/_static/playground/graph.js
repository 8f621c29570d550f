// graph.js: the computational graph (SVG) of the playground: its nodes and edges, the
// values each stage writes on them, and the text that describes them to a screen reader.
"use strict";

(function () {
  const pg = globalThis.backpropPlayground;
  const { SAMPLE_NAMES, STAGES, element, svgElement, format } = pg;

  Object.assign(pg.Playground.prototype, {
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
    },

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
    },

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
    },
  });
})();
