//! Each request's reactive state stays its own when many are served at once, and
//! ends with the request, also when nobody waits for the answer any more.
//!
//! Leptos keeps a request's signals in an arena of its own, found through a
//! thread-local that whichever future last ran on the thread has set. leptos_axum
//! (through `leptos_integration_utils` 0.8.9, `ExtendResponse::from_app`) runs part
//! of every page outside that arena's sandbox: after an `.await` it evaluates the
//! page's `<title>` and head tags and creates the sandbox of the body stream, in
//! whatever arena the thread last had, another request's when pages are served at
//! once. The title then looked for its signal in the wrong arena ("already been
//! disposed") and the page was cut off; the owner's clean-up at the end of such a
//! body removed nodes from that other arena. Server functions, for their part, make
//! their owner a child of whatever owner is current on the thread.
//!
//! leptos_axum ends a page's reactive state (its root owner) once the page's body
//! has been sent, with its effects' tasks still queued or running: they then read
//! disposed signals and panicked (see [`crate::http::page_tasks`]). A page whose person
//! went away first (a closed tab, a click on) was never ended: its resources' and
//! effects' tasks lived on for good, holding the page.
//!
//! [`request_scope`] wraps each request's future: before each poll it takes any
//! owner off the thread and puts back the arena (and owner) that this request left
//! there at its previous poll; after the poll it takes its owner off the thread.
//! Tasks spawned while the request or its body is polled belong to its page, which
//! ends them before any clean-up disposes the page's state. The page's root owner,
//! made known by [`adopt_owner`], is ended (its tasks, then its state) when the
//! request or its body is dropped.
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use crate::http::page_tasks::{self, Page};
use leptos::reactive::owner::{Owner, Sandboxed};
use std::cell::RefCell;
use std::future::{Future, Pending};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// Middleware: the request's future runs in its own reactive scope, and the page's
/// reactive state ends with its body. It runs as a task of its own, so that a page
/// whose person went away is still finished (its body drained, unsent) and ended
/// as any other: dropped half-way, its resources' work would hold it for good.
pub async fn request_scope(request: Request, next: Next) -> Response {
    use tracing::Instrument;
    let page = tokio::spawn(
        async move {
            let (response, ending) = RequestScope::new(next.run(request)).await;
            match ending.owner {
                Some(_) => response.map(|body| Body::new(OwnedBody { body, ending, over: false })),
                None => response,
            }
        }
        .in_current_span(),
    );
    page.await.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Where the request being polled keeps its page's owner, and the page.
struct Adopter {
    slot: Arc<Mutex<EndOnDrop>>,
    page: Arc<Page>,
}

thread_local! {
    static ADOPTER: RefCell<Option<Adopter>> = const { RefCell::new(None) };
}

/// Called in the page's (or server function's) own context: makes its root owner
/// known to the request's scope, which ends it if the page is dropped unfinished.
pub fn adopt_owner() {
    ADOPTER.with_borrow(|adopter| {
        if let (Some(adopter), Some(owner)) = (adopter, Owner::current()) {
            let mut slot = adopter.slot.lock().unwrap_or_else(|e| e.into_inner());
            // The page's root comes first; nothing later replaces it.
            if slot.owner.is_none() {
                *slot = EndOnDrop::adopt(owner, adopter.page.clone());
            }
        }
    });
}

/// A future that finds, at each poll, the reactive arena and owner it left at its
/// previous poll, and leaves no owner behind for the next future on the thread.
/// The tasks it spawns belong to its page. It gives back, with its output, the
/// owner adopted while it ran.
pub struct RequestScope<F> {
    inner: Pin<Box<F>>,
    /// The arena current when the last poll ended, held by a never-ready future
    /// that sets it as the thread's arena whenever it is polled (the only public
    /// way to set an arena).
    arena: Option<Sandboxed<Pending<()>>>,
    owner: Option<Owner>,
    page: Arc<Page>,
    /// Ended if this future is dropped before it is ready.
    adopted: Arc<Mutex<EndOnDrop>>,
}

impl<F: Future> RequestScope<F> {
    pub fn new(inner: F) -> Self {
        Self { inner: Box::pin(inner), arena: None, owner: None, page: Arc::default(), adopted: Arc::default() }
    }
}

impl<F: Future> Future for RequestScope<F> {
    type Output = (F::Output, EndOnDrop);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        take_owner_off_thread();
        if let Some(owner) = &this.owner {
            owner.set();
        }
        if let Some(arena) = &mut this.arena {
            let _ = Pin::new(arena).poll(&mut Context::from_waker(Waker::noop()));
        }
        ADOPTER.with_borrow_mut(|adopter| *adopter = Some(Adopter { slot: this.adopted.clone(), page: this.page.clone() }));
        let result = page_tasks::within(&this.page, || this.inner.as_mut().poll(cx));
        ADOPTER.with_borrow_mut(|adopter| *adopter = None);
        this.arena = Some(Sandboxed::new(std::future::pending()));
        this.owner = Owner::current();
        take_owner_off_thread();
        result.map(|output| {
            let adopted = std::mem::take(&mut *this.adopted.lock().unwrap_or_else(|e| e.into_inner()));
            (output, adopted)
        })
    }
}

