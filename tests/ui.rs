//! The kiosk driven headless with egui_kittest: training sign-in, the desk
//! flow's paths without prints, the representation gate, lockout, language
//! switch mid-flow, first-run setup, and the idle lock.

mod common;

use beder::i18n::Lang;
use beder::store::{KdfParams, Mode};
use beder::ui::{AppConfig, BederApp, DEMO_LOGIN, DEMO_PASSWORD};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn config(dir: &std::path::Path, mode: Mode) -> AppConfig {
    let mut config = AppConfig::new(dir.to_path_buf(), mode);
    config.lang = Lang::En;
    config.kdf = KdfParams::insecure_fast_for_tests();
    config.today = Some(common::d("2026-11-25"));
    config
}

fn harness(config: AppConfig) -> Harness<'static, BederApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_| BederApp::new(config))
}

fn settle(h: &mut Harness<'static, BederApp>) {
    for _ in 0..3 {
        h.step();
    }
}

/// Clicks what is labelled `label`, scrolled into view first (as the
/// officer would: a click at a place hidden under the action bar would land
/// on the bar).
fn click(h: &mut Harness<'static, BederApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    settle(h);
    h.get_by_label(label).click();
    settle(h);
}

/// A text field by its label: plain or password.
fn input_role(h: &Harness<'static, BederApp>, label: &str) -> Role {
    if h.query_by_role_and_label(Role::TextInput, label).is_some() {
        Role::TextInput
    } else {
        Role::PasswordInput
    }
}

fn type_into(h: &mut Harness<'static, BederApp>, label: &str, text: &str) {
    let role = input_role(h, label);
    h.get_by_role_and_label(role, label).scroll_to_me();
    settle(h);
    h.get_by_role_and_label(role, label).focus();
    settle(h);
    h.get_by_role_and_label(role, label).type_text(text);
    settle(h);
}

fn sees(h: &Harness<'static, BederApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn signed_in_training() -> (tempfile::TempDir, Harness<'static, BederApp>) {
    let dir = common::ok(tempfile::tempdir());
    let mut h = harness(config(dir.path(), Mode::Training));
    settle(&mut h);
    assert!(sees(&h, "TRAINING"), "the training banner is up");
    assert!(
        sees(&h, DEMO_LOGIN) && sees(&h, DEMO_PASSWORD),
        "the demo login is shown"
    );
    sign_in_demo(&mut h);
    assert!(h.state().officer().is_some(), "signed in");
    (dir, h)
}

/// The training room's demo officer signs in.
fn sign_in_demo(h: &mut Harness<'static, BederApp>) {
    type_into(h, "Login", DEMO_LOGIN);
    type_into(h, "Password", DEMO_PASSWORD);
    click(h, "Sign in");
}

fn identity(h: &mut Harness<'static, BederApp>, surname: &str, birth: &str) {
    type_into(h, "Surname", surname);
    type_into(h, "Name", "Ерлан");
    type_into(h, "Birth date", birth);
    click(h, "Male");
    click(h, "Look up in the registries");
}

#[test]
fn an_adult_citizen_who_refuses() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Citizen");
    click(&mut h, "Passport: first issue");
    click(&mut h, "Next");
    identity(&mut h, "Әбенов", "1985-03-12");
    click(&mut h, "Decide");
    // The decision first, large, with its paragraph.
    assert!(sees(&h, "Fingerprints are collected — п.3.1"));
    click(&mut h, "Continue");
    assert!(sees(
        &h,
        "Do you wish to undergo dactyloscopic registration?"
    ));
    click(&mut h, "Refuses");
    assert!(sees(&h, "The refusal is recorded"));
    let audit = common::ok(
        h.state()
            .office()
            .map(|s| s.audit_entries(50))
            .unwrap_or(Ok(vec![])),
    );
    assert!(audit.iter().any(|e| e.action == "refusal_recorded"));
}

#[test]
fn a_ten_year_old_citizen_is_exempt() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Citizen");
    click(&mut h, "Next");
    identity(&mut h, "Әбенова", "15.01.2016");
    click(&mut h, "Decide");
    assert!(sees(&h, "Exempt from dactyloscopic registration — п.4.1"));
    click(&mut h, "Save the decision");
    assert!(sees(&h, "The decision is recorded"));
}

