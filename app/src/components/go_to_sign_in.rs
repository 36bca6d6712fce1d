use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Sends a signed-out visitor to the sign-in page: a redirect when the server
/// renders the page, a navigation in the browser.
#[component]
pub fn GoToSignIn() -> impl IntoView {
    let i18n = use_i18n();
    let path = routes::sign_in(i18n.get_locale_untracked());
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(&path);
    let navigate = use_navigate();
    let target = path.clone();
    Effect::new(move || navigate(&target, Default::default()));
    view! { <p><a href=path>{t!(i18n, errors.sign_in_required)}</a></p> }
}
