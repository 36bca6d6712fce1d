//! The list of what is wrong at the top of a form, each item a link to its field
//! (GC and WCAG practice); it takes focus when it appears so it is read first.
use crate::domain::FieldError;
use crate::i18n::*;
use crate::messages::error_message;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move || {
        if !errors.with(Vec::is_empty) {
            if let Some(summary) = summary.get() {
                let _ = summary.focus();
            }
        }
    });
    view! {
        <Show when=move || !errors.with(Vec::is_empty)>
            <div class="error-summary" tabindex="-1" node_ref=summary aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t!(i18n, invitation.error_summary)}</h2>
                <ul>
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|error| {
                                let message = move || error_message(i18n.get_locale(), error.key);
                                if error.field.is_empty() {
                                    return view! { <li>{message}</li> }.into_any();
                                }
                                let target = error.field.clone();
                                // The router would swallow a plain #link: move focus ourselves.
                                let focus = move |ev: leptos::ev::MouseEvent| {
                                    if let Some(field) = document().get_element_by_id(&target) {
                                        ev.prevent_default();
                                        field.scroll_into_view();
                                        if let Ok(field) = leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(field) {
                                            let _ = field.focus();
                                        }
                                    }
                                };
                                view! {
                                    <li>
                                        <a href=format!("#{}", error.field) on:click=focus>{message}</a>
                                    </li>
                                }
                                .into_any()
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The message shown on a field, if it has an error.
#[component]
pub fn FieldMessage(#[prop(into)] errors: Signal<Vec<FieldError>>, field: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{field}-error");
    let key = Memo::new(move |_| errors.with(|e| e.iter().find(|e| e.field == field).map(|e| e.key)));
    move || {
        key.get().map(|key| {
            view! {
                <p class="field-error" id=id.clone()>
                    <span class="visually-hidden">{t!(i18n, invitation.error_prefix)}" "</span>
                    {move || error_message(i18n.get_locale(), key)}
                </p>
            }
        })
    }
}

/// A failure of the service itself (not of what was typed), in words.
#[component]
pub fn ErrorNotice(error: crate::error::AppError) -> impl IntoView {
    let i18n = use_i18n();
    // A page rendered on the server answers with the status of the error it shows.
    #[cfg(feature = "ssr")]
    crate::error::set_response_status(error.status());
    view! { <p class="field-error" role="alert">{move || error_message(i18n.get_locale(), error.key())}</p> }
}
