//! The records screens driven through the real kiosk: search by each key,
//! corrections by a representative and for erroneous data, the archive and
//! its comparison, re-fingerprinting with verification first, and a person
//! with a temporary mark coming back.

mod common;

use beder::enrollment::Step;
use beder::model::{FullName, OfficerRole};
use beder::store::{KdfParams, Mode, NewOfficer, Store};
use beder::ui::{DEMO_LOGIN, DEMO_PASSWORD, TRAINING_PASSPHRASE};
use common::kiosk::{Kiosk, capture_all, click, click_button, sees, start, type_into};
use egui_kittest::kittest::Queryable;

/// The training kiosk over a prepared training database (`seed` fills it),
/// signed in as the demo supervisor.
fn kiosk(persons: &[&str], seed: impl FnOnce(&mut Store, i64)) -> Kiosk {
    let data = common::ok(tempfile::tempdir());
    {
        let mut store = common::ok(Store::create(
            data.path(),
            Mode::Training,
            TRAINING_PASSPHRASE,
            KdfParams::insecure_fast_for_tests(),
        ));
        let officer = common::ok(store.create_officer(
            None,
            &NewOfficer {
                name: FullName {
                    surname: "Оқу".into(),
                    name: "Қызметкер".into(),
                    patronymic: None,
                },
                login: DEMO_LOGIN.into(),
                password: DEMO_PASSWORD.into(),
                role: OfficerRole::Supervisor,
            },
        ));
        seed(&mut store, officer);
    }
    start(data, persons, 5)
}

fn search_by_name(k: &mut Kiosk, surname: &str, name: &str, birth: &str) {
    click(k, "By name and birth date");
    type_into(k, "Surname", surname);
    type_into(k, "Name", name);
    type_into(k, "Birth date", birth);
    click_button(k, "Search");
}

fn store(k: &Kiosk) -> &Store {
    k.h.state().office().unwrap_or_else(|| panic!("no store"))
}

#[test]
fn search_by_each_key_and_open_a_record() {
    let mut k = kiosk(&["01_normal"], |store, officer| {
        common::ok(store.save_registration(officer, &common::citizen_registration()));
        common::ok(store.save_registration(
            officer,
            &common::foreigner_registration("Brown", "GB1234567"),
        ));
    });
    click(&mut k, "Records");
    assert!(sees(&k, "Records: search"));
    // The Russian spelling finds the Kazakh one.
    search_by_name(&mut k, "Нурланов", "Кайрат", "1985-03-12");
    assert!(sees(&k, "Нұрланов Қайрат"));
    click(&mut k, "By IIN");
    type_into(&mut k, "IIN (12 digits)", "850312300012");
    click_button(&mut k, "Search");
    assert!(sees(&k, "Нұрланов Қайрат: Open"));
    click(&mut k, "By document number");
    type_into(&mut k, "Document number", "GB1234567");
    click_button(&mut k, "Search");
    assert!(sees(&k, "Brown John: Open"));
    assert!(!sees(&k, "Нұрланов Қайрат: Open"));
    click(&mut k, "Brown John: Open");
    assert!(sees(&k, "Archive of versions"));
    assert!(sees(&k, "United Kingdom"));
    let audit = common::ok(store(&k).audit_entries(20));
    assert!(
        audit.iter().any(|e| e.action == "record_read"),
        "opening is audited"
    );
}

#[test]
fn a_search_by_name_says_what_its_birth_date_needs() {
    let mut k = kiosk(&["01_normal"], |_, _| {});
    click(&mut k, "Records");
    search_by_name(&mut k, "Нурланов", "", "");
    assert!(
        sees(&k, "Type the birth date"),
        "an empty date is asked for"
    );
    type_into(&mut k, "Birth date", "12-03");
    click_button(&mut k, "Search");
    assert!(
        sees(&k, "write it as DD.MM.YYYY"),
        "a date written otherwise names the form the field's hint shows"
    );
}

fn open_citizen(k: &mut Kiosk) {
    click(k, "Records");
    search_by_name(k, "Нұрланов", "Қайрат", "1985-03-12");
    click(k, "Нұрланов Қайрат: Open");
}

