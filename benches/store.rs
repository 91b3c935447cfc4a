//! Store benchmarks on a mirror of 1,000,000 registrations:
//! look-up by IIN, by document and by name + birth date, and saving one
//! ten-finger registration with ten 500-ppi PNG images.
//!
//! The mirror is built once (a few minutes) into `target/bench-data/` and
//! reused by later runs. Its registrations carry the full п.7 personal data;
//! to keep the file small they carry a defect mark instead of ten images
//! (look-ups read only the personal-data indexes).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use beder::model::{
    BiometricRecord, CapturedImpression, CitizenPersonalData, DefectMark, FingerPosition,
    ForeignerPersonalData, FullName, IdentityDocument, ImpressionKind, NewRegistration,
    OfficerRole, PassportService, Permanence, PersonalData, Position, RegistrationBasis, Service,
    Sex, Template, VisaApplication,
};
use beder::store::{KdfParams, LookupQuery, Mode, NewOfficer, Store};
use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};

const PERSONS: u64 = 1_000_000;
const PASSPHRASE: &str = "bench passphrase";

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target
        .join("bench-data")
        .join(format!("mirror-{PERSONS}-v1"))
}

const SURNAMES: [&str; 40] = [
    "Абаев",
    "Әбенов",
    "Байжанов",
    "Ғабдуллин",
    "Дәулетов",
    "Ерболов",
    "Жақсылықов",
    "Зейнуллин",
    "Исабеков",
    "Қайратов",
    "Лесбеков",
    "Мұқанов",
    "Нұрланов",
    "Оспанов",
    "Өтебаев",
    "Пернебеков",
    "Рахымов",
    "Сейтқали",
    "Тоқаев",
    "Ұлықбеков",
    "Үсенов",
    "Фазылов",
    "Хасенов",
    "Шәкіров",
    "Smith",
    "Müller",
    "Ivanov",
    "Kim",
    "Nguyen",
    "Garcia",
    "Rossi",
    "Kowalski",
    "Yilmaz",
    "Ahmed",
    "Chen",
    "Silva",
    "Novak",
    "Popescu",
    "Horvath",
    "Jensen",
];
const NAMES: [&str; 30] = [
    "Айгүл",
    "Қайрат",
    "Нұрлан",
    "Әсел",
    "Ерлан",
    "Жанна",
    "Ғалым",
    "Динара",
    "Мадина",
    "Серік",
    "Данияр",
    "Аружан",
    "Бауыржан",
    "Гүлнар",
    "Ержан",
    "Жансая",
    "Ілияс",
    "Мирас",
    "John",
    "Anna",
    "Peter",
    "Maria",
    "Ali",
    "Wei",
    "Lucas",
    "Emma",
    "Omar",
    "Sofia",
    "Ivan",
    "Yuki",
];

/// The i-th synthetic person: name, birth date, IIN, document number.
fn person(i: u64) -> (FullName, NaiveDate, String, String) {
    let h = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let surname = SURNAMES[(h % 40) as usize];
    let name = NAMES[((h >> 8) % 30) as usize];
    let birth = NaiveDate::from_ymd_opt(1940, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new((h >> 16) % 25_000)))
        .unwrap_or_default();
    let iin = iin_for(birth, i);
    (
        FullName {
            surname: format!("{surname}{}", i % 997),
            name: name.into(),
            patronymic: None,
        },
        birth,
        iin,
        format!("N{:08}", i),
    )
}

