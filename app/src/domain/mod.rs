//! Domain values that can only exist once valid ("parse, don't validate").
//! Shared by the browser (for messages on the field) and the server (the real gate).

mod email;
mod person_name;

pub use email::{Email, EmailError};
pub use person_name::{PersonName, PersonNameError};
