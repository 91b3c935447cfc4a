use chrono::{Datelike, NaiveDate};
use thiserror::Error;

/// An age cannot be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AgeError {
    /// The birth date is after the date the age is counted on.
    #[error("the birth date is after the application date")]
    BornAfter,
}

impl AgeError {
    /// The Fluent message id of the error.
    pub fn message_key(self) -> &'static str {
        match self {
            AgeError::BornAfter => "error-born-after-application",
        }
    }
}

/// The day in `year` on which a person born on `birth` completes a year of
/// age. A term counted in years ends on the same month and day of its last
/// year; when that month has no such day, on the month's last day (the Civil
/// Code's rule for terms). So a person born on 29 February completes a year
/// on 28 February of a common year.
fn anniversary(birth: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, birth.month(), 28))
        .unwrap_or(birth)
}

/// Full years of age on `on` (the application date), as п.3.2, п.4.1 and п.8
/// count them: the new year of age is reached on the birthday itself
/// (for 29 February births, on 28 February in a common year).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> Result<u32, AgeError> {
    if birth > on {
        return Err(AgeError::BornAfter);
    }
    let mut years = on.year() - birth.year();
    if anniversary(birth, on.year()) > on {
        years -= 1;
    }
    // `birth <= on` makes `years` non-negative.
    Ok(u32::try_from(years).unwrap_or(0))
}

/// The age bands the Rules use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    /// Under 12: exempt (п.4.1).
    Under12,
    /// 12 ≤ age < 16: a citizen needs a legal representative (п.8); a
    /// foreigner is not subject (п.3.2).
    From12To16,
    /// 16 or older: a foreigner applying for a visa is subject (п.3.2).
    SixteenOrOlder,
}

/// The band of п.3.2, п.4.1 and п.8 that an age in full years falls in.
pub fn age_band(age: u32) -> AgeBand {
    match age {
        0..=11 => AgeBand::Under12,
        12..=15 => AgeBand::From12To16,
        _ => AgeBand::SixteenOrOlder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
    }

    #[test]
    fn table() {
        // (birth, on, expected age)
        let cases = [
            ("2014-05-10", "2026-05-09", 11), // day before 12th birthday
            ("2014-05-10", "2026-05-10", 12), // the 12th birthday
            ("2010-05-10", "2026-05-09", 15), // day before 16th birthday
            ("2010-05-10", "2026-05-10", 16), // the 16th birthday
            ("2014-02-28", "2026-02-28", 12),
            ("2012-02-29", "2024-02-28", 11), // leap year: birthday exists
            ("2012-02-29", "2024-02-29", 12),
            ("2012-02-29", "2025-02-28", 13), // common year: 28 February
            ("2012-02-29", "2025-02-27", 12),
            ("2012-02-29", "2025-03-01", 13),
            ("2000-01-01", "2000-01-01", 0),
            ("1999-12-31", "2000-01-01", 0),
            ("1900-03-01", "2026-02-28", 125),
        ];
        for (birth, on, want) in cases {
            assert_eq!(age_on(d(birth), d(on)), Ok(want), "born {birth}, on {on}");
        }
    }

    #[test]
    fn leap_day_birth_reaches_twelve_on_28_february() {
        // Born 2008-02-29: 2020 is a leap year, 2021 is not.
        assert_eq!(age_on(d("2008-02-29"), d("2020-02-28")), Ok(11));
        assert_eq!(age_on(d("2008-02-29"), d("2020-02-29")), Ok(12));
        // A common year: the year of age is completed on 28 February.
        assert_eq!(age_on(d("2008-02-29"), d("2021-02-28")), Ok(13));
        // The 16th birthday falls in a leap year (2020): 29 February itself.
        assert_eq!(age_on(d("2004-02-29"), d("2020-02-28")), Ok(15));
        assert_eq!(age_on(d("2004-02-29"), d("2020-02-29")), Ok(16));
        assert_eq!(age_on(d("2005-03-01"), d("2021-02-28")), Ok(15));
    }

    #[test]
    fn twelfth_and_sixteenth_birthdays_of_a_leap_day_birth_in_a_common_year() {
        // 12 and 16 are multiples of 4, so only a century year (2100, not a
        // leap year) puts these birthdays into a common year.
        assert_eq!(age_on(d("2088-02-29"), d("2100-02-27")), Ok(11));
        assert_eq!(age_on(d("2088-02-29"), d("2100-02-28")), Ok(12));
        assert_eq!(age_on(d("2084-02-29"), d("2100-02-27")), Ok(15));
        assert_eq!(age_on(d("2084-02-29"), d("2100-02-28")), Ok(16));
    }

    #[test]
    fn born_after_application_is_an_error() {
        assert_eq!(
            age_on(d("2026-01-02"), d("2026-01-01")),
            Err(AgeError::BornAfter)
        );
    }

    #[test]
    fn bands() {
        assert_eq!(age_band(0), AgeBand::Under12);
        assert_eq!(age_band(11), AgeBand::Under12);
        assert_eq!(age_band(12), AgeBand::From12To16);
        assert_eq!(age_band(15), AgeBand::From12To16);
        assert_eq!(age_band(16), AgeBand::SixteenOrOlder);
        assert_eq!(age_band(90), AgeBand::SixteenOrOlder);
    }
}
