use super::PageTitle;
use crate::components::PhotoChecker;
use crate::i18n::*;
use leptos::prelude::*;

/// `/{lang}/photo-check`: anyone can check a photo before the signed-in photo step.
#[component]
pub fn PhotoCheckPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, photo.title).to_owned()) />
        <h1>{t!(i18n, photo.title)}</h1>
        <p class="lead">{t!(i18n, photo.intro)}</p>
        <p>{t!(i18n, photo.rules)}</p>
        <PhotoChecker />
    }
}