fn take_owner_off_thread() {
    if let Some(owner) = Owner::current() {
        owner.unset();
    }
}

/// A page's root owner, ended when this is dropped, as leptos_axum ends it once the
/// page is sent (again, harmlessly, if it was): its tasks end, then its state is
/// cleaned up.
#[derive(Default)]
pub struct EndOnDrop {
    owner: Option<Owner>,
    page: Option<Arc<Page>>,
    /// The root's first child, whose clean-up ends the page's tasks.
    _sentry: Option<Owner>,
}

impl EndOnDrop {
    /// leptos_axum cleans the page up when its body is over, with tasks of the page
    /// still queued or running. A clean-up starts with the owner's children in the
    /// order they were made, so the page's first child ends the page's tasks before
    /// anything of it is disposed.
    fn adopt(owner: Owner, page: Arc<Page>) -> Self {
        let sentry = owner.child();
        sentry.with(|| Owner::on_cleanup({
            let page = page.clone();
            move || page.end()
        }));
        Self { owner: Some(owner), page: Some(page), _sentry: Some(sentry) }
    }
}

impl Drop for EndOnDrop {
    fn drop(&mut self) {
        let Some(owner) = self.owner.take() else { return };
        if let Some(page) = &self.page {
            page.end();
        }
        owner.with(|| owner.cleanup());
    }
}

/// How long the rest of a page nobody reads may take to be made.
const DRAIN_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// A page's body, which ends the page's reactive state when it is dropped. Dropped
/// unfinished (its person went away), the rest is made and thrown away first: its
/// resources finish what they started rather than hold the page. Tasks spawned
/// while it streams belong to the page.
struct OwnedBody {
    body: Body,
    ending: EndOnDrop,
    /// The body has no more frames, or its rest is not wanted.
    over: bool,
}

