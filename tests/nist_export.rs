//! `beder nist export`: a registration as the transaction its registry
//! ingests (Beder's profile, docs/nist-profile.md), read back by our own
//! reader and checked record by record against what was saved.

mod common;

use std::collections::BTreeMap;
use std::process::Output;

use beder::interchange::an2::{Record, TaggedRecord, Transaction};
use beder::interchange::wsq;
use beder::model::{
    DefectMark, ExceptionReason, FingerPosition, NewRegistration, PalmPosition, Permanence,
    PersonalData, Position,
};
use beder::store::{Mode, RegistrationId};
use common::*;

fn export(dir: &std::path::Path, args: &[&str]) -> Output {
    beder_cli(dir, Some(PASSPHRASE), args)
}

fn tagged(transaction: &Transaction, record_type: u16) -> Vec<&TaggedRecord> {
    transaction
        .records
        .iter()
        .filter_map(|r| match r {
            Record::Tagged(t) if t.record_type == record_type => Some(t),
            _ => None,
        })
        .collect()
}

fn text(record: &TaggedRecord, number: u32) -> String {
    record.field(number).map(|f| f.text()).unwrap_or_default()
}

/// Saves `registration` in a live store whose mission code is `code`;
/// exports it; returns the transaction read back and the command's JSON.
fn saved_and_exported(
    registration: &NewRegistration,
    code: &str,
) -> (Transaction, serde_json::Value, RegistrationId) {
    let mut f = fixture(Mode::Live);
    ok(f.store
        .save_settings(Some(f.officer), &[("mission_code", code.to_string())]));
    let id = ok(f.store.save_registration(f.officer, registration));
    drop(f.store);
    let dir = f.dir.path().to_path_buf();
    let out = dir.join("registration.an2");
    let number = id.to_string();
    let v = success_json(&export(
        &dir,
        &[
            "nist",
            "export",
            "--registration",
            &number,
            "--out",
            ok(out.to_str().ok_or("path")),
        ],
    ));
    let bytes = ok(std::fs::read(&out));
    assert_eq!(v["bytes"], bytes.len());
    let transaction = ok(Transaction::read(&bytes));
    // What is read is what was written, byte for byte.
    assert_eq!(transaction.write(), bytes);
    // The export is in the audit log.
    let store = ok(beder::store::Store::open(&dir, Mode::Live, PASSPHRASE));
    assert!(
        ok(store.audit_entries(5))
            .iter()
            .any(|e| e.action == "record_exported")
    );
    (transaction, v, id)
}

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
fn a_citizens_registration_travels_whole_with_its_exceptions() {
    let registration = citizen_with_images();
    let (t, v, id) = saved_and_exported(&registration, "kz-ber 01");
    assert_eq!(v["registration"], id.to_string());
    assert_eq!(v["transaction_type"], "REGC");

    // Type-1: version, type, originating and destination agencies, a
    // control number naming the mission and the registration, UTF-8.
    let type1 = tagged(&t, 1)[0];
    assert_eq!(text(type1, 2), "0500");
    assert_eq!(text(type1, 4), "REGC");
    assert_eq!(text(type1, 7), "KZHKTTP");
    assert_eq!(text(type1, 8), "KZ-BER01");
    let tcn = text(type1, 9);
    assert_eq!(v["control_number"], tcn.as_str());
    assert!(tcn.starts_with("KZ-BER01-C"), "{tcn}");
    assert_eq!(text(type1, 15), "3\u{1f}UTF-8");
    assert_eq!(text(type1, 13), "BEDER\u{1f}1");

    // Type-2: the п.7.1 fields as saved.
    let type2 = tagged(&t, 2)[0];
    assert_eq!(text(type2, 3), "CITIZEN");
    assert_eq!(text(type2, 10), "Нұрланов\u{1f}Қайрат\u{1f}Серікұлы");
    assert_eq!(text(type2, 11), "19850312");
    assert_eq!(text(type2, 12), "M");
    assert_eq!(text(type2, 13), "KAZ");
    assert_eq!(text(type2, 14), "Алматы");
    assert_eq!(text(type2, 15), "қазақ");
    assert_eq!(text(type2, 16), "850312300012");
    assert_eq!(
        text(type2, 17),
        "N 1234567\u{1f}20160401\u{1f}20260331\u{1f}ҚР ІІМ"
    );
    assert_eq!(text(type2, 20), "20261125");
    assert_eq!(text(type2, 21), "3.1\u{1f}PASSPORT_REPLACEMENT");
    assert_eq!(text(type2, 22), "Сейтқали\u{1f}Айгүл\u{1f}Нұрланқызы");
    assert_eq!(text(type2, 23), "ORAL");
    assert_eq!(text(type2, 41), "9\u{1f}AMPUTATED");
    assert_eq!(text(type2, 42), "2\u{1f}WORN_RIDGES");
    assert!(type2.field(18).is_none(), "no identity document field");
    assert!(type2.field(30).is_none(), "no representative");

    // Type-14: ten fingers, nine images in WSQ, the amputated one as AMP XX
    // without an image.
    let fingers = tagged(&t, 14);
    assert_eq!(fingers.len(), 10);
    let by_fgp: BTreeMap<u8, &TaggedRecord> = fingers
        .iter()
        .map(|r| (ok(text(r, 13).parse::<u8>()), *r))
        .collect();
    assert_eq!(
        by_fgp.keys().copied().collect::<Vec<_>>(),
        (1..=10).collect::<Vec<_>>()
    );
    let amputated = by_fgp[&FingerPosition::LeftRing.code()];
    assert_eq!(text(amputated, 18), "9\u{1f}XX");
    assert!(amputated.image().is_none());
    for record in &registration.biometrics {
        let Some(capture) = &record.capture else {
            continue;
        };
        let r = by_fgp[&record.position.code()];
        assert_eq!(text(r, 3), "0", "live-scan plain");
        assert_eq!(text(r, 11), "WSQ20");
        assert_eq!(text(r, 9), "500");
        assert_eq!((text(r, 6), text(r, 7)), ("300".into(), "320".into()));
        let fgp = record.position.code();
        assert_eq!(text(r, 22), format!("{fgp}\u{1f}254"));
        assert_eq!(
            text(r, 24),
            format!("{fgp}\u{1f}{}\u{1f}0000\u{1f}1", capture.quality)
        );
        // The image is the print, compressed: within a few grey levels on
        // average, at about 0.75 bit per pixel.
        let data = ok(r.image().ok_or("image"));
        let decoded = ok(wsq::decode(data));
        let original = ok(image::load_from_memory(ok(capture
            .png
            .as_deref()
            .ok_or("image"))))
        .to_luma8();
        assert_eq!((decoded.width, decoded.height), original.dimensions());
        let mean_error = decoded
            .pixels
            .iter()
            .zip(original.as_raw())
            .map(|(a, b)| f64::from(a.abs_diff(*b)))
            .sum::<f64>()
            / decoded.pixels.len() as f64;
        assert!(mean_error < 6.0, "mean error {mean_error}");
        let bpp = data.len() as f64 * 8.0 / (300.0 * 320.0);
        assert!((0.5..1.0).contains(&bpp), "{bpp} bits per pixel");
    }

    // Type-99: each captured finger's template, byte for byte, with the
    // IDC of its Type-14 image.
    let templates = tagged(&t, 99);
    assert_eq!(templates.len(), 9);
    for template in templates {
        let image = ok(fingers
            .iter()
            .find(|r| text(r, 2) == text(template, 2))
            .ok_or("a Type-14 with the same IDC"));
        let fgp: u8 = ok(text(image, 13).parse());
        let saved = ok(registration
            .biometrics
            .iter()
            .find(|b| b.position.code() == fgp)
            .and_then(|b| b.capture.as_ref()?.template.as_ref())
            .ok_or("saved template"));
        assert_eq!(template.image(), Some(saved.data.as_slice()));
        assert_eq!(text(template, 103), "0101");
    }

    // Type-10: the photograph as taken; Type-8: the signature, 1 bit a pixel.
    let photo = tagged(&t, 10)[0];
    assert_eq!(text(photo, 3), "FACE");
    assert_eq!(
        (text(photo, 6), text(photo, 7)),
        ("240".into(), "320".into())
    );
    assert_eq!(text(photo, 11), "JPEGB");
    let PersonalData::Citizen(c) = &registration.personal else {
        panic!("a citizen");
    };
    assert_eq!(photo.image(), c.photo.as_ref().map(|p| p.bytes.as_slice()));
    let signature = ok(t
        .records
        .iter()
        .find_map(|r| match r {
            Record::Binary(b) if b.record_type == 8 => Some(b),
            _ => None,
        })
        .ok_or("Type-8"));
    let fields: BTreeMap<u32, u64> = signature.header_fields().into_iter().collect();
    assert_eq!((fields[&6], fields[&7]), (203, 60));
    assert_eq!(signature.data.len(), 26 * 60);
    // Row 30 is ink from end to end; row 0 only at x = 10.
    assert!(
        signature.data[30 * 26..30 * 26 + 25]
            .iter()
            .all(|b| *b == 0xFF)
    );
    assert_eq!(&signature.data[0..3], &[0x00, 0x20, 0x00]);

    // The content field lists every record after the Type-1.
    assert_eq!(
        type1.field(3).map(|f| f.subfields()[0].clone()),
        Some(vec!["1".to_string(), (t.records.len() - 1).to_string()])
    );
}

