//! Calendar dates (proleptic Gregorian, no time of day) as the scenario files write them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A real calendar date, ordered chronologically.
///
/// # Examples
/// ```
/// use alliance_map::model::date::Date;
///
/// let summit: Date = "2012-05-15".parse()?;
/// assert_eq!(summit.long_form(), "15 May 2012");
/// assert_eq!(summit.first_of_month_plus(1).to_string(), "2012-06-01");
/// assert!("2012-02-30".parse::<Date>().is_err());
/// # Ok::<(), alliance_map::model::date::DateError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is not a date in the form YYYY-MM-DD")]
    Format(String),
    #[error("{0} is not a real date")]
    Unreal(String),
}

const fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if it exists on the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then(|| days_in_month(year, month))
            .filter(|&days| day >= 1 && day <= days)
            .map(|_| Date { year, month, day })
    }

    /// A date written in the code, checked when the program is compiled: an impossible one
    /// is a compile error where it is a constant.
    pub const fn constant(year: i32, month: u8, day: u8) -> Date {
        assert!(month >= 1 && month <= 12, "no such month");
        assert!(day >= 1 && day <= days_in_month(year, month), "no such day");
        Date { year, month, day }
    }

    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The first day of the month `months` months after this date's month.
    pub fn first_of_month_plus(&self, months: i32) -> Date {
        let index = self.year * 12 + i32::from(self.month) - 1 + months;
        Date {
            year: index.div_euclid(12),
            month: (index.rem_euclid(12) + 1) as u8,
            day: 1,
        }
    }

    /// The same day `years` years later (earlier when negative); 29 February becomes the 28th
    /// in a year without it.
    pub fn plus_years(&self, years: i32) -> Date {
        let year = self.year + years;
        Date {
            year,
            month: self.month,
            day: self.day.min(days_in_month(year, self.month)),
        }
    }

    /// Whole months from `self`'s month to `other`'s.
    pub fn months_until(&self, other: &Date) -> i32 {
        (other.year * 12 + i32::from(other.month)) - (self.year * 12 + i32::from(self.month))
    }

    /// "15 May 2012".
    pub fn long_form(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let format_error = || DateError::Format(text.to_string());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(format_error());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| format_error())
            } else {
                Err(format_error())
            }
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::new(year as i32, month as u8, day as u8).ok_or_else(|| DateError::Unreal(text.into()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_refused() {
        for unreal in ["2012-02-30", "2013-02-29", "2012-13-01"] {
            assert_eq!(
                unreal.parse::<Date>(),
                Err(DateError::Unreal(unreal.into())),
                "{unreal}"
            );
        }
        assert_eq!(
            "2012-5-15".parse::<Date>(),
            Err(DateError::Format("2012-5-15".into()))
        );
        assert!("2012-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn days_since_epoch_round_trips() {
        for text in [
            "1970-01-01",
            "1992-05-15",
            "2000-02-29",
            "2024-03-07",
            "1949-08-24",
        ] {
            let date = match text.parse::<Date>() {
                Ok(date) => date,
                Err(error) => panic!("{text}: {error}"),
            };
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
        assert_eq!(
            "1970-01-02".parse::<Date>().map(|d| d.days_since_epoch()),
            Ok(1)
        );
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        let date = match "2012-11-15".parse::<Date>() {
            Ok(date) => date,
            Err(error) => panic!("2012-11-15: {error}"),
        };
        assert_eq!(date.first_of_month_plus(3).to_string(), "2013-02-01");
        assert_eq!(date.plus_years(-1).to_string(), "2011-11-15");
        let leap = Date::constant(2012, 2, 29);
        assert_eq!(leap.plus_years(1).to_string(), "2013-02-28");
        assert_eq!(leap.plus_years(4), Date::constant(2016, 2, 29));
        assert_eq!(date.months_until(&date.first_of_month_plus(3)), 3);
    }
}
