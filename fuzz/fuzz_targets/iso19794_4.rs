//! Any bytes as an ISO/IEC 19794-4 finger image record (what an SBI device
//! sends): read or refused, never a panic; every image it holds decoded or
//! refused (JPEG 2000, WSQ, PNG, JPEG, raw), never a panic; and what is
//! written from the images reads back with the same images.
#![no_main]

use beder::interchange::finger_image::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(images) = decode(data) {
        for image in &images {
            let _ = image.pixels();
        }
        let again = decode(&encode(&images));
        assert_eq!(
            again
                .map(|a| a.into_iter().map(|i| i.data).collect::<Vec<_>>())
                .ok(),
            Some(images.into_iter().map(|i| i.data).collect::<Vec<_>>())
        );
    }
});
