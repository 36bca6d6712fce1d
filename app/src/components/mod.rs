//! The page shell shared by every page.

mod layout;
mod photo_checker;
mod route_announcer;
mod symbols;

pub use layout::LocalizedLayout;
pub use photo_checker::PhotoChecker;
pub use route_announcer::RouteAnnouncer;
pub use symbols::{BilingualSignature, CanadaWordmark, FlagSymbol};
