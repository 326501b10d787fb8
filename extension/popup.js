// Thin loader for the popup: everything it shows is built by Rust in ./wasm.
import init, { startPopup } from "./wasm/authtoken_keeper.js";

// Read the saved tokens while the Wasm compiles: both are needed for the first paint.
const stored = chrome.storage.local.get(null);
await init();
await startPopup(stored);
