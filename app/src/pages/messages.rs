//! `/{lang}/messages`: the inbox of messages from IRCC, newest first, each
//! in the page's language; an unread one says so in words.
use super::PageTitle;
use crate::api::me::{my_messages, MarkRead};
use crate::components::{ErrorNotice, GoToSignIn};
use crate::domain::{Message, Notice};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages::{long_date, return_reason};
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn MessagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkRead>::new();
    // Read again once a message is marked.
    let inbox = Resource::new(move || mark.version().get(), |_| my_messages());
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, inbox.title).to_owned()) />
        <h1>{t!(i18n, inbox.title)}</h1>
        <Transition>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(messages) if messages.is_empty() => view! { <p>{t!(i18n, inbox.none)}</p> }.into_any(),
                    Ok(messages) => view! {
                        <ul class="messages">
                            {messages.into_iter().map(|message| view! { <MessageItem message mark /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::SignInRequired) => view! { <GoToSignIn /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MessageItem(message: Message, mark: ServerAction<MarkRead>) -> impl IntoView {
    let i18n = use_i18n();
    let Message { id, notice, received_on, read } = message;
    let (title, body) = match notice {
        Notice::PhotoReceived { person, name, sent_anyway } => {
            let title = move || t_string!(i18n, inbox.photo_received_title, name = name.clone()).to_string();
            let body = move || if sent_anyway { t_string!(i18n, inbox.photo_received_anyway) } else { t_string!(i18n, inbox.photo_received_body) };
            let link = view! { <a href=move || routes::profile(i18n.get_locale(), person)>{t!(i18n, journey.see_profile)}</a> };
            (title.into_any(), view! { <p>{body}</p><p>{link}</p> }.into_any())
        }
        Notice::PhotoAccepted { person, name } => {
            let title = move || t_string!(i18n, inbox.photo_accepted_title, name = name.clone()).to_string();
            let link = view! { <a href=move || routes::profile(i18n.get_locale(), person)>{t!(i18n, journey.see_profile)}</a> };
            (title.into_any(), view! { <p>{t!(i18n, inbox.photo_accepted_body)}</p><p>{link}</p> }.into_any())
        }
        Notice::PhotoReturned { person, name, reason, note } => {
            let title = move || t_string!(i18n, inbox.photo_returned_title, name = name.clone()).to_string();
            let body = move || t_string!(i18n, inbox.photo_returned_body, reason = return_reason(i18n.get_locale(), reason)).to_string();
            let note = note.map(|note| view! { <p class="message-note">{move || t_string!(i18n, review.note_shown, note = note.clone()).to_string()}</p> });
            let link = view! { <a href=move || routes::profile_photo(i18n.get_locale(), person)>{t!(i18n, account.photo_send)}</a> };
            (title.into_any(), view! { <p>{body}</p>{note}<p>{link}</p> }.into_any())
        }
        Notice::PrConfirmed { name, .. } => {
            let title = move || t_string!(i18n, inbox.pr_confirmed_title, name = name.clone()).to_string();
            let link = view! { <a href=move || routes::steps_home(i18n.get_locale())>{t!(i18n, inbox.pr_confirmed_link)}</a> };
            (title.into_any(), view! { <p>{t!(i18n, inbox.pr_confirmed_body)}</p><p>{link}</p> }.into_any())
        }
    };
    view! {
        <li class=if read { "message" } else { "message message-unread" }>
            <h2>
                {(!read).then(|| view! { <span class="message-new">{t!(i18n, inbox.unread)}</span>" " })}
                {title}
            </h2>
            <p class="message-date">{move || long_date(i18n.get_locale(), received_on)}</p>
            {body}
            {(!read).then(|| view! {
                <ActionForm action=mark>
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" class="button button-secondary">{t!(i18n, inbox.mark_read)}</button>
                </ActionForm>
            })}
        </li>
    }
}
