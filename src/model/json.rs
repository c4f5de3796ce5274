//! What JSON errors say, in the form every loader reports them.

/// serde_json appends " at line L column C" to its messages; our errors report the line and
/// column as fields of their own, so the message drops them.
pub fn message_without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}
