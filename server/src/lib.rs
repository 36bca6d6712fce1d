#![recursion_limit = "512"]
//! The portal's server: HTTP, database, command line.

pub mod cli;
pub mod config;
pub mod db;
pub mod entities;
pub mod migration;
pub mod officers;
pub mod passwords;
pub mod photo_check;
pub mod startup;
pub mod telemetry;
