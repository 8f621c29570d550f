// controls.js: the playground's setup controls (seed, loss, samples), the weight and bias
// inputs with their sliders and the validation of what a reader types, and the step-by-step
// stages with their buttons and equation links (keyboard: Enter in a text field applies it).
"use strict";

(function () {
  const pg = globalThis.backpropPlayground;
  const { bp, WEIGHT_LIMIT, SAMPLE_NAMES, PARAMETERS, STAGES, element, copyParams, format, parseNumber } = pg;

  Object.assign(pg.Playground.prototype, {
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
    },

    select(name, options, value) {
      const select = element("select", { "data-control": name });
      for (const [optionValue, text] of options) {
        const option = element("option", { value: optionValue, text });
        if (optionValue === value) option.selected = true;
        select.append(option);
      }
      return select;
    },

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
    },

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
    },

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
    },

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
    },

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
    },
  });
})();
