//! The integrator's list (issue 28's row): the popup with 300 refresh tokens
//! across 10 Self Clients of one data centre, against the same popup with
//! none, and the OAuth list's filter over those 300 rows.

use super::*;

/// Refresh tokens and clients the row is measured with.
const TOKENS: usize = 300;
const CLIENTS: usize = 10;

/// `storage.local` with `TOKENS` refresh tokens spread over `CLIENTS` clients.
fn integrators_storage() -> Value {
    Value::Object(refresh_tokens(TOKENS, CLIENTS))
}

/// `tokens` refresh-token records spread over `clients` Self Clients of the
/// US data centre, as the extension writes them.
pub(crate) fn refresh_tokens(tokens: usize, clients: usize) -> serde_json::Map<String, Value> {
    let mut items = serde_json::Map::new();
    let id = |c: usize| format!("1000.BENCHCLIENT{c:018}");
    for c in 0..clients {
        items.insert(
            format!("client:us:{}", id(c)),
            json!({"v": 2, "dc": "us", "clientId": id(c), "label": format!("Company {c}"),
                   "clientSecret": format!("{:042x}", c + 1)}),
        );
    }
    for t in 0..tokens {
        let record = format!("{:x}-{:08x}", 1_700_000_000_000u64 + t as u64, t);
        items.insert(
            format!("oauth:{record}"),
            json!({"v": 1, "id": record, "label": format!("Sync {t}"),
                   "scopes": "ZohoCRM.modules.ALL,ZohoCRM.org.READ", "dc": "us",
                   "apiDomain": "https://www.zohoapis.com", "clientId": id(t % clients),
                   "refreshToken": format!("1000.{t:032x}.{t:032x}"),
                   "created": 1_700_000_000_000u64 + t as u64, "rejected": null}),
        );
    }
    items
}

/// The figures, in the browser `s` runs.
pub(crate) fn oauth_figures(s: &Session) -> Result<Value> {
    s.open_popup()?;
    s.browser.set_storage(&json!({}))?;
    let mut none = page_ready(s)?;
    s.browser.set_storage(&integrators_storage())?;
    let mut full = page_ready(s)?;
    // Alternating, as the vault's rows are.
    s.browser.set_storage(&json!({}))?;
    none.extend(page_ready(s)?);
    s.browser.set_storage(&integrators_storage())?;
    full.extend(page_ready(s)?);
    // The filter: a client's name typed, to its rows shown.
    s.open_oauth()?;
    let mut filter = Vec::new();
    for round in 0..OPENS {
        let took = s.browser.driver.execute(
            "const input = document.getElementById('oauth-filter');
             const start = performance.now();
             input.value = arguments[0];
             input.dispatchEvent(new Event('input', { bubbles: true }));
             const shown = document.querySelectorAll('[data-oauth-row]:not([hidden])').length;
             return [performance.now() - start, shown];",
            json!([if round % 2 == 0 { "company 7" } else { "" }]),
        )?;
        filter.push(took[0].as_f64().context("filter timing")?);
    }
    Ok(json!({
        "popup_ready_ms": {"none": stats(&none), "integrator": stats(&full),
                           "extra": round(median(&full) - median(&none))},
        "filter_ms": stats(&filter),
    }))
}

/// The popup's ready times over `OPENS / 2` openings (after one not counted).
fn page_ready(s: &Session) -> Result<Vec<f64>> {
    let mut opened = Vec::new();
    for _ in 0..OPENS / 2 + 1 {
        opened.push(open(s, "popup.html")?);
    }
    opened.remove(0);
    Ok(ready_times(&opened))
}
