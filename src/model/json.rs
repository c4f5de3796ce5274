//! What JSON errors say, in the form every loader reports them.

use serde::de::DeserializeOwned;

/// Where and why JSON text did not fit the type it was read as.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message} (line {line}, column {column})")]
pub struct JsonError {
    /// The JSON path of the value that did not fit (`$.layers[2]`).
    pub path: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// Reads `text` as a `T`, saying where it does not fit with the JSON path; trailing text
/// after the value is refused too.
pub fn from_str_with_path<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let json_path = format!("$.{}", error.path()).replace("$..", "$.");
        let inner = error.into_inner();
        JsonError {
            path: json_path.trim_end_matches('.').to_string(),
            message: message_without_position(&inner),
            line: inner.line(),
            column: inner.column(),
        }
    })?;
    deserializer.end().map_err(|error| JsonError {
        path: "$".into(),
        message: message_without_position(&error),
        line: error.line(),
        column: error.column(),
    })?;
    Ok(value)
}

/// serde_json appends " at line L column C" to its messages; our errors report the line and
/// column as fields of their own, so the message drops them.
pub fn message_without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}
