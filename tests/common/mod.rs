//! Fixtures shared by the store tests: sample people, prints and officers.
#![allow(dead_code)]

pub mod desk;
pub mod kiosk;

use beder::model::{
    AuthorityDocument, BiometricRecord, CapturedImpression, CitizenPersonalData, DefectMark,
    EncodedImage, ExceptionReason, FingerPosition, ForeignerPersonalData, FullName,
    IdentityDocument, ImageFormat, ImpressionKind, NewRegistration, OfficerRole, PassportService,
    Permanence, PersonalData, Position, RegistrationBasis, Representative, RepresentativeKind,
    Service, Sex, Template, VisaApplication, WrittenApplication,
};
use beder::store::{KdfParams, Mode, NewOfficer, Store};
use chrono::NaiveDate;

pub const PASSPHRASE: &str = "тест құпия фразасы";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

pub fn ok<T, E: std::fmt::Debug>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("unexpected error: {e:?}"))
}

/// A new store in a fresh temporary directory, with one officer.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub officer: i64,
}

pub fn fixture(mode: Mode) -> Fixture {
    let dir = ok(tempfile::tempdir());
    let mut store = ok(Store::create(
        dir.path(),
        mode,
        PASSPHRASE,
        KdfParams::insecure_fast_for_tests(),
    ));
    let officer = ok(store.create_officer(
        None,
        &NewOfficer {
            name: FullName {
                surname: "Сейтқали".into(),
                name: "Айгүл".into(),
                patronymic: Some("Нұрланқызы".into()),
            },
            login: "aigul".into(),
            password: "desk-password-1".into(),
            role: OfficerRole::Supervisor,
        },
    ));
    Fixture {
        dir,
        store,
        officer,
    }
}

