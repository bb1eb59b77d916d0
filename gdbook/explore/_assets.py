"""The script and the style sheet every explorable carries inline.

They live in a Python module, not in ``.js`` and ``.css`` files, so that they ship
with the package whatever builds the wheel (no package-data to declare), and so that
the site's freshness check, which hashes gdbook's ``.py`` files, re-runs the gallery
when they change.

The script is plain JavaScript with no dependency. For every explorable on the page
not yet set up, it reads the data (``<script type="application/json">``), decodes
the coordinates (base64 of little-endian 16-bit integers, tenths of a pixel) and,
whenever a slider moves, sets the ``d`` of each changing path and the printed
values, which it takes as they are from the data: all numbers are formatted in
Python. It runs once per explorable (each carries a copy, to stay self-contained)
and sets up only those not set up yet, so several on a page, or the same one shown
twice in a notebook, work.
"""

SCRIPT = r"""
(() => {
  "use strict";
  const PEN_UP = -32768;

  // base64 of little-endian int16 -> Int16Array (DataView: any byte order).
  const decode = (text) => {
    const bytes = atob(text);
    const view = new DataView(new ArrayBuffer(bytes.length));
    for (let i = 0; i < bytes.length; i += 1) view.setUint8(i, bytes.charCodeAt(i));
    const codes = new Int16Array(bytes.length / 2);
    for (let i = 0; i < codes.length; i += 1) codes[i] = view.getInt16(2 * i, true);
    return codes;
  };

  // The same rule as gdbook.explore._svg.path_d: "M x y L x y ...", pixels = v / 10.
  const pathD = (codes, start, end) => {
    let d = "";
    let command = "M";
    for (let i = start; i < end; i += 2) {
      if (codes[i] === PEN_UP) {
        command = "M";
        continue;
      }
      d += `${command}${codes[i] / 10} ${codes[i + 1] / 10}`;
      command = "L";
    }
    return d;
  };

  const setUp = (root) => {
    const started = performance.now();
    root.setAttribute("data-gdx-ready", "");
    const data = JSON.parse(root.querySelector("script.gdx-data").textContent);
    if (data.version !== 1) throw new Error(`unknown data version ${data.version}`);
    const codes = decode(data.codes);
    const inputs = Array.from(root.querySelectorAll("input.gdx-range"));
    const values = Array.from(root.querySelectorAll(".gdx-value"));
    const paths = data.series.map(
      (name) => root.querySelector(`path[data-gdx-series="${name}"]`));
    const readouts = Array.from(root.querySelectorAll("dd.gdx-readout"));
    const description = root.querySelector("svg desc");
    const status = root.querySelector(".gdx-status");

    const draw = () => {
      let frame = 0;
      inputs.forEach((input, i) => {
        const k = Number(input.value);
        frame += k * data.strides[i];
        const text = data.sliders[i].texts[k];
        input.setAttribute("aria-valuetext", text);
        values[i].textContent = text;
      });
      paths.forEach((path, s) => {
        const at = frame * paths.length + s;
        path.setAttribute("d", pathD(codes, data.offsets[at], data.offsets[at + 1]));
      });
      data.readouts[frame].forEach((text, r) => {
        readouts[r].textContent = text;
      });
      description.textContent = data.descriptions[frame] + data.legend;
      status.textContent = data.summaries[frame];
      root.setAttribute("data-gdx-frame", String(frame));
    };

    for (const input of inputs) {
      input.addEventListener("input", draw);
      input.disabled = false;
    }
    root.querySelector(".gdx-hint").hidden = true;
    draw();
    // When it was set up (ms from navigation start), and how long that took.
    const now = performance.now();
    root.setAttribute("data-gdx-drawn", now.toFixed(1));
    root.setAttribute("data-gdx-setup-ms", (now - started).toFixed(1));
  };

  for (const root of document.querySelectorAll(".gdx:not([data-gdx-ready])")) {
    try {
      setUp(root);
    } catch (error) {
      console.error("gdbook.explore:", error);
    }
  }
})();
"""

