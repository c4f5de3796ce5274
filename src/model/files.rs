//! Reading a user's or a bundled file as text, refusing what is too large or not UTF-8.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::job::{CancelToken, Job};

/// Files above this size are refused by their size, before a byte is read.
pub const MAX_FILE_BYTES: u64 = 200 * 1000 * 1000;
/// An article is read, not mapped: anything longer than this many bytes (as read, before line
/// endings are normalised) is no article.
pub const MAX_ARTICLE_BYTES: usize = 2 * 1000 * 1000;

/// Refuses an article's text over [`MAX_ARTICLE_BYTES`], however it came in: a file, a
/// paste, a restored draft.
pub fn check_article_size(file: &Path, text: &str) -> Result<(), ReadError> {
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(ReadError::TooLarge {
            file: file.to_path_buf(),
            size: text.len() as u64,
            limit: MAX_ARTICLE_BYTES as u64,
        });
    }
    Ok(())
}

/// The most files [`move_aside`] keeps beside one name.
const MAX_SET_ASIDE: u32 = 1000;

/// Moves `path` aside to a name of its own beside it (`NAME.SUFFIX`, else `NAME.SUFFIX.2`,
/// `.3`, ...) and returns that name. A file already set aside is never replaced: a second
/// damaged file must not destroy the first.
pub fn move_aside(path: &Path, suffix: &str) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    for number in 1..=MAX_SET_ASIDE {
        let aside = path.with_file_name(match number {
            1 => format!("{name}.{suffix}"),
            _ => format!("{name}.{suffix}.{number}"),
        });
        // A hard link is refused where the name is taken, so even a race replaces nothing.
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            // A file system without hard links: the name is looked at first instead.
            Err(_) if std::fs::symlink_metadata(&aside).is_ok() => {}
            Err(_) => {
                std::fs::rename(path, &aside)?;
                return Ok(aside);
            }
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!("{MAX_SET_ASIDE} files are already set aside beside it"),
    ))
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{file}: cannot be read: {source}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: is {size} bytes, larger than the {limit} bytes this app opens")]
    TooLarge {
        file: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{file}: is not a regular file")]
    NotAFile { file: PathBuf },
    #[error("{file}: is empty")]
    Empty { file: PathBuf },
    #[error("{file}: is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { file: PathBuf, offset: usize },
    #[error("{file}: refused: {reason}; an article must lie in the scenario's folder or below")]
    OutsideFolder { file: PathBuf, reason: String },
    #[error(
        "{file}: is a file of the system's own ({kind}), not a document; it is not read because reading it may never end"
    )]
    SystemFile { file: PathBuf, kind: &'static str },
    #[error("{file}: reading gave no data for {secs} s; stopped waiting")]
    Stalled { file: PathBuf, secs: u64 },
    #[error(
        "{file}: holds more than {limit} JSON values (numbers, strings, arrays, objects); reading it would take over 1 GB of memory"
    )]
    TooManyJsonValues { file: PathBuf, limit: usize },
}

/// Folders of Linux's pseudo file systems (procfs, sysfs, devices). Their files say they are
/// regular and empty, yet reading some (`/proc/kmsg`) blocks forever and others change as
/// they are read: none is a document.
const SYSTEM_FOLDERS: [(&str, &str); 3] =
    [("/proc", "procfs"), ("/sys", "sysfs"), ("/dev", "devices")];

/// A read that gives no data for this long is given up (the reading thread is left behind).
pub const STALL_SECS: u64 = 10;

/// Which pseudo file system holds `path`, judged by where it really is (links followed).
fn system_file_kind(path: &Path) -> Option<&'static str> {
    let real = path.canonicalize().ok()?;
    SYSTEM_FOLDERS
        .iter()
        .find(|(folder, _)| real.starts_with(folder))
        .map(|(_, kind)| *kind)
}

/// Reads a whole file as UTF-8 text. A leading byte-order mark is dropped and Windows line
/// endings become `\n`, so later offsets and quotes compare equal across platforms.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    read_text_with_limit(path, MAX_FILE_BYTES)
}

pub fn read_text_with_limit(path: &Path, limit: u64) -> Result<String, ReadError> {
    read_text_reporting(path, limit, &AtomicU64::new(0))
}

