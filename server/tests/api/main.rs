//! Integration tests: the real server on port 0, spoken to over HTTP, once on
//! SQLite and once on PostgreSQL.
mod helpers;

mod cli;
mod database;
mod pages;
