//! Lists of problems that stay small however broken a file is: the first few are kept, the
//! rest are only counted, so a file with a million flaws cannot fill memory or a screen.

/// How many items of each list are kept; the rest are counted.
pub const KEPT: usize = 100;
/// How many items a message or `check` lists before "… and 999,990 more".
pub const SHOWN: usize = 20;

/// The first [`KEPT`] items pushed, and how many were pushed in all.
#[derive(Clone, Debug, PartialEq)]
pub struct Capped<T> {
    items: Vec<T>,
    total: usize,
}

impl<T> Default for Capped<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            total: 0,
        }
    }
}

impl<T> Capped<T> {
    pub fn push(&mut self, item: T) {
        self.total += 1;
        if self.items.len() < KEPT {
            self.items.push(item);
        }
    }

    /// Counts `n` more items without keeping any.
    pub fn count_more(&mut self, n: usize) {
        self.total += n;
    }

    /// How many were pushed, kept or not.
    pub fn total(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub fn into_parts(self) -> (Vec<T>, usize) {
        let omitted = self.total - self.items.len();
        (self.items, omitted)
    }
}

impl<T> Extend<T> for Capped<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for item in iter {
            self.push(item);
        }
    }
}

/// `n` with a comma between thousands: 999,990.
///
/// # Examples
/// ```
/// assert_eq!(alliance_map::model::capped::thousands(999_990), "999,990");
/// assert_eq!(alliance_map::model::capped::thousands(12), "12");
/// ```
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The line that stands for what a list leaves out.
pub fn and_more(count: usize) -> String {
    format!("… and {} more", thousands(count))
}

/// The first `shown` lines, each after `indent`, and then one line for the rest when there is
/// a rest; `omitted` counts items that were never kept.
pub fn listing<T: std::fmt::Display>(
    items: &[T],
    omitted: usize,
    shown: usize,
    indent: &str,
) -> Vec<String> {
    let mut lines: Vec<String> = items
        .iter()
        .take(shown)
        .map(|item| format!("{indent}{item}"))
        .collect();
    let rest = items.len().saturating_sub(shown) + omitted;
    if rest > 0 {
        lines.push(format!("{indent}{}", and_more(rest)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_million_pushes_keep_a_hundred_and_count_the_rest() {
        let mut list = Capped::default();
        for i in 0..1_000_000 {
            list.push(i);
        }
        assert_eq!(list.total(), 1_000_000);
        let (items, omitted) = list.into_parts();
        assert_eq!(items.len(), KEPT);
        let lines = listing(&items, omitted, 10, "");
        assert_eq!(lines.len(), 11);
        assert_eq!(lines[10], "… and 999,990 more");
    }
}