/// Bytes standing in for an encoded image; distinct per `seed`.
pub fn image_bytes(seed: u8, len: usize) -> Vec<u8> {
    let mut x = u32::from(seed).wrapping_mul(2_654_435_761).max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

pub fn ten_fingers(excepted: &[(FingerPosition, ExceptionReason)]) -> Vec<BiometricRecord> {
    FingerPosition::ALL
        .iter()
        .map(|finger| {
            let exception = excepted.iter().find(|(f, _)| f == finger).map(|(_, r)| *r);
            BiometricRecord {
                position: Position::Finger(*finger),
                impression: ImpressionKind::Flat,
                capture: exception.is_none().then(|| CapturedImpression {
                    png: Some(image_bytes(finger.code(), 2048)),
                    ppi: 500,
                    quality: 40 + finger.code() * 5,
                    template: Some(Template {
                        format: beder::enrollment::TEMPLATE_FORMAT.into(),
                        data: image_bytes(100 + finger.code(), 300),
                    }),
                }),
                exception,
                attempts: if finger.code() == 2 { 3 } else { 1 },
                force_captured: finger.code() == 2,
                force_reason: (finger.code() == 2).then_some(beder::model::ForceReason::WornRidges),
                device_id: Some("SIM-0001".into()),
                captured_at: Some(chrono::Utc::now()),
            }
        })
        .collect()
}

pub fn citizen_data(surname: &str, name: &str) -> CitizenPersonalData {
    CitizenPersonalData {
        name: FullName {
            surname: surname.into(),
            name: name.into(),
            patronymic: Some("Серікұлы".into()),
        },
        birth_date: d("1985-03-12"),
        birth_place: "Алматы".into(),
        sex: Sex::Male,
        ethnicity: None,
        citizenship: "KAZ".into(),
        photo: Some(EncodedImage {
            format: ImageFormat::Jpeg,
            bytes: image_bytes(200, 4096),
        }),
        previous_passport: Some(IdentityDocument {
            number: "N 1234567".into(),
            issue_date: d("2016-04-01"),
            expiry_date: d("2026-03-31"),
            issuing_authority: "ҚР ІІМ".into(),
        }),
        signature: Some(EncodedImage {
            format: ImageFormat::Png,
            bytes: image_bytes(201, 512),
        }),
        iin: Some("850312300012".into()),
    }
}

pub fn citizen_registration() -> NewRegistration {
    NewRegistration {
        personal: PersonalData::Citizen(citizen_data("Нұрланов", "Қайрат")),
        basis: RegistrationBasis {
            paragraph_number: 3,
            paragraph_sub: 1,
            service: Service::Passport(PassportService::Replacement),
        },
        registered_on: d("2026-11-25"),
        biometrics: ten_fingers(&[(FingerPosition::LeftRing, ExceptionReason::Amputated)]),
        representative: None,
        defect_mark: None,
    }
}

pub fn foreigner_registration(surname: &str, document: &str) -> NewRegistration {
    NewRegistration {
        personal: PersonalData::Foreigner(ForeignerPersonalData {
            name: FullName {
                surname: surname.into(),
                name: "John".into(),
                patronymic: None,
            },
            birth_date: d("1979-07-30"),
            sex: Sex::Male,
            citizenship: Some("GBR".into()),
            photo: None,
            identity_document: IdentityDocument {
                number: document.into(),
                issue_date: d("2020-01-01"),
                expiry_date: d("2030-01-01"),
                issuing_authority: "HMPO".into(),
            },
        }),
        basis: RegistrationBasis {
            paragraph_number: 3,
            paragraph_sub: 2,
            service: Service::Visa(VisaApplication::PaperAtMission),
        },
        registered_on: d("2026-11-25"),
        biometrics: ten_fingers(&[]),
        representative: Some(Representative {
            kind: RepresentativeKind::Guardian,
            name: FullName {
                surname: "Smith".into(),
                name: "Mary".into(),
                patronymic: None,
            },
            identity_document: IdentityDocument {
                number: "GB998877".into(),
                issue_date: d("2019-05-05"),
                expiry_date: d("2029-05-05"),
                issuing_authority: "HMPO".into(),
            },
            authority_document: AuthorityDocument {
                title: "Court order".into(),
                number: "CO-17/2024".into(),
                issue_date: d("2024-02-02"),
                issuing_authority: "High Court".into(),
            },
            written_application: WrittenApplication {
                received: true,
                date: d("2026-11-25"),
                number: Some("A-1".into()),
                scan: Some(EncodedImage {
                    format: ImageFormat::Png,
                    bytes: image_bytes(77, 1000),
                }),
                printed_form: Some("annex1-kk-00000000".into()),
            },
        }),
        defect_mark: None,
    }
}

pub fn palms_only_defect() -> NewRegistration {
    let mut registration = citizen_registration();
    registration.biometrics = FingerPosition::ALL
        .iter()
        .map(|f| BiometricRecord {
            position: Position::Finger(*f),
            impression: ImpressionKind::Flat,
            capture: None,
            exception: Some(ExceptionReason::Bandaged),
            attempts: 0,
            force_captured: false,
            force_reason: None,
            device_id: None,
            captured_at: None,
        })
        .collect();
    registration.defect_mark = Some(DefectMark {
        fingers: true,
        palms: true,
        permanence: Permanence::Temporary,
    });
    registration
}

/// Simulated persons copied from the shipped training set into a temporary
/// folder, their capture delay set to `delay_ms`.
pub fn simulator_copy(names: &[&str], delay_ms: u64) -> tempfile::TempDir {
    let root = ok(tempfile::tempdir());
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/simulator");
    for name in names {
        let from = shipped.join(name);
        let to = root.path().join(name);
        ok(std::fs::create_dir_all(&to));
        for entry in ok(std::fs::read_dir(&from)).flatten() {
            let file = entry.file_name();
            if file == "scenario.toml" {
                let text = ok(std::fs::read_to_string(entry.path()));
                let text: String = text
                    .lines()
                    .map(|line| {
                        if line.starts_with("capture_delay_ms") {
                            format!("capture_delay_ms = {delay_ms}\n")
                        } else {
                            format!("{line}\n")
                        }
                    })
                    .collect();
                ok(std::fs::write(to.join(&file), text));
            } else {
                ok(std::fs::copy(entry.path(), to.join(&file)));
            }
        }
    }
    root
}

/// A passport-style test photo: a light background and a darker oval.
pub fn photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut img = image::RgbImage::from_pixel(width, height, image::Rgb([235, 235, 230]));
    let (cx, cy) = (width as f32 / 2.0, height as f32 * 0.52);
    let (rx, ry) = (width as f32 * 0.37, height as f32 * 0.37);
    for y in 0..height {
        for x in 0..width {
            let (dx, dy) = ((x as f32 - cx) / rx, (y as f32 - cy) / ry);
            if dx * dx + dy * dy < 1.0 {
                img.put_pixel(x, y, image::Rgb([180, 140, 120]));
            }
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    ok(img.write_to(&mut bytes, image::ImageFormat::Jpeg));
    bytes.into_inner()
}

/// The real binary in English on the data directory `dir`, with the given
/// passphrase in `BEDER_PASSPHRASE` (or none), and no language from the
/// environment.
pub fn beder_cli(
    dir: &std::path::Path,
    passphrase: Option<&str>,
    args: &[&str],
) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_beder"));
    command
        .args(["--lang", "en", "--data-dir"])
        .arg(dir)
        .args(args)
        .env_remove("BEDER_LANG")
        .env_remove("BEDER_PASSPHRASE");
    if let Some(p) = passphrase {
        command.env("BEDER_PASSPHRASE", p);
    }
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run beder: {e}"))
}

/// Exit 0 and the JSON the command printed (its stderr shown otherwise).
pub fn success_json(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ok(serde_json::from_slice(&out.stdout))
}

/// An 8-bit grey PNG of ridges (something WSQ can compress like a print).
pub fn ridges_png(seed: u32, width: u32, height: u32) -> Vec<u8> {
    let period = 9.0 + (seed % 4) as f32;
    let image = image::GrayImage::from_fn(width, height, |x, y| {
        let (x, y) = (x as f32, y as f32);
        let phase = (x * 0.8 + y * 0.6 + 0.002 * x * y) / period * std::f32::consts::TAU;
        image::Luma([(128.0 + 100.0 * phase.sin()) as u8])
    });
    let mut png = std::io::Cursor::new(Vec::new());
    ok(image.write_to(&mut png, image::ImageFormat::Png));
    png.into_inner()
}

pub fn encoded(image: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    ok(image.write_to(&mut out, format));
    out.into_inner()
}

/// A foreigner whose prints are real images (as an export needs them).
pub fn foreigner_with_images(surname: &str, document: &str) -> NewRegistration {
    let mut registration = foreigner_registration(surname, document);
    for record in &mut registration.biometrics {
        if let Some(capture) = record.capture.as_mut() {
            capture.png = Some(ridges_png(u32::from(record.position.code()) + 20, 280, 300));
        }
    }
    registration
}

/// The fixture's citizen with real images: prints, photo, signature.
pub fn citizen_with_images() -> NewRegistration {
    let mut registration = citizen_registration();
    for record in &mut registration.biometrics {
        if let Some(capture) = record.capture.as_mut() {
            capture.png = Some(ridges_png(u32::from(record.position.code()), 300, 320));
        }
    }
    let PersonalData::Citizen(c) = &mut registration.personal else {
        panic!("a citizen");
    };
    c.ethnicity = Some("қазақ".into());
    c.photo = Some(EncodedImage {
        format: ImageFormat::Jpeg,
        bytes: encoded(
            image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
                240,
                320,
                image::Rgb([200, 180, 170]),
            )),
            image::ImageFormat::Jpeg,
        ),
    });
    // A signature: a dark stroke on white, 203 pixels wide (not a multiple
    // of eight: the rows are padded).
    c.signature = Some(EncodedImage {
        format: ImageFormat::Png,
        bytes: encoded(
            image::DynamicImage::ImageLuma8(image::GrayImage::from_fn(203, 60, |x, y| {
                image::Luma([if y == 30 || x == 10 { 0 } else { 255 }])
            })),
            image::ImageFormat::Png,
        ),
    });
    registration
}

/// A citizen's refusal (п.5), as the desk records it.
pub fn refusal() -> beder::store::Refusal {
    beder::store::Refusal {
        person: beder::store::PersonIdentity {
            name: FullName {
                surname: "Ахметов".into(),
                name: "Бауыржан".into(),
                patronymic: None,
            },
            birth_date: d("1990-01-02"),
            iin: None,
            document_number: Some("N 7654321".into()),
        },
        service: Service::Passport(PassportService::FirstIssue),
    }
}