#[test]
fn a_foreigner_with_a_guardian_and_palms_instead_of_fingers() {
    let mut registration = foreigner_registration("Smith", "X1234567");
    let PersonalData::Foreigner(f) = &mut registration.personal else {
        panic!("a foreigner");
    };
    f.citizenship = None;
    // п.10: no finger can be printed; the palms are, one of them bandaged.
    for record in &mut registration.biometrics {
        record.capture = None;
        record.exception = Some(ExceptionReason::Injured);
        record.force_captured = false;
    }
    let mut palm = registration.biometrics[0].clone();
    palm.position = Position::Palm(PalmPosition::RightFull);
    palm.impression = beder::model::ImpressionKind::Palm;
    palm.exception = None;
    palm.capture = Some(beder::model::CapturedImpression {
        png: Some(ridges_png(21, 600, 700)),
        ppi: 500,
        quality: 61,
        template: None,
    });
    let mut left = palm.clone();
    left.position = Position::Palm(PalmPosition::LeftFull);
    left.capture = None;
    left.exception = Some(ExceptionReason::Bandaged);
    registration.biometrics.extend([palm, left]);
    registration.defect_mark = Some(DefectMark {
        fingers: true,
        palms: false,
        permanence: Permanence::Temporary,
    });
    let (t, v, _) = saved_and_exported(&registration, "LON");
    assert_eq!(v["transaction_type"], "REGF");
    let type1 = tagged(&t, 1)[0];
    assert_eq!(text(type1, 7), "KZBURKIT");
    let type2 = tagged(&t, 2)[0];
    assert_eq!(text(type2, 3), "FOREIGNER");
    assert_eq!(text(type2, 13), "XXA", "stateless (ICAO)");
    assert_eq!(
        text(type2, 18),
        "X1234567\u{1f}20200101\u{1f}20300101\u{1f}HMPO"
    );
    assert!(
        type2.field(14).is_none(),
        "no place of birth for foreigners"
    );
    assert!(
        type2.field(23).is_none(),
        "no consent asked of a visa applicant"
    );
    assert_eq!(text(type2, 30), "GUARDIAN\u{1f}Smith\u{1f}Mary\u{1f}");
    assert_eq!(
        text(type2, 32),
        "Court order\u{1f}CO-17/2024\u{1f}20240202\u{1f}High Court"
    );
    assert_eq!(text(type2, 33), "20261125\u{1f}A-1");
    assert_eq!(text(type2, 40), "Y\u{1f}N\u{1f}TEMPORARY");
    // Ten fingers unable to print, each UP; the palms as Type-15.
    let fingers = tagged(&t, 14);
    assert_eq!(fingers.len(), 10);
    assert!(fingers.iter().all(|r| text(r, 18).ends_with("\u{1f}UP")));
    assert!(tagged(&t, 99).is_empty());
    assert!(tagged(&t, 10).is_empty(), "no photo was taken");
    let palms = tagged(&t, 15);
    assert_eq!(palms.len(), 2);
    assert_eq!(text(palms[0], 3), "10");
    assert_eq!(text(palms[0], 13), "21");
    assert_eq!(text(palms[0], 11), "WSQ20");
    assert_eq!(text(palms[0], 24), "21\u{1f}61\u{1f}0000\u{1f}1");
    assert_eq!(text(palms[1], 13), "23");
    assert_eq!(text(palms[1], 18), "23\u{1f}UP");
}

