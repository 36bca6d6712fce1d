//! `/{lang}/profile/{id}/address`: the mailing address in Canada the PR card
//! goes to; open once the person has declared they are in Canada.
use super::account::OwnProfile;
use super::PageTitle;
use crate::api::me::{CopyAddress, GiveAddress};
use crate::components::{ErrorNotice, ErrorSummary, SelectField, TextField};
use crate::domain::{AddressOutcome, FieldError, MailingAddress, Profile, Province};
use crate::i18n::*;
use crate::messages::province_choices;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn AddressPage() -> impl IntoView {
    view! { <OwnProfile show=|profile| view! { <AddressStep profile /> }.into_any() /> }
}

#[component]
fn AddressStep(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let Profile { id, name, declaration, address, addresses_to_copy, .. } = profile;
    let title = Signal::derive(move || t_string!(i18n, steps.address_title, name = name.clone()).to_string());
    if !declaration.is_some_and(|d| d.in_canada) {
        return view! { <PageTitle title /><h1>{move || title.get()}</h1><NeedsPresence id /> }.into_any();
    }
    let action = ServerAction::<GiveAddress>::new();
    let copy = ServerAction::<CopyAddress>::new();
    // The fields hold the address given before, or the one just copied.
    let shown = Memo::new(move |_| match copy.value().get() {
        Some(Ok(AddressOutcome::Saved(copied))) => Some(copied),
        _ => address.clone(),
    });
    let errors = Signal::derive(move || match action.value().get() {
        Some(Ok(AddressOutcome::Invalid(errors))) => errors,
        _ => Vec::new(),
    });
    let failure = move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let saved = move || {
        [action.value().get(), copy.value().get()].into_iter().any(|outcome| matches!(outcome, Some(Ok(AddressOutcome::Saved(_)))))
    };
    let copy_failure = move || match copy.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    view! {
        <PageTitle title />
        <h1>{move || title.get()}</h1>
        <p class="lead">{t!(i18n, steps.address_intro)}</p>
        <ErrorSummary errors />
        {move || failure().or_else(copy_failure).map(|error| view! { <ErrorNotice error /> })}
        {move || saved().then(|| view! {
            <div class="notice-success" role="status"><p>{t!(i18n, steps.address_saved)}</p></div>
        })}
        {(!addresses_to_copy.is_empty()).then(|| view! {
            <ActionForm action=copy attr:class="copy-address">
                <input type="hidden" name="id" value=id.to_string() />
                <div class="form-group">
                    <label for="copy-from">{t!(i18n, steps.copy_from)}</label>
                    <select id="copy-from" name="from">
                        {addresses_to_copy.into_iter().map(|(from, name)| view! { <option value=from.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button-secondary" disabled=move || copy.pending().get()>{t!(i18n, steps.copy_submit)}</button>
            </ActionForm>
        })}
        <ActionForm action attr:class="address-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id.to_string() />
            {move || view! { <AddressFields errors given=shown.get() /> }}
            <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, steps.address_submit)}</button>
        </ActionForm>
        <p><a href=move || routes::profile(i18n.get_locale(), id)>{t!(i18n, steps.back)}</a></p>
    }
    .into_any()
}

#[component]
/// The address's fields, holding the address given before, if any.
fn AddressFields(errors: Signal<Vec<FieldError>>, given: Option<MailingAddress>) -> impl IntoView {
    let i18n = use_i18n();
    let label = |f: fn(_) -> &'static str| Signal::derive(move || f(i18n).to_owned());
    let chosen = given.as_ref().map(|a| a.province);
    let line = |f: fn(&MailingAddress) -> Option<String>| given.as_ref().and_then(f).unwrap_or_default();
    let (street, unit, city) = (line(|a| Some(a.street.clone())), line(|a| a.unit.clone()), line(|a| Some(a.city.clone())));
    let (postal_code, care_of) = (line(|a| Some(a.postal_code.to_string())), line(|a| a.care_of.clone()));
    view! {
        <TextField errors field="street".into() name="address[street]".into() label=label(|i| t_string!(i, steps.street)) value=street autocomplete="address-line1" />
        <TextField errors field="unit".into() name="address[unit]".into() label=label(|i| t_string!(i, steps.unit)) value=unit autocomplete="address-line2" />
        <TextField errors field="city".into() name="address[city]".into() label=label(|i| t_string!(i, steps.city)) value=city autocomplete="address-level2" />
        <SelectField
            errors
            field="province".into()
            name="address[province]".into()
            label=label(|i| t_string!(i, steps.province))
            choose=label(|i| t_string!(i, steps.choose))
            options=province_choices(i18n)
            selected=chosen.map(Province::code).unwrap_or_default()
            autocomplete="address-level1"
        />
        <TextField errors field="postal_code".into() name="address[postal_code]".into() label=label(|i| t_string!(i, steps.postal_code)) value=postal_code autocomplete="postal-code" />
        <TextField errors field="care_of".into() name="address[care_of]".into() label=label(|i| t_string!(i, steps.care_of)) value=care_of />
    }
}

/// The address and photo steps wait for the declaration of presence in Canada.
#[component]
pub(super) fn NeedsPresence(id: crate::domain::PersonId) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice-warning" role="status">
            <h2>{t!(i18n, steps.needs_presence_title)}</h2>
            <p>{t!(i18n, steps.needs_presence_body)}</p>
            <p><a class="button" href=move || routes::profile_presence(i18n.get_locale(), id)>{t!(i18n, steps.presence_link)}</a></p>
        </div>
    }
}
