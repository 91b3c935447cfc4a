//! The capture desk and verification through the flow, UI-free, with the
//! simulator: what the kiosk's screens drive, checked down to the rows saved.

mod common;

use std::time::Duration;

use beder::biometrics::matcher::SequenceIssue;
use beder::biometrics::mcc::Mcc;
use beder::biometrics::quality::QualityPolicy;
use beder::enrollment::{
    Applied, CaptureRunner, Completion, ConsentAnswer, Desk, EligibilityAnswers, FlowError,
    IdentityForm, PersonalForm, PhotoSource, Purpose, SignaturePad, SlotStatus, Step,
    VerificationPolicy, VerificationState,
};
use beder::model::{
    ExceptionReason, FingerPosition, ForceReason, PalmPosition, PassportService, Permanence,
    Position, Service, Sex,
};
use beder::scanner::{Scanner, ScannerError, SimulatedScanner};
use beder::store::{LookupSource, Mode, VerificationMethod};
use common::*;

const TODAY: &str = "2026-11-25";
const LIMIT: Duration = Duration::from_secs(60);

/// Simulated persons copied from the shipped set, with a short delay.
fn simulator(names: &[&str], delay_ms: u64) -> (tempfile::TempDir, SimulatedScanner) {
    let root = simulator_copy(names, delay_ms);
    let scanner = ok(SimulatedScanner::open(root.path()));
    (root, scanner)
}

fn adult_form() -> IdentityForm {
    IdentityForm {
        surname: "Серікбаев".into(),
        name: "Нұрлан".into(),
        birth_date: "1980-04-02".into(),
        sex: Some(Sex::Male),
        ..IdentityForm::default()
    }
}

/// An adult citizen brought to the capture step (or verification).
fn to_capture(f: &mut Fixture, form: &IdentityForm) -> Desk {
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(
        beder::model::ApplicantKind::Citizen,
        Service::Passport(PassportService::FirstIssue),
    ));
    ok(desk.set_identity(form, &mut f.store));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    ok(desk.record_consent(ConsentAnswer::Consents, &mut f.store));
    desk
}

/// One capture: the next request, run on the worker, applied.
fn capture_next(desk: &mut Desk, scanner: &mut SimulatedScanner) -> Result<Applied, ScannerError> {
    let session = ok(desk.start_capture(QualityPolicy::default(), scanner.info().capabilities));
    let request = session
        .next_request()
        .unwrap_or_else(|| panic!("nothing to capture"));
    let done = CaptureRunner::start(scanner, request)?.wait(LIMIT)?;
    let session = desk
        .capture_mut()
        .unwrap_or_else(|| panic!("no capture session"));
    Ok(ok(session.apply(done, &Mcc)))
}

/// Captures until nothing is due; returns the sequence findings met.
fn capture_all(desk: &mut Desk, scanner: &mut SimulatedScanner) -> Vec<SequenceIssue> {
    let mut issues = Vec::new();
    for _ in 0..40 {
        let due = desk.capture().is_none_or(|s| s.next_request().is_some());
        if !due {
            break;
        }
        if let Applied::SequenceIssues(found) = ok(capture_next(desk, scanner)) {
            issues.extend(found);
        }
    }
    issues
}

fn photo() -> beder::model::EncodedImage {
    let bytes = photo_jpeg(600, 800);
    let source = ok(PhotoSource::load(&bytes));
    let crop = source.default_crop();
    assert!(source.checks(crop).passed(), "{:?}", source.checks(crop));
    ok(source.encode(crop))
}

fn personal_form() -> PersonalForm {
    let mut pad = SignaturePad::default();
    pad.strokes.push(vec![(0.1, 0.5), (0.4, 0.3), (0.8, 0.6)]);
    PersonalForm {
        birth_place: "Алматы".into(),
        photo: Some(photo()),
        signature: Some(pad.render()),
        ..PersonalForm::default()
    }
}

fn save(desk: &mut Desk, f: &mut Fixture) -> Completion {
    ok(desk.finish_capture(&mut f.store));
    assert_eq!(desk.step(), Step::PersonalData);
    ok(desk.set_personal_data(&personal_form()));
    assert_eq!(desk.step(), Step::Review);
    ok(desk.save(&mut f.store))
}

