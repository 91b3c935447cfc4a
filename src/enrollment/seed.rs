//! A populated training registry: synthetic persons enrolled into the
//! training database through the same store functions as the desk, so
//! that trainees practise look-up, verification, duplicates and transfer
//! on more than an empty room. Person `k` has the fingers of the
//! simulator's `person_{k+1}` written by `beder synth --seed S`, so a
//! trainee who captures that simulated person meets his record.
//!
//! Never the live database: [`seed_training`] refuses it.

use super::books::Books;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use image::{GrayImage, Luma, Rgb, RgbImage};
use serde::Serialize;

use super::capture::process_image;
use crate::biometrics::synth::{self, ImpressionParams, Rng};
use crate::model::{
    AuthorityDocument, BiometricRecord, CapturedImpression, ChangeApplicant, ChangeRequest,
    CitizenPersonalData, DefectMark, EncodedImage, ExceptionReason, FingerPosition,
    ForeignerPersonalData, FullName, IdentityDocument, ImageFormat, ImpressionKind,
    NewRegistration, PalmPosition, PassportService, Permanence, PersonalData, Position,
    RegistrationBasis, Representative, RepresentativeKind, Service, Sex, VisaApplication,
    WrittenApplication,
};
use crate::regulation::validate_iin;
use crate::scanner::{CapturedImage, finger_seed};
use crate::store::{Mode, StoreError};

/// The most persons one seeding enrols.
pub const MAX_PERSONS: usize = 5000;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("only the training database is seeded")]
    LiveDatabase,
    #[error("between 1 and {MAX_PERSONS} persons can be seeded")]
    Count,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What was enrolled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SeedReport {
    /// Children under 12 decided exempt (п.4.1), and citizens who refused
    /// (п.5): decisions without prints, for the supervisor's figures.
    pub exempt: usize,
    pub refusals: usize,
    pub citizens: usize,
    pub foreigners: usize,
    pub stateless: usize,
    pub with_exceptions: usize,
    pub palms_only: usize,
    pub with_representative: usize,
    pub corrected: usize,
    pub refingerprinted: usize,
}

const DEVICE: &str = "SEED-SYNTH";

const KZ_SURNAMES: [&str; 8] = [
    "Абенов",
    "Серікбаев",
    "Жұмабекова",
    "Нұрланов",
    "Омарова",
    "Қасымов",
    "Төлеуова",
    "Бекмұхамбетов",
];
const KZ_NAMES: [&str; 8] = [
    "Арман",
    "Дана",
    "Айгерім",
    "Ерлан",
    "Мадина",
    "Нұрсұлтан",
    "Аружан",
    "Тимур",
];
const FOREIGN_SURNAMES: [&str; 8] = [
    "Smith", "Müller", "Rossi", "Nowak", "García", "Kim", "Dubois", "Yilmaz",
];
const FOREIGN_NAMES: [&str; 8] = [
    "John", "Anna", "Marco", "Ewa", "Lucía", "Min-jun", "Claire", "Emre",
];
const COUNTRIES: [&str; 8] = ["GBR", "DEU", "ITA", "POL", "ESP", "KOR", "FRA", "TUR"];

/// A valid IIN for a birth date and sex (the first serial whose check digit
/// exists).
fn iin_for(birth: NaiveDate, sex: Sex, serial: u32) -> Option<String> {
    let century = match (birth.format("%Y").to_string().get(..2)?, sex) {
        ("19", Sex::Male) => 3,
        ("19", Sex::Female) => 4,
        (_, Sex::Male) => 5,
        (_, Sex::Female) => 6,
    };
    (0..100).find_map(|k| {
        let text = format!(
            "{}{century}{:04}0",
            birth.format("%y%m%d"),
            (serial * 7 + k) % 10_000
        );
        // The last digit is the check digit: try each.
        (0..10).find_map(|d| {
            let candidate = format!("{}{d}", &text[..11]);
            validate_iin(&candidate).valid.then_some(candidate)
        })
    })
}

fn png(image: &GrayImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing to memory does not fail.
    let _ = image.write_to(&mut out, image::ImageFormat::Png);
    out.into_inner()
}

