//! What each button of the pages does, as its `data-action` names it: one
//! list for the HTML (checked against it by `tests/extension`) and for the
//! Rust that makes buttons and handles their clicks. Pure data.

use crate::plain::plain_type;

plain_type! {
    /// A button's job. The popup's and the options page's, in one list so no
    /// name means two things.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Action {
        // A saved authtoken's row.
        /// Show the token in full, or mask it again.
        Reveal as "reveal",
        /// Put the token on the clipboard.
        Copy as "copy",
        /// Remove the record from the extension (authtoken or refresh token).
        Forget as "forget",
        /// Put back the authtoken forgotten last.
        Undo as "undo",
        // The status region.
        /// A problem's remedy (`data-remedy` says which).
        Remedy as "remedy",
        /// Try the request again on another data centre (`data-dc`).
        UseDc as "use-dc",
        /// Choose the data centre of a saved Self Client (`data-dc`).
        UseDcOAuth as "use-dc-oauth",
        /// Go on to a 21st refresh token for the client.
        PastCap as "past-cap",
        /// Put back the refresh token forgotten last.
        UndoOAuth as "undo-oauth",
        /// Open the options page.
        Options as "options",
        /// Carry the problem's application over to the OAuth view.
        OAuth as "oauth",
        // The OAuth view.
        /// Save the Self Client typed (the form's submit button).
        SaveClient as "save-client",
        /// Type a Self Client again: one already saved (by its ID) changes.
        ChangeClient as "change-client",
        /// Type another Self Client, the fields empty.
        AddClient as "add-client",
        /// A refresh token's Postman environment on the clipboard.
        CopyPostman as "copy-postman",
        /// A `curl` call with a live access token on the clipboard.
        CopyCurl as "copy-curl",
        /// Prove a pasted refresh token with Zoho and keep it (a submit button).
        AddRefreshToken as "add-refresh-token",
        /// Remove the Self Client of the data centre.
        ForgetClient as "forget-client",
        /// Put the scopes typed on the clipboard, as the console wants them.
        CopyScopes as "copy-scopes",
        /// Exchange the grant code (the form's submit button).
        Exchange as "exchange",
        // A saved refresh token's row.
        /// Copy an access token (cached or freshly minted).
        CopyAccessToken as "copy-access-token",
        /// Copy the refresh token.
        CopyRefreshToken as "copy-refresh-token",
        /// Copy the lines a script needs.
        CopyEnv as "copy-env",
        /// Ask Zoho whether it takes the refresh token (an access token, cached or new).
        Check as "check",
        /// Ask before revoking.
        Revoke as "revoke",
        /// Revoke at Zoho, then remove.
        ConfirmRevoke as "confirm-revoke",
        // A user preset's row (options page).
        /// Save the label typed.
        Rename as "rename",
        /// Move one place up.
        Up as "up",
        /// Move one place down.
        Down as "down",
        /// Remove the preset.
        Remove as "remove",
        // The backup (options page).
        /// Say what a file in clear text would hold, and offer it.
        ExportPlainAsk as "export-plain-ask",
        /// Export in clear text, once confirmed.
        ExportPlain as "export-plain",
        /// Open the encrypted file chosen with the passphrase typed.
        OpenBackup as "open-backup",
        // The vault (popup and options page).
        /// Lock the vault now.
        Lock as "lock",
        /// Open the vault with the passphrase typed (the unlock form's submit).
        Unlock as "unlock",
        /// Turn the vault on (its form's submit).
        VaultOn as "vault-on",
        /// Change the vault's passphrase (its form's submit).
        VaultChange as "vault-change",
        /// Turn the vault off (its form's submit).
        VaultOff as "vault-off",
        /// Say what forgetting every secret does, and offer it.
        ForgetSecretsAsk as "forget-secrets-ask",
        /// Forget every secret, once confirmed.
        ForgetSecrets as "forget-secrets",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_reads_back_as_its_action() {
        for action in Action::ALL {
            assert_eq!(Action::from_plain_name(action.plain_name()), Some(action));
        }
        assert_eq!(Action::from_plain_name("drop-all"), None);
    }
}
