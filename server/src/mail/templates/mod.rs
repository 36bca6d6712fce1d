//! Every email the portal sends, its subject and its text in English then
//! French, in one place: `sign_in` for account security, `invitations` for a
//! case's invitation and the accounts its answer makes.
mod applicants;
mod invitations;
mod messages;
mod sign_in;

pub use applicants::{deadline_reminder, REMINDER_SUBJECT};
pub use messages::{notice, PHOTO_ACCEPTED_SUBJECT, PHOTO_RECEIVED_SUBJECT, PHOTO_RETURNED_SUBJECT, PR_CONFIRMED_SUBJECT};
pub use invitations::{account_created, invitation, ACCOUNT_SUBJECT, INVITATION_SUBJECT};
pub use sign_in::{
    account_locked, one_time_code, password_reset, second_factor_changed, SecondFactorChange, CHANGED_SUBJECT, CODE_SUBJECT,
    LOCKED_SUBJECT, RESET_SUBJECT,
};

/// One message in both languages: English first, then French, each signed by IRCC.
pub fn bilingual_body(name: &str, english: &str, french: &str) -> String {
    format!(
        "(Le français suit l'anglais.)\n\nDear {name},\n\n{english}\n\nImmigration, Refugees and Citizenship Canada\n\n\
         ------------------------------------------------------------\n\n\
         Bonjour {name},\n\n{french}\n\nImmigration, Réfugiés et Citoyenneté Canada\n"
    )
}

/// The site's address without a trailing slash, for links.
fn base(public_url: &str) -> &str {
    public_url.trim_end_matches('/')
}
