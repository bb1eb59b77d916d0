// gdbook.explore: shows an explorable's precomputed frames (paths and texts,
// in Chinese where the page is), with no dependency. Each explorable carries a
// copy, which sets up those not set up yet.
(() => {
  "use strict";
  const PEN_UP = -32768;

  // base64 of little-endian int16 -> Int16Array.
  const decode = (text) => {
    const bytes = atob(text);
    const view = new DataView(new ArrayBuffer(bytes.length));
    for (let i = 0; i < bytes.length; i += 1) view.setUint8(i, bytes.charCodeAt(i));
    const codes = new Int16Array(bytes.length / 2);
    for (let i = 0; i < codes.length; i += 1) codes[i] = view.getInt16(2 * i, true);
    return codes;
  };

  // The rule of gdbook.explore._figure.path_d: "M x y L x y ...", pixels = v / 10.
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
    if (data.version !== 3) throw new Error(`unknown data version ${data.version}`);
    const codes = decode(data.codes);
    const all = (selector) => Array.from(root.querySelectorAll(selector));
    const zh = /^zh/i.test(document.documentElement.lang);
    if (zh) for (const e of all("[data-zh]")) e.textContent = e.dataset.zh;
    const inputs = all("input.gdx-range");
    const values = all(".gdx-value");
    const readouts = all("dd.gdx-readout");
    const paths = data.series.map((name) => root.querySelector(`[data-gdx-series="${name}"]`));
    const description = root.querySelector("svg desc");
    const caption = root.querySelector(".gdx-caption").textContent;
    const status = root.querySelector(".gdx-status");

    const draw = () => {
      let frame = 0;
      inputs.forEach((input, i) => {
        frame += Number(input.value) * data.strides[i];
        const text = data.sliders[i][Number(input.value)];
        input.setAttribute("aria-valuetext", text);
        values[i].textContent = text;
      });
      paths.forEach((path, s) => {
        const at = frame * paths.length + s;
        path.setAttribute("d", pathD(codes, data.offsets[at], data.offsets[at + 1]));
      });
      const texts = data.texts[frame].map((t, i) => (zh && data.zh[frame][i]) || t);
      texts.slice(1).forEach((text, r) => { readouts[r].textContent = text; });
      description.textContent = `${texts[0]} ${caption}`;
      status.textContent = texts[0];
    };

    for (const input of inputs) {
      input.addEventListener("input", draw);
      input.disabled = false;
    }
    root.querySelector(".gdx-hint").hidden = true;
    draw();
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