fn iin_for(birth: NaiveDate, serial: u64) -> String {
    use chrono::Datelike;
    let century = if birth.year() >= 2000 { 5 } else { 3 };
    for s in 0..100 {
        let body = format!(
            "{:02}{:02}{:02}{}{:04}",
            birth.year() % 100,
            birth.month(),
            birth.day(),
            century,
            (serial + s) % 10_000
        );
        let digits: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
        let weighted = |w: &[u32]| digits.iter().zip(w).map(|(d, w)| d * w).sum::<u32>() % 11;
        let mut check = weighted(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        if check == 10 {
            check = weighted(&[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
        }
        if check < 10 {
            return format!("{body}{check}");
        }
    }
    String::new()
}

fn document(number: String, on: NaiveDate) -> IdentityDocument {
    IdentityDocument {
        number,
        issue_date: on,
        expiry_date: on,
        issuing_authority: "Authority".into(),
    }
}

fn registration(i: u64, biometrics: Vec<BiometricRecord>) -> NewRegistration {
    let (name, birth, _, doc) = person(i);
    let on = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let citizen = i % 10 < 7;
    let defect_mark = biometrics.is_empty().then_some(DefectMark {
        fingers: true,
        palms: true,
        permanence: Permanence::Permanent,
    });
    NewRegistration {
        personal: if citizen {
            PersonalData::Citizen(CitizenPersonalData {
                name,
                birth_date: birth,
                birth_place: "Алматы".into(),
                sex: Sex::Male,
                ethnicity: None,
                citizenship: "KAZ".into(),
                photo: None,
                previous_passport: Some(document(doc, on)),
                signature: None,
                iin: None,
            })
        } else {
            PersonalData::Foreigner(ForeignerPersonalData {
                name,
                birth_date: birth,
                sex: Sex::Female,
                citizenship: Some("DEU".into()),
                photo: None,
                identity_document: document(doc, on),
            })
        },
        basis: RegistrationBasis {
            paragraph_number: 3,
            paragraph_sub: if citizen { 1 } else { 2 },
            service: if citizen {
                Service::Passport(PassportService::Replacement)
            } else {
                Service::Visa(VisaApplication::PaperAtMission)
            },
        },
        registered_on: on,
        biometrics,
        representative: None,
        defect_mark,
    }
}

/// IINs are stored raw; the store checks them against birth date and sex, so
/// the mirror stores them through the same path as the desk does.
fn with_iin(mut r: NewRegistration, i: u64) -> NewRegistration {
    let (_, _, iin, _) = person(i);
    if let PersonalData::Citizen(c) = &mut r.personal {
        c.iin = Some(iin);
    }
    r
}

fn open_mirror() -> Store {
    let dir = data_dir();
    if let Ok(store) = Store::open(&dir, Mode::Live, PASSPHRASE) {
        return store;
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "building a mirror of {PERSONS} registrations in {} …",
        dir.display()
    );
    let started = std::time::Instant::now();
    let mut store = Store::create(
        &dir,
        Mode::Live,
        PASSPHRASE,
        KdfParams::insecure_fast_for_tests(),
    )
    .unwrap_or_else(|e| panic!("cannot create the mirror: {e}"));
    let officer = store
        .create_officer(
            None,
            &NewOfficer {
                name: FullName {
                    surname: "Bench".into(),
                    name: "Officer".into(),
                    patronymic: None,
                },
                login: "bench".into(),
                password: "bench-password".into(),
                role: OfficerRole::Officer,
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let batch = 20_000;
    for start in (0..PERSONS).step_by(batch) {
        let registrations: Vec<NewRegistration> = (start..(start + batch as u64).min(PERSONS))
            .map(|i| with_iin(registration(i, Vec::new()), i))
            .collect();
        store
            .save_registrations(officer, &registrations)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    eprintln!("mirror built in {:.0} s", started.elapsed().as_secs_f64());
    store
}

/// A 400×500 8-bit ridge pattern (about 0.8 × 1.0 inch at 500 ppi), PNG.
fn finger_png(seed: u32) -> Vec<u8> {
    let (w, h) = (400u32, 500u32);
    let mut noise = seed.wrapping_mul(2_654_435_761) | 1;
    let img = image::GrayImage::from_fn(w, h, |x, y| {
        noise ^= noise << 13;
        noise ^= noise >> 17;
        noise ^= noise << 5;
        let (dx, dy) = (x as f32 - 200.0, y as f32 - 260.0 + seed as f32);
        let r = (dx * dx + dy * dy * 0.8).sqrt();
        let ridge = (r / 9.0 * std::f32::consts::TAU + dx.atan2(dy) * 2.0).sin();
        let v = 128.0 + 90.0 * ridge + (noise >> 27) as f32 - 16.0;
        image::Luma([v.clamp(0.0, 255.0) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    out.into_inner()
}

fn ten_finger_records() -> Vec<BiometricRecord> {
    FingerPosition::ALL
        .iter()
        .map(|f| BiometricRecord {
            position: Position::Finger(*f),
            impression: ImpressionKind::Flat,
            capture: Some(CapturedImpression {
                png: Some(finger_png(u32::from(f.code()))),
                ppi: 500,
                quality: 70,
                template: Some(Template {
                    format: beder::enrollment::TEMPLATE_FORMAT.into(),
                    data: vec![7u8; 400],
                }),
            }),
            exception: None,
            attempts: 1,
            force_captured: false,
            force_reason: None,
            device_id: Some("BENCH".into()),
            captured_at: None,
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let mut store = open_mirror();
    let officer = 1;
    let mut i = 0u64;
    let mut next = || {
        i = (i + 7919) % PERSONS;
        i
    };
    let mut group = c.benchmark_group("store_1m");
    group.bench_function("lookup_iin", |b| {
        b.iter(|| {
            let mut k = next();
            while k % 10 >= 7 {
                k = next();
            }
            let hits = store
                .lookup(None, &LookupQuery::Iin(person(k).2))
                .unwrap_or_default();
            assert!(!hits.is_empty());
            black_box(hits)
        })
    });
    group.bench_function("lookup_document", |b| {
        b.iter(|| {
            let hits = store
                .lookup(None, &LookupQuery::Document(person(next()).3))
                .unwrap_or_default();
            assert!(!hits.is_empty());
            black_box(hits)
        })
    });
    group.bench_function("lookup_name_birth_date", |b| {
        b.iter(|| {
            let (name, birth, _, _) = person(next());
            let hits = store
                .lookup(
                    None,
                    &LookupQuery::NameAndBirthDate {
                        surname: name.surname.to_uppercase(),
                        name: name.name,
                        birth_date: birth,
                    },
                )
                .unwrap_or_default();
            assert!(!hits.is_empty());
            black_box(hits)
        })
    });
    let records = ten_finger_records();
    let image_bytes: usize = records
        .iter()
        .filter_map(|r| {
            r.capture
                .as_ref()
                .and_then(|c| c.png.as_ref())
                .map(Vec::len)
        })
        .sum();
    eprintln!("ten PNG images: {} KiB in all", image_bytes / 1024);
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(10));
    let mut n = PERSONS;
    group.bench_function("save_ten_finger_registration", |b| {
        b.iter(|| {
            n += 1;
            let r = with_iin(registration(n, records.clone()), n);
            black_box(
                store
                    .save_registration(officer, &r)
                    .unwrap_or_else(|e| panic!("{e}")),
            )
        })
    });
    group.finish();
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);
