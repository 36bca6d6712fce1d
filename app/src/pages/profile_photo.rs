//! `/{lang}/profile/{id}/photo`: the signed-in photo step. The photo is checked
//! in the browser, then sent for the profile, and checked again by the server.
use super::account::{OwnProfile, PhotoState};
use super::address::NeedsPresence;
use super::PageTitle;
use crate::components::PhotoChecker;
use crate::api::photos;
use crate::domain::{PhotoStatus, Profile};
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn ProfilePhotoPage() -> impl IntoView {
    view! { <OwnProfile show=|profile| view! { <PhotoStep profile /> }.into_any() /> }
}

#[component]
fn PhotoStep(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let Profile { id, name, photo, declaration, .. } = profile;
    let in_canada = declaration.is_some_and(|d| d.in_canada);
    let photo = RwSignal::new(photo);
    // A new photo replaces the one shown; the query defeats the browser's copy.
    let version = RwSignal::new(0u32);
    let on_sent = move |status: PhotoStatus| {
        photo.set(Some(status));
        version.update(|v| *v += 1);
    };
    let title = Signal::derive(move || t_string!(i18n, account.photo_title, name = name.clone()).to_string());
    view! {
        <PageTitle title />
        <h1>{move || title.get()}</h1>
        <p class="photo-state"><PhotoState photo /></p>
        {move || photo.get().map(|_| view! {
            <figure class="photo-received">
                <img src=format!("{}?v={}", photos::endpoint(id), version.get()) alt=move || t_string!(i18n, account.photo_current) width="143" height="200" />
            </figure>
        })}
        {if in_canada {
            view! {
                <p class="lead">{t!(i18n, account.photo_intro)}</p>
                <p>{t!(i18n, photo.rules)}</p>
                <PhotoChecker send_for=id on_sent />
            }.into_any()
        } else {
            view! { <NeedsPresence id /> }.into_any()
        }}
        <p><a href=move || routes::profile(i18n.get_locale(), id)>{t!(i18n, account.photo_back)}</a></p>
    }
}
