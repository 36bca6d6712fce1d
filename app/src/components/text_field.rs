//! A labelled text input whose id is the field's name in the form's errors, so
//! that the error summary links to it and its message is read with it.
use super::FieldMessage;
use crate::domain::FieldError;
use leptos::prelude::*;

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
    let wrong = {
        let field = field.clone();
        Memo::new(move |_| errors.with(|e| e.iter().any(|e| e.field == field)))
    };
    let described = format!("{field}-error");
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
