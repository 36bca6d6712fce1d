//! The tasks Leptos starts for a page (its effects, its resources) end with the page.
//!
//! Leptos runs a page's effects and resources as tasks on the runtime's threads. When
//! the page ends, its signals are disposed; a task of the page that runs afterwards,
//! or is running on another thread at that moment, reads a disposed signal and
//! panics ("already been disposed"): leptos_i18n's locale effect and a `<Suspense>`'s
//! effect do when their first run is still queued as leptos_axum ends the page. A
//! page ended by a person going away also left its tasks alive for good.
//!
//! This executor (Leptos's `any_spawner`, run on tokio as leptos_axum's own is) ties
//! each task to the page whose request or body was being polled when it was spawned.
//! [`Page::end`], called before any of the page's state is disposed, marks the page
//! over and waits for its tasks' polls under way on other threads; a task polled
//! after that ends without running.
use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// One page (or server function call) and the tasks it started.
#[derive(Default)]
pub struct Page {
    ended: AtomicBool,
    /// Polls of this page's tasks under way, on any thread.
    polling: AtomicUsize,
}

/// Longer than any poll of a page's task takes (microseconds): past this, `end`
/// stops waiting rather than hold a thread.
const POLL_LIMIT: Duration = Duration::from_secs(1);

impl Page {
    /// The page is over: no task of it runs again. Returns once no poll of its tasks
    /// is under way on another thread, so that its state can be disposed.
    pub fn end(&self) {
        self.ended.store(true, SeqCst);
        let own = POLLING_TASK_OF.with_borrow(|page| page.as_ref().is_some_and(|page| std::ptr::eq(&**page, self)));
        let deadline = Instant::now() + POLL_LIMIT;
        while self.polling.load(SeqCst) > usize::from(own) && Instant::now() < deadline {
            std::thread::yield_now();
        }
        if self.polling.load(SeqCst) > usize::from(own) {
            tracing::warn!("a task of a page that ended was still running after {POLL_LIMIT:?}");
        }
    }

    pub fn has_ended(&self) -> bool {
        self.ended.load(SeqCst)
    }
}

thread_local! {
    /// The page whose request, body or task is being polled on this thread.
    static CURRENT: RefCell<Option<Arc<Page>>> = const { RefCell::new(None) };
    /// The page whose task is being polled on this thread.
    static POLLING_TASK_OF: RefCell<Option<Arc<Page>>> = const { RefCell::new(None) };
}

/// Runs `f` with `page` as the page that tasks spawned meanwhile belong to.
pub fn within<R>(page: &Arc<Page>, f: impl FnOnce() -> R) -> R {
    let previous = CURRENT.with_borrow_mut(|current| current.replace(page.clone()));
    let result = f();
    CURRENT.with_borrow_mut(|current| *current = previous);
    result
}

/// Makes this the executor Leptos spawns on. Call before leptos_axum sets its own.
pub fn init() {
    let _ = Executor::init_custom_executor(PageExecutor);
}

struct PageExecutor;

impl CustomExecutor for PageExecutor {
    fn spawn(&self, task: PinnedFuture<()>) {
        use tracing::Instrument;
        // In the span of whatever spawned it (a page's request): its logs carry the request's id.
        match CURRENT.with_borrow(Clone::clone) {
            Some(page) => tokio::spawn(PageTask { page, task }.in_current_span()),
            None => tokio::spawn(task.in_current_span()),
        };
    }

    fn spawn_local(&self, task: PinnedLocalFuture<()>) {
        tokio::task::spawn_local(task);
    }

    fn poll_local(&self) {}
}

/// A page's task: ends, unpolled, once its page has.
struct PageTask {
    page: Arc<Page>,
    task: PinnedFuture<()>,
}

impl Future for PageTask {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        this.page.polling.fetch_add(1, SeqCst);
        let _polled = Polled(&this.page);
        if this.page.has_ended() {
            return Poll::Ready(());
        }
        let previous = POLLING_TASK_OF.with_borrow_mut(|page| page.replace(this.page.clone()));
        let result = within(&this.page, || this.task.as_mut().poll(cx));
        POLLING_TASK_OF.with_borrow_mut(|page| *page = previous);
        result
    }
}

/// Counts a poll as over, also when the task panics.
struct Polled<'a>(&'a Page);

impl Drop for Polled<'_> {
    fn drop(&mut self) {
        self.0.polling.fetch_sub(1, SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    #[test]
    fn a_task_polled_after_its_page_ended_does_not_run() {
        let page = Arc::new(Page::default());
        let runs = Arc::new(AtomicU32::new(0));
        let mut task = PageTask {
            page: page.clone(),
            task: Box::pin({
                let runs = runs.clone();
                async move {
                    runs.fetch_add(1, SeqCst);
                }
            }),
        };
        page.end();
        let poll = Pin::new(&mut task).poll(&mut Context::from_waker(std::task::Waker::noop()));
        assert_eq!((poll, runs.load(SeqCst)), (Poll::Ready(()), 0));
    }

    /// `end` returns only once a poll under way on another thread is over.
    #[test]
    fn ending_waits_for_a_poll_under_way() {
        let page = Arc::new(Page::default());
        let (started, finished) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
        let mut task = PageTask {
            page: page.clone(),
            task: Box::pin({
                let (started, finished) = (started.clone(), finished.clone());
                async move {
                    started.store(true, SeqCst);
                    std::thread::sleep(Duration::from_millis(50));
                    finished.store(true, SeqCst);
                }
            }),
        };
        let poller = std::thread::spawn(move || {
            let _ = Pin::new(&mut task).poll(&mut Context::from_waker(std::task::Waker::noop()));
        });
        while !started.load(SeqCst) {
            std::thread::yield_now();
        }
        page.end();
        assert!(finished.load(SeqCst));
        poller.join().unwrap();
    }

    /// A task may end its own page (a page's last task sends its body's end).
    #[test]
    fn a_task_can_end_its_own_page() {
        let page = Arc::new(Page::default());
        let mut task = PageTask {
            page: page.clone(),
            task: Box::pin({
                let page = page.clone();
                async move { page.end() }
            }),
        };
        let start = Instant::now();
        let _ = Pin::new(&mut task).poll(&mut Context::from_waker(std::task::Waker::noop()));
        assert!(page.has_ended() && start.elapsed() < POLL_LIMIT);
    }

    #[tokio::test]
    async fn tasks_spawned_within_a_page_belong_to_it() {
        init();
        let page = Arc::new(Page::default());
        let runs = Arc::new(AtomicU32::new(0));
        let spawn = |runs: Arc<AtomicU32>| Executor::spawn(async move {
            runs.fetch_add(1, SeqCst);
        });
        page.end();
        within(&page, || spawn(runs.clone()));
        spawn(runs.clone());
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(runs.load(SeqCst), 1, "only the task outside the ended page ran");
    }
}