#[test]
fn a_thirteen_year_old_is_blocked_until_the_representation_is_complete() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Citizen");
    click(&mut h, "Next");
    identity(&mut h, "Әбенов", "2013-06-01");
    click(&mut h, "Decide");
    click(&mut h, "Continue");
    assert!(sees(&h, "Legal representative or guardian (п.8, п.9)"));
    type_into(&mut h, "Surname", "Әбенова");
    type_into(&mut h, "Name", "Гүлнар");
    let number = h.query_all_by_role_and_label(Role::TextInput, "Document number");
    assert_eq!(number.count(), 2, "his document and the authority's");
    fill_nth(&mut h, "Document number", 0, "N9988776");
    fill_nth(&mut h, "Issue date", 0, "01.01.2020");
    type_into(&mut h, "Valid until", "01.01.2030");
    type_into(&mut h, "Issuing authority", "ҚР ІІМ");
    type_into(
        &mut h,
        "Document confirming the authority",
        "Туу туралы куәлік",
    );
    fill_nth(&mut h, "Issue date", 1, "10.06.2013");
    type_into(&mut h, "Issued by", "АХАЖ");
    click(&mut h, "Next");
    // Each missing part is marked at its field (the application's below the
    // fold); the notice under the title says so; nothing moves on.
    assert!(sees(&h, "Some fields need correcting"));
    assert!(sees(&h, "Legal representative or guardian (п.8, п.9)"));
    fill_nth(&mut h, "Document number", 1, "I-АЖ 123");
    // The application is printed before it can be ticked as received (it
    // is signed on paper): ticking first does nothing.
    assert!(sees(&h, "Print the application first"));
    click(&mut h, "Written application (Annex 1) received");
    click(&mut h, "Next");
    assert!(!sees(&h, "Consent (п.5)"), "not received without the print");
    click(&mut h, "Print the application (Annex 1)");
    assert!(
        sees(&h, "Form printed: annex1-kk-"),
        "the form's version is kept with the case"
    );
    // A field changed after the print: the paper no longer says it, so it
    // is printed again.
    type_into(&mut h, "Issued by", " Алматы");
    assert!(sees(&h, "Print the application first"));
    click(&mut h, "Print the application (Annex 1)");
    assert!(sees(&h, "Form printed: annex1-kk-"));
    click(&mut h, "Written application (Annex 1) received");
    click(&mut h, "Next");
    assert!(sees(&h, "Consent (п.5)"));
    assert!(sees(&h, "The child's own consent"));
}

/// Types into the `index`-th text field named `label` (two documents have
/// a "Document number" each).
fn fill_nth(h: &mut Harness<'static, BederApp>, label: &str, index: usize, text: &str) {
    let ids: Vec<_> = h
        .query_all_by_role_and_label(Role::TextInput, label)
        .map(|n| n.accesskit_node().id())
        .collect();
    let id = ids[index];
    h.get_by(|n| n.id() == id).focus();
    settle(h);
    h.get_by(|n| n.id() == id).type_text(text);
    settle(h);
}

#[test]
fn a_diplomatic_courier_without_and_with_a_courier_sheet() {
    for (sheet, expected) in [
        (false, "Fingerprints are collected — п.3.2"),
        (true, "Exempt from dactyloscopic registration — п.4.2"),
    ] {
        let (_dir, mut h) = signed_in_training();
        click(&mut h, "Foreigner");
        click(&mut h, "Next");
        type_into(&mut h, "Identity document number", "C01X00T47");
        identity(&mut h, "Smith", "1975-05-05");
        click(
            &mut h,
            "Reciprocity holds with the applicant's state (п.4.2)",
        );
        click(&mut h, "Diplomatic courier");
        click(&mut h, "Diplomatic");
        if sheet {
            click(&mut h, "Holds a courier sheet");
        }
        click(&mut h, "Decide");
        assert!(sees(&h, expected), "courier sheet {sheet}");
        if !sheet {
            // Why the claimed exemption was refused, before capture.
            assert!(sees(&h, "courier sheet"), "the refusal is explained");
            click(&mut h, "Continue");
            assert!(sees(&h, "Fingerprinting (п.6, п.10)"));
        }
    }
}

