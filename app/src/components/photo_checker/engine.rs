//! The page's side of the photo engine, which runs in a Web Worker
//! (`photo-worker/`): requests go out as messages, answers come back as events.
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use photo::{Crop, Inspection};
use web_sys::js_sys::{Object, Reflect, Uint8Array};

/// Where the build puts the worker (scripts/tools.sh, `build_photo_worker`).
const WORKER: &str = "/photo-worker/worker.js";

pub enum Request {
    /// Check a chosen photo; the worker keeps it for the crop tool.
    Photo(web_sys::File),
    /// Cut the kept photo to this frame, re-encode it and check the JPEG.
    Crop(Crop),
}

pub enum Answer {
    /// The engine and the face model are loaded.
    Ready,
    /// The engine could not start (no `id`), or could not do a request.
    Failed { id: Option<u32> },
    Inspected { id: u32, inspection: Inspection, jpeg: Option<Vec<u8>> },
}

/// The worker, stopped when dropped (when the checker leaves the page).
pub struct Engine {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Engine {
    pub fn start(on_answer: impl Fn(Answer) + 'static) -> Option<Engine> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(WORKER, &options).ok()?;
        let on_message =
            Closure::<dyn FnMut(_)>::new(move |event: web_sys::MessageEvent| on_answer(read(&event.data())));
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Engine { worker, _on_message: on_message })
    }

    /// Whether the request could be posted.
    pub fn send(&self, id: u32, request: Request) -> bool {
        let (key, value): (&str, JsValue) = match request {
            Request::Photo(file) => ("photo", file.into()),
            Request::Crop(crop) => ("crop", serde_json::to_string(&crop).unwrap_or_default().into()),
        };
        let message = Object::new();
        Reflect::set(&message, &"id".into(), &id.into()).is_ok()
            && Reflect::set(&message, &key.into(), &value).is_ok()
            && self.worker.post_message(&message).is_ok()
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// An answer, as `photo-worker/worker.js` posts it.
fn read(data: &JsValue) -> Answer {
    let field = |name: &str| Reflect::get(data, &name.into()).ok().filter(|value| !value.is_undefined());
    if field("ready").is_some() {
        return Answer::Ready;
    }
    let id = field("id").and_then(|value| value.as_f64()).map(|id| id as u32);
    let inspection = field("inspection").and_then(|value| value.as_string()).and_then(|json| serde_json::from_str(&json).ok());
    match (id, inspection) {
        (Some(id), Some(inspection)) => {
            let jpeg = field("jpeg").and_then(|value| value.dyn_into::<Uint8Array>().ok()).map(|bytes| bytes.to_vec());
            Answer::Inspected { id, inspection, jpeg }
        }
        (id, _) => Answer::Failed { id },
    }
}
