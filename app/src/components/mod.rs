//! The page shell shared by every page.

mod error_summary;
mod layout;
mod photo_checker;
mod route_announcer;
mod symbols;

pub use error_summary::{ErrorSummary, FieldMessage};
pub use layout::LocalizedLayout;
pub use photo_checker::PhotoChecker;
pub use route_announcer::RouteAnnouncer;
pub use symbols::{BilingualSignature, CanadaWordmark, FlagSymbol};
