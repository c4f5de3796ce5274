//! Writing the draft off the UI thread: each edit hands over the draft's bytes, a writer
//! thread writes the latest of them (those superseded while it wrote are skipped), and
//! dropping the autosaver waits for the last write.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use super::draft::{remove_draft, write_draft};
use crate::model::job::Job;

/// What the writer is asked to do; each replaces those before it that it has not begun.
enum Task {
    Write(Vec<u8>),
    Remove,
}

/// The writer thread for one data folder, and the problems it met.
pub struct Autosaver {
    folder: PathBuf,
    tasks: Option<Sender<Task>>,
    problems: Receiver<String>,
    /// The writer, which ends once `tasks` is dropped and its queue is written.
    writer: Option<Job<()>>,
}

impl Autosaver {
    /// A writer for the draft in `folder`. If no thread can be started, drafts are written
    /// on the calling thread instead.
    pub fn new(folder: PathBuf) -> Self {
        let (tasks, receiver) = mpsc::channel::<Task>();
        let (problem_sender, problems) = mpsc::channel();
        let thread_folder = folder.clone();
        let spawned = Job::spawn("autosave", move |_| {
            write_tasks(&thread_folder, &receiver, &problem_sender);
        });
        let (tasks, writer) = match spawned {
            Ok(writer) => (Some(tasks), Some(writer)),
            Err(error) => {
                log::warn!("{error}; drafts are written as edits are made");
                (None, None)
            }
        };
        Self {
            folder,
            tasks,
            problems,
            writer,
        }
    }

    /// Writes the draft soon.
    pub fn write(&self, bytes: Vec<u8>) {
        self.send(Task::Write(bytes));
    }

    /// Removes the draft soon (it was saved or given up).
    pub fn remove(&self) {
        self.send(Task::Remove);
    }

    fn send(&self, task: Task) {
        let task = match &self.tasks {
            Some(tasks) => match tasks.send(task) {
                Ok(()) => return,
                Err(mpsc::SendError(task)) => task,
            },
            None => task,
        };
        if let Err(problem) = run(&self.folder, task) {
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
        self.tasks = None;
        if let Some(writer) = self.writer.take()
            && let Err(error) = writer.wait()
        {
            log::error!("{error}");
        }
    }
}

fn write_tasks(folder: &std::path::Path, tasks: &Receiver<Task>, problems: &Sender<String>) {
    while let Ok(mut task) = tasks.recv() {
        // Only the newest draft matters.
        while let Ok(newer) = tasks.try_recv() {
            task = newer;
        }
        if let Err(problem) = run(folder, task) {
            log::error!("{problem}");
            // Nobody listening any more is no problem of the writer's.
            problems.send(problem).ok();
        }
    }
}

fn run(folder: &std::path::Path, task: Task) -> Result<(), String> {
    match task {
        Task::Write(bytes) => write_draft(folder, &bytes)
            .map_err(|error| format!("The draft could not be autosaved: {error}")),
        Task::Remove => remove_draft(folder).map_err(|error| {
            format!(
                "{}: the saved draft could not be removed: {error}",
                folder.display()
            )
        }),
    }
}
