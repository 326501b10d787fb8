// The background's plain-JavaScript twin, for `./build.sh bench` only (never
// shipped): the Rust background's answer to the popup's first message
// ("takeNotice": clear the badge, hand over news left in storage.session once,
// including a generation a stopped background left unfinished), written as a
// careful JavaScript developer would write it. It also answers the generate
// floor's message: the browser's own message, the same request to Zoho and
// one storage write, with nothing of the product's own work.
"use strict";

async function takeNotice() {
  await chrome.action.setBadgeText({ text: "" });
  const session = await chrome.storage.session.get(null);
  if (session.notice) {
    await chrome.storage.session.remove("notice");
    return { notice: session.notice };
  }
  const flights = Object.keys(session).filter((key) => key.startsWith("flight:"));
  if (flights.length === 0) return { notice: null };
  await chrome.storage.session.remove(flights);
  const target = session[flights[flights.length - 1]];
  return {
    notice: {
      message: { key: "interrupted", subs: [target.displayName] },
      isError: true,
      remedies: ["activeTokens", "retry"],
      target,
    },
  };
}

// The generate floor: Zoho's create page fetched with the user's session, its
// token written to storage, the reply sent once written.
async function floor(url) {
  const response = await fetch(url, { credentials: "include", cache: "no-store" });
  const text = await response.text();
  const id = crypto.randomUUID();
  const token = /AUTHTOKEN=(\w+)/.exec(text)?.[1] ?? null;
  await chrome.storage.local.set({ ["floor:" + id]: { id, token, created: Date.now() } });
  return { id, token };
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  const answer =
    message === "takeNotice" ? takeNotice() : message?.floor ? floor(message.floor) : null;
  if (!answer) return false;
  answer.then(sendResponse, () => sendResponse(null));
  return true;
});
