//! What an applicant is reminded of.
use super::{base, bilingual_body};
use crate::mail::{long_dates, OutgoingEmail};
use app::domain::Email;
use chrono::{NaiveDate, TimeZone, Utc};

pub const REMINDER_SUBJECT: &str =
    "Reminder: your photo and mailing address / Rappel : votre photo et votre adresse postale";

/// `name` completes `person`'s steps (themself, or a child's); `days_left` to `deadline`.
pub fn deadline_reminder(to: Email, name: &str, person: &str, deadline: NaiveDate, days_left: i64, public_url: &str) -> OutgoingEmail {
    let base = base(public_url);
    let (en_date, fr_date) = long_dates(Utc.from_utc_datetime(&deadline.and_time(chrono::NaiveTime::MIN)));
    let english = format!(
        "The photo and the mailing address for {person} must be given in the PR Confirmation Portal by {en_date}: \
         {days_left} days from today. Sign in at {base}/en/sign-in to finish these steps. If they are not given in time, \
         IRCC cannot confirm permanent residence through the portal."
    );
    let french = format!(
        "La photo et l'adresse postale de {person} doivent être données dans le Portail de confirmation de la RP d'ici \
         le {fr_date}, soit dans {days_left} jours. Connectez-vous à {base}/fr/sign-in pour terminer ces étapes. Si elles \
         ne sont pas données à temps, IRCC ne pourra pas confirmer la résidence permanente au moyen du portail."
    );
    OutgoingEmail { to, subject: REMINDER_SUBJECT.to_owned(), body: bilingual_body(name, &english, &french) }
}