#[test]
fn an_electronic_visa_is_not_subject() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Foreigner");
    click(&mut h, "Electronic visa without a visit");
    click(&mut h, "Next");
    type_into(&mut h, "Identity document number", "C01X00T47");
    identity(&mut h, "Smith", "1975-05-05");
    click(&mut h, "Decide");
    assert!(sees(
        &h,
        "Not subject to dactyloscopic registration — п.3.2"
    ));
    click(&mut h, "Save the decision");
    assert!(sees(&h, "The decision is recorded"));
}

#[test]
fn bad_input_gets_a_message_next_to_the_field_and_keeps_what_was_typed() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Citizen");
    click(&mut h, "Next");
    type_into(&mut h, "IIN (if any)", "850312300013");
    type_into(&mut h, "Surname", "Әбенов");
    type_into(&mut h, "Birth date", "12.03.85");
    click(&mut h, "Look up in the registries");
    assert!(sees(&h, "Not a date"));
    assert!(sees(&h, "check digit"));
    assert!(
        sees(&h, "Required"),
        "name and sex are marked at their fields"
    );
    assert!(sees(&h, "Identity (current)"), "still on the identity step");
    let node = h.get_by_role_and_label(Role::TextInput, "Surname");
    assert_eq!(node.value().as_deref(), Some("Әбенов"));
    // A message goes as soon as its field is fixed.
    click(&mut h, "Male");
    type_into(&mut h, "Name", "Ерлан");
    let date = h.get_by_role_and_label(Role::TextInput, "Birth date");
    date.focus();
    settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, "Birth date")
        .type_text("\u{8}\u{8}1985");
    settle(&mut h);
    assert!(!sees(&h, "Required"), "fixed fields lose their message");
}

#[test]
fn a_case_is_cancelled_with_a_confirmation_and_the_next_one_starts_empty() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Citizen");
    click(&mut h, "Next");
    type_into(&mut h, "Surname", "Әбенов");
    click(&mut h, "Cancel this applicant (Ctrl+Shift+X)");
    assert!(sees(&h, "Nothing is saved"));
    click(&mut h, "No, go on");
    let node = h.get_by_role_and_label(Role::TextInput, "Surname");
    assert_eq!(node.value().as_deref(), Some("Әбенов"), "kept");
    click(&mut h, "Cancel this applicant (Ctrl+Shift+X)");
    click(&mut h, "Yes, cancel");
    assert!(sees(&h, "Applicant and service"));
    click(&mut h, "Next");
    let node = h.get_by_role_and_label(Role::TextInput, "Surname");
    assert_eq!(
        node.value().as_deref(),
        Some(""),
        "the next case starts empty"
    );
}

#[test]
fn a_language_switch_mid_flow_keeps_the_data() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Citizen");
    click(&mut h, "Next");
    type_into(&mut h, "Surname", "Әбенов");
    click(&mut h, "Қазақша");
    assert!(sees(&h, "Тегі"), "labels in Kazakh");
    let node = h.get_by_role_and_label(Role::TextInput, "Тегі");
    assert_eq!(node.value().as_deref(), Some("Әбенов"));
    click(&mut h, "Русский");
    assert!(sees(&h, "Фамилия"));
}

#[test]
fn five_failed_sign_ins_lock_the_account() {
    let dir = common::ok(tempfile::tempdir());
    let mut h = harness(config(dir.path(), Mode::Training));
    settle(&mut h);
    // The login stays typed; the password field is emptied after each try.
    type_into(&mut h, "Login", DEMO_LOGIN);
    for _ in 0..5 {
        type_into(&mut h, "Password", "wrong");
        click(&mut h, "Sign in");
    }
    assert!(sees(&h, "locked for 5 minutes"));
    type_into(&mut h, "Password", DEMO_PASSWORD);
    click(&mut h, "Sign in");
    assert!(h.state().officer().is_none(), "still locked");
}

