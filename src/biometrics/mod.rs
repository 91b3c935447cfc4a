//! Images, quality, minutiae templates (ISO/IEC 19794-2), matching and
//! synthetic fingerprints.

pub mod image;
pub mod synth;
