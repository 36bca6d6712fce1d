//! Paths in the portal: every page lives under its language, `/en/…` or `/fr/…`.
use crate::domain::PersonId;
use crate::i18n::Locale;
use leptos_i18n::Locale as _;

/// The language named by a path's first segment, if it names one.
pub fn locale_from_segment(segment: &str) -> Option<Locale> {
    match segment {
        "en" => Some(Locale::en),
        "fr" => Some(Locale::fr),
        _ => None,
    }
}

/// The language of a whole path such as `/fr/photo-check`.
pub fn locale_of_path(path: &str) -> Option<Locale> {
    path.trim_start_matches('/').split('/').next().and_then(locale_from_segment)
}

/// The other official language.
pub fn other_locale(locale: Locale) -> Locale {
    match locale {
        Locale::en => Locale::fr,
        Locale::fr => Locale::en,
    }
}

/// The same page in another language: `/en/a/b?x` becomes `/fr/a/b?x`.
pub fn switch_language(path: &str, query: &str, to: Locale) -> String {
    let rest = path
        .trim_start_matches('/')
        .split_once('/')
        .map(|(_, rest)| rest)
        .unwrap_or("");
    let mut href = format!("/{}/{}", to.as_str(), rest);
    if !query.is_empty() {
        href.push('?');
        href.push_str(query.trim_start_matches('?'));
    }
    href
}

/// A path with its language segment removed, to tell a change of page from a change of language.
pub fn without_language(path: &str) -> &str {
    let trimmed = path.trim_start_matches('/');
    match trimmed.split_once('/') {
        Some((first, rest)) if locale_from_segment(first).is_some() => rest.trim_end_matches('/'),
        None if locale_from_segment(trimmed).is_some() => "",
        _ => path,
    }
}

/// The home page in a language.
pub fn home(locale: Locale) -> String {
    format!("/{}/", locale.as_str())
}

/// The public photo-check page in a language.
pub fn photo_check(locale: Locale) -> String {
    format!("/{}/photo-check", locale.as_str())
}

pub fn sign_in(locale: Locale) -> String {
    format!("/{}/sign-in", locale.as_str())
}

pub fn forgot_password(locale: Locale) -> String {
    format!("/{}/forgot-password", locale.as_str())
}

pub fn change_password(locale: Locale) -> String {
    format!("/{}/change-password", locale.as_str())
}

pub fn verify(locale: Locale) -> String {
    format!("/{}/verify", locale.as_str())
}

/// An applicant's home once signed in: their steps.
pub fn steps_home(locale: Locale) -> String {
    format!("/{}/home", locale.as_str())
}

/// The inbox of messages from IRCC.
pub fn messages(locale: Locale) -> String {
    format!("/{}/messages", locale.as_str())
}

pub fn account(locale: Locale) -> String {
    format!("/{}/account", locale.as_str())
}

pub fn authenticator(locale: Locale) -> String {
    format!("/{}/account/authenticator", locale.as_str())
}

pub fn profile(locale: Locale, id: PersonId) -> String {
    format!("/{}/profile/{id}", locale.as_str())
}

/// The declaration of presence for a profile.
pub fn profile_presence(locale: Locale, id: PersonId) -> String {
    format!("/{}/profile/{id}/presence", locale.as_str())
}

/// The mailing address step for a profile.
pub fn profile_address(locale: Locale, id: PersonId) -> String {
    format!("/{}/profile/{id}/address", locale.as_str())
}

/// The photo step for a profile.
pub fn profile_photo(locale: Locale, id: PersonId) -> String {
    format!("/{}/profile/{id}/photo", locale.as_str())
}

pub fn officer_cases(locale: Locale) -> String {
    format!("/{}/officer/cases", locale.as_str())
}

/// A value for a query string: letters, digits and `-._~` as they are, the rest percent-encoded (UTF-8).
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// An officer's page of one case.
pub fn officer_case(locale: Locale, id: crate::domain::CaseId) -> String {
    format!("/{}/officer/cases/{id}", locale.as_str())
}

/// The people ready to confirm, across cases.
pub fn officer_ready(locale: Locale) -> String {
    format!("/{}/officer/confirm", locale.as_str())
}

/// The public page that verifies an eCOPR by its code.
pub fn ecopr_verification(locale: Locale, code: &str) -> String {
    format!("/{}/ecopr/{}", locale.as_str(), query_value(code))
}

pub fn officer_photos(locale: Locale) -> String {
    format!("/{}/officer/photos", locale.as_str())
}

pub fn new_case(locale: Locale) -> String {
    format!("/{}/officer/cases/new", locale.as_str())
}

pub fn import_cases(locale: Locale) -> String {
    format!("/{}/officer/cases/import", locale.as_str())
}

/// Where a session at this stage goes next.
pub fn next_step(locale: Locale, stage: crate::domain::Stage) -> String {
    use crate::domain::Stage;
    match stage {
        Stage::ChangePassword => change_password(locale),
        Stage::SecondFactor => verify(locale),
        Stage::Active => steps_home(locale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(query_value("Nguyễn mai&x=1"), "Nguy%E1%BB%85n%20mai%26x%3D1");
    }

    #[test]
    fn switching_language_keeps_the_rest_of_the_address() {
        assert_eq!(switch_language("/en/", "", Locale::fr), "/fr/");
        assert_eq!(switch_language("/en", "", Locale::fr), "/fr/");
        assert_eq!(switch_language("/fr/photo-check", "?step=2", Locale::en), "/en/photo-check?step=2");
    }

    #[test]
    fn language_is_read_from_the_first_segment_only() {
        assert_eq!(locale_of_path("/fr/x"), Some(Locale::fr));
        assert_eq!(locale_of_path("/en"), Some(Locale::en));
        assert_eq!(locale_of_path("/de/x"), None);
        assert_eq!(locale_of_path("/x/fr"), None);
        assert_eq!(locale_of_path("/"), None);
    }

    #[test]
    fn a_change_of_language_is_not_a_change_of_page() {
        assert_eq!(without_language("/en/"), without_language("/fr"));
        assert_eq!(without_language("/en/a/b"), without_language("/fr/a/b/"));
        assert_ne!(without_language("/en/a"), without_language("/en/b"));
    }
}
