//! Text measure for laying out a figure without a font engine: a width estimate on the
//! generous side for the figure's font (Ubuntu Light), and wrapping by it.

/// Ubuntu Light's average advance is about half its size; DejaVu Sans, which viewers without
/// Ubuntu often fall back to, is wider: boxes sized for it hold the text in either.
const AVERAGE_ADVANCE_EM: f32 = 0.56;

/// The estimated width of `text` at `size_px`.
pub fn text_width_px(text: &str, size_px: f32) -> f32 {
    text.chars().count() as f32 * size_px * AVERAGE_ADVANCE_EM
}

/// `text` broken at spaces into lines no wider than `width_px` (a single word longer than
/// that keeps a line of its own).
pub fn wrap(text: &str, size_px: f32, width_px: f32) -> Vec<String> {
    let max_chars = ((width_px / (size_px * AVERAGE_ADVANCE_EM)) as usize).max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && needed > max_chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_keep_every_word_in_order_and_fit() {
        let text = "the quick brown fox jumps over the lazy dog ".repeat(20);
        let lines = wrap(&text, 10.0, 200.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| text_width_px(l, 10.0) <= 200.0));
        assert_eq!(lines.join(" "), text.trim());
    }
}
