//! IIN validation (п.7.1): both weight sequences, the check digit, a "second
//! 10", structure, and agreement with a birth date and sex.

use beder::model::Sex;
use beder::regulation::{Iin, IinError, validate_iin};
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

/// (iin, valid, birth date, sex, error)
type IinRow = (
    &'static str,
    bool,
    Option<&'static str>,
    Option<Sex>,
    Option<IinError>,
);

#[test]
fn table() {
    let table: [IinRow; 14] = [
        (
            "850312300012",
            true,
            Some("1985-03-12"),
            Some(Sex::Male),
            None,
        ),
        // first weights give 10, the second sequence gives 2
        (
            "061211600012",
            true,
            Some("2006-12-11"),
            Some(Sex::Female),
            None,
        ),
        (
            "900101400404",
            true,
            Some("1990-01-01"),
            Some(Sex::Female),
            None,
        ),
        (
            "850312300013",
            false,
            Some("1985-03-12"),
            Some(Sex::Male),
            Some(IinError::CheckDigit),
        ),
        (
            "061211600013",
            false,
            Some("2006-12-11"),
            Some(Sex::Female),
            Some(IinError::CheckDigit),
        ),
        // both sequences give 10: no digit is right
        (
            "850312300380",
            false,
            Some("1985-03-12"),
            Some(Sex::Male),
            Some(IinError::NoCheckDigit),
        ),
        (
            "850312300389",
            false,
            Some("1985-03-12"),
            Some(Sex::Male),
            Some(IinError::NoCheckDigit),
        ),
        (
            "850312000012",
            false,
            None,
            None,
            Some(IinError::CenturyDigit),
        ),
        (
            "850312700012",
            false,
            None,
            None,
            Some(IinError::CenturyDigit),
        ),
        ("851312300012", false, None, None, Some(IinError::BirthDate)),
        ("850230300012", false, None, None, Some(IinError::BirthDate)),
        ("85031230001", false, None, None, Some(IinError::Length)),
        ("8503123000123", false, None, None, Some(IinError::Length)),
        ("85031230001a", false, None, None, Some(IinError::NotDigits)),
    ];
    for (iin, valid, birth, sex, error) in table {
        let v = validate_iin(iin);
        assert_eq!(v.valid, valid, "{iin}");
        assert_eq!(v.birth_date, birth.map(d), "{iin}");
        assert_eq!(v.sex, sex, "{iin}");
        assert_eq!(v.error, error, "{iin}");
    }
}

#[test]
fn centuries_and_sexes_of_digit_7() {
    let table = [
        ('1', "1885-03-12", Sex::Male),
        ('2', "1885-03-12", Sex::Female),
        ('3', "1985-03-12", Sex::Male),
        ('4', "1985-03-12", Sex::Female),
        ('5', "2085-03-12", Sex::Male),
        ('6', "2085-03-12", Sex::Female),
    ];
    for (digit, birth, sex) in table {
        let v = validate_iin(&format!("850312{digit}00012"));
        assert_eq!(v.birth_date, Some(d(birth)), "digit {digit}");
        assert_eq!(v.sex, Some(sex), "digit {digit}");
    }
}

#[test]
fn agreement_with_birth_date_and_sex_is_reported_apart() {
    let v = validate_iin("850312300012");
    assert_eq!(v.agrees_with(None, None), None);
    assert_eq!(
        v.agrees_with(Some(d("1985-03-12")), Some(Sex::Male)),
        Some(true)
    );
    assert_eq!(v.agrees_with(Some(d("1985-03-12")), None), Some(true));
    assert_eq!(
        v.agrees_with(Some(d("1985-03-13")), Some(Sex::Male)),
        Some(false)
    );
    assert_eq!(
        v.agrees_with(Some(d("1985-03-12")), Some(Sex::Female)),
        Some(false)
    );
    assert_eq!(v.agrees_with(None, Some(Sex::Female)), Some(false));
    // a mistyped check digit still tells the birth date it encodes
    let typo = validate_iin("850312300019");
    assert!(!typo.valid);
    assert_eq!(
        typo.agrees_with(Some(d("1985-03-12")), Some(Sex::Male)),
        Some(true)
    );
    // nothing to compare with when digits 1–7 decode to nothing
    assert_eq!(
        validate_iin("851312300012").agrees_with(Some(d("1985-03-12")), None),
        None
    );
}

#[test]
fn parse_keeps_a_valid_iin() {
    let iin = Iin::parse("061211600012").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(iin.as_string(), "061211600012");
    assert_eq!(iin.birth_date, d("2006-12-11"));
    assert_eq!(Iin::parse("061211600013"), Err(IinError::CheckDigit));
}

fn weighted(digits: &[u8], weights: &[u32]) -> u32 {
    digits
        .iter()
        .zip(weights)
        .map(|(d, w)| u32::from(*d) * w)
        .sum::<u32>()
        % 11
}

proptest! {
    /// For any structurally valid first 11 digits, exactly one 12th digit
    /// makes a valid IIN, unless both weight sequences give 10 (then none).
    #[test]
    fn exactly_one_check_digit(yy in 0u8..100, mm in 1u8..13, dd in 1u8..29, c in 1u8..7, serial in 0u16..10000) {
        let prefix = format!("{yy:02}{mm:02}{dd:02}{c}{serial:04}");
        let digits: Vec<u8> = prefix.bytes().map(|b| b - b'0').collect();
        let first = weighted(&digits, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        let second = weighted(&digits, &[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
        let valid: Vec<u8> = (0..10u8).filter(|k| validate_iin(&format!("{prefix}{k}")).valid).collect();
        if first == 10 && second == 10 {
            prop_assert!(valid.is_empty());
        } else {
            prop_assert_eq!(valid.len(), 1);
        }
    }

    /// Any string at all: an answer, never a panic.
    #[test]
    fn never_panics(text in ".{0,20}") {
        let v = validate_iin(&text);
        prop_assert_eq!(v.valid, v.error.is_none());
    }
}
