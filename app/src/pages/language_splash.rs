use crate::components::BilingualSignature;
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::{Html, Title};

/// `/`: the bilingual entry page, as on Canada.ca, where a person picks a language.
#[component]
pub fn LanguageSplash() -> impl IntoView {
    let title = format!("{} / {}", td_string!(Locale::en, site_name), td_string!(Locale::fr, site_name));
    view! {
        <Html {..} lang="en" />
        <Title text=title />
        <main id="main-content" class="splash">
            <div class="splash-card">
                <BilingualSignature first=Locale::en />
                <h1 class="visually-hidden">
                    {td!(Locale::en, site_name)} " / " <span lang="fr">{td!(Locale::fr, site_name)}</span>
                </h1>
                <div class="splash-choices">
                    <section lang="en" aria-labelledby="splash-en">
                        <h2 id="splash-en">{td!(Locale::en, site_name)}</h2>
                        <a class="button" href=routes::home(Locale::en) hreflang="en">"English"</a>
                    </section>
                    <section lang="fr" aria-labelledby="splash-fr">
                        <h2 id="splash-fr">{td!(Locale::fr, site_name)}</h2>
                        <a class="button" href=routes::home(Locale::fr) hreflang="fr">"Français"</a>
                    </section>
                </div>
            </div>
        </main>
    }
}
