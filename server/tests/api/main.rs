//! Integration tests: the real server on port 0, spoken to over HTTP, once on
//! SQLite and once on PostgreSQL.
mod helpers;

mod attacks;
mod authenticator;
mod cases_api;
mod casework;
mod cli;
mod database;
mod ecopr;
mod ecopr_pdf;
mod headers;
mod invitations;
mod messages;
mod outbox;
mod pages;
mod reminders;
mod resets;
mod review;
mod roles;
mod photos;
mod sign_in;
mod steps;
mod under_load;
