//! Any bytes as an ISO/IEC 19794-2 record (2005 or 2011): decoded to
//! templates or a typed error; what decodes encodes again, and both
//! matchers compare it (within their bounded cost).
#![no_main]

use beder::biometrics::iso::{decode, encode_2011};
use beder::biometrics::matcher::{Bozorth3, Matcher};
use beder::biometrics::mcc::Mcc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(templates) = decode(data) else {
        return;
    };
    assert!(!templates.is_empty());
    if let Ok(bytes) = encode_2011(&templates) {
        assert!(decode(&bytes).is_ok());
    }
    let first = &templates[0];
    let _ = Bozorth3.compare(first, first);
    let _ = Mcc.compare(first, first);
});
