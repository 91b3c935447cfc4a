//! Beder's profile of ANSI/NIST-ITL 1-2011 (Update 2015): one registration
//! (п.7) as one transaction for the registry that holds it — "ХҚТ ТП" АЖ
//! for citizens, "Бүркіт" БАЖ for foreigners and stateless persons.
//!
//! | Record | What | |
//! |---|---|---|
//! | Type-1 | transaction: version 0500, TOT, DAT, DAI, ORI = the mission's code, TCN, DOM = `BEDER`, GMT, DCS = UTF-8 | |
//! | Type-2 | the п.7 fields, the basis, officer, consent, representative, п.10 mark, exceptions | [`type2_fields`] |
//! | Type-10 | the photograph (JPEG or PNG as taken) | п.7 |
//! | Type-14 | each finger: IMP 0 plain / 1 rolled, FGP, WSQ20 at 500 ppi, NQM, FQM; AMP XX/UP for an excepted finger | п.7, п.10 |
//! | Type-15 | each palm printed instead of fingers (п.10): IMP 10, FGP 21–24, WSQ20, PQM; AMP likewise | п.10 |
//! | Type-8 | the citizen's signature, scanned, 1 bit per pixel, uncompressed | п.7.1 |
//! | Type-99 | each finger's ISO/IEC 19794-2:2011 template as a CBEFF data block, IDC shared with its Type-14 | |
//!
//! The field-by-field table the central side implements against is
//! `docs/nist-profile.md`. Nothing here depends on the store or the
//! interface: the caller hands over a [`Submission`].

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use image::{ImageFormat as Format, ImageReader};

use super::an2::{BinaryRecord, IMAGE_FIELD, RS, Record, TaggedRecord, Transaction, US};
use super::wsq;
use crate::biometrics::iso;
use crate::model::{
    BiometricRecord, CapturedImpression, DefectMark, ExceptionReason, FullName, IdentityDocument,
    ImageFormat, ImpressionKind, PersonalData, Position, Registry, Representative,
    RepresentativeKind, Service, Sex,
};
use crate::model::{PassportService, Permanence, RegistrationBasis, VisaApplication};

/// The implementation domain (1.013) whose Type-2 fields this profile
/// defines, and its version.
pub const DOMAIN: &str = "BEDER";
pub const DOMAIN_VERSION: &str = "1";

/// Destination agency (1.007) of each registry.
pub fn destination(registry: Registry) -> &'static str {
    match registry {
        Registry::Citizen => "KZHKTTP",
        Registry::Foreigner => "KZBURKIT",
    }
}

/// Type of transaction (1.004): a registration for each registry, and one
/// type for anything made in the training room, which no registry takes.
pub fn transaction_type(registry: Registry, training: bool) -> &'static str {
    match (training, registry) {
        (true, _) => "TRNG",
        (false, Registry::Citizen) => "REGC",
        (false, Registry::Foreigner) => "REGF",
    }
}

/// Everything a transaction is made from.
#[derive(Debug, Clone)]
pub struct Submission<'a> {
    /// The registration's number as the kiosk shows it (`C-000012`).
    pub registration_number: &'a str,
    /// The mission's code (1.008 ORI, and the source agency of every image).
    pub mission_code: &'a str,
    /// Made in the training room.
    pub training: bool,
    pub created_at: DateTime<Utc>,
    pub registered_on: NaiveDate,
    pub basis: RegistrationBasis,
    /// The officer who performed the registration (п.7).
    pub officer: &'a FullName,
    pub personal: &'a PersonalData,
    /// The version of the personal data (it grows with each correction, п.14).
    pub personal_version: i64,
    pub biometrics: &'a [BiometricRecord],
    pub representative: Option<&'a Representative>,
    pub defect_mark: Option<DefectMark>,
    /// WSQ bit rate of the prints.
    pub bitrate: f32,
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("the mission has no code to name it as the originating agency")]
    NoMissionCode,
    /// A stored image could not be read or compressed.
    #[error("the image of {what} cannot be written: {detail}")]
    Image { what: String, detail: String },
}

