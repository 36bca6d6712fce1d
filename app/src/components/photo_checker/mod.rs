//! Choose or take a photo, check it in the browser (WebAssembly, in a Web Worker), see what to
//! fix, and crop it to a compliant 5:7 JPEG. Nothing leaves the device unless the
//! signed-in photo step's "send" is used.
mod crop_tool;
mod engine;
mod messages;
mod results;
mod send;

use crate::domain::PhotoStatus;
use crate::i18n::*;
use crop_tool::CropTool;
use leptos::prelude::*;
use leptos::reactive::send_wrapper_ext::SendOption;
use photo::{Crop, Inspection, Report};
use results::Results;
use send::{Body, SendPhoto};

/// Where the checker is in its work; shown to the person as it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Idle,
    LoadingModel,
    Checking,
    Done,
    ModelFailed,
}

/// A report with the photo it is about (the original, or the cropped JPEG).
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    report: Report,
    cropped: bool,
    url: String,
    width: u32,
    height: u32,
}

/// The photo the crop tool frames; its pixels stay in the worker.
#[derive(Clone, Debug, PartialEq)]
struct Source {
    url: String,
    width: u32,
    height: u32,
}

/// What the worker is working on; an answer to an older request is dropped.
struct Pending {
    id: u32,
    /// The chosen photo and its preview, or `None` for a crop.
    photo: Option<(web_sys::File, gloo_file::ObjectUrl)>,
}

/// State that only the browser has (the Web Worker, files, object URLs), empty on the
/// server. A page's owner may be dropped on another server thread than the one that
/// rendered it, and a `!Send` value there would panic and cut the page off: a
/// `SendOption` holds nothing until the browser gives it a value.
fn browser_only<T: 'static>() -> StoredValue<SendOption<T>> {
    StoredValue::new(SendOption::new_local(None))
}

