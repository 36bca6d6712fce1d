//! Choose or take a photo, check it in the browser (WebAssembly, in a Web Worker), see what to
//! fix, and crop it to a compliant 5:7 JPEG. Nothing leaves the device unless the
//! signed-in photo step's "send" is used.
mod crop_tool;
mod engine;
mod kept;
mod messages;
mod results;
mod send;
mod state;

use crate::domain::{PersonId, PhotoStatus};
use crate::i18n::*;
use crop_tool::CropTool;
use kept::{browser_only, Chosen, Kept};
use leptos::prelude::*;
use leptos::reactive::send_wrapper_ext::SendOption;
use photo::{Crop, Inspection, Report};
pub use results::CheckList;
use results::Results;
use send::SendPhoto;
use state::{Checker, Step};

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

/// With `send_for` (a person's id), the checked photo can be sent for that
/// person (the signed-in photo step); without, nothing leaves the device.
#[component]
pub fn PhotoChecker(
    #[prop(optional)] send_for: Option<PersonId>,
    #[prop(optional, into)] on_sent: Option<Callback<PhotoStatus>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Every transition goes through `checker`; the view follows only its step.
    let checker = RwSignal::new(Checker::default());
    let step = Memo::new(move |_| checker.with(Checker::step));
    let shown = RwSignal::new(None::<Shown>);
    let crop = RwSignal::new(None::<Crop>);
    let source = RwSignal::new(None::<Source>);
    let engine = browser_only::<engine::Engine>();
    let kept = Kept::new();

    // What an answer is about (`Some(None)` for a crop), if it is the one awaited.
    let take = move |id: u32| checker.try_update(|c| c.answer(id)).unwrap_or(false).then(|| kept.take_awaited());
    let show = move |chosen: Option<Chosen>, inspection: Inspection, jpeg: Option<Vec<u8>>| {
        let Inspection { report, size, head } = inspection;
        let (width, height) = size.unwrap_or_default();
        let cropped = chosen.is_none();
        let url = kept.keep(chosen, jpeg);
        if !cropped {
            crop.set(head.map(|head| photo::propose_crop(head, width, height)));
            source.set(head.map(|_| Source { url: url.clone(), width, height }));
        }
        shown.set(Some(Shown { report, cropped, url, width, height }));
        checker.update(Checker::done);
    };
    let on_answer = move |answer: engine::Answer| match answer {
        engine::Answer::Ready => checker.update(Checker::engine_ready),
        engine::Answer::Failed { id: None } => checker.update(Checker::engine_failed),
        engine::Answer::Failed { id: Some(id) } => {
            if take(id).is_some() {
                checker.update(Checker::fail);
            }
        }
        engine::Answer::Inspected { id, inspection, jpeg } => {
            if let Some(chosen) = take(id) {
                show(chosen, inspection, jpeg);
            }
        }
    };

    // The engine starts with the page, so its code and the face model load while
    // the person finds a photo; no other page loads them.
    Effect::new(move |_| {
        if engine.with_value(|e| e.is_none()) {
            match engine::Engine::start(on_answer) {
                Some(started) => engine.set_value(SendOption::new_local(Some(started))),
                None => checker.update(Checker::fail),
            }
        }
    });

    let request = move |request: engine::Request, photo: Option<Chosen>| {
        let Some(id) = checker.try_update(Checker::request) else { return };
        kept.await_answer(photo);
        let posted = engine.with_value(|e| e.as_ref().is_some_and(|e| e.send(id, request)));
        if !posted {
            checker.update(Checker::fail);
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
        kept.forget_body();
        let url = gloo_file::ObjectUrl::from(gloo_file::File::from(file.clone()));
        request(engine::Request::Photo(file.clone()), Some((file, url)));
    };

    let check_crop = move |frame: Crop| -> Result<(), photo::CropError> {
        let Some(Source { width, height, .. }) = source.get_untracked() else { return Ok(()) };
        frame.pixels(width, height)?;
        request(engine::Request::Crop(frame), None);
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

    view! {
        <div class="photo-checker">
            <div class="photo-inputs">
                <label class="button" for="photo-file">{t!(i18n, photo.choose)}</label>
                <input id="photo-file" class="file-input" type="file" accept="image/jpeg,image/png,.jpg,.jpeg,.png,.heic" on:change=on_file />
                <label class="button button-secondary" for="photo-camera">{t!(i18n, photo.take)}</label>
                <input id="photo-camera" class="file-input" type="file" accept="image/*" capture="user" on:change=on_file />
            </div>
            <p class="photo-progress" role="status" aria-live="polite" aria-busy=move || step.get().busy().to_string()>
                {progress}
            </p>
            {move || shown.get().map(|shown| view! { <Results shown /> })}
            {move || {
                let person = send_for?;
                let report = shown.get()?.report;
                let body = kept.body()?;
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