fn image_error(what: impl Into<String>, detail: impl ToString) -> ProfileError {
    ProfileError::Image {
        what: what.into(),
        detail: detail.to_string(),
    }
}

/// Text as the traditional encoding carries it: the four separators and
/// other control characters become spaces (they would cut the field).
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Items joined by US.
fn items<I, S>(parts: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    parts
        .into_iter()
        .map(|p| clean(p.as_ref()))
        .collect::<Vec<_>>()
        .join(&(US as char).to_string())
}

/// Subfields joined by RS.
fn subfields(parts: Vec<String>) -> String {
    parts.join(&(RS as char).to_string())
}

fn date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn name_items(name: &FullName) -> String {
    items([
        name.surname.as_str(),
        name.name.as_str(),
        name.patronymic.as_deref().unwrap_or(""),
    ])
}

fn document_items(d: &IdentityDocument) -> String {
    items([
        d.number.clone(),
        date(d.issue_date),
        date(d.expiry_date),
        d.issuing_authority.clone(),
    ])
}

/// The ORI: the mission's code, letters, digits and hyphens only.
fn originating_agency(code: &str) -> Result<String, ProfileError> {
    let ori: String = code
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if ori.is_empty() {
        return Err(ProfileError::NoMissionCode);
    }
    Ok(ori.to_ascii_uppercase())
}

/// A control number unique to this transaction: the mission, the
/// registration, the personal data's version and the moment it was made.
pub fn control_number(s: &Submission<'_>) -> Result<String, ProfileError> {
    let number: String = s
        .registration_number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    Ok(format!(
        "{}-{number}-V{}-{}",
        originating_agency(s.mission_code)?,
        s.personal_version,
        s.created_at.format("%Y%m%d%H%M%S")
    ))
}

fn service_code(service: Service) -> &'static str {
    match service {
        Service::Passport(PassportService::FirstIssue) => "PASSPORT_FIRST_ISSUE",
        Service::Passport(PassportService::Restoration) => "PASSPORT_RESTORATION",
        Service::Passport(PassportService::Replacement) => "PASSPORT_REPLACEMENT",
        Service::Passport(PassportService::Other) => "PASSPORT_OTHER",
        Service::Visa(VisaApplication::PaperAtMission) => "VISA_AT_MISSION",
        Service::Visa(VisaApplication::ElectronicWithoutVisit) => "VISA_ELECTRONIC",
    }
}

fn exception_code(reason: ExceptionReason) -> &'static str {
    match reason {
        ExceptionReason::Amputated => "AMPUTATED",
        ExceptionReason::NoPapillaryPattern => "NO_PATTERN",
        ExceptionReason::Injured => "INJURED",
        ExceptionReason::Bandaged => "BANDAGED",
        ExceptionReason::UnprintableAtThisSitting => "UNPRINTABLE_NOW",
    }
}

/// AMP: `XX` for a missing (amputated) finger, `UP` for one that could not
/// be printed (bandaged, injured, no pattern, not at this sitting).
pub fn amputation_code(reason: ExceptionReason) -> &'static str {
    match reason {
        ExceptionReason::Amputated => "XX",
        _ => "UP",
    }
}