/// With `send_for` (a person's id), the checked photo can be sent for that
/// person (the signed-in photo step); without, nothing leaves the device.
#[component]
pub fn PhotoChecker(
    #[prop(optional)] send_for: Option<i32>,
    #[prop(optional, into)] on_sent: Option<Callback<PhotoStatus>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(Step::Idle);
    let shown = RwSignal::new(None::<Shown>);
    let crop = RwSignal::new(None::<Crop>);
    let source = RwSignal::new(None::<Source>);
    let ready = RwSignal::new(false);
    let engine = browser_only::<engine::Engine>();
    let pending = browser_only::<Pending>();
    let next_id = StoredValue::new(0u32);
    // Object URLs live until replaced, so that the previews and download keep working.
    let urls = browser_only::<Vec<gloo_file::ObjectUrl>>();
    // What "send" sends: the file shown, or the crop shown.
    let body = browser_only::<Body>();

    // The request an answer is for, if it is still the one awaited.
    let take = move |id: u32| pending.try_update_value(|p| p.take_if(|p| p.id == id)).flatten();
    let show = move |request: Pending, inspection: Inspection, jpeg: Option<Vec<u8>>| {
        let Inspection { report, size, head } = inspection;
        let (width, height) = size.unwrap_or_default();
        let cropped = request.photo.is_none();
        let url = match (request.photo, jpeg) {
            (Some((file, url)), _) => {
                body.set_value(SendOption::new_local(Some(Body::File(file))));
                url
            }
            (None, jpeg) => {
                let jpeg = jpeg.unwrap_or_default();
                let url = gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(jpeg.as_slice(), Some("image/jpeg")));
                body.set_value(SendOption::new_local(Some(Body::Jpeg(jpeg))));
                url
            }
        };
        let url_text = url.to_string();
        urls.update_value(|u| {
            let u = u.get_or_insert_with(Vec::new);
            // A crop keeps the original's preview for the crop tool.
            u.truncate(usize::from(cropped));
            u.push(url);
        });
        if !cropped {
            crop.set(head.map(|head| photo::propose_crop(head, width, height)));
            source.set(head.map(|_| Source { url: url_text.clone(), width, height }));
        }
        shown.set(Some(Shown { report, cropped, url: url_text, width, height }));
        step.set(Step::Done);
    };
    let on_answer = move |answer: engine::Answer| match answer {
        engine::Answer::Ready => {
            ready.set(true);
            if step.get_untracked() == Step::LoadingModel {
                step.set(Step::Checking);
            }
        }
        engine::Answer::Failed { id: None } => {
            if matches!(step.get_untracked(), Step::LoadingModel | Step::Checking) {
                step.set(Step::ModelFailed);
            }
        }
        engine::Answer::Failed { id: Some(id) } => {
            if take(id).is_some() {
                step.set(Step::ModelFailed);
            }
        }
        engine::Answer::Inspected { id, inspection, jpeg } => {
            if let Some(request) = take(id) {
                show(request, inspection, jpeg);
            }
        }
    };

    // The engine starts with the page, so its code and the face model load while
    // the person finds a photo; no other page loads them.
    Effect::new(move |_| {
        if engine.with_value(|e| e.is_none()) {
            match engine::Engine::start(on_answer) {
                Some(started) => engine.set_value(SendOption::new_local(Some(started))),
                None => step.set(Step::ModelFailed),
            }
        }
    });

    let send = move |request: engine::Request, photo: Option<(web_sys::File, gloo_file::ObjectUrl)>| {
        let id = next_id.get_value() + 1;
        next_id.set_value(id);
        pending.set_value(SendOption::new_local(Some(Pending { id, photo })));
        step.set(if ready.get_untracked() { Step::Checking } else { Step::LoadingModel });
        let sent = engine.with_value(|e| e.as_ref().is_some_and(|e| e.send(id, request)));
        if !sent {
            step.set(Step::ModelFailed);
        }
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Choosing the same file again must check it again: an input only
        // reports a change of value.
        input.set_value("");
        shown.set(None);
        crop.set(None);
        source.set(None);
        body.set_value(SendOption::new_local(None));
        let url = gloo_file::ObjectUrl::from(gloo_file::File::from(file.clone()));
        send(engine::Request::Photo(file.clone()), Some((file, url)));
    };

    let check_crop = move |frame: Crop| -> Result<(), photo::CropError> {
        let Some(Source { width, height, .. }) = source.get_untracked() else { return Ok(()) };
        frame.pixels(width, height)?;
        send(engine::Request::Crop(frame), None);
        Ok(())
    };

    let progress = move || match step.get() {
        Step::LoadingModel => t_string!(i18n, photo.step_model),
        Step::Checking => t_string!(i18n, photo.step_checking),
        Step::ModelFailed => t_string!(i18n, photo.model_error),
        // Announce the outcome; the details follow in the list.
        Step::Done => shown.with(|s| s.as_ref().map(|s| messages::summary(i18n, s.report.verdict))).unwrap_or(""),
        Step::Idle => "",
    };
    let busy = move || matches!(step.get(), Step::LoadingModel | Step::Checking);

    view! {
        <div class="photo-checker">
            <div class="photo-inputs">
                <label class="button" for="photo-file">{t!(i18n, photo.choose)}</label>
                <input id="photo-file" class="file-input" type="file" accept="image/jpeg,image/png,.jpg,.jpeg,.png,.heic" on:change=on_file />
                <label class="button button-secondary" for="photo-camera">{t!(i18n, photo.take)}</label>
                <input id="photo-camera" class="file-input" type="file" accept="image/*" capture="user" on:change=on_file />
            </div>
            <p class="photo-progress" role="status" aria-live="polite" aria-busy=move || busy().to_string()>
                {progress}
            </p>
            {move || shown.get().map(|shown| view! { <Results shown /> })}
            {move || {
                let person = send_for?;
                let report = shown.get()?.report;
                let body = body.get_value().take()?;
                Some(view! { <SendPhoto person report body on_sent /> })
            }}
            {move || {
                let frame = crop.get()?;
                let Source { url, width, height } = source.get()?;
                Some(view! { <CropTool url width height frame=crop initial=frame on_check=check_crop /> })
            }}
        </div>
    }
}
