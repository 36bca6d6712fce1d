//! The page shell shared by every page.

mod error_summary;
mod go_to_sign_in;
mod layout;
mod new_password;
mod pager;
mod photo_checker;
mod route_announcer;
mod session_timeout;
mod signed_in_only;
mod symbols;
mod text_field;

pub use error_summary::{ErrorNotice, ErrorSummary, FieldMessage};
pub use go_to_sign_in::GoToSignIn;
pub use layout::LocalizedLayout;
pub use new_password::NewPasswordFields;
pub use pager::Pager;
pub use photo_checker::{CheckList, PhotoChecker};
pub use route_announcer::RouteAnnouncer;
pub use session_timeout::SessionTimeout;
pub use signed_in_only::SignedInOnly;
pub use symbols::{BilingualSignature, CanadaWordmark, FlagSymbol};
pub use text_field::{SelectField, TextAreaField, TextField};