/// The Type-2 fields of Beder's profile (number, value); a field the
/// registration has nothing for is absent. See `docs/nist-profile.md`.
#[expect(
    clippy::too_many_lines,
    reason = "the profile's table of Type-2 fields, one entry per field of docs/nist-profile.md"
)]
pub fn type2_fields(s: &Submission<'_>) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let registry = s.personal.registry();
    // 2.003 REG, 2.004 RNO: which registry, and the number at the mission.
    out.push((
        3,
        match registry {
            Registry::Citizen => "CITIZEN",
            Registry::Foreigner => "FOREIGNER",
        }
        .to_string(),
    ));
    out.push((4, clean(s.registration_number)));
    out.push((5, s.personal_version.to_string()));
    let name = s.personal.name();
    out.push((10, name_items(name)));
    out.push((11, date(s.personal.birth_date())));
    let sex = match s.personal {
        PersonalData::Citizen(c) => c.sex,
        PersonalData::Foreigner(f) => f.sex,
    };
    out.push((
        12,
        match sex {
            Sex::Male => "M",
            Sex::Female => "F",
        }
        .to_string(),
    ));
    match s.personal {
        PersonalData::Citizen(c) => {
            out.push((13, clean(&c.citizenship)));
            out.push((14, clean(&c.birth_place)));
            if let Some(ethnicity) = c.ethnicity.as_deref().map(clean)
                && !ethnicity.is_empty()
            {
                out.push((15, ethnicity));
            }
            if let Some(iin) = c.iin.as_deref().map(clean)
                && !iin.is_empty()
            {
                out.push((16, iin));
            }
            if let Some(previous) = &c.previous_passport {
                out.push((17, document_items(previous)));
            }
        }
        PersonalData::Foreigner(f) => {
            // ICAO Doc 9303's code for a stateless person (п.2.1).
            out.push((13, f.citizenship.as_deref().map_or("XXA".into(), clean)));
            out.push((18, document_items(&f.identity_document)));
        }
    }
    out.push((20, date(s.registered_on)));
    out.push((
        21,
        items([
            format!("{}.{}", s.basis.paragraph_number, s.basis.paragraph_sub),
            service_code(s.basis.service).to_string(),
        ]),
    ));
    out.push((22, name_items(s.officer)));
    // п.5: a citizen consents orally before he is fingerprinted; a saved
    // registration is one he consented to. A visa applicant is not asked.
    if registry == Registry::Citizen {
        out.push((23, "ORAL".to_string()));
    }
    if let Some(rep) = s.representative {
        let kind = match rep.kind {
            RepresentativeKind::LegalRepresentative => "LEGAL_REPRESENTATIVE",
            RepresentativeKind::Guardian => "GUARDIAN",
        };
        let name = &rep.name;
        out.push((
            30,
            items([
                kind,
                &name.surname,
                &name.name,
                name.patronymic.as_deref().unwrap_or(""),
            ]),
        ));
        out.push((31, document_items(&rep.identity_document)));
        let authority = &rep.authority_document;
        out.push((
            32,
            items([
                authority.title.clone(),
                authority.number.clone(),
                date(authority.issue_date),
                authority.issuing_authority.clone(),
            ]),
        ));
        let application = &rep.written_application;
        out.push((
            33,
            items([
                date(application.date),
                application.number.clone().unwrap_or_default(),
            ]),
        ));
    }
    if let Some(mark) = s.defect_mark {
        let yes_no = |b: bool| if b { "Y" } else { "N" };
        let permanence = match mark.permanence {
            Permanence::Permanent => "PERMANENT",
            Permanence::Temporary | Permanence::ThisSitting => "TEMPORARY",
        };
        out.push((
            40,
            items([yes_no(mark.fingers), yes_no(mark.palms), permanence]),
        ));
    }
    let exceptions: Vec<String> = s
        .biometrics
        .iter()
        .filter(|b| b.capture.is_none())
        .filter_map(|b| {
            let reason = b.exception?;
            Some(items([
                b.position.code().to_string(),
                exception_code(reason).to_string(),
            ]))
        })
        .collect();
    if !exceptions.is_empty() {
        out.push((41, subfields(exceptions)));
    }
    let forced: Vec<String> = s
        .biometrics
        .iter()
        .filter(|b| b.capture.is_some() && b.force_captured)
        .map(|b| {
            items([
                b.position.code().to_string(),
                b.force_reason
                    .map_or("UNSTATED", |r| r.code())
                    .to_ascii_uppercase(),
            ])
        })
        .collect();
    if !forced.is_empty() {
        out.push((42, subfields(forced)));
    }
    // Prints whose images the registry acknowledged earlier and the
    // mission has since purged (retention): sent without an image record.
    let purged: Vec<String> = s
        .biometrics
        .iter()
        .filter(|b| b.capture.as_ref().is_some_and(|c| c.png.is_none()))
        .map(|b| b.position.code().to_string())
        .collect();
    if !purged.is_empty() {
        out.push((43, subfields(purged)));
    }
    out
}

