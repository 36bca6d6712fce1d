//! Invitations: a single-use link to the case's principal applicant, by a
//! bilingual email (English, then French, in one message).
use crate::audit::{self, Action, Actor};
use crate::entities::{case, invitation};
use crate::mail::{self, OutgoingEmail};
use crate::secrets::tokens;
use app::domain::Email;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// The subject IRCC uses, in both languages.
pub const SUBJECT: &str = "Permanent Residence Portal (PR Confirmation) / Portail de résidence permanente (Confirmation de la RP)";

/// Where the invitation is sent, and to whom it is addressed.
pub struct Invitee<'a> {
    pub email: &'a Email,
    pub name: String,
}

/// Creates a new invitation for the case and queues its email, in the caller's transaction.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    case: &case::Model,
    invitee: &Invitee<'_>,
    actor: &Actor,
    public_url: &str,
    valid_days: u32,
) -> Result<(), DbErr> {
    let token = tokens::random_token();
    let now = Utc::now();
    let expires_at = now + Duration::days(i64::from(valid_days));
    let row = invitation::ActiveModel {
        case_id: Set(case.id),
        token_hash: Set(tokens::token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let email = OutgoingEmail {
        to: invitee.email.clone(),
        subject: SUBJECT.to_owned(),
        body: body(&invitee.name, &case.application_number, public_url, &token, expires_at),
    };
    mail::enqueue(db, &email).await?;
    audit::record(
        db,
        actor,
        Action::InvitationSent,
        &format!("case:{}", case.id),
        serde_json::json!({ "invitation": row.id, "expires_at": expires_at }),
    )
    .await
}

fn body(name: &str, application_number: &str, public_url: &str, token: &str, expires_at: DateTime<Utc>) -> String {
    let base = public_url.trim_end_matches('/');
    let (en_date, fr_date) = mail::long_dates(expires_at);
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
    mail::bilingual_body(name, &english, &french)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_email_carries_one_link_per_language_and_the_expiry_in_words() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let text = body("Mai Nguyễn", "E001234567", "https://portal.example/", "tok", at);
        assert!(text.contains("https://portal.example/en/invitation/tok\n"));
        assert!(text.contains("https://portal.example/fr/invitation/tok\n"));
        assert!(text.contains("expires on December 1, 2026"));
        assert!(text.contains("expire le 1er décembre 2026"));
        assert!(text.find("Dear").unwrap() < text.find("Bonjour").unwrap());
    }
}
