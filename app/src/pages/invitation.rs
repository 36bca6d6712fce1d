//! `/{lang}/invitation/{token}`: the principal answers the invitation. The link
//! is the only credential; it works once.
use super::PageTitle;
use crate::components::{ErrorNotice, ErrorSummary, FieldMessage};
use crate::api::invitation::{load_invitation, AnswerInvitation};
use crate::domain::{field, AnswerOutcome, FieldError, InvitationState, InvitedPerson, OpenInvitation};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let state = Resource::new(token, load_invitation);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, invitation.loading)}</p> }>
            {move || Suspend::new(async move {
                match state.await {
                    Ok(InvitationState::Open(invitation)) => view! { <AnswerForm invitation token=token() /> }.into_any(),
                    Ok(closed) => view! { <Closed state=closed /> }.into_any(),
                    Err(error) => view! { <Unavailable error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An invitation that cannot be answered, and what to do.
#[component]
fn Closed(state: InvitationState) -> impl IntoView {
    let i18n = use_i18n();
    let expired = matches!(state, InvitationState::Expired);
    let used = matches!(state, InvitationState::Used);
    // Gone once expired or answered; never issued, not found.
    #[cfg(feature = "ssr")]
    crate::error::set_response_status(if expired || used { http::StatusCode::GONE } else { http::StatusCode::NOT_FOUND });
    let title = move || {
        if expired {
            t_string!(i18n, invitation.expired_title)
        } else if used {
            t_string!(i18n, invitation.used_title)
        } else {
            t_string!(i18n, invitation.unknown_title)
        }
    };
    let body = move || {
        if expired {
            t_string!(i18n, invitation.expired_body)
        } else if used {
            t_string!(i18n, invitation.used_body)
        } else {
            t_string!(i18n, invitation.unknown_body)
        }
    };
    view! {
        <PageTitle title=Signal::derive(move || title().to_owned()) />
        <h1>{title}</h1>
        <p>{body}</p>
        <p><a href=move || t_string!(i18n, invitation.contact_ircc_url)>{t!(i18n, invitation.contact_ircc)}</a></p>
    }
}

#[component]
fn Unavailable(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, invitation.title).to_owned()) />
        <h1>{t!(i18n, invitation.title)}</h1>
        <ErrorNotice error />
    }
}

#[component]
fn AnswerForm(invitation: OpenInvitation, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AnswerInvitation>::new();
    let errors = Signal::derive(move || match action.value().get() {
        Some(Ok(AnswerOutcome::Invalid(errors))) => errors,
        _ => Vec::new(),
    });
    let failure = move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let outcome = move || match action.value().get() {
        Some(Ok(outcome @ (AnswerOutcome::Accepted { .. } | AnswerOutcome::Declined | AnswerOutcome::Closed(_)))) => Some(outcome),
        _ => None,
    };
    let number = invitation.application_number.clone();
    let people = invitation.people;

    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, invitation.title).to_owned()) />
        {move || match outcome() {
            Some(AnswerOutcome::Accepted { accounts }) => view! {
                <h1>{t!(i18n, invitation.accepted_title)}</h1>
                <p>{t!(i18n, invitation.accepted_body)}</p>
                <ul class="accounts">{accounts.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
            }.into_any(),
            Some(AnswerOutcome::Declined) => view! {
                <h1>{t!(i18n, invitation.declined_title)}</h1>
                <p>{t!(i18n, invitation.declined_body)}</p>
            }.into_any(),
            Some(AnswerOutcome::Closed(state)) => view! { <Closed state /> }.into_any(),
            _ => {
                let (token, number, people) = (token.clone(), number.clone(), people.clone());
                view! {
                <h1>{t!(i18n, invitation.title)}</h1>
                <p class="application-number">
                    {t!(i18n, invitation.application_number)}" "<strong>{number}</strong>
                </p>
                <p>{t!(i18n, invitation.intro)}</p>
                <ErrorSummary errors />
                {move || failure().map(|error| view! { <ErrorNotice error /> })}
                <ActionForm action attr:class="answer-form" attr:novalidate=true>
                    <input type="hidden" name="token" value=token />
                    <fieldset class="form-group">
                        <legend>{t!(i18n, invitation.use_portal_legend)}</legend>
                        <FieldMessage errors field=field::USE_PORTAL.to_owned() />
                        <div class="radio">
                            <input type="radio" id="use-portal-yes" name="answer[use_portal]" value="yes" />
                            <label for="use-portal-yes">{t!(i18n, invitation.use_portal_yes)}</label>
                        </div>
                        <div class="radio">
                            <input type="radio" id="use-portal-no" name="answer[use_portal]" value="no" />
                            <label for="use-portal-no">{t!(i18n, invitation.use_portal_no)}</label>
                        </div>
                    </fieldset>
                    <h2>{t!(i18n, invitation.people_heading)}</h2>
                    <p class="hint">{t!(i18n, invitation.people_hint)}</p>
                    {people.into_iter().enumerate().map(|(index, person)| view! { <PersonFields index person errors /> }).collect_view()}
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {t!(i18n, invitation.submit)}
                    </button>
                    <p class="form-progress" role="status">
                        {move || action.pending().get().then(|| t_string!(i18n, invitation.sending))}
                    </p>
                </ActionForm>
                }.into_any()
            }
        }}
    }
}

