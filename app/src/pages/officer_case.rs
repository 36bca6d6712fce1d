//! `/{lang}/officer/cases/{id}`: one case whole, for officers. Each person with
//! their steps and dates, the photos they sent and what became of each, their
//! confirmation of PR; the form that confirms the people chosen; the case's
//! audit trail, newest first.
use super::officer_confirm::ConfirmForm;
use super::PageTitle;
use crate::api::ecopr::{officer_case, ConfirmPr};
use crate::api::photos::review_image;
use crate::components::{ErrorNotice, GoToSignIn, SignedInOnly};
use crate::domain::{CaseFile, CaseId, PersonFile, PrConfirmed, Review, SentPhoto, TrailActor, TrailEntry};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages::{audit_action, long_date, missing_text, place_name, relationship_name, return_reason};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfficerCasePage() -> impl IntoView {
    view! { <SignedInOnly staff=true><CasePage /></SignedInOnly> }
}

#[component]
fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<CaseId>().ok()));
    let confirm = ServerAction::<ConfirmPr>::new();
    let file = Resource::new(move || (id(), confirm.version().get()), |(id, _)| async move {
        match id {
            Some(id) => officer_case(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <p><a href=move || routes::officer_cases(i18n.get_locale())>{t!(i18n, case.back)}</a></p>
        <Transition>
            {move || Suspend::new(async move {
                match file.await {
                    Ok(file) => view! { <CaseView file confirm /> }.into_any(),
                    Err(AppError::SignInRequired) => view! { <GoToSignIn /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle title=Signal::derive(move || t_string!(i18n, case.title).to_owned()) />
                        <h1>{t!(i18n, case.title)}</h1>
                        <ErrorNotice error />
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CaseView(file: CaseFile, confirm: ServerAction<ConfirmPr>) -> impl IntoView {
    let i18n = use_i18n();
    let CaseFile { application_number, approved_on, status, received_on, people, trail, .. } = file;
    let heading = Signal::derive(move || t_string!(i18n, case.heading, number = application_number.clone()).to_string());
    let status = move || match status.as_str() {
        "answered" => t_string!(i18n, cases.status_answered),
        "paper_route" => t_string!(i18n, cases.status_paper_route),
        _ => t_string!(i18n, cases.status_invited),
    };
    let choices: Vec<_> = people.iter().filter(|p| p.confirmed.is_none()).map(|p| (p.id, p.name.clone(), p.missing.is_empty())).collect();
    view! {
        <PageTitle title=heading />
        <h1>{heading}</h1>
        <dl class="case-facts">
            <dt>{t!(i18n, cases.approved_on)}</dt><dd>{move || long_date(i18n.get_locale(), approved_on)}</dd>
            <dt>{t!(i18n, cases.received)}</dt><dd>{move || long_date(i18n.get_locale(), received_on)}</dd>
            <dt>{t!(i18n, cases.status)}</dt><dd>{status}</dd>
        </dl>
        {people.into_iter().map(|person| view! { <PersonSection person /> }).collect_view()}
        <ConfirmForm choices confirm />
        <Trail trail />
    }
}

#[component]
fn PersonSection(person: PersonFile) -> impl IntoView {
    let i18n = use_i18n();
    let PersonFile { id, name, relationship, date_of_birth, uci, declared, address, photos, confirmed, missing } = person;
    let heading_id = format!("person-{id}");
    let presence = move || match declared {
        Some((true, on)) => t_string!(i18n, cases.declared_in, date = long_date(i18n.get_locale(), on)).to_string(),
        Some((false, on)) => t_string!(i18n, cases.declared_out, date = long_date(i18n.get_locale(), on)).to_string(),
        None => t_string!(i18n, cases.not_declared).to_string(),
    };
    let address = move || match &address {
        Some((line, on)) => t_string!(i18n, case.address_on, address = line.clone(), date = long_date(i18n.get_locale(), *on)).to_string(),
        None => t_string!(i18n, cases.no_address).to_string(),
    };
    let waiting = photos.first().is_some_and(|p| p.review == Review::Waiting);
    let state = move || match &confirmed {
        Some(PrConfirmed { became_on, city, province, issued_on, document_number }) => t_string!(
            i18n,
            case.confirmed,
            date = long_date(i18n.get_locale(), *became_on),
            place = place_name(i18n.get_locale(), city, *province),
            issued = long_date(i18n.get_locale(), *issued_on),
            number = document_number.clone()
        )
        .to_string(),
        None if missing.is_empty() => t_string!(i18n, case.ready).to_string(),
        None => {
            let missing: Vec<_> = missing.iter().map(|m| missing_text(i18n.get_locale(), *m)).collect();
            t_string!(i18n, case.not_ready, missing = missing.join(" ")).to_string()
        }
    };
    view! {
        <section class="case-person" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{name}</h2>
            <dl class="case-facts">
                <dt>{t!(i18n, cases.relationship)}</dt><dd>{move || relationship_name(i18n.get_locale(), relationship)}</dd>
                <dt>{t!(i18n, cases.date_of_birth)}</dt><dd>{move || long_date(i18n.get_locale(), date_of_birth)}</dd>
                <dt>{t!(i18n, case.uci)}</dt><dd>{uci}</dd>
                <dt>{t!(i18n, case.presence)}</dt><dd>{presence}</dd>
                <dt>{t!(i18n, case.address)}</dt><dd>{address}</dd>
                <dt>{t!(i18n, case.confirmation)}</dt><dd class="confirmation-state">{state}</dd>
            </dl>
            <h3>{t!(i18n, case.photos)}</h3>
            {if photos.is_empty() {
                view! { <p>{t!(i18n, cases.photo_none)}</p> }.into_any()
            } else {
                view! { <ul class="earlier-photos">{photos.into_iter().map(|photo| view! { <PhotoItem photo /> }).collect_view()}</ul> }.into_any()
            }}
            {waiting.then(|| view! {
                <p><a class="review-link" href=move || format!("{}?person={id}", routes::officer_photos(i18n.get_locale()))>{t!(i18n, cases.review_photo)}</a></p>
            })}
        </section>
    }
}

#[component]
fn PhotoItem(photo: SentPhoto) -> impl IntoView {
    let i18n = use_i18n();
    let SentPhoto { key, received_on, sent_anyway, review, decided_on } = photo;
    let alt = move || t_string!(i18n, review.earlier_alt, date = long_date(i18n.get_locale(), received_on)).to_string();
    let decided = move || decided_on.map(|on| long_date(i18n.get_locale(), on)).unwrap_or_default();
    let state = move || match &review {
        Review::Waiting => t_string!(i18n, case.photo_waiting).to_string(),
        Review::Accepted => t_string!(i18n, case.photo_accepted, date = decided()).to_string(),
        Review::Returned { reason, .. } => {
            t_string!(i18n, case.photo_returned, date = decided(), reason = return_reason(i18n.get_locale(), *reason)).to_string()
        }
    };
    view! {
        <li>
            <figure>
                <img src=review_image(&key) alt=alt loading="lazy" width="120" />
                <figcaption>
                    {state}
                    {sent_anyway.then(|| view! { " "{t!(i18n, case.sent_anyway)} })}
                </figcaption>
            </figure>
        </li>
    }
}

/// What was done on the case and to its people, by whom, newest first.
#[component]
fn Trail(trail: Vec<TrailEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="trail" aria-labelledby="trail-heading">
            <h2 id="trail-heading">{t!(i18n, case.trail)}</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="trail-heading">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, case.when)}</th>
                            <th scope="col">{t!(i18n, case.what)}</th>
                            <th scope="col">{t!(i18n, case.about)}</th>
                            <th scope="col">{t!(i18n, case.by)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {trail.into_iter().map(|TrailEntry { at, action, by, about }| view! {
                            <tr>
                                <td>{at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                                <td>{move || audit_action(i18n.get_locale(), &action)}</td>
                                <td>{about.unwrap_or_default()}</td>
                                <td>{move || actor_name(i18n, &by)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn actor_name(i18n: leptos_i18n::I18nContext<Locale>, actor: &TrailActor) -> String {
    match actor {
        TrailActor::Person(name) => name.clone(),
        TrailActor::Api(name) => t_string!(i18n, case.by_api, name = name.clone()).to_string(),
        TrailActor::Invitation => t_string!(i18n, case.by_invitation).to_string(),
        TrailActor::CommandLine(name) => t_string!(i18n, case.by_cli, name = name.clone()).to_string(),
        TrailActor::Address(name) => t_string!(i18n, case.by_address, name = name.clone()).to_string(),
    }
}
