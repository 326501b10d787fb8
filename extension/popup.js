// Thin loader for the popup: everything it shows is built by Rust in ./wasm.
import init, { startPopup } from "./wasm/authtoken_keeper.js";

await init();
await startPopup();