#[test]
fn corrections_by_a_representative_and_for_erroneous_data_archive_every_version() {
    let mut k = kiosk(&["01_normal"], |store, officer| {
        common::ok(store.save_registration(officer, &common::citizen_registration()));
    });
    open_citizen(&mut k);

    // A legal representative applies: blocked without his document.
    click(&mut k, "Correct the data (п.12)");
    click(&mut k, "Legal representative");
    type_into(&mut k, "Reason", "the place of birth is incomplete");
    type_into(&mut k, "Place of birth", " қаласы");
    click(&mut k, "Save the correction");
    assert!(sees(&k, "Some fields need correcting"));
    type_into(&mut k, "Representative's identity document", "N9988776");
    click(&mut k, "Save the correction");
    assert!(sees(&k, "The correction is saved"));

    // Erroneous data discovered by the officer, twice more.
    for addition in [" ауданы", " облысы"] {
        click(&mut k, "Correct the data (п.12)");
        click(&mut k, "Erroneous data discovered");
        type_into(&mut k, "Reason", "checked against the passport");
        type_into(&mut k, "Place of birth", addition);
        click(&mut k, "Save the correction");
        assert!(sees(&k, "The correction is saved"));
    }

    // Three archived versions and the current one, in the officer's words
    // (who applied, why, which officer by name), compared side by side.
    assert_eq!(k.h.query_all_by_label_contains("— archived on").count(), 3);
    assert!(sees(&k, "Version 4"));
    assert!(sees(&k, "officer Оқу Қызметкер"), "the officer by name");
    assert!(!sees(&k, "rows"), "no rows or byte counts");
    click(&mut k, "A: v1");
    click(&mut k, "B: v4");
    assert!(sees(&k, "Алматы қаласы ауданы облысы"));
    assert!(sees(&k, "One field differs."));
    let id =
        k.h.state()
            .office()
            .and_then(|s| {
                s.search(None, &beder::store::LookupQuery::Iin("850312300012".into()))
                    .ok()
            })
            .and_then(|hits| match hits.first().map(|h| h.record) {
                Some(beder::store::FoundRecord::Registration(id)) => Some(id),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no registration"));
    let history = common::ok(store(&k).personal_history(id));
    assert_eq!(history.len(), 4);
    let places: Vec<String> = history
        .iter()
        .map(|v| match &v.personal {
            beder::model::PersonalData::Citizen(c) => c.birth_place.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        places,
        [
            "Алматы",
            "Алматы қаласы",
            "Алматы қаласы ауданы",
            "Алматы қаласы ауданы облысы"
        ]
    );
    let first = history[1]
        .change
        .clone()
        .unwrap_or_else(|| panic!("no change"));
    assert_eq!(first.applicant_document.as_deref(), Some("N9988776"));
}

fn enrol_through_the_desk(k: &mut Kiosk) {
    common::kiosk::to_capture(k, "Normal", "Серікбаев");
    capture_all(k);
    click(k, "Continue");
    common::kiosk::personal_data_and_save(k);
    click(k, "Next applicant");
}

#[test]
fn re_fingerprinting_after_a_verification_replaces_the_ten_fingers() {
    let mut k = kiosk(&["01_normal"], |_, _| {});
    enrol_through_the_desk(&mut k);
    click(&mut k, "Records");
    search_by_name(&mut k, "Серікбаев", "Нұрлан", "1980-04-02");
    click(&mut k, "Серікбаев Нұрлан: Open");
    click(&mut k, "Re-fingerprint (п.13)");
    // The damaged fingers are left out of the verification.
    click(&mut k, "Right index");
    click(&mut k, "Left index");
    click(&mut k, "Next");
    assert!(sees(&k, "Verification round 1"));
    assert!(sees(&k, "Next: Right thumb"));
    capture_all(&mut k);
    assert!(sees(&k, "Identity verified"));
    // п.13: the whole set is retaken, not the two fingers alone.
    type_into(&mut k, "Reason", "both index fingers injured, healed");
    capture_all(&mut k);
    click(&mut k, "Continue");
    assert!(sees(&k, "The new prints are saved"));
    let hits = common::ok(store(&k).search(
        None,
        &beder::store::LookupQuery::NameAndBirthDate {
            surname: "Серікбаев".into(),
            name: "Нұрлан".into(),
            birth_date: common::d("1980-04-02"),
        },
    ));
    let Some(beder::store::FoundRecord::Registration(id)) = hits.first().map(|h| h.record) else {
        panic!("no registration");
    };
    let prints = common::ok(store(&k).biometric_history(id));
    assert_eq!(prints.iter().filter(|p| p.valid_to.is_some()).count(), 10);
    assert_eq!(prints.iter().filter(|p| p.set_version == 2).count(), 10);
    let verifications = common::ok(store(&k).verifications(id));
    assert!(verifications.iter().any(|v| v.verified));
    // The archive names the re-fingerprinting and its reason.
    assert!(sees(&k, "both index fingers injured, healed"));
}

#[test]
fn a_person_with_a_temporary_mark_comes_back_and_is_re_fingerprinted_at_the_desk() {
    let mut k = kiosk(&["01_normal"], |store, officer| {
        common::ok(store.save_registration(officer, &common::palms_only_defect()));
    });
    click(&mut k, "Normal");
    click(&mut k, "Citizen");
    click(&mut k, "Passport: replacement");
    click(&mut k, "Next");
    type_into(&mut k, "Surname", "Нұрланов");
    type_into(&mut k, "Name", "Қайрат");
    type_into(&mut k, "Birth date", "1985-03-12");
    click(&mut k, "Male");
    type_into(&mut k, "Previous passport number", "N 1234567");
    click(&mut k, "Look up in the registries");
    assert!(sees(&k, "Registered before"));
    click(&mut k, "Decide");
    click(&mut k, "Continue");
    click(&mut k, "Consents");
    // No print on record to compare: identity by the documents (п.11).
    assert_eq!(
        k.h.state().desk().map(|d| d.step()),
        Some(Step::Verification)
    );
    assert!(sees(&k, "confirm identity by the documents"));
    type_into(
        &mut k,
        "Document checked (kind and number)",
        "passport N 1234567",
    );
    click(&mut k, "Identity confirmed");
    assert!(sees(&k, "temporary physical-defect mark"));
    click(&mut k, "Re-fingerprint now");
    assert_eq!(k.h.state().desk().map(|d| d.step()), Some(Step::Capture));
    capture_all(&mut k);
    click(&mut k, "Continue");
    type_into(&mut k, "Reason", "the bandages are off");
    click(&mut k, "Save the re-fingerprinting");
    assert!(sees(&k, "re-fingerprinted"));
    let hits =
        common::ok(store(&k).search(None, &beder::store::LookupQuery::Iin("850312300012".into())));
    assert!(
        hits[0].badges.is_empty(),
        "the mark is settled: {:?}",
        hits[0].badges
    );
    assert_eq!(common::ok(store(&k).check()).citizen_registrations, 1);
}

#[test]
fn a_surname_and_birth_date_find_without_the_name_and_decisions_open_like_records() {
    let mut k = kiosk(&["01_normal"], |store, officer| {
        common::ok(store.save_registration(officer, &common::citizen_registration()));
        let person = beder::store::PersonIdentity {
            name: FullName {
                surname: "Нұрланов".into(),
                name: "Ерлан".into(),
                patronymic: None,
            },
            birth_date: common::d("1985-03-12"),
            iin: None,
            document_number: None,
        };
        common::ok(store.record_non_collection(
            officer,
            &beder::store::NonCollection {
                registry: beder::model::Registry::Citizen,
                person,
                outcome: beder::store::NonCollectionOutcome::Exempt,
                grounds: vec!["4.3".into()],
                service: beder::model::Service::Passport(beder::model::PassportService::FirstIssue),
                medical_conclusion: Some(beder::model::MedicalConclusion {
                    number: "ДКК-17".into(),
                    date: common::d("2026-10-01"),
                }),
                reciprocity_category: None,
                reciprocity: false,
                family_member: false,
                passport_kind: Default::default(),
                courier_sheet: false,
                lacks_all_fingers_or_palms: false,
                decided_on: common::d("2026-11-20"),
            },
        ));
    });
    click(&mut k, "Records");
    // The name as spelled elsewhere is unknown: surname and birth date only.
    search_by_name(&mut k, "Нурланов", "", "12.03.1985");
    assert!(sees(&k, "Нұрланов Қайрат: Open"));
    assert!(
        sees(&k, "Нұрланов Ерлан: Open"),
        "the exemption is found too"
    );
    click(&mut k, "Нұрланов Ерлан: Open");
    assert!(sees(&k, "Exempt from dactyloscopic registration — п.4.3"));
    assert!(
        sees(&k, "№ ДКК-17 · 01.10.2026"),
        "its evidence, the date as written"
    );
    assert!(sees(&k, "Оқу Қызметкер"), "who recorded it, by name");
}

/// A record whose images the registry acknowledged and the retention
/// purged: the screen says so, each print says its template is kept, and a
/// correction goes through without a new photo.
#[test]
fn a_purged_record_says_so_and_is_corrected_without_a_new_photo() {
    let mut k = kiosk(&["01_normal"], |store, officer| {
        common::ok(store.save_registration(officer, &common::citizen_registration()));
        let now = chrono::Utc::now();
        let at = now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let items = common::ok(store.outbox(None));
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        common::ok(store.mark_exported(&ids, "P-1", &at));
        let answers: Vec<(String, bool, Option<String>)> =
            items.iter().map(|i| (i.tcn.clone(), true, None)).collect();
        common::ok(store.apply_answers(&answers, &at));
        let purged = common::ok(store.purge_delivered_images(
            30,
            now + chrono::Duration::days(31),
            Some(officer),
        ));
        assert_eq!(purged.registrations, 1);
    });
    open_citizen(&mut k);
    assert!(sees(&k, "were delivered to the registry and purged on"));
    assert!(sees(&k, "Image purged, template kept"));
    click(&mut k, "Correct the data (п.12)");
    assert!(sees(
        &k,
        "The photo was delivered to the registry and purged here"
    ));
    click(&mut k, "Erroneous data discovered");
    type_into(&mut k, "Reason", "checked against the passport");
    type_into(&mut k, "Place of birth", " ауданы");
    click(&mut k, "Save the correction");
    assert!(sees(&k, "The correction is saved"));
    let check = common::ok(store(&k).check());
    assert!(check.healthy(), "{check:?}");
    let raw = store(&k).raw_connection();
    let carried: i64 = common::ok(raw.query_row(
        "SELECT count(*) FROM citizen_personal_data WHERE valid_to IS NULL
           AND photo IS NULL AND photo_purged_at IS NOT NULL",
        [],
        |r| r.get(0),
    ));
    assert_eq!(carried, 1, "the new version says its photo was purged");
}
