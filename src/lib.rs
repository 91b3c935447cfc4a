//! Beder: the consular desk's fingerprint enrolment kiosk.
//!
//! Layers (see ARCHITECTURE.md): `ui` → `enrollment` → `regulation`,
//! `store`, `scanner`, `biometrics` → `model`. This crate holds all but the
//! binary's command-line edge.

pub mod biometrics;
pub mod documents;
pub mod enrollment;
pub mod files;
pub mod i18n;
pub mod interchange;
pub mod model;
pub mod regulation;
pub mod scanner;
pub mod store;
pub mod transfer;
pub mod ui;
