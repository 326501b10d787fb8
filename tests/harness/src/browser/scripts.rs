//! The longer JavaScript the page helpers run in a page.

/// Implicit roles and accessible names, as far as the popup needs them.
pub const ROLE_LOOKUP: &str = r#"
const [role, name] = arguments;
const selectors = {
  button: 'button, [role=button], input[type=submit], input[type=button]',
  link: 'a[href], [role=link]',
  textbox: 'input:not([type]), input[type=text], input[type=email], input[type=password], textarea, [role=textbox]',
  combobox: 'select, [role=combobox], input[list]',
  status: '[role=status], [role=alert]',
  listitem: 'li, [role=listitem]',
};
const accessibleName = el => {
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(/\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ');
  if (el.labels && el.labels.length) return Array.from(el.labels).map(l => l.textContent).join(' ');
  return el.textContent || el.value || '';
};
const wanted = name.toLowerCase();
for (const el of document.querySelectorAll(selectors[role] || `[role=${role}]`)) {
  if (accessibleName(el).replace(/\s+/g, ' ').toLowerCase().includes(wanted)) return el;
}
return null;
"#;

/// Everything in `chrome.storage.local` (from an extension page).
pub const READ_STORAGE: &str = "const done = arguments[arguments.length - 1];
chrome.storage.local.get(null).then(done, e => done({error: String(e)}));";

/// Replaces `chrome.storage.local` with `arguments[0]` (from an extension page).
pub const REPLACE_STORAGE: &str = "const done = arguments[arguments.length - 1];
chrome.storage.local.clear()
  .then(() => chrome.storage.local.set(arguments[0]))
  .then(() => done(true), e => done(String(e)));";

/// Adds or replaces the given entries of `storage.local`, leaving the rest.
pub const PUT_STORAGE: &str = "const done = arguments[arguments.length - 1];
chrome.storage.local.set(arguments[0]).then(() => done(true), e => done(String(e)));";

/// Removes the given keys from `storage.local`.
pub const REMOVE_STORAGE: &str = "const done = arguments[arguments.length - 1];
chrome.storage.local.remove(arguments[0]).then(() => done(true), e => done(String(e)));";

/// Runs axe-core (loaded just before) with the WCAG 2.1 A and AA rules; answers
/// one line per violation.
pub const RUN_AXE: &str = "const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then(r => done(r.violations.map(v =>
          `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)),
        e => done(['axe failed: ' + e]));";

/// The focused element in short: `preset:<name>`, `action:<name>`, `#id` or the
/// tag, and `@<row id>` inside a saved-token row.
pub const FOCUSED: &str = "const e = document.activeElement; if (!e) return '';
const row = e.closest('[data-token-row]');
const where = row ? '@' + row.dataset.id : '';
return (e.dataset.preset ? 'preset:' + e.dataset.preset
  : e.dataset.action ? 'action:' + e.dataset.action
  : e.id ? '#' + e.id : e.tagName.toLowerCase()) + where;";

/// An expression: what the page gets from `i18n.getMessage` for the extension's
/// name and two messages the browser adds to every extension's set (an object,
/// or null in a page with no extension API). Read at each Chromium start (see
/// `Browser::launch_with_prefs`) and in a failed scenario's report.
pub const MESSAGES: &str = "(globalThis.chrome?.i18n?.getMessage
    ? Object.fromEntries(['extShortName', '@@ui_locale', '@@extension_id']
        .map(name => [name, chrome.i18n.getMessage(name)]))
    : null)";