#[test]
fn first_run_setup_then_sign_in() {
    let dir = common::ok(tempfile::tempdir());
    let mut h = harness(config(dir.path(), Mode::Live));
    settle(&mut h);
    assert!(sees(&h, "First run"));
    assert!(!sees(&h, "TRAINING"), "no training banner in live mode");
    type_into(&mut h, "Mission", "Embassy in Berlin");
    type_into(&mut h, "Country", "Germany");
    type_into(&mut h, "City", "Berlin");
    type_into(&mut h, "Surname", "Сейтқали");
    type_into(&mut h, "Name", "Айгүл");
    type_into(&mut h, "Login", "aigul");
    type_into(&mut h, "Password", "desk-password-1");
    type_into(&mut h, "Database passphrase", "mission passphrase");
    type_into(&mut h, "Passphrase again", "mission passphrase");
    click(&mut h, "Create");
    assert!(sees(&h, "Officer sign-in"));
    type_into(&mut h, "Login", "aigul");
    type_into(&mut h, "Password", "desk-password-1");
    click(&mut h, "Sign in");
    assert!(h.state().officer().is_some());
    assert_eq!(
        common::ok(
            h.state()
                .office()
                .map(|s| s.setting("mission"))
                .unwrap_or(Ok(None))
        )
        .as_deref(),
        Some("Embassy in Berlin")
    );
}

#[test]
fn the_idle_lock_hides_the_screen_and_keeps_the_work() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Citizen");
    click(&mut h, "Next");
    type_into(&mut h, "Surname", "Әбенов");
    h.state_mut().lock();
    settle(&mut h);
    assert!(sees(&h, "Screen locked"));
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Surname")
            .is_none(),
        "the work is hidden"
    );
    type_into(&mut h, "Password", DEMO_PASSWORD);
    click(&mut h, "Unlock");
    assert!(!h.state().is_locked());
    let node = h.get_by_role_and_label(Role::TextInput, "Surname");
    assert_eq!(node.value().as_deref(), Some("Әбенов"), "the work is kept");
}

#[test]
fn a_supervisor_manages_accounts_and_mission_settings() {
    let (_dir, mut h) = signed_in_training();
    click(&mut h, "Supervisor");
    assert!(sees(&h, "The supervisor's desk"));
    assert!(sees(&h, "Reviewed: 0 of 0"), "the day's review comes first");
    click(&mut h, "Settings");
    // A bad value (40 typed on to 405) is refused next to its field;
    // nothing is saved.
    let field = h.get_by_role_and_label(Role::TextInput, "Quality threshold (10–90)");
    field.focus();
    settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, "Quality threshold (10–90)")
        .type_text("5");
    settle(&mut h);
    click(&mut h, "Save the settings");
    assert!(sees(&h, "Out of the allowed range"));
    let store = h.state().office().unwrap_or_else(|| panic!("no store"));
    assert_eq!(common::ok(store.setting("quality_threshold")), None);

    // A new officer, then a password reset and a deactivation, all audited.
    click(&mut h, "Accounts");
    type_into(&mut h, "Surname", "Омаров");
    type_into(&mut h, "Name", "Бейбіт");
    type_into(&mut h, "Login", "beibit");
    type_into(&mut h, "Password", "officer-password");
    click(&mut h, "Create the account");
    assert!(sees(&h, "The account is created"));
    click(&mut h, "beibit: Reset password");
    type_into(&mut h, "New password", "new-password-1");
    h.get_by_role_and_label(Role::Button, "Reset password")
        .click();
    settle(&mut h);
    assert!(sees(&h, "The password is reset"));
    // Deactivating is destructive: it asks first, and Cancel keeps the
    // account.
    click(&mut h, "beibit: Deactivate the account");
    assert!(sees(&h, "Deactivate the account beibit?"));
    click(&mut h, "Cancel");
    assert!(!sees(&h, "The account is deactivated"));
    let store = h.state().office().unwrap_or_else(|| panic!("no store"));
    let still = common::ok(store.officers());
    assert!(
        still
            .iter()
            .any(|a| a.officer.login == "beibit" && a.active)
    );
    click(&mut h, "beibit: Deactivate the account");
    h.get_by_role_and_label(Role::Button, "Deactivate the account")
        .click();
    settle(&mut h);
    assert!(sees(&h, "The account is deactivated"));
    let store = h.state().office().unwrap_or_else(|| panic!("no store"));
    let accounts = common::ok(store.officers());
    let beibit = accounts
        .iter()
        .find(|a| a.officer.login == "beibit")
        .unwrap_or_else(|| panic!("no account"));
    assert!(!beibit.active);
    let actions: Vec<String> = common::ok(store.audit_entries(50))
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "officer_created",
        "officer_password_reset",
        "officer_deactivated",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} not audited");
    }
    click(&mut h, "Back to the desk");
    assert!(sees(&h, "Applicant and service"));
}

