//! The idle timeout, as the Government of Canada asks: a warning some minutes
//! before the session ends, which offers to extend it. The dialog takes focus
//! and is announced; the server ends the session on its own clock as well.
use crate::i18n::*;
use crate::routes;
use crate::api::session::{current_viewer, SignOut};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn SessionTimeout(timeout_minutes: u32, warning_minutes: u32) -> impl IntoView {
    let i18n = use_i18n();
    let warning = RwSignal::new(false);
    // Bumped to start the timers again ("stay signed in").
    let generation = RwSignal::new(0u32);
    // Says, for tests and tools, that the timers run.
    let armed = RwSignal::new(false);
    let dialog = NodeRef::<html::Div>::new();
    let navigate = use_navigate();
    let after_sign_out = navigate.clone();
    let sign_out = ServerAction::<SignOut>::new();

    // Effects run only in the browser. Each run returns its timers; the next run
    // drops them, which cancels them.
    Effect::new(move |_: Option<Vec<gloo_timers::callback::Timeout>>| {
        generation.track();
        let minute = 60_000;
        let warn_at = timeout_minutes.saturating_sub(warning_minutes) * minute;
        let navigate = navigate.clone();
        let timed_out = move || {
            warning.set(false);
            navigate(&format!("{}?timed-out", routes::sign_in(i18n.get_locale_untracked())), Default::default());
        };
        armed.set(true);
        vec![
            gloo_timers::callback::Timeout::new(warn_at, move || warning.set(true)),
            gloo_timers::callback::Timeout::new(timeout_minutes * minute, timed_out),
        ]
    });
    Effect::new(move || {
        if let Some(Ok(())) = sign_out.value().get() {
            warning.set(false);
            after_sign_out(&routes::sign_in(i18n.get_locale_untracked()), Default::default());
        }
    });
    Effect::new(move || {
        if warning.get() {
            if let Some(dialog) = dialog.get() {
                let _ = dialog.focus();
            }
        }
    });
    let stay = move |_| {
        warning.set(false);
        generation.update(|g| *g += 1);
        // Any request to the server counts as activity there too.
        leptos::task::spawn_local(async {
            let _ = current_viewer().await;
        });
    };
    view! {
        <span hidden data-session-timer=move || armed.get().then_some("armed")></span>
        <Show when=move || warning.get()>
            <div class="session-backdrop">
                <div class="session-dialog" role="alertdialog" aria-modal="true" tabindex="-1" node_ref=dialog
                    aria-labelledby="session-title" aria-describedby="session-body">
                    <h2 id="session-title">{t!(i18n, session.warning_title)}</h2>
                    <p id="session-body">{t!(i18n, session.warning_body, minutes = move || warning_minutes)}</p>
                    <div class="session-buttons">
                        <button type="button" class="button" on:click=stay>{t!(i18n, session.stay)}</button>
                        <ActionForm action=sign_out>
                            <input type="hidden" name="everywhere" value="false" />
                            <button type="submit" class="button button-secondary">{t!(i18n, session.sign_out_now)}</button>
                        </ActionForm>
                    </div>
                </div>
            </div>
        </Show>
    }
}
