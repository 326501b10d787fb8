// Thin loader for the background (a module service worker in Chromium, an event
// page in Firefox). All logic is Rust in the background's own Wasm module;
// listeners are registered on the first turn so a message that wakes the
// background is not missed.
import init, { handleMessage } from "./wasm/background.js";

const ready = init();
const ownPages = chrome.runtime.getURL("");

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  // The extension's own pages (even one open in a tab) send no tab; a content
  // script sends its tab, and may only report the page it shows.
  const fromOwnPage = String(sender.url).startsWith(ownPages);
  if (!fromOwnPage && !sender.tab) return false;
  const fromTab = fromOwnPage ? undefined : sender.tab.id;
  ready.then(() => handleMessage(message, fromTab)).then(sendResponse, () => sendResponse(null));
  return true;
});