#[test]
fn export_refuses_what_it_cannot_name() {
    let mut f = fixture(Mode::Live);
    let id = ok(f.store.save_registration(f.officer, &citizen_with_images()));
    drop(f.store);
    let dir = f.dir.path();
    let out = dir.join("x.an2");
    let out = ok(out.to_str().ok_or("path"));
    // No mission code: no originating agency.
    let r = export(
        dir,
        &[
            "nist",
            "export",
            "--registration",
            &id.to_string(),
            "--out",
            out,
        ],
    );
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("ORI"));
    assert!(!std::path::Path::new(out).exists());
    // A registration that is not there; a number that is not one.
    for bad in ["C-999", "Z-1"] {
        let r = export(
            dir,
            &["nist", "export", "--registration", bad, "--out", out],
        );
        assert_ne!(r.status.code(), Some(0), "{bad}");
        assert_eq!(String::from_utf8_lossy(&r.stderr).lines().count(), 1);
    }
}

#[test]
fn the_training_room_exports_a_training_transaction() {
    let mut f = fixture(Mode::Training);
    ok(f.store
        .save_settings(Some(f.officer), &[("mission_code", "TRAINING".to_string())]));
    let id = ok(f.store.save_registration(f.officer, &citizen_with_images()));
    drop(f.store);
    let dir = f.dir.path();
    let out = dir.join("t.an2");
    let r = beder_cli(
        dir,
        Some(PASSPHRASE),
        &[
            "--training",
            "nist",
            "export",
            "--registration",
            &id.to_string(),
            "--out",
            ok(out.to_str().ok_or("path")),
        ],
    );
    let v = success_json(&r);
    assert_eq!(v["transaction_type"], "TRNG");
    let t = ok(Transaction::read(&ok(std::fs::read(&out))));
    assert_eq!(text(tagged(&t, 1)[0], 4), "TRNG");
    assert_eq!(text(tagged(&t, 1)[0], 8), "TRAINING");
}