/// A PNG of 8-bit grey (what the desk keeps) as pixels.
fn grey_pixels(png: &[u8], what: &str) -> Result<(u32, u32, Vec<u8>), ProfileError> {
    let image = image::load_from_memory_with_format(png, Format::Png)
        .map_err(|e| image_error(what, e))?
        .to_luma8();
    let (w, h) = image.dimensions();
    Ok((w, h, image.into_raw()))
}

fn position_name(position: Position) -> String {
    format!("position {}", position.code())
}

/// The Type-14 (finger) or Type-15 (palm) record of one position.
fn print_record(
    s: &Submission<'_>,
    ori: &str,
    idc: u8,
    record: &BiometricRecord,
) -> Result<Option<TaggedRecord>, ProfileError> {
    let (record_type, imp) = match (record.position, record.impression) {
        (Position::Palm(_), _) => (15u16, "10"),
        (Position::Finger(_), ImpressionKind::Rolled) => (14, "1"),
        (Position::Finger(_), _) => (14, "0"),
    };
    let fgp = record.position.code().to_string();
    let mut r = TaggedRecord::new(record_type);
    r.set(2, format!("{idc:02}"));
    r.set(3, imp);
    r.set(4, ori);
    let captured = record
        .captured_at
        .map_or(s.registered_on, |t| t.date_naive());
    r.set(5, date(captured));
    r.set(13, fgp.clone());
    match (&record.capture, record.exception) {
        // Delivered before and purged here (retention): 2.043 names it.
        // Neither taken nor excepted: nothing to send.
        (Some(CapturedImpression { png: None, .. }), _) | (None, None) => return Ok(None),
        (Some(capture @ CapturedImpression { png: Some(png), .. }), _) => {
            let what = position_name(record.position);
            let (w, h, pixels) = grey_pixels(png, &what)?;
            let data = wsq::encode(&pixels, w, h, capture.ppi, s.bitrate)
                .map_err(|e| image_error(&what, e))?;
            r.set(6, w.to_string());
            r.set(7, h.to_string());
            r.set(8, "1");
            r.set(9, capture.ppi.to_string());
            r.set(10, capture.ppi.to_string());
            r.set(11, "WSQ20");
            r.set(12, "8");
            if record_type == 14 {
                // NQM is NFIQ's scale, which Beder does not compute: 254
                // says so. FQM carries Beder's own 0–100 quality.
                r.set(22, items([fgp.as_str(), "254"]));
                r.set(24, quality_items(&fgp, capture.quality));
            } else {
                r.set(24, quality_items(&fgp, capture.quality));
            }
            r.set(IMAGE_FIELD, data);
        }
        (None, Some(reason)) => {
            r.set(18, items([fgp.as_str(), amputation_code(reason)]));
        }
    }
    Ok(Some(r))
}

/// FQM / PQM: position, the quality value, the algorithm's vendor (0000:
/// Beder has no CBEFF vendor number) and product (1: Beder's quality).
fn quality_items(fgp: &str, quality: u8) -> String {
    items([fgp, &quality.min(100).to_string(), "0000", "1"])
}

/// The Type-10 record of the photograph.
fn photo_record(
    s: &Submission<'_>,
    ori: &str,
    idc: u8,
    photo: &crate::model::EncodedImage,
) -> Result<TaggedRecord, ProfileError> {
    let (format, cga) = match photo.format {
        ImageFormat::Jpeg => (Format::Jpeg, "JPEGB"),
        ImageFormat::Png => (Format::Png, "PNG"),
    };
    let mut reader = ImageReader::with_format(std::io::Cursor::new(&photo.bytes), format);
    reader.no_limits();
    let decoder = reader.into_decoder().map_err(|e| image_error("photo", e))?;
    let (w, h) = image::ImageDecoder::dimensions(&decoder);
    let colour = image::ImageDecoder::color_type(&decoder);
    let csp = if colour.has_color() { "SRGB" } else { "GRAY" };
    let mut r = TaggedRecord::new(10);
    r.set(2, format!("{idc:02}"));
    r.set(3, "FACE");
    r.set(4, ori);
    r.set(5, date(s.registered_on));
    r.set(6, w.to_string());
    r.set(7, h.to_string());
    r.set(8, "0");
    r.set(9, "1");
    r.set(10, "1");
    r.set(11, cga);
    r.set(12, csp);
    // SAP 1: the subject acquisition profile is not stated.
    r.set(13, "1");
    r.set(IMAGE_FIELD, photo.bytes.clone());
    Ok(r)
}

