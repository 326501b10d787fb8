//! What the extension's pages and its content script ask the background.

use crate::oauth::Secret;
use crate::plain::{plain_type, Encode};
use crate::store::export::ExportFile;
use crate::store::oauth::OAuthToken;
use crate::store::{SavedToken, UserPresets};
use crate::zoho::DataCentre;

plain_type! {
    /// What the user asked for, as typed or chosen (the background validates it).
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Target {
        pub display_name: String as "displayName",
        pub scope: String as "scope",
        pub dc: DataCentre as "dc",
    }
}

// What crosses to the background comes in three kinds, each its own type, so
// that a new request is routed where it is declared and the sender rule is the
// type: the extension's own pages send a [`StoreRequest`] or a [`ZohoRequest`]
// (both [`OwnPageRequest`]s), a content script only a [`PageReport`]. All are
// externally tagged (`{"generate": {…}}`, or `"takeNotice"`), and no two share
// a tag.

plain_type! {
    /// What one of the extension's own pages asks that storage alone answers:
    /// the background's first module (docs/performance.md, "Size").
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum StoreRequest {
        /// News from a Zoho tab since the popup last looked (and clear the badge).
        /// The popup reads the saved tokens from storage itself.
        TakeNotice as "takeNotice",
        /// Remove a saved token from the extension (not from Zoho).
        Forget { id: String as "id" } as "forget",
        /// Put a just-forgotten token back (undo).
        Restore { token: SavedToken as "token" } as "restore",
        /// The data centre the user chose, kept as the default.
        SetDataCentre { dc: DataCentre as "dc" } as "setDataCentre",
        /// From the options page: clear a copied secret from the clipboard
        /// after this many seconds (0: never).
        ClearClipboard { seconds: u32 as "seconds" } as "clearClipboard",
        /// A page put this secret on the clipboard: clear it later if the
        /// user chose so (only its digest is kept).
        Copied { secret: Secret as "secret" } as "copied",
        /// From the options page: the user's presets, as they should be stored.
        SavePresets { presets: UserPresets as "presets" } as "savePresets",
        /// From the options page: a checked export file to merge in.
        Import { file: ExportFile as "file" } as "import",
        /// Save a Self Client of a data centre, as pasted (checked there): a
        /// new one, or the saved one of the same ID changed. An empty label
        /// keeps the saved one's.
        SaveClient {
            dc: DataCentre as "dc",
            client_id: String as "clientId",
            client_secret: String as "clientSecret",
            label: String as "label",
        } as "saveClient",
        /// Remove a Self Client from the extension (its tokens stay).
        ForgetClient {
            dc: DataCentre as "dc",
            client_id: String as "clientId",
        } as "forgetClient",
        /// Remove a saved refresh token from the extension (not from Zoho).
        ForgetOAuth { id: String as "id" } as "forgetOAuth",
        /// Put a just-forgotten refresh token back (undo).
        RestoreOAuth { token: OAuthToken as "token" } as "restoreOAuth",
        /// Keep what the popup shows and what was typed (not the grant code),
        /// so it reopens there after the user went to the console.
        KeepDraft(Draft) as "keepDraft",
        // The vault's passphrases are `Secret`s: never printed by `Debug`.
        /// Open the vault with its passphrase (its key kept in memory).
        Unlock { passphrase: Secret as "passphrase" } as "unlock",
        /// Lock the vault now.
        Lock as "lock",
        /// Turn the vault on: every secret sealed under this passphrase.
        VaultOn { passphrase: Secret as "passphrase" } as "vaultOn",
        /// Seal every secret again under a new passphrase.
        VaultChange {
            passphrase: Secret as "passphrase",
            new_passphrase: Secret as "newPassphrase",
        } as "vaultChange",
        /// Turn the vault off: every secret back in clear text.
        VaultOff { passphrase: Secret as "passphrase" } as "vaultOff",
        /// The vault's idle time, in minutes (0: only when the browser closes).
        VaultIdle { minutes: u32 as "minutes" } as "vaultIdle",
        /// The secret of the record stored under `key`, opened (the pages
        /// never hold the vault's key).
        Reveal { key: String as "key" } as "reveal",
        /// Everything saved as an export file, its secrets opened.
        ExportFile as "exportFile",
        /// The `.env` block for the saved refresh token `id` and its client,
        /// both secrets opened (Copy for a script).
        Script { id: String as "id" } as "script",
        /// A Postman environment for the saved refresh token `id` and its
        /// client, both secrets opened (Copy for Postman).
        Postman { id: String as "id" } as "postman",
        /// Forget every secret (a forgotten passphrase's way out): records
        /// keep their names, clients go, the vault is off.
        ForgetSecrets as "forgetSecrets",
    }
}

