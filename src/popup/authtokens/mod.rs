//! The Authtokens view: making a legacy authtoken (`generate`: from a preset,
//! the custom form, or a problem's remedies), the saved ones drawn (`list`,
//! one `row` each) and what the user does with one (`saved`: reveal, copy,
//! forget, undo). Its sibling `oauth` is the Self Client view.

pub mod generate;
pub mod list;
pub mod row;
pub mod saved;
