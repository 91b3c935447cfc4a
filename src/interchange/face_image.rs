//! ISO/IEC 19794-5 face image records: what an SBI `Face` device returns
//! for the п.7 photograph (MOSIP asks for the 2011 edition with lossless
//! JPEG 2000 inside; the 2005 edition and JPEG are still met), and what
//! Beder's own SBI device writes.
//!
//! Layout (big-endian). **2011** (`FAC\0`, `030\0`): a 17-byte general
//! header — format and version (4 each), the record's length (4), the
//! number of representations (2), the certification flag (1), temporal
//! semantics (2); then each representation: its length (4), capture time
//! (9: year 2, month, day, hour, minute, second, milliseconds 2), device
//! technology (1), vendor (2), device type (2), quality blocks (count 1,
//! then 5 bytes each: score, vendor 2, algorithm 2), the facial
//! information (17: landmark count 2, gender, eye colour, hair colour,
//! subject height, property mask 3, expression 2, pose angle 3, its
//! uncertainty 3), the landmark points (8 bytes each), the image
//! information (11: face image type, image data type, width 2, height 2,
//! spatial sampling rate level, post-acquisition processing 2, cross
//! reference, colour space) and the image, to the representation's end.
//! **2005** (`010\0`): a 14-byte general header (format, version, length
//! 4, number of images 2); each image: its block length (4), the facial
//! information (16: landmark count 2, gender, eye, hair, property mask 3,
//! expression 2, pose 3, uncertainty 3), landmarks (8 bytes each), the
//! image information (12: face image type, image data type, width 2,
//! height 2, colour space, source type, device type 2, quality 2) and the
//! image.
//!
//! Reading is bounded like the finger records': every length is checked
//! against what is there, at most [`MAX_REPRESENTATIONS`], an image at
//! most [`MAX_PIXELS`]. 3-D representations (face image type 0x80 and up)
//! are refused: a passport photograph is two-dimensional.

use chrono::NaiveDateTime;

use super::bytes::{Reader, Truncated, read_capture, write_capture};
use super::finger_image::{Jpeg2000Error, jpeg2000_samples};

/// More than any camera sends for one photograph.
pub const MAX_REPRESENTATIONS: usize = 16;

/// 40 megapixels: more than a registration camera takes.
pub const MAX_PIXELS: u64 = 40_000_000;

/// How the image is coded (2011: table 10; 2005 knows JPEG and JPEG 2000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaceCoding {
    Jpeg,
    Jpeg2000Lossy,
    Jpeg2000Lossless,
    Png,
    Other(u8),
}

impl FaceCoding {
    fn from_code(code: u8, edition_2005: bool) -> Self {
        match (code, edition_2005) {
            (0, _) => FaceCoding::Jpeg,
            // The 2005 edition has one JPEG 2000 code; the 2011 edition
            // tells lossy (1) from lossless (2).
            (1, true) | (2, false) => FaceCoding::Jpeg2000Lossless,
            (1, false) => FaceCoding::Jpeg2000Lossy,
            (3, false) => FaceCoding::Png,
            (other, _) => FaceCoding::Other(other),
        }
    }

    fn code(self) -> u8 {
        match self {
            FaceCoding::Jpeg => 0,
            FaceCoding::Jpeg2000Lossy => 1,
            FaceCoding::Jpeg2000Lossless => 2,
            FaceCoding::Png => 3,
            FaceCoding::Other(code) => code,
        }
    }
}

/// One facial image of a record.
#[derive(Clone, PartialEq, Eq)]
pub struct FaceImage {
    pub captured_at: Option<NaiveDateTime>,
    /// The first quality block's score (0–100), if any.
    pub quality: Option<u8>,
    /// Face image type: 0 basic, 1 full frontal, 2 token frontal.
    pub image_type: u8,
    pub coding: FaceCoding,
    pub width: u16,
    pub height: u16,
    pub data: Vec<u8>,
}