fn status(desk: &Desk, finger: FingerPosition) -> SlotStatus {
    desk.capture()
        .and_then(|s| s.slot(Position::Finger(finger)))
        .map(|s| s.status)
        .unwrap_or_else(|| panic!("no slot"))
}

fn registration(f: &mut Fixture, completion: Completion) -> beder::store::Registration {
    let Completion::Registered { id, .. } = completion else {
        panic!("not registered: {completion:?}");
    };
    ok(f.store.load_registration(f.officer, id))
}

#[test]
fn a_full_adult_enrolment_is_saved_with_every_row() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["01_normal"], 5);
    let mut desk = to_capture(&mut f, &adult_form());
    assert_eq!(desk.step(), Step::Capture);
    // 4-4-2: three slaps for a scanner that takes slaps.
    let mut requests = 0;
    while desk.capture().is_none_or(|s| s.next_request().is_some()) {
        ok(capture_next(&mut desk, &mut scanner));
        requests += 1;
        assert!(requests <= 10, "too many captures");
    }
    assert_eq!(requests, 3, "right four, left four, thumbs");
    // Nothing saved before the review.
    assert_eq!(ok(f.store.check()).citizen_registrations, 0);
    let completion = save(&mut desk, &mut f);
    let saved = registration(&mut f, completion);
    assert_eq!(saved.biometrics.len(), 10);
    for record in &saved.biometrics {
        let capture = record
            .capture
            .as_ref()
            .unwrap_or_else(|| panic!("{:?} not captured", record.position));
        assert!(capture.quality >= QualityPolicy::default().recapture_below);
        let template = capture
            .template
            .as_ref()
            .unwrap_or_else(|| panic!("no template"));
        let decoded = ok(beder::biometrics::iso::decode(&template.data));
        assert!(decoded[0].minutiae.len() >= 12);
        assert_eq!(record.attempts, 1);
        assert!(!record.force_captured);
        assert_eq!(
            record.device_id.as_deref(),
            Some("Beder Simulator SIM-0001")
        );
    }
    assert!(saved.defect_mark.is_none());
    // The п.7 facts the system fills in.
    assert_eq!(saved.registered_on, d(TODAY));
    assert_eq!(
        (saved.basis.paragraph_number, saved.basis.paragraph_sub),
        (3, 1)
    );
}

#[test]
fn a_poor_first_impression_is_recaptured_and_the_best_kept() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["02_poor_first"], 5);
    let mut desk = to_capture(&mut f, &adult_form());
    // The right slap: the index finger comes out poor.
    ok(capture_next(&mut desk, &mut scanner));
    assert_eq!(
        status(&desk, FingerPosition::RightIndex),
        SlotStatus::Recapture
    );
    assert_eq!(
        status(&desk, FingerPosition::RightMiddle),
        SlotStatus::Accepted
    );
    capture_all(&mut desk, &mut scanner);
    for finger in [FingerPosition::RightIndex, FingerPosition::LeftIndex] {
        assert_eq!(status(&desk, finger), SlotStatus::Accepted);
    }
    let completion = save(&mut desk, &mut f);
    let saved = registration(&mut f, completion);
    let attempts = |code: u8| {
        saved
            .biometrics
            .iter()
            .find(|r| r.position.code() == code)
            .map(|r| r.attempts)
    };
    assert_eq!(attempts(2), Some(2));
    assert_eq!(attempts(7), Some(2));
    assert_eq!(attempts(3), Some(1));
}

