//! Beder: the consular desk's fingerprint enrolment kiosk.
//!
//! Layers (see ARCHITECTURE.md): `ui` → `enrollment` → `regulation`,
//! `store`, `scanner`, `biometrics` → `model`. This crate holds all but the
//! binary's command-line edge.
//!
//! The four layers under `enrollment` document every public item
//! (`missing_docs`, a warning that CI's `clippy -D warnings` makes an
//! error); see ARCHITECTURE.md, "The lint policy".

#[warn(missing_docs)]
pub mod biometrics;
pub mod documents;
pub mod enrollment;
pub mod files;
pub mod i18n;
pub mod interchange;
pub mod model;
#[warn(missing_docs)]
pub mod regulation;
#[warn(missing_docs)]
pub mod scanner;
#[warn(missing_docs)]
pub mod store;
pub mod transfer;
pub mod ui;
