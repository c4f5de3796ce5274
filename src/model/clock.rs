//! The one place the app learns what day it is.
//!
//! Everything that depends on today (the "Today" button, the date slider's last month, where
//! Play stops, drafting's "as of today", the `where` command's default date) asks a [`Clock`]
//! handed in where the program starts. The desktop app and the command line are given
//! [`Clock::System`]; tests give [`Clock::Fixed`], so nothing they assert changes with the
//! calendar.

use crate::model::date::{Date, DateError};

/// The environment variable that fixes the day the program takes for today (`YYYY-MM-DD`): to
/// reproduce what a reader saw on a given day, and for tests of the built binary.
pub const TODAY_VARIABLE: &str = "ALLIANCE_MAP_TODAY";

/// Where "today" comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock's date, in UTC.
    #[default]
    System,
    /// Always the same day: for tests, and for reproducing what a reader saw on a given day.
    Fixed(Date),
}

impl Clock {
    /// The clock a setting asks for: a fixed day when one is given, else the system's.
    pub fn from_setting(setting: Option<&str>) -> Result<Clock, DateError> {
        match setting.map(str::trim) {
            None | Some("") => Ok(Clock::System),
            Some(text) => text.parse().map(Clock::Fixed),
        }
    }

    /// Today's date by this clock.
    pub fn today(&self) -> Date {
        match self {
            Clock::System => system_today(),
            Clock::Fixed(date) => *date,
        }
    }
}

/// The only read of the wall clock's date in the program.
/// The date where the reader is, not in Greenwich: in the evening west of it and in the
/// morning east of it the two differ by a day. A system with no time zone set is on UTC.
fn system_today() -> Date {
    let now = jiff::ZonedDateTime::now();
    let local = now.date();
    Date::new(
        i32::from(local.year()),
        local.month() as u8,
        local.day() as u8,
    )
    .unwrap_or_else(utc_today)
}

/// Today in UTC, from the seconds since the epoch.
fn utc_today() -> Date {
    // `web_time` is std's clock on the desktop and JavaScript's `Date` in a browser, where
    // std's clock panics.
    let seconds = web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .map(|since| since.as_secs() as i64)
        .unwrap_or(0);
    Date::from_days_since_epoch(seconds.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_always_says_its_day() {
        const DAY: Date = Date::constant(2031, 2, 28);
        let clock = Clock::Fixed(DAY);
        assert_eq!(clock.today(), DAY);
        assert_eq!(clock.today(), clock.today());
    }

    #[test]
    fn a_setting_fixes_the_day_or_is_refused() {
        assert_eq!(Clock::from_setting(None), Ok(Clock::System));
        assert_eq!(Clock::from_setting(Some(" ")), Ok(Clock::System));
        assert_eq!(
            Clock::from_setting(Some("2027-12-04")),
            Ok(Clock::Fixed(Date::constant(2027, 12, 4)))
        );
        assert_eq!(
            Clock::from_setting(Some("tomorrow")),
            Err(DateError::Format("tomorrow".into()))
        );
        assert_eq!(
            Clock::from_setting(Some("2027-02-30")),
            Err(DateError::Unreal("2027-02-30".into()))
        );
    }

    #[test]
    fn the_system_clock_is_after_this_code_was_written() {
        assert!(Clock::System.today() >= Date::constant(2026, 12, 4));
    }
}
