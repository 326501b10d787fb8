// The background's plain-JavaScript twin, for `./build.sh bench` only (never
// shipped): the Rust background's answer to the popup's first message
// ("takeNotice": clear the badge, say where the vault stands, hand over news
// left in storage.session once, including a generation a stopped background
// left unfinished), written as a careful JavaScript developer would write it. It also answers the generate
// floor's message: the browser's own message, the same request to Zoho and
// one storage write, with nothing of the product's own work.
"use strict";

// Where the vault stands, as the popup is told: off without a record; open
// with a session key of the record's salt not idle too long; else locked
// (an unreadable record too). The record checked as `vault::lock` checks it.
function vaultState(record, key, now) {
  if (record === undefined) return "off";
  const length = (base64) => {
    try {
      return atob(base64).length;
    } catch {
      return -1;
    }
  };
  const valid =
    record?.v === 1 &&
    Number.isInteger(record.iterations) &&
    record.iterations >= 600000 &&
    record.iterations <= 10000000 &&
    length(record?.salt) === 16 &&
    [1, 5, 15, 60, 0].includes(record.idleMinutes);
  if (!valid || key?.salt !== record.salt || typeof key.lastUse !== "number") return "locked";
  const idle = record.idleMinutes !== 0 && now - key.lastUse >= record.idleMinutes * 60000;
  return idle || length(key.key) !== 32 ? "locked" : "open";
}

// The badge cleared and both storage areas read at once, as the product does.
async function takeNotice() {
  const [, session, local] = await Promise.all([
    chrome.action.setBadgeText({ text: "" }),
    chrome.storage.session.get(null),
    chrome.storage.local.get("vault"),
  ]);
  const vault = vaultState(local.vault, session.vaultKey, Date.now());
  if (session.notice) {
    await chrome.storage.session.remove("notice");
    return { notice: { news: session.notice, vault } };
  }
  const flights = Object.keys(session).filter((key) => key.startsWith("flight:"));
  if (flights.length === 0) return { notice: { news: null, vault } };
  await chrome.storage.session.remove(flights);
  const target = session[flights[flights.length - 1]];
  return {
    notice: {
      news: {
        message: { key: "interrupted", subs: [target.displayName] },
        isError: true,
        remedies: ["activeTokens", "retry"],
        target,
      },
      vault,
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