# Colours come from the page: pydata-sphinx-theme's variables (which follow its
# light and dark modes), then JupyterLab's, then VS Code's, then fixed ones.
STYLE = r"""
.gdx {
  --gdx-fg: var(--pst-color-text-base, var(--jp-content-font-color1,
    var(--vscode-editor-foreground, #222)));
  --gdx-muted: var(--pst-color-text-muted, var(--jp-content-font-color2,
    var(--vscode-descriptionForeground, #595959)));
  --gdx-accent: var(--pst-color-primary, var(--jp-brand-color1,
    var(--vscode-textLink-foreground, #1a6aa8)));
  --gdx-warn: var(--pst-color-warning, #b86e00);
  --gdx-danger: var(--pst-color-danger, #c0392b);
  color: var(--gdx-fg);
  max-width: 760px;
  margin: 1em 0 1.5em;
  line-height: 1.4;
}
.gdx figure.gdx-figure { margin: 0; padding: 0; }
.gdx figcaption.gdx-caption { margin: 0 0 .4em; padding: 0; font-size: .95em;
  text-align: left; color: var(--gdx-fg); }
.gdx .gdx-caption strong { font-weight: 600; }
.gdx-svg { display: block; width: 100%; height: auto; font-size: 11px;
  font-family: inherit; overflow: visible; }
.gdx-svg text { fill: var(--gdx-fg); }
.gdx-svg .gdx-tick, .gdx-svg .gdx-note { fill: var(--gdx-muted); font-size: 10px; }
.gdx-svg .gdx-heat-text { font-size: 9px; }
.gdx-axis { stroke: var(--gdx-fg); fill: none; stroke-width: 1; }
.gdx-curve { stroke: var(--gdx-muted); fill: none; stroke-width: 1.5; }
.gdx-contour { stroke: var(--gdx-muted); fill: none; stroke-width: .8; opacity: .55; }
.gdx-path { stroke: var(--gdx-accent); fill: none; stroke-width: 1.6;
  stroke-linejoin: round; }
.gdx-thin { stroke-width: 1; }
.gdx-dot { fill: var(--gdx-accent); }
.gdx-mark { stroke: var(--gdx-danger); fill: none; stroke-width: 1.2;
  stroke-dasharray: 4 3; }
.gdx-floor { stroke: var(--gdx-fg); fill: none; stroke-width: 1.5;
  stroke-dasharray: 5 3; }
.gdx-here { fill: var(--gdx-accent); stroke: var(--gdx-fg); stroke-width: 1; }
.gdx-box { fill: none; stroke: var(--gdx-fg); stroke-width: 2.5; }
.gdx-span-warn { fill: var(--gdx-warn); fill-opacity: .13; }
.gdx-span-danger { fill: var(--gdx-danger); fill-opacity: .13; }
.gdx-heat { fill: var(--gdx-accent); }
.gdx-bad { fill: var(--gdx-danger); }
.gdx-ring { fill: none; stroke: var(--gdx-fg); stroke-width: 1.5; }
.gdx-controls { display: flex; flex-wrap: wrap; gap: .4em 2em; margin: .6em 0 .3em; }
.gdx-control { display: flex; align-items: center; gap: .6em; }
.gdx-control label { display: flex; align-items: center; gap: .6em; margin: 0; }
.gdx-control label > span { min-width: 8.5em; }
.gdx-range { width: 15em; max-width: 60vw; accent-color: var(--gdx-accent); }
.gdx-range:focus-visible { outline: 2px solid var(--gdx-accent); outline-offset: 3px; }
.gdx-value { min-width: 4.5em; font-weight: 600; font-variant-numeric: tabular-nums; }
.gdx dl.gdx-readouts { display: grid;
  grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
  gap: .3em 1.5em; margin: .4em 0; }
.gdx dl.gdx-readouts div { margin: 0; padding: 0; }
.gdx dl.gdx-readouts dt { font-weight: normal; font-size: .85em;
  color: var(--gdx-muted); margin: 0; }
.gdx dl.gdx-readouts dd { margin: 0; padding: 0; font-variant-numeric: tabular-nums;
  overflow-wrap: anywhere; }
.gdx p.gdx-status { margin: .3em 0 0; font-style: italic; }
.gdx p.gdx-hint { margin: .3em 0 0; font-size: .85em; color: var(--gdx-muted); }
.gdx p.gdx-hint[hidden] { display: none; }
@media (prefers-reduced-motion: no-preference) {
  .gdx-path, .gdx-here, .gdx-box { transition: d .12s ease-out; }
}
@media (prefers-reduced-motion: reduce) {
  .gdx, .gdx * { transition: none !important; animation: none !important; }
}
"""
