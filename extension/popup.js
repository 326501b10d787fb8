// Thin loader for the popup: everything it shows is built by Rust in ./wasm.
import init, { startPopup } from "./wasm/popup.js";

// Storage read and Wasm compiled, both started by boot.js while the page loaded.
const { stored, module } = globalThis.boot;
await init({ module_or_path: module });
// For the benchmark: from here on the time is the popup's own drawing.
performance.mark("wasm-started");
await startPopup(stored);
