// Chrome only: its background is a service worker, without a clipboard. While
// the background clears a secret the extension copied, it opens this page and
// asks it to read the clipboard, then perhaps to empty it; what to clear is
// decided there (Rust), this page only lends its document. Firefox's
// background is a page and does it itself.
"use strict";
chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const task = message?.clipboard;
  if (sender.id !== chrome.runtime.id || typeof task !== "string") return false;
  const area = document.querySelector("textarea");
  area.value = "";
  area.focus();
  if (task === "read") {
    document.execCommand("paste");
    reply(area.value);
  } else if (task === "clear") {
    const empty = (event) => {
      event.clipboardData.setData("text/plain", "");
      event.preventDefault();
    };
    document.addEventListener("copy", empty, { once: true });
    reply(document.execCommand("copy"));
  }
  return false;
});
