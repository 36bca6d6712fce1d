#![recursion_limit = "512"]
//! The portal's server: HTTP, database, command line.

pub mod accounts;
pub mod api;
pub mod applicants;
pub mod audit;
pub mod casework;
pub mod cli;
pub mod config;
pub mod ecopr;
pub mod db;
pub mod entities;
pub mod error;
pub mod http;
pub mod invitations;
pub mod mail;
pub mod messages;
pub mod migration;
pub mod photos;
pub mod review;
pub mod secrets;
pub mod startup;
pub mod state;
pub mod telemetry;