/// The supervisor sees what waits for the registries; at sign-in, every
/// officer is warned when an item has waited past the threshold.
#[test]
fn the_outbox_is_on_the_supervisors_screen_and_an_old_item_warns_at_sign_in() {
    let dir = common::ok(tempfile::tempdir());
    {
        let mut store = common::ok(beder::enrollment::office::open_training(
            dir.path(),
            KdfParams::insecure_fast_for_tests(),
        ));
        let officer = demo_officer(&store);
        common::ok(store.save_registration(officer, &common::citizen_registration()));
        common::ok(
            store.save_registration(officer, &common::foreigner_registration("Smith", "X1")),
        );
        // The first item was queued 20 days ago.
        let old = (chrono::Utc::now() - chrono::Duration::days(20))
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        common::ok(
            store
                .raw_connection()
                .execute("UPDATE outbox SET queued_at = ?1 WHERE id = 1", [old]),
        );
    }
    let mut h = harness(config(dir.path(), Mode::Training));
    settle(&mut h);
    sign_in_demo(&mut h);
    assert!(
        sees(&h, "has waited 20 days without an answer"),
        "the banner at sign-in"
    );
    click(&mut h, "Supervisor");
    click(&mut h, "Transfer");
    assert!(sees(&h, "Waiting for the registries (outbox)"));
    assert!(sees(&h, "Oldest item not answered"));
    assert!(sees(&h, "(20 days ago)"));
    // One queued item in each registry; nothing exported yet.
    let queued = h.query_all_by_label("1").count();
    assert_eq!(queued, 2, "one queued item per registry");
    assert!(sees(&h, "Last export"));

    // A supervisor raises the threshold to 30 days: the next sign-in is
    // not warned.
    click(&mut h, "Settings");
    let label = "Outbox warning, days (1–90)";
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    settle(&mut h);
    // Select what is there (14) and type over it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text("30");
    settle(&mut h);
    click(&mut h, "Save the settings");
    let store = h.state().office().unwrap_or_else(|| panic!("no store"));
    assert_eq!(
        common::ok(store.setting("outbox_warn_days")).as_deref(),
        Some("30")
    );
    let settings = common::ok(beder::enrollment::MissionSettings::load(store));
    assert_eq!(
        common::ok(beder::enrollment::outbox_overdue(
            store,
            &settings,
            chrono::Utc::now()
        )),
        None
    );
}

