//! `/{lang}/officer/cases/import`: a CSV file of approved cases, with a report
//! of what became of each row.
use super::PageTitle;
use crate::components::{ErrorNotice, SignedInOnly};
use crate::domain::{ImportReport, RowResult, Unreadable};
use crate::i18n::*;
use crate::messages::error_message;
use crate::api::officer::import_cases;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn ImportCasesPage() -> impl IntoView {
    view! { <SignedInOnly staff=true><ImportForm /></SignedInOnly> }
}

#[component]
fn ImportForm() -> impl IntoView {
    let i18n = use_i18n();
    let report = RwSignal::new(None::<Result<ImportReport, crate::error::AppError>>);
    let pending = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(file) = document()
            .get_element_by_id("cases-file")
            .and_then(|el| leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(el).ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            if let Ok(text) = gloo_file::futures::read_as_text(&gloo_file::File::from(file)).await {
                report.set(Some(import_cases(text).await));
            }
            pending.set(false);
        });
    };
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, cases.import_title).to_owned()) />
        <h1>{t!(i18n, cases.import_title)}</h1>
        <p>{t!(i18n, cases.import_intro)}</p>
        <form class="import-form" on:submit=on_submit>
            <div class="form-group">
                <label for="cases-file">{t!(i18n, cases.import_file)}</label>
                <input type="file" id="cases-file" accept=".csv,text/csv" />
            </div>
            <button type="submit" class="button" disabled=move || pending.get()>{t!(i18n, cases.import_submit)}</button>
        </form>
        {move || match report.get() {
            Some(Ok(report)) => Some(view! { <Report report /> }.into_any()),
            Some(Err(error)) => Some(view! { <ErrorNotice error /> }.into_any()),
            None => None,
        }}
        <p><a href=move || routes::officer_cases(i18n.get_locale())>{t!(i18n, cases.title)}</a></p>
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(reason) = report.unreadable {
        let reason = move || match &reason {
            Unreadable::NoHeader => t_string!(i18n, cases.unreadable_no_header).to_owned(),
            Unreadable::MissingColumns(columns) => {
                let columns = columns.join(", ");
                t_string!(i18n, cases.unreadable_missing_columns, columns).to_string()
            }
            Unreadable::BadLine(line) => t_string!(i18n, cases.unreadable_bad_line, line = *line).to_string(),
            Unreadable::TooManyRows(max) => t_string!(i18n, cases.unreadable_too_many_rows, max = *max).to_string(),
            Unreadable::NoRows => t_string!(i18n, cases.unreadable_no_rows).to_owned(),
        };
        return view! { <p class="field-error" role="alert">{t!(i18n, cases.unreadable)}" "{reason}</p> }.into_any();
    }
    let count = |wanted: fn(&RowResult) -> bool| report.rows.iter().filter(|r| wanted(&r.result)).count();
    let imported = count(|r| matches!(r, RowResult::Imported));
    let rejected = count(|r| matches!(r, RowResult::Rejected(_)));
    let known = count(|r| matches!(r, RowResult::AlreadyKnown));
    view! {
        <h2>{t!(i18n, cases.report_title)}</h2>
        <p class="import-summary" role="status">
            {t!(i18n, cases.summary, imported = move || imported, rejected = move || rejected, known = move || known)}
        </p>
        <table class="cases import-report">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, cases.line)}</th>
                    <th scope="col">{t!(i18n, cases.application)}</th>
                    <th scope="col">{t!(i18n, cases.name)}</th>
                    <th scope="col">{t!(i18n, cases.result)}</th>
                </tr>
            </thead>
            <tbody>
                {report.rows.into_iter().map(|row| {
                    let result = row.result.clone();
                    let class = match &result {
                        RowResult::Imported => "row-imported",
                        RowResult::AlreadyKnown => "row-known",
                        RowResult::Rejected(_) => "row-rejected",
                    };
                    view! {
                        <tr class=class>
                            <td>{row.line}</td>
                            <td>{row.application_number}</td>
                            <td>{row.name}</td>
                            <td>{move || match &result {
                                RowResult::Imported => t_string!(i18n, cases.imported).to_owned(),
                                RowResult::AlreadyKnown => t_string!(i18n, cases.already_known).to_owned(),
                                RowResult::Rejected(errors) if errors.is_empty() => t_string!(i18n, cases.rejected_with_others).to_owned(),
                                RowResult::Rejected(errors) => format!(
                                    "{}: {}",
                                    t_string!(i18n, cases.rejected),
                                    errors
                                        .iter()
                                        .map(|e| format!("{} – {}", e.field, error_message(i18n.get_locale(), e.key)))
                                        .collect::<Vec<_>>()
                                        .join(" ")
                                ),
                            }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
