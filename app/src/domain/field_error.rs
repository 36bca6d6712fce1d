use serde::{Deserialize, Serialize};

macro_rules! error_keys {
    ($($variant:ident => $key:literal),* $(,)?) => {
        /// What is wrong with a field: a key of the translations (`errors.<key>`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorKey { $($variant),* }

        impl ErrorKey {
            pub const ALL: &'static [ErrorKey] = &[$(ErrorKey::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(ErrorKey::$variant => $key),* }
            }
        }
    };
}

error_keys! {
    ApplicationNumberEmpty => "application_number_empty",
    ApplicationNumberInvalid => "application_number_invalid",
    DateEmpty => "date_empty",
    DateInvalid => "date_invalid",
    DateFuture => "date_future",
    DateTooEarly => "date_too_early",
    PeopleEmpty => "people_empty",
    PeopleTooMany => "people_too_many",
    PrincipalMissing => "principal_missing",
    PrincipalSeveral => "principal_several",
    PrincipalEmailMissing => "principal_email_missing",
    UciEmpty => "uci_empty",
    UciInvalid => "uci_invalid",
    UciRepeated => "uci_repeated",
    NameEmpty => "name_empty",
    NameTooLong => "name_too_long",
    NameControl => "name_control",
    SexInvalid => "sex_invalid",
    CountryInvalid => "country_invalid",
    EmailInvalid => "email_invalid",
    RelationshipInvalid => "relationship_invalid",
    BodyInvalid => "body_invalid",
    UsePortalMissing => "use_portal_missing",
    AccountChoiceMissing => "account_choice_missing",
    EmailEmpty => "email_empty",
    EmailRepeated => "email_repeated",
    EmailTaken => "email_taken",
    InCanadaMissing => "in_canada_missing",
    ReturnDatePast => "return_date_past",
    Unavailable => "unavailable",
    BadRequest => "bad_request",
    UsernameEmpty => "username_empty",
    PasswordEmpty => "password_empty",
    SignInInvalid => "sign_in_invalid",
    SignInLocked => "sign_in_locked",
    SignInThrottled => "sign_in_throttled",
    TemporaryExpired => "temporary_expired",
    PasswordTooShort => "password_too_short",
    PasswordTooLong => "password_too_long",
    PasswordCommon => "password_common",
    PasswordPersonal => "password_personal",
    PasswordSame => "password_same",
    PasswordMismatch => "password_mismatch",
    CurrentPasswordWrong => "current_password_wrong",
    CodeInvalid => "code_invalid",
    CodeExpired => "code_expired",
    SignInRequired => "sign_in_required",
    Forbidden => "forbidden",
    NotFound => "not_found",
    PresenceRequired => "presence_required",
    AlreadyConfirmed => "already_confirmed",
    Busy => "busy",
    PhotoRefused => "photo_refused",
    PhotoConfirmNeeded => "photo_confirm_needed",
    StreetEmpty => "street_empty",
    CityEmpty => "city_empty",
    AddressLineInvalid => "address_line_invalid",
    ProvinceMissing => "province_missing",
    PostalCodeEmpty => "postal_code_empty",
    PostalCodeInvalid => "postal_code_invalid",
    PostalCodeProvince => "postal_code_province",
    DecisionMissing => "decision_missing",
    ReasonMissing => "reason_missing",
    NoteMissing => "note_missing",
    NoteInvalid => "note_invalid",
}

/// A field that is wrong, by its path in the input (`people[1].uci`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub key: ErrorKey,
}

impl FieldError {
    pub fn new(field: impl Into<String>, key: ErrorKey) -> Self {
        Self { field: field.into(), key }
    }
}