/// The Type-8 record of a signature: the image made bi-level (ink = 1),
/// rows packed most significant bit first.
fn signature_record(idc: u8, sig: &crate::model::EncodedImage) -> Result<Record, ProfileError> {
    let format = match sig.format {
        ImageFormat::Jpeg => Format::Jpeg,
        ImageFormat::Png => Format::Png,
    };
    let grey = image::load_from_memory_with_format(&sig.bytes, format)
        .map_err(|e| image_error("signature", e))?
        .to_luma8();
    let (w, h) = grey.dimensions();
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(image_error("signature", format!("{w} × {h} is too large")));
    };
    let row_bytes = (w as usize).div_ceil(8);
    let mut data = vec![0u8; row_bytes * h as usize];
    for (x, y, p) in grey.enumerate_pixels() {
        if p.0[0] < 128 {
            data[y as usize * row_bytes + x as usize / 8] |= 0x80 >> (x % 8);
        }
    }
    // IDC, SIG 0 (the subject's), SRT 0 (scanned, uncompressed), ISR 0
    // (19.69 pixels per mm), HLL, VLL.
    let mut header = vec![idc, 0, 0, 0];
    header.extend_from_slice(&w16.to_be_bytes());
    header.extend_from_slice(&h16.to_be_bytes());
    Ok(Record::Binary(BinaryRecord {
        record_type: 8,
        header,
        data,
    }))
}

/// The Type-99 record carrying a finger's ISO/IEC 19794-2 template.
fn template_record(
    s: &Submission<'_>,
    ori: &str,
    idc: u8,
    record: &BiometricRecord,
    template: &[u8],
) -> TaggedRecord {
    let mut r = TaggedRecord::new(99);
    r.set(2, format!("{idc:02}"));
    r.set(4, ori);
    let captured = record
        .captured_at
        .map_or(s.registered_on, |t| t.date_naive());
    r.set(5, date(captured));
    // CBEFF header version 1.1, biometric type finger.
    r.set(100, "0101");
    r.set(101, "00000008");
    // Format owner ISO/IEC JTC 1 SC 37, format type finger minutiae record.
    r.set(103, "0101");
    r.set(104, "0002");
    r.set(IMAGE_FIELD, template.to_vec());
    r
}

/// Gives a transaction the outbox's control number (1.009) and names the
/// event it carries (2.006 EVT: `REGISTRATION`, `CORRECTION`,
/// `REFINGERPRINTING`, `REFUSAL`, `NON_COLLECTION`, `VERIFICATION`).
pub fn stamp(transaction: &mut Transaction, tcn: &str, event: &str) {
    for record in &mut transaction.records {
        if let Record::Tagged(r) = record {
            match r.record_type {
                1 => r.set(9, clean(tcn)),
                2 => r.set(6, clean(event)),
                _ => {}
            }
        }
    }
}

/// An event with no prints — a refusal (п.5), an exemption or not-subject
/// decision, a verification (п.11) — as Type-1 and Type-2 only: the
/// record's number (2.004), the event (2.006) and its data as JSON (2.050).
pub fn event_transaction(
    mission_code: &str,
    registry: Registry,
    training: bool,
    created_at: DateTime<Utc>,
    record_number: &str,
    data_json: &str,
) -> Result<Transaction, ProfileError> {
    let ori = originating_agency(mission_code)?;
    let mut type1 = TaggedRecord::new(1);
    type1.set(2, "0500");
    type1.set(4, transaction_type(registry, training));
    type1.set(5, date(created_at.date_naive()));
    type1.set(7, destination(registry));
    type1.set(8, ori.as_str());
    type1.set(11, "00.00");
    type1.set(12, "00.00");
    type1.set(13, items([DOMAIN, DOMAIN_VERSION]));
    type1.set(14, created_at.format("%Y%m%d%H%M%SZ").to_string());
    type1.set(15, items(["3", "UTF-8"]));
    let mut type2 = TaggedRecord::new(2);
    type2.set(2, "00");
    type2.set(
        3,
        match registry {
            Registry::Citizen => "CITIZEN",
            Registry::Foreigner => "FOREIGNER",
        },
    );
    type2.set(4, clean(record_number));
    // JSON escapes every control character: the separators cannot occur.
    type2.set(50, data_json);
    let mut transaction = Transaction {
        records: vec![Record::Tagged(type1), Record::Tagged(type2)],
    };
    transaction.set_content_field();
    Ok(transaction)
}

