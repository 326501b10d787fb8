//! Check (issue 28): a saved refresh token's row asks Zoho whether it still
//! takes the token, and says so in place: works (a fresh access token, or the
//! cached one, Zoho not asked), the scopes and API domain Zoho's answer names
//! (each token its own; those saved, said so, when the answer names none),
//! when the access token runs out, or Zoho's refusal in its own words. Each
//! row says how long its access token lives and how many mints are left.

use crate::clients::{bring, save_labelled};
use crate::oauth::{clear_session, WAIT};
use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::json;
use zoho_harness::oauth::Dialect;
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![check_a_token_in_its_row];

/// A row's place for its access token, by application: the `data-check` of
/// its last Check ("" while Zoho is asked or never), its live line, and the
/// Check's lines.
fn access_of(s: &Session, app: &str) -> Result<(String, String, String)> {
    let got = s.browser.driver.execute(
        "const row = [...document.querySelectorAll('[data-oauth-row]')]
           .find(r => r.querySelector('.token-app').textContent === arguments[0]);
         if (!row) return null;
         const result = row.querySelector('[data-access] .check-result');
         return [result ? result.getAttribute('data-check') || '' : '',
                 row.querySelector('[data-access] .token-live').textContent,
                 result ? result.innerText : ''];",
        json!([app]),
    )?;
    let text = |i: usize| got[i].as_str().unwrap_or_default().to_string();
    ensure!(!got.is_null(), "no row for {app}");
    Ok((text(0), text(1), text(2)))
}

/// Clicks the row's Check and waits for what it found (`word`).
fn check(s: &Session, app: &str, word: &str) -> Result<(String, String)> {
    s.browser.click_role("button", &format!("Check: {app}"))?;
    let mut last = (String::new(), String::new(), String::new());
    s.browser
        .driver
        .wait_for(&format!("Check of {app} to say {word}"), WAIT, || {
            last = access_of(s, app)?;
            Ok((last.0 == word).then_some(()))
        })
        .with_context(|| format!("{last:?}"))?;
    Ok((last.1, last.2))
}

fn check_a_token_in_its_row(s: &mut Session) -> Result<()> {
    let acme = s.zoho.world().oauth.create_client("accounts.zoho.com");
    let (crm, books) = {
        let mut world = s.zoho.world();
        (
            world
                .oauth
                .create_refresh_token(&acme, "ZohoCRM.modules.ALL,ZohoCRM.org.READ"),
            world
                .oauth
                .create_refresh_token(&acme, "ZohoBooks.fullaccess.all"),
        )
    };
    s.open_oauth()?;
    s.choose_data_centre("us")?;
    save_labelled(s, &acme, "Acme")?;
    bring(s, "CRM sync", &crm)?;
    s.wait_text("#status", "Refresh token for CRM sync saved", WAIT)?;
    bring(s, "Books sync", &books)?;
    s.wait_text("#status", "Refresh token for Books sync saved", WAIT)?;

    // Each bring minted once to prove its token: the rows say so.
    let (_, live, _) = access_of(s, "CRM sync")?;
    ensure!(
        live.starts_with("Access token: 59 min left") && live.contains("9 of 10 new ones left"),
        "live line: {live:?}"
    );
    // The cached access token is good: Zoho is not asked, and Check says so.
    let asked = s.oauth_requests().len();
    let (_, said) = check(s, "CRM sync", "works")?;
    ensure!(s.oauth_requests().len() == asked, "Zoho asked: {said}");
    for line in [
        "was not asked again",
        "Scopes Zoho grants: ZohoCRM.modules.ALL,ZohoCRM.org.READ",
        "API domain: https://www.zohoapis.com",
        "runs out in 59 min",
    ] {
        ensure!(said.contains(line), "{line:?} in {said}");
    }

    // A browser restart forgets the access tokens: Check mints one, and each
    // token's answer names its own scopes.
    clear_session(s)?;
    s.open_popup()?;
    s.open_oauth()?;
    let (_, live, _) = access_of(s, "Books sync")?;
    ensure!(live.is_empty(), "nothing live after a restart: {live}");
    let asked = s.oauth_requests().len();
    let (live, said) = check(s, "Books sync", "works")?;
    ensure!(s.oauth_requests().len() == asked + 1, "one mint");
    ensure!(
        said.contains("Zoho took this refresh token")
            && said.contains("Scopes Zoho grants: ZohoBooks.fullaccess.all")
            && !said.contains("ZohoCRM"),
        "{said}"
    );
    ensure!(live.contains("9 of 10"), "live line: {live:?}");

    // A refresh answer that names neither scopes nor API domain: those saved,
    // said so.
    s.zoho.world().oauth.bare_refresh = true;
    let (_, said) = check(s, "CRM sync", "works")?;
    ensure!(
        said.contains("Scopes as saved (Zoho's answer named none): ZohoCRM.modules.ALL")
            && said.contains(
                "API domain as saved (Zoho's answer named none): https://www.zohoapis.com"
            ),
        "{said}"
    );

    // Revoked in the account's settings: refused in Zoho's own words, the row
    // marked (drawn again by the storage change), the outcome still shown.
    {
        let mut world = s.zoho.world();
        world.oauth.bare_refresh = false;
        world.oauth.dialect = Dialect::Standard;
        world.oauth.revoke_elsewhere(&books);
    }
    clear_session(s)?;
    let (_, said) = check(s, "Books sync", "fails")?;
    ensure!(
        said.contains("The refresh token is invalid or was revoked."),
        "Zoho's words: {said}"
    );
    s.wait_text(
        "[data-oauth-row]",
        "Zoho no longer accepts this token.",
        WAIT,
    )?;
    let (word, _, again) = access_of(s, "Books sync")?;
    ensure!(
        word == "fails" && again == said,
        "kept through the redraw: {again}"
    );
    Ok(())
}
