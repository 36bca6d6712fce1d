//! Each request's reactive state stays its own when many are served at once.
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
//! [`request_scope`] wraps each request's future: before each poll it takes any
//! owner off the thread and puts back the arena (and owner) that this request left
//! there at its previous poll; after the poll it takes its owner off the thread.
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use leptos::reactive::owner::{Owner, Sandboxed};
use std::future::{Future, Pending};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// Middleware: the request's future runs in its own reactive scope.
pub async fn request_scope(request: Request, next: Next) -> Response {
    RequestScope::new(next.run(request)).await
}

/// A future that finds, at each poll, the reactive arena and owner it left at its
/// previous poll, and leaves no owner behind for the next future on the thread.
pub struct RequestScope<F> {
    inner: Pin<Box<F>>,
    /// The arena current when the last poll ended, held by a never-ready future
    /// that sets it as the thread's arena whenever it is polled (the only public
    /// way to set an arena).
    arena: Option<Sandboxed<Pending<()>>>,
    owner: Option<Owner>,
}

impl<F: Future> RequestScope<F> {
    pub fn new(inner: F) -> Self {
        Self { inner: Box::pin(inner), arena: None, owner: None }
    }
}

impl<F: Future> Future for RequestScope<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        take_owner_off_thread();
        if let Some(owner) = &this.owner {
            owner.set();
        }
        if let Some(arena) = &mut this.arena {
            let _ = Pin::new(arena).poll(&mut Context::from_waker(Waker::noop()));
        }
        let result = this.inner.as_mut().poll(cx);
        this.arena = Some(Sandboxed::new(std::future::pending()));
        this.owner = Owner::current();
        take_owner_off_thread();
        result
    }
}

fn take_owner_off_thread() {
    if let Some(owner) = Owner::current() {
        owner.unset();
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
        let turns = take_turns(RequestScope::new(page("first")), RequestScope::new(page("second")));
        assert_eq!(turns, (Poll::Ready(Some("first")), Poll::Ready(Some("second"))));
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
        assert_eq!(scoped.as_mut().poll(&mut cx), Poll::Ready(true), "its own owner is back for the next poll");
        assert!(Owner::current().is_none());
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
