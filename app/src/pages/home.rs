use super::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;
use crate::routes;

/// What the portal is for, who can use it and what it does not do.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, home.title).to_owned()) />
        <h1>{t!(i18n, home.title)}</h1>
        <p class="lead">{t!(i18n, home.lead)}</p>

        <h2>{t!(i18n, home.can_do_heading)}</h2>
        <ul>
            <li>{t!(i18n, home.can_do_presence)}</li>
            <li>{t!(i18n, home.can_do_address)}</li>
            <li>
                {t!(i18n, home.can_do_photo)} " "
                <a href=move || routes::photo_check(i18n.get_locale())>{t!(i18n, home.photo_check_link)}</a>
            </li>
            <li>{t!(i18n, home.can_do_ecopr)}</li>
        </ul>

        <h2>{t!(i18n, home.access_heading)}</h2>
        <p>{t!(i18n, home.access_invitation)}</p>
        <p>{t!(i18n, home.access_accounts)}</p>

        <h2>{t!(i18n, home.not_heading)}</h2>
        <ul>
            <li>{t!(i18n, home.not_status)}</li>
            <li>{t!(i18n, home.not_pr)}</li>
            <li>{t!(i18n, home.not_representatives)}</li>
        </ul>
    }
}