/// A registry's rejection reaches the officers: a banner at sign-in, the
/// reason on the supervisor's screen; a correction of the record closes it.
#[test]
fn a_rejection_by_a_registry_is_shown_until_the_record_is_corrected() {
    let dir = common::ok(tempfile::tempdir());
    let (officer, id) = {
        let mut store = common::ok(beder::enrollment::office::open_training(
            dir.path(),
            KdfParams::insecure_fast_for_tests(),
        ));
        let officer = demo_officer(&store);
        let id = common::ok(store.save_registration(officer, &common::citizen_with_images()));
        let media = dir.path().join("stick");
        common::ok(std::fs::create_dir_all(&media));
        common::ok(beder::transfer::export(
            &mut store,
            &media,
            None,
            false,
            chrono::Utc::now(),
        ));
        let tcn = common::ok(store.outbox(None))[0].tcn.clone();
        let mission = common::ok(beder::transfer::mission_key_hex(&store));
        let key_text = common::ok(std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/training-keys/central-demo.key"
        )));
        let ack = beder::transfer::ack::sign(
            &beder::transfer::ack::Acknowledgment {
                mode: "training".into(),
                mission_key: mission,
                issued_at: "2026-12-03T12:00:00Z".into(),
                answers: vec![beder::transfer::ack::Answer {
                    tcn,
                    accepted: false,
                    reason: Some("place of birth missing a district".into()),
                }],
            },
            &common::ok(beder::transfer::signing_key_in(&key_text)),
        );
        common::ok(beder::transfer::apply_acknowledgment(
            &mut store,
            &ack,
            chrono::Utc::now(),
        ));
        (officer, id)
    };
    let mut h = harness(config(dir.path(), Mode::Training));
    settle(&mut h);
    sign_in_demo(&mut h);
    assert!(sees(&h, "The registries rejected one item"));
    click(&mut h, "Supervisor");
    click(&mut h, "Transfer");
    assert!(sees(&h, "Rejected by a registry"));
    assert!(sees(&h, "place of birth missing a district"));
    assert!(sees(&h, &id.to_string()));
    // The officer corrects the record: a new item is queued, the task closes.
    drop(h);
    let mut store = common::ok(beder::enrollment::office::open_training(
        dir.path(),
        KdfParams::insecure_fast_for_tests(),
    ));
    let mut personal = common::citizen_with_images().personal;
    if let beder::model::PersonalData::Citizen(c) = &mut personal {
        c.birth_place = "Алматы қ., Медеу ауданы".into();
    }
    common::ok(store.correct_personal_data(
        officer,
        id,
        &personal,
        &beder::model::ChangeRequest {
            applicant: beder::model::ChangeApplicant::ErroneousDataDiscovered,
            reason: "the registry's rejection".into(),
            on: common::d("2026-11-25"),
            applicant_document: None,
        },
    ));
    assert!(common::ok(store.open_rejections()).is_empty());
}

/// The supervisor exports to a folder on the medium (a progress bar while
/// it runs), makes a backup with its restore instructions beside it, and
/// sees what the retention will purge.
#[test]
fn the_supervisor_exports_with_a_progress_bar_and_makes_a_backup() {
    let dir = common::ok(tempfile::tempdir());
    {
        let mut store = common::ok(beder::enrollment::office::open_training(
            dir.path(),
            KdfParams::insecure_fast_for_tests(),
        ));
        let officer = demo_officer(&store);
        common::ok(store.save_registration(officer, &common::citizen_with_images()));
        common::ok(store.save_registration(officer, &common::foreigner_with_images("Smith", "X1")));
    }
    let media = dir.path().join("stick");
    common::ok(std::fs::create_dir_all(&media));
    let mut h = harness(config(dir.path(), Mode::Training));
    settle(&mut h);
    sign_in_demo(&mut h);
    click(&mut h, "Supervisor");
    click(&mut h, "Transfer");
    assert!(sees(&h, "Due for purge: the images of 0 registrations"));
    // No folder typed: said, nothing exported.
    click(&mut h, "Export");
    assert!(sees(&h, "Type the path first."));
    type_into(&mut h, "Folder on the medium", &media.display().to_string());
    click(&mut h, "Export");
    let mut frames = 0;
    while !sees(&h, "Package written") {
        h.step();
        frames += 1;
        assert!(frames < 500, "the export never finished");
    }
    let packages: Vec<_> = common::ok(std::fs::read_dir(&media))
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "bdrpkg"))
        .collect();
    assert_eq!(packages.len(), 2, "one package per registry");
    let store = h.state().office().unwrap_or_else(|| panic!("no store"));
    assert!(
        common::ok(store.outbox(None))
            .iter()
            .all(|i| i.state == beder::store::OutboxState::Exported)
    );
    // The backup, on the same stick; the instructions to restore it.
    let backup = media.join("beder-backup.db");
    type_into(
        &mut h,
        "Backup file (on the medium)",
        &backup.display().to_string(),
    );
    click(&mut h, "Make a backup");
    assert!(sees(&h, "Backup written"));
    assert!(sees(&h, "To restore: close the kiosk"));
    assert!(
        sees(&h, "as beder-training.db and beder-training.db.key"),
        "the names this kiosk's database has"
    );
    assert!(backup.exists() && beder::store::key_file_path(&backup).exists());
    let store = h.state().office().unwrap_or_else(|| panic!("no store"));
    assert!(
        common::ok(store.audit_entries(20))
            .iter()
            .any(|e| e.action == "backup_made" && e.officer_id.is_some())
    );
}

