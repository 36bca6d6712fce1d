//! `/{lang}/home`: where an applicant lands once signed in. One card per person
//! the account completes, each with its steps, the one next action, and the
//! deadline for the photo and the address.
use super::PageTitle;
use crate::api::me::my_cards;
use crate::api::session::current_viewer;
use crate::components::{ErrorNotice, GoToSignIn};
use crate::api::ecopr::download;
use crate::domain::{EcoprCard, PersonCard, PersonId, Stage, Step, StepStatus};
use crate::i18n::*;
use crate::messages::long_date;
use crate::routes;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_navigate;

#[component]
pub fn StepsHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let viewer = Resource::new(|| (), |_| current_viewer());
    let cards = Resource::new(|| (), |_| my_cards());
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, journey.title).to_owned()) />
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(Some(viewer)) = viewer.await.map(|v| v.filter(|v| v.stage == Stage::Active)) else {
                    return view! { <GoToSignIn /> }.into_any();
                };
                if viewer.role.is_staff() {
                    return view! { <GoToCases /> }.into_any();
                }
                match cards.await {
                    Ok(cards) if cards.is_empty() => view! {
                        <h1>{t!(i18n, journey.title)}</h1>
                        <p>{t!(i18n, account.none)}</p>
                    }.into_any(),
                    Ok(cards) => view! {
                        <h1>{t!(i18n, journey.title)}</h1>
                        <p class="lead">{t!(i18n, journey.intro)}</p>
                        <ul class="profiles cards">
                            {cards.into_iter().map(|card| view! { <Card card /> }).collect_view()}
                        </ul>
                        <p><a href=move || routes::account(i18n.get_locale())>{t!(i18n, journey.account_link)}</a></p>
                    }.into_any(),
                    Err(error) => view! { <h1>{t!(i18n, journey.title)}</h1><ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Officers and administrators have no steps of their own: their cases instead.
#[component]
fn GoToCases() -> impl IntoView {
    let i18n = use_i18n();
    let path = routes::officer_cases(i18n.get_locale_untracked());
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(&path);
    let navigate = use_navigate();
    let target = path.clone();
    Effect::new(move || navigate(&target, Default::default()));
    view! { <p><a href=path>{t!(i18n, account.cases_link)}</a></p> }
}

#[component]
fn Card(card: PersonCard) -> impl IntoView {
    let i18n = use_i18n();
    let next = card.next();
    let (id, deadline_open) = (card.id, card.deadline_open());
    let PersonCard { name, steps, deadline, days_left, ecopr, .. } = card;
    view! {
        <li class="person-card">
            <h2><a href=move || routes::profile(i18n.get_locale(), id)>{name}</a></h2>
            <p class="deadline">
                {move || {
                    let date = long_date(i18n.get_locale(), deadline);
                    match (deadline_open, days_left) {
                        (false, _) => t_string!(i18n, journey.deadline_met).to_string(),
                        (true, days) if days < 0 => t_string!(i18n, journey.deadline_passed, date = date).to_string(),
                        (true, 1) => t_string!(i18n, journey.deadline_one, date = date).to_string(),
                        (true, days) => t_string!(i18n, journey.deadline, date = date, days = days).to_string(),
                    }
                }}
            </p>
            <ol class="steps">
                {steps.into_iter().map(|(step, status)| view! { <StepLine step status /> }).collect_view()}
            </ol>
            {ecopr.map(|ecopr| view! { <EcoprLine id ecopr /> })}
            {next.map(|step| view! {
                <p><a class="button" href=move || action_path(i18n.get_locale(), step, id)>{move || action_text(i18n, step)}</a></p>
            })}
        </li>
    }
}

/// The eCOPR: a download for 30 days after its issue, then how to get a copy.
#[component]
fn EcoprLine(id: PersonId, ecopr: EcoprCard) -> impl IntoView {
    let i18n = use_i18n();
    let EcoprCard { issued_on, until, open } = ecopr;
    let issued = move || t_string!(i18n, journey.ecopr_issued, date = long_date(i18n.get_locale(), issued_on)).to_string();
    let later = move || t_string!(i18n, journey.ecopr_until, date = long_date(i18n.get_locale(), until)).to_string();
    let ended = move || t_string!(i18n, journey.ecopr_ended, date = long_date(i18n.get_locale(), until)).to_string();
    view! {
        <div class="ecopr">
            <p>{issued}</p>
            {if open {
                view! {
                    // A file, not a page: the router leaves `download` links to the browser.
                    <p>
                        <a class="button" href=download(id) download rel="external">{t!(i18n, journey.ecopr_download)}</a>
                        " "<span class="ecopr-until">{later}</span>
                    </p>
                }.into_any()
            } else {
                view! {
                    <p>{ended}" "<a href=move || t_string!(i18n, invitation.contact_ircc_url)>{t!(i18n, journey.ecopr_copy)}</a></p>
                }.into_any()
            }}
        </div>
    }
}

/// A step's name and status, in words and with an icon (never colour alone).
#[component]
fn StepLine(step: Step, status: StepStatus) -> impl IntoView {
    let i18n = use_i18n();
    let (icon, class) = match status {
        StepStatus::Done => ("✓", "step-done"),
        StepStatus::ToDo => ("→", "step-to-do"),
        // An ellipsis, which every font has (an hourglass showed as a box).
        StepStatus::Waiting => ("…", "step-waiting"),
        StepStatus::Returned => ("↺", "step-returned"),
        StepStatus::NotYet => ("–", "step-not-yet"),
    };
    let status_text = move || match (step, status) {
        // IRCC's own words for a card that is not mailed yet.
        (Step::Card, StepStatus::NotYet | StepStatus::Waiting) => t_string!(i18n, journey.card_ready_for_review),
        (_, StepStatus::Done) => t_string!(i18n, journey.done),
        (_, StepStatus::ToDo) => t_string!(i18n, journey.to_do),
        (_, StepStatus::Waiting) => t_string!(i18n, journey.waiting),
        (_, StepStatus::Returned) => t_string!(i18n, journey.returned),
        (_, StepStatus::NotYet) => t_string!(i18n, journey.not_yet),
    };
    view! {
        <li class=format!("step {class}") data-step=step_id(step)>
            <span class="step-icon" aria-hidden="true">{icon}</span>
            " "<span class="step-name">{move || step_name(i18n, step)}</span>
            {t!(i18n, shell.colon)}<span class="step-status">{status_text}</span>
        </li>
    }
}

fn step_id(step: Step) -> &'static str {
    match step {
        Step::Presence => "presence",
        Step::Address => "address",
        Step::Photo => "photo",
        Step::Review => "review",
        Step::Ecopr => "ecopr",
        Step::Card => "card",
    }
}

fn step_name(i18n: I18nContext<Locale>, step: Step) -> &'static str {
    match step {
        Step::Presence => t_string!(i18n, journey.step_presence),
        Step::Address => t_string!(i18n, journey.step_address),
        Step::Photo => t_string!(i18n, journey.step_photo),
        Step::Review => t_string!(i18n, journey.step_review),
        Step::Ecopr => t_string!(i18n, journey.step_ecopr),
        Step::Card => t_string!(i18n, journey.step_card),
    }
}

fn action_text(i18n: I18nContext<Locale>, step: Step) -> &'static str {
    match step {
        Step::Presence => t_string!(i18n, steps.presence_link),
        Step::Address => t_string!(i18n, steps.address_link),
        Step::Photo => t_string!(i18n, account.photo_send),
        Step::Review | Step::Ecopr | Step::Card => t_string!(i18n, journey.see_profile),
    }
}

fn action_path(locale: Locale, step: Step, id: crate::domain::PersonId) -> String {
    match step {
        Step::Presence => routes::profile_presence(locale, id),
        Step::Address => routes::profile_address(locale, id),
        Step::Photo => routes::profile_photo(locale, id),
        Step::Review | Step::Ecopr | Step::Card => routes::profile(locale, id),
    }
}
