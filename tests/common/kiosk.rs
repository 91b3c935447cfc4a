//! The training kiosk driven through egui_kittest: sign-in, clicks, typing,
//! and waiting for the capture worker.

use std::path::Path;

use beder::i18n::Lang;
use beder::store::{KdfParams, Mode};
use beder::ui::{AppConfig, BederApp, DEMO_LOGIN, DEMO_PASSWORD};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{d, ok, simulator_copy};

pub struct Kiosk {
    pub h: Harness<'static, BederApp>,
    pub data: tempfile::TempDir,
    pub simulator: tempfile::TempDir,
    /// For files the officer imports (photos, signatures).
    pub files: tempfile::TempDir,
}

/// The training kiosk over `data` (prepared or empty) and a copy of the
/// simulated `persons` with a `delay_ms` capture delay, signed in as the
/// demo supervisor, in English, on 2026-11-25.
pub fn start(data: tempfile::TempDir, persons: &[&str], delay_ms: u64) -> Kiosk {
    let simulator = simulator_copy(persons, delay_ms);
    let config = training_config(data.path(), simulator.path());
    let h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_| BederApp::new(config));
    let mut k = Kiosk {
        h,
        data,
        simulator,
        files: ok(tempfile::tempdir()),
    };
    settle(&mut k.h);
    type_into(&mut k, "Login", DEMO_LOGIN);
    type_into(&mut k, "Password", DEMO_PASSWORD);
    click(&mut k, "Sign in");
    assert!(k.h.state().officer().is_some(), "signed in");
    k
}

fn training_config(data: &Path, simulator: &Path) -> AppConfig {
    let mut config = AppConfig::new(data.to_path_buf(), Mode::Training);
    config.lang = Lang::En;
    config.kdf = KdfParams::insecure_fast_for_tests();
    config.today = Some(d("2026-11-25"));
    config.simulator_dir = Some(simulator.to_path_buf());
    // Each frame advances the harness's clock; waiting for the capture
    // worker runs many frames, which must not count as an idle officer
    // (the idle lock has its own test).
    config.idle_lock_minutes = Some(60);
    config
}

pub fn settle(h: &mut Harness<'static, BederApp>) {
    for _ in 0..3 {
        h.step();
    }
}

/// Clicks what is labelled `label`, scrolled into view first (as the
/// officer would: a click at a place hidden under the action bar would land
/// on the bar).
pub fn click(k: &mut Kiosk, label: &str) {
    k.h.get_by_label(label).scroll_to_me();
    settle(&mut k.h);
    k.h.get_by_label(label).click();
    settle(&mut k.h);
}

/// A button, where a label of the same text is also on the screen.
pub fn click_button(k: &mut Kiosk, label: &str) {
    k.h.get_by_role_and_label(Role::Button, label)
        .scroll_to_me();
    settle(&mut k.h);
    k.h.get_by_role_and_label(Role::Button, label).click();
    settle(&mut k.h);
}

pub fn sees(k: &Kiosk, text: &str) -> bool {
    k.h.query_all_by_label_contains(text).next().is_some()
}

pub fn type_into(k: &mut Kiosk, label: &str, text: &str) {
    let role = if k
        .h
        .query_by_role_and_label(Role::TextInput, label)
        .is_some()
    {
        Role::TextInput
    } else {
        Role::PasswordInput
    };
    k.h.get_by_role_and_label(role, label).focus();
    settle(&mut k.h);
    k.h.get_by_role_and_label(role, label).type_text(text);
    settle(&mut k.h);
}

/// Runs frames until the worker's capture is over.
pub fn wait_capture(k: &mut Kiosk) {
    for _ in 0..200_000 {
        if !k.h.state().is_capturing() {
            settle(&mut k.h);
            return;
        }
        k.h.step();
    }
    panic!("the capture never ended");
}

/// Clicks "Scan" while there is something to capture.
pub fn capture_all(k: &mut Kiosk) {
    for _ in 0..30 {
        if k.h.query_by_label("Scan").is_none() {
            return;
        }
        click(k, "Scan");
        wait_capture(k);
    }
}

/// The п.7 step with an imported photo and no signature, then the review
/// and save.
pub fn personal_data_and_save(k: &mut Kiosk) {
    type_into(k, "Place of birth", "Алматы");
    let photo = k.files.path().join("photo.jpg");
    ok(std::fs::write(&photo, super::photo_jpeg(600, 800)));
    type_into(k, "Photo file (JPEG or PNG)", &photo.to_string_lossy());
    click(k, "Import photo");
    // The default crop is not an acceptance: the officer places the guide.
    assert!(k.h.query_by_label("Use this crop").is_none());
    place_photo(k);
    click(k, "Use this crop");
    assert!(sees(k, "Photo taken"));
    click(k, "Cannot sign (a young child, an infirmity)");
    click(k, "On to the review");
    click(k, "Save the registration");
    assert!(sees(k, "Registration saved: No. "));
}

/// Moves the crop a little, as the officer does to put the face in the oval.
pub fn place_photo(k: &mut Kiosk) {
    k.h.get_by_role_and_label(Role::Slider, "Up – down")
        .scroll_to_me();
    settle(&mut k.h);
    k.h.get_by_role_and_label(Role::Slider, "Up – down")
        .set_value_accesskit(0.45);
    settle(&mut k.h);
}

/// An adult citizen's applicant and identity steps filled in (Нұрлан,
/// born 1980-04-02), before the look-up.
pub fn adult_citizen_identity(k: &mut Kiosk, surname: &str) {
    click(k, "Citizen");
    click(k, "Next");
    type_into(k, "Surname", surname);
    type_into(k, "Name", "Нұрлан");
    type_into(k, "Birth date", "1980-04-02");
    click(k, "Male");
}

/// An adult citizen taken to the capture step (or verification), with the
/// simulated person titled `person` at the desk.
pub fn to_capture(k: &mut Kiosk, person: &str, surname: &str) {
    click(k, person);
    adult_citizen_identity(k, surname);
    click(k, "Look up in the registries");
    click(k, "Decide");
    click(k, "Continue");
    click(k, "Consents");
}
