//! Writing the draft off the UI thread: each edit hands over the draft's bytes, a writer
//! thread writes the latest of them (those superseded while it wrote are skipped), and
//! dropping the autosaver waits for the last write.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::draft::{remove_draft, write_draft};

enum Job {
    Write(Vec<u8>),
    Remove,
}

/// The writer thread for one data folder, and the problems it met.
pub struct Autosaver {
    folder: PathBuf,
    jobs: Option<Sender<Job>>,
    problems: Receiver<String>,
    thread: Option<JoinHandle<()>>,
}

impl Autosaver {
    /// A writer for the draft in `folder`. If no thread can be started, drafts are written
    /// on the calling thread instead.
    pub fn new(folder: PathBuf) -> Self {
        let (jobs, receiver) = mpsc::channel::<Job>();
        let (problem_sender, problems) = mpsc::channel();
        let thread_folder = folder.clone();
        let spawned = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || write_jobs(&thread_folder, &receiver, &problem_sender));
        let (jobs, thread) = match spawned {
            Ok(thread) => (Some(jobs), Some(thread)),
            Err(error) => {
                log::warn!("no autosave thread ({error}); drafts are written as edits are made");
                (None, None)
            }
        };
        Self {
            folder,
            jobs,
            problems,
            thread,
        }
    }

    pub fn folder(&self) -> &std::path::Path {
        &self.folder
    }

    /// Writes the draft soon.
    pub fn write(&self, bytes: Vec<u8>) {
        self.send(Job::Write(bytes));
    }

    /// Removes the draft soon (it was saved or given up).
    pub fn remove(&self) {
        self.send(Job::Remove);
    }

    fn send(&self, job: Job) {
        let job = match &self.jobs {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        if let Err(problem) = run(&self.folder, job) {
            log::error!("{problem}");
        }
    }

    /// What went wrong in writes since the last call.
    pub fn problems(&self) -> Vec<String> {
        self.problems.try_iter().collect()
    }
}

impl Drop for Autosaver {
    /// Waits for the last draft to be written: an app closed or dropped mid-edit keeps it.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            log::error!("the autosave thread stopped abnormally");
        }
    }
}

fn write_jobs(folder: &std::path::Path, jobs: &Receiver<Job>, problems: &Sender<String>) {
    while let Ok(mut job) = jobs.recv() {
        // Only the newest draft matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if let Err(problem) = run(folder, job) {
            log::error!("{problem}");
            // Nobody listening any more is no problem of the writer's.
            problems.send(problem).ok();
        }
    }
}

fn run(folder: &std::path::Path, job: Job) -> Result<(), String> {
    match job {
        Job::Write(bytes) => write_draft(folder, &bytes)
            .map_err(|error| format!("The draft could not be autosaved: {error}")),
        Job::Remove => remove_draft(folder).map_err(|error| {
            format!(
                "{}: the saved draft could not be removed: {error}",
                folder.display()
            )
        }),
    }
}
