//! `/{lang}/officer/cases/new`: an approved case entered by hand, checked by the
//! same parser as the API and the import.
use super::PageTitle;
use crate::components::{ErrorNotice, ErrorSummary, FieldMessage, SignedInOnly, TextField};
use crate::domain::{CaseOutcome, FieldError, Relationship};
use crate::i18n::*;
use crate::api::officer::CreateCase;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn NewCasePage() -> impl IntoView {
    view! { <SignedInOnly staff=true><NewCaseForm /></SignedInOnly> }
}

#[component]
fn NewCaseForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateCase>::new();
    let people = RwSignal::new(1usize);
    let errors = Signal::derive(move || match action.value().get() {
        Some(Ok(CaseOutcome::Invalid(errors))) => errors,
        _ => Vec::new(),
    });
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, cases.new_title).to_owned()) />
        <h1>{t!(i18n, cases.new_title)}</h1>
        {move || match action.value().get() {
            Some(Ok(CaseOutcome::Created { application_number })) => Some(view! {
                <p class="notice" role="status">{t!(i18n, cases.created)}" "<strong>{application_number}</strong></p>
            }.into_any()),
            Some(Ok(CaseOutcome::AlreadyKnown { application_number })) => Some(view! {
                <p class="notice" role="status">{t!(i18n, cases.already)}" "<strong>{application_number}</strong></p>
            }.into_any()),
            Some(Err(error)) => Some(view! { <ErrorNotice error /> }.into_any()),
            _ => None,
        }}
        <ErrorSummary errors />
        <ActionForm action attr:class="case-form" attr:novalidate=true>
            <TextField errors field="application_number".into() name="case[application_number]".into()
                label=Signal::derive(move || t_string!(i18n, cases.application_number).to_owned()) />
            <TextField errors field="approved_on".into() name="case[approved_on]".into() kind="date"
                label=Signal::derive(move || t_string!(i18n, cases.approved_on).to_owned()) />
            <FieldMessage errors field="people".to_owned() />
            <For each=move || 0..people.get() key=|i| *i let:index>
                <PersonFields index errors />
            </For>
            <div class="crop-buttons">
                <button type="button" on:click=move |_| people.update(|n| *n += 1)>{t!(i18n, cases.add_person)}</button>
                <button type="button" on:click=move |_| people.update(|n| *n = (*n).saturating_sub(1).max(1))>
                    {t!(i18n, cases.remove_person)}
                </button>
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, cases.submit)}</button>
        </ActionForm>
        <p><a href=move || routes::officer_cases(i18n.get_locale())>{t!(i18n, cases.title)}</a></p>
    }
}

#[component]
fn PersonFields(index: usize, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |name: &str| format!("people[{index}].{name}");
    let name = move |name: &str| format!("case[people][{index}][{name}]");
    let text = move |key: &'static str, label: Signal<String>, kind: &'static str| {
        view! { <TextField errors field=field(key) name=name(key) label kind /> }
    };
    let label = |f: fn(_) -> &'static str| Signal::derive(move || f(i18n).to_owned());
    view! {
        <fieldset class="form-group person">
            <legend>{t!(i18n, cases.person)}" "{index + 1}</legend>
            {text("family_name", label(|i| t_string!(i, cases.family_name)), "text")}
            {text("given_names", label(|i| t_string!(i, cases.given_names)), "text")}
            {text("date_of_birth", label(|i| t_string!(i, cases.date_of_birth)), "date")}
            <div class="form-group">
                <label for=field("sex")>{t!(i18n, cases.sex)}</label>
                <FieldMessage errors field=field("sex") />
                <select id=field("sex") name=name("sex")>
                    <option value="">{t!(i18n, cases.choose)}</option>
                    <option value="F">{t!(i18n, cases.sex_f)}</option>
                    <option value="M">{t!(i18n, cases.sex_m)}</option>
                    <option value="X">{t!(i18n, cases.sex_x)}</option>
                </select>
            </div>
            {text("country_of_birth", label(|i| t_string!(i, cases.country_of_birth)), "text")}
            {text("citizenship", label(|i| t_string!(i, cases.citizenship)), "text")}
            {text("uci", label(|i| t_string!(i, cases.uci)), "text")}
            {text("email", label(|i| t_string!(i, cases.email)), "email")}
            <div class="form-group">
                <label for=field("relationship")>{t!(i18n, cases.relationship)}</label>
                <FieldMessage errors field=field("relationship") />
                <select id=field("relationship") name=name("relationship")>
                    <option value="">{t!(i18n, cases.choose)}</option>
                    <option value=Relationship::Principal.as_str()>{t!(i18n, cases.rel_principal)}</option>
                    <option value=Relationship::Spouse.as_str()>{t!(i18n, cases.rel_spouse)}</option>
                    <option value=Relationship::CommonLawPartner.as_str()>{t!(i18n, cases.rel_common_law_partner)}</option>
                    <option value=Relationship::Child.as_str()>{t!(i18n, cases.rel_child)}</option>
                    <option value=Relationship::OtherDependant.as_str()>{t!(i18n, cases.rel_other_dependant)}</option>
                </select>
            </div>
        </fieldset>
    }
}
