//! The photo step's last part: send the checked photo, under the rule the server
//! applies too (`Report::sending`). When only checks of judgement failed, the
//! person may send it anyway by ticking a box; an officer then decides.
use crate::components::{ErrorNotice, FieldMessage};
use crate::api::photos;
use crate::domain::{ErrorKey, FieldError, PersonId, PhotoOutcome, PhotoStatus};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages::error_message;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use photo::{Report, Sending};

/// The bytes that are sent: the chosen file as it is, or the crop tool's JPEG.
#[derive(Clone, Debug)]
pub enum Body {
    File(web_sys::File),
    Jpeg(Vec<u8>),
}

const ANYWAY: &str = "photo-anyway";

#[component]
pub(super) fn SendPhoto(
    person: PersonId,
    report: Report,
    body: Body,
    on_sent: Option<Callback<PhotoStatus>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The server's verdict replaces the browser's if they ever differ.
    let sending = RwSignal::new(report.sending());
    let anyway = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<PhotoStatus, AppError>>);
    let checkbox = NodeRef::<html::Input>::new();
    let body = StoredValue::new_local(body);

    let on_send = move |_| {
        errors.set(Vec::new());
        if sending.get_untracked() == Sending::IfConfirmed && !anyway.get_untracked() {
            errors.set(vec![FieldError::new(ANYWAY, ErrorKey::PhotoConfirmNeeded)]);
            if let Some(checkbox) = checkbox.get_untracked() {
                let _ = checkbox.focus();
            }
            return;
        }
        busy.set(true);
        outcome.set(None);
        let body = body.get_value();
        let confirmed = anyway.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = post(person, &body, confirmed).await;
            busy.set(false);
            match answer {
                Ok(PhotoOutcome::Received(status)) => {
                    if let Some(on_sent) = on_sent {
                        on_sent.run(status.clone());
                    }
                    outcome.set(Some(Ok(status)));
                }
                // The server's check, which is the browser's, disagreed: say why.
                Ok(PhotoOutcome::NotSent(report)) => {
                    let verdict = report.sending();
                    sending.set(verdict);
                    if verdict == Sending::IfConfirmed {
                        errors.set(vec![FieldError::new(ANYWAY, ErrorKey::PhotoConfirmNeeded)]);
                    }
                }
                Err(error) => outcome.set(Some(Err(error))),
            }
        });
    };

    view! {
        <section class="photo-send" aria-labelledby="photo-send-heading">
            <h2 id="photo-send-heading">{t!(i18n, photo.send.heading)}</h2>
            {move || match sending.get() {
                Sending::Refused => view! {
                    <p class="field-error">{move || error_message(i18n.get_locale(), ErrorKey::PhotoRefused)}</p>
                }.into_any(),
                Sending::IfConfirmed => view! {
                    <div class="form-group checkbox">
                        <input type="checkbox" id=ANYWAY node_ref=checkbox
                            aria-describedby=move || if errors.with(Vec::is_empty) { "photo-anyway-hint" } else { "photo-anyway-hint photo-anyway-error" }
                            prop:checked=anyway on:change=move |ev| anyway.set(event_target_checked(&ev)) />
                        <label for=ANYWAY>{t!(i18n, photo.send.anyway)}</label>
                        <p class="hint" id="photo-anyway-hint">{t!(i18n, photo.send.anyway_hint)}</p>
                        <FieldMessage errors field=ANYWAY.to_owned() />
                    </div>
                }.into_any(),
                Sending::Allowed => ().into_any(),
            }}
            {move || (sending.get() != Sending::Refused).then(|| view! {
                <button type="button" class="button" on:click=on_send disabled=move || busy.get()>{t!(i18n, photo.send.button)}</button>
            })}
            <p class="photo-send-progress" role="status" aria-live="polite">
                {move || match outcome.get() {
                    _ if busy.get() => t_string!(i18n, photo.send.sending),
                    Some(Ok(status)) if status.sent_anyway => t_string!(i18n, photo.send.received_anyway),
                    Some(Ok(_)) => t_string!(i18n, photo.send.received),
                    _ => "",
                }}
            </p>
            {move || match outcome.get() {
                Some(Err(error)) => Some(view! { <ErrorNotice error /> }),
                _ => None,
            }}
        </section>
    }
}

/// Sends the photo as the request's body; the answer is the server's outcome,
/// or its error (a message key) with the status.
async fn post(person: PersonId, body: &Body, anyway: bool) -> Result<PhotoOutcome, AppError> {
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let bytes: JsValue = match body {
        Body::File(file) => file.clone().into(),
        Body::Jpeg(jpeg) => web_sys::js_sys::Uint8Array::from(jpeg.as_slice()).into(),
    };
    init.set_body(&bytes);
    let url = format!("{}?anyway={anyway}", photos::endpoint(person));
    let window = web_sys::window().ok_or(AppError::Unavailable)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .ok()
        .and_then(|r| r.dyn_into().ok())
        .ok_or(AppError::Unavailable)?;
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| AppError::Unavailable)
    } else if response.status() == 413 {
        Err(AppError::BadRequest)
    } else {
        Err(serde_json::from_str(&text).unwrap_or(AppError::Unavailable))
    }
}
