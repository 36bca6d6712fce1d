//! The confirmation of PR on a case's page: the people chosen (those ready are
//! chosen to begin with), the date and place they became permanent residents,
//! and, once sent, what became of each person.
use crate::api::ecopr::ConfirmPr;
use crate::components::{ErrorNotice, ErrorSummary, FieldMessage, SelectField, TextField};
use crate::domain::{ConfirmOutcome, Confirmed, FieldError, PersonConfirmed, PersonId};
use crate::i18n::*;
use crate::messages::{missing_text, province_choices};
use leptos::prelude::*;

#[component]
pub fn ConfirmForm(
    /// Each person not confirmed yet: id, name, and whether they are ready.
    choices: Vec<(PersonId, String, bool)>,
    confirm: ServerAction<ConfirmPr>,
    /// Whether the people ready start chosen (one case's family) or not (a long list).
    #[prop(default = true)]
    checked: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = Signal::derive(move || match confirm.value().get() {
        Some(Ok(ConfirmOutcome::Invalid(errors))) => errors,
        _ => Vec::<FieldError>::new(),
    });
    let words = move |f: fn(_) -> &'static str| Signal::derive(move || f(i18n).to_owned());
    view! {
        <section class="confirm-pr" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">{t!(i18n, confirm.title)}</h2>
            <Report confirm />
            {if choices.is_empty() {
                view! { <p>{t!(i18n, confirm.none_left)}</p> }.into_any()
            } else {
                view! {
                    <ErrorSummary errors />
                    <ActionForm action=confirm attr:class="confirm-form" attr:novalidate=true>
                        <fieldset id="people">
                            <legend>{t!(i18n, confirm.people)}</legend>
                            <FieldMessage errors field="people".to_owned() />
                            {choices.into_iter().enumerate().map(|(at, (id, name, ready))| {
                                let box_id = format!("confirm-{id}");
                                view! {
                                    <div class="form-group checkbox">
                                        <input type="checkbox" id=box_id.clone() name=format!("people[{at}]") value=id.to_string() checked=checked && ready />
                                        <label for=box_id>
                                            {name}" "
                                            <span class="hint">{if ready { t_string!(i18n, confirm.ready) } else { t_string!(i18n, confirm.not_ready) }}</span>
                                        </label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <TextField errors field="became_on".into() name="confirmation[became_on]".into() label=words(|i| t_string!(i, confirm.became_on)) kind="date" />
                        <TextField errors field="city".into() name="confirmation[city]".into() label=words(|i| t_string!(i, confirm.city)) />
                        <SelectField
                            errors
                            field="province".into()
                            name="confirmation[province]".into()
                            label=words(|i| t_string!(i, confirm.province))
                            choose=words(|i| t_string!(i, steps.choose))
                            options=province_choices(i18n)
                        />
                        <button type="submit" class="button" disabled=move || confirm.pending().get()>{t!(i18n, confirm.submit)}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}

/// What became of each person of the last confirmation sent.
#[component]
fn Report(confirm: ServerAction<ConfirmPr>) -> impl IntoView {
    move || match confirm.value().get() {
        Some(Ok(ConfirmOutcome::Done(results))) => Some(
            view! {
                <div class="notice-success confirm-report" role="status">
                    <ul>{results.into_iter().map(|result| view! { <ResultLine result /> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
        ),
        Some(Err(error)) => Some(view! { <ErrorNotice error /> }.into_any()),
        _ => None,
    }
}

#[component]
fn ResultLine(result: PersonConfirmed) -> impl IntoView {
    let i18n = use_i18n();
    let PersonConfirmed { name, result, .. } = result;
    let text = move || match &result {
        Confirmed::Done => t_string!(i18n, confirm.done, name = name.clone()).to_string(),
        Confirmed::Already => t_string!(i18n, confirm.already, name = name.clone()).to_string(),
        Confirmed::OwnFamily => t_string!(i18n, confirm.own_family, name = name.clone()).to_string(),
        Confirmed::Unknown => t_string!(i18n, confirm.unknown).to_string(),
        Confirmed::NotReady(missing) => {
            let missing: Vec<_> = missing.iter().map(|m| missing_text(i18n.get_locale(), *m)).collect();
            t_string!(i18n, confirm.missing, name = name.clone(), missing = missing.join(" ")).to_string()
        }
    };
    view! { <li>{text}</li> }
}