#[test]
fn a_finger_below_threshold_every_time_is_force_captured_with_a_reason() {
    let mut f = fixture(Mode::Training);
    // Every impression of this person is poor.
    let (_dir, mut scanner) = simulator(&["06_palms_only"], 5);
    let mut desk = to_capture(&mut f, &adult_form());
    let policy = QualityPolicy {
        recapture_below: 40,
        max_attempts: 2,
    };
    ok(desk.start_capture(policy, Default::default()));
    // Finger by finger (no slaps): the right thumb twice, then the flow waits.
    for _ in 0..2 {
        let request = desk
            .capture()
            .and_then(|s| s.next_request())
            .unwrap_or_else(|| panic!("no request"));
        let done = ok(ok(CaptureRunner::start(&mut scanner, request)).wait(LIMIT));
        ok(desk
            .capture_mut()
            .unwrap_or_else(|| panic!("no session"))
            .apply(done, &Mcc));
    }
    assert_eq!(
        status(&desk, FingerPosition::RightThumb),
        SlotStatus::AwaitingForce
    );
    assert!(
        desk.capture().is_some_and(|s| s.next_request().is_none()),
        "no capture until the officer decides"
    );
    let session = desk.capture_mut().unwrap_or_else(|| panic!("no session"));
    assert!(session.force_capture(
        Position::Finger(FingerPosition::RightThumb),
        ForceReason::WornRidges
    ));
    assert_eq!(
        status(&desk, FingerPosition::RightThumb),
        SlotStatus::ForceCaptured(ForceReason::WornRidges)
    );
    let records = desk.capture().map(|s| s.records()).unwrap_or_default();
    let thumb = records
        .iter()
        .find(|r| r.position == Position::Finger(FingerPosition::RightThumb))
        .unwrap_or_else(|| panic!("no thumb"));
    assert!(thumb.force_captured);
    assert_eq!(thumb.force_reason, Some(ForceReason::WornRidges));
    assert_eq!(thumb.attempts, 2);
}

#[test]
fn an_amputated_finger_is_refused_until_excepted_then_saved_as_excepted() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["03_amputated"], 5);
    let mut desk = to_capture(&mut f, &adult_form());
    ok(capture_next(&mut desk, &mut scanner)); // right four
    // The left slap shows three fingers: refused, nothing recorded.
    let error = capture_next(&mut desk, &mut scanner);
    assert!(
        matches!(
            error,
            Err(ScannerError::WrongFingerCount {
                expected: 4,
                found: 3
            })
        ),
        "{error:?}"
    );
    assert_eq!(status(&desk, FingerPosition::LeftRing), SlotStatus::ToDo);
    let session = desk.capture_mut().unwrap_or_else(|| panic!("no session"));
    session.set_exception(
        Position::Finger(FingerPosition::LeftRing),
        Some(ExceptionReason::Amputated),
    );
    let request = session
        .next_request()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(request.excepted, vec![FingerPosition::LeftRing]);
    capture_all(&mut desk, &mut scanner);
    let completion = save(&mut desk, &mut f);
    let saved = registration(&mut f, completion);
    let ring = saved
        .biometrics
        .iter()
        .find(|r| r.position == Position::Finger(FingerPosition::LeftRing))
        .unwrap_or_else(|| panic!("the excepted finger is recorded"));
    assert_eq!(ring.exception, Some(ExceptionReason::Amputated));
    assert!(ring.capture.is_none());
    assert_eq!(
        saved
            .biometrics
            .iter()
            .filter(|r| r.capture.is_some())
            .count(),
        9
    );
    assert!(
        saved.defect_mark.is_none(),
        "one finger missing is no п.10 mark"
    );
}

#[test]
fn the_same_finger_twice_is_caught_and_recaptured() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["08_duplicate_finger"], 5);
    let mut desk = to_capture(&mut f, &adult_form());
    let issues = capture_all(&mut desk, &mut scanner);
    assert!(
        issues.iter().any(|i| matches!(
            i,
            SequenceIssue::SameFingerTwice { first, second, .. }
                if [*first, *second].contains(&FingerPosition::RightIndex)
                    && [*first, *second].contains(&FingerPosition::RightMiddle)
        )),
        "{issues:?}"
    );
    assert!(desk.capture().is_some_and(|s| s.is_complete()));
    let completion = save(&mut desk, &mut f);
    let saved = registration(&mut f, completion);
    let middle = saved
        .biometrics
        .iter()
        .find(|r| r.position == Position::Finger(FingerPosition::RightMiddle))
        .unwrap_or_else(|| panic!("no middle"));
    assert_eq!(middle.attempts, 2, "recaptured after the sequence check");
}

