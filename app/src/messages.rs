//! Message keys as text in either language, for what is said outside a page:
//! the API's field errors, emails.
use crate::domain::{ErrorKey, Missing, Province, Relationship, ReturnReason, COUNTRY_NAMES};
use crate::i18n::{td_string, Locale};
use leptos::prelude::Signal;
use leptos_i18n::I18nContext;

macro_rules! error_messages {
    ($locale:expr, $key:expr; $($name:ident),* $(,)?) => {
        match $key {
            $(stringify!($name) => td_string!($locale, errors.$name),)*
            _ => unreachable!("every error key has a message (tested)"),
        }
    };
}

/// The text of an error key.
pub fn error_message(locale: Locale, key: ErrorKey) -> &'static str {
    error_messages!(locale, key.as_str();
        application_number_empty, application_number_invalid,
        date_empty, date_invalid, date_future, date_too_early,
        people_empty, people_too_many, principal_missing, principal_several, principal_email_missing,
        uci_empty, uci_invalid, uci_repeated,
        name_empty, name_too_long, name_control,
        sex_invalid, country_invalid, email_invalid, relationship_invalid,
        body_invalid,
        use_portal_missing, account_choice_missing, email_empty, email_repeated, email_taken,
        in_canada_missing, return_date_past, unavailable, bad_request,
        username_empty, password_empty, sign_in_invalid, sign_in_locked, sign_in_throttled, temporary_expired,
        password_too_short, password_too_long, password_common, password_personal, password_same, password_mismatch, current_password_wrong,
        code_invalid, code_expired, sign_in_required, forbidden, not_found, presence_required, already_confirmed, busy,
        photo_refused, photo_confirm_needed,
        street_empty, city_empty, address_line_invalid, province_missing, postal_code_empty, postal_code_invalid, postal_code_province,
        decision_missing, reason_missing, note_missing, note_invalid,
    )
}

/// A day as people write it: "December 1, 2026", « 1er décembre 2026 ».
pub fn long_date(locale: Locale, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const EN: [&str; 12] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];
    const FR: [&str; 12] = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ];
    let (month, d, year) = (day.month0() as usize, day.day(), day.year());
    match locale {
        Locale::en => format!("{} {d}, {year}", EN[month]),
        Locale::fr if d == 1 => format!("1er {} {year}", FR[month]),
        Locale::fr => format!("{d} {} {year}", FR[month]),
    }
}

/// A country's name in the language, from its ISO 3166-1 alpha-3 code; the
/// code itself for one the table does not know.
pub fn country_name(locale: Locale, code: &str) -> String {
    match COUNTRY_NAMES.binary_search_by(|(known, ..)| known.cmp(&code)) {
        Ok(at) => match locale {
            Locale::en => COUNTRY_NAMES[at].1.to_owned(),
            Locale::fr => COUNTRY_NAMES[at].2.to_owned(),
        },
        Err(_) => code.to_owned(),
    }
}

/// A province's or territory's name, as Canada Post and the Government of Canada write it.
/// The provinces and territories as a form's choices, named in the page's language.
pub fn province_choices(i18n: I18nContext<Locale>) -> Vec<(&'static str, Signal<String>)> {
    Province::ALL.into_iter().map(|p| (p.code(), Signal::derive(move || province_name(i18n.get_locale(), p).to_owned()))).collect()
}

/// IRCC's reasons for returning a photo as a form's choices.
pub fn return_reason_choices(i18n: I18nContext<Locale>) -> Vec<(&'static str, Signal<String>)> {
    ReturnReason::ALL.into_iter().map(|r| (r.code(), Signal::derive(move || return_reason(i18n.get_locale(), r).to_owned()))).collect()
}

