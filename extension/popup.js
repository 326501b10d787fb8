// Thin loader for the popup: everything it shows is built by Rust in ./wasm.
import init, { startPopup } from "./wasm/authtoken_keeper.js";

// Storage read and Wasm compiled, both started by boot.js while the page loaded.
const { stored, module } = globalThis.boot;
await init({ module_or_path: module });
await startPopup(stored);