#[test]
fn swapped_hands_stop_the_flow_until_recaptured() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["05_swapped_hands"], 5);
    let mut desk = to_capture(&mut f, &adult_form());
    ok(capture_next(&mut desk, &mut scanner)); // "right" four: the left hand
    let applied = ok(capture_next(&mut desk, &mut scanner)); // left four
    let Applied::SequenceIssues(issues) = applied else {
        panic!("the swap was not caught");
    };
    assert!(matches!(issues[0], SequenceIssue::HandsSwapped { .. }));
    assert_eq!(
        status(&desk, FingerPosition::RightIndex),
        SlotStatus::SequenceRecapture
    );
    assert!(matches!(
        desk.finish_capture(&mut f.store),
        Err(FlowError::CaptureIncomplete)
    ));
    capture_all(&mut desk, &mut scanner);
    assert!(
        desk.capture()
            .is_some_and(|s| s.is_complete() && s.issues().is_empty())
    );
}

#[test]
fn no_printable_fingers_go_to_the_palms_with_a_mark() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["06_palms_only"], 5);
    let mut desk = to_capture(&mut f, &adult_form());
    ok(desk.start_capture(QualityPolicy::default(), scanner.info().capabilities));
    let session = desk.capture_mut().unwrap_or_else(|| panic!("no session"));
    for finger in FingerPosition::ALL {
        session.set_exception(
            Position::Finger(finger),
            Some(ExceptionReason::NoPapillaryPattern),
        );
    }
    let request = session
        .next_request()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(
        request.expected_positions(),
        vec![Position::Palm(PalmPosition::RightFull)]
    );
    capture_all(&mut desk, &mut scanner);
    let completion = save(&mut desk, &mut f);
    let saved = registration(&mut f, completion);
    let mark = saved.defect_mark.unwrap_or_else(|| panic!("no mark"));
    assert!(mark.fingers && !mark.palms);
    assert_eq!(mark.permanence, Permanence::Permanent);
    assert_eq!(
        saved
            .biometrics
            .iter()
            .filter(|r| matches!(r.position, Position::Palm(_)) && r.capture.is_some())
            .count(),
        2
    );
    assert_eq!(
        saved
            .biometrics
            .iter()
            .filter(|r| r.exception.is_some())
            .count(),
        10
    );
}

#[test]
fn no_fingers_and_no_palms_give_the_defect_mark_and_no_prints() {
    let mut f = fixture(Mode::Training);
    let mut desk = to_capture(&mut f, &adult_form());
    let session = ok(desk.start_capture(QualityPolicy::default(), Default::default()));
    for finger in FingerPosition::ALL {
        session.set_exception(Position::Finger(finger), Some(ExceptionReason::Bandaged));
    }
    for palm in PalmPosition::FULL_PALMS {
        session.set_exception(Position::Palm(palm), Some(ExceptionReason::Injured));
    }
    assert!(session.next_request().is_none());
    let completion = save(&mut desk, &mut f);
    assert!(matches!(
        completion,
        Completion::Registered {
            refingerprint_next_time: true,
            ..
        }
    ));
    let saved = registration(&mut f, completion);
    let mark = saved.defect_mark.unwrap_or_else(|| panic!("no mark"));
    assert!(mark.fingers && mark.palms);
    assert_eq!(mark.permanence, Permanence::Temporary);
    assert!(saved.biometrics.iter().all(|r| r.capture.is_none()));
}

#[test]
fn an_unplugged_scanner_loses_nothing_and_comes_back() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["01_normal"], 400);
    let mut desk = to_capture(&mut f, &adult_form());
    ok(capture_next(&mut desk, &mut scanner)); // right four accepted
    let session = ok(desk.start_capture(QualityPolicy::default(), scanner.info().capabilities));
    let request = session
        .next_request()
        .unwrap_or_else(|| panic!("no request"));
    let runner = ok(CaptureRunner::start(&mut scanner, request));
    scanner.unplug(); // the cable is pulled mid-capture
    assert!(matches!(
        runner.wait(LIMIT),
        Err(ScannerError::NotConnected)
    ));
    assert_eq!(
        status(&desk, FingerPosition::RightIndex),
        SlotStatus::Accepted
    );
    assert!(matches!(
        capture_next(&mut desk, &mut scanner),
        Err(ScannerError::NotConnected)
    ));
    ok(scanner.reconnect());
    capture_all(&mut desk, &mut scanner);
    assert!(desk.capture().is_some_and(|s| s.is_complete()));
    let completion = save(&mut desk, &mut f);
    let saved = registration(&mut f, completion);
    assert_eq!(
        saved
            .biometrics
            .iter()
            .filter(|r| r.capture.is_some())
            .count(),
        10
    );
}

