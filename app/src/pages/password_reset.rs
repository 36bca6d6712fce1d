//! A forgotten password: a link by email (which never says whether the address
//! has an account), then a new password.
use super::PageTitle;
use crate::components::{ErrorNotice, ErrorSummary, NewPasswordFields};
use crate::domain::{FieldError, ResetOutcome};
use crate::i18n::*;
use crate::routes;
use crate::api::session::{RequestPasswordReset, ResetPassword};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, signin.forgot_title).to_owned()) />
        <h1>{t!(i18n, signin.forgot_title)}</h1>
        {move || match action.value().get() {
            Some(Ok(())) => view! { <p class="notice" role="status">{t!(i18n, signin.forgot_sent)}</p> }.into_any(),
            failed => view! {
                {failed.and_then(Result::err).map(|error| view! { <ErrorNotice error /> })}
                <p>{t!(i18n, signin.forgot_intro)}</p>
                <ActionForm action attr:novalidate=true>
                    <div class="form-group">
                        <label for="email">{t!(i18n, signin.email)}</label>
                        <input type="email" id="email" name="email" autocomplete="email" />
                    </div>
                    <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, signin.forgot_submit)}</button>
                </ActionForm>
            }
            .into_any(),
        }}
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let action = ServerAction::<ResetPassword>::new();
    let errors = Signal::derive(move || match action.value().get() {
        Some(Ok(ResetOutcome::Invalid(errors))) => errors,
        Some(Err(error)) => vec![FieldError::new("", error.key())],
        _ => Vec::new(),
    });
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, signin.reset_title).to_owned()) />
        <h1>{t!(i18n, signin.reset_title)}</h1>
        {move || match action.value().get() {
            Some(Ok(ResetOutcome::Changed)) => view! {
                <p class="notice" role="status">{t!(i18n, signin.reset_done)}</p>
                <p><a href=move || routes::sign_in(i18n.get_locale())>{t!(i18n, signin.title)}</a></p>
            }
            .into_any(),
            Some(Ok(ResetOutcome::LinkDead)) => view! {
                <p class="field-error" role="alert">{t!(i18n, signin.reset_dead)}</p>
                <p><a href=move || routes::forgot_password(i18n.get_locale())>{t!(i18n, signin.forgot_link)}</a></p>
            }
            .into_any(),
            _ => view! {
                <ErrorSummary errors />
                <ActionForm action attr:novalidate=true>
                    <input type="hidden" name="token" value=token />
                    <NewPasswordFields errors />
                    <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, signin.reset_submit)}</button>
                </ActionForm>
            }
            .into_any(),
        }}
    }
}
