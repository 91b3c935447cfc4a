//! What travels between the kiosk and an SBI device service, read the way
//! the specification allows it to be written: numbers as JSON numbers or
//! as strings (`"count":"4"`, `"qualityScore":"44.0"`), `specVersion` as a
//! string or an array, errors in the body of an HTTP 200, error codes as
//! strings or numbers, finger names as the specification spells them
//! (`Left IndexFinger`, `Right Thumb`).

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::{FingerPosition, SlapPosition};

/// The methods of SBI 1.0 (MOSIP's registration devices).
pub const DISCOVER: &str = "MOSIPDISC";
/// Device info.
pub const INFO: &str = "MOSIPDINFO";
/// Registration capture.
pub const CAPTURE: &str = "RCAPTURE";
/// The live preview stream.
pub const STREAM: &str = "STREAM";

/// The ports an SBI service binds to, on 127.0.0.1.
pub const PORTS: std::ops::RangeInclusive<u16> = 4501..=4600;

/// MOSIP's default capture timeout.
pub const DEFAULT_TIMEOUT_MS: u64 = 40_000;

/// A number sent as a number or as a string.
pub fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A string, or a number written as one (error codes).
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A list sent as an array or as one value.
pub fn list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        Value::Null => Vec::new(),
        other => text(other).into_iter().collect(),
    }
}

/// An SBI error (`"error":{"errorCode":"0","errorInfo":"Success"}`);
/// code 0 is success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SbiError {
    /// The error code; `0` is success.
    pub code: String,
    /// The error's text.
    pub info: String,
}

/// A member by name in any case (`errorCode`, and older services'
/// `errorcode`).
pub fn member<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
    value.get(name).or_else(|| {
        value
            .as_object()?
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

impl SbiError {
    /// The error a response carries, if any.
    pub fn of(value: &Value) -> Option<SbiError> {
        let error = member(value, "error")?;
        let code = text(member(error, "errorCode")?)?;
        if code.trim() == "0" || code.trim().is_empty() {
            return None;
        }
        Some(SbiError {
            code: code.trim().to_string(),
            info: member(error, "errorInfo")
                .and_then(text)
                .unwrap_or_default(),
        })
    }
}

/// The specification's name of a finger.
pub fn finger_name(finger: FingerPosition) -> &'static str {
    match finger {
        FingerPosition::RightThumb => "Right Thumb",
        FingerPosition::RightIndex => "Right IndexFinger",
        FingerPosition::RightMiddle => "Right MiddleFinger",
        FingerPosition::RightRing => "Right RingFinger",
        FingerPosition::RightLittle => "Right LittleFinger",
        FingerPosition::LeftThumb => "Left Thumb",
        FingerPosition::LeftIndex => "Left IndexFinger",
        FingerPosition::LeftMiddle => "Left MiddleFinger",
        FingerPosition::LeftRing => "Left RingFinger",
        FingerPosition::LeftLittle => "Left LittleFinger",
    }
}

/// A finger from its name as devices write it: the specification's
/// spelling, in any case, with or without spaces or the word "Finger".
pub fn finger_from_name(name: &str) -> Option<FingerPosition> {
    let key: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let key = key.strip_suffix("finger").unwrap_or(&key);
    FingerPosition::ALL.into_iter().find(|f| {
        let own: String = finger_name(*f)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        own.strip_suffix("finger").unwrap_or(&own) == key
    })
}

/// The device sub-id of a slap: 1 left slap, 2 right slap, 3 thumbs.
pub fn sub_id(slap: SlapPosition) -> u8 {
    match slap {
        SlapPosition::LeftFour => 1,
        SlapPosition::RightFour => 2,
        SlapPosition::BothThumbs => 3,
    }
}

/// The slap an SBI sub-id names (1 left four, 2 right four, 3 thumbs).
pub fn slap_of_sub_id(sub_id: u8) -> Option<SlapPosition> {
    match sub_id {
        1 => Some(SlapPosition::LeftFour),
        2 => Some(SlapPosition::RightFour),
        3 => Some(SlapPosition::BothThumbs),
        _ => None,
    }
}

/// SHA-256 in upper-case hex.
fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// The hash a capture starts its chain from: SHA-256 of the empty string.
pub fn first_previous_hash() -> String {
    hex_upper(&Sha256::digest(b""))
}

/// The next link of the chain: SHA-256 of the previous hash's bytes
/// followed by SHA-256 of the biometric record, upper-case hex (as MOSIP's
/// compliance toolkit checks it). `None` when `previous` is not hex.
pub fn chain_hash(previous: &str, record: &[u8]) -> Option<String> {
    let previous = crate::store::unhex(previous.trim())?;
    let mut hasher = Sha256::new();
    hasher.update(&previous);
    hasher.update(Sha256::digest(record));
    Some(hex_upper(&hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_lists_and_errors_are_read_in_every_allowed_form() {
        assert_eq!(number(&json!("44.0")), Some(44.0));
        assert_eq!(number(&json!(44)), Some(44.0));
        assert_eq!(number(&json!("forty")), None);
        assert_eq!(list(&json!("0.9.5")), vec!["0.9.5"]);
        assert_eq!(list(&json!(["1.0.0", "0.9.5"])), vec!["1.0.0", "0.9.5"]);
        assert_eq!(
            SbiError::of(&json!({"error": {"errorCode": 703, "errorInfo": "Busy"}})),
            Some(SbiError {
                code: "703".into(),
                info: "Busy".into()
            })
        );
        assert_eq!(
            SbiError::of(&json!({"error": {"errorCode": "0", "errorInfo": "Success"}})),
            None
        );
        // Older services write the names in lower case.
        assert_eq!(
            SbiError::of(&json!({"error": {"errorcode": "100", "errorinfo": "Not registered"}})),
            Some(SbiError {
                code: "100".into(),
                info: "Not registered".into()
            })
        );
    }

    #[test]
    fn finger_names_round_trip_and_variants_are_read() {
        for finger in FingerPosition::ALL {
            assert_eq!(finger_from_name(finger_name(finger)), Some(finger));
        }
        assert_eq!(
            finger_from_name("left indexfinger"),
            Some(FingerPosition::LeftIndex)
        );
        assert_eq!(
            finger_from_name("Right Index"),
            Some(FingerPosition::RightIndex)
        );
        assert_eq!(finger_from_name("UNKNOWN"), None);
    }

    #[test]
    fn the_hash_chain_is_mosips() {
        // SHA-256("") is the start of every chain.
        assert_eq!(
            first_previous_hash(),
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"
        );
        let one = chain_hash(&first_previous_hash(), b"record one");
        let two = one.as_deref().and_then(|h| chain_hash(h, b"record two"));
        assert!(
            one.as_ref()
                .is_some_and(|h| h.len() == 64 && h == &h.to_uppercase())
        );
        assert_ne!(one, two);
        assert_eq!(chain_hash("not hex", b"x"), None);
    }
}