plain_type! {
    /// What one of the extension's own pages asks that reaches Zoho: the
    /// background's second module, compiled after its first answer.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum ZohoRequest {
        /// Make a token with the user's Zoho session, and save it.
        Generate(Target) as "generate",
        /// Open Zoho's sign-in page in a tab; the request resumes once signed in.
        SignIn(Target) as "signIn",
        /// Open the token-create page in a tab; a token it shows is saved.
        OpenPage(Target) as "openPage",
        /// Exchange a grant code for a refresh token, and save it. `past_cap`:
        /// the user agreed to a 21st refresh token for the client.
        Exchange(Exchange) as "exchange",
        /// A refresh token made elsewhere (a script, Postman, a colleague):
        /// proved by minting an access token with it, then kept.
        AddRefreshToken(Brought) as "addRefreshToken",
        /// An access token for a saved refresh token (cached or freshly minted).
        AccessToken { id: String as "id" } as "accessToken",
        /// A `curl` call to the token's product API with a live access token
        /// (Copy as curl).
        Curl { id: String as "id" } as "curl",
        /// Whether Zoho takes a saved refresh token (Check): a live access
        /// token for it, cached or minted, and what Zoho said with it.
        Check { id: String as "id" } as "check",
        /// Revoke a saved refresh token at Zoho, then remove it.
        Revoke { id: String as "id" } as "revoke",
    }
}

plain_type! {
    /// All a content script (a page on a Zoho host, in a tab) may send: the
    /// token-create page its tab shows. Every other request acts on the user's
    /// tokens and comes only from the extension's own pages.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum PageReport {
        /// `html` is `None` when the page was too large to send.
        ZohoPage {
            url: String as "url",
            html: Option<String> as "html",
        } as "zohoPage",
    }
}

/// A request one of the extension's own pages may send (`browser::ask`).
pub trait OwnPageRequest: Encode {}
impl OwnPageRequest for StoreRequest {}
impl OwnPageRequest for ZohoRequest {}

plain_type! {
    /// What the popup showed and what was typed in the OAuth view: the popup
    /// closes whenever the user goes to the console tab. Never the grant code
    /// nor the client secret.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Draft {
        /// The view shown (`authtokens` or `oauth`).
        pub view: String as "view",
        /// The client ID typed, not yet saved (never the secret: a draft
        /// written by an earlier version with one reads without it).
        pub client_id: String as "clientId",
        /// The application typed.
        pub label: String as "label",
        /// The scopes typed.
        pub scopes: String as "scopes",
        /// The Self Client chosen (its ID; none in a draft of an earlier version).
        pub client: Option<String> as "client",
    }
}

plain_type! {
    /// A refresh token brought from elsewhere, for a saved Self Client.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Brought {
        pub dc: DataCentre as "dc",
        /// The Self Client it was made with.
        pub client_id: String as "clientId",
        /// As pasted (a `Secret`: never printed by `Debug`).
        pub refresh_token: Secret as "refreshToken",
        /// The application's name, to label it.
        pub label: String as "label",
        /// The scopes typed, if any (Zoho's answer says which it grants).
        pub scopes: String as "scopes",
    }
}

plain_type! {
    /// A grant code to exchange, with what its refresh token is for.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Exchange {
        /// Where the client and the code were made.
        pub dc: DataCentre as "dc",
        /// The Self Client the code was made with.
        pub client_id: String as "clientId",
        /// The grant code as pasted.
        pub code: String as "code",
        /// The application's name, to label the token.
        pub label: String as "label",
        /// The scopes the code was made with, as typed.
        pub scopes: String as "scopes",
        /// The user agreed that Zoho deletes its oldest refresh token for the client.
        pub past_cap: bool as "pastCap",
    }
}
