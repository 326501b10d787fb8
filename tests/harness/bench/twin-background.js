// The background's plain-JavaScript twin, for `./build.sh bench` only (never
// shipped): the Rust background's answer to the popup's first message
// ("takeNotice": clear the badge, hand over news left in storage.session once,
// including a generation a stopped background left unfinished), written as a
// careful JavaScript developer would write it.
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

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  if (message !== "takeNotice") return false;
  takeNotice().then(sendResponse, () => sendResponse(null));
  return true;
});
