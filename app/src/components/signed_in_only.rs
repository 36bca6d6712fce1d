use super::GoToSignIn;
use crate::domain::Stage;
use crate::i18n::*;
use crate::pages::PageTitle;
use crate::api::session::current_viewer;
use leptos::prelude::*;

/// A page for fully signed-in people: its content for them; signed out (or part
/// way through signing in), the sign-in page. With `staff`, only officers and
/// administrators see it; anyone else signed in gets "no access" with status 403.
#[component]
pub fn SignedInOnly(#[prop(optional)] staff: bool, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let viewer = Resource::new(|| (), |_| current_viewer());
    view! {
        <Suspense>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match viewer.await {
                        Ok(Some(viewer)) if viewer.stage == Stage::Active && (!staff || viewer.role.is_staff()) => children().into_any(),
                        Ok(Some(viewer)) if viewer.stage == Stage::Active => {
                            #[cfg(feature = "ssr")]
                            crate::error::set_response_status(http::StatusCode::FORBIDDEN);
                            view! {
                                <PageTitle title=Signal::derive(move || t_string!(i18n, cases.forbidden_title).to_owned()) />
                                <h1>{t!(i18n, cases.forbidden_title)}</h1>
                                <p>{t!(i18n, errors.forbidden)}</p>
                            }
                            .into_any()
                        }
                        _ => view! { <GoToSignIn /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
