// Thin loader for the background (a module service worker in Chromium, an event
// page in Firefox). All logic is Rust in ./wasm; listeners are registered on the
// first turn so a message that wakes the background is not missed.
import init, { handleMessage } from "./wasm/authtoken_keeper.js";

const ready = init();

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  const tabId = sender.tab ? sender.tab.id : -1;
  ready.then(() => handleMessage(message, tabId)).then(sendResponse, () => sendResponse(null));
  return true;
});