/// Reads in chunks, storing the bytes read so far in `progress` for a progress display.
pub fn read_text_reporting(
    path: &Path,
    limit: u64,
    progress: &AtomicU64,
) -> Result<String, ReadError> {
    let io_error = |source| ReadError::Io {
        file: path.to_path_buf(),
        source,
    };
    // Looked at before opening: opening a pipe waits for a writer, and reading a pipe or a
    // device has no end to wait for.
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile {
            file: path.to_path_buf(),
        });
    }
    if let Some(kind) = system_file_kind(path) {
        return Err(ReadError::SystemFile {
            file: path.to_path_buf(),
            kind,
        });
    }
    let size = metadata.len();
    if size > limit {
        return Err(ReadError::TooLarge {
            file: path.to_path_buf(),
            size,
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let bytes =
        read_with_deadline(file, size, limit, progress, STALL_SECS).map_err(
            |problem| match problem {
                ReadProblem::Io(source) => io_error(source),
                ReadProblem::Stalled => ReadError::Stalled {
                    file: path.to_path_buf(),
                    secs: STALL_SECS,
                },
            },
        )?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            file: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    text_from_bytes(path, bytes)
}

/// Why [`read_with_deadline`] stopped.
#[derive(Debug)]
pub enum ReadProblem {
    Io(std::io::Error),
    Stalled,
}

/// How often a read in progress is looked at: its progress is shown, and a stall counted.
const READ_TICK: Duration = Duration::from_millis(100);

/// Reads at most `limit + 1` bytes on a thread of its own, so that a source that never
/// answers (a file of a network share gone away, a device) costs a refusal after
/// `stall_secs` without data instead of a hung program.
pub fn read_with_deadline(
    reader: impl Read + Send + 'static,
    size_hint: u64,
    limit: u64,
    progress: &AtomicU64,
    stall_secs: u64,
) -> Result<Vec<u8>, ReadProblem> {
    let capacity = size_hint.min(limit) as usize;
    let read_so_far = Arc::new(AtomicU64::new(0));
    let worker_count = Arc::clone(&read_so_far);
    let job = Job::spawn("read-file", move |cancel| {
        read_until_cancelled(reader, limit, capacity, &worker_count, cancel)
    })
    .map_err(|error| ReadProblem::Io(std::io::Error::other(error)))?;
    // Counted in ticks rather than timed: the model reads no clock.
    let ticks_allowed = stall_secs.saturating_mul(1000) / READ_TICK.as_millis() as u64;
    let (mut bytes_seen, mut quiet_ticks) = (0, 0);
    loop {
        let done = job.wait_timeout(READ_TICK);
        let bytes_now = read_so_far.load(Ordering::Relaxed);
        progress.store(bytes_now, Ordering::Relaxed);
        if let Some(result) = done {
            return result
                .map_err(|error| ReadProblem::Io(std::io::Error::other(error)))?
                .map_err(ReadProblem::Io);
        }
        if bytes_now != bytes_seen {
            (bytes_seen, quiet_ticks) = (bytes_now, 0);
        } else {
            quiet_ticks += 1;
            if quiet_ticks >= ticks_allowed {
                // Dropping the job asks the reader to stop, should its read ever return.
                return Err(ReadProblem::Stalled);
            }
        }
    }
}

/// The reading thread's work: every byte up to `limit + 1`, counted in `read_so_far` as they
/// come, unless nobody waits for them any more.
fn read_until_cancelled(
    reader: impl Read,
    limit: u64,
    capacity: usize,
    read_so_far: &AtomicU64,
    cancel: &CancelToken,
) -> std::io::Result<Vec<u8>> {
    // Never trust the size seen before: the file may grow while it is read.
    let mut reader = reader.take(limit + 1);
    let mut bytes = Vec::with_capacity(capacity);
    let mut chunk = vec![0u8; 1 << 20];
    while !cancel.is_cancelled() {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => {
                bytes.extend_from_slice(&chunk[..read]);
                read_so_far.store(bytes.len() as u64, Ordering::Relaxed);
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(bytes)
}

/// The same checks as [`read_text`] for bytes that are already in memory.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    let text = String::from_utf8(bytes).map_err(|error| ReadError::NotUtf8 {
        file: path.to_path_buf(),
        offset: error.utf8_error().valid_up_to(),
    })?;
    let text = normalize_text(&text);
    if text.trim().is_empty() {
        return Err(ReadError::Empty {
            file: path.to_path_buf(),
        });
    }
    Ok(text)
}

/// Drops a byte-order mark and turns `\r\n` and lone `\r` into `\n`.
pub fn normalize_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that gives one byte and then never answers again, like `/proc/kmsg`.
    struct Silent(bool);

    impl Read for Silent {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if !self.0 {
                self.0 = true;
                buf[0] = b'x';
                return Ok(1);
            }
            std::thread::sleep(std::time::Duration::from_secs(3600));
            Ok(0)
        }
    }

    #[test]
    fn a_source_that_never_answers_is_given_up_after_the_deadline() {
        let result = read_with_deadline(Silent(false), 0, 100, &AtomicU64::new(0), 1);
        assert!(matches!(result, Err(ReadProblem::Stalled)));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn proc_kmsg_is_refused_without_reading() {
        for path in [
            "/proc/kmsg",
            "/proc/self/status",
            "/sys/kernel/mm/transparent_hugepage/enabled",
        ] {
            let result = read_text(Path::new(path));
            assert!(
                matches!(
                    result,
                    Err(ReadError::SystemFile { .. }
                        | ReadError::Io { .. }
                        | ReadError::NotAFile { .. })
                ),
                "{path}: {result:?}"
            );
        }
        assert!(matches!(
            read_text(Path::new("/proc/self/status")),
            Err(ReadError::SystemFile { kind: "procfs", .. })
        ));
    }

    #[test]
    fn a_second_file_moved_aside_keeps_the_first() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let path = dir.path().join("draft.json");
        let mut asides = Vec::new();
        for contents in ["first", "second", "third"] {
            assert!(std::fs::write(&path, contents).is_ok());
            match move_aside(&path, "unreadable") {
                Ok(aside) => asides.push(aside),
                Err(error) => panic!("{error}"),
            }
            assert!(!path.exists());
        }
        let names: Vec<String> = asides
            .iter()
            .filter_map(|a| a.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(
            names,
            [
                "draft.json.unreadable",
                "draft.json.unreadable.2",
                "draft.json.unreadable.3"
            ]
        );
        let kept: Vec<String> = asides
            .iter()
            .map(|a| std::fs::read_to_string(a).unwrap_or_default())
            .collect();
        assert_eq!(kept, ["first", "second", "third"]);
    }

    #[test]
    fn a_file_is_read_whole_through_the_reading_thread() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let path = dir.path().join("a.txt");
        let text = "line\r\n".repeat(300_000);
        assert!(std::fs::write(&path, &text).is_ok());
        assert_eq!(read_text(&path).ok().map(|t| t.len()), Some(300_000 * 5));
        assert!(matches!(
            read_text_with_limit(&path, 1000),
            Err(ReadError::TooLarge { .. })
        ));
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{file}: refused: it is one of the files read to make it ({input}); choose another name"
    )]
    WouldOverwriteInput { file: PathBuf, input: PathBuf },
    #[error(
        "{file}: refused: it is {kind}, not a regular file; only a regular file or a new name is written"
    )]
    NotARegularFile { file: PathBuf, kind: &'static str },
    #[error("{file}: cannot be written: {source}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Where `path` really is, also when it does not exist yet (its folder's real path and its
/// name), so that `./out.json`, `out.json` and a link to it all compare equal.
fn real_path(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    Some(folder.canonicalize().ok()?.join(name))
}

/// What a file that is not a regular one is, in words.
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Refuses `path` as an output when it names anything but a regular file or nothing (links
/// followed): a rename would replace a device or a named pipe with a file.
pub fn refuse_special_file(path: &Path) -> Result<(), WriteError> {
    if let Ok(metadata) = std::fs::metadata(path)
        && !metadata.is_file()
    {
        return Err(WriteError::NotARegularFile {
            file: path.to_path_buf(),
            kind: kind_of(metadata.file_type()),
        });
    }
    Ok(())
}

/// Writes `bytes` to `path` so that the old contents are never lost: into a new file in the
/// same folder, flushed to the disk, then renamed over `path` in one step. A full disk or a
/// size limit leaves the old file as it was (and no half-written file behind). Refuses to
/// write over any of `inputs`, the files the output was made from (one not on disk was read
/// by nobody: a drafted scenario's own name, where it would be saved), and over anything that
/// is not a regular file: a rename would replace a device or a named pipe with a file.
pub fn write_replacing(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), WriteError> {
    use std::io::Write;
    let io_error = |source| WriteError::Io {
        file: path.to_path_buf(),
        source,
    };
    let target = real_path(path).ok_or_else(|| {
        io_error(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "its folder does not exist",
        ))
    })?;
    if let Some(input) = inputs
        .iter()
        .filter(|input| input.exists())
        .find(|input| real_path(input).is_some_and(|real| real == target))
    {
        return Err(WriteError::WouldOverwriteInput {
            file: path.to_path_buf(),
            input: input.to_path_buf(),
        });
    }
    refuse_special_file(path)?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let temporary = folder.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, &target)
    })();
    if let Err(error) = written {
        if let Err(cleanup) = std::fs::remove_file(&temporary) {
            log::debug!("{}: not removed: {cleanup}", temporary.display());
        }
        return Err(io_error(error));
    }
    // The rename is durable once the folder is on disk too; where folders cannot be opened
    // for that (Windows), the rename still replaced the file whole.
    if let Ok(directory) = std::fs::File::open(folder)
        && let Err(error) = directory.sync_all()
    {
        log::debug!("{}: not synced: {error}", folder.display());
    }
    Ok(())
}

