use crate::i18n::*;
use crate::pages::NotFoundPage;
use crate::routes;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Html;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};

use super::{CanadaWordmark, FlagSymbol, RouteAnnouncer, SessionTimeout};
use crate::domain::Stage;
use crate::api::me::unread_messages;
use crate::api::session::current_viewer;

/// Everything under `/{lang}/`: the language comes from the address, so the
/// toggle is a plain link and a page can be shared in either language.
#[component]
pub fn LocalizedLayout() -> impl IntoView {
    let params = use_params_map();
    let locale = Memo::new(move |_| {
        params.with(|p| p.get("lang").as_deref().and_then(routes::locale_from_segment))
    });

    // Rebuild the page only when the address stops (or starts) naming a language:
    // a change of language re-translates the same components, so nothing typed is lost.
    let has_locale = Memo::new(move |_| locale.get().is_some());

    move || {
        if has_locale.get() {
            let current = Signal::derive(move || locale.get().unwrap_or_default());
            view! {
                <I18nSubContextProvider initial_locale=current>
                    <Html {..} lang=move || current.get().as_str() />
                    <PageShell />
                </I18nSubContextProvider>
            }
            .into_any()
        } else {
            view! { <NotFoundPage /> }.into_any()
        }
    }
}

#[component]
fn PageShell() -> impl IntoView {
    let i18n = use_i18n();
    let home = move || routes::home(i18n.get_locale());
    view! {
        <a class="skip-link" href="#main-content" on:click=skip_to_main>
            {t!(i18n, shell.skip_to_main)}
        </a>
        <header class="gc-header">
            <div class="container gc-topbar">
                <a class="gc-signature" href=home aria-label=move || t_string!(i18n, shell.home_link)>
                    <FlagSymbol />
                    <span class="gc-signature-text">{t!(i18n, shell.goc)}</span>
                </a>
                <LanguageToggle />
            </div>
            <div class="app-bar">
                <div class="container">
                    <a class="app-name" href=home>
                        {t!(i18n, site_name)}
                    </a>
                    <AccountMenu />
                </div>
            </div>
        </header>
        <main id="main-content" class="container" tabindex="-1">
            <Outlet />
        </main>
        <footer class="gc-footer">
            <div class="container gc-footer-inner">
                <p>{t!(i18n, shell.footer_about)}</p>
                <CanadaWordmark label=Signal::derive(move || t_string!(i18n, shell.footer_wordmark).to_owned()) />
            </div>
        </footer>
        <RouteAnnouncer />
    }
}

/// Without the WebAssembly the browser follows the link itself; with it, the
/// router would treat it as a navigation, so focus is moved here.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(main) = document()
        .get_element_by_id("main-content")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        event.prevent_default();
        let _ = main.focus();
        main.scroll_into_view();
    }
}

/// The app bar's sign-in link, or who is signed in (with the idle timeout).
#[component]
fn AccountMenu() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // Asked again at each page change, which also counts as activity.
    let viewer = Resource::new(move || location.pathname.get(), |_| current_viewer());
    let unread = Resource::new(move || location.pathname.get(), |_| unread_messages());
    view! {
        <nav class="account-menu" aria-label=move || t_string!(i18n, shell.account_nav)>
            <Transition>
                {move || Suspend::new(async move {
                    match viewer.await {
                        Ok(Some(viewer)) if viewer.stage == Stage::Active => {
                            // Awaited like the viewer, so the server renders the count the
                            // browser then hydrates (read unawaited, the two could differ).
                            let unread = unread.await.unwrap_or(0);
                            view! {
                            <span class="signed-in">{t!(i18n, shell.signed_in_as)}" "{viewer.name.clone()}</span>
                            <a href=move || routes::messages(i18n.get_locale()) class="messages-link">
                                {t!(i18n, shell.messages)}
                                {(unread > 0).then(|| view! {
                                    " "<span class="unread-count">{t!(i18n, shell.unread, count = move || unread)}</span>
                                })}
                            </a>
                            <a href=move || routes::account(i18n.get_locale())>{t!(i18n, shell.your_account)}</a>
                            <SessionTimeout timeout_minutes=viewer.idle_timeout_minutes warning_minutes=viewer.idle_warning_minutes />
                            }
                            .into_any()
                        }
                        _ => view! { <a href=move || routes::sign_in(i18n.get_locale())>{t!(i18n, shell.sign_in)}</a> }.into_any(),
                    }
                })}
            </Transition>
        </nav>
    }
}

/// Links to the same page in the other official language, keeping the query and fragment.
#[component]
fn LanguageToggle() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let href = move || {
        routes::switch_language(
            &location.pathname.get(),
            &location.search.get(),
            routes::other_locale(i18n.get_locale()),
        )
    };
    let other = move || t_string!(i18n, shell.other_language_code);
    view! {
        <nav class="language-toggle" aria-label=move || t_string!(i18n, shell.language_nav)>
            <a href=href lang=other hreflang=other aria-label=move || t_string!(i18n, shell.other_language_aria)>
                {t!(i18n, shell.other_language)}
            </a>
        </nav>
    }
}
