//! A case's invitation to its principal applicant, and the account details
//! sent to each person once the invitation is answered.
use super::{base, bilingual_body};
use crate::mail::{long_dates, OutgoingEmail};
use app::domain::Email;
use chrono::{DateTime, Utc};

/// The subject IRCC uses, in both languages.
pub const INVITATION_SUBJECT: &str =
    "Permanent Residence Portal (PR Confirmation) / Portail de résidence permanente (Confirmation de la RP)";
pub const ACCOUNT_SUBJECT: &str = "Your PR Confirmation Portal account / Votre compte du Portail de confirmation de la RP";

pub fn invitation(
    to: Email,
    name: &str,
    application_number: &str,
    public_url: &str,
    token: &str,
    expires_at: DateTime<Utc>,
) -> OutgoingEmail {
    let base = base(public_url);
    let (en_date, fr_date) = long_dates(expires_at);
    let english = format!(
        "Your application for permanent residence in Canada (application number {application_number}) has been approved. \
         You can now confirm your permanent residence online, without an in-person interview.\n\n\
         Open this link to tell us whether you want to use the PR Confirmation Portal and, for each person on your \
         application, their email address and whether they are in Canada now:\n\n\
         {base}/en/invitation/{token}\n\n\
         The link works once and expires on {en_date}. If it has expired, contact Immigration, Refugees and Citizenship \
         Canada (IRCC) to receive a new one. Do not share this link. IRCC will never ask you for a password by email."
    );
    let french = format!(
        "Votre demande de résidence permanente au Canada (numéro de demande {application_number}) a été approuvée. \
         Vous pouvez maintenant confirmer votre résidence permanente en ligne, sans entrevue en personne.\n\n\
         Ouvrez ce lien pour nous dire si vous souhaitez utiliser le Portail de confirmation de la RP et, pour chaque \
         personne de votre demande, son adresse courriel et si elle est au Canada en ce moment :\n\n\
         {base}/fr/invitation/{token}\n\n\
         Le lien ne fonctionne qu'une fois et expire le {fr_date}. S'il a expiré, communiquez avec Immigration, \
         Réfugiés et Citoyenneté Canada (IRCC) pour en recevoir un nouveau. Ne communiquez ce lien à personne. \
         IRCC ne vous demandera jamais de mot de passe par courriel."
    );
    OutgoingEmail { to, subject: INVITATION_SUBJECT.to_owned(), body: bilingual_body(name, &english, &french) }
}

/// A new account's username and temporary password, valid until `expires_at`.
pub fn account_created(to: Email, name: &str, public_url: &str, password: &str, expires_at: DateTime<Utc>) -> OutgoingEmail {
    let base = base(public_url);
    let (en_date, fr_date) = long_dates(expires_at);
    let english = format!(
        "Your account on the PR Confirmation Portal is ready.\n\n\
         Username: {to}\n\
         Temporary password: {password}\n\n\
         Sign in at {base}/en/sign-in before {en_date}, when the temporary password expires. You will first choose a \
         password of your own. Do not share these details. IRCC will never ask you for your password."
    );
    let french = format!(
        "Votre compte du Portail de confirmation de la RP est prêt.\n\n\
         Nom d'utilisateur : {to}\n\
         Mot de passe temporaire : {password}\n\n\
         Connectez-vous à {base}/fr/sign-in avant le {fr_date}, date d'expiration du mot de passe temporaire. Vous \
         choisirez d'abord votre propre mot de passe. Ne communiquez ces renseignements à personne. IRCC ne vous \
         demandera jamais votre mot de passe."
    );
    OutgoingEmail { to, subject: ACCOUNT_SUBJECT.to_owned(), body: bilingual_body(name, &english, &french) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_invitation_carries_one_link_per_language_and_the_expiry_in_words() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let to = Email::parse("mai@example.com").unwrap();
        let text = invitation(to, "Mai Nguyễn", "E001234567", "https://portal.example/", "tok", at).body;
        assert!(text.contains("https://portal.example/en/invitation/tok\n"));
        assert!(text.contains("https://portal.example/fr/invitation/tok\n"));
        assert!(text.contains("expires on December 1, 2026"));
        assert!(text.contains("expire le 1er décembre 2026"));
        assert!(text.find("Dear").unwrap() < text.find("Bonjour").unwrap());
    }
}
