//! `/{lang}/ecopr/{code}`: public. Says whether the eCOPR with this code is
//! genuine and current, with the holder's initials and year of birth to compare
//! with the paper; any other code gets the same "cannot be confirmed".
use super::PageTitle;
use crate::api::ecopr::verify_ecopr;
use crate::components::ErrorNotice;
use crate::domain::Verification;
use crate::i18n::*;
use crate::messages::long_date;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EcoprVerificationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let answer = Resource::new(code, verify_ecopr);
    let title = move |f: fn(_) -> &'static str| Signal::derive(move || f(i18n).to_owned());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match answer.await {
                    Ok(Verification::Genuine { initials, birth_year, issued_on }) => view! {
                        <PageTitle title=title(|i| t_string!(i, verification.genuine_title)) />
                        <h1>{t!(i18n, verification.genuine_title)}</h1>
                        <div class="notice-success verification" role="status">
                            <p>{move || t_string!(i18n, verification.genuine_body, date = long_date(i18n.get_locale(), issued_on)).to_string()}</p>
                            <dl class="case-facts">
                                <dt>{t!(i18n, verification.initials)}</dt><dd class="initials">{initials}</dd>
                                <dt>{t!(i18n, verification.birth_year)}</dt><dd class="birth-year">{birth_year}</dd>
                            </dl>
                        </div>
                        <p>{t!(i18n, verification.compare)}</p>
                    }.into_any(),
                    Ok(Verification::CannotConfirm) => view! {
                        <PageTitle title=title(|i| t_string!(i, verification.unknown_title)) />
                        <h1>{t!(i18n, verification.unknown_title)}</h1>
                        <div class="notice-warning verification" role="status">
                            <p>{t!(i18n, verification.unknown_body)}</p>
                        </div>
                        <p><a href=move || t_string!(i18n, invitation.contact_ircc_url)>{t!(i18n, invitation.contact_ircc)}</a></p>
                    }.into_any(),
                    Err(error) => view! {
                        <PageTitle title=title(|i| t_string!(i, verification.title)) />
                        <h1>{t!(i18n, verification.title)}</h1>
                        <ErrorNotice error />
                    }.into_any(),
                }
            })}
        </Suspense>
        <p class="verification-note">{t!(i18n, verification.what_it_says)}</p>
    }
}
