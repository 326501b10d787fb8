// Thin loader for the welcome page: everything it fills in is done by Rust in ./wasm.
import init, { startWelcome } from "./wasm/welcome.js";

// The Wasm compiled, started by boot.js while the page loaded.
await init({ module_or_path: globalThis.boot.module });
await startWelcome();
