// Thin loader for the background (a module service worker in Chromium, an event
// page in Firefox). All logic is Rust, in two Wasm modules: the first answers
// what the extension's own pages ask that needs only storage (the popup's first
// question among them) and passes on, by answering `undefined`, what reaches
// Zoho; the second answers that, and what a content script reports. The second
// is compiled after the first answer, so that answer waits for the compiling of
// half the bytes (docs/performance.md, "Size"). Listeners are registered on the first turn
// so a message that wakes the background is not missed.
import init, { handleMessage, clearClipboard, moveOldRecords } from "./wasm/background.js";
import initNetwork, {
  handleMessage as reachZoho,
  handlePageReport,
  installed,
} from "./wasm/network.js";

const ready = init();
let network, moved;
// Records of older versions move to this one's once a start has answered its
// first message (or at an install or update), not before it.
const moveOld = () => (moved ??= ready.then(moveOldRecords));
const networkReady = () => (network ??= initNetwork());
const fromOwnPage = (message) =>
  ready
    .then(() => handleMessage(message))
    .then((reply) => reply ?? networkReady().then(() => reachZoho(message)));
const fromTab = (message, tabId) => networkReady().then(() => handlePageReport(message, tabId));
const ownPages = chrome.runtime.getURL("");

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  // Who sent it is all this decides: the extension's own pages (even one open
  // in a tab) by their address, a content script by its tab. What each may ask
  // is the Rust side's (each kind of request is its own type there).
  const ownPage = String(sender.url).startsWith(ownPages);
  if (!ownPage && !sender.tab) return false;
  const answer = ownPage ? fromOwnPage(message) : fromTab(message, sender.tab.id);
  // Once answered, the second module is compiled (once) while the user reads.
  answer.then(sendResponse, () => sendResponse(null)).then(networkReady).then(moveOld);
  return true;
});

// The alarm of a copied secret to clear from the clipboard (an option), the
// extension's only alarm, rings here, after a restart too.
chrome.alarms.onAlarm.addListener(() => ready.then(clearClipboard));
// An install (the welcome page opens: the second module's, as no one waits
// for it) or an update.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  networkReady().then(() => installed(reason));
  moveOld();
});
