//! MOSIP's Secure Biometric Interface (SBI 1.0, "registration devices"):
//! the vendor-neutral protocol ten-print scanners ship for enrolment, on
//! Windows and Linux. A device service listens on 127.0.0.1, ports
//! 4501–4600, and answers HTTP requests with custom methods: `MOSIPDISC`
//! (discovery), `MOSIPDINFO` (signed device info), `RCAPTURE`
//! (registration capture: ISO/IEC 19794-4 records, signed, hash-chained)
//! and `STREAM` (the live preview, M-JPEG).
//!
//! [`wire`] reads what devices send, in every form the specification
//! allows; [`jws`] checks their signatures; [`client`] is the kiosk's
//! side (a [`crate::scanner::Scanner`]); [`device`] is Beder's own device
//! for training rooms and tests.

pub mod client;
pub mod device;
pub mod jws;
pub mod wire;
