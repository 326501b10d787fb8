// The popup's plain-JavaScript twin, for `./build.sh bench` only (never shipped):
// what the Rust popup does until it marks itself ready, written as a careful
// JavaScript developer would write it, in the same HTML and CSS. The bench puts
// the lists the popup shows (presets, scopes, data centres) in DATA,
// read off the real popup, as a JavaScript popup would have them in its source.
"use strict";
{
  // Started at once, as boot.js does for the Rust popup.
  const stored = chrome.storage.local.get(null);
  const DATA = __TWIN_DATA__;
  const FIRST_ROWS = 30;
  const CHUNK_ROWS = 200;
  const FILTER_FROM = 6;
  const text = (key, ...subs) => chrome.i18n.getMessage(key, subs);
  const byId = (id) => document.getElementById(id);

  function el(tag, className, content) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  function actionButton(label, action, name) {
    const b = el("button", "", label);
    b.type = "button";
    b.dataset.action = action;
    if (name) b.setAttribute("aria-label", name);
    return b;
  }

  function localise() {
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = text(e.dataset.i18n);
    for (const e of document.querySelectorAll("[data-i18n-label]")) e.setAttribute("aria-label", text(e.dataset.i18nLabel));
    for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = text(e.dataset.i18nPlaceholder);
    document.documentElement.lang = text("lang");
  }

  function presetButton(app, displayName, scope) {
    const b = el("button", scope === undefined ? "preset" : "preset user-preset");
    b.type = "button";
    b.dataset.preset = displayName;
    if (scope !== undefined) b.dataset.scope = scope;
    b.append(el("span", "preset-app", app), el("span", "preset-name", displayName));
    return b;
  }

  function fillOptions(id, values) {
    const list = byId(id);
    for (const value of values) {
      const option = document.createElement("option");
      option.value = value;
      list.append(option);
    }
  }

  // The records, checked as the Rust popup checks them: what does not read is
  // counted, never shown.
  const isString = (v) => typeof v === "string";
  const DC_CODES = new Set(DATA.dataCentres);
  const readToken = (r) =>
    r && r.v === 1 && isString(r.id) && /^[0-9a-f]{32}$/.test(r.token) && isString(r.displayName) &&
    isString(r.scope) && DC_CODES.has(r.dc) && Number.isFinite(r.created);
  const readOAuth = (r) =>
    r && r.v === 1 && isString(r.id) && isString(r.label) && isString(r.scopes) && DC_CODES.has(r.dc);

  function read(items) {
    const tokens = [], oauth = [];
    let unreadable = 0, oauthUnreadable = 0;
    for (const [key, value] of Object.entries(items)) {
      if (key.startsWith("token:")) readToken(value) ? tokens.push(value) : unreadable++;
      else if (key.startsWith("oauth:")) readOAuth(value) ? oauth.push(value) : oauthUnreadable++;
    }
    tokens.sort((a, b) => b.created - a.created);
    oauth.sort((a, b) => (b.created || 0) - (a.created || 0));
    const dc = DC_CODES.has(items.settings?.dc) ? items.settings.dc : DATA.dataCentres[0];
    const presets = Array.isArray(items.presets?.items) ? items.presets.items : [];
    return { tokens, unreadable, oauth, oauthUnreadable, dc, presets, clients: items };
  }

  const appName = (displayName) => DATA.presets.find(([, name]) => name === displayName)?.[0] ?? displayName;

  function rowMaker() {
    const date = new Intl.DateTimeFormat([], { dateStyle: "medium", timeStyle: "short" });
    const words = { reveal: text("reveal"), copy: text("copy"), forget: text("forget") };
    return (token) => {
      const row = el("li", "token-row");
      row.dataset.tokenRow = "";
      row.dataset.id = token.id;
      row.tabIndex = -1;
      const app = appName(token.displayName);
      const head = el("div", "token-head");
      head.append(el("span", "token-app", app), el("span", "token-name", token.displayName));
      const details = `${token.scope} · ${token.dc.toUpperCase()} · ${date.format(new Date(token.created))}`;
      const actions = el("div", "token-actions");
      const reveal = actionButton(words.reveal, "reveal", text("revealFor", app));
      reveal.setAttribute("aria-pressed", "false");
      actions.append(reveal, actionButton(words.copy, "copy", text("copyFor", app)),
        actionButton(words.forget, "forget", text("forgetFor", app)));
      row.append(head, el("span", "token-details", details),
        el("code", "token-value", "••••••••" + token.token.slice(-4)), actions);
      return row;
    };
  }

  function appendRows(list, makeRow, tokens) {
    const fragment = document.createDocumentFragment();
    for (const token of tokens) fragment.append(makeRow(token));
    list.append(fragment);
  }

  function showDataCentres(chosen) {
    const select = byId("dc");
    for (const code of DATA.dataCentres) {
      const option = el("option", "", `${code.toUpperCase()} · ${text("dc_" + code)}`);
      option.value = code;
      option.selected = code === chosen;
      select.append(option);
    }
  }

  function showManageLinks(tokens) {
    const place = byId("manage-at-zoho");
    const dcs = [...new Set(tokens.map((t) => t.dc))];
    const label = text("manageAtZoho");
    for (const dc of dcs) {
      const link = el("a", "", dcs.length > 1 ? `${label} (${dc.toUpperCase()})` : label);
      link.href = DATA.activeTokensUrls[dc];
      link.target = "_blank";
      link.rel = "noopener";
      place.append(link);
    }
    place.hidden = dcs.length === 0;
  }

  function showOAuth(saved) {
    const client = saved.clients["client:" + saved.dc];
    byId("client-saved-text").textContent = client ? text("clientSavedFor", client.clientId, saved.dc.toUpperCase()) : "";
    byId("client-saved").hidden = !client;
    byId("oauth-client").hidden = !!client;
    byId("open-console").href = DATA.consoleUrls[saved.dc];
    const list = byId("oauth-tokens");
    for (const token of saved.oauth) {
      const row = el("li", "token-row");
      row.dataset.oauthRow = "";
      row.dataset.id = token.id;
      const head = el("div", "token-head");
      head.append(el("span", "token-app", token.label), el("span", "token-name", token.dc.toUpperCase()));
      row.append(head, el("span", "token-details", token.scopes));
      list.append(row);
    }
    byId("oauth-empty").hidden = saved.oauth.length > 0;
    fillOptions("oauth-apps", DATA.oauthApps);
    fillOptions("oauth-scope-suggestions", DATA.oauthScopes);
  }

  async function start() {
    localise();
    const presets = byId("presets");
    for (const [app, displayName] of DATA.presets) presets.append(presetButton(app, displayName));
    fillOptions("scope-suggestions", DATA.scopes);
    let saved;
    try {
      saved = read(await stored);
    } catch {
      showDataCentres(DATA.dataCentres[0]);
      byId("status").textContent = text("errStorage");
    }
    const list = byId("tokens");
    const makeRow = rowMaker();
    if (saved) {
      for (const p of saved.presets) presets.append(presetButton(p.label, p.displayName, p.scope));
      showDataCentres(saved.dc);
      appendRows(list, makeRow, saved.tokens.slice(0, FIRST_ROWS));
      if (saved.unreadable) {
        byId("unreadable").textContent = text("unreadableRecords", String(saved.unreadable));
        byId("unreadable").hidden = false;
      }
      showManageLinks(saved.tokens);
      byId("empty").hidden = saved.tokens.length > 0;
      byId("filter-box").hidden = saved.tokens.length < FILTER_FROM;
      showOAuth(saved);
    }
    document.body.dataset.ready = "true";
    performance.mark("popup-ready");
    // As the popup does once it is ready: the first message, then the other rows.
    chrome.runtime.sendMessage("takeNotice").catch(() => {});
    const rest = saved ? saved.tokens.slice(FIRST_ROWS) : [];
    for (let i = 0; i < rest.length; i += CHUNK_ROWS) {
      await new Promise((resolve) => setTimeout(resolve));
      appendRows(list, makeRow, rest.slice(i, i + CHUNK_ROWS));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}