/// The registration as one transaction.
pub fn transaction(s: &Submission<'_>) -> Result<Transaction, ProfileError> {
    let ori = originating_agency(s.mission_code)?;
    let registry = s.personal.registry();
    let mut type1 = TaggedRecord::new(1);
    type1.set(2, "0500");
    type1.set(4, transaction_type(registry, s.training));
    type1.set(5, date(s.created_at.date_naive()));
    type1.set(7, destination(registry));
    type1.set(8, ori.as_str());
    type1.set(9, control_number(s)?);
    type1.set(11, "00.00");
    type1.set(12, "00.00");
    type1.set(13, items([DOMAIN, DOMAIN_VERSION]));
    type1.set(14, s.created_at.format("%Y%m%d%H%M%SZ").to_string());
    type1.set(15, items(["3", "UTF-8"]));

    let mut type2 = TaggedRecord::new(2);
    type2.set(2, "00");
    for (number, value) in type2_fields(s) {
        type2.set(number, value.into_bytes());
    }
    let mut records = vec![Record::Tagged(type1), Record::Tagged(type2)];
    let mut idc: u8 = 1;
    let (photo, signature) = match s.personal {
        PersonalData::Citizen(c) => (c.photo.as_ref(), c.signature.as_ref()),
        PersonalData::Foreigner(f) => (f.photo.as_ref(), None),
    };
    if let Some(photo) = photo {
        records.push(Record::Tagged(photo_record(s, &ori, idc, photo)?));
        idc += 1;
    }
    let mut templates = Vec::new();
    let mut ordered: Vec<&BiometricRecord> = s.biometrics.iter().collect();
    ordered.sort_by_key(|b| b.position.code());
    for record in ordered {
        if let Some(r) = print_record(s, &ori, idc, record)? {
            records.push(Record::Tagged(r));
            // A template goes with ISO's directions (a row stored before
            // they were ISO's is turned); one that cannot be read is left
            // out, and the registry extracts from the image beside it.
            if let Some(template) = record
                .capture
                .as_ref()
                .and_then(|c| c.template.as_ref())
                .and_then(|t| iso::stored_as_iso(&t.format, &t.data).ok())
            {
                templates.push(template_record(s, &ori, idc, record, &template));
            }
            idc += 1;
        }
    }
    if let Some(signature) = signature {
        records.push(signature_record(idc, signature)?);
    }
    records.extend(templates.into_iter().map(Record::Tagged));
    let mut transaction = Transaction { records };
    transaction.set_content_field();
    Ok(transaction)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ForeignerPersonalData;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn foreigner(surname: &str, authority: &str) -> PersonalData {
        PersonalData::Foreigner(ForeignerPersonalData {
            name: FullName {
                surname: surname.into(),
                name: "A".into(),
                patronymic: None,
            },
            birth_date: d(1990, 1, 2),
            sex: Sex::Female,
            citizenship: Some("FRA".into()),
            photo: None,
            identity_document: IdentityDocument {
                number: "P1".into(),
                issue_date: d(2020, 1, 1),
                expiry_date: d(2030, 1, 1),
                issuing_authority: authority.into(),
            },
        })
    }

    fn excepted(code: u8) -> BiometricRecord {
        BiometricRecord {
            position: Position::from_code(code)
                .unwrap_or(Position::Palm(crate::model::PalmPosition::RightFull)),
            impression: ImpressionKind::Flat,
            capture: None,
            exception: Some(ExceptionReason::Amputated),
            attempts: 0,
            force_captured: false,
            force_reason: None,
            device_id: None,
            captured_at: None,
        }
    }

    fn submission<'a>(
        personal: &'a PersonalData,
        officer: &'a FullName,
        biometrics: &'a [BiometricRecord],
        code: &'a str,
    ) -> Submission<'a> {
        Submission {
            registration_number: "F-000001",
            mission_code: code,
            training: false,
            created_at: DateTime::<Utc>::default(),
            registered_on: d(2026, 12, 1),
            basis: RegistrationBasis {
                paragraph_number: 3,
                paragraph_sub: 2,
                service: Service::Visa(VisaApplication::PaperAtMission),
            },
            officer,
            personal,
            personal_version: 1,
            biometrics,
            representative: None,
            defect_mark: None,
            bitrate: wsq::DEFAULT_BITRATE,
        }
    }

    fn type2_text(t: &Transaction, number: u32) -> Option<String> {
        t.records.iter().find_map(|r| match r {
            Record::Tagged(r) if r.record_type == 2 => r.field(number).map(|f| f.text()),
            _ => None,
        })
    }

    proptest! {
        /// Whatever an officer typed — separators, control characters,
        /// any script — the transaction reads back whole, with the text
        /// as typed less its control characters, and nothing shifted.
        #[test]
        fn typed_text_never_breaks_the_transaction(
            surname in "\\PC{0,20}[\\x1c-\\x1f\\t\\n]{0,3}\\PC{0,5}",
            authority in any::<String>(),
            code in "[A-Za-z0-9 ._-]{1,12}",
        ) {
            let personal = foreigner(&surname, &authority);
            let officer = FullName { surname: "O".into(), name: "F".into(), patronymic: None };
            let biometrics = [excepted(1), excepted(9)];
            let s = submission(&personal, &officer, &biometrics, &code);
            let t = match transaction(&s) {
                Ok(t) => t,
                // Only a code without a letter or digit has no ORI.
                Err(ProfileError::NoMissionCode) => {
                    prop_assert!(!code.chars().any(|c| c.is_ascii_alphanumeric()));
                    return Ok(());
                }
                Err(e) => return Err(TestCaseError::fail(e.to_string())),
            };
            let bytes = t.write();
            let back = Transaction::read(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back.records.len(), 4);
            prop_assert_eq!(
                type2_text(&back, 10),
                Some(format!("{}\u{1f}A\u{1f}", clean(&surname)))
            );
            let document = type2_text(&back, 18).unwrap_or_default();
            prop_assert_eq!(document.split('\u{1f}').count(), 4);
            let authority = clean(&authority);
            prop_assert_eq!(document.split('\u{1f}').next_back(), Some(authority.as_str()));
        }
    }

    #[test]
    fn the_amputation_code_separates_missing_from_unprintable() {
        assert_eq!(amputation_code(ExceptionReason::Amputated), "XX");
        for reason in [
            ExceptionReason::Bandaged,
            ExceptionReason::Injured,
            ExceptionReason::NoPapillaryPattern,
            ExceptionReason::UnprintableAtThisSitting,
        ] {
            assert_eq!(amputation_code(reason), "UP");
        }
    }

    #[test]
    fn a_damaged_stored_print_is_an_error_naming_its_position() {
        let personal = foreigner("B", "C");
        let officer = FullName {
            surname: "O".into(),
            name: "F".into(),
            patronymic: None,
        };
        let mut print = excepted(3);
        print.exception = None;
        print.capture = Some(CapturedImpression {
            png: Some(vec![0x89, b'P', b'N', b'G', 1, 2, 3]),
            ppi: 500,
            quality: 50,
            template: None,
        });
        let biometrics = [print];
        let s = submission(&personal, &officer, &biometrics, "X");
        match transaction(&s) {
            Err(ProfileError::Image { what, .. }) => assert_eq!(what, "position 3"),
            other => panic!("{other:?}"),
        }
    }
}