/// Enrols the simulated person at index 0 of `scanner` under `form`.
fn enrol(f: &mut Fixture, scanner: &mut SimulatedScanner, form: &IdentityForm) {
    scanner.present(0);
    let mut desk = to_capture(f, form);
    capture_all(&mut desk, scanner);
    save(&mut desk, f);
}

fn verify(
    f: &mut Fixture,
    scanner: &mut SimulatedScanner,
    form: &IdentityForm,
) -> (Desk, VerificationState) {
    let mut desk = to_capture(f, form);
    assert_eq!(desk.step(), Step::Verification, "registered before: п.11");
    for _ in 0..10 {
        let session = ok(desk.start_verification(&VerificationPolicy::default()));
        let Some(request) = session.next_request() else {
            break;
        };
        let done = ok(ok(CaptureRunner::start(scanner, request)).wait(LIMIT));
        desk.verification_mut()
            .unwrap_or_else(|| panic!("no session"))
            .apply(done, &Mcc);
    }
    let state = ok(desk.finish_verification(&mut f.store, chrono::Utc::now()));
    (desk, state)
}

#[test]
fn a_verification_that_succeeds_is_recorded_and_ends_the_flow() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["01_normal", "02_poor_first"], 5);
    enrol(&mut f, &mut scanner, &adult_form());
    scanner.present(0);
    let (desk, state) = verify(&mut f, &mut scanner, &adult_form());
    assert_eq!(state, VerificationState::Verified);
    assert_eq!(desk.step(), Step::Done);
    let Some(Completion::Verified {
        against: LookupSource::Registration { registry, id },
        method: VerificationMethod::Fingers,
    }) = desk.completion()
    else {
        panic!("not verified");
    };
    let stored = ok(f
        .store
        .verifications(beder::store::RegistrationId { registry, id }));
    assert_eq!(stored.len(), 1);
    assert!(stored[0].verified);
    // Every finger compared is in the record and in the verdict, with its
    // score (not only the one that decided it).
    assert_eq!(stored[0].positions, [2, 7]);
    let verdict = desk.verdict().unwrap_or_else(|| panic!("no verdict"));
    assert!(verdict.verified);
    assert_eq!(verdict.scores.len(), 2);
    assert!(verdict.scores.iter().all(|s| s.matched));
}

/// A person registered before Beder's minutia directions were ISO's: his
/// rows hold MINDTCT's directions (half a turn off) under the old format
/// name, and his own fingers, captured now, must still verify him. The
/// same bytes under the current name are another person's prints.
#[test]
fn a_person_registered_before_iso_directions_is_still_verified() {
    use beder::biometrics::iso::{LEGACY_STORED_FORMAT, decode_stored, encode_2011};
    use beder::enrollment::TEMPLATE_FORMAT;
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["01_normal"], 5);
    scanner.present(0);
    let mut desk = to_capture(&mut f, &adult_form());
    capture_all(&mut desk, &mut scanner);
    let completion = save(&mut desk, &mut f);
    let prints = registration(&mut f, completion).biometrics;
    // His prints as a mission stored them before, under two other
    // identities: one with the old format name, one with the current.
    let half_turned = |format: &str| {
        let mut records = prints.clone();
        for template in records
            .iter_mut()
            .filter_map(|r| r.capture.as_mut()?.template.as_mut())
        {
            let mut fingers = ok(decode_stored(&template.format, &template.data));
            for m in fingers.iter_mut().flat_map(|t| t.minutiae.iter_mut()) {
                m.angle = m.angle.wrapping_add(128);
            }
            *template = beder::model::Template {
                format: format.into(),
                data: ok(encode_2011(&fingers)),
            };
        }
        records
    };
    let identities = [
        (LEGACY_STORED_FORMAT, "Әлімов", "1971-06-01"),
        (TEMPLATE_FORMAT, "Бекұлы", "1972-07-02"),
    ];
    for (format, surname, birth_date) in identities {
        let mut before = citizen_registration();
        let mut c = citizen_data(surname, "Қайрат");
        c.birth_date = d(birth_date);
        c.iin = None;
        if let Some(passport) = c.previous_passport.as_mut() {
            passport.number = format!("N {}", &birth_date[..4]);
        }
        before.personal = beder::model::PersonalData::Citizen(c);
        before.biometrics = half_turned(format);
        ok(f.store.save_registration(f.officer, &before));
    }
    let form = |surname: &str, birth_date: &str| IdentityForm {
        surname: surname.into(),
        name: "Қайрат".into(),
        birth_date: birth_date.into(),
        sex: Some(Sex::Male),
        ..IdentityForm::default()
    };
    scanner.present(0);
    let (_, state) = verify(&mut f, &mut scanner, &form("Әлімов", "1971-06-01"));
    assert_eq!(state, VerificationState::Verified);
    scanner.present(0);
    let (_, state) = verify(&mut f, &mut scanner, &form("Бекұлы", "1972-07-02"));
    assert_eq!(state, VerificationState::Failed);
}

