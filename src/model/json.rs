//! What JSON errors say, in the form every loader reports them.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::files::ReadError;

/// The most JSON values a file may hold. Parsed, a value costs 100 to 250 bytes across
/// serde_json's tree, geojson's geometry and the overlay's shapes (measured: 10 MB of
/// `[0,0],` costs 650 MB), so the byte limit alone let a 200 MB file need 12 GB. At this
/// count `check` peaks at 600 MB on the costliest files measured (positions, tiny features,
/// a huge properties object), while boundaries of 1.3 million points (28 MB with five
/// decimals) still open.
pub const MAX_JSON_VALUES: usize = 4_000_000;

/// Refuses JSON text with more than [`MAX_JSON_VALUES`] values before it is parsed, by one
/// pass that counts what starts a value or a member outside strings.
pub fn check_value_count(file: &Path, text: &str) -> Result<(), ReadError> {
    let mut count = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b',' | b'[' | b'{' | b':' => count += 1,
            _ => continue,
        }
        if count > MAX_JSON_VALUES {
            return Err(ReadError::TooManyJsonValues {
                file: file.to_path_buf(),
                limit: MAX_JSON_VALUES,
            });
        }
    }
    Ok(())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_counted_outside_strings_only() {
        let path = Path::new("a.geojson");
        let many = format!("[{}]", vec!["[0,0]"; MAX_JSON_VALUES / 2].join(","));
        assert!(matches!(
            check_value_count(path, &many),
            Err(ReadError::TooManyJsonValues { .. })
        ));
        let in_a_string = format!("{{\"a\": \"\\\"{}\"}}", ",".repeat(MAX_JSON_VALUES * 2));
        assert!(check_value_count(path, &in_a_string).is_ok());
        let Ok(world) = std::fs::read_to_string("assets/scenarios/csto-nato-of-the-east.json")
        else {
            panic!("the bundled scenario")
        };
        assert!(check_value_count(path, &world).is_ok());
    }
}