#[test]
fn a_template_stored_before_iso_directions_goes_out_in_them() {
    // A row written before 2026-12-04: MINDTCT's directions (half a turn
    // from ISO's) under the old format name. The registry must receive
    // ISO's directions; a current row goes byte for byte.
    use beder::biometrics::iso::{LEGACY_STORED_FORMAT, decode, encode_2011};
    use beder::biometrics::template::{FingerTemplate, Minutia, MinutiaKind};
    let stored = |angle: u8| FingerTemplate {
        width: 300,
        height: 320,
        ppi: 500,
        position: Some(FingerPosition::RightThumb),
        impression: beder::model::ImpressionKind::Flat,
        quality: 70,
        minutiae: (0..12u16)
            .map(|i| Minutia {
                x: 20 + i * 20,
                y: 30 + i * 20,
                angle: angle.wrapping_add(i as u8 * 10),
                kind: MinutiaKind::Bifurcation,
                quality: 50,
            })
            .collect(),
    };
    let mut registration = citizen_with_images();
    let mut current = Vec::new();
    for record in &mut registration.biometrics {
        let Some(template) = record.capture.as_mut().and_then(|c| c.template.as_mut()) else {
            continue;
        };
        if record.position == Position::Finger(FingerPosition::RightThumb) {
            template.format = LEGACY_STORED_FORMAT.into();
            template.data = ok(encode_2011(&[stored(3)]));
        } else {
            current.push(template.data.clone());
        }
    }
    let (t, _, _) = saved_and_exported(&registration, "kz-ber 01");
    let templates = tagged(&t, 99);
    assert_eq!(templates.len(), 9);
    let mut sent_as_stored = 0;
    for template in templates {
        let data = ok(template.image().ok_or("a data block"));
        if current.iter().any(|c| c.as_slice() == data) {
            sent_as_stored += 1;
            continue;
        }
        let sent = ok(decode(data));
        assert_eq!(sent[0].position, Some(FingerPosition::RightThumb));
        assert_eq!(sent[0].minutiae, stored(3 + 128).minutiae);
    }
    assert_eq!(sent_as_stored, 8);
}
