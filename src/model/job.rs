//! Work on threads of its own, in one place: a [`Job`] runs in the background and is polled
//! once a frame (or waited for); [`side_by_side`] splits work over scoped threads and joins
//! it. Both report a thread that could not be started, or that panicked, as a [`JobError`].
//!
//! A browser has no threads: starting one fails there with
//! [`std::io::ErrorKind::Unsupported`] ([`JobError::is_unsupported`]), and each caller decides
//! whether to run the work where it is or to skip it. [`side_by_side`] runs it where it is.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// Why a job gave no result.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// No thread could be started for it (always so in a browser).
    #[error("no thread could be started for {name}: {source}")]
    NoThread {
        name: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// Its thread panicked, or ended without handing a result back.
    #[error("the {name} thread stopped unexpectedly")]
    Stopped { name: &'static str },
}

impl JobError {
    /// Whether this target has no threads at all (a browser), as opposed to a failure.
    pub fn is_unsupported(&self) -> bool {
        matches!(self, JobError::NoThread { source, .. }
            if source.kind() == std::io::ErrorKind::Unsupported)
    }
}

/// Asks a job's work to stop early. The work checks it where stopping is cheap; dropping
/// the [`Job`] sets it, since nobody will read the result any more.
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// One piece of work on a named thread of its own, its result handed back once.
///
/// # Examples
/// ```
/// use alliance_map::model::job::Job;
///
/// let job = Job::spawn("sum", |_cancel| (1..=10).sum::<u32>())?;
/// assert_eq!(job.wait()?, 55);
/// # Ok::<(), alliance_map::model::job::JobError>(())
/// ```
#[derive(Debug)]
pub struct Job<T> {
    name: &'static str,
    receiver: Receiver<Result<T, JobError>>,
    cancel: CancelToken,
    /// Set once the result (or the failure) has been handed out: later polls say nothing.
    reported: Cell<bool>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `name`. Fails when no thread can be started.
    pub fn spawn(
        name: &'static str,
        work: impl FnOnce(&CancelToken) -> T + Send + 'static,
    ) -> Result<Job<T>, JobError> {
        Self::spawn_notifying(name, work, || {})
    }

    /// As [`Job::spawn`], and calls `on_done` on the job's thread once its result can be
    /// polled (to ask for a repaint, say), whether the work succeeded or panicked.
    pub fn spawn_notifying(
        name: &'static str,
        work: impl FnOnce(&CancelToken) -> T + Send + 'static,
        on_done: impl FnOnce() + Send + 'static,
    ) -> Result<Job<T>, JobError> {
        let (sender, receiver) = mpsc::channel();
        let cancel = CancelToken::default();
        let worker_cancel = cancel.clone();
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let result = catch_unwind(AssertUnwindSafe(|| work(&worker_cancel)))
                    .map_err(|_| JobError::Stopped { name });
                // The receiver is gone only when the job was dropped: nobody waits then.
                let _ = sender.send(result);
                on_done();
            });
        match spawned {
            Ok(_) => Ok(Job {
                name,
                receiver,
                cancel,
                reported: Cell::new(false),
            }),
            Err(source) => Err(JobError::NoThread { name, source }),
        }
    }
}

impl<T> Job<T> {
    /// A job whose result is already known (work done where it was asked for, or refused
    /// before it began), polled like any other.
    pub fn finished(name: &'static str, result: T) -> Job<T> {
        let (sender, receiver) = mpsc::channel();
        // The receiver is right here, so the result cannot be lost.
        let _ = sender.send(Ok(result));
        Job {
            name,
            receiver,
            cancel: CancelToken::default(),
            reported: Cell::new(false),
        }
    }

    /// The result once the work is done, or why there is none; `None` while it runs and
    /// after the result was handed out. Never blocks.
    pub fn poll(&self) -> Option<Result<T, JobError>> {
        if self.reported.get() {
            return None;
        }
        let result = match self.receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err(JobError::Stopped { name: self.name }),
        };
        self.reported.set(true);
        Some(result)
    }

    /// As [`Job::poll`], waiting at most `timeout` for the result.
    pub fn wait_timeout(&self, timeout: Duration) -> Option<Result<T, JobError>> {
        if self.reported.get() {
            return None;
        }
        let result = match self.receiver.recv_timeout(timeout) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => return None,
            Err(RecvTimeoutError::Disconnected) => Err(JobError::Stopped { name: self.name }),
        };
        self.reported.set(true);
        Some(result)
    }

    /// Waits for the result. A result already handed out by a poll is not handed out again:
    /// that is reported as [`JobError::Stopped`].
    pub fn wait(self) -> Result<T, JobError> {
        if self.reported.get() {
            return Err(JobError::Stopped { name: self.name });
        }
        self.receiver
            .recv()
            .unwrap_or(Err(JobError::Stopped { name: self.name }))
    }

    /// Asks the work to stop early (it may not: see [`CancelToken`]); its result, if it
    /// still gives one, can still be polled.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

