//! sea-orm entities, one module a table.
pub mod address;
pub mod api_token;
pub mod audit_event;
pub mod case;
pub mod declaration;
pub mod ecopr;
pub mod invitation;
pub mod message;
pub mod outbox_message;
pub mod password_reset;
pub mod person;
pub mod photo;
pub mod photo_claim;
pub mod photo_review;
pub mod recovery_code;
pub mod session;
pub mod user;
