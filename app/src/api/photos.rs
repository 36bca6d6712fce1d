//! `/api/me/people/{person}/photo`: a plain HTTP endpoint rather than a server
//! function, because the photo goes as the request's body (a JPEG or PNG of up
//! to several megabytes), not as form fields. Declared here for both sides.

use crate::domain::{PersonId, PhotoKey};

/// The route, as the server's router declares it.
pub const ROUTE: &str = "/api/me/people/{person}/photo";

/// Any photo kept, for officers, by its random key (never by a number one could count).
pub const REVIEW_ROUTE: &str = "/api/officer/photos/{key}";

pub fn review_image(key: &PhotoKey) -> String {
    REVIEW_ROUTE.replace("{key}", &key.0)
}

/// Where the photo step sends a person's photo (`?anyway=true` when they chose
/// to send it despite failed checks) and reads back the newest one kept.
pub fn endpoint(person: PersonId) -> String {
    ROUTE.replace("{person}", &person.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_endpoint_names_the_person() {
        assert_eq!(super::endpoint(super::PersonId(42)), "/api/me/people/42/photo");
    }
}
