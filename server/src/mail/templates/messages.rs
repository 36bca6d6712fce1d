//! The email that goes with each message in the inbox: what happened, and
//! where to read it.
use super::{base, bilingual_body};
use crate::mail::OutgoingEmail;
use app::domain::{Email, Notice};

pub const PHOTO_RECEIVED_SUBJECT: &str = "We received a photo / Nous avons reçu une photo";

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
    };
    let english = format!("{english}\n\nYour messages: {base}/en/messages");
    let french = format!("{french}\n\nVos messages : {base}/fr/messages");
    OutgoingEmail { to, subject: subject.to_owned(), body: bilingual_body(name, &english, &french) }
}
