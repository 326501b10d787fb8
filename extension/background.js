// Thin loader for the background (a module service worker in Chromium, an event
// page in Firefox). All logic is Rust, in two Wasm modules: the first answers
// what needs only storage (the popup's first question among them) and passes
// on, by answering `undefined`, what reaches Zoho; the second answers that. The
// second is compiled after the first answer, so that answer waits for the
// compiling of half the bytes (README, "Size"). Listeners are registered on the
// first turn so a message that wakes the background is not missed.
import init, { handleMessage } from "./wasm/background.js";
import initNetwork, { handleMessage as reachZoho } from "./wasm/network.js";

const ready = init();
let network;
const networkReady = () => (network ??= initNetwork());
const answer = (message, fromTab) =>
  ready
    .then(() => handleMessage(message, fromTab))
    .then((reply) => reply ?? networkReady().then(() => reachZoho(message, fromTab)));
const ownPages = chrome.runtime.getURL("");

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  // The extension's own pages (even one open in a tab) send no tab; a content
  // script sends its tab, and may only report the page it shows.
  const fromOwnPage = String(sender.url).startsWith(ownPages);
  if (!fromOwnPage && !sender.tab) return false;
  const fromTab = fromOwnPage ? undefined : sender.tab.id;
  // Once answered, the second module is compiled (once) while the user reads.
  answer(message, fromTab).then(sendResponse, () => sendResponse(null)).then(networkReady);
  return true;
});
