use super::{messages, Shown};
use crate::i18n::*;
use leptos::prelude::*;
use photo::{CheckId, Status};

/// Each check with an icon and a word (never colour alone), what it means and
/// how to fix it; the photo beside it, with the glare spot marked.
#[component]
pub(super) fn Results(shown: Shown) -> impl IntoView {
    let i18n = use_i18n();
    let Shown { report, cropped, url, width, height } = shown;
    let summary = messages::summary(i18n, report.verdict);
    let glare_at = report
        .get(CheckId::Glare)
        .filter(|c| c.status == Status::Fail)
        .and_then(|c| c.at)
        .filter(|_| width > 0 && height > 0)
        .map(|(x, y)| (100.0 * x as f32 / width as f32, 100.0 * y as f32 / height as f32));
    view! {
        <section class="photo-results" aria-labelledby="photo-results-heading">
            <h2 id="photo-results-heading">
                {if cropped { t_string!(i18n, photo.results_cropped) } else { t_string!(i18n, photo.results) }}
            </h2>
            <p class="photo-summary">{summary}</p>
            {cropped.then(|| view! {
                <p>
                    <a class="button" href=url.clone() download="pr-card-photo.jpg">{t!(i18n, photo.crop.download)}</a>
                </p>
            })}
            <div class="photo-results-body">
                <figure class="photo-preview">
                    <img src=url alt=move || t_string!(i18n, photo.preview_alt) />
                    {glare_at.map(|(x, y)| view! {
                        <span class="glare-mark" style:left=format!("{x:.1}%") style:top=format!("{y:.1}%")>
                            <span class="visually-hidden">{t!(i18n, photo.glare_mark)}</span>
                        </span>
                    })}
                </figure>
                <CheckList report=report.clone() />
            </div>
        </section>
    }
}

/// Each check of a report with an icon and a word (never colour alone), and
/// what it means: for the person checking, and for the officer reviewing.
#[component]
pub fn CheckList(report: photo::Report) -> impl IntoView {
    let i18n = use_i18n();
    let items = report
        .checks
        .iter()
        .map(|check| {
            let (icon, class) = match check.status {
                Status::Pass => ("✓", "check check-pass"),
                Status::Fail => ("✗", "check check-fail"),
                Status::Warn => ("!", "check check-warn"),
                Status::Skipped => ("–", "check check-skipped"),
            };
            view! {
                <li class=class data-check=check.id.as_str()>
                    <span class="check-icon" aria-hidden="true">{icon}</span>
                    <span class="check-text">
                        <strong>{messages::name(i18n, check.id)}</strong>
                        " — "
                        <span class="check-status">{messages::status(i18n, check.status)}</span>
                        <br />
                        {messages::message(i18n, check)}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="checks">{items}</ul> }
}