#[cfg(test)]
mod write_tests {
    use super::*;

    #[test]
    fn writing_replaces_the_old_file_whole_and_leaves_no_temporary_file() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let path = dir.path().join("out.geojson");
        assert!(std::fs::write(&path, "old").is_ok());
        assert!(write_replacing(&path, b"new", &[]).is_ok());
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("new"));
        let entries = std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(entries, 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_contents() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        // A folder where the file should be is refused before anything is written.
        let path = dir.path().join("out");
        assert!(std::fs::create_dir(&path).is_ok());
        assert!(std::fs::write(path.join("kept"), "old").is_ok());
        let refused = write_replacing(&path, b"new", &[]);
        assert!(
            matches!(
                refused,
                Err(WriteError::NotARegularFile {
                    kind: "a folder",
                    ..
                })
            ),
            "{refused:?}"
        );
        assert_eq!(
            std::fs::read_to_string(path.join("kept")).ok().as_deref(),
            Some("old")
        );
        let entries = std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(entries, 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_a_device_is_refused_and_left_as_it_is() {
        use std::os::unix::fs::FileTypeExt;
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let pipe = dir.path().join("out.svg");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.is_ok_and(|status| status.success()), "mkfifo");
        let result = write_replacing(&pipe, b"figure", &[]);
        assert!(
            matches!(&result, Err(WriteError::NotARegularFile { kind, .. }) if kind.contains("FIFO")),
            "{result:?}"
        );
        let still_a_pipe = std::fs::symlink_metadata(&pipe).map(|m| m.file_type().is_fifo());
        assert!(matches!(still_a_pipe, Ok(true)));
        // A link to it is judged by what it points to; a test never risks a real device.
        let link = dir.path().join("link.svg");
        assert!(std::os::unix::fs::symlink(&pipe, &link).is_ok());
        assert!(matches!(
            write_replacing(&link, b"figure", &[]),
            Err(WriteError::NotARegularFile { .. })
        ));
        let still_a_pipe = std::fs::symlink_metadata(&pipe).map(|m| m.file_type().is_fifo());
        assert!(matches!(still_a_pipe, Ok(true)));
    }

    #[test]
    fn an_input_is_never_written_over_whatever_its_spelling() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let input = dir.path().join("s.json");
        assert!(std::fs::write(&input, "scenario").is_ok());
        let spelled = dir.path().join(".").join("s.json");
        assert!(matches!(
            write_replacing(&spelled, b"export", &[&input]),
            Err(WriteError::WouldOverwriteInput { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(&input).ok().as_deref(),
            Some("scenario")
        );
    }

    #[test]
    fn a_named_input_not_on_disk_does_not_stop_the_first_save_there() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let drafted = dir.path().join("article.json");
        assert!(write_replacing(&drafted, b"scenario", &[&drafted]).is_ok());
        assert!(matches!(
            write_replacing(&drafted, b"again", &[&drafted]),
            Err(WriteError::WouldOverwriteInput { .. })
        ));
    }
}
