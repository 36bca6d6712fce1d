//! `/{lang}/officer/photos`: the photo review queue. Opening it claims the
//! oldest photo waiting for this officer (the server decides, and no other
//! officer gets it while the claim lasts); a decision records it and brings the next.
use super::PageTitle;
use crate::api::photos::review_image;
use crate::api::review::{open_review_queue, DecidePhoto};
use crate::components::{CheckList, ErrorNotice, ErrorSummary, GoToSignIn, SelectField, SignedInOnly, TextAreaField};
use crate::domain::{Decision, EarlierPhoto, PersonId, FieldError, Review, ReviewItem, ReviewOutcome, MAX_NOTE};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages::{long_date, return_reason, return_reason_choices};
use leptos::prelude::*;

#[component]
pub fn OfficerPhotosPage() -> impl IntoView {
    view! { <SignedInOnly staff=true><Queue /></SignedInOnly> }
}

#[component]
fn Queue() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecidePhoto>::new();
    // Opened again after each decision: the next photo, or the same one with its errors.
    // `?person=` (from a case) asks for that person's photo.
    let query = leptos_router::hooks::use_query_map();
    let asked = move || query.with(|q| q.get("person").and_then(|p| p.parse::<i32>().ok()).map(PersonId));
    let queue = Resource::new(move || (decide.version().get(), asked()), |(_, person)| open_review_queue(person));
    let errors = Signal::derive(move || match decide.value().get() {
        Some(Ok(ReviewOutcome::Invalid(errors))) => errors,
        _ => Vec::new(),
    });
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, review.title).to_owned()) />
        <h1>{t!(i18n, review.title)}</h1>
        <LastDecision decide />
        <ErrorSummary errors />
        <Transition>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(queue) => view! {
                        {queue.busy.then(|| view! { <div class="notice-warning" role="status"><p>{t!(i18n, review.busy)}</p></div> })}
                        <p class="review-waiting">{move || t_string!(i18n, review.waiting, count = queue.waiting).to_string()}</p>
                        {match queue.item {
                            Some(item) => view! { <ReviewPanel item decide errors /> }.into_any(),
                            None => view! { <p class="review-none">{t!(i18n, review.none)}</p> }.into_any(),
                        }}
                    }.into_any(),
                    Err(AppError::SignInRequired) => view! { <GoToSignIn /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What became of the last decision, said once (and to screen readers).
#[component]
fn LastDecision(decide: ServerAction<DecidePhoto>) -> impl IntoView {
    let i18n = use_i18n();
    move || match decide.value().get() {
        Some(Ok(ReviewOutcome::Decided { name, decision })) => {
            let text = match decision {
                Decision::Accept => t_string!(i18n, review.accepted, name = name).to_string(),
                Decision::Return { reason, .. } => {
                    t_string!(i18n, review.returned, name = name, reason = return_reason(i18n.get_locale(), reason)).to_string()
                }
            };
            Some(view! { <div class="notice-success" role="status"><p>{text}</p></div> }.into_any())
        }
        Some(Ok(ReviewOutcome::TakenByAnother)) => {
            Some(view! { <div class="notice-warning" role="status"><p>{t!(i18n, review.taken)}</p></div> }.into_any())
        }
        Some(Err(error)) => Some(view! { <ErrorNotice error /> }.into_any()),
        _ => None,
    }
}

#[component]
fn ReviewPanel(item: ReviewItem, decide: ServerAction<DecidePhoto>, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let ReviewItem { key, name, application_number, received_on, width, height, sent_anyway, report, earlier, claimed_until, .. } = item;
    let who = {
        let (name, number) = (name.clone(), application_number.clone());
        move || t_string!(i18n, review.who, name = name.clone(), number = number.clone(), date = long_date(i18n.get_locale(), received_on)).to_string()
    };
    let alt = move || t_string!(i18n, review.photo_alt, name = name.clone()).to_string();
    let until = claimed_until.format("%H:%M").to_string();
    let (image, to_accept, to_return) = (review_image(&key), key.0.clone(), key.0);
    let words = move |f: fn(_) -> &'static str| Signal::derive(move || f(i18n).to_owned());
    shortcuts();
    view! {
        <section class="review" aria-labelledby="review-who">
            <h2 id="review-who">{who}</h2>
            <p class="review-claim">{move || t_string!(i18n, review.claimed, time = until.clone()).to_string()}</p>
            <p class="review-anyway">
                {if sent_anyway { t_string!(i18n, review.anyway) } else { t_string!(i18n, review.not_anyway) }}
            </p>
            <div class="review-body">
                <figure class="review-photo">
                    <img src=image alt=alt width=width height=height />
                    <figcaption>{move || t_string!(i18n, review.size, width = width, height = height).to_string()}</figcaption>
                </figure>
                <section class="review-report" aria-labelledby="review-report-heading">
                    <h3 id="review-report-heading">{t!(i18n, review.report)}</h3>
                    <CheckList report />
                </section>
            </div>
            <p class="review-shortcuts">{t!(i18n, review.shortcuts)}</p>
            <div class="review-decisions">
                <ActionForm action=decide attr:class="review-accept">
                    <input type="hidden" name="photo" value=to_accept />
                    <input type="hidden" name="decision[decision]" value="accept" />
                    <button id="review-accept" type="submit" class="button" aria-keyshortcuts="A" disabled=move || decide.pending().get()>
                        {t!(i18n, review.accept)}
                    </button>
                </ActionForm>
                <ActionForm action=decide attr:class="review-return" attr:novalidate=true>
                    <input type="hidden" name="photo" value=to_return />
                    <input type="hidden" name="decision[decision]" value="return" />
                    <fieldset>
                        <legend>{t!(i18n, review.return_legend)}</legend>
                        <SelectField
                            errors
                            field="reason".into()
                            name="decision[reason]".into()
                            label=words(|i| t_string!(i, review.reason))
                            choose=words(|i| t_string!(i, review.choose))
                            options=return_reason_choices(i18n)
                            shortcut="R"
                        />
                        <TextAreaField errors field="note".into() name="decision[note]".into() label=words(|i| t_string!(i, review.note)) max_length=MAX_NOTE />
                        <button type="submit" class="button button-secondary" disabled=move || decide.pending().get()>
                            {t!(i18n, review.return_submit)}
                        </button>
                    </fieldset>
                </ActionForm>
            </div>
            <Earlier earlier />
        </section>
    }
}

/// The person's earlier photos, side by side, with what became of each.
#[component]
fn Earlier(earlier: Vec<EarlierPhoto>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="review-earlier" aria-labelledby="review-earlier-heading">
            <h3 id="review-earlier-heading">{t!(i18n, review.earlier)}</h3>
            {if earlier.is_empty() {
                view! { <p>{t!(i18n, review.earlier_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="earlier-photos">
                        {earlier.into_iter().map(|EarlierPhoto { key, received_on, review }| {
                            let alt = move || t_string!(i18n, review.earlier_alt, date = long_date(i18n.get_locale(), received_on)).to_string();
                            let state = move || match &review {
                                Review::Waiting => t_string!(i18n, review.state_waiting).to_string(),
                                Review::Accepted => t_string!(i18n, review.state_accepted).to_string(),
                                Review::Returned { reason, .. } => {
                                    t_string!(i18n, review.state_returned, reason = return_reason(i18n.get_locale(), *reason)).to_string()
                                }
                            };
                            view! {
                                <li>
                                    <figure>
                                        <img src=review_image(&key) alt=alt loading="lazy" />
                                        <figcaption>{state}</figcaption>
                                    </figure>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// A accepts and R moves to the reason, unless the officer is typing in a field.
fn shortcuts() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let handle = window_event_listener(leptos::ev::keydown, |event| {
            if event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            let typing = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"));
            if typing {
                return;
            }
            let target = match event.key().as_str() {
                "a" | "A" => "review-accept",
                "r" | "R" => "reason",
                _ => return,
            };
            let Some(element) = document().get_element_by_id(target).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
                return;
            };
            event.prevent_default();
            if target == "review-accept" {
                element.click();
            } else {
                let _ = element.focus();
            }
        });
        on_cleanup(move || handle.remove());
    }
}
