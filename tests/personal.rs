//! The п.7 step: the fields of each registry, the photo's checks and the
//! signature, and bad files refused with a message, never a panic.

mod common;

use beder::enrollment::{
    FACE_AREA_SHARE, IdentityForm, MAX_FILE_BYTES, PHOTO_SIZE, PersonalForm, PhotoError,
    PhotoSource, SIGNATURE_SIZE, SignaturePad, face_guide, import_signature,
};
use beder::model::{ApplicantKind, PersonalData, Sex};
use common::*;

fn jpeg(width: u32, height: u32, background: u8) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb([background; 3]));
    let mut out = std::io::Cursor::new(Vec::new());
    ok(img.write_to(&mut out, image::ImageFormat::Jpeg));
    out.into_inner()
}

fn identity(kind: ApplicantKind, document: &str) -> beder::enrollment::ValidIdentity {
    let form = IdentityForm {
        surname: "Иванова".into(),
        name: "Мария".into(),
        birth_date: "1990-02-03".into(),
        sex: Some(Sex::Female),
        document_number: document.into(),
        ..IdentityForm::default()
    };
    ok(form.validate(kind, d("2026-11-25")))
}

#[test]
fn the_face_guide_covers_three_quarters_of_the_photo() {
    let (w, h) = (PHOTO_SIZE.0 as f32, PHOTO_SIZE.1 as f32);
    let (a, b) = face_guide(w, h);
    let share = std::f32::consts::PI * a * b / (w * h);
    assert!((share - FACE_AREA_SHARE).abs() < 1e-3, "{share}");
    assert!(a * 2.0 <= w && b * 2.0 <= h, "inside the photo");
}

#[test]
fn a_light_large_photo_passes_and_a_dark_or_small_one_does_not() {
    let light = ok(PhotoSource::load(&jpeg(900, 1200, 235)));
    let crop = light.default_crop();
    assert!(light.checks(crop).passed());
    let photo = ok(light.encode(crop));
    let decoded = ok(image::load_from_memory(&photo.bytes));
    assert_eq!((decoded.width(), decoded.height()), PHOTO_SIZE);

    let dark = ok(PhotoSource::load(&jpeg(900, 1200, 60)));
    let checks = dark.checks(dark.default_crop());
    assert!(!checks.background_light && checks.resolution_ok);

    // Zoomed in too far, the crop holds fewer pixels than the photo kept.
    let mut tight = light.default_crop();
    tight.height = 0.2;
    assert!(!light.checks(tight).resolution_ok);

    assert!(matches!(
        PhotoSource::load(&jpeg(200, 260, 235)),
        Err(PhotoError::TooSmall { .. })
    ));
}

#[test]
fn bad_photo_files_get_their_own_message() {
    let huge = vec![0u8; 30 * 1024 * 1024];
    let error = PhotoSource::load(&huge).err();
    assert!(
        matches!(error, Some(PhotoError::TooLarge { .. })),
        "{error:?}"
    );
    assert!(MAX_FILE_BYTES < huge.len());
    let text = b"%PDF-1.7 this is not a picture".to_vec();
    assert!(matches!(
        PhotoSource::load(&text),
        Err(PhotoError::NotAnImage)
    ));
    let mut truncated = jpeg(900, 1200, 235);
    truncated.truncate(200);
    assert!(PhotoSource::load(&truncated).is_err());
    let mut bmp = std::io::Cursor::new(Vec::new());
    ok(image::RgbImage::from_pixel(600, 800, image::Rgb([250; 3]))
        .write_to(&mut bmp, image::ImageFormat::Bmp));
    assert!(matches!(
        PhotoSource::load(bmp.get_ref()),
        Err(PhotoError::UnsupportedFormat)
    ));
    for error in [
        PhotoError::TooLarge { bytes: 1, max: 1 },
        PhotoError::NotAnImage,
        PhotoError::UnsupportedFormat,
    ] {
        assert!(error.message_key().starts_with("photo-error-"));
    }
}

#[test]
fn the_signature_pad_and_an_imported_signature_give_the_same_shape() {
    let mut pad = SignaturePad::default();
    assert!(pad.is_empty());
    pad.strokes.push(vec![(0.1, 0.5), (0.9, 0.5)]);
    let drawn = ok(image::load_from_memory(&pad.render().bytes)).to_luma8();
    assert_eq!(drawn.dimensions(), SIGNATURE_SIZE);
    assert!(drawn.get_pixel(300, 100).0[0] < 50, "the stroke is drawn");
    assert!(drawn.get_pixel(300, 20).0[0] > 200, "the rest is white");
    let imported = ok(import_signature(&jpeg(1200, 300, 255)));
    let imported = ok(image::load_from_memory(&imported.bytes));
    assert_eq!((imported.width(), imported.height()), SIGNATURE_SIZE);
    assert!(import_signature(b"not an image").is_err());
}

#[test]
fn each_registry_gets_exactly_its_fields() {
    let today = d("2026-11-25");
    let photo = ok(ok(PhotoSource::load(&jpeg(900, 1200, 235)))
        .encode(ok(PhotoSource::load(&jpeg(900, 1200, 235))).default_crop()));
    // A citizen at a first issue: no previous passport asked.
    let citizen = PersonalForm {
        birth_place: "Шымкент".into(),
        photo: Some(photo.clone()),
        unable_to_sign: true,
        ..PersonalForm::default()
    };
    let data = ok(citizen.validate(
        ApplicantKind::Citizen,
        &identity(ApplicantKind::Citizen, ""),
        today,
    ));
    let PersonalData::Citizen(c) = data else {
        panic!("citizen registry expected");
    };
    assert!(c.previous_passport.is_none() && c.signature.is_none() && c.ethnicity.is_none());

    // Missing things are named field by field.
    let empty = PersonalForm::default();
    let errors = empty
        .validate(
            ApplicantKind::Citizen,
            &identity(ApplicantKind::Citizen, "N123"),
            today,
        )
        .err()
        .unwrap_or_default();
    let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
    for field in [
        "photo",
        "birth_place",
        "signature",
        "document_issue_date",
        "document_expiry_date",
        "document_authority",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }

    // A foreigner: citizenship and the identity document; bad dates named.
    let foreigner = PersonalForm {
        citizenship: "DEU".into(),
        document_issue_date: "2020-13-01".into(),
        document_expiry_date: "2019-01-01".into(),
        document_authority: "Stadt Köln".into(),
        photo: Some(photo.clone()),
        ..PersonalForm::default()
    };
    let who = identity(ApplicantKind::Foreigner, "C01X00T47");
    let errors = foreigner
        .validate(ApplicantKind::Foreigner, &who, today)
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].field, errors[0].key),
        ("document_issue_date", "field-bad-date")
    );
    let fixed = PersonalForm {
        document_issue_date: "2020-01-01".into(),
        document_expiry_date: "2030-01-01".into(),
        ..foreigner
    };
    let PersonalData::Foreigner(f) = ok(fixed.validate(ApplicantKind::Foreigner, &who, today))
    else {
        panic!("foreigner registry expected");
    };
    assert_eq!(f.citizenship.as_deref(), Some("DEU"), "the ISO 3166-1 code");
    assert_eq!(f.identity_document.number, "C01X00T47");

    // A stateless person has no citizenship (п.2.1).
    let stateless = ok(fixed.validate(
        ApplicantKind::Stateless,
        &identity(ApplicantKind::Stateless, "S-1"),
        today,
    ));
    let PersonalData::Foreigner(s) = stateless else {
        panic!("foreigner registry expected");
    };
    assert!(s.citizenship.is_none());
}
