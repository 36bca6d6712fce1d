//! One module a page.

mod account;
mod address;
mod authenticator;
mod home;
mod invitation;
mod language_splash;
mod messages;
mod not_found;
mod ecopr_verification;
mod officer_case;
mod officer_case_form;
mod officer_confirm;
mod officer_cases;
mod officer_import;
mod officer_photos;
mod officer_ready;
mod password_reset;
mod photo_check;
mod presence;
mod profile_photo;
mod sign_in;
mod steps_home;

pub use account::{AccountPage, ProfilePage};
pub use address::AddressPage;
pub use authenticator::AuthenticatorPage;
pub use home::HomePage;
pub use invitation::InvitationPage;
pub use language_splash::LanguageSplash;
pub use messages::MessagesPage;
pub use not_found::NotFoundPage;
pub use officer_case::OfficerCasePage;
pub use officer_case_form::NewCasePage;
pub use ecopr_verification::EcoprVerificationPage;
pub use officer_cases::OfficerCasesPage;
pub use officer_import::ImportCasesPage;
pub use officer_photos::OfficerPhotosPage;
pub use officer_ready::OfficerReadyPage;
pub use password_reset::{ForgotPasswordPage, ResetPasswordPage};
pub use photo_check::PhotoCheckPage;
pub use presence::PresencePage;
pub use profile_photo::ProfilePhotoPage;
pub use sign_in::{ChangePasswordPage, SignInPage, VerifyPage};
pub use steps_home::StepsHomePage;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// `<title>`: the page's own title, then the portal's name.
#[component]
pub fn PageTitle(#[prop(into)] title: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <Title text=move || format!("{} – {}", title.get(), t_string!(i18n, title_suffix)) /> }
}
