//! What the vault costs (issue 27's rows): the popup opened with the vault
//! open against the same records in clear text, the unlock (the key's
//! derivation and check), and a generation and an exchange with it open
//! against the same with it off.

use super::*;
use anyhow::ensure;

const PASSPHRASE: &str = "correct horse battery";
/// Unlocks timed (each derives the key again: ~0.3–1 s).
const UNLOCKS: usize = 5;
/// Exchanges timed with the vault off and open (Zoho keeps 20 refresh tokens a
/// client, and drops the oldest past it: `pastCap`).
const EXCHANGES: usize = 20;
/// Each side is measured in this many turns, off and open alternating, so a
/// drift of the machine (a warming JIT, a busy minute) falls on both alike.
const TURNS: usize = 4;

/// The same records with the vault off and open, to switch between in an
/// instant: `storage.local` in clear text, and sealed with the open key kept
/// in `storage.session`.
struct Sides {
    clear: Value,
    sealed: Value,
    key: Value,
}

impl Sides {
    /// `n` tokens in clear text, then the vault turned on over them.
    fn of(s: &Session, n: usize) -> Result<Sides> {
        seed(s, n)?;
        let clear = s.browser.storage()?;
        s.turn_vault_on(PASSPHRASE)?;
        let sealed = s.browser.storage()?;
        let key = s.browser.driver.execute_async(
            "const done = arguments[0]; chrome.storage.session.get('vaultKey').then(done);",
            json!([]),
        )?;
        ensure!(key["vaultKey"].is_object(), "no open key: {key}");
        Ok(Sides { clear, sealed, key })
    }

    /// The vault off (its open key is dropped at the next use).
    fn off(&self, s: &Session) -> Result<()> {
        s.browser.set_storage(&self.clear)
    }

    /// The vault open.
    fn open(&self, s: &Session) -> Result<()> {
        s.browser.set_storage(&self.sealed)?;
        let done = s.browser.driver.execute_async(
            "const [items, done] = arguments;
             chrome.storage.session.set(items).then(() => done(true), e => done(String(e)));",
            json!([self.key]),
        )?;
        ensure!(done == json!(true), "storage.session.set: {done}");
        Ok(())
    }

    /// `measure` with the vault off and open, in alternating turns: the
    /// samples of each side.
    fn alternate<T>(
        &self,
        s: &Session,
        mut measure: impl FnMut() -> Result<Vec<T>>,
    ) -> Result<(Vec<T>, Vec<T>)> {
        let (mut off, mut open) = (Vec::new(), Vec::new());
        for _ in 0..TURNS {
            self.off(s)?;
            off.extend(measure()?);
            self.open(s)?;
            open.extend(measure()?);
        }
        Ok((off, open))
    }
}

/// Off and open side by side, and what open adds at the median.
fn compared(off: &[f64], open: &[f64]) -> Value {
    json!({"off": stats(off), "open": stats(open), "extra": round(median(open) - median(off))})
}

/// The figures, in the browser `s` runs (signed in to Zoho's US data centre).
pub(crate) fn vault_figures(s: &Session) -> Result<Value> {
    let mut popup = serde_json::Map::new();
    for n in LIST_SIZES {
        let sides = Sides::of(s, n)?;
        let (off, open) = sides.alternate(s, || page_opens(s, OPENS / TURNS))?;
        let mut row = compared(&ready_times(&off), &ready_times(&open));
        // Where the difference arises: the storage read, the Wasm, or the drawing.
        row["phases"] = json!({"off": phases(&off), "open": phases(&open)});
        popup.insert(n.to_string(), row);
    }
    let unlock = unlocks(s)?;
    let sides = Sides::of(s, 0)?;
    let (generate_off, generate_open) = sides.alternate(s, || {
        generate_times(s, None, GENERATES / TURNS).map(|[clicks, ..]| clicks)
    })?;
    let (exchange_off, exchange_open) = sides.alternate(s, || exchanges(s, EXCHANGES / TURNS))?;
    Ok(json!({
        "popup_ready_ms": popup,
        "unlock_ms": stats(&unlock),
        "generate_ms": compared(&generate_off, &generate_open),
        "exchange_ms": compared(&exchange_off, &exchange_open),
    }))
}

/// The popup's marks over `count` openings (after one not counted).
fn page_opens(s: &Session, count: usize) -> Result<Vec<Marks>> {
    let mut opened = Vec::new();
    for _ in 0..count + 1 {
        opened.push(open(s, "popup.html")?);
    }
    opened.remove(0);
    Ok(opened)
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

/// A Self Client saved, then `count` grant codes exchanged one by one (after
/// one not counted): the request out to the answer with the refresh token saved.
fn exchanges(s: &Session, count: usize) -> Result<Vec<f64>> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.com");
    let saved = s.browser.driver.execute_async(
        "const [clientId, clientSecret, done] = arguments;
         chrome.runtime.sendMessage({ saveClient: { dc: 'us', clientId, clientSecret, label: '' } }).then(done);",
        json!([client.id, client.secret]),
    )?;
    if saved.is_null() {
        bail!("the client was not saved");
    }
    let mut times = Vec::new();
    for _ in 0..count + 1 {
        // Zoho makes at most 10 codes a client in ten minutes: its clock moves on.
        s.zoho.world().oauth.advance(Duration::from_secs(61));
        let code = s.zoho.world().oauth.create_code(
            &client,
            "ZohoCRM.modules.ALL",
            Duration::from_secs(180),
        )?;
        let took = s.browser.driver.execute_async(
            "const [code, clientId, done] = arguments;
             const start = performance.now();
             chrome.runtime.sendMessage({ exchange: { dc: 'us', clientId, code, label: 'Bench',
                 scopes: 'ZohoCRM.modules.ALL', pastCap: true } })
               .then(reply => done(reply && reply.oauthSaved ? performance.now() - start : JSON.stringify(reply)));",
            json!([code, client.id]),
        )?;
        times.push(
            took.as_f64()
                .with_context(|| format!("exchange answered {took}"))?,
        );
    }
    times.remove(0);
    Ok(times)
}
