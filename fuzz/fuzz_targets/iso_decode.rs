//! Any bytes given to the ISO/IEC 19794-2 decoder: an error or templates,
//! never a panic; and whatever decodes re-encodes and decodes the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(templates) = beder::biometrics::iso::decode(data)
        && let Ok(again) = beder::biometrics::iso::encode_2011(&templates)
    {
        let back = beder::biometrics::iso::decode(&again);
        assert!(back.is_ok());
    }
});