impl std::fmt::Debug for FaceImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A photograph is personal data: its size only.
        f.debug_struct("FaceImage")
            .field("coding", &self.coding)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("bytes", &self.data.len())
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FaceImageError {
    #[error("not an ISO/IEC 19794-5 face image record")]
    NotARecord,
    #[error("version {0:?} of ISO/IEC 19794-5 is not read (2005 \"010\" and 2011 \"030\" are)")]
    Version(String),
    #[error("the record is cut short at byte {0}")]
    Truncated(usize),
    #[error("the record's lengths do not add up ({0})")]
    Length(&'static str),
    #[error("too many representations ({0})")]
    TooMany(usize),
    #[error("the image is {0}×{1}: too large")]
    TooLarge(u32, u32),
    #[error("a three-dimensional face representation is not read")]
    ThreeDimensional,
    #[error("the image cannot be decoded: {0}")]
    Image(String),
}

impl From<Truncated> for FaceImageError {
    fn from(t: Truncated) -> Self {
        FaceImageError::Truncated(t.0)
    }
}

/// Reads every facial image of a record, of either edition.
pub fn decode(bytes: &[u8]) -> Result<Vec<FaceImage>, FaceImageError> {
    let mut r = Reader::new(bytes);
    if r.take(4).map_err(|_| FaceImageError::NotARecord)? != b"FAC\0" {
        return Err(FaceImageError::NotARecord);
    }
    let version = r.take(4)?;
    let edition_2005 = match version {
        b"010\0" => true,
        b"030\0" => false,
        other => {
            return Err(FaceImageError::Version(
                String::from_utf8_lossy(other)
                    .trim_end_matches('\0')
                    .to_string(),
            ));
        }
    };
    let length = r.u32()? as usize;
    if length > bytes.len() {
        return Err(FaceImageError::Truncated(bytes.len()));
    }
    let count = usize::from(r.u16()?);
    if count > MAX_REPRESENTATIONS {
        return Err(FaceImageError::TooMany(count));
    }
    if !edition_2005 {
        let _certification = r.u8()?;
        let _temporal = r.u16()?;
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let start = r.at;
        let rep_length = r.u32()? as usize;
        let end = start
            .checked_add(rep_length)
            .filter(|end| *end <= length)
            .ok_or(FaceImageError::Length(
                "a representation runs past the record",
            ))?;
        let (mut captured_at, mut quality) = (None, None);
        if !edition_2005 {
            (captured_at, quality) = read_capture(&mut r)?;
        }
        let landmarks = usize::from(r.u16()?);
        // Gender, eye and hair colour (and, 2011, subject height), the
        // property mask, expression, pose and its uncertainty.
        r.take(if edition_2005 { 14 } else { 15 })?;
        r.take(landmarks * 8)?;
        let image_type = r.u8()?;
        if image_type >= 0x80 {
            return Err(FaceImageError::ThreeDimensional);
        }
        let coding = FaceCoding::from_code(r.u8()?, edition_2005);
        let width = r.u16()?;
        let height = r.u16()?;
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(FaceImageError::TooLarge(width.into(), height.into()));
        }
        if edition_2005 {
            // Colour space, source type, device type (2); then quality (2).
            r.take(4)?;
            let score = r.u16()?;
            quality = u8::try_from(score).ok().filter(|q| *q > 0 && *q <= 100);
        } else {
            // Sampling rate level, post-acquisition processing (2), cross
            // reference, colour space.
            r.take(5)?;
        }
        if r.at > end {
            return Err(FaceImageError::Length(
                "a representation's header runs past its length",
            ));
        }
        let data = r.take(end - r.at)?.to_vec();
        out.push(FaceImage {
            captured_at,
            quality,
            image_type,
            coding,
            width,
            height,
            data,
        });
    }
    Ok(out)
}

/// Writes a 2011 record of `images` (full frontal, no landmarks; one
/// quality block per image that has a score).
pub fn encode(images: &[FaceImage]) -> Vec<u8> {
    let mut reps = Vec::new();
    for image in images {
        let mut rep = Vec::with_capacity(image.data.len() + 64);
        rep.extend_from_slice(&0u32.to_be_bytes()); // its length, below
        write_capture(&mut rep, image.captured_at, image.quality);
        rep.extend_from_slice(&0u16.to_be_bytes()); // no landmark points
        // Gender, eyes, hair, height unspecified; property mask, expression,
        // pose and uncertainty unspecified.
        rep.extend_from_slice(&[0u8; 15]);
        rep.push(image.image_type);
        rep.push(image.coding.code());
        rep.extend_from_slice(&image.width.to_be_bytes());
        rep.extend_from_slice(&image.height.to_be_bytes());
        rep.push(0); // spatial sampling rate level: unspecified
        rep.extend_from_slice(&0u16.to_be_bytes()); // post-acquisition: none
        rep.push(0); // cross reference: basic
        rep.push(1); // colour space: 24-bit sRGB
        rep.extend_from_slice(&image.data);
        let length = u32::try_from(rep.len()).unwrap_or(u32::MAX).to_be_bytes();
        rep[..4].copy_from_slice(&length);
        reps.push(rep);
    }
    let total = 17 + reps.iter().map(Vec::len).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"FAC\x00030\x00");
    out.extend_from_slice(&u32::try_from(total).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(&u16::try_from(images.len()).unwrap_or(0).to_be_bytes());
    out.push(0); // certification: unspecified
    out.extend_from_slice(&0u16.to_be_bytes()); // temporal semantics: one image
    for rep in reps {
        out.extend_from_slice(&rep);
    }
    out
}

