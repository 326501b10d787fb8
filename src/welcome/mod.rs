//! The welcome page (`welcome.html`), opened on the first install
//! (`background::installed`): what the extension does, the end of authtokens,
//! a Self Client in three steps, where secrets are kept, the keyboard
//! shortcut. Its text is the page's own; this fills in what is the user's:
//! the data centre (remembered as the default, as on the options page), its
//! API console's address, and the shortcut the browser has set.

use crate::browser::{self, dom, storage};
use crate::i18n::key;
use crate::ui::{self, data_centres, status::show_key as show};
use wasm_bindgen_futures::spawn_local;

/// Builds the welcome page.
pub async fn start() {
    ui::localise();
    match storage::settings().await {
        Ok(settings) => data_centres::fill(settings.dc, true),
        Err(_) => {
            data_centres::fill(Default::default(), true);
            show(key("errStorage"), &[], true);
        }
    }
    point_to_console();
    show_shortcut().await;
    dom::listen(&dom::document(), "change", |_| {
        point_to_console();
        spawn_local(data_centres::save_chosen());
    });
    ui::mark_ready("welcome-ready");
}

/// The console button leads to the chosen data centre's API console.
fn point_to_console() {
    if let (Some(dc), Some(link)) = (data_centres::chosen(), dom::by_id("open-console")) {
        dom::set_attr(&link, "href", &dc.api_console_url());
    }
}

/// The keys that open the popup, as the browser has them (the user may have
/// changed them, or a clash left none).
async fn show_shortcut() {
    let text = match browser::popup_shortcut().await {
        Some(keys) => browser::text(key("welcomeShortcut"), &[keys]),
        None => browser::text(key("welcomeShortcutNone"), &[]),
    };
    if let Some(place) = dom::by_id("shortcut") {
        place.set_text_content(Some(&text));
    }
}
