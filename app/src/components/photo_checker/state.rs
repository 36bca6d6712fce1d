//! The checker's steps and the events that move it between them, apart from
//! the page so that the rules can be tested without a browser or a worker.

/// Where the checker is in its work; shown to the person as it goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Step {
    #[default]
    Idle,
    /// A photo waits for the engine and its face model to load.
    LoadingModel,
    Checking,
    /// The awaited answer's report is shown.
    Done,
    ModelFailed,
}

impl Step {
    /// Whether the person is waiting for the engine.
    pub fn busy(self) -> bool {
        matches!(self, Step::LoadingModel | Step::Checking)
    }
}

/// The step, with what decides the next one: whether the engine has loaded,
/// and which request's answer is awaited. Only the latest request counts, so
/// that an answer to a photo the person has since replaced is dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Checker {
    step: Step,
    ready: bool,
    last_id: u32,
    awaited: Option<u32>,
}

impl Checker {
    pub fn step(&self) -> Step {
        self.step
    }

    /// A photo or a crop goes to the engine; returns the id its answer will carry.
    pub fn request(&mut self) -> u32 {
        self.last_id += 1;
        self.awaited = Some(self.last_id);
        self.step = if self.ready { Step::Checking } else { Step::LoadingModel };
        self.last_id
    }

    /// The engine and its face model have loaded.
    pub fn engine_ready(&mut self) {
        self.ready = true;
        if self.step == Step::LoadingModel {
            self.step = Step::Checking;
        }
    }

    /// The engine could not load: a check under way will not end, but a report
    /// already shown stays as it was.
    pub fn engine_failed(&mut self) {
        if self.step.busy() {
            self.step = Step::ModelFailed;
        }
    }

    /// Whether an answer is to the awaited request; it is then awaited no more.
    pub fn answer(&mut self, id: u32) -> bool {
        let awaited = self.awaited == Some(id);
        if awaited {
            self.awaited = None;
        }
        awaited
    }

    /// The awaited answer's report is shown.
    pub fn done(&mut self) {
        self.step = Step::Done;
    }

    /// The engine could not start, a request could not be posted to it, or it
    /// could not do the awaited one.
    pub fn fail(&mut self) {
        self.step = Step::ModelFailed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready() -> Checker {
        let mut checker = Checker::default();
        checker.engine_ready();
        checker
    }

    #[test]
    fn starts_idle_and_loading_the_engine_changes_nothing_shown() {
        let mut checker = Checker::default();
        assert_eq!(checker.step(), Step::Idle);
        assert!(!checker.step().busy());
        checker.engine_ready();
        assert_eq!(checker.step(), Step::Idle);
    }

    #[test]
    fn a_photo_chosen_before_the_engine_loads_waits_for_it() {
        let mut checker = Checker::default();
        let id = checker.request();
        assert_eq!(checker.step(), Step::LoadingModel);
        assert!(checker.step().busy());
        checker.engine_ready();
        assert_eq!(checker.step(), Step::Checking);
        assert!(checker.answer(id));
        checker.done();
        assert_eq!(checker.step(), Step::Done);
        assert!(!checker.step().busy());
    }

    #[test]
    fn once_loaded_a_photo_is_checked_at_once() {
        let mut checker = ready();
        checker.request();
        assert_eq!(checker.step(), Step::Checking);
    }

    #[test]
    fn only_the_latest_request_is_answered_and_only_once() {
        let mut checker = ready();
        let first = checker.request();
        let second = checker.request();
        assert_ne!(first, second);
        assert!(!checker.answer(first));
        assert_eq!(checker.step(), Step::Checking);
        assert!(checker.answer(second));
        assert!(!checker.answer(second));
    }

    #[test]
    fn an_engine_failure_stops_only_a_check_under_way() {
        let mut idle = Checker::default();
        idle.engine_failed();
        assert_eq!(idle.step(), Step::Idle);

        let mut loading = Checker::default();
        loading.request();
        loading.engine_failed();
        assert_eq!(loading.step(), Step::ModelFailed);

        let mut done = ready();
        let id = done.request();
        done.answer(id);
        done.done();
        done.engine_failed();
        assert_eq!(done.step(), Step::Done);
    }

    #[test]
    fn after_a_failure_the_next_photo_is_checked_again() {
        let mut checker = ready();
        let id = checker.request();
        assert!(checker.answer(id));
        checker.fail();
        assert_eq!(checker.step(), Step::ModelFailed);
        checker.engine_ready();
        assert_eq!(checker.step(), Step::ModelFailed);
        let next = checker.request();
        assert_eq!(checker.step(), Step::Checking);
        assert!(checker.answer(next));
    }

    #[test]
    fn a_request_not_posted_fails_whatever_the_step() {
        let mut checker = Checker::default();
        checker.fail();
        assert_eq!(checker.step(), Step::ModelFailed);
        checker.request();
        checker.fail();
        assert_eq!(checker.step(), Step::ModelFailed);
    }
}