pub fn province_name(locale: Locale, province: Province) -> &'static str {
    match province {
        Province::NL => td_string!(locale, provinces.NL),
        Province::PE => td_string!(locale, provinces.PE),
        Province::NS => td_string!(locale, provinces.NS),
        Province::NB => td_string!(locale, provinces.NB),
        Province::QC => td_string!(locale, provinces.QC),
        Province::ON => td_string!(locale, provinces.ON),
        Province::MB => td_string!(locale, provinces.MB),
        Province::SK => td_string!(locale, provinces.SK),
        Province::AB => td_string!(locale, provinces.AB),
        Province::BC => td_string!(locale, provinces.BC),
        Province::YT => td_string!(locale, provinces.YT),
        Province::NT => td_string!(locale, provinces.NT),
        Province::NU => td_string!(locale, provinces.NU),
    }
}

pub fn relationship_name(locale: Locale, relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::Principal => td_string!(locale, cases.rel_principal),
        Relationship::Spouse => td_string!(locale, cases.rel_spouse),
        Relationship::CommonLawPartner => td_string!(locale, cases.rel_common_law_partner),
        Relationship::Child => td_string!(locale, cases.rel_child),
        Relationship::OtherDependant => td_string!(locale, cases.rel_other_dependant),
    }
}

/// A place as each language writes it: "Toronto, Ontario", « Toronto (Ontario) ».
pub fn place_name(locale: Locale, city: &str, province: Province) -> String {
    match locale {
        Locale::en => format!("{city}, {}", province_name(locale, province)),
        Locale::fr => format!("{city} ({})", province_name(locale, province)),
    }
}

/// What a person still needs before PR is confirmed, as a sentence.
pub fn missing_text(locale: Locale, missing: Missing) -> &'static str {
    match missing {
        Missing::Presence => td_string!(locale, confirm.missing_presence),
        Missing::Address => td_string!(locale, confirm.missing_address),
        Missing::AcceptedPhoto => td_string!(locale, confirm.missing_photo),
        Missing::DateBeforeApproval => td_string!(locale, confirm.missing_date),
    }
}

macro_rules! audit_actions {
    ($locale:expr, $code:expr; $($name:ident),* $(,)?) => {
        match $code {
            $(stringify!($name) => td_string!($locale, audit.$name).to_owned(),)*
            other => other.to_owned(),
        }
    };
}

/// An audit line's action in words; one the page does not know shows as its code.
pub fn audit_action(locale: Locale, code: &str) -> String {
    audit_actions!(locale, code;
        account_created, address_given, case_created, invitation_answered, invitation_sent, photo_sent,
        photo_accepted, photo_returned, presence_declared, pr_confirmed, ecopr_downloaded,
    )
}

/// Why a photo was sent back, in plain words.
pub fn return_reason(locale: Locale, reason: ReturnReason) -> &'static str {
    match reason {
        ReturnReason::TooDark => td_string!(locale, review.reason_too_dark),
        ReturnReason::BackgroundNotWhite => td_string!(locale, review.reason_background_not_white),
        ReturnReason::FeaturesHidden => td_string!(locale, review.reason_features_hidden),
        ReturnReason::Glare => td_string!(locale, review.reason_glare),
        ReturnReason::Measurements => td_string!(locale, review.reason_measurements),
        ReturnReason::FileSize => td_string!(locale, review.reason_file_size),
        ReturnReason::Other => td_string!(locale, review.reason_other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_named_in_each_language() {
        assert_eq!(country_name(Locale::en, "VNM"), "Vietnam");
        assert_eq!(country_name(Locale::fr, "VNM"), "Viêt Nam");
        assert_eq!(country_name(Locale::fr, "GBR"), "Royaume-Uni");
        assert_eq!(country_name(Locale::en, "XKX"), "XKX");
    }

    #[test]
    fn days_are_written_as_each_language_writes_them() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(1987, 7, d).unwrap();
        assert_eq!(long_date(Locale::en, day(2)), "July 2, 1987");
        assert_eq!(long_date(Locale::fr, day(2)), "2 juillet 1987");
        assert_eq!(long_date(Locale::fr, day(1)), "1er juillet 1987");
    }

    #[test]
    fn every_error_key_has_its_own_text_in_both_languages() {
        for &key in ErrorKey::ALL {
            let (en, fr) = (error_message(Locale::en, key), error_message(Locale::fr, key));
            assert!(!en.is_empty() && !fr.is_empty() && en != fr, "{key:?}");
        }
    }
}