/// What the image's first bytes say it is.
fn sniff(data: &[u8]) -> Option<FaceCoding> {
    if data.starts_with(&[0xFF, 0xD8]) {
        Some(FaceCoding::Jpeg)
    } else if data.starts_with(b"\x89PNG") {
        Some(FaceCoding::Png)
    } else if data.starts_with(&[0xFF, 0x4F, 0xFF, 0x51])
        || data.starts_with(b"\x00\x00\x00\x0cjP  \r\n\x87\n")
    {
        Some(FaceCoding::Jpeg2000Lossless)
    } else {
        None
    }
}

impl FaceImage {
    /// The photograph as 8-bit RGB. The coding is read from the image's
    /// own signature (devices label lossy and lossless JPEG 2000, and
    /// JPEG 2000 and JPEG, loosely); the declared size must match.
    pub fn pixels(&self) -> Result<image::RgbImage, FaceImageError> {
        let bad = |e: String| FaceImageError::Image(e);
        let coding = sniff(&self.data).unwrap_or(self.coding);
        let rgb = match coding {
            FaceCoding::Jpeg2000Lossless | FaceCoding::Jpeg2000Lossy => {
                let (w, h, channels, samples) =
                    jpeg2000_samples(&self.data, MAX_PIXELS).map_err(|e| match e {
                        Jpeg2000Error::TooLarge(w, h) => FaceImageError::TooLarge(w, h),
                        Jpeg2000Error::Bad(e) => bad(e),
                    })?;
                let rgb: Vec<u8> = match channels {
                    1 => samples.iter().flat_map(|&g| [g, g, g]).collect(),
                    n if n >= 3 => samples
                        .chunks_exact(n)
                        .flat_map(|c| [c[0], c[1], c[2]])
                        .collect(),
                    _ => return Err(bad("no grey or colour samples".into())),
                };
                image::RgbImage::from_raw(w, h, rgb).ok_or_else(|| bad("sample count".into()))?
            }
            FaceCoding::Jpeg | FaceCoding::Png => {
                let format = if coding == FaceCoding::Jpeg {
                    image::ImageFormat::Jpeg
                } else {
                    image::ImageFormat::Png
                };
                let mut reader =
                    image::ImageReader::with_format(std::io::Cursor::new(&self.data[..]), format);
                let mut limits = image::Limits::default();
                limits.max_image_width = Some(u32::from(u16::MAX));
                limits.max_image_height = Some(u32::from(u16::MAX));
                limits.max_alloc = Some(MAX_PIXELS * 4);
                reader.limits(limits);
                reader.decode().map_err(|e| bad(e.to_string()))?.to_rgb8()
            }
            FaceCoding::Other(code) => {
                return Err(bad(format!("image data type {code} is not known")));
            }
        };
        if rgb.width() != u32::from(self.width) || rgb.height() != u32::from(self.height) {
            return Err(bad(format!(
                "{}×{} decoded, {}×{} declared",
                rgb.width(),
                rgb.height(),
                self.width,
                self.height
            )));
        }
        Ok(rgb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn portrait() -> image::RgbImage {
        image::RgbImage::from_fn(48, 64, |x, y| {
            image::Rgb([(x * 5) as u8, (y * 3) as u8, 128])
        })
    }

    fn png(image: &image::RgbImage) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("writing to memory");
        out.into_inner()
    }

    fn sample(data: Vec<u8>, coding: FaceCoding) -> FaceImage {
        FaceImage {
            captured_at: NaiveDate::from_ymd_opt(2026, 12, 3)
                .and_then(|d| d.and_hms_milli_opt(10, 11, 12, 345)),
            quality: Some(77),
            image_type: 1,
            coding,
            width: 48,
            height: 64,
            data,
        }
    }

    #[test]
    fn a_2011_record_round_trips_with_its_pixels() {
        let original = portrait();
        let record = encode(&[sample(png(&original), FaceCoding::Png)]);
        assert_eq!(&record[..8], b"FAC\x00030\x00");
        assert_eq!(
            u32::from_be_bytes([record[8], record[9], record[10], record[11]]) as usize,
            record.len()
        );
        let decoded = decode(&record).expect("decodes");
        assert_eq!(decoded, vec![sample(png(&original), FaceCoding::Png)]);
        assert_eq!(decoded[0].pixels().expect("pixels"), original);
    }

    #[test]
    fn a_2005_record_with_landmarks_and_jpeg_2000_is_read() {
        // A grey JPEG 2000 codestream made by OpenJPEG (the finger fixture):
        // the 2005 edition calls it type 1.
        let j2k = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ridges-96x80.j2k"),
        )
        .expect("fixture");
        let mut rep = Vec::new();
        rep.extend_from_slice(&0u32.to_be_bytes());
        rep.extend_from_slice(&2u16.to_be_bytes()); // two landmark points
        rep.extend_from_slice(&[1, 3, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
        rep.extend_from_slice(&[1, 0x0C, 0, 10, 0, 20, 0, 0]);
        rep.extend_from_slice(&[1, 0x0D, 0, 30, 0, 20, 0, 0]);
        rep.extend_from_slice(&[1, 1, 0, 96, 0, 80, 1, 2, 0, 0, 0, 60]);
        rep.extend_from_slice(&j2k);
        let rep_len = rep.len() as u32;
        rep[..4].copy_from_slice(&rep_len.to_be_bytes());
        let mut record = b"FAC\x00010\x00".to_vec();
        record.extend_from_slice(&(14 + rep_len).to_be_bytes());
        record.extend_from_slice(&1u16.to_be_bytes());
        record.extend_from_slice(&rep);
        let decoded = decode(&record).expect("decodes");
        assert_eq!(decoded.len(), 1);
        assert_eq!(decoded[0].coding, FaceCoding::Jpeg2000Lossless);
        assert_eq!(decoded[0].quality, Some(60));
        assert_eq!((decoded[0].width, decoded[0].height), (96, 80));
        let rgb = decoded[0].pixels().expect("pixels");
        let gray = image::open(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ridges-96x80.png"),
        )
        .expect("fixture")
        .to_luma8();
        assert!(
            rgb.pixels()
                .zip(gray.pixels())
                .all(|(c, g)| c.0 == [g.0[0]; 3])
        );
    }

    #[test]
    fn cut_lying_and_three_dimensional_records_are_refused() {
        let record = encode(&[sample(png(&portrait()), FaceCoding::Png)]);
        assert_eq!(decode(b"FIR\x00020\x00"), Err(FaceImageError::NotARecord));
        assert!(matches!(
            decode(b"FAC\x00040\x00\0\0\0\x11\0\x01"),
            Err(FaceImageError::Version(v)) if v == "040"
        ));
        for cut in [10, 20, 40, record.len() - 1] {
            assert!(decode(&record[..cut]).is_err(), "cut at {cut}");
        }
        let mut lying = record.clone();
        lying[17..21].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(
            decode(&lying),
            Err(FaceImageError::Length(
                "a representation runs past the record"
            ))
        );
        let mut many = record.clone();
        many[12..14].copy_from_slice(&1000u16.to_be_bytes());
        assert_eq!(decode(&many), Err(FaceImageError::TooMany(1000)));
        let mut three_d = record.clone();
        // The face image type follows 17 + 4 + 9 + 5 + 6 (quality) + 17.
        three_d[17 + 4 + 9 + 5 + 6 + 17] = 0x81;
        assert_eq!(decode(&three_d), Err(FaceImageError::ThreeDimensional));
        let mut wrong_size = decode(&record).expect("decodes");
        wrong_size[0].width = 50;
        assert!(matches!(
            wrong_size[0].pixels(),
            Err(FaceImageError::Image(_))
        ));
    }
}
