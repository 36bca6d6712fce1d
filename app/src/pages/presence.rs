//! `/{lang}/profile/{id}/presence`: the declaration of presence in Canada. What
//! was said when the invitation was answered is shown as a starting point only.
use super::account::OwnProfile;
use super::PageTitle;
use crate::api::me::DeclarePresence;
use crate::components::{ErrorNotice, ErrorSummary, FieldMessage, TextField};
use crate::domain::{Declaration, DeclarationOutcome, Profile};
use crate::i18n::*;
use crate::messages::long_date;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn PresencePage() -> impl IntoView {
    view! { <OwnProfile show=|profile| view! { <PresenceStep profile /> }.into_any() /> }
}

#[component]
fn PresenceStep(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<DeclarePresence>::new();
    let errors = Signal::derive(move || match action.value().get() {
        Some(Ok(DeclarationOutcome::Invalid(errors))) => errors,
        _ => Vec::new(),
    });
    let recorded = move || matches!(action.value().get(), Some(Ok(DeclarationOutcome::Recorded(_))));
    let failure = move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let Profile { id, name, own, in_canada, return_date, declaration, .. } = profile;
    // The newest declaration: as loaded, then as the server kept the one just sent.
    let declaration = Signal::derive(move || match action.value().get() {
        Some(Ok(DeclarationOutcome::Recorded(kept))) => Some(kept),
        _ => declaration.clone(),
    });
    let chosen = move || declaration.with(|d| d.as_ref().map(|d| d.in_canada));
    let title = {
        let name = name.clone();
        Signal::derive(move || t_string!(i18n, steps.presence_title, name = name.clone()).to_string())
    };
    let yes = {
        let name = name.clone();
        move || if own { t_string!(i18n, steps.presence_yes_own).to_string() } else { t_string!(i18n, steps.presence_yes_other, name = name.clone()).to_string() }
    };
    let no = {
        let name = name.clone();
        move || if own { t_string!(i18n, steps.presence_no_own).to_string() } else { t_string!(i18n, steps.presence_no_other, name = name.clone()).to_string() }
    };
    let said = match (in_canada, return_date) {
        (Some(true), _) => Some(t_string!(i18n, steps.said_in).to_string()),
        (Some(false), Some(date)) => Some(t_string!(i18n, steps.said_out, date = long_date(i18n.get_locale_untracked(), date)).to_string()),
        _ => None,
    };
    view! {
        <PageTitle title />
        <h1>{move || title.get()}</h1>
        <p class="lead">{t!(i18n, steps.presence_intro)}</p>
        <p class="important">{t!(i18n, steps.presence_not_pr)}</p>
        <p class="presence-state"><DeclarationState declaration /></p>
        {said.map(|said| view! { <p class="presence-said">{said}" "{t!(i18n, steps.said_note)}</p> })}
        <ErrorSummary errors />
        {move || failure().map(|error| view! { <ErrorNotice error /> })}
        {move || (chosen() == Some(false)).then(|| view! { <Outside /> })}
        {move || (recorded() && chosen() == Some(true)).then(|| view! {
            <div class="notice-success" role="status">
                <p>{t!(i18n, steps.recorded)}</p>
                <p><a class="button" href=move || routes::profile_address(i18n.get_locale(), id)>{t!(i18n, steps.address_link)}</a></p>
            </div>
        })}
        <ActionForm action attr:class="presence-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id.to_string() />
            <fieldset class="form-group">
                <legend>{t!(i18n, steps.presence_legend)}</legend>
                <FieldMessage errors field="in_canada".to_owned() />
                <div class="radio">
                    <input type="radio" id="in_canada" name="declaration[in_canada]" value="yes" />
                    <label for="in_canada">{yes}</label>
                </div>
                <div class="radio">
                    <input type="radio" id="in_canada-no" name="declaration[in_canada]" value="no" />
                    <label for="in_canada-no">{no}</label>
                </div>
            </fieldset>
            <TextField
                errors
                field="expected_return".to_owned()
                name="declaration[expected_return]".to_owned()
                label=Signal::derive(move || t_string!(i18n, steps.expected_return).to_owned())
                kind="date"
            />
            <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, steps.presence_submit)}</button>
        </ActionForm>
        <p><a href=move || routes::profile(i18n.get_locale(), id)>{t!(i18n, steps.back)}</a></p>
    }
}

/// The person is outside Canada: PR cannot be confirmed now, and how to reach IRCC.
#[component]
fn Outside() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice-warning" role="status">
            <h2>{t!(i18n, steps.outside_title)}</h2>
            <p>{t!(i18n, steps.outside_body)}</p>
            <p><a href=move || t_string!(i18n, invitation.contact_ircc_url)>{t!(i18n, invitation.contact_ircc)}</a></p>
        </div>
    }
}

/// The newest declaration, in words.
#[component]
pub(super) fn DeclarationState(#[prop(into)] declaration: Signal<Option<Declaration>>) -> impl IntoView {
    let i18n = use_i18n();
    let day = move |d| long_date(i18n.get_locale(), d);
    move || match declaration.get() {
        None => t_string!(i18n, steps.not_declared).to_string(),
        Some(Declaration { in_canada: true, declared_on, declared_by: None, .. }) => {
            t_string!(i18n, steps.declared_in, date = day(declared_on)).to_string()
        }
        Some(Declaration { in_canada: true, declared_on, declared_by: Some(who), .. }) => {
            t_string!(i18n, steps.declared_in_by, date = day(declared_on), who = who).to_string()
        }
        Some(Declaration { in_canada: false, declared_on, expected_return: Some(back), .. }) => {
            t_string!(i18n, steps.declared_out_return, date = day(declared_on), back = day(back)).to_string()
        }
        Some(Declaration { in_canada: false, declared_on, expected_return: None, .. }) => {
            t_string!(i18n, steps.declared_out, date = day(declared_on)).to_string()
        }
    }
}

