//! sea-orm entities, one module a table.
pub mod user;
