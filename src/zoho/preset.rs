//! The applications users most often need a Zoho CRM authtoken for.

/// Scope every built-in preset asks for.
pub const CRM_SCOPE: &str = "ZohoCRM/crmapi";

/// A built-in preset: an application and the authtoken it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The application's name as users know it.
    pub app_name: &'static str,
    /// Zoho's `DISPLAY_NAME` for it: also the preset's stable id.
    pub display_name: &'static str,
    pub scope: &'static str,
}

/// The six built-in presets, in the popup's order.
pub const PRESETS: [Preset; 6] = [
    preset("ACR for Zoho CRM", "acr4zoho"),
    preset("Email Checker for Zoho CRM", "checkemail"),
    preset("Phone Checker for Zoho CRM", "phonecheck"),
    preset("Email to Lead for Zoho CRM", "email2lead"),
    preset("MySQL Easy Sync for Zoho CRM", "mysqles"),
    preset("GetResponse Leads Sync for Zoho", "getresponse"),
];

const fn preset(app_name: &'static str, display_name: &'static str) -> Preset {
    Preset {
        app_name,
        display_name,
        scope: CRM_SCOPE,
    }
}

/// Scopes offered as suggestions in the custom form.
pub const KNOWN_SCOPES: [&str; 14] = [
    "ZohoCRM/crmapi",
    "ZohoCreator/creatorapi",
    "ZohoBooks/booksapi",
    "ZohoInvoice/invoiceapi",
    "ZohoSupport/supportapi",
    "ZohoProjects/projectsapi",
    "ZohoReports/reportsapi",
    "ZohoRecruit/recruitapi",
    "ZohoSubscriptions/subscriptionsapi",
    "zohopeople/peopleapi",
    "ZohoMail/ZohoMailAPI",
    "ZohoInventory/inventoryapi",
    "ZohoPC/docsapi",
    "ZohoSearch/SearchAPI",
];

impl Preset {
    /// The built-in preset with this `DISPLAY_NAME` (exact).
    pub fn find(display_name: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.display_name == display_name)
    }

    /// The application name users know for a `DISPLAY_NAME`, if it is a preset's.
    pub fn app_name_for(display_name: &str) -> Option<&'static str> {
        Preset::find(display_name).map(|p| p.app_name)
    }

    /// The name users know an application by: the preset's, or the
    /// `DISPLAY_NAME` itself.
    pub fn app_name(display_name: &str) -> &str {
        Preset::app_name_for(display_name).unwrap_or(display_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zoho::request::validate_scope;

    #[test]
    fn the_six_documented_presets() {
        let names: Vec<_> = PRESETS
            .iter()
            .map(|p| (p.app_name, p.display_name))
            .collect();
        assert_eq!(
            names,
            [
                ("ACR for Zoho CRM", "acr4zoho"),
                ("Email Checker for Zoho CRM", "checkemail"),
                ("Phone Checker for Zoho CRM", "phonecheck"),
                ("Email to Lead for Zoho CRM", "email2lead"),
                ("MySQL Easy Sync for Zoho CRM", "mysqles"),
                ("GetResponse Leads Sync for Zoho", "getresponse"),
            ]
        );
        assert!(PRESETS.iter().all(|p| p.scope == "ZohoCRM/crmapi"));
    }

    #[test]
    fn every_preset_is_a_valid_request() {
        for preset in PRESETS {
            let request =
                crate::zoho::TokenRequest::new(preset.display_name, preset.scope).unwrap();
            assert_eq!(request.display_name(), preset.display_name);
        }
    }

    #[test]
    fn every_known_scope_validates() {
        for scope in KNOWN_SCOPES {
            assert_eq!(validate_scope(scope).as_deref(), Ok(scope));
        }
    }

    #[test]
    fn lookup_by_display_name() {
        assert_eq!(
            Preset::app_name_for("mysqles"),
            Some("MySQL Easy Sync for Zoho CRM")
        );
        assert_eq!(Preset::app_name_for("MYSQLES"), None);
        assert_eq!(Preset::app_name("mysqles"), "MySQL Easy Sync for Zoho CRM");
        assert_eq!(Preset::app_name("my tool"), "my tool");
    }
}