#[test]
fn a_verification_that_fails_needs_a_supervisor() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["01_normal"], 5);
    enrol(&mut f, &mut scanner, &adult_form());
    // Someone else under the same identity: every finger from another
    // (synthetic) person.
    let (_dir2, mut stranger) = simulator(&["02_poor_first"], 5);
    let (mut desk, state) = verify(&mut f, &mut stranger, &adult_form());
    assert_eq!(state, VerificationState::Failed);
    assert_eq!(desk.step(), Step::Verification);
    let rid = desk
        .enrolled_registration()
        .unwrap_or_else(|| panic!("no previous registration"));
    let stored = ok(f.store.verifications(rid));
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].verified);
    assert_eq!(stored[0].positions.len(), 6, "three rounds of two fingers");
    let verdict = desk.verdict().unwrap_or_else(|| panic!("no verdict"));
    assert!(!verdict.verified);
    assert_eq!(verdict.scores.len(), 6, "every finger compared is shown");
    // An officer cannot let it go on; a supervisor can — to re-fingerprint
    // the existing record (п.13), never to enrol the person a second time.
    add_officer_beibit(&mut f);
    assert!(matches!(
        desk.refingerprint_after_failure(
            &mut f.store,
            "beibit",
            "officer-password",
            chrono::Utc::now()
        ),
        Err(FlowError::SupervisorRequired)
    ));
    assert!(matches!(
        desk.refingerprint_after_failure(&mut f.store, "aigul", "wrong", chrono::Utc::now()),
        Err(FlowError::Auth(_))
    ));
    ok(desk.refingerprint_after_failure(
        &mut f.store,
        "aigul",
        "desk-password-1",
        chrono::Utc::now(),
    ));
    assert_eq!(desk.step(), Step::Capture);
    assert_eq!(desk.purpose(), Purpose::Refingerprint(rid));
    stranger.present(0);
    assert!(capture_all(&mut desk, &mut stranger).is_empty());
    ok(desk.finish_capture(&mut f.store));
    assert_eq!(desk.step(), Step::Review, "no personal data asked again");
    assert!(matches!(
        desk.save_with_reason(&mut f.store, " "),
        Err(FlowError::Fields(_))
    ));
    let completion = ok(desk.save_with_reason(&mut f.store, "fingers burnt at work"));
    assert_eq!(completion, Completion::Refingerprinted { id: rid, set: 2 });
    assert_eq!(
        ok(f.store.check()).citizen_registrations,
        1,
        "still one person"
    );
    let history = ok(f.store.biometric_history(rid));
    assert_eq!(history.iter().filter(|v| v.valid_to.is_none()).count(), 10);
    assert_eq!(history.iter().filter(|v| v.valid_to.is_some()).count(), 10);
}

