//! Interchange formats the central systems ingest. `an2`: ANSI/NIST-ITL
//! 1-2011 (Update 2015) transactions in the traditional encoding; `wsq`:
//! the FBI's WSQ compression of fingerprint images; `profile`: Beder's
//! profile of a registration as a transaction. No dependency on the store
//! or the interface: the transfer of records builds on this module.

pub mod an2;
mod bytes;
pub mod face_image;
pub mod finger_image;
pub mod profile;
pub mod wsq;
