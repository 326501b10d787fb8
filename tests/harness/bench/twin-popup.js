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

  // The records, checked as the Rust popup checks them (`store::record`,
  // `store::oauth`, `vault::kept`): every field's type, the id against its
  // key, each secret's shape (or the sealed form's); what does not read is
  // counted, never shown.
  const isString = (v) => typeof v === "string";
  const isWhole = (v) => Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
  const DC_CODES = new Set(DATA.dataCentres);
  const API_DOMAINS = new Set(Object.values(DATA.apiDomains));
  const isId = (id) => isString(id) && /^[0-9a-z-]{1,40}$/.test(id);
  const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
  // Decoded as the vault does: a 12-byte IV, a ciphertext longer than its
  // 16-byte tag and no longer than a 1,000-character secret and the tag.
  const sealedOk = (iv, data) => {
    if (!BASE64.test(iv) || !BASE64.test(data)) return false;
    const length = atob(data).length;
    return atob(iv).length === 12 && length > 16 && length <= 1016;
  };
  // A kept secret: clear text of its kind's shape, `sealed:<iv>:<data>`, the
  // first vault builds' `{iv, sealed}`, or `null` (forgotten).
  const kept = (v, shape) => {
    if (v === null) return true;
    if (isString(v)) {
      if (!v.startsWith("sealed:")) return shape(v);
      const parts = v.slice(7).split(":");
      return parts.length === 2 && sealedOk(parts[0], parts[1]);
    }
    return !!v && isString(v.iv) && isString(v.sealed) && sealedOk(v.iv, v.sealed);
  };
  const isAuthToken = (t) => /^[0-9a-fA-F]{32}$/.test(t);
  const isBearer = (t) => t.length <= 1000 && /^[A-Za-z0-9\-._~+/]+=*$/.test(t);
  const isClientId = (id) => isString(id) && /^1000\.[A-Z0-9]{10,64}$/.test(id);
  const isClientSecret = (s) => /^[a-z0-9]{20,100}$/.test(s);
  const readToken = (key, r) =>
    !!r && r.v === 1 && isId(r.id) && key === "token:" + r.id && kept(r.token, isAuthToken) &&
    isString(r.displayName) && isString(r.scope) && DC_CODES.has(r.dc) && isWhole(r.created);
  const readOAuth = (key, r) =>
    !!r && r.v === 1 && isId(r.id) && key === "oauth:" + r.id && isString(r.label) && isString(r.scopes) &&
    DC_CODES.has(r.dc) && API_DOMAINS.has(r.apiDomain) && isClientId(r.clientId) &&
    kept(r.refreshToken, isBearer) && isWhole(r.created) && (r.rejected == null || isWhole(r.rejected));
  const readClient = (key, c) => {
    const [code, id] = key.slice(7).split(":");
    return !!c && c.v === (id === undefined ? 1 : 2) && DC_CODES.has(c.dc) && c.dc === code &&
      (id === undefined || c.clientId === id) && isClientId(c.clientId) &&
      kept(c.clientSecret, isClientSecret) && (c.label == null || isString(c.label));
  };

  function read(items) {
    const tokens = [], oauth = [], clients = [];
    let unreadable = 0, oauthUnreadable = 0;
    for (const [key, value] of Object.entries(items)) {
      if (key.startsWith("token:")) readToken(key, value) ? tokens.push(value) : unreadable++;
      else if (key.startsWith("oauth:")) readOAuth(key, value) ? oauth.push(value) : oauthUnreadable++;
      else if (key.startsWith("client:")) readClient(key, value) ? clients.push(value) : oauthUnreadable++;
    }
    const newest = (a, b) => b.created - a.created || (b.id < a.id ? -1 : 1);
    tokens.sort(newest);
    oauth.sort(newest);
    const dc = DC_CODES.has(items.settings?.dc) ? items.settings.dc : DATA.dataCentres[0];
    const presets = Array.isArray(items.presets?.items) ? items.presets.items : [];
    return { tokens, unreadable, oauth, oauthUnreadable, clients, dc, presets };
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

  // An OAuth row as the popup draws it, with the same buttons and names.
  function oauthRowMaker(clients) {
    const words = ["check", "copyAccessToken", "copyRefreshToken", "copyEnv", "copyPostman", "copyCurl", "revoke", "forget"]
      .map((key) => [key, text(key)]);
    const actions = { check: "check", copyAccessToken: "copy-access-token", copyRefreshToken: "copy-refresh-token",
      copyEnv: "copy-env", copyPostman: "copy-postman", copyCurl: "copy-curl", revoke: "revoke", forget: "forget" };
    return (token) => {
      const row = el("li", "token-row");
      row.dataset.oauthRow = "";
      row.dataset.id = token.id;
      row.tabIndex = -1;
      const head = el("div", "token-head");
      head.append(el("span", "token-app", token.label), el("span", "token-name", token.dc.toUpperCase()));
      const client = clients.find((c) => c.dc === token.dc && c.clientId === token.clientId);
      const owner = el("span", "token-client", client?.label || token.clientId);
      owner.dataset.client = token.clientId;
      row.append(head, owner, el("span", "token-details", token.scopes));
      if (token.rejected != null) row.append(el("p", "oauth-rejected", text("oauthRejected")));
      const access = el("div", "token-access");
      access.dataset.access = "";
      access.setAttribute("aria-live", "polite");
      access.append(el("p", "token-live"));
      const buttons = el("div", "token-actions");
      for (const [key, word] of words) buttons.append(actionButton(word, actions[key], text("actionFor", word, token.label)));
      row.append(access, buttons);
      return row;
    };
  }

  // The OAuth view as the popup shows it: the clients of the data centre in
  // the client choice (the newest token's chosen), the console link, and the
  // rows drawn only if the view shows (else when it is first shown).
  function showOAuth(saved) {
    const here = saved.clients.filter((c) => c.dc === saved.dc);
    const select = byId("client-choice");
    for (const c of here) {
      const option = el("option", "", c.label || c.clientId);
      option.value = c.clientId;
      select.append(option);
    }
    const last = saved.oauth.find((t) => t.dc === saved.dc && here.some((c) => c.clientId === t.clientId));
    select.value = last ? last.clientId : (here[0]?.clientId ?? "");
    byId("client-saved-text").textContent =
      text("clientSavedFor", here.map((c) => c.label || c.clientId).join(", "), `${saved.dc.toUpperCase()} · ${text("dc_" + saved.dc)}`);
    byId("client-saved").hidden = here.length === 0;
    byId("client-choice-field").hidden = here.length === 0;
    byId("oauth-client").hidden = here.length > 0;
    byId("open-console").href = DATA.consoleUrls[saved.dc];
    fillOptions("oauth-apps", DATA.oauthApps);
    fillOptions("oauth-scope-suggestions", DATA.oauthScopes);
    const drawRows = () => {
      const list = byId("oauth-tokens");
      const fragment = document.createDocumentFragment();
      const makeRow = oauthRowMaker(saved.clients);
      for (const token of saved.oauth) fragment.append(makeRow(token));
      list.append(fragment);
      byId("oauth-empty").hidden = saved.oauth.length > 0;
      byId("oauth-filter-box").hidden = saved.oauth.length === 0;
      if (saved.oauthUnreadable) {
        byId("oauth-unreadable").textContent = text("unreadableRecords", String(saved.oauthUnreadable));
        byId("oauth-unreadable").hidden = false;
      }
    };
    if (byId("view-oauth").hidden) waitingOAuth = drawRows;
    else drawRows();
  }
  let waitingOAuth = null;

  // The popup's listeners, attached before it is ready as the popup's are:
  // what each does is not measured, only that it is there.
  function listen() {
    document.addEventListener("click", (event) => {
      const tab = event.target.closest("[role=tab][data-view]");
      if (tab && waitingOAuth) { const draw = waitingOAuth; waitingOAuth = null; draw(); }
      const control = event.target.closest("[data-action]");
      if (control) control.dataset.clicked = "true";
    });
    document.addEventListener("submit", (event) => event.preventDefault());
    document.addEventListener("change", () => {});
    document.addEventListener("input", () => {});
    document.addEventListener("keydown", () => {});
  }

  async function start() {
    localise();
    listen();
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
