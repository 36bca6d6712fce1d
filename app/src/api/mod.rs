//! Everything the browser calls on the server: the server functions, one file
//! per endpoint prefix (`/api/session/*` in `session.rs`, …), the photo
//! endpoint's path, and (on the server) the ports they reach the desks through.
#[cfg(feature = "ssr")]
pub mod context;
pub mod ecopr;
pub mod invitation;
pub mod me;
pub mod officer;
pub mod photos;
pub mod review;
#[cfg(feature = "ssr")]
pub mod ports;
pub mod session;
