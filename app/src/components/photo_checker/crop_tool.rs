use crate::i18n::*;
use leptos::prelude::*;
use photo::{Crop, CropError};

/// How far one press of an arrow key moves the frame, as a share of its size,
/// and how much one press of + or − zooms.
const STEP: f32 = 0.02;
const ZOOM: f32 = 1.04;

/// A 5:7 frame over the photo, with lines where the top of the head and the
/// chin belong; moved by pointer, touch, keyboard or buttons.
#[component]
pub(super) fn CropTool<F>(
    url: String,
    width: u32,
    height: u32,
    frame: RwSignal<Option<Crop>>,
    initial: Crop,
    on_check: F,
) -> impl IntoView
where
    F: Fn(Crop) -> Result<(), CropError> + Copy + 'static,
{
    let i18n = use_i18n();
    let stage = NodeRef::<leptos::html::Div>::new();
    let too_small = RwSignal::new(false);
    let drag = StoredValue::new(None::<(f64, f64, Crop)>);
    let current = move || frame.get().unwrap_or(initial);
    let update = move |change: &dyn Fn(Crop) -> Crop| {
        too_small.set(false);
        frame.set(Some(change(current())));
    };
    let nudge = move |dx: f32, dy: f32| update(&|c: Crop| c.moved(dx, dy, width, height));
    let zoom = move |factor: f32| update(&|c: Crop| c.zoomed(factor, width, height));

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        match ev.key().as_str() {
            "ArrowUp" => nudge(0.0, -STEP),
            "ArrowDown" => nudge(0.0, STEP),
            "ArrowLeft" => nudge(-STEP, 0.0),
            "ArrowRight" => nudge(STEP, 0.0),
            // Zooming in shows less of the photo: a smaller frame.
            "+" | "=" => zoom(1.0 / ZOOM),
            "-" | "_" => zoom(ZOOM),
            _ => return,
        }
        ev.prevent_default();
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        use leptos::wasm_bindgen::JsCast;
        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        drag.set_value(Some((f64::from(ev.client_x()), f64::from(ev.client_y()), current())));
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let Some((x0, y0, start)) = drag.get_value() else { return };
        let Some(shown_width) = stage.get_untracked().map(|s| s.get_bounding_client_rect().width()) else { return };
        if shown_width <= 0.0 {
            return;
        }
        // Screen pixels to photo pixels.
        let scale = width as f64 / shown_width;
        let dx = ((f64::from(ev.client_x()) - x0) * scale) as f32;
        let dy = ((f64::from(ev.client_y()) - y0) * scale) as f32;
        too_small.set(false);
        frame.set(Some(Crop { x: start.x + dx, y: start.y + dy, ..start }.fitted(width, height)));
    };
    let on_pointer_up = move |_| drag.set_value(None);

    let percent = move |value: f32, of: u32| format!("{:.3}%", 100.0 * value / of as f32);
    let check = move |_| too_small.set(on_check(current()) == Err(CropError::TooSmall));

    view! {
        <section class="crop-tool" aria-labelledby="crop-heading">
            <h2 id="crop-heading">{t!(i18n, photo.crop.heading)}</h2>
            <p id="crop-help">{t!(i18n, photo.crop.instructions)}</p>
            <div class="crop-stage" node_ref=stage>
                <img src=url alt="" draggable="false" />
                <div
                    class="crop-frame"
                    tabindex="0"
                    role="group"
                    aria-label=move || t_string!(i18n, photo.crop.frame)
                    aria-describedby="crop-help"
                    style:left=move || percent(current().x, width)
                    style:top=move || percent(current().y, height)
                    style:width=move || percent(current().width, width)
                    style:height=move || percent(current().height, height)
                    on:keydown=on_key
                    on:pointerdown=on_pointer_down
                    on:pointermove=on_pointer_move
                    on:pointerup=on_pointer_up
                    on:pointercancel=on_pointer_up
                >
                    // Where the proposed frame puts the crown and the chin.
                    <span class="crop-guide" style:top=format!("{}%", 100.0 * photo::CROWN_MARGIN)>
                        {t!(i18n, photo.crop.crown)}
                    </span>
                    <span class="crop-guide" style:top=format!("{}%", 100.0 * (photo::CROWN_MARGIN + photo::HEAD_SHARE))>
                        {t!(i18n, photo.crop.chin)}
                    </span>
                </div>
            </div>
            <div class="crop-buttons">
                <button type="button" on:click=move |_| nudge(0.0, -STEP)>{t!(i18n, photo.crop.up)}</button>
                <button type="button" on:click=move |_| nudge(0.0, STEP)>{t!(i18n, photo.crop.down)}</button>
                <button type="button" on:click=move |_| nudge(-STEP, 0.0)>{t!(i18n, photo.crop.left)}</button>
                <button type="button" on:click=move |_| nudge(STEP, 0.0)>{t!(i18n, photo.crop.right)}</button>
                <button type="button" on:click=move |_| zoom(1.0 / ZOOM)>{t!(i18n, photo.crop.zoom_in)}</button>
                <button type="button" on:click=move |_| zoom(ZOOM)>{t!(i18n, photo.crop.zoom_out)}</button>
            </div>
            <p>
                <button type="button" class="button" on:click=check>{t!(i18n, photo.crop.check)}</button>
            </p>
            <Show when=move || too_small.get()>
                <p class="field-error" role="alert">{t!(i18n, photo.crop.too_small)}</p>
            </Show>
        </section>
    }
}
