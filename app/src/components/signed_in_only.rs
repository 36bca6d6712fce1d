use super::GoToSignIn;
use crate::domain::Stage;
use crate::i18n::*;
use crate::session::current_viewer;
use leptos::prelude::*;

/// An officers' page: its content for officers and administrators; for anyone
/// else signed in, "no access" with status 403; signed out, the sign-in page.
#[component]
pub fn StaffOnly(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let viewer = Resource::new(|| (), |_| current_viewer());
    view! {
        <Suspense>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match viewer.await {
                        Ok(Some(viewer)) if viewer.stage == Stage::Active && viewer.role.is_staff() => children().into_any(),
                        Ok(Some(viewer)) if viewer.stage == Stage::Active => {
                            #[cfg(feature = "ssr")]
                            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                                response.set_status(http::StatusCode::FORBIDDEN);
                            }
                            view! {
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
