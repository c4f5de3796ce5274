//! Text measure for laying out a figure without a font engine: a width estimate on the
//! generous side for the figure's font (Ubuntu Light), and wrapping by it.

/// Ubuntu Light's average advance is about half its size; DejaVu Sans, which viewers without
/// Ubuntu often fall back to, is wider: boxes sized for it hold the text in either.
const AVERAGE_ADVANCE_EM: f32 = 0.56;

/// The estimated width of `text` at `size_px`.
pub fn text_width_px(text: &str, size_px: f32) -> f32 {
    text.chars().count() as f32 * size_px * AVERAGE_ADVANCE_EM
}

/// `text` broken at spaces into at most `max_lines` lines no wider than `width_px`: a word
/// longer than a line is broken within, and text left over ends the last line with an
/// ellipsis. Only what is shown is read, so a title of a megabyte costs one line's work.
pub fn wrap(text: &str, size_px: f32, width_px: f32, max_lines: usize) -> Vec<String> {
    let max_chars = ((width_px / (size_px * AVERAGE_ADVANCE_EM)) as usize).max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_chars = 0;
    if max_lines == 0 {
        return lines;
    }
    for word in text.split_whitespace() {
        if line_chars > 0 {
            let room = max_chars.saturating_sub(line_chars + 1);
            if room > 0 && word.chars().nth(room).is_none() {
                line.push(' ');
                line_chars += 1;
            } else if lines.len() + 1 == max_lines {
                lines.push(ellipsized(&line, max_chars));
                return lines;
            } else {
                lines.push(std::mem::take(&mut line));
                line_chars = 0;
            }
        }
        let mut rest = word;
        loop {
            let room = max_chars - line_chars;
            let end = rest
                .char_indices()
                .nth(room)
                .map_or(rest.len(), |(at, _)| at);
            line.push_str(&rest[..end]);
            line_chars += rest[..end].chars().count();
            rest = &rest[end..];
            if rest.is_empty() {
                break;
            }
            if lines.len() + 1 == max_lines {
                lines.push(ellipsized(&line, max_chars));
                return lines;
            }
            lines.push(std::mem::take(&mut line));
            line_chars = 0;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `line` ending with an ellipsis, still within `max_chars`.
fn ellipsized(line: &str, max_chars: usize) -> String {
    let kept: String = line.chars().take(max_chars.saturating_sub(2)).collect();
    format!("{} …", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_keep_every_word_in_order_and_fit() {
        let text = "the quick brown fox jumps over the lazy dog ".repeat(20);
        let lines = wrap(&text, 10.0, 200.0, usize::MAX);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| text_width_px(l, 10.0) <= 200.0));
        assert_eq!(lines.join(" "), text.trim());
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken_within_it() {
        let word = "x".repeat(100);
        let lines = wrap(&format!("a {word} b"), 10.0, 200.0, usize::MAX);
        assert!(
            lines.iter().all(|l| text_width_px(l, 10.0) <= 200.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat().replace(' ', ""), format!("a{word}b"));
    }

    #[test]
    fn text_past_the_last_line_ends_it_with_an_ellipsis_and_is_not_read() {
        for text in ["word ".repeat(2_000_000), "x".repeat(10_000_000)] {
            let lines = wrap(&text, 10.0, 200.0, 2);
            assert_eq!(lines.len(), 2);
            assert!(lines[1].ends_with(" …"), "{lines:?}");
            assert!(
                lines.iter().all(|l| text_width_px(l, 10.0) <= 200.0),
                "{lines:?}"
            );
        }
        assert_eq!(wrap("short title", 10.0, 200.0, 1), ["short title"]);
    }
}
