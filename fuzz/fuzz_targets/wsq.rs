//! Any bytes as a WSQ image: decoded or refused, never a panic, and never
//! more than the size limit decoded.
#![no_main]

use beder::interchange::wsq;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(image) = wsq::decode(data) {
        assert_eq!(image.pixels.len(), image.width as usize * image.height as usize);
        assert!(image.width <= wsq::MAX_SIDE && image.height <= wsq::MAX_SIDE);
    }
});
