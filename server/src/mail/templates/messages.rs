//! The email that goes with each message in the inbox: what happened, and
//! where to read it.
use super::{base, bilingual_body};
use crate::mail::OutgoingEmail;
use app::domain::{Email, Notice};
use app::i18n::Locale;
use app::messages::return_reason;
use app::domain::DOWNLOAD_DAYS;

pub const PHOTO_RECEIVED_SUBJECT: &str = "We received a photo / Nous avons reçu une photo";
pub const PHOTO_ACCEPTED_SUBJECT: &str = "Your photo is accepted / Votre photo est acceptée";
pub const PHOTO_RETURNED_SUBJECT: &str = "A new photo is needed / Une nouvelle photo est nécessaire";
pub const PR_CONFIRMED_SUBJECT: &str = "Permanent residence confirmed / Résidence permanente confirmée";

pub fn notice(to: Email, name: &str, notice: &Notice, public_url: &str) -> OutgoingEmail {
    let base = base(public_url);
    let (subject, english, french) = match notice {
        Notice::PhotoReceived { name: person, sent_anyway, .. } => {
            let (en_more, fr_more) = if *sent_anyway {
                (" It was sent despite failed checks: an officer will decide whether it can be used.", " Elle a été envoyée malgré des vérifications échouées : un agent décidera si elle peut être utilisée.")
            } else {
                (" An officer will review it.", " Un agent l'examinera.")
            };
            (
                PHOTO_RECEIVED_SUBJECT,
                format!("We received the PR card photo of {person}.{en_more}"),
                format!("Nous avons reçu la photo pour la carte RP : {person}.{fr_more}"),
            )
        }
        Notice::PhotoAccepted { name: person, .. } => (
            PHOTO_ACCEPTED_SUBJECT,
            format!("An officer accepted the PR card photo of {person}. IRCC confirms permanent residence once every step is done."),
            format!("Un agent a accepté la photo pour la carte RP : {person}. IRCC confirme la résidence permanente une fois toutes les étapes terminées."),
        ),
        Notice::PhotoReturned { name: person, reason, note, .. } => {
            let (en_note, fr_note) = match note {
                Some(note) => (format!("\nThe officer's note: {note}"), format!("\nLa note de l'agent : {note}")),
                None => (String::new(), String::new()),
            };
            (
                PHOTO_RETURNED_SUBJECT,
                format!(
                    "An officer could not use the PR card photo of {person}. {}{en_note}\nPlease sign in and send a new photo.",
                    return_reason(Locale::en, *reason)
                ),
                format!(
                    "Un agent n'a pas pu utiliser la photo pour la carte RP : {person}. {}{fr_note}\nConnectez-vous et envoyez une nouvelle photo.",
                    return_reason(Locale::fr, *reason)
                ),
            )
        }
        Notice::PrConfirmed { name: person, .. } => (
            PR_CONFIRMED_SUBJECT,
            format!(
                "IRCC confirmed the permanent residence of {person}. Sign in to download the electronic Confirmation of Permanent Residence (eCOPR) within {days} days: {base}/en/home\nThe PR card will be mailed to the address given.",
                days = DOWNLOAD_DAYS
            ),
            format!(
                "IRCC a confirmé la résidence permanente : {person}. Connectez-vous pour télécharger la confirmation de résidence permanente électronique (eCOPR) d'ici {days} jours : {base}/fr/home\nLa carte RP sera postée à l'adresse donnée.",
                days = DOWNLOAD_DAYS
            ),
        ),
    };
    let english = format!("{english}\n\nYour messages: {base}/en/messages");
    let french = format!("{french}\n\nVos messages : {base}/fr/messages");
    OutgoingEmail { to, subject: subject.to_owned(), body: bilingual_body(name, &english, &french) }
}
