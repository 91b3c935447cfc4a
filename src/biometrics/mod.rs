//! Images, quality, minutiae templates (ISO/IEC 19794-2), matching and
//! synthetic fingerprints. Built by the biometrics issues; this is its place.