/// One person's questions, named `answer[people][i][…]` for the server function.
#[component]
fn PersonFields(index: usize, person: InvitedPerson, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = person.id;
    let name = |what: &str| format!("answer[people][{index}][{what}]");
    let has_error = move |field: String| errors.with(|e| e.iter().any(|e| e.field == field));
    let described = move |field: String| has_error(field.clone()).then(|| format!("{field}-error"));
    let note = if person.principal {
        Some(t_string!(i18n, invitation.you))
    } else if !person.adult {
        Some(t_string!(i18n, invitation.child))
    } else {
        None
    };
    let email_field = field::email(id);
    let date_field = field::return_date(id);
    view! {
        <section class="person" aria-labelledby=format!("person-{id}-name")>
            <h3 id=format!("person-{id}-name")>
                {person.name.clone()}
                {note.map(|note| view! { <span class="person-note">" ("{note}")"</span> })}
            </h3>
            <input type="hidden" name=name("id") value=id.to_string() />
            {(person.adult && !person.principal).then(|| view! {
                <fieldset class="form-group">
                    <legend>{t!(i18n, invitation.account_legend)}</legend>
                    <FieldMessage errors field=field::account(id) />
                    <div class="radio">
                        <input type="radio" id=field::account(id) name=name("account") value="own" />
                        <label for=field::account(id)>{t!(i18n, invitation.account_own)}</label>
                    </div>
                    <div class="radio">
                        <input type="radio" id=format!("person-{id}-account-held") name=name("account") value="held" />
                        <label for=format!("person-{id}-account-held")>{t!(i18n, invitation.account_held)}</label>
                    </div>
                </fieldset>
            })}
            {person.adult.then(|| {
                let (field_a, field_b, field_c) = (email_field.clone(), email_field.clone(), email_field.clone());
                view! {
                    <div class="form-group">
                        <label for=email_field.clone()>{t!(i18n, invitation.email_label)}</label>
                        <p class="hint" id=format!("{email_field}-hint")>
                            {if person.principal { t!(i18n, invitation.email_hint).into_any() } else { t!(i18n, invitation.email_hint_held).into_any() }}
                        </p>
                        <FieldMessage errors field=field_a />
                        <input
                            type="email"
                            id=email_field.clone()
                            name=name("email")
                            autocomplete="email"
                            value=person.email.clone().unwrap_or_default()
                            aria-invalid=move || has_error(field_b.clone()).to_string()
                            aria-describedby=move || described(field_c.clone()).unwrap_or_else(|| format!("{}-hint", field_c))
                        />
                    </div>
                }
            })}
            <fieldset class="form-group">
                <legend>{t!(i18n, invitation.in_canada_legend)}</legend>
                <FieldMessage errors field=field::in_canada(id) />
                <div class="radio">
                    <input type="radio" id=field::in_canada(id) name=name("in_canada") value="yes" />
                    <label for=field::in_canada(id)>{t!(i18n, invitation.yes)}</label>
                </div>
                <div class="radio">
                    <input type="radio" id=format!("person-{id}-in-canada-no") name=name("in_canada") value="no" />
                    <label for=format!("person-{id}-in-canada-no")>{t!(i18n, invitation.no)}</label>
                </div>
            </fieldset>
            <div class="form-group">
                <label for=date_field.clone()>{t!(i18n, invitation.return_date_label)}</label>
                <p class="hint" id=format!("{date_field}-hint")>{t!(i18n, invitation.return_date_hint)}</p>
                <FieldMessage errors field=date_field.clone() />
                <input type="date" id=date_field.clone() name=name("return_date") aria-describedby=format!("{date_field}-hint") />
            </div>
        </section>
    }
}
