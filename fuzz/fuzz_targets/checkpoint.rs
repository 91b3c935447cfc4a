//! Any text as an audit checkpoint file: parsed or refused; a parsed one
//! checks its signature without panicking.
#![no_main]

use beder::store::Checkpoint;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(checkpoint) = Checkpoint::parse(text)
    {
        let _ = checkpoint.signature_valid();
    }
});
