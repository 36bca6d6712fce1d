//! Choose or take a photo, check it in the browser (WebAssembly), see what to
//! fix, and crop it to a compliant 5:7 JPEG. Nothing is sent anywhere.
mod crop_tool;
mod messages;
mod results;

use crate::i18n::*;
use crop_tool::CropTool;
use leptos::prelude::*;
use photo::{Crop, FaceDetector, Report};
use results::Results;

/// Where the checker is in its work; shown to the person as it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Idle,
    Reading,
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

/// The decoded photo the crop tool cuts from; kept in the browser only.
struct Source {
    image: photo::image::RgbImage,
    url: String,
}

#[component]
pub fn PhotoChecker() -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(Step::Idle);
    let shown = RwSignal::new(None::<Shown>);
    let crop = RwSignal::new(None::<Crop>);
    let source = StoredValue::new_local(None::<Source>);
    let detector = StoredValue::new_local(None::<FaceDetector>);
    // Object URLs live until replaced, so that the previews and download keep working.
    let urls = StoredValue::new_local(Vec::<gloo_file::ObjectUrl>::new());

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            step.set(Step::Reading);
            shown.set(None);
            crop.set(None);
            let file = gloo_file::File::from(file);
            let url = gloo_file::ObjectUrl::from(file.clone());
            let url_text = url.to_string();
            urls.update_value(|u| {
                u.clear();
                u.push(url);
            });
            let Ok(bytes) = gloo_file::futures::read_as_bytes(&file).await else {
                step.set(Step::Idle);
                return;
            };
            if detector.with_value(Option::is_none) {
                step.set(Step::LoadingModel);
                match load_detector().await {
                    Some(loaded) => detector.set_value(Some(loaded)),
                    None => {
                        step.set(Step::ModelFailed);
                        return;
                    }
                }
            }
            step.set(Step::Checking);
            // Let the page paint the progress before the work starts.
            gloo_timers::future::TimeoutFuture::new(20).await;
            let Some(inspection) = detector.try_update_value(|d| d.as_mut().map(|d| photo::inspect_file(&bytes, d))).flatten()
            else {
                step.set(Step::ModelFailed);
                return;
            };
            let (width, height) = inspection.image.as_ref().map(|i| i.dimensions()).unwrap_or_default();
            if let (Some(image), Some(head)) = (inspection.image, inspection.head) {
                crop.set(Some(photo::propose_crop(head, width, height)));
                source.set_value(Some(Source { image, url: url_text.clone() }));
            } else {
                source.set_value(None);
            }
            shown.set(Some(Shown { report: inspection.report, cropped: false, url: url_text, width, height }));
            step.set(Step::Done);
        });
    };

    let check_crop = move |frame: Crop| -> Result<(), photo::CropError> {
        let cropped = source.with_value(|s| s.as_ref().map(|s| photo::apply_crop(&s.image, frame)));
        let Some(cropped) = cropped else { return Ok(()) };
        let cropped = cropped?;
        let (width, height) = cropped.dimensions();
        let jpeg = photo::encode_jpeg(&cropped);
        let Some(report) = detector.try_update_value(|d| d.as_mut().map(|d| photo::check_file(&jpeg, d))).flatten() else {
            return Ok(());
        };
        let blob = gloo_file::Blob::new_with_options(jpeg.as_slice(), Some("image/jpeg"));
        let url = gloo_file::ObjectUrl::from(blob);
        let url_text = url.to_string();
        urls.update_value(|u| {
            u.truncate(1);
            u.push(url);
        });
        shown.set(Some(Shown { report, cropped: true, url: url_text, width, height }));
        Ok(())
    };

    let progress = move || match step.get() {
        Step::Reading => t_string!(i18n, photo.step_reading),
        Step::LoadingModel => t_string!(i18n, photo.step_model),
        Step::Checking => t_string!(i18n, photo.step_checking),
        Step::ModelFailed => t_string!(i18n, photo.model_error),
        // Announce the outcome; the details follow in the list.
        Step::Done => shown.with(|s| s.as_ref().map(|s| messages::summary(i18n, s.report.verdict))).unwrap_or(""),
        Step::Idle => "",
    };
    let busy = move || matches!(step.get(), Step::Reading | Step::LoadingModel | Step::Checking);

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
                let frame = crop.get()?;
                let (url, width, height) = source.with_value(|s| {
                    s.as_ref().map(|s| (s.url.clone(), s.image.width(), s.image.height()))
                })?;
                Some(view! { <CropTool url width height frame=crop initial=frame on_check=check_crop /> })
            }}
        </div>
    }
}

/// Fetches the face model from the server, once, when a photo is first chosen.
async fn load_detector() -> Option<FaceDetector> {
    let response = gloo_net::http::Request::get(photo::FACE_MODEL_PATH).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    let bytes = response.binary().await.ok()?;
    FaceDetector::from_model_bytes(&bytes).ok()
}