/// The training room's demo officer's id.
fn demo_officer(store: &beder::store::Store) -> i64 {
    common::ok(store.officers())
        .into_iter()
        .find(|a| a.officer.login == DEMO_LOGIN)
        .map(|a| a.id)
        .unwrap_or_else(|| panic!("no demo officer"))
}

/// The supervisor's desk: the day's cases reviewed and the report printed,
/// the figures of the period, the audit log with its chain and its CSV, an
/// officer unlocked, the mission's details saved.
#[test]
fn the_supervisor_reviews_the_day_reads_the_figures_and_the_log() {
    let dir = common::ok(tempfile::tempdir());
    let locked_login = "locked";
    {
        let mut store = common::ok(beder::enrollment::office::open_training(
            dir.path(),
            KdfParams::insecure_fast_for_tests(),
        ));
        let officer = demo_officer(&store);
        // The fixture's right index was accepted below the threshold.
        common::ok(store.save_registration(officer, &common::citizen_registration()));
        common::ok(store.create_officer(
            Some(officer),
            &beder::store::NewOfficer {
                name: beder::model::FullName {
                    surname: "Омаров".into(),
                    name: "Бейбіт".into(),
                    patronymic: None,
                },
                login: locked_login.into(),
                password: "officer-password".into(),
                role: beder::model::OfficerRole::Officer,
            },
        ));
        for _ in 0..6 {
            let _ = store.authenticate(
                locked_login,
                "wrong",
                chrono::Utc::now(),
                beder::store::LockoutPolicy::default(),
            );
        }
    }
    let mut h = harness(config(dir.path(), Mode::Training));
    settle(&mut h);
    sign_in_demo(&mut h);
    click(&mut h, "Supervisor");
    // The day: one case needing a look, reviewed; the report.
    assert!(sees(&h, "Reviewed: 0 of 1"));
    assert!(sees(&h, "accepted below the threshold"));
    click(&mut h, "C-000001: Mark reviewed");
    assert!(sees(&h, "Reviewed: 1 of 1"));
    assert!(sees(&h, "reviewed by Оқу Қызметкер"));
    click(&mut h, "Print the end-of-day report");
    assert!(
        sees(&h, "the document was saved") || sees(&h, "sent to the printer"),
        "the report is printed or kept"
    );
    // The figures of the period (plots and tables).
    click(&mut h, "Statistics");
    assert!(sees(&h, "Quality of accepted impressions"));
    assert!(sees(&h, "Rates per officer"));
    click(&mut h, "7 days");
    assert!(sees(&h, "Refusals and decisions"));
    // The log: its chain, a filter, the CSV (itself audited).
    click(&mut h, "Audit log");
    assert!(sees(&h, "The log's chain is intact"));
    let csv = dir.path().join("audit.csv");
    type_into(&mut h, "CSV file", &csv.display().to_string());
    click(&mut h, "Export as CSV");
    assert!(sees(&h, "The log was exported"));
    let text = common::ok(std::fs::read_to_string(&csv));
    assert!(text.starts_with("id,at,officer_id,action,registry,record_id"));
    assert!(text.contains("case_reviewed"));
    assert!(!text.contains("Нұрланов"), "no personal data in the log");
    // An officer locked out by failed sign-ins is unlocked.
    click(&mut h, "Accounts");
    assert!(sees(&h, "Locked until"));
    click(&mut h, &format!("{locked_login}: Unlock"));
    assert!(sees(&h, "The account was unlocked"));
    // The mission's details, used in documents and transfers.
    click(&mut h, "Mission");
    type_into(&mut h, "Mission code", "-DE");
    click(&mut h, "Save");
    assert!(sees(&h, "The mission's details were saved"));
    let store = h.state().office().unwrap_or_else(|| panic!("no store"));
    assert_eq!(
        common::ok(store.setting("mission_code")).as_deref(),
        Some("TRAINING-DE")
    );
    let actions: Vec<String> = common::ok(store.audit_entries(40))
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "case_reviewed",
        "document_printed",
        "audit_exported",
        "officer_unlocked",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} not audited");
    }
}
