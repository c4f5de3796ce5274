//! Moving through time: which membership changes a move of the date passes, and the changes
//! before and after a date. Changes are the scenario's, sorted by date
//! ([`crate::model::scenario::Scenario::membership_changes`]).

use super::date::Date;

/// A dated change, such as `(2023-04-04, "Finland joins NATO")`.
pub type Change = (Date, String);

/// The changes a move of the date from `from` to `to` shows as they happen: moving forward,
/// those after `from` up to and including `to`; moving back, those on `to` itself (the map
/// lands on a day something changed); none when the date stays.
///
/// # Examples
/// ```
/// use alliance_map::model::timeline::changes_passed;
///
/// let day = |text: &str| text.parse().unwrap_or_else(|_| panic!("{text}"));
/// let changes = vec![(day("2017-06-05"), "Montenegro joins NATO".to_string())];
/// assert_eq!(changes_passed(&changes, day("2017-06-01"), day("2017-07-01")).len(), 1);
/// assert!(changes_passed(&changes, day("2017-07-01"), day("2017-06-01")).is_empty());
/// ```
pub fn changes_passed(changes: &[Change], from: Date, to: Date) -> &[Change] {
    if to == from {
        return &[];
    }
    let after = if to > from {
        from
    } else {
        Date::from_days_since_epoch(to.days_since_epoch() - 1)
    };
    let start = changes.partition_point(|(date, _)| *date <= after);
    let end = changes.partition_point(|(date, _)| *date <= to);
    &changes[start..end.max(start)]
}

/// The first day after `date` on which something changed.
pub fn next_change(changes: &[Change], date: Date) -> Option<Date> {
    let index = changes.partition_point(|(day, _)| *day <= date);
    changes.get(index).map(|(day, _)| *day)
}

/// The last day before `date` on which something changed.
pub fn previous_change(changes: &[Change], date: Date) -> Option<Date> {
    let index = changes.partition_point(|(day, _)| *day < date);
    index
        .checked_sub(1)
        .and_then(|i| changes.get(i))
        .map(|(day, _)| *day)
}

/// The changes grouped by day, each day with what changed on it, in order: one mark per day
/// on the date slider.
pub fn changes_by_day(changes: &[Change]) -> Vec<(Date, Vec<&str>)> {
    let mut days: Vec<(Date, Vec<&str>)> = Vec::new();
    for (day, what) in changes {
        match days.last_mut() {
            Some((last, list)) if last == day => list.push(what),
            _ => days.push((*day, vec![what.as_str()])),
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        match text.parse() {
            Ok(date) => date,
            Err(error) => panic!("{text}: {error}"),
        }
    }

    fn changes() -> Vec<Change> {
        vec![
            (day("2004-03-29"), "Estonia joins NATO".into()),
            (day("2004-03-29"), "Latvia joins NATO".into()),
            (day("2017-06-05"), "Montenegro joins NATO".into()),
            (day("2023-04-04"), "Finland joins NATO".into()),
        ]
    }

    #[test]
    fn moving_forward_passes_the_changes_after_the_start_up_to_the_end() {
        let changes = changes();
        let passed = changes_passed(&changes, day("2023-04-01"), day("2023-05-01"));
        assert_eq!(
            passed,
            &[(day("2023-04-04"), "Finland joins NATO".to_string())]
        );
        let passed = changes_passed(&changes, day("2004-03-29"), day("2023-04-04"));
        assert_eq!(passed.len(), 2, "{passed:?}");
        assert!(changes_passed(&changes, day("2005-01-01"), day("2017-06-04")).is_empty());
    }

    #[test]
    fn moving_back_shows_only_the_changes_of_the_day_landed_on() {
        let changes = changes();
        let passed = changes_passed(&changes, day("2024-01-01"), day("2004-03-29"));
        assert_eq!(passed.len(), 2);
        assert!(changes_passed(&changes, day("2024-01-01"), day("2010-01-01")).is_empty());
        assert!(changes_passed(&changes, day("2017-06-05"), day("2017-06-05")).is_empty());
    }

    #[test]
    fn the_next_and_previous_change_skip_the_day_itself() {
        let changes = changes();
        assert_eq!(
            next_change(&changes, day("2004-03-29")),
            Some(day("2017-06-05"))
        );
        assert_eq!(
            next_change(&changes, day("2004-03-28")),
            Some(day("2004-03-29"))
        );
        assert_eq!(next_change(&changes, day("2023-04-04")), None);
        assert_eq!(
            previous_change(&changes, day("2017-06-05")),
            Some(day("2004-03-29"))
        );
        assert_eq!(previous_change(&changes, day("2004-03-29")), None);
    }

    #[test]
    fn changes_on_one_day_share_a_mark() {
        let changes = changes();
        let days = changes_by_day(&changes);
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].1, ["Estonia joins NATO", "Latvia joins NATO"]);
    }
}