/// A plain photograph: a light background and a darker oval where the face
/// is (nothing of a real person).
fn photo(k: u64) -> EncodedImage {
    let tone = 120 + (k * 17 % 80) as u8;
    let image = RgbImage::from_fn(240, 320, |x, y| {
        let (dx, dy) = ((x as f32 - 120.0) / 80.0, (y as f32 - 150.0) / 110.0);
        if dx * dx + dy * dy < 1.0 {
            Rgb([tone, tone - 20, tone - 35])
        } else {
            Rgb([235, 238, 240])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    let _ = image.write_to(&mut out, image::ImageFormat::Jpeg);
    EncodedImage {
        format: ImageFormat::Jpeg,
        bytes: out.into_inner(),
    }
}

fn signature(k: u64) -> EncodedImage {
    let image = GrayImage::from_fn(300, 80, |x, y| {
        let curve = 40.0 + 18.0 * ((x as f32 / 23.0) + k as f32).sin();
        Luma([if (y as f32 - curve).abs() < 2.0 && x > 20 && x < 280 {
            0
        } else {
            255
        }])
    });
    EncodedImage {
        format: ImageFormat::Png,
        bytes: png(&image),
    }
}

/// One captured position, processed as the desk processes a scan.
fn captured(position: Position, image: GrayImage, at: DateTime<Utc>) -> BiometricRecord {
    let kind = match position {
        Position::Finger(_) => ImpressionKind::Flat,
        Position::Palm(_) => ImpressionKind::Palm,
    };
    let impression = process_image(
        &CapturedImage {
            position,
            image,
            ppi: 500,
            device_quality: None,
        },
        kind,
        DEVICE,
        at,
    );
    let template = impression.stored_template();
    BiometricRecord {
        position,
        impression: kind,
        capture: Some(CapturedImpression {
            png: Some(impression.png),
            ppi: 500,
            quality: impression.quality,
            template,
        }),
        exception: None,
        attempts: 1,
        force_captured: false,
        force_reason: None,
        device_id: Some(DEVICE.into()),
        captured_at: Some(at),
    }
}

fn excepted(position: Position, reason: ExceptionReason) -> BiometricRecord {
    BiometricRecord {
        position,
        impression: match position {
            Position::Finger(_) => ImpressionKind::Flat,
            Position::Palm(_) => ImpressionKind::Palm,
        },
        capture: None,
        exception: Some(reason),
        attempts: 0,
        force_captured: false,
        force_reason: None,
        device_id: None,
        captured_at: None,
    }
}

/// Person `k`'s finger, impression `n` (1 = the one the simulator serves
/// first).
fn finger_image(seed: u64, k: u64, finger: FingerPosition, n: u64) -> GrayImage {
    let fseed = finger_seed(seed, k, finger.code());
    let master = synth::master_print(fseed);
    let mut rng = Rng::derive(fseed, 7);
    let mut params = ImpressionParams::ordinary(&mut rng);
    for _ in 1..n {
        params = ImpressionParams::ordinary(&mut rng);
    }
    synth::impression(&master, &params, fseed ^ n)
}

/// The biometric part of person `k`: ten fingers (some excepted), or —
/// every seventh person — palms instead of fingers (п.10).
fn biometric_set(
    seed: u64,
    k: u64,
    impression: u64,
    at: DateTime<Utc>,
) -> (Vec<BiometricRecord>, Option<DefectMark>) {
    if k % 7 == 4 {
        let mut records: Vec<BiometricRecord> = FingerPosition::ALL
            .into_iter()
            .map(|f| excepted(Position::Finger(f), ExceptionReason::Injured))
            .collect();
        let pseed = finger_seed(seed, k, 21);
        records.push(captured(
            Position::Palm(PalmPosition::RightFull),
            synth::palm_print(pseed, true),
            at,
        ));
        records.push(captured(
            Position::Palm(PalmPosition::LeftFull),
            synth::palm_print(pseed ^ 1, false),
            at,
        ));
        let mark = DefectMark {
            fingers: true,
            palms: false,
            permanence: Permanence::Temporary,
        };
        return (records, Some(mark));
    }
    let record = |f: FingerPosition| {
        let position = Position::Finger(f);
        match (k % 5, f) {
            (1, FingerPosition::LeftRing) => excepted(position, ExceptionReason::Amputated),
            (3, FingerPosition::RightIndex) => excepted(position, ExceptionReason::Bandaged),
            _ => captured(position, finger_image(seed, k, f, impression), at),
        }
    };
    // Two workers (the kiosk's machines have two cores); the fingers are
    // independent, and each half comes back in finger order.
    let (right, left) = FingerPosition::ALL.split_at(5);
    let records = std::thread::scope(|scope| {
        let worker = scope.spawn(|| left.iter().map(|f| record(*f)).collect::<Vec<_>>());
        let mut records: Vec<BiometricRecord> = right.iter().map(|f| record(*f)).collect();
        match worker.join() {
            Ok(mut rest) => records.append(&mut rest),
            // A panic in the worker is a bug; the left hand is made here.
            Err(_) => records.extend(left.iter().map(|f| record(*f))),
        }
        records
    });
    (records, None)
}

fn request(on: NaiveDate, reason: &str) -> ChangeRequest {
    ChangeRequest {
        applicant: ChangeApplicant::Person,
        reason: reason.into(),
        on,
        applicant_document: None,
    }
}

/// Enrols `persons` synthetic persons into the training database, the
/// same `seed` giving the same persons; returns what was enrolled.
#[expect(
    clippy::too_many_lines,
    reason = "the training room's script: each kind of case a few lines, in the order a trainer reads them"
)]
pub fn seed_training(
    books: &mut impl Books,
    officer: i64,
    persons: usize,
    seed: u64,
    today: NaiveDate,
) -> Result<SeedReport, SeedError> {
    let store = books.store_mut();
    if store.mode() != Mode::Training {
        return Err(SeedError::LiveDatabase);
    }
    if persons == 0 || persons > MAX_PERSONS {
        return Err(SeedError::Count);
    }
    let mut report = SeedReport::default();
    let at = Utc::now();
    // The supervisor's figures compare officers: the seeded work is shared
    // with two training officers (made once; their password is the demo
    // officer's, as everything in the training room is public).
    let mut desk_officers = vec![officer];
    for (login, surname, name) in [
        ("officer2", "Серікова", "Дана"),
        ("officer3", "Тоқтаров", "Ерлан"),
    ] {
        let existing = store
            .officers()?
            .into_iter()
            .find(|o| o.officer.login.eq_ignore_ascii_case(login))
            .map(|o| o.id);
        let id = match existing {
            Some(id) => id,
            None => store.create_officer(
                Some(officer),
                &crate::store::NewOfficer {
                    name: FullName {
                        surname: surname.into(),
                        name: name.into(),
                        patronymic: None,
                    },
                    login: login.into(),
                    password: crate::ui::DEMO_PASSWORD.into(),
                    role: crate::model::OfficerRole::Officer,
                },
            )?,
        };
        desk_officers.push(id);
    }
    for k in 0..persons as u64 {
        let officer = desk_officers[(k % 3) as usize];
        let i = (k % 8) as usize;
        let j = ((k / 8 + k) % 8) as usize;
        let sex = if k % 2 == 0 { Sex::Male } else { Sex::Female };
        let citizen = k % 3 != 1;
        // Every tenth citizen is a child of 14 with a legal representative
        // (п.8).
        let child = citizen && k % 10 == 6;
        let birth = if child {
            today - Duration::days(14 * 365 + 40)
        } else {
            NaiveDate::from_ymd_opt(
                1950 + (k * 7 % 55) as i32,
                1 + (k % 12) as u32,
                1 + (k * 3 % 28) as u32,
            )
            .unwrap_or(today)
        };
        // Four months of work, for the figures per day, week and month.
        let registered_on = today - Duration::days((k * 7 % 120) as i64);
        let (biometrics, defect_mark) = biometric_set(seed, k, 1, at);
        if biometrics.iter().any(|b| b.exception.is_some()) {
            if defect_mark.is_some() {
                report.palms_only += 1;
            } else {
                report.with_exceptions += 1;
            }
        }
        let issue = registered_on - Duration::days(400);
        let document = |number: String, authority: &str| IdentityDocument {
            number,
            issue_date: issue,
            expiry_date: issue + Duration::days(3652),
            issuing_authority: authority.into(),
        };
        let (personal, basis) = if citizen {
            report.citizens += 1;
            let name = FullName {
                surname: KZ_SURNAMES[i].into(),
                name: KZ_NAMES[j].into(),
                patronymic: (k % 4 != 3).then(|| "Серікұлы".into()),
            };
            let personal = PersonalData::Citizen(CitizenPersonalData {
                name,
                birth_date: birth,
                birth_place: "Алматы".into(),
                sex,
                ethnicity: (k % 2 == 0).then(|| "қазақ".into()),
                citizenship: "KAZ".into(),
                photo: Some(photo(k)),
                previous_passport: (k % 4 != 0)
                    .then(|| document(format!("N{:08}", 10_000_000 + k), "ҚР ІІМ")),
                signature: Some(signature(k)),
                iin: iin_for(birth, sex, k as u32),
            });
            let service = match k % 3 {
                0 => PassportService::FirstIssue,
                1 => PassportService::Restoration,
                _ => PassportService::Replacement,
            };
            (
                personal,
                RegistrationBasis {
                    paragraph_number: 3,
                    paragraph_sub: 1,
                    service: Service::Passport(service),
                },
            )
        } else {
            let stateless = k % 6 == 4;
            if stateless {
                report.stateless += 1;
            } else {
                report.foreigners += 1;
            }
            let personal = PersonalData::Foreigner(ForeignerPersonalData {
                name: FullName {
                    surname: FOREIGN_SURNAMES[i].into(),
                    name: FOREIGN_NAMES[j].into(),
                    patronymic: None,
                },
                birth_date: birth,
                sex,
                citizenship: (!stateless).then(|| COUNTRIES[i].into()),
                photo: Some(photo(k)),
                identity_document: document(format!("P{:07}", 1_000_000 + k), "Passport office"),
            });
            (
                personal,
                RegistrationBasis {
                    paragraph_number: 3,
                    paragraph_sub: 2,
                    service: Service::Visa(if k % 2 == 0 {
                        VisaApplication::PaperAtMission
                    } else {
                        VisaApplication::ElectronicWithoutVisit
                    }),
                },
            )
        };
        let representative = child.then(|| {
            report.with_representative += 1;
            Representative {
                kind: RepresentativeKind::LegalRepresentative,
                name: FullName {
                    surname: KZ_SURNAMES[(i + 1) % 8].into(),
                    name: KZ_NAMES[(j + 3) % 8].into(),
                    patronymic: None,
                },
                identity_document: document(format!("N{:08}", 20_000_000 + k), "ҚР ІІМ"),
                authority_document: AuthorityDocument {
                    title: "Туу туралы куәлік".into(),
                    number: format!("I-{k:06}"),
                    issue_date: issue,
                    issuing_authority: "ХҚКО".into(),
                },
                written_application: WrittenApplication {
                    received: true,
                    date: registered_on,
                    number: Some(format!("A-{k}")),
                    scan: None,
                    printed_form: None,
                },
            }
        });
        let id = store.save_registration(
            officer,
            &NewRegistration {
                personal: personal.clone(),
                basis,
                registered_on,
                biometrics,
                representative,
                defect_mark,
            },
        )?;
        // Now and then a child under 12 is decided exempt (п.4.1) that
        // day, and a citizen refuses (п.5).
        if k % 5 == 2 {
            store.record_non_collection(
                officer,
                &crate::store::NonCollection {
                    registry: crate::model::Registry::Citizen,
                    person: crate::store::PersonIdentity {
                        name: FullName {
                            surname: KZ_SURNAMES[(i + 3) % 8].into(),
                            name: KZ_NAMES[(j + 5) % 8].into(),
                            patronymic: None,
                        },
                        birth_date: registered_on - Duration::days(8 * 365),
                        iin: None,
                        document_number: Some(format!("N{:08}", 30_000_000 + k)),
                    },
                    outcome: crate::store::NonCollectionOutcome::Exempt,
                    grounds: vec!["4.1".into()],
                    service: Service::Passport(PassportService::FirstIssue),
                    medical_conclusion: None,
                    reciprocity_category: None,
                    reciprocity: false,
                    family_member: false,
                    passport_kind: crate::model::PassportKind::Ordinary,
                    courier_sheet: false,
                    lacks_all_fingers_or_palms: false,
                    decided_on: registered_on,
                },
            )?;
            report.exempt += 1;
        }
        if k % 11 == 4 {
            // Refused the day the person came, not the day of the seeding.
            let refused_at = registered_on
                .and_hms_opt(10, (k % 60) as u32, 0)
                .map_or(at, |t| t.and_utc());
            store.record_refusal_at(
                officer,
                &crate::store::Refusal {
                    person: crate::store::PersonIdentity {
                        name: FullName {
                            surname: KZ_SURNAMES[(i + 5) % 8].into(),
                            name: KZ_NAMES[(j + 1) % 8].into(),
                            patronymic: None,
                        },
                        birth_date: NaiveDate::from_ymd_opt(1970 + (k % 30) as i32, 3, 9)
                            .unwrap_or(today),
                        iin: None,
                        document_number: Some(format!("N{:08}", 40_000_000 + k)),
                    },
                    service: Service::Passport(PassportService::Replacement),
                },
                refused_at,
            )?;
            report.refusals += 1;
        }
        // Some records were corrected (п.12) and some re-fingerprinted
        // (п.13) since.
        if k % 4 == 2 {
            let mut fixed = personal;
            if let PersonalData::Citizen(c) = &mut fixed {
                c.birth_place = "Алматы қ.".into();
            } else if let PersonalData::Foreigner(f) = &mut fixed {
                f.name.name = format!("{} Jr", f.name.name);
            }
            store.correct_personal_data(officer, id, &fixed, &request(today, "spelling"))?;
            report.corrected += 1;
        }
        if k % 6 == 5 {
            let (again, mark) = biometric_set(seed, k, 2, at);
            store.refingerprint(
                officer,
                id,
                &again,
                mark,
                &request(today, "damaged fingers"),
            )?;
            report.refingerprinted += 1;
        }
    }
    Ok(report)
}
