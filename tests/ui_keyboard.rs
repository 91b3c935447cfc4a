//! The desk from the keyboard, through the real kiosk with egui_kittest:
//! Enter runs the primary action, Esc steps back, Ctrl+Shift+X cancels the
//! case (after a confirmation), Tab follows the reading order, and every
//! control a screen reader reaches has a name.

mod common;

use beder::enrollment::Step;
use common::kiosk::{Kiosk, click, settle, start, type_into};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

fn kiosk() -> Kiosk {
    start(common::ok(tempfile::tempdir()), &["01_normal"], 5)
}

fn step(k: &Kiosk) -> Option<Step> {
    k.h.state().desk().map(|d| d.step())
}

fn press(k: &mut Kiosk, key: egui::Key) {
    k.h.key_press(key);
    settle(&mut k.h);
}

/// The label of the control that has the keyboard.
fn focused(k: &Kiosk) -> Option<String> {
    k.h.query_by(|n| n.is_focused())
        .and_then(|n| n.accesskit_node().label())
}

/// Lets go of the field that has the keyboard (Esc in a field).
fn leave_fields(k: &mut Kiosk) {
    press(k, egui::Key::Escape);
    assert_eq!(focused(k), None);
}

#[test]
fn enter_goes_on_and_escape_steps_back() {
    let mut k = kiosk();
    assert_eq!(step(&k), Some(Step::Applicant));
    click(&mut k, "Citizen");
    press(&mut k, egui::Key::Enter);
    assert_eq!(step(&k), Some(Step::Identity), "Enter is the primary Next");

    // In a field, Esc lets go of the field first and loses nothing.
    type_into(&mut k, "Surname", "Серікбаев");
    press(&mut k, egui::Key::Escape);
    assert_eq!(focused(&k), None, "the field let go of the keyboard");
    assert_eq!(step(&k), Some(Step::Identity));
    press(&mut k, egui::Key::Escape);
    assert_eq!(step(&k), Some(Step::Applicant), "Esc is Back");
    press(&mut k, egui::Key::Enter);
    assert_eq!(step(&k), Some(Step::Identity));
    assert!(
        k.h.query_all_by_value("Серікбаев").next().is_some(),
        "going back and on keeps what was typed"
    );
}

#[test]
fn ctrl_shift_x_cancels_the_case_once_confirmed() {
    let mut k = kiosk();
    click(&mut k, "Citizen");
    click(&mut k, "Next");
    type_into(&mut k, "Surname", "Серікбаев");
    leave_fields(&mut k);

    let cancel = |k: &mut Kiosk| {
        k.h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::SHIFT, egui::Key::X);
        settle(&mut k.h);
    };
    cancel(&mut k);
    assert!(
        k.h.query_by_label_contains("Nothing is saved").is_some(),
        "the shortcut asks before it drops anything"
    );
    press(&mut k, egui::Key::Escape);
    assert!(k.h.query_by_label_contains("Nothing is saved").is_none());
    assert_eq!(step(&k), Some(Step::Identity), "Esc keeps the case");
    assert!(k.h.query_all_by_value("Серікбаев").next().is_some());

    cancel(&mut k);
    click(&mut k, "Yes, cancel");
    assert_eq!(step(&k), Some(Step::Applicant));
    assert!(
        k.h.state().desk().is_some_and(|d| !d.has_data()),
        "the next applicant starts from nothing"
    );
}

#[test]
fn tab_follows_the_reading_order_of_the_identity_step() {
    let mut k = kiosk();
    click(&mut k, "Citizen");
    click(&mut k, "Next");
    k.h.get_by_role_and_label(Role::TextInput, "Surname")
        .focus();
    settle(&mut k.h);
    let mut order = vec![focused(&k).unwrap_or_default()];
    for _ in 0..3 {
        press(&mut k, egui::Key::Tab);
        order.push(focused(&k).unwrap_or_default());
    }
    assert_eq!(
        order,
        ["Surname", "Name", "Patronymic (if any)", "Birth date"]
    );
}

/// The controls of the screen shown that have no accessible name.
fn unnamed(k: &Kiosk) -> Vec<String> {
    const CONTROLS: [Role; 9] = [
        Role::Button,
        Role::TextInput,
        Role::PasswordInput,
        Role::CheckBox,
        Role::RadioButton,
        Role::ComboBox,
        Role::Slider,
        Role::SpinButton,
        Role::Link,
    ];
    k.h.query_all_by(|n| CONTROLS.contains(&n.role()))
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_none_or(|l| l.trim().is_empty())
        })
        .map(|n| format!("{:?} at {:?}", n.accesskit_node().role(), n.rect()))
        .collect()
}

#[test]
fn every_control_of_the_desk_and_the_supervisor_has_an_accessible_name() {
    let mut k = kiosk();
    let mut seen = Vec::new();
    let mut check = |k: &Kiosk, screen: &str| {
        for control in unnamed(k) {
            seen.push(format!("{screen}: {control}"));
        }
    };
    check(&k, "applicant");
    common::kiosk::adult_citizen_identity(&mut k, "Серікбаев");
    check(&k, "identity");
    click(&mut k, "Look up in the registries");
    check(&k, "eligibility");
    click(&mut k, "Decide");
    check(&k, "decision");
    click(&mut k, "Continue");
    check(&k, "consent");
    click(&mut k, "Consents");
    assert_eq!(step(&k), Some(Step::Capture));
    check(&k, "capture");
    common::kiosk::capture_all(&mut k);
    check(&k, "capture done");
    click(&mut k, "Continue");
    assert_eq!(step(&k), Some(Step::PersonalData));
    check(&k, "personal data");
    common::kiosk::personal_data_and_save(&mut k);
    check(&k, "done");
    click(&mut k, "Records");
    check(&k, "records");
    click(&mut k, "Back to the desk");
    click(&mut k, "Supervisor");
    for tab in [
        "End of day",
        "Statistics",
        "Audit log",
        "Accounts",
        "Mission",
        "Transfer",
        "Settings",
    ] {
        click(&mut k, tab);
        check(&k, tab);
    }
    assert!(seen.is_empty(), "{}", seen.join("\n"));
}

/// Presses Enter while the step asks for a scan, waiting for each.
fn scan_with_enter(k: &mut Kiosk) {
    for _ in 0..30 {
        if k.h.query_by_label("Scan").is_none() {
            return;
        }
        press(k, egui::Key::Enter);
        common::kiosk::wait_capture(k);
    }
}

/// An adult citizen from the applicant step to the step after consent.
fn to_prints(k: &mut Kiosk) {
    common::kiosk::adult_citizen_identity(k, "Серікбаев");
    for _ in 0..4 {
        press(k, egui::Key::Enter);
    }
}

#[test]
fn enter_scans_at_the_capture_and_at_the_verification() {
    let mut k = kiosk();
    to_prints(&mut k);
    assert_eq!(step(&k), Some(Step::Capture));
    scan_with_enter(&mut k);
    assert_eq!(
        k.h.query_all_by_label_contains(": Accepted").count(),
        10,
        "three slaps taken with Enter"
    );
    press(&mut k, egui::Key::Enter);
    assert_eq!(step(&k), Some(Step::PersonalData));
    common::kiosk::personal_data_and_save(&mut k);
    press(&mut k, egui::Key::Enter);
    assert_eq!(step(&k), Some(Step::Applicant), "Enter: next applicant");

    to_prints(&mut k);
    assert_eq!(step(&k), Some(Step::Verification));
    scan_with_enter(&mut k);
    assert!(
        k.h.query_all_by_label_contains("Identity verified (by fingers)")
            .next()
            .is_some()
    );
}
