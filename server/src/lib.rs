#![recursion_limit = "512"]
//! The portal's server: HTTP, database, command line.

pub mod accounts;
pub mod answers;
pub mod api;
pub mod api_tokens;
pub mod audit;
pub mod authenticator;
pub mod cases;
pub mod casework;
pub mod cli;
pub mod config;
pub mod db;
pub mod entities;
pub mod invitations;
pub mod mail;
pub mod migration;
pub mod officers;
pub mod password_policy;
pub mod page_tasks;
pub mod passwords;
pub mod photo_check;
pub mod photos;
pub mod request_scope;
pub mod secrets;
pub mod startup;
pub mod telemetry;
