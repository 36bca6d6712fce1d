//! The signed-in person's own pages: their account and the profiles they complete.
use super::presence::DeclarationState;
use super::PageTitle;
use crate::components::{ErrorNotice, GoToSignIn};
use crate::domain::{MailingAddress, PersonId, PhotoStatus, Profile, Review, Stage};
use crate::messages::{country_name, long_date, province_name, return_reason};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use crate::api::me::{my_profile, my_profiles};
use crate::api::session::{current_viewer, SignOut};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let viewer = Resource::new(|| (), |_| current_viewer());
    let profiles = Resource::new(|| (), |_| my_profiles());
    let sign_out = ServerAction::<SignOut>::new();
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(())) = sign_out.value().get() {
            navigate(&routes::sign_in(i18n.get_locale_untracked()), Default::default());
        }
    });
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, account.title).to_owned()) />
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(Some(viewer)) = viewer.await.map(|v| v.filter(|v| v.stage == Stage::Active)) else {
                    return view! { <GoToSignIn /> }.into_any();
                };
                let profiles = profiles.await.unwrap_or_default();
                let staff = viewer.role.is_staff();
                view! {
                    <h1>{t!(i18n, account.title)}</h1>
                    <p class="signed-in-as">{t!(i18n, account.signed_in_as)}" "<strong>{viewer.name}</strong>" ("{viewer.email}")"</p>
                    {(!staff).then(|| view! {
                        <h2>{t!(i18n, account.profiles)}</h2>
                        {if profiles.is_empty() {
                            view! { <p>{t!(i18n, account.none)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="profiles">
                                    {profiles.into_iter().map(|p| view! {
                                        <li><a href=move || routes::profile(i18n.get_locale(), p.id)>{p.name.clone()}</a></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    })}
                    {staff.then(|| view! {
                        <h2>{t!(i18n, account.staff)}</h2>
                        <p><a href=move || routes::officer_cases(i18n.get_locale())>{t!(i18n, account.cases_link)}</a></p>
                    })}
                    <p>
                        {if viewer.uses_authenticator {
                            view! {
                                {t!(i18n, account.authenticator_on)}" "
                                <a href=move || routes::authenticator(i18n.get_locale())>{t!(i18n, account.authenticator_manage)}</a>
                            }.into_any()
                        } else {
                            view! { <a href=move || routes::authenticator(i18n.get_locale())>{t!(i18n, account.authenticator_link)}</a> }.into_any()
                        }}
                    </p>
                    <div class="sign-out">
                        <ActionForm action=sign_out>
                            <input type="hidden" name="everywhere" value="false" />
                            <button type="submit" class="button button-secondary">{t!(i18n, account.sign_out)}</button>
                        </ActionForm>
                        <ActionForm action=sign_out>
                            <input type="hidden" name="everywhere" value="true" />
                            <button type="submit" class="button button-secondary">{t!(i18n, account.sign_out_everywhere)}</button>
                        </ActionForm>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// `/{lang}/profile/{id}`: only a profile the person completes; any other
/// answers 404, so that whether it exists is not told either.
#[component]
pub fn ProfilePage() -> impl IntoView {
    view! { <OwnProfile show=|profile| view! { <ProfileDetails profile /> }.into_any() /> }
}

/// The profile named in the path, shown by `show` if the viewer completes it;
/// otherwise 404 (or the way to sign in).
#[component]
pub(super) fn OwnProfile(show: fn(Profile) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<PersonId>().ok()));
    let profile = Resource::new(id, |id| async move {
        match id {
            Some(id) => my_profile(id).await,
            None => Ok(None),
        }
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(Some(profile)) => show(profile),
                    Ok(None) => view! { <ProfileNotFound /> }.into_any(),
                    Err(AppError::SignInRequired) => view! { <GoToSignIn /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A profile that does not exist or is not the viewer's: 404, the same either way.
#[component]
fn ProfileNotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    crate::error::set_response_status(http::StatusCode::NOT_FOUND);
    view! {
        <PageTitle title=Signal::derive(move || t_string!(i18n, account.not_found_title).to_owned()) />
        <h1>{t!(i18n, account.not_found_title)}</h1>
        <p>{t!(i18n, account.not_found_body)}</p>
        <p><a href=move || routes::account(i18n.get_locale())>{t!(i18n, account.back)}</a></p>
    }
}

/// Whether a photo was received, and on what terms.
#[component]
pub(super) fn PhotoState(#[prop(into)] photo: Signal<Option<PhotoStatus>>) -> impl IntoView {
    let i18n = use_i18n();
    move || match photo.get() {
        None => t_string!(i18n, account.photo_none).to_string(),
        Some(PhotoStatus { received_on, sent_anyway, review }) => {
            let locale = i18n.get_locale();
            let date = long_date(locale, received_on);
            match review {
                Review::Waiting if sent_anyway => t_string!(i18n, account.photo_received_anyway, date = date).to_string(),
                Review::Waiting => t_string!(i18n, account.photo_received, date = date).to_string(),
                Review::Accepted => t_string!(i18n, account.photo_accepted, date = date).to_string(),
                Review::Returned { reason, note } => {
                    let returned = t_string!(i18n, account.photo_returned, date = date, reason = return_reason(locale, reason)).to_string();
                    match note {
                        Some(note) => format!("{returned} {}", t_string!(i18n, review.note_shown, note = note)),
                        None => returned,
                    }
                }
            }
        }
    }
}

#[component]
fn ProfileDetails(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let name = profile.name.clone();
    let in_canada_now = profile.declaration.as_ref().is_some_and(|d| d.in_canada);
    let in_canada = profile.in_canada.map(|yes| move || if yes { t_string!(i18n, account.yes) } else { t_string!(i18n, account.no) });
    view! {
        <PageTitle title=Signal::derive(move || name.clone()) />
        <h1>{profile.name.clone()}</h1>
        <dl class="profile">
            <dt>{t!(i18n, account.application_number)}</dt><dd>{profile.application_number}</dd>
            <dt>{t!(i18n, account.uci)}</dt><dd>{profile.uci}</dd>
            <dt>{t!(i18n, account.date_of_birth)}</dt><dd>{move || long_date(i18n.get_locale(), profile.date_of_birth)}</dd>
            <dt>{t!(i18n, account.sex)}</dt><dd>{move || sex_in_words(i18n, &profile.sex)}</dd>
            <dt>{t!(i18n, account.country_of_birth)}</dt><dd>{move || country_name(i18n.get_locale(), &profile.country_of_birth)}</dd>
            <dt>{t!(i18n, account.citizenship)}</dt><dd>{move || country_name(i18n.get_locale(), &profile.citizenship)}</dd>
            {in_canada.map(|answer| view! { <dt>{t!(i18n, account.in_canada)}</dt><dd>{answer}</dd> })}
            {profile.return_date.map(|date| view! { <dt>{t!(i18n, account.return_date)}</dt><dd>{move || long_date(i18n.get_locale(), date)}</dd> })}
        </dl>
        <p class="correction">
            {t!(i18n, account.correction_body)}" "
            <a href=move || t_string!(i18n, account.correction_url)>{t!(i18n, account.correction_link)}</a>
        </p>
        <h2>{t!(i18n, account.presence_heading)}</h2>
        <p class="presence-state"><DeclarationState declaration=Signal::stored(profile.declaration.clone()) /></p>
        <p><a href=move || routes::profile_presence(i18n.get_locale(), profile.id)>{t!(i18n, steps.presence_link)}</a></p>
        <h2>{t!(i18n, account.address_heading)}</h2>
        <AddressLines address=profile.address.clone() />
        {in_canada_now.then(|| view! {
            <p><a href=move || routes::profile_address(i18n.get_locale(), profile.id)>{t!(i18n, steps.address_link)}</a></p>
        })}
        <h2>{t!(i18n, account.photo_heading)}</h2>
        <p class="photo-state"><PhotoState photo=Signal::stored(profile.photo.clone()) /></p>
        {in_canada_now.then(|| view! {
            <p>
                <a href=move || routes::profile_photo(i18n.get_locale(), profile.id)>
                    {if profile.photo.is_some() { t_string!(i18n, account.photo_replace) } else { t_string!(i18n, account.photo_send) }}
                </a>
            </p>
        })}
        <p><a href=move || routes::account(i18n.get_locale())>{t!(i18n, account.back)}</a></p>
    }
}

/// The sex as IRCC records it (F, M, X), with its meaning.
fn sex_in_words(i18n: leptos_i18n::I18nContext<Locale>, sex: &str) -> String {
    match sex {
        "F" => t_string!(i18n, cases.sex_f).to_owned(),
        "M" => t_string!(i18n, cases.sex_m).to_owned(),
        "X" => t_string!(i18n, cases.sex_x).to_owned(),
        other => other.to_owned(),
    }
}

/// A mailing address as Canada Post prints it, line by line.
#[component]
fn AddressLines(address: Option<MailingAddress>) -> impl IntoView {
    let i18n = use_i18n();
    match address {
        None => view! { <p class="address-state">{t!(i18n, steps.address_none)}</p> }.into_any(),
        Some(address) => {
            let MailingAddress { street, unit, city, province, postal_code, care_of } = address;
            view! {
                <p class="address-state">
                    {care_of.map(|c| view! { {c}<br /> })}
                    {unit.map(|u| format!("{u}-"))}{street}<br />
                    {city}" "{move || province_name(i18n.get_locale(), province)}"  "{postal_code.to_string()}
                </p>
            }
            .into_any()
        }
    }
}
