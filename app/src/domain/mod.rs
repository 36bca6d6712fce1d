//! Domain values that can only exist once valid ("parse, don't validate").
//! Shared by the browser (for messages on the field) and the server (the real gate).

/// Serde goes through `parse` (`try_from = "String"`), and back through `as_str`.
macro_rules! text_conversions {
    ($type:ty, $error:ty) => {
        impl TryFrom<String> for $type {
            type Error = $error;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$type> for String {
            fn from(value: $type) -> Self {
                value.as_str().to_owned()
            }
        }
    };
}
use text_conversions;

mod address;
mod answer;
mod application_number;
mod case_file;
mod casework;
mod confirmation;
mod country;
mod country_names;
mod email;
mod field_error;
mod new_case;
mod notice;
mod password;
mod person_name;
mod photo_submission;
mod ids;
mod journey;
mod presence;
mod relationship;
mod review;
mod token;
mod role;
mod session;
mod sex;
mod uci;

pub use address::{MailingAddress, PostalCode, PostalCodeError, Province, RawAddress};
pub use answer::{field, Account, Answer, AnswerOutcome, InvitationState, InvitedPerson, OpenInvitation, PersonAnswer, Presence, RawAnswer, RawPersonAnswer};
pub use application_number::{ApplicationNumber, ApplicationNumberError};
pub use case_file::{CaseFile, PersonFile, PrConfirmed, SentPhoto, TrailActor, TrailEntry};
pub use casework::{CaseOutcome, ImportReport, ImportedRow, RowResult, Unreadable};
pub use confirmation::{download_until, initials, DOWNLOAD_DAYS, ConfirmOutcome, Confirmation, Confirmed, Missing, PersonConfirmed, RawConfirmation, ReadyPage, ReadyPerson, Verification, VerificationCode, CODE_ALPHABET, MAX_CONFIRM};
pub use country::{Country, CountryError};
pub use email::{Email, EmailError};
pub use field_error::{ErrorKey, FieldError};
pub use new_case::{NewCase, NewPerson, RawCase, RawPerson, MAX_PEOPLE};
pub use password::{Password, PasswordError};
pub use photo_submission::{PhotoOutcome, PhotoStatus};
pub use person_name::{full_name, PersonName, PersonNameError};
pub use ids::{CaseId, PersonId, UserId};
pub use journey::{deadline, EcoprCard, Facts, PersonCard, PhotoFact, Step, StepStatus, DAYS_TO_COMPLETE};
pub use presence::{AddressOutcome, Declaration, DeclarationOutcome, Declared, RawDeclaration};
pub use country_names::COUNTRY_NAMES;
pub use notice::{Message, Notice};
pub use relationship::{Relationship, RelationshipError};
pub use review::{Decision, EarlierPhoto, PhotoKey, RawDecision, ReturnReason, Review, ReviewItem, ReviewOutcome, ReviewQueue, MAX_NOTE};
pub use token::Token;
pub use role::Role;
pub use session::{PersonProgress, AuthenticatorOutcome, AuthenticatorSetup, CasePage, CaseSummary, Profile, ProfileSummary, ResetOutcome, Stage, StepOutcome, Viewer};
pub use sex::{Sex, SexError};
pub use uci::{Uci, UciError};