fn other_form() -> IdentityForm {
    IdentityForm {
        surname: "Джонсон".into(),
        name: "Марк".into(),
        birth_date: "1975-09-14".into(),
        sex: Some(Sex::Male),
        ..IdentityForm::default()
    }
}

/// Enrols the simulator's current person under `form`.
fn enrol_current(
    f: &mut Fixture,
    scanner: &mut SimulatedScanner,
    form: &IdentityForm,
) -> Completion {
    let mut desk = to_capture(f, form);
    assert_eq!(desk.step(), Step::Capture);
    assert!(capture_all(&mut desk, scanner).is_empty());
    save(&mut desk, f)
}

#[test]
fn fingers_enrolled_under_another_identity_stop_the_enrolment_until_a_supervisor_lets_it_go_on() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["01_normal"], 5);
    let first = enrol_current(&mut f, &mut scanner, &adult_form());
    let Completion::Registered { id: first_id, .. } = first else {
        panic!("not registered: {first:?}");
    };
    // The same fingers come back under another name and birth date.
    let mut desk = to_capture(&mut f, &other_form());
    assert_eq!(desk.step(), Step::Capture, "nothing links the new identity");
    assert!(capture_all(&mut desk, &mut scanner).is_empty());
    ok(desk.finish_capture(&mut f.store));
    assert_eq!(desk.step(), Step::Duplicates);
    let found = desk.duplicates();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].registration, first_id);
    assert_eq!(found[0].name.surname, "Серікбаев");
    assert!(found[0].matched_fingers >= 2, "{:?}", found[0]);
    assert_eq!(found[0].compared_fingers, 10);
    // Stopped: no personal data, no saving.
    assert!(matches!(
        desk.set_personal_data(&personal_form()),
        Err(FlowError::WrongStep(Step::Duplicates))
    ));
    assert!(matches!(
        desk.save(&mut f.store),
        Err(FlowError::WrongStep(_))
    ));
    // Only a supervisor's sign-in lets it go on; it is audited.
    add_officer_beibit(&mut f);
    let now = chrono::Utc::now();
    assert!(matches!(
        desk.override_duplicates(&mut f.store, "beibit", "officer-password", now),
        Err(FlowError::SupervisorRequired)
    ));
    assert_eq!(desk.step(), Step::Duplicates);
    ok(desk.override_duplicates(&mut f.store, "aigul", "desk-password-1", now));
    assert_eq!(desk.step(), Step::PersonalData);
    assert_eq!(desk.duplicates_overridden_by(), Some(f.officer));
    let audit = ok(f.store.audit_entries(20));
    let overridden: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "duplicate_overridden")
        .collect();
    assert_eq!(overridden.len(), 1);
    assert_eq!(overridden[0].record_id, Some(first_id.id));
    assert!(audit.iter().any(|e| e.action == "duplicate_search"));
    ok(desk.set_personal_data(&personal_form()));
    assert!(matches!(
        ok(desk.save(&mut f.store)),
        Completion::Registered { .. }
    ));
}

#[test]
fn another_persons_fingers_pass_the_duplicate_check() {
    let mut f = fixture(Mode::Training);
    let (_dir, mut scanner) = simulator(&["01_normal", "02_poor_first"], 5);
    assert!(scanner.present(0));
    enrol_current(&mut f, &mut scanner, &adult_form());
    assert!(scanner.present(1));
    let mut desk = to_capture(&mut f, &other_form());
    assert!(capture_all(&mut desk, &mut scanner).is_empty());
    ok(desk.finish_capture(&mut f.store));
    assert_eq!(desk.step(), Step::PersonalData);
    assert!(desk.duplicates().is_empty());
    let audit = ok(f.store.audit_entries(20));
    assert!(audit.iter().any(|e| e.action == "duplicate_search"));
}

/// An officer (not a supervisor): login "beibit", password "officer-password".
fn add_officer_beibit(f: &mut Fixture) {
    ok(f.store.create_officer(
        Some(f.officer),
        &beder::store::NewOfficer {
            name: beder::model::FullName {
                surname: "Омаров".into(),
                name: "Бейбіт".into(),
                patronymic: None,
            },
            login: "beibit".into(),
            password: "officer-password".into(),
            role: beder::model::OfficerRole::Officer,
        },
    ));
}
