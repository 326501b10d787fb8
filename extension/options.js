// Thin loader for the options page: everything it shows is built by Rust in ./wasm.
import init, { startOptions } from "./wasm/options.js";

// Storage read and Wasm compiled, both started by boot.js while the page loaded.
const { stored, module } = globalThis.boot;
await init({ module_or_path: module });
await startOptions(stored);
