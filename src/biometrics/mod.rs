//! Images, quality, minutiae templates (ISO/IEC 19794-2), matching and
//! synthetic fingerprints.

pub mod enhance;
pub mod eval;
pub mod extract;
pub mod field;
pub mod image;
pub mod iso;
pub mod matcher;
pub mod mcc;
pub mod palm;
pub mod quality;
pub mod search;
pub mod synth;
pub mod template;
