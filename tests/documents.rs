//! The printed documents, read back as a person reads them: the PDF's
//! text (poppler's `pdftotext`) holds the case's fields in the language
//! chosen — every Kazakh letter — and the statistics the supervisor sees
//! come from the records.

mod common;

use std::path::Path;
use std::process::Command;

use beder::documents::annex1::{self, Subject};
use beder::documents::day_report;
use beder::documents::print::{Delivered, deliver, file_name};
use beder::documents::receipt::{ReceiptOf, receipt};
use beder::documents::{Mission, full_name};
use beder::i18n::{Lang, Localizer};
use beder::model::{
    AuthorityDocument, FullName, IdentityDocument, Representative, RepresentativeKind,
    WrittenApplication,
};
use beder::store::{Attention, Bucket, Grouping, Mode, Period};
use common::{d, fixture, ok};

fn text_of(pdf: &[u8]) -> String {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("doc.pdf");
    ok(std::fs::write(&path, pdf));
    let out = ok(Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output());
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Spaces as pdftotext lays them out do not count.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn mission() -> Mission {
    Mission {
        name: "Қазақстан Республикасының Бас консулдығы".into(),
        country: "Germany".into(),
        city: "Frankfurt".into(),
        code: "DE-FRA".into(),
    }
}

fn representative(kind: RepresentativeKind) -> Representative {
    Representative {
        kind,
        name: FullName {
            surname: "Әбілқайырова".into(),
            name: "Гүлнұр".into(),
            patronymic: Some("Өмірзаққызы".into()),
        },
        identity_document: IdentityDocument {
            number: "N 0123456".into(),
            issue_date: d("2020-02-03"),
            expiry_date: d("2030-02-02"),
            issuing_authority: "ҚР ІІМ".into(),
        },
        authority_document: AuthorityDocument {
            title: "Туу туралы куәлік".into(),
            number: "I-ҚҒ 778899".into(),
            issue_date: d("2013-05-06"),
            issuing_authority: "АХАЖ Алматы".into(),
        },
        written_application: WrittenApplication {
            received: false,
            date: d("2026-12-03"),
            number: None,
            scan: None,
            printed_form: None,
        },
    }
}

fn child() -> Subject {
    Subject {
        name: FullName {
            surname: "Әбілқайыров".into(),
            name: "Нұрсұлтан".into(),
            patronymic: None,
        },
        birth_date: d("2013-04-30"),
    }
}

#[test]
fn the_annex_1_application_holds_the_case_in_kazakh_and_in_russian() {
    let l = ok(Localizer::new());
    for lang in [Lang::Kk, Lang::Ru] {
        for kind in [
            RepresentativeKind::LegalRepresentative,
            RepresentativeKind::Guardian,
        ] {
            let rep = representative(kind);
            let (pdf, version) = ok(annex1::application(
                &l,
                lang,
                &mission(),
                &rep,
                &child(),
                d("2026-12-03"),
            ));
            assert!(pdf.starts_with(b"%PDF-"));
            let text = squeezed(&text_of(&pdf));
            for field in [
                "Әбілқайырова Гүлнұр Өмірзаққызы",
                "Әбілқайыров Нұрсұлтан",
                "N 0123456",
                "I-ҚҒ 778899",
                "Туу туралы куәлік",
                "АХАЖ",
                "DE-FRA",
                "Frankfurt",
                "03.12.2026",
                "30.04.2013",
                &version,
            ] {
                assert!(
                    text.contains(field),
                    "{lang} {kind:?}: {field:?} missing in {text}"
                );
            }
            let paragraph = if kind == RepresentativeKind::Guardian {
                "п.9"
            } else {
                "п.8"
            };
            assert!(text.contains(paragraph), "{lang}: {paragraph}");
            assert_eq!(version, annex1::form_version(lang));
            assert!(version.starts_with(&format!("annex1-{}-", lang.code())));
        }
    }
    // The form's words are the language's own.
    let kk = squeezed(&text_of(
        &ok(annex1::application(
            &l,
            Lang::Kk,
            &mission(),
            &representative(RepresentativeKind::LegalRepresentative),
            &child(),
            d("2026-12-03"),
        ))
        .0,
    ));
    assert!(kk.contains("ӨТІНІШ"));
    assert_ne!(
        annex1::form_version(Lang::Kk),
        annex1::form_version(Lang::Ru)
    );
}

#[test]
fn the_receipt_says_what_was_collected_and_by_whom() {
    let mut f = fixture(Mode::Training);
    let id = ok(f
        .store
        .save_registration(f.officer, &common::citizen_registration()));
    let registration = ok(f.store.load_registration(f.officer, id));
    let l = ok(Localizer::new());
    let pdf = ok(receipt(
        &l,
        Lang::Ru,
        &mission(),
        ReceiptOf::Registration(&registration),
    ));
    let text = squeezed(&text_of(&pdf));
    for field in [
        &id.to_string(),
        "25.11.2026",
        "Нұрланов Қайрат Серікұлы",
        "пальцев: 9, ладоней: 0",
        "ампутирован",
        "Сейтқали Айгүл Нұрланқызы",
        "DE-FRA",
        "п.3.1",
    ] {
        assert!(
            text.to_lowercase().contains(&field.to_lowercase()),
            "{field:?} missing in {text}"
        );
    }
    assert_eq!(
        full_name(&registration.officer_name),
        "Сейтқали Айгүл Нұрланқызы"
    );
    // Kept as a file where no printer takes it: named by number and date,
    // never by the person.
    // SAFETY of the environment: this test binary sets it for itself only.
    let name = file_name("receipt", &id.to_string(), d("2026-11-25"));
    assert_eq!(name, format!("receipt-{id}-20261125.pdf"));
    let delivered = ok(deliver(&pdf, f.dir.path(), &name));
    if let Delivered::Saved(path) = delivered {
        assert_eq!(ok(std::fs::read(&path)), pdf);
        assert!(path.starts_with(f.dir.path().join("documents")));
    }
}

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
fn the_day_in_figures_and_its_report() {
    let mut f = fixture(Mode::Training);
    let day = d("2026-11-25");
    // Three registrations that day: one with a force-capture (the fixture's
    // right index), one with palms and a defect mark.
    let first = ok(f
        .store
        .save_registration(f.officer, &common::citizen_registration()));
    let mut second = common::foreigner_registration("Müller", "C01X00T47");
    second.registered_on = day;
    ok(f.store.save_registration(f.officer, &second));
    // Fingers bandaged, the palms printed instead (п.10).
    let mut third = common::palms_only_defect();
    third.registered_on = day;
    third.biometrics.push(beder::model::BiometricRecord {
        position: beder::model::Position::Palm(beder::model::PalmPosition::RightFull),
        impression: beder::model::ImpressionKind::Palm,
        capture: Some(beder::model::CapturedImpression {
            png: Some(common::image_bytes(9, 2048)),
            ppi: 500,
            quality: 70,
            template: None,
        }),
        exception: None,
        attempts: 1,
        force_captured: false,
        force_reason: None,
        device_id: None,
        captured_at: None,
    });
    if let Some(mark) = third.defect_mark.as_mut() {
        mark.palms = false;
    }
    ok(f.store.save_registration(f.officer, &third));
    ok(f.store.record_refusal(f.officer, &common::refusal()));
    let period = Period { from: day, to: day };
    let counts = ok(f.store.counts(period, Bucket::Day, Grouping::Registry));
    let registrations: u64 = counts.iter().map(|c| c.registrations).sum();
    assert_eq!(registrations, 3);
    let by_officer = ok(f.store.counts(period, Bucket::Month, Grouping::Officer));
    assert!(by_officer.iter().all(|c| c.group == f.officer.to_string()));
    assert_eq!(by_officer.iter().map(|c| c.registrations).sum::<u64>(), 3);
    let rates = ok(f.store.officer_rates(period));
    assert_eq!(rates.len(), 1);
    assert_eq!(rates[0].registrations, 3);
    assert!(rates[0].with_force_capture >= 1);
    assert_eq!(rates[0].with_defect_mark, 1);
    assert_eq!(rates[0].with_palms, 1);
    let histogram = ok(f.store.quality_histogram(period));
    assert!(histogram.iter().sum::<u64>() >= 9, "{histogram:?}");
    let cases = ok(f.store.day_cases(day));
    assert_eq!(cases.len(), 3);
    let needing: Vec<_> = cases.iter().filter(|c| c.needs_review()).collect();
    assert!(
        needing
            .iter()
            .any(|c| c.attention.contains(&Attention::ForceCaptured))
    );
    assert!(
        needing
            .iter()
            .any(|c| c.attention.contains(&Attention::DefectMark))
    );
    assert!(cases.iter().any(|c| c.number == first.to_string()));
    // A review is recorded once, audited, and shows in the summary.
    let key = needing[0].key.clone();
    assert!(ok(f.store.mark_reviewed(
        f.officer,
        &key,
        chrono::Utc::now()
    )));
    assert!(!ok(f.store.mark_reviewed(
        f.officer,
        &key,
        chrono::Utc::now()
    )));
    let summary = ok(f.store.day_summary(day));
    assert_eq!(summary.registrations, 3);
    assert_eq!(summary.reviewed, 1);
    assert_eq!(summary.needs_review, needing.len() as u64);
    assert!(
        ok(f.store.audit_entries(10))
            .iter()
            .any(|e| e.action == "case_reviewed")
    );
    let l = ok(Localizer::new());
    let cases = ok(f.store.day_cases(day));
    let pdf = ok(day_report::report(
        &l,
        Lang::Kk,
        &mission(),
        day,
        &summary,
        &cases,
        "Сейтқали Айгүл",
    ));
    let text = squeezed(&text_of(&pdf));
    assert!(text.contains("Күн қорытындысы"));
    assert!(text.contains(&first.to_string()));
    assert!(text.contains("қараған: Сейтқали Айгүл"), "{text}");
    // Re-fingerprinting the palms' registration with ten fingers (п.13):
    // the day's sums follow its new set, the count stays.
    let third_id = beder::store::RegistrationId {
        registry: beder::model::Registry::Citizen,
        id: 2,
    };
    ok(f.store.refingerprint(
        f.officer,
        third_id,
        &common::ten_fingers(&[]),
        None,
        &beder::model::ChangeRequest {
            applicant: beder::model::ChangeApplicant::Person,
            reason: "bandages off".into(),
            on: day,
            applicant_document: None,
        },
    ));
    let after = ok(f.store.officer_rates(period));
    assert_eq!(after[0].registrations, 3);
    assert_eq!(after[0].with_palms, 0);
    assert_eq!(after[0].with_defect_mark, 0);
    assert_eq!(
        ok(f.store.quality_histogram(period)).iter().sum::<u64>(),
        histogram.iter().sum::<u64>() + 10 - 1,
        "ten fingers in, one palm out"
    );
}

#[test]
fn pages_look_right_as_pictures() {
    // The first page of each document as a picture (for `docs/` and a
    // person's eye): it renders, at A4's proportions.
    let l = ok(Localizer::new());
    let (pdf, _) = ok(annex1::application(
        &l,
        Lang::Kk,
        &mission(),
        &representative(RepresentativeKind::LegalRepresentative),
        &child(),
        d("2026-12-03"),
    ));
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("a.pdf");
    ok(std::fs::write(&path, &pdf));
    let status = ok(Command::new("pdftoppm")
        .args(["-png", "-r", "40", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .status());
    assert!(status.success());
    let page = std::fs::read_dir(dir.path())
        .ok()
        .and_then(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "png"))
        })
        .unwrap_or_else(|| Path::new("missing").to_path_buf());
    let image = ok(image::open(&page)).to_luma8();
    let (w, h) = image.dimensions();
    assert!((f64::from(h) / f64::from(w) - 842.0 / 595.0).abs() < 0.02);
    // Ink on the page: text was drawn, not .notdef boxes alone.
    let dark = image.pixels().filter(|p| p.0[0] < 128).count();
    assert!(dark > 500, "{dark} dark pixels");
}
