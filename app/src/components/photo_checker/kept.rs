//! What only the browser keeps of the photos (files, bytes, object URLs), which
//! the server never has.
use super::send::Body;
use gloo_file::ObjectUrl;
use leptos::prelude::*;
use leptos::reactive::send_wrapper_ext::SendOption;

/// A chosen photo and its preview, kept until the worker has checked it.
pub type Chosen = (web_sys::File, ObjectUrl);

/// State that only the browser has, empty on the server. A page's owner may be
/// dropped on another server thread than the one that rendered it, and a `!Send`
/// value there would panic and cut the page off: a `SendOption` holds nothing
/// until the browser gives it a value.
pub fn browser_only<T: 'static>() -> StoredValue<SendOption<T>> {
    StoredValue::new(SendOption::new_local(None))
}

/// The photo awaiting its answer, and the one shown with what "send" would send.
#[derive(Clone, Copy)]
pub struct Kept {
    /// The photo the awaited answer is about; none while a crop is checked.
    chosen: StoredValue<SendOption<Chosen>>,
    /// Object URLs live until replaced, so that the previews and download keep working.
    urls: StoredValue<SendOption<Vec<ObjectUrl>>>,
    /// What "send" sends: the file shown, or the crop shown.
    body: StoredValue<SendOption<Body>>,
}

impl Kept {
    pub fn new() -> Kept {
        Kept { chosen: browser_only(), urls: browser_only(), body: browser_only() }
    }

    /// A photo goes to the worker, or with `None` a crop of the one shown.
    pub fn await_answer(self, photo: Option<Chosen>) {
        self.chosen.set_value(SendOption::new_local(photo));
    }

    /// The photo the awaited answer is about; `None` for a crop.
    pub fn take_awaited(self) -> Option<Chosen> {
        // Emptied in place: `SendOption::take` would consume the stored value.
        self.chosen.try_update_value(|c| Option::take(c)).flatten()
    }

    /// Keeps what was checked, the chosen file or the crop's JPEG, to be shown and
    /// sent; returns its preview's URL.
    pub fn keep(self, chosen: Option<Chosen>, jpeg: Option<Vec<u8>>) -> String {
        let cropped = chosen.is_none();
        let url = match chosen {
            Some((file, url)) => {
                self.body.set_value(SendOption::new_local(Some(Body::File(file))));
                url
            }
            None => {
                let jpeg = jpeg.unwrap_or_default();
                let url = ObjectUrl::from(gloo_file::Blob::new_with_options(jpeg.as_slice(), Some("image/jpeg")));
                self.body.set_value(SendOption::new_local(Some(Body::Jpeg(jpeg))));
                url
            }
        };
        let text = url.to_string();
        self.urls.update_value(|u| {
            let u = u.get_or_insert_with(Vec::new);
            // A crop keeps the original's preview for the crop tool.
            u.truncate(usize::from(cropped));
            u.push(url);
        });
        text
    }

    /// A new photo is chosen: until it is checked there is nothing to send.
    pub fn forget_body(self) {
        self.body.set_value(SendOption::new_local(None));
    }

    pub fn body(self) -> Option<Body> {
        self.body.get_value().take()
    }
}
