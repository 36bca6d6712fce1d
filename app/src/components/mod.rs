//! The page shell shared by every page.

mod layout;
mod route_announcer;
mod symbols;

pub use layout::LocalizedLayout;
pub use route_announcer::RouteAnnouncer;
pub use symbols::{BilingualSignature, CanadaWordmark, FlagSymbol};
