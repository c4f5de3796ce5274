//! Errors raised while loading the bundled or a user's world data, each naming its file.

use std::path::PathBuf;

/// A problem with one of the files that make up the world.
#[derive(Debug, thiserror::Error)]
pub enum WorldError {
    #[error("{file}: not valid JSON for this file: {source}")]
    Json {
        file: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{file}: feature {feature} ({name}): {problem}")]
    Feature {
        file: PathBuf,
        feature: usize,
        name: String,
        problem: String,
    },
    #[error("{file}: {problem}")]
    File { file: PathBuf, problem: String },
}
