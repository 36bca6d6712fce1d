//! Account security: the one-time code, a lock after wrong codes, a change of
//! the second step, and a forgotten password's link.
use super::{base, bilingual_body};
use crate::mail::OutgoingEmail;
use app::domain::Email;

pub const CODE_SUBJECT: &str = "Your one-time code / Votre code à usage unique";
pub const LOCKED_SUBJECT: &str = "Your account is locked / Votre compte est verrouillé";
pub const CHANGED_SUBJECT: &str = "Your second step changed / Votre deuxième étape a changé";
pub const RESET_SUBJECT: &str =
    "Reset your PR Confirmation Portal password / Réinitialiser votre mot de passe du Portail de confirmation de la RP";

pub fn one_time_code(to: Email, name: &str, code: &str, minutes: i64) -> OutgoingEmail {
    let english = format!(
        "Your one-time code for the PR Confirmation Portal is:\n\n    {code}\n\n\
         Enter it on the sign-in page within {minutes} minutes. If you did not just sign in, change your \
         password: someone else may know it."
    );
    let french = format!(
        "Votre code à usage unique pour le Portail de confirmation de la RP est :\n\n    {code}\n\n\
         Entrez-le sur la page de connexion d'ici {minutes} minutes. Si vous ne venez pas de vous connecter, \
         changez votre mot de passe : quelqu'un d'autre le connaît peut-être."
    );
    OutgoingEmail { to, subject: CODE_SUBJECT.to_owned(), body: bilingual_body(name, &english, &french) }
}

/// After `codes` wrong one-time codes, the account is locked for `minutes`.
pub fn account_locked(to: Email, name: &str, codes: i32, minutes: i64) -> OutgoingEmail {
    let english = format!(
        "Someone entered the password of your PR Confirmation Portal account, then {codes} wrong one-time codes. \
         To protect you, the account is locked for {minutes} minutes and every session was ended.\n\n\
         If this was not you, someone else knows your password: once the lock ends, reset it with \
         \"Forgot your password?\" on the sign-in page."
    );
    let french = format!(
        "Quelqu'un a entré le mot de passe de votre compte du Portail de confirmation de la RP, puis {codes} codes à usage \
         unique erronés. Pour vous protéger, le compte est verrouillé pendant {minutes} minutes et toutes les sessions \
         ont été fermées.\n\nSi ce n'était pas vous, quelqu'un d'autre connaît votre mot de passe : à la fin du \
         verrouillage, réinitialisez-le avec « Mot de passe oublié? » sur la page de connexion."
    );
    OutgoingEmail { to, subject: LOCKED_SUBJECT.to_owned(), body: bilingual_body(name, &english, &french) }
}

/// What changed in the second step, for the owner's email and the audit log.
#[derive(Clone, Copy)]
pub enum SecondFactorChange {
    SetUp,
    Replaced,
    Removed,
}

pub fn second_factor_changed(to: Email, name: &str, change: SecondFactorChange) -> OutgoingEmail {
    let (english, french) = match change {
        SecondFactorChange::SetUp => ("An authenticator app was set up", "Une application d'authentification a été configurée"),
        SecondFactorChange::Replaced => {
            ("Your authenticator app was replaced by another", "Votre application d'authentification a été remplacée par une autre")
        }
        SecondFactorChange::Removed => (
            "Your authenticator app was removed: one-time codes now come by email",
            "Votre application d'authentification a été retirée : les codes à usage unique arrivent de nouveau par courriel",
        ),
    };
    let english = format!(
        "{english} for your PR Confirmation Portal account, and every other session of the account was ended.\n\n\
         If this was not you, reset your password now with \"Forgot your password?\" on the sign-in page."
    );
    let french = format!(
        "{french} pour votre compte du Portail de confirmation de la RP, et toutes les autres sessions du compte ont \
         été fermées.\n\nSi ce n'était pas vous, réinitialisez votre mot de passe dès maintenant avec « Mot de passe \
         oublié? » sur la page de connexion."
    );
    OutgoingEmail { to, subject: CHANGED_SUBJECT.to_owned(), body: bilingual_body(name, &english, &french) }
}

pub fn password_reset(to: Email, name: &str, public_url: &str, token: &str) -> OutgoingEmail {
    let base = base(public_url);
    let english = format!(
        "Someone asked to reset the password of your PR Confirmation Portal account. To choose a new password, \
         open this link within one hour. It works once, and only the newest link you asked for works.\n\n{base}/en/reset-password/{token}\n\n\
         If you did not ask for this, you can ignore this email: your password has not changed."
    );
    let french = format!(
        "Quelqu'un a demandé de réinitialiser le mot de passe de votre compte du Portail de confirmation de la RP. \
         Pour choisir un nouveau mot de passe, ouvrez ce lien d'ici une heure. Il ne fonctionne qu'une fois.\n\n\
         {base}/fr/reset-password/{token}\n\n\
         Si vous n'avez rien demandé, vous pouvez ignorer ce courriel : votre mot de passe n'a pas changé."
    );
    OutgoingEmail { to, subject: RESET_SUBJECT.to_owned(), body: bilingual_body(name, &english, &french) }
}
