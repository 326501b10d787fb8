//! What the vault costs (issue 27's rows): the popup opened with the vault
//! open against the same records in clear text, the unlock (the key's
//! derivation and check), and a generation and an exchange with it open
//! against the same with it off.

use super::*;

const PASSPHRASE: &str = "correct horse battery";
/// Unlocks timed (each derives the key again: ~0.3–1 s).
const UNLOCKS: usize = 5;
/// Exchanges timed with the vault off and open (Zoho keeps 20 refresh tokens a
/// client, and drops the oldest past it: `pastCap`).
const EXCHANGES: usize = 20;

/// The figures, in the browser `s` runs (signed in to Zoho's US data centre).
pub(crate) fn vault_figures(s: &Session) -> Result<Value> {
    let mut popup = serde_json::Map::new();
    for n in LIST_SIZES {
        seed(s, n)?;
        let off = page_opens(s)?;
        s.turn_vault_on(PASSPHRASE)?;
        let open = page_opens(s)?;
        popup.insert(
            n.to_string(),
            json!({"off": stats(&off), "open": stats(&open),
                   "extra": round(median(&open) - median(&off))}),
        );
    }
    let unlock = unlocks(s)?;
    seed(s, 0)?;
    let generate_off = generates(s)?;
    let exchange_off = exchanges(s)?;
    seed(s, 0)?;
    s.turn_vault_on(PASSPHRASE)?;
    let generate_open = generates(s)?;
    let exchange_open = exchanges(s)?;
    let extra = |open: &Value, off: &Value, field: &str| {
        round(
            open[field]["median"].as_f64().unwrap_or(f64::NAN)
                - off[field]["median"].as_f64().unwrap_or(f64::NAN),
        )
    };
    Ok(json!({
        "popup_ready_ms": popup,
        "unlock_ms": stats(&unlock),
        "generate_ms": {"off": generate_off["generate"], "open": generate_open["generate"],
                        "extra": extra(&generate_open, &generate_off, "generate")},
        "exchange_ms": {"off": exchange_off, "open": exchange_open,
                        "extra": round(exchange_open["median"].as_f64().unwrap_or(f64::NAN)
                                       - exchange_off["median"].as_f64().unwrap_or(f64::NAN))},
    }))
}

/// The popup's ready times over `OPENS` openings (after one not counted).
fn page_opens(s: &Session) -> Result<Vec<f64>> {
    let mut opened = Vec::new();
    for _ in 0..OPENS + 1 {
        opened.push(open(s, "popup.html")?);
    }
    opened.remove(0);
    Ok(ready_times(&opened))
}

/// Locks, then times an unlock as the pages ask for it: the request out to
/// the background's answer.
fn unlocks(s: &Session) -> Result<Vec<f64>> {
    let mut times = Vec::new();
    for _ in 0..UNLOCKS {
        let took = s.browser.driver.execute_async(
            "const [passphrase, done] = arguments;
             chrome.runtime.sendMessage('lock').then(() => {
               const start = performance.now();
               return chrome.runtime.sendMessage({ unlock: { passphrase } })
                 .then(reply => done(reply === 'done' ? performance.now() - start : null));
             });",
            json!([PASSPHRASE]),
        )?;
        times.push(took.as_f64().context("an unlock refused")?);
    }
    Ok(times)
}

/// A Self Client saved, then `EXCHANGES` grant codes exchanged one by one: the
/// request out to the answer with the refresh token saved.
fn exchanges(s: &Session) -> Result<Value> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.com");
    let saved = s.browser.driver.execute_async(
        "const [clientId, clientSecret, done] = arguments;
         chrome.runtime.sendMessage({ saveClient: { dc: 'us', clientId, clientSecret } }).then(done);",
        json!([client.id, client.secret]),
    )?;
    if saved.is_null() {
        bail!("the client was not saved");
    }
    let mut times = Vec::new();
    for _ in 0..EXCHANGES + 1 {
        // Zoho makes at most 10 codes a client in ten minutes: its clock moves on.
        s.zoho.world().oauth.advance(Duration::from_secs(61));
        let code = s.zoho.world().oauth.create_code(
            &client,
            "ZohoCRM.modules.ALL",
            Duration::from_secs(180),
        )?;
        let took = s.browser.driver.execute_async(
            "const [code, done] = arguments;
             const start = performance.now();
             chrome.runtime.sendMessage({ exchange: { dc: 'us', code, label: 'Bench',
                 scopes: 'ZohoCRM.modules.ALL', pastCap: true } })
               .then(reply => done(reply && reply.oauthSaved ? performance.now() - start : JSON.stringify(reply)));",
            json!([code]),
        )?;
        times.push(
            took.as_f64()
                .with_context(|| format!("exchange answered {took}"))?,
        );
    }
    times.remove(0);
    Ok(stats(&times))
}
