//! `/{lang}/officer/confirm`: the people ready to confirm across cases, oldest
//! accepted photo first, with the form that confirms those chosen at once.
use super::officer_confirm::ConfirmForm;
use super::PageTitle;
use crate::api::ecopr::{ready_to_confirm, ConfirmPr};
use crate::components::{ErrorNotice, GoToSignIn, Pager, SignedInOnly};
use crate::domain::ReadyPage;
use crate::error::AppError;
use crate::i18n::*;
use crate::messages::{long_date, place_name};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OfficerReadyPage() -> impl IntoView {
    view! { <SignedInOnly staff=true><Ready /></SignedInOnly> }
}

#[component]
fn Ready() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<u64>().ok()));
    let confirm = ServerAction::<ConfirmPr>::new();
    let ready = Resource::new(move || (page(), confirm.version().get()), |(page, _)| ready_to_confirm(page));
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, ready.title).to_owned()) />
        <h1>{t!(i18n, ready.title)}</h1>
        <p class="lead">{t!(i18n, ready.intro)}</p>
        <Transition>
            {move || Suspend::new(async move {
                match ready.await {
                    Ok(list) => view! { <ReadyList list confirm /> }.into_any(),
                    Err(AppError::SignInRequired) => view! { <GoToSignIn /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ReadyList(list: ReadyPage, confirm: ServerAction<ConfirmPr>) -> impl IntoView {
    let i18n = use_i18n();
    let ReadyPage { people, page, pages, total } = list;
    let locale = i18n.get_locale_untracked();
    // The names carry what an officer compares: the application, the acceptance, where the person lives.
    let choices = people
        .into_iter()
        .map(|p| {
            let accepted = long_date(locale, p.accepted_on);
            let place = place_name(locale, &p.city, p.province);
            let label = t_string!(i18n, ready.person, name = p.name, number = p.application_number, date = accepted, place = place).to_string();
            (p.id, label, true)
        })
        .collect::<Vec<_>>();
    view! {
        <p class="review-waiting">{move || t_string!(i18n, ready.count, count = total).to_string()}</p>
        <ConfirmForm choices confirm checked=false />
        <Pager page pages link=move |to: u64| format!("{}?page={to}", routes::officer_ready(i18n.get_locale())) />
    }
}
