//! Every route of the site and the layers around them.
use super::site_files::{face_model, health, root_files};
use super::{client_address, page_tasks, request_scope, same_site, security_headers, trace};
use crate::mail::dev_outbox::{self, OutboxFolder};
use crate::mail::transport::Transport;
use crate::state::AppState;
use app::{shell, App};
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

pub fn router(state: AppState, transport: &Transport) -> Router {
    let max_body = state.settings.uploads.max_photo_bytes + 64 * 1024;
    // Only while email goes to files, and only on a loopback address unless said otherwise.
    let dev_pages = match transport.folder().filter(|_| state.settings.dev_outbox()) {
        Some(folder) => Router::new()
            .route(dev_outbox::PATH, get(dev_outbox::page))
            .with_state(OutboxFolder(folder.clone())),
        None => Router::new(),
    };
    // The site's files (the app's bundle, icons, the photo worker) as they are on
    // disk; any other path gets the app's 404 page. leptos_axum's file handler also
    // serves files, but inside whatever reactive owner is current on the thread: one
    // left there by a panic once laid another request's response options (a 404
    // status, a page's headers) on the app's script.
    let not_found = Router::new()
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(request_scope::adopt_owner, shell))
        .with_state(state.clone());
    let site_files = ServeDir::new(&state.settings.site.root)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(not_found)
        .call_fallback_on_method_not_allowed(true);
    // Before leptos_axum sets its own executor: a page's tasks end with the page.
    page_tasks::init();
    let routes = generate_route_list(App);
    let context_state = state.clone();

    root_files(&state.settings.site.root)
        .route("/health", get(health))
        .route(photo::FACE_MODEL_PATH, get(face_model))
        .merge(crate::api::router())
        .merge(super::photo_upload::router())
        .merge(super::ecopr_download::router())
        .merge(dev_pages)
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                request_scope::adopt_owner();
                provide_context(context_state.db.clone());
                provide_context(context_state.services.clone());
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback_service(site_files)
        // Pages and server functions keep to their own reactive state (see the module).
        .layer(axum::middleware::from_fn(request_scope::request_scope))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(same_site::layer))
        .layer(axum::middleware::from_fn({
            let trusted: Arc<[ipnet::IpNet]> = state.settings.site.trusted_proxies.clone().into();
            move |request, next| client_address::layer(trusted.clone(), request, next)
        }))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn({
            let https = state.settings.https();
            move |request, next| security_headers::layer(https, request, next)
        }))
        .layer(TraceLayer::new_for_http().make_span_with(trace::span))
        .with_state(state)
}
