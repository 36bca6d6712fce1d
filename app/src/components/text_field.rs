//! Labelled form fields whose id is the field's name in the form's errors, so
//! that the error summary links to them and their message is read with them.
use super::FieldMessage;
use crate::domain::FieldError;
use leptos::prelude::*;

/// Whether the field is in the errors, and the id of its message.
fn field_state(errors: Signal<Vec<FieldError>>, field: &str) -> (Memo<bool>, String) {
    let name = field.to_owned();
    (Memo::new(move |_| errors.with(|e| e.iter().any(|e| e.field == name))), format!("{field}-error"))
}

#[component]
pub fn TextField(
    errors: Signal<Vec<FieldError>>,
    /// The id, and the field's name in the errors.
    field: String,
    /// The form's name for the value (`address[street]`).
    name: String,
    label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    /// What it holds when the page opens.
    #[prop(optional)]
    value: String,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    let (wrong, described) = field_state(errors, &field);
    view! {
        <div class="form-group">
            <label for=field.clone()>{label}</label>
            <FieldMessage errors field=field.clone() />
            <input
                type=kind
                id=field.clone()
                name=name
                value=value
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=move || wrong.get().to_string()
                aria-describedby=move || wrong.get().then(|| described.clone())
            />
        </div>
    }
}

/// Several lines of free text (a note).
#[component]
pub fn TextAreaField(
    errors: Signal<Vec<FieldError>>,
    field: String,
    name: String,
    label: Signal<String>,
    max_length: usize,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let (wrong, described) = field_state(errors, &field);
    view! {
        <div class="form-group">
            <label for=field.clone()>{label}</label>
            <FieldMessage errors field=field.clone() />
            <textarea
                id=field.clone()
                name=name
                rows=rows
                maxlength=max_length
                aria-invalid=move || wrong.get().to_string()
                aria-describedby=move || wrong.get().then(|| described.clone())
            ></textarea>
        </div>
    }
}

/// One choice from a list, which starts with an empty "choose" entry.
#[component]
pub fn SelectField(
    errors: Signal<Vec<FieldError>>,
    field: String,
    name: String,
    label: Signal<String>,
    /// The words of the empty first entry.
    choose: Signal<String>,
    /// Each entry's value and words, in the page's language.
    options: Vec<(&'static str, Signal<String>)>,
    /// The value chosen when the page opens (none when empty).
    #[prop(optional)]
    selected: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    /// A key that brings focus here (`aria-keyshortcuts`), handled by the page.
    #[prop(optional)]
    shortcut: &'static str,
) -> impl IntoView {
    let (wrong, described) = field_state(errors, &field);
    view! {
        <div class="form-group">
            <label for=field.clone()>{label}</label>
            <FieldMessage errors field=field.clone() />
            <select
                id=field.clone()
                name=name
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-keyshortcuts=(!shortcut.is_empty()).then_some(shortcut)
                aria-invalid=move || wrong.get().to_string()
                aria-describedby=move || wrong.get().then(|| described.clone())
            >
                <option value="">{choose}</option>
                {options.into_iter().map(|(value, words)| view! {
                    <option value=value selected=!selected.is_empty() && selected == value>{words}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
