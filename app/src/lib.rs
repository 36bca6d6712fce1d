//! The portal's pages, components and the types shared by browser and server.
#![recursion_limit = "512"]

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod messages;
pub mod pages;
pub mod routes;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document the server renders around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // Before the hydration scripts, so it restores a draft before they run.
                <script src="/keep-draft.js" defer></script>
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Scripts run only from this site or with this response's nonce (the inline
/// hydration script); the WebAssembly needs `'wasm-unsafe-eval'`.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
    let (Some(nonce), Some(response)) =
        (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser: this marks the page as taken over by the
    // WebAssembly, for styles and tests that need to know.
    Effect::new(|| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/portal.css" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Router>
            <Routes fallback=pages::NotFoundPage>
                <Route path=path!("/") view=pages::LanguageSplash />
                <ParentRoute path=path!("/:lang") view=components::LocalizedLayout>
                    <Route path=path!("") view=pages::HomePage />
                    <Route path=path!("photo-check") view=pages::PhotoCheckPage />
                    <Route path=path!("sign-in") view=pages::SignInPage />
                    <Route path=path!("change-password") view=pages::ChangePasswordPage />
                    <Route path=path!("verify") view=pages::VerifyPage />
                    <Route path=path!("forgot-password") view=pages::ForgotPasswordPage />
                    <Route path=path!("reset-password/:token") view=pages::ResetPasswordPage />
                    // Rendered whole before sending, so that a redirect or a 403/404/410 status can still be
                    // set, and the title (set by what the page shows) is in the head.
                    <Route path=path!("invitation/:token") view=pages::InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("home") view=pages::StepsHomePage ssr=SsrMode::Async />
                    <Route path=path!("messages") view=pages::MessagesPage ssr=SsrMode::Async />
                    <Route path=path!("account") view=pages::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("account/authenticator") view=pages::AuthenticatorPage ssr=SsrMode::Async />
                    <Route path=path!("profile/:id") view=pages::ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("profile/:id/photo") view=pages::ProfilePhotoPage ssr=SsrMode::Async />
                    <Route path=path!("profile/:id/presence") view=pages::PresencePage ssr=SsrMode::Async />
                    <Route path=path!("profile/:id/address") view=pages::AddressPage ssr=SsrMode::Async />
                    <Route path=path!("officer/cases") view=pages::OfficerCasesPage ssr=SsrMode::Async />
                    <Route path=path!("officer/cases/new") view=pages::NewCasePage ssr=SsrMode::Async />
                    <Route path=path!("officer/cases/import") view=pages::ImportCasesPage ssr=SsrMode::Async />
                    <Route path=path!("officer/cases/:id") view=pages::OfficerCasePage ssr=SsrMode::Async />
                    <Route path=path!("officer/photos") view=pages::OfficerPhotosPage ssr=SsrMode::Async />
                    <Route path=path!("officer/confirm") view=pages::OfficerReadyPage ssr=SsrMode::Async />
                    <Route path=path!("ecopr/:code") view=pages::EcoprVerificationPage ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
