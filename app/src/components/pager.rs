//! Links to the neighbouring pages of a long list, when there are several.
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Pager(
    /// From 1.
    page: u64,
    pages: u64,
    /// The address of a page, by its number.
    #[prop(into)]
    link: Callback<u64, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        view! {
            <nav class="pages" aria-label=move || t_string!(i18n, cases.pages_label)>
                {(page > 1).then(|| view! { <a href=move || link.run(page - 1) rel="prev">{t!(i18n, cases.previous)}</a> })}
                <span aria-current="page">{t!(i18n, cases.page_of, page = move || page, pages = move || pages)}</span>
                {(page < pages).then(|| view! { <a href=move || link.run(page + 1) rel="next">{t!(i18n, cases.next)}</a> })}
            </nav>
        }
    })
}
