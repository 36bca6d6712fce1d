use crate::components::BilingualSignature;
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::{Html, Title};
use leptos_router::hooks::use_location;

/// The bilingual 404 page, answered with status 404. The language of the
/// address (if any) comes first.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::error::set_response_status(http::StatusCode::NOT_FOUND);

    let path = use_location().pathname.get_untracked();
    let first = routes::locale_of_path(&path).unwrap_or(Locale::en);
    let second = routes::other_locale(first);
    let title = format!(
        "{} – {}",
        td_string!(first, not_found.title),
        td_string!(second, not_found.title)
    );

    view! {
        <Html {..} lang=first.as_str() />
        <Title text=title />
        <header class="gc-header">
            <div class="container gc-topbar">
                <BilingualSignature first=first />
            </div>
        </header>
        <main id="main-content" class="container not-found" tabindex="-1">
            <NotFoundSection locale=first />
            <NotFoundSection locale=second />
        </main>
    }
}

#[component]
fn NotFoundSection(locale: Locale) -> impl IntoView {
    view! {
        <section lang=locale.as_str()>
            <h1>
                {td!(locale, not_found.title)}
                " "
                <small>"(" {td!(locale, not_found.error)} ")"</small>
            </h1>
            <p>{td!(locale, not_found.body)}</p>
            <p>
                <a href=routes::home(locale)>{td!(locale, not_found.go_home)}</a>
            </p>
        </section>
    }
}