impl http_body::Body for OwnedBody {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let this = &mut *self;
        let frame = match &this.ending.page {
            Some(page) => page_tasks::within(page, || Pin::new(&mut this.body).poll_frame(cx)),
            None => Pin::new(&mut this.body).poll_frame(cx),
        };
        if matches!(frame, Poll::Ready(None | Some(Err(_)))) {
            this.over = true;
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

impl Drop for OwnedBody {
    fn drop(&mut self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        if self.over || http_body::Body::is_end_stream(&self.body) {
            return;
        }
        let mut rest = OwnedBody { body: std::mem::take(&mut self.body), ending: std::mem::take(&mut self.ending), over: false };
        runtime.spawn(async move {
            let drain = async {
                while let Some(Ok(_)) = std::future::poll_fn(|cx| http_body::Body::poll_frame(Pin::new(&mut rest), cx)).await {}
            };
            let _ = tokio::time::timeout(DRAIN_LIMIT, drain).await;
            // Made or not, the page now ends here, without another drain.
            rest.over = true;
            drop(rest);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::prelude::*;

    /// A page's work as leptos_axum does it: signals made in the page's own arena,
    /// then, after an `.await`, its title read back.
    async fn page(title: &'static str) -> Option<&'static str> {
        let owner = Owner::new_root(None);
        let title = owner.with(|| RwSignal::new(title));
        Yield(false).await;
        title.try_get()
    }

    /// Two pages take turns on one thread: each starts, then each finishes.
    fn take_turns<F: Future>(first: F, second: F) -> (Poll<F::Output>, Poll<F::Output>) {
        let (mut first, mut second) = (Box::pin(first), Box::pin(second));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(first.as_mut().poll(&mut cx).is_pending() && second.as_mut().poll(&mut cx).is_pending());
        (first.as_mut().poll(&mut cx), second.as_mut().poll(&mut cx))
    }

    #[test]
    fn a_request_reads_its_own_signals_after_another_ran_on_the_thread() {
        let (first, second) = take_turns(RequestScope::new(page("first")), RequestScope::new(page("second")));
        assert_eq!(first.map(|(title, _)| title), Poll::Ready(Some("first")));
        assert_eq!(second.map(|(title, _)| title), Poll::Ready(Some("second")));
    }

    /// The fault this module mends: without it, the first page's title is looked
    /// for in the second page's arena.
    #[test]
    fn without_the_scope_a_signal_is_looked_for_in_the_other_arena() {
        let (first, _) = take_turns(page("first"), page("second"));
        assert_ne!(first, Poll::Ready(Some("first")));
    }

    /// No owner of a request is current on the thread once its poll is over.
    #[test]
    fn no_owner_is_left_on_the_thread() {
        let mut scoped = Box::pin(RequestScope::new(async {
            let owner = Owner::new_root(None);
            owner.set();
            Yield(false).await;
            Owner::current().is_some()
        }));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(scoped.as_mut().poll(&mut cx).is_pending());
        assert!(Owner::current().is_none());
        assert_eq!(scoped.as_mut().poll(&mut cx).map(|(current, _)| current), Poll::Ready(true), "its own owner is back for the next poll");
        assert!(Owner::current().is_none());
    }

    /// A page that nobody waits for any more is ended (its clean-up runs) when its
    /// request is dropped; a page that was answered, when its body is dropped.
    #[test]
    fn a_page_ends_with_its_request_or_its_body() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let page = |ended: Arc<AtomicBool>| async move {
            let owner = Owner::new_root(None);
            owner.with(|| {
                Owner::on_cleanup(move || ended.store(true, Ordering::SeqCst));
                adopt_owner();
            });
            // Held elsewhere too, as a page's own tasks hold it.
            std::mem::forget(owner.clone());
            Yield(false).await;
        };
        let mut cx = Context::from_waker(Waker::noop());
        let ended = Arc::new(AtomicBool::new(false));
        let mut abandoned = Box::pin(RequestScope::new(page(ended.clone())));
        assert!(abandoned.as_mut().poll(&mut cx).is_pending());
        assert!(!ended.load(Ordering::SeqCst));
        drop(abandoned);
        assert!(ended.load(Ordering::SeqCst), "ended when its request is dropped");

        let ended = Arc::new(AtomicBool::new(false));
        let mut answered = Box::pin(RequestScope::new(page(ended.clone())));
        assert!(answered.as_mut().poll(&mut cx).is_pending());
        let Poll::Ready(((), body_owner)) = answered.as_mut().poll(&mut cx) else { panic!("ready") };
        drop(answered);
        assert!(!ended.load(Ordering::SeqCst), "kept while its body is sent");
        drop(body_owner);
        assert!(ended.load(Ordering::SeqCst), "ended with its body");
    }

    /// However the page is cleaned up, its tasks end before any of its state is
    /// disposed, so that none still queued runs on disposed signals.
    #[test]
    fn a_page_ends_its_tasks_before_its_clean_up_disposes_anything() {
        let root = Owner::new_root(None);
        let page = Arc::new(Page::default());
        let _adopted = EndOnDrop::adopt(root.clone(), page.clone());
        let effect = root.child();
        let ended_when_disposed = Arc::new(Mutex::new(None));
        effect.with(|| Owner::on_cleanup({
            let ended = ended_when_disposed.clone();
            move || *ended.lock().unwrap() = Some(page.has_ended())
        }));
        root.cleanup();
        assert_eq!(*ended_when_disposed.lock().unwrap(), Some(true));
    }

    /// Pending once, then ready.
    struct Yield(bool);

    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                Poll::Pending
            }
        }
    }
}
