//! Any bytes as an image file: PNG, TIFF, BMP, JPEG headers and data
//! through the loader's size check, completeness check and bounded
//! decoding. An answer (an image or a typed error), never a panic, never
//! more than the decode budget.
#![no_main]

use beder::biometrics::image::{LoadPolicy, load_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz");
    for policy in [LoadPolicy::ANY_FINGER, LoadPolicy::DEVICE_FINGER, LoadPolicy::DEVICE_PALM] {
        if let Ok(image) = load_bytes(data, path, 500, policy) {
            // What loads is within the policy's limits.
            assert!(image.width() <= policy.max_side && image.height() <= policy.max_side);
        }
    }
});
