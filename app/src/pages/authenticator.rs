//! `/{lang}/account/authenticator`: set up an authenticator app, move to
//! another one, or stop using it. Each asks for the password, and for the
//! app's code when one is in use, so that someone holding only a session
//! cannot take the second factor; a first code from a new app confirms it,
//! then its recovery codes are shown once.
use super::sign_in::LockedNotice;
use super::PageTitle;
use crate::components::{ErrorSummary, FieldMessage, GoToSignIn, SignedInOnly};
use crate::domain::{AuthenticatorOutcome, FieldError, Stage};
use crate::i18n::*;
use crate::routes;
use crate::api::me::{ConfirmAuthenticator, RemoveAuthenticator, StartAuthenticator};
use crate::api::session::current_viewer;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AuthenticatorPage() -> impl IntoView {
    view! { <SignedInOnly><Authenticator /></SignedInOnly> }
}

/// The field errors of an action's answer (a failure of the service has no field).
fn field_errors<S>(action: ServerAction<S>, prefix: &'static str) -> Signal<Vec<FieldError>>
where
    S: ServerFn<Output = AuthenticatorOutcome, Error = crate::error::AppError> + Clone + Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Ok(AuthenticatorOutcome::Invalid(errors))) => {
            errors.into_iter().map(|e| FieldError::new(format!("{prefix}{}", e.field), e.key)).collect()
        }
        Some(Err(error)) => vec![FieldError::new("", error.key())],
        _ => Vec::new(),
    })
}

fn locked_minutes<S>(action: ServerAction<S>) -> Signal<Option<u32>>
where
    S: ServerFn<Output = AuthenticatorOutcome, Error = crate::error::AppError> + Clone + Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Ok(AuthenticatorOutcome::Locked { minutes })) => Some(minutes),
        _ => None,
    })
}

#[component]
fn Authenticator() -> impl IntoView {
    let i18n = use_i18n();
    let viewer = Resource::new(|| (), |_| current_viewer());
    let start = ServerAction::<StartAuthenticator>::new();
    let confirm = ServerAction::<ConfirmAuthenticator>::new();
    let remove = ServerAction::<RemoveAuthenticator>::new();
    // One summary for the page: of the last form sent.
    Effect::new(move || {
        if start.input().with(Option::is_some) {
            remove.value().set(None);
        }
    });
    Effect::new(move || {
        if remove.input().with(Option::is_some) {
            start.value().set(None);
        }
    });
    let start_errors = field_errors(start, "");
    let remove_errors = field_errors(remove, "remove-");
    let errors = Signal::derive(move || [start_errors.get(), remove_errors.get()].concat());
    let locked = Signal::derive(move || locked_minutes(start).get().or(locked_minutes(remove).get()));
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, account.app_title).to_owned()) />
        <h1>{t!(i18n, account.app_title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(Some(viewer)) = viewer.await.map(|v| v.filter(|v| v.stage == Stage::Active)) else {
                    return view! { <GoToSignIn /> }.into_any();
                };
                let in_use = viewer.uses_authenticator;
                view! {
                    {move || match (confirm.value().get(), remove.value().get(), start.value().get()) {
                        (Some(Ok(AuthenticatorOutcome::Confirmed { recovery_codes })), _, _) => view! {
                            <p class="notice" role="status">{t!(i18n, account.app_done)}</p>
                            <ul class="recovery-codes">{recovery_codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
                            <p><a href=move || routes::account(i18n.get_locale())>{t!(i18n, account.back)}</a></p>
                        }.into_any(),
                        (_, Some(Ok(AuthenticatorOutcome::Removed)), _) => view! {
                            <p class="notice" role="status">{t!(i18n, account.app_removed)}</p>
                            <p><a href=move || routes::account(i18n.get_locale())>{t!(i18n, account.back)}</a></p>
                        }.into_any(),
                        (_, _, Some(Ok(AuthenticatorOutcome::Started(setup)))) => view! { <Scan setup confirm /> }.into_any(),
                        _ => view! {
                            <ErrorSummary errors />
                            <LockedNotice minutes=locked />
                            <Start start errors in_use />
                            {in_use.then(|| view! { <Remove remove errors /> })}
                        }.into_any(),
                    }}
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The password (and the app's code when one is in use) fields of a form, with
/// ids that begin with `prefix`.
#[component]
fn Proofs(errors: Signal<Vec<FieldError>>, in_use: bool, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let (password, code) = (format!("{prefix}password"), format!("{prefix}code"));
    view! {
        <div class="form-group">
            <label for=password.clone()>{t!(i18n, account.app_password)}</label>
            <FieldMessage errors field=password.clone() />
            <input type="password" id=password name="password" autocomplete="current-password" />
        </div>
        {in_use.then(|| view! {
            <div class="form-group">
                <label for=code.clone()>{t!(i18n, account.app_current_code)}</label>
                <FieldMessage errors field=code.clone() />
                <input type="text" id=code name="code" autocomplete="one-time-code" class="code-input" />
            </div>
        })}
    }
}

#[component]
fn Start(start: ServerAction<StartAuthenticator>, errors: Signal<Vec<FieldError>>, in_use: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="app-start-title">
            {if in_use {
                view! {
                    <h2 id="app-start-title">{t!(i18n, account.app_replace_title)}</h2>
                    <p>{t!(i18n, account.app_replace_intro)}</p>
                }.into_any()
            } else {
                view! {
                    <h2 id="app-start-title" class="visually-hidden">{t!(i18n, account.app_title)}</h2>
                    <p>{t!(i18n, account.app_intro)}</p>
                }.into_any()
            }}
            <p>{t!(i18n, account.app_proof)}</p>
            <ActionForm action=start attr:novalidate=true>
                <Proofs errors in_use prefix="" />
                <button type="submit" class="button" disabled=move || start.pending().get()>{t!(i18n, account.app_start)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Remove(remove: ServerAction<RemoveAuthenticator>, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="app-remove-title">
            <h2 id="app-remove-title">{t!(i18n, account.app_remove_title)}</h2>
            <p>{t!(i18n, account.app_remove_intro)}</p>
            <ActionForm action=remove attr:novalidate=true>
                <Proofs errors in_use=true prefix="remove-" />
                <button type="submit" class="button button-secondary" disabled=move || remove.pending().get()>{t!(i18n, account.app_remove)}</button>
            </ActionForm>
        </section>
    }
}

/// The new app's QR code and key, and the first code that confirms it.
#[component]
fn Scan(setup: crate::domain::AuthenticatorSetup, confirm: ServerAction<ConfirmAuthenticator>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = field_errors(confirm, "");
    view! {
        <p>{t!(i18n, account.app_scan)}</p>
        <img class="qr" src=format!("data:image/png;base64,{}", setup.qr_png_base64) alt=move || t_string!(i18n, account.app_qr) width="200" height="200" />
        <p><code class="totp-secret">{setup.secret}</code></p>
        <ErrorSummary errors />
        <ActionForm action=confirm attr:novalidate=true>
            <div class="form-group">
                <label for="code">{t!(i18n, account.app_code)}</label>
                <FieldMessage errors field="code".to_owned() />
                <input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" />
            </div>
            <button type="submit" class="button" disabled=move || confirm.pending().get()>{t!(i18n, account.app_confirm)}</button>
        </ActionForm>
    }
}
