//! `/{lang}/officer/cases`: every case and where it stands; officers and
//! administrators only (the server function checks the role, not just this page).
use super::PageTitle;
use crate::components::{ErrorNotice, GoToSignIn, SignedInOnly};
use crate::domain::{CaseId, CaseSummary, PersonProgress};
use crate::messages::long_date;
use crate::error::AppError;
use crate::i18n::*;
use crate::api::officer::{officer_cases, ResendInvitation};
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn OfficerCasesPage() -> impl IntoView {
    view! { <SignedInOnly staff=true><Cases /></SignedInOnly> }
}

#[component]
fn Cases() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<u64>().ok()));
    let cases = Resource::new(page, officer_cases);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(page) => view! { <CaseList cases=page.cases /><Pages page=page.page pages=page.pages /> }.into_any(),
                    Err(AppError::SignInRequired) => view! { <GoToSignIn /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseList(cases: Vec<CaseSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let status = move |status: &str| match status {
        "answered" => t_string!(i18n, cases.status_answered),
        "paper_route" => t_string!(i18n, cases.status_paper_route),
        _ => t_string!(i18n, cases.status_invited),
    };
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, cases.title).to_owned()) />
        <h1>{t!(i18n, cases.title)}</h1>
        <p class="case-actions">
            <a href=move || routes::new_case(i18n.get_locale())>{t!(i18n, cases.new_link)}</a>
            " · "
            <a href=move || routes::import_cases(i18n.get_locale())>{t!(i18n, cases.import_link)}</a>
        </p>
        {if cases.is_empty() {
            view! { <p>{t!(i18n, cases.none)}</p> }.into_any()
        } else {
            view! {
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
                                    <td>{case.application_number}</td>
                                    <td>{case.principal}</td>
                                    <td>{case.people}</td>
                                    <td><ul class="progress">{case.progress.into_iter().map(|person| view! { <Progress person /> }).collect_view()}</ul></td>
                                    <td class="days-left">{case.days_left}</td>
                                    <td>{move || status(&code)}</td>
                                    <td>{case.created_on}</td>
                                    <td>{(case.status == "invited").then(|| view! { <Resend case_id=case.id /> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// One person's presence and address, in words.
#[component]
fn Progress(person: PersonProgress) -> impl IntoView {
    let i18n = use_i18n();
    let PersonProgress { name, declared, address_given } = person;
    let presence = move || match declared {
        Some((true, on)) => t_string!(i18n, cases.declared_in, date = long_date(i18n.get_locale(), on)).to_string(),
        Some((false, on)) => t_string!(i18n, cases.declared_out, date = long_date(i18n.get_locale(), on)).to_string(),
        None => t_string!(i18n, cases.not_declared).to_string(),
    };
    let address = move || if address_given { t_string!(i18n, cases.address_given) } else { t_string!(i18n, cases.no_address) };
    view! { <li><strong>{name}</strong>": "{presence}"; "{address}</li> }
}

/// Links to the neighbouring pages of cases, when there are several.
#[component]
fn Pages(page: u64, pages: u64) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |to: u64| format!("{}?page={to}", routes::officer_cases(i18n.get_locale()));
    (pages > 1).then(|| {
        view! {
            <nav class="pages" aria-label=move || t_string!(i18n, cases.pages_label)>
                {(page > 1).then(|| view! { <a href=move || link(page - 1) rel="prev">{t!(i18n, cases.previous)}</a> })}
                <span aria-current="page">{t!(i18n, cases.page_of, page = move || page, pages = move || pages)}</span>
                {(page < pages).then(|| view! { <a href=move || link(page + 1) rel="next">{t!(i18n, cases.next)}</a> })}
            </nav>
        }
    })
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
