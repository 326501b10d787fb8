// Thin loader for the options page: everything it shows is built by Rust in ./wasm.
import init, { startOptions } from "./wasm/authtoken_keeper.js";

const stored = chrome.storage.local.get(null);
await init();
await startOptions(stored);
