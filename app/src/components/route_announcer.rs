use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Client-side navigation neither moves focus nor tells a screen reader that a
/// new page arrived, as a full page load would: this does both. A change of
/// language only keeps focus where it was (on the toggle).
#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let message = RwSignal::new(String::new());

    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if let Some(previous) = previous.filter(|p| *p != path) {
            let same_page = routes::without_language(&previous) == routes::without_language(&path);
            // Wait a frame so the new page and its <title> are in the document.
            request_animation_frame(move || {
                let document = document();
                let title = document.title();
                message.set(format!("{} {title}", t_string!(i18n, shell.page_loaded)));
                if !same_page {
                    focus_main_heading(&document);
                }
            });
        }
        path
    });

    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || message.get()}
        </div>
    }
}

fn focus_main_heading(document: &web_sys::Document) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(heading) = document
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        heading.set_attribute("tabindex", "-1").ok();
        heading.focus().ok();
    }
}
