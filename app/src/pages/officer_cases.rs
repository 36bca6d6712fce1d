//! `/{lang}/officer/cases`: every case and where it stands; officers and
//! administrators only (the server function checks the role, not just this page).
use super::PageTitle;
use crate::components::{ErrorNotice, GoToSignIn, Pager, SignedInOnly};
use crate::domain::{CaseId, CaseSummary, PersonProgress, PhotoFact};
use crate::messages::long_date;
use crate::error::AppError;
use crate::i18n::*;
use crate::api::officer::{officer_cases, ResendInvitation};
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::Form;

#[component]
pub fn OfficerCasesPage() -> impl IntoView {
    view! { <SignedInOnly staff=true><Cases /></SignedInOnly> }
}

#[component]
fn Cases() -> impl IntoView {
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<u64>().ok()));
    let search = move || query.with(|q| q.get("q").filter(|q| !q.trim().is_empty()));
    let cases = Resource::new(move || (page(), search()), |(page, q)| officer_cases(page, q));
    // The search form stays outside the results: a search re-renders only them,
    // never the form whose submission is still being handled.
    let typed = query.with_untracked(|q| q.get("q")).unwrap_or_default();
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, cases.title).to_owned()) />
        <h1>{t!(i18n, cases.title)}</h1>
        <p class="case-actions">
            <a href=move || routes::new_case(i18n.get_locale())>{t!(i18n, cases.new_link)}</a>
            " · "
            <a href=move || routes::import_cases(i18n.get_locale())>{t!(i18n, cases.import_link)}</a>
            " · "
            <a href=move || routes::officer_photos(i18n.get_locale())>{t!(i18n, review.nav)}</a>
            " · "
            <a href=move || routes::officer_ready(i18n.get_locale())>{t!(i18n, ready.nav)}</a>
        </p>
        <Form method="GET" action="" attr:class="case-search" attr:role="search">
            <div class="form-group">
                <label for="case-search">{t!(i18n, cases.search_label)}</label>
                <p class="hint" id="case-search-hint">{t!(i18n, cases.search_hint)}</p>
                <input type="search" id="case-search" name="q" value=typed aria-describedby="case-search-hint" />
            </div>
            <button type="submit" class="button button-secondary">{t!(i18n, cases.search_submit)}</button>
        </Form>
        <Suspense>
            {move || {
                // Read before the `async` boundary: after it, this render's owner may be gone.
                let searched = search();
                Suspend::new(async move {
                    match cases.await {
                        Ok(page) => view! {
                            <CaseList cases=page.cases searching=searched.is_some() />
                            <Pager page=page.page pages=page.pages link=move |to: u64| {
                                let search = searched.as_deref().map(|q| format!("&q={}", routes::query_value(q))).unwrap_or_default();
                                format!("{}?page={to}{search}", routes::officer_cases(i18n.get_locale()))
                            } />
                        }.into_any(),
                        Err(AppError::SignInRequired) => view! { <GoToSignIn /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn CaseList(cases: Vec<CaseSummary>, searching: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = move |status: &str| match status {
        "answered" => t_string!(i18n, cases.status_answered),
        "paper_route" => t_string!(i18n, cases.status_paper_route),
        _ => t_string!(i18n, cases.status_invited),
    };
    view! {
        {if cases.is_empty() && searching {
            view! { <p class="search-none">{t!(i18n, cases.search_none)}</p> }.into_any()
        } else if cases.is_empty() {
            view! { <p>{t!(i18n, cases.none)}</p> }.into_any()
        } else {
            view! {
                // On a narrow screen the table scrolls inside its own region, not the page.
                <div class="table-scroll" role="region" tabindex="0" aria-label=move || t_string!(i18n, cases.title)>
                <table class="cases">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, cases.application_number)}</th>
                            <th scope="col">{t!(i18n, cases.principal)}</th>
                            <th scope="col">{t!(i18n, cases.people)}</th>
                            <th scope="col">{t!(i18n, cases.progress)}</th>
                            <th scope="col">{t!(i18n, cases.days_left)}</th>
                            <th scope="col">{t!(i18n, cases.status)}</th>
                            <th scope="col">{t!(i18n, cases.received)}</th>
                            <th scope="col"><span class="visually-hidden">{t!(i18n, cases.resend)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {cases.into_iter().map(|case| {
                            let code = case.status.clone();
                            view! {
                                <tr data-status=case.status.clone()>
                                    <td><a href=move || routes::officer_case(i18n.get_locale(), case.id)>{case.application_number}</a></td>
                                    <td>{case.principal}</td>
                                    <td>{case.people}</td>
                                    <td><ul class="progress">{case.progress.into_iter().map(|person| view! { <Progress person /> }).collect_view()}</ul></td>
                                    <td class="days-left">{case.days_left}</td>
                                    <td>{move || status(&code)}</td>
                                    <td>{move || long_date(i18n.get_locale(), case.created_on)}</td>
                                    <td>{(case.status == "invited").then(|| view! { <Resend case_id=case.id /> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
    }
}

/// One person's presence and address, in words.
#[component]
fn Progress(person: PersonProgress) -> impl IntoView {
    let i18n = use_i18n();
    let PersonProgress { id, name, declared, address_given, photo } = person;
    let presence = move || match declared {
        Some((true, on)) => t_string!(i18n, cases.declared_in, date = long_date(i18n.get_locale(), on)).to_string(),
        Some((false, on)) => t_string!(i18n, cases.declared_out, date = long_date(i18n.get_locale(), on)).to_string(),
        None => t_string!(i18n, cases.not_declared).to_string(),
    };
    let address = move || if address_given { t_string!(i18n, cases.address_given) } else { t_string!(i18n, cases.no_address) };
    let photo_state = move || match photo {
        PhotoFact::None => t_string!(i18n, cases.photo_none),
        PhotoFact::Waiting => t_string!(i18n, cases.photo_waiting),
        PhotoFact::Accepted => t_string!(i18n, cases.photo_accepted),
        PhotoFact::Returned => t_string!(i18n, cases.photo_returned),
    };
    view! {
        <li>
            <strong>{name}</strong>{t!(i18n, shell.colon)}{presence}"; "{address}"; "{photo_state}
            {(photo == PhotoFact::Waiting).then(|| view! {
                " "<a class="review-link" href=move || format!("{}?person={id}", routes::officer_photos(i18n.get_locale()))>{t!(i18n, cases.review_photo)}</a>
            })}
        </li>
    }
}

/// A new invitation for a case still waiting; the old link dies.
#[component]
fn Resend(case_id: CaseId) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResendInvitation>::new();
    view! {
        {move || match action.value().get() {
            Some(Ok(true)) => view! { <span role="status">{t!(i18n, cases.resent)}</span> }.into_any(),
            _ => view! {
                <ActionForm action>
                    <input type="hidden" name="case_id" value=case_id.to_string() />
                    <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>{t!(i18n, cases.resend)}</button>
                </ActionForm>
            }.into_any(),
        }}
    }
}
