//! Driving the desk without the image pipeline: impressions made of
//! synthetic minutiae (`synth::minutiae`), so a whole case runs in
//! milliseconds — for the case tests and the random walks.

use beder::biometrics::mcc::Mcc;
use beder::biometrics::quality::QualityPolicy;
use beder::biometrics::synth::minutiae::synthetic_person;
use beder::enrollment::{
    ConsentAnswer, Desk, EligibilityAnswers, IdentityForm, Impression, PersonalForm,
    ProcessedCapture,
};
use beder::model::{
    ApplicantKind, EncodedImage, ImageFormat, ImpressionKind, Position, Service, Sex,
};
use beder::scanner::Capabilities;
use beder::store::Store;

use super::ok;

/// A one-pixel PNG (the impression's image is not looked at here).
fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    let image = image::GrayImage::from_pixel(1, 1, image::Luma([200]));
    ok(image.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png));
    out
}

/// Person `person`'s impression of `position` (fingers: synthetic
/// minutiae; palms: no template).
pub fn impression(person: usize, position: Position, sitting: u64) -> Impression {
    let template = match position {
        Position::Finger(f) => synthetic_person(person, sitting)
            .into_iter()
            .find(|t| t.position == Some(f)),
        Position::Palm(_) => None,
    };
    Impression {
        position,
        kind: match position {
            Position::Finger(_) => ImpressionKind::Flat,
            Position::Palm(_) => ImpressionKind::Palm,
        },
        png: tiny_png(),
        ppi: 500,
        quality: 80,
        device_quality: None,
        template,
        thumbnail: image::GrayImage::new(1, 1),
        device_id: "TEST".into(),
        captured_at: chrono::Utc::now(),
    }
}

/// Takes every position the capture step still asks for, from `person`.
pub fn capture_everything(desk: &mut Desk, person: usize) {
    let session = ok(desk.start_capture(QualityPolicy::default(), Capabilities::default()));
    for _ in 0..20 {
        let Some(request) = session.next_request() else {
            return;
        };
        let impressions = request
            .expected_positions()
            .into_iter()
            .map(|p| impression(person, p, 0))
            .collect();
        let _ = session.apply(
            ProcessedCapture {
                request,
                impressions,
            },
            &Mcc,
        );
    }
}

pub fn photo() -> EncodedImage {
    let mut out = Vec::new();
    let image = image::RgbImage::from_pixel(8, 10, image::Rgb([230, 230, 230]));
    ok(image.write_to(
        &mut std::io::Cursor::new(&mut out),
        image::ImageFormat::Jpeg,
    ));
    EncodedImage {
        format: ImageFormat::Jpeg,
        bytes: out,
    }
}

pub fn citizen(surname: &str, birth: &str) -> IdentityForm {
    IdentityForm {
        surname: surname.into(),
        name: "Ерлан".into(),
        birth_date: birth.into(),
        sex: Some(Sex::Male),
        ..IdentityForm::default()
    }
}

pub fn foreigner(surname: &str, document: &str) -> IdentityForm {
    IdentityForm {
        surname: surname.into(),
        name: "Anna".into(),
        birth_date: "1975-05-05".into(),
        sex: Some(Sex::Female),
        document_number: document.into(),
        ..IdentityForm::default()
    }
}

/// The п.7 data a valid form needs, for either registry.
pub fn personal_form(kind: ApplicantKind) -> PersonalForm {
    let mut form = PersonalForm {
        photo: Some(photo()),
        ..PersonalForm::default()
    };
    match kind {
        ApplicantKind::Citizen => {
            form.birth_place = "Алматы".into();
            form.unable_to_sign = true;
        }
        ApplicantKind::Foreigner | ApplicantKind::Stateless => {
            form.citizenship = "DEU".into();
            form.document_issue_date = "01.02.2020".into();
            form.document_expiry_date = "01.02.2030".into();
            form.document_authority = "Stadt Köln".into();
        }
    }
    form
}

/// Applicant, identity and a `collect` decision accepted.
pub fn to_collection(
    desk: &mut Desk,
    store: &mut Store,
    kind: ApplicantKind,
    service: Service,
    form: &IdentityForm,
) {
    ok(desk.choose_applicant(kind, service));
    ok(desk.set_identity(form, store));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    if kind == ApplicantKind::Citizen {
        ok(desk.record_consent(ConsentAnswer::Consents, store));
    }
}

/// A returning person's case up to the verification step.
pub fn returning(
    f: &mut super::Fixture,
    kind: ApplicantKind,
    service: Service,
    form: &IdentityForm,
) -> Desk {
    let mut desk = Desk::new(f.officer, super::d("2027-03-01"));
    to_collection(&mut desk, &mut f.store, kind, service, form);
    assert_eq!(desk.step(), beder::enrollment::Step::Verification, "п.11");
    desk
}

/// Runs the verification with person `person`'s fingers.
pub fn verify_with(desk: &mut Desk, f: &mut super::Fixture, person: usize) {
    for _ in 0..10 {
        let session = ok(desk.start_verification(&Default::default()));
        let Some(request) = session.next_request() else {
            break;
        };
        let impressions = request
            .expected_positions()
            .into_iter()
            .map(|p| impression(person, p, 1))
            .collect();
        desk.verification_mut()
            .unwrap_or_else(|| panic!("no session"))
            .apply(
                ProcessedCapture {
                    request,
                    impressions,
                },
                &Mcc,
            );
    }
    ok(desk.finish_verification(&mut f.store, chrono::Utc::now()));
}
