//! The only way the application talks to a fingerprint device: the `Scanner`
//! trait, the file-based simulator and, later, real device backends. Built by
//! the scanner issue; this is its place.
