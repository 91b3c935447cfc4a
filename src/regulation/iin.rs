//! The individual identification number (IIN) recorded for citizens (п.7.1).
//!
//! Structure (Law "On national registers of identification numbers" and the
//! rules for forming IINs): 12 digits; digits 1–6 are the birth date YYMMDD;
//! digit 7 gives the century of birth and the sex (1/2 = 1800s male/female,
//! 3/4 = 1900s, 5/6 = 2000s); digits 8–11 are a serial number; digit 12 is a
//! check digit.

use chrono::NaiveDate;
use thiserror::Error;

use crate::model::Sex;

/// Why an IIN is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum IinError {
    #[error("an IIN has exactly 12 digits")]
    /// Not exactly 12 characters.
    Length,
    #[error("an IIN has digits only")]
    /// A character that is not a digit.
    NotDigits,
    #[error("the 7th digit (century and sex) must be 1 to 6")]
    /// The 7th digit (century and sex) is not 1 to 6.
    CenturyDigit,
    #[error("digits 1 to 6 are not a date (YYMMDD)")]
    /// Digits 1 to 6 are not a date.
    BirthDate,
    #[error("the check digit does not match")]
    /// The 12th digit is not the check digit of the first 11.
    CheckDigit,
    #[error("no check digit exists for these 11 digits")]
    /// The first 11 digits have no check digit (both weightings give 10).
    NoCheckDigit,
}

impl IinError {
    /// The Fluent message id of the error.
    pub fn message_key(self) -> &'static str {
        match self {
            IinError::Length => "iin-error-length",
            IinError::NotDigits => "iin-error-not-digits",
            IinError::CenturyDigit => "iin-error-century",
            IinError::BirthDate => "iin-error-birth-date",
            IinError::CheckDigit => "iin-error-check-digit",
            IinError::NoCheckDigit => "iin-error-no-check-digit",
        }
    }
}

/// A valid IIN with what it encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Iin {
    digits: [u8; 12],
    /// The birth date encoded in digits 1 to 7.
    pub birth_date: NaiveDate,
    /// The sex encoded in digit 7.
    pub sex: Sex,
}

impl Iin {
    /// Parses and validates an IIN.
    pub fn parse(text: &str) -> Result<Iin, IinError> {
        let validation = validate_iin(text);
        match (validation.error, validation.birth_date, validation.sex) {
            (None, Some(birth_date), Some(sex)) => {
                let mut digits = [0u8; 12];
                for (slot, byte) in digits.iter_mut().zip(text.bytes()) {
                    *slot = byte - b'0';
                }
                Ok(Iin {
                    digits,
                    birth_date,
                    sex,
                })
            }
            (Some(error), _, _) => Err(error),
            // validate_iin sets an error whenever it cannot decode.
            _ => Err(IinError::BirthDate),
        }
    }

    /// The 12 digits as text.
    pub fn as_string(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

/// The result of checking an IIN: the check digit, and what digits 1–7 say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IinValidation {
    /// The IIN is valid: 12 digits, a date, a century digit and the check digit.
    pub valid: bool,
    /// Decoded whenever digits 1–7 form a date and a century/sex digit, even
    /// if the check digit is wrong (the officer may have mistyped digit 12).
    pub birth_date: Option<NaiveDate>,
    /// Decoded from digit 7 whenever it is 1 to 6.
    pub sex: Option<Sex>,
    /// The first reason it is invalid.
    pub error: Option<IinError>,
}

impl IinValidation {
    /// Agreement of the IIN with a birth date and sex given separately (п.7.1
    /// records both). `None` when neither is given or the IIN cannot be
    /// decoded; otherwise whether every given value agrees.
    pub fn agrees_with(&self, birth_date: Option<NaiveDate>, sex: Option<Sex>) -> Option<bool> {
        if birth_date.is_none() && sex.is_none() {
            return None;
        }
        let (decoded_date, decoded_sex) = (self.birth_date?, self.sex?);
        let date_ok = birth_date.is_none_or(|d| d == decoded_date);
        let sex_ok = sex.is_none_or(|s| s == decoded_sex);
        Some(date_ok && sex_ok)
    }
}

const WEIGHTS_FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit of the first 11 digits: the weighted sum modulo 11 with
/// weights 1..11; when that is 10, again with weights 3..11, 1, 2; a second 10
/// means no IIN can have these 11 digits.
fn check_digit(digits: &[u8; 12]) -> Option<u8> {
    let remainder = |weights: &[u32; 11]| {
        digits[..11]
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(*d) * w)
            .sum::<u32>()
            % 11
    };
    let first = remainder(&WEIGHTS_FIRST);
    let value = if first == 10 {
        remainder(&WEIGHTS_SECOND)
    } else {
        first
    };
    // value < 10 here, so it fits a digit.
    (value != 10).then_some(value as u8)
}

fn decode_birth(digits: &[u8; 12]) -> (Option<NaiveDate>, Option<Sex>, Option<IinError>) {
    let (century, sex) = match digits[6] {
        1 => (1800, Sex::Male),
        2 => (1800, Sex::Female),
        3 => (1900, Sex::Male),
        4 => (1900, Sex::Female),
        5 => (2000, Sex::Male),
        6 => (2000, Sex::Female),
        _ => return (None, None, Some(IinError::CenturyDigit)),
    };
    let pair = |i: usize| u32::from(digits[i]) * 10 + u32::from(digits[i + 1]);
    let year = century + i32::try_from(pair(0)).unwrap_or(0);
    match NaiveDate::from_ymd_opt(year, pair(2), pair(4)) {
        Some(date) => (Some(date), Some(sex), None),
        None => (None, Some(sex), Some(IinError::BirthDate)),
    }
}

/// Validates an IIN (п.7.1): 12 digits, a century/sex digit of 1–6, a real
/// birth date, and the check digit. Agreement with a separately given birth
/// date and sex is reported apart ([`IinValidation::agrees_with`]).
pub fn validate_iin(text: &str) -> IinValidation {
    let invalid = |error| IinValidation {
        valid: false,
        birth_date: None,
        sex: None,
        error: Some(error),
    };
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return invalid(IinError::NotDigits);
    }
    if text.len() != 12 {
        return invalid(IinError::Length);
    }
    let mut digits = [0u8; 12];
    for (slot, byte) in digits.iter_mut().zip(text.bytes()) {
        *slot = byte - b'0';
    }
    let (birth_date, sex, structure_error) = decode_birth(&digits);
    let check_error = match check_digit(&digits) {
        None => Some(IinError::NoCheckDigit),
        Some(expected) if expected != digits[11] => Some(IinError::CheckDigit),
        Some(_) => None,
    };
    let error = structure_error.or(check_error);
    IinValidation {
        valid: error.is_none(),
        birth_date: if structure_error.is_none() {
            birth_date
        } else {
            None
        },
        sex: if structure_error.is_none() { sex } else { None },
        error,
    }
}
