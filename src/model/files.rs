//! Reading a user's or a bundled file as text, refusing what is too large or not UTF-8.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Files above this size are refused by their size, before a byte is read.
pub const MAX_FILE_BYTES: u64 = 200 * 1000 * 1000;

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
    let size = metadata.len();
    if size > limit {
        return Err(ReadError::TooLarge {
            file: path.to_path_buf(),
            size,
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::with_capacity(size as usize);
    // Never trust the size seen above: the file may grow while it is read.
    let mut reader = file.take(limit + 1);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let read = reader.read(&mut chunk).map_err(io_error)?;
        if read == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..read]);
        progress.store(bytes.len() as u64, Ordering::Relaxed);
    }
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            file: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    text_from_bytes(path, bytes)
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
