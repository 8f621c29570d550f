// charts.js: the live views (canvas) of the full playground: the loss against epoch, the
// output over the unit square and the samples in hidden-activation space.
"use strict";

(function () {
  const pg = globalThis.backpropPlayground;
  const { bp, GRID, MARGIN, SAMPLE_NAMES, format } = pg;

  Object.assign(pg.Playground.prototype, {
    colors() {
      const style = getComputedStyle(this.root);
      const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
      return {
        fg: read("--bp-fg", "#222"), muted: read("--bp-muted", "#888"),
        zero: read("--bp-class0", "#c0392b"), one: read("--bp-class1", "#1f5f8b"), bg: read("--bp-bg", "#fff"),
      };
    },

    drawViews() {
      const c = this.colors();
      this.drawLoss(c);
      this.drawBoundary(c);
      this.drawHidden(c);
    },

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
    },


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
    },


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
    },

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
    },

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
    },

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
    },
  });
})();
