//! What the app tells the reader (a file refused, a file loaded with warnings), kept until
//! dismissed; also written to the log.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

impl Message {
    pub fn new(level: Level, text: impl Into<String>) -> Self {
        let text = text.into();
        match level {
            Level::Info => log::info!("{text}"),
            Level::Warning => log::warn!("{text}"),
            Level::Error => log::error!("{text}"),
        }
        Self { level, text }
    }
}
