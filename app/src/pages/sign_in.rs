//! Signing in, in three steps: password, a new password when the current one is
//! temporary, then the one-time code from the email.
use super::PageTitle;
use crate::components::{ErrorSummary, FieldMessage, NewPasswordFields};
use crate::domain::{FieldError, StepOutcome};
use crate::i18n::*;
use crate::routes;
use crate::api::session::{current_viewer, ChangePassword, SignIn, VerifyCode};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_navigate;

/// Goes on to the next step when the server says so; returns the field errors.
fn follow<S>(action: ServerAction<S>) -> Signal<Vec<FieldError>>
where
    S: ServerFn<Output = StepOutcome, Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let i18n = use_i18n();
    let navigate = use_navigate();
    Effect::new(move || match action.value().get() {
        Some(Ok(StepOutcome::Next(stage))) => navigate(&routes::next_step(i18n.get_locale_untracked(), stage), Default::default()),
        Some(Ok(StepOutcome::SignInAgain)) => navigate(&routes::sign_in(i18n.get_locale_untracked()), Default::default()),
        _ => {}
    });
    Signal::derive(move || match action.value().get() {
        Some(Ok(StepOutcome::Invalid(errors))) => errors,
        Some(Err(error)) => vec![FieldError::new("", error.key())],
        _ => Vec::new(),
    })
}

/// The minutes left of a lock, when the server says the account is locked.
fn locked<S>(action: ServerAction<S>) -> Signal<Option<u32>>
where
    S: ServerFn<Output = StepOutcome, Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Ok(StepOutcome::Locked { minutes })) => Some(minutes),
        _ => None,
    })
}

/// Why the account is locked, and for how long.
#[component]
pub(super) fn LockedNotice(minutes: Signal<Option<u32>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        minutes.get().map(|minutes| {
            view! {
                <div class="error-summary" role="alert">
                    <p>{t!(i18n, errors.sign_in_locked)}</p>
                    <p class="locked-for">{t!(i18n, signin.locked, minutes = move || minutes)}</p>
                </div>
            }
        })
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let errors = follow(action);
    let minutes = locked(action);
    let query = leptos_router::hooks::use_query_map();
    let timed_out = move || query.with(|q| q.get("timed-out").is_some());
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, signin.title).to_owned()) />
        <h1>{t!(i18n, signin.title)}</h1>
        <Show when=timed_out>
            <p class="notice" role="status">{t!(i18n, signin.timed_out)}</p>
        </Show>
        <p>{t!(i18n, signin.intro)}</p>
        <ErrorSummary errors />
        <LockedNotice minutes />
        <ActionForm action attr:class="sign-in-form" attr:novalidate=true>
            <div class="form-group">
                <label for="username">{t!(i18n, signin.username)}</label>
                <FieldMessage errors field="username".to_owned() />
                <input type="email" id="username" name="username" autocomplete="username" required />
            </div>
            <div class="form-group">
                <label for="password">{t!(i18n, signin.password)}</label>
                <FieldMessage errors field="password".to_owned() />
                <input type="password" id="password" name="password" autocomplete="current-password" required />
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, signin.submit)}</button>
        </ActionForm>
        <p><a href=move || routes::forgot_password(i18n.get_locale())>{t!(i18n, signin.forgot_link)}</a></p>
    }
}

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let errors = follow(action);
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, signin.change_title).to_owned()) />
        <h1>{t!(i18n, signin.change_title)}</h1>
        <p>{t!(i18n, signin.change_intro)}</p>
        <ErrorSummary errors />
        <ActionForm action attr:class="change-password-form" attr:novalidate=true>
            <NewPasswordFields errors />
            <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, signin.change_submit)}</button>
        </ActionForm>
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<VerifyCode>::new();
    let errors = follow(action);
    let minutes = locked(action);
    let expired = move || minutes.with(Option::is_some) || errors.with(|e| e.iter().any(|e| e.key == crate::domain::ErrorKey::CodeExpired));
    let viewer = Resource::new(|| (), |_| current_viewer());
    let app = move || viewer.get().and_then(Result::ok).flatten().is_some_and(|v| v.uses_authenticator);
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, signin.verify_title).to_owned()) />
        <h1>{t!(i18n, signin.verify_title)}</h1>
        <Transition>
            <p>{move || if app() { t_string!(i18n, signin.verify_app_intro) } else { t_string!(i18n, signin.verify_intro) }}</p>
        </Transition>
        <ErrorSummary errors />
        <LockedNotice minutes />
        <Show when=expired>
            <p><a href=move || routes::sign_in(i18n.get_locale())>{t!(i18n, signin.again)}</a></p>
        </Show>
        <ActionForm action attr:class="verify-form" attr:novalidate=true>
            <div class="form-group">
                <label for="code">
                    <Transition>{move || if app() { t_string!(i18n, signin.code_app) } else { t_string!(i18n, signin.code) }}</Transition>
                </label>
                <FieldMessage errors field="code".to_owned() />
                <input type="text" id="code" name="code" autocomplete="one-time-code" class="code-input" />
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, signin.verify_submit)}</button>
        </ActionForm>
    }
}
