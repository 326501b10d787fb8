// Runs while the page is still being parsed (a classic script in <head>, before
// the module loaders): starts the two slow things at once, reading storage and
// compiling the page's Wasm module (named by the script's data-module), so they
// overlap the page's own loading. popup.js and options.js pick them up. The
// marks show the benchmark where the time goes.
"use strict";
performance.mark("boot");
const marked = (name) => (value) => (performance.mark(name), value);
globalThis.boot = {
  stored: chrome.storage.local.get(null).then(marked("storage-read")),
  module: WebAssembly.compileStreaming(fetch(`wasm/${document.currentScript.dataset.module}_bg.wasm`)).then(marked("wasm-compiled")),
};