impl<T> Drop for Job<T> {
    /// Nobody will read the result: the work may stop. Its thread is left to finish alone.
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// Runs every piece of `work` at once, each but the last on a scoped thread named `name`
/// and the last on this one, and returns their results in order. A piece that gets no
/// thread (a browser has none) runs here, after the last; one that panics, wherever it
/// ran, is reported as [`JobError::Stopped`].
pub fn side_by_side<T, W>(name: &'static str, work: Vec<W>) -> Vec<Result<T, JobError>>
where
    T: Send,
    W: FnOnce() -> T + Send,
{
    let run =
        |piece: W| catch_unwind(AssertUnwindSafe(piece)).map_err(|_| JobError::Stopped { name });
    // Each piece waits in a slot its thread takes it from, so that a piece whose thread
    // could not start is still here to run.
    let slots: Vec<Mutex<Option<W>>> = work.into_iter().map(|w| Mutex::new(Some(w))).collect();
    let take = |slot: &Mutex<Option<W>>| slot.lock().unwrap_or_else(PoisonError::into_inner).take();
    let Some((last, others)) = slots.split_last() else {
        return Vec::new();
    };
    std::thread::scope(|scope| {
        let threads: Vec<_> = others
            .iter()
            .map(|slot| {
                std::thread::Builder::new()
                    .name(name.into())
                    .spawn_scoped(scope, || take(slot).map(run))
                    .ok()
            })
            .collect();
        let last = take(last).map(run);
        let mut results: Vec<Result<T, JobError>> = threads
            .into_iter()
            .zip(others)
            .filter_map(|(thread, slot)| {
                let joined = match thread {
                    Some(thread) => thread
                        .join()
                        .unwrap_or(Some(Err(JobError::Stopped { name }))),
                    None => None,
                };
                joined.or_else(|| take(slot).map(run))
            })
            .collect();
        results.extend(last);
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_polling<T>(job: &Job<T>) -> Result<T, JobError> {
        loop {
            if let Some(result) = job.wait_timeout(Duration::from_millis(10)) {
                return result;
            }
        }
    }

    #[test]
    fn a_result_comes_back_through_poll_once() {
        let job = Job::spawn("test-result", |_| 6 * 7).unwrap();
        assert_eq!(wait_polling(&job).unwrap(), 42);
        assert!(job.poll().is_none(), "the result was handed out twice");
    }

    #[test]
    fn a_result_comes_back_through_wait() {
        let job = Job::spawn("test-wait", |_| "done").unwrap();
        assert_eq!(job.wait().unwrap(), "done");
    }

    #[test]
    fn work_that_panics_is_reported_as_stopped_once() {
        let job = Job::<u32>::spawn("test-panic", |_| panic!("the work broke")).unwrap();
        let error = wait_polling(&job).unwrap_err();
        assert!(
            matches!(error, JobError::Stopped { name: "test-panic" }),
            "{error:?}"
        );
        assert!(job.poll().is_none(), "the failure was reported twice");
    }

    #[test]
    fn on_done_runs_after_the_result_can_be_polled() {
        let (sender, receiver) = mpsc::channel();
        let job =
            Job::spawn_notifying("test-notify", |_| 1, move || sender.send(()).unwrap()).unwrap();
        receiver.recv().unwrap();
        assert_eq!(job.poll().unwrap().unwrap(), 1);
    }

    #[test]
    fn cancelling_is_seen_by_the_work() {
        let (started, is_started) = mpsc::channel();
        let job = Job::spawn("test-cancel", move |cancel| {
            started.send(()).unwrap();
            while !cancel.is_cancelled() {
                std::thread::sleep(Duration::from_millis(1));
            }
            "stopped early"
        })
        .unwrap();
        is_started.recv().unwrap();
        assert!(
            job.poll().is_none(),
            "the work ended before it was cancelled"
        );
        job.cancel();
        assert_eq!(job.wait().unwrap(), "stopped early");
    }

    #[test]
    fn dropping_the_job_cancels_its_work() {
        let (stopped, is_stopped) = mpsc::channel();
        let job = Job::spawn("test-drop", move |cancel| {
            while !cancel.is_cancelled() {
                std::thread::sleep(Duration::from_millis(1));
            }
            stopped.send(()).unwrap();
        })
        .unwrap();
        drop(job);
        // A hang guard, not a speed claim.
        assert!(is_stopped.recv_timeout(Duration::from_secs(30)).is_ok());
    }

    #[test]
    fn a_finished_job_hands_its_result_at_the_first_poll() {
        let job = Job::finished("test-finished", 3);
        assert_eq!(job.poll().unwrap().unwrap(), 3);
        assert!(job.poll().is_none());
    }

    #[test]
    fn no_thread_in_a_browser_is_told_apart_from_a_failure() {
        let browser = JobError::NoThread {
            name: "test",
            source: std::io::ErrorKind::Unsupported.into(),
        };
        let failure = JobError::NoThread {
            name: "test",
            source: std::io::ErrorKind::OutOfMemory.into(),
        };
        assert!(browser.is_unsupported());
        assert!(!failure.is_unsupported());
        assert!(!JobError::Stopped { name: "test" }.is_unsupported());
    }

    #[test]
    fn side_by_side_keeps_the_order_of_the_work() {
        let work: Vec<_> = (0..5).map(|n| move || n * 10).collect();
        let results: Vec<u32> = side_by_side("test-lanes", work)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(results, [0, 10, 20, 30, 40]);
    }

    #[test]
    fn side_by_side_reports_a_piece_that_panics() {
        let work: Vec<Box<dyn FnOnce() -> u32 + Send>> = vec![
            Box::new(|| panic!("this lane broke")),
            Box::new(|| 2),
            Box::new(|| panic!("and so did the one here")),
        ];
        let results = side_by_side("test-lanes", work);
        assert!(matches!(results[0], Err(JobError::Stopped { .. })));
        assert_eq!(*results[1].as_ref().unwrap(), 2);
        assert!(matches!(results[2], Err(JobError::Stopped { .. })));
    }

    #[test]
    fn side_by_side_with_no_work_returns_nothing() {
        let work: Vec<fn() -> u32> = Vec::new();
        assert!(side_by_side("test-lanes", work).is_empty());
    }
}
