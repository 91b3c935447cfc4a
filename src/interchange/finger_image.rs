//! ISO/IEC 19794-4:2011 finger image records: what an SBI registration
//! device returns for each finger (MOSIP asks for JPEG 2000 lossless inside
//! them; some devices send WSQ), and what Beder's own SBI device writes.
//!
//! Layout (big-endian): a 16-byte general header — `FIR\0`, version
//! `020\0`, the record's length (4), the number of representations (2),
//! the certification flag (1), the number of distinct positions (1) — then
//! each representation: its length (4), capture time (9: year 2, month,
//! day, hour, minute, second, milliseconds 2), device technology (1),
//! vendor (2), device type (2), quality blocks (count 1, then 5 bytes each:
//! score, vendor 2, algorithm 2), certification blocks when the flag is set
//! (count 1, then 3 bytes each), finger position (1), representation number
//! (1), scale units (1: 1 ppi, 2 ppcm), capture and image sampling rates
//! (2 each, horizontal and vertical), bit depth (1), compression (1),
//! impression type (1), width and height (2 each), the image's length (4)
//! and the image; extended data blocks may follow within the
//! representation's length and are skipped.
//!
//! Reading is bounded: every length is checked against what is there, a
//! record holds at most [`MAX_REPRESENTATIONS`], an image at most
//! [`wsq::MAX_PIXELS`] pixels — outside data never makes Beder allocate
//! without end.

use chrono::NaiveDateTime;

use super::bytes::{Reader, Truncated, read_capture, write_capture};
use super::wsq;

/// More than any device sends for one capture (ten fingers, two palms).
pub const MAX_REPRESENTATIONS: usize = 64;

/// How the image is coded (ISO/IEC 19794-4:2011, table 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Uncompressed,
    UncompressedPacked,
    Wsq,
    Jpeg,
    Jpeg2000Lossy,
    Jpeg2000Lossless,
    Png,
    Other(u8),
}

impl Compression {
    fn from_code(code: u8) -> Self {
        match code {
            0 => Compression::Uncompressed,
            1 => Compression::UncompressedPacked,
            2 => Compression::Wsq,
            3 => Compression::Jpeg,
            4 => Compression::Jpeg2000Lossy,
            5 => Compression::Jpeg2000Lossless,
            6 => Compression::Png,
            other => Compression::Other(other),
        }
    }

    fn code(self) -> u8 {
        match self {
            Compression::Uncompressed => 0,
            Compression::UncompressedPacked => 1,
            Compression::Wsq => 2,
            Compression::Jpeg => 3,
            Compression::Jpeg2000Lossy => 4,
            Compression::Jpeg2000Lossless => 5,
            Compression::Png => 6,
            Compression::Other(code) => code,
        }
    }
}

/// One finger (or slap, or palm) image of a record.
#[derive(Clone, PartialEq, Eq)]
pub struct FingerImage {
    pub captured_at: Option<NaiveDateTime>,
    /// The first quality block's score (0–100), if any; 255 ("failed")
    /// is read as none.
    pub quality: Option<u8>,
    /// ISO/IEC 19794-4 finger position: 0 unknown, 1–10 the fingers as in
    /// ANSI/NIST-ITL, 11–15 plain and slap images.
    pub position: u8,
    pub representation: u8,
    /// Pixels per inch (a record in pixels per centimetre is converted).
    pub ppi: u16,
    pub bit_depth: u8,
    pub compression: Compression,
    /// 0 live-scan plain, 1 live-scan rolled, …
    pub impression: u8,
    pub width: u16,
    pub height: u16,
    /// The image as coded.
    pub data: Vec<u8>,
}

impl std::fmt::Debug for FingerImage {
    // Biometric data never goes to logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FingerImage")
            .field("position", &self.position)
            .field("compression", &self.compression)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("ppi", &self.ppi)
            .field("quality", &self.quality)
            .field("bytes", &self.data.len())
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FingerImageError {
    #[error("not an ISO/IEC 19794-4 finger image record")]
    NotARecord,
    #[error("version {0:?} of ISO/IEC 19794-4 is not read (2011, \"020\", is)")]
    Version(String),
    #[error("the record is cut short at byte {0}")]
    Truncated(usize),
    #[error("the record's lengths do not add up ({0})")]
    Length(&'static str),
    #[error("too many representations ({0})")]
    TooMany(usize),
    #[error("the image is {0}×{1}: too large")]
    TooLarge(u32, u32),
    #[error("the image cannot be decoded: {0}")]
    Image(String),
    #[error("images coded as {0:?} are not read")]
    Unsupported(Compression),
}

impl From<Truncated> for FingerImageError {
    fn from(t: Truncated) -> Self {
        FingerImageError::Truncated(t.0)
    }
}

/// Reads every representation of a record.
pub fn decode(bytes: &[u8]) -> Result<Vec<FingerImage>, FingerImageError> {
    let mut r = Reader::new(bytes);
    if r.take(4).map_err(|_| FingerImageError::NotARecord)? != b"FIR\0" {
        return Err(FingerImageError::NotARecord);
    }
    let version = r.take(4)?;
    if version != b"020\0" {
        return Err(FingerImageError::Version(
            String::from_utf8_lossy(version)
                .trim_end_matches('\0')
                .to_string(),
        ));
    }
    let length = r.u32()? as usize;
    if length > bytes.len() {
        return Err(FingerImageError::Truncated(bytes.len()));
    }
    let count = usize::from(r.u16()?);
    if count > MAX_REPRESENTATIONS {
        return Err(FingerImageError::TooMany(count));
    }
    let certified = r.u8()? != 0;
    let _positions = r.u8()?;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let start = r.at;
        let rep_length = r.u32()? as usize;
        let end = start
            .checked_add(rep_length)
            .filter(|end| *end <= length)
            .ok_or(FingerImageError::Length(
                "a representation runs past the record",
            ))?;
        let (captured_at, quality) = read_capture(&mut r)?;
        if certified {
            let blocks = usize::from(r.u8()?);
            r.take(blocks * 3)?;
        }
        let position = r.u8()?;
        let representation = r.u8()?;
        let scale = r.u8()?;
        let _capture_h = r.u16()?;
        let _capture_v = r.u16()?;
        let image_h = r.u16()?;
        let _image_v = r.u16()?;
        let ppi = if scale == 2 {
            // Pixels per centimetre.
            u16::try_from((u32::from(image_h) * 254 + 50) / 100).unwrap_or(u16::MAX)
        } else {
            image_h
        };
        let bit_depth = r.u8()?;
        let compression = Compression::from_code(r.u8()?);
        let impression = r.u8()?;
        let width = r.u16()?;
        let height = r.u16()?;
        if u64::from(width) * u64::from(height) > wsq::MAX_PIXELS {
            return Err(FingerImageError::TooLarge(width.into(), height.into()));
        }
        let image_length = r.u32()? as usize;
        if r.at + image_length > end {
            return Err(FingerImageError::Length(
                "an image runs past its representation",
            ));
        }
        let data = r.take(image_length)?.to_vec();
        // Extended data (segmentation, annotation, comments): skipped.
        r.at = end;
        out.push(FingerImage {
            captured_at,
            quality,
            position,
            representation,
            ppi,
            bit_depth,
            compression,
            impression,
            width,
            height,
            data,
        });
    }
    Ok(out)
}

/// Writes a record of `images` (no certification blocks; one quality block
/// per image that has a score, algorithm and vendor unreported).
pub fn encode(images: &[FingerImage]) -> Vec<u8> {
    let mut reps = Vec::new();
    for image in images {
        let mut rep = Vec::with_capacity(image.data.len() + 64);
        rep.extend_from_slice(&0u32.to_be_bytes()); // its length, below
        write_capture(&mut rep, image.captured_at, image.quality);
        rep.push(image.position);
        rep.push(image.representation);
        rep.push(1); // pixels per inch
        for _ in 0..4 {
            rep.extend_from_slice(&image.ppi.to_be_bytes());
        }
        rep.push(image.bit_depth);
        rep.push(image.compression.code());
        rep.push(image.impression);
        rep.extend_from_slice(&image.width.to_be_bytes());
        rep.extend_from_slice(&image.height.to_be_bytes());
        rep.extend_from_slice(&u32::try_from(image.data.len()).unwrap_or(0).to_be_bytes());
        rep.extend_from_slice(&image.data);
        let length = u32::try_from(rep.len()).unwrap_or(u32::MAX).to_be_bytes();
        rep[..4].copy_from_slice(&length);
        reps.push(rep);
    }
    let mut positions: Vec<u8> = images.iter().map(|i| i.position).collect();
    positions.sort_unstable();
    positions.dedup();
    let total = 16 + reps.iter().map(Vec::len).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"FIR\x00020\x00");
    out.extend_from_slice(&u32::try_from(total).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(&u16::try_from(images.len()).unwrap_or(0).to_be_bytes());
    out.push(0); // no certification blocks
    out.push(u8::try_from(positions.len()).unwrap_or(u8::MAX));
    for rep in reps {
        out.extend_from_slice(&rep);
    }
    out
}

impl FingerImage {
    /// The image as 8-bit grey pixels, whatever the device coded it in.
    pub fn pixels(&self) -> Result<image::GrayImage, FingerImageError> {
        let bad = |e: String| FingerImageError::Image(e);
        let gray = match self.compression {
            Compression::Jpeg2000Lossless | Compression::Jpeg2000Lossy => {
                jpeg2000_pixels(&self.data)?
            }
            Compression::Wsq => {
                let decoded = wsq::decode(&self.data).map_err(|e| bad(e.to_string()))?;
                image::GrayImage::from_raw(decoded.width, decoded.height, decoded.pixels)
                    .ok_or_else(|| bad("WSQ pixels".into()))?
            }
            Compression::Png | Compression::Jpeg => {
                crate::biometrics::image::load_bytes(
                    &self.data,
                    std::path::Path::new("scanner"),
                    self.ppi,
                    crate::biometrics::image::LoadPolicy::ANY_FINGER,
                )
                .map_err(|e| bad(e.to_string()))?
                .image
            }
            Compression::Uncompressed if self.bit_depth == 8 => {
                image::GrayImage::from_raw(self.width.into(), self.height.into(), self.data.clone())
                    .ok_or_else(|| bad("fewer pixels than the header says".into()))?
            }
            other => return Err(FingerImageError::Unsupported(other)),
        };
        if gray.width() != u32::from(self.width) || gray.height() != u32::from(self.height) {
            return Err(FingerImageError::Image(format!(
                "{}×{} decoded, {}×{} declared",
                gray.width(),
                gray.height(),
                self.width,
                self.height
            )));
        }
        Ok(gray)
    }
}

/// Why a JPEG 2000 image was not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jpeg2000Error {
    /// Width and height: more pixels than allowed.
    TooLarge(u32, u32),
    Bad(String),
}

/// A JPEG 2000 codestream or JP2 file's 8-bit samples: width, height,
/// samples per pixel and the samples, interleaved; at most `max_pixels`.
pub fn jpeg2000_samples(
    data: &[u8],
    max_pixels: u64,
) -> Result<(u32, u32, usize, Vec<u8>), Jpeg2000Error> {
    let bad = |e: String| Jpeg2000Error::Bad(e);
    let settings = hayro_jpeg2000::DecodeSettings::default();
    let j2k = hayro_jpeg2000::Image::new(data, &settings).map_err(|e| bad(format!("{e:?}")))?;
    let (w, h) = (j2k.width(), j2k.height());
    if u64::from(w) * u64::from(h) > max_pixels {
        return Err(Jpeg2000Error::TooLarge(w, h));
    }
    let mut context = hayro_jpeg2000::DecoderContext::default();
    let decoded = j2k
        .decode(&mut context)
        .map_err(|e| bad(format!("{e:?}")))?;
    let samples = decoded.data_u8();
    let pixels = (w as usize) * (h as usize);
    let channels = samples.len().checked_div(pixels).unwrap_or(0);
    if channels == 0 || channels * pixels != samples.len() {
        return Err(bad("the samples do not fill the image".into()));
    }
    Ok((w, h, channels, samples))
}

/// A JPEG 2000 codestream or JP2 file as grey pixels (a colour image is
/// averaged).
pub fn jpeg2000_pixels(data: &[u8]) -> Result<image::GrayImage, FingerImageError> {
    let bad = |e: String| FingerImageError::Image(e);
    let (w, h, channels, samples) =
        jpeg2000_samples(data, wsq::MAX_PIXELS).map_err(|e| match e {
            Jpeg2000Error::Bad(e) => bad(e),
            Jpeg2000Error::TooLarge(w, h) => FingerImageError::TooLarge(w, h),
        })?;
    let gray = match channels {
        1 => samples,
        n if n >= 3 => samples
            .chunks_exact(n)
            .map(|c| ((u16::from(c[0]) + u16::from(c[1]) + u16::from(c[2])) / 3) as u8)
            .collect(),
        _ => return Err(bad("no grey or colour samples".into())),
    };
    image::GrayImage::from_raw(w, h, gray).ok_or_else(|| bad("sample count".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// A synthetic print (`tests/data/ridges-96x80.png`, made as 8-bit PGM) and what
    /// OpenJPEG 2.5's `opj_compress` made of it: lossless J2K and JP2, and
    /// lossy at 10:1.
    fn fixture(name: &str) -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
        std::fs::read(format!("{path}{name}")).unwrap_or_default()
    }

    fn original() -> image::GrayImage {
        image::load_from_memory(&fixture("ridges-96x80.png"))
            .map(|i| i.to_luma8())
            .unwrap_or_default()
    }

    fn sample(position: u8, compression: Compression, data: Vec<u8>) -> FingerImage {
        FingerImage {
            captured_at: NaiveDate::from_ymd_opt(2026, 12, 3)
                .and_then(|d| d.and_hms_milli_opt(10, 20, 30, 456)),
            quality: Some(77),
            position,
            representation: position,
            ppi: 500,
            bit_depth: 8,
            compression,
            impression: 0,
            width: 96,
            height: 80,
            data,
        }
    }

    #[test]
    fn lossless_jpeg2000_from_openjpeg_gives_back_every_pixel() {
        let original = original();
        assert_eq!(original.dimensions(), (96, 80));
        for name in ["ridges-96x80.j2k", "ridges-96x80.jp2"] {
            let record = encode(&[sample(2, Compression::Jpeg2000Lossless, fixture(name))]);
            let images = decode(&record);
            assert!(images.as_ref().is_ok_and(|i| i.len() == 1), "{images:?}");
            let image = &images.unwrap_or_default()[0];
            assert_eq!(
                (image.position, image.quality, image.ppi),
                (2, Some(77), 500)
            );
            assert_eq!(
                image.captured_at,
                sample(2, Compression::Png, Vec::new()).captured_at
            );
            let back = image.pixels();
            assert!(back.is_ok(), "{name}: {back:?}");
            assert!(
                back.is_ok_and(|b| b.as_raw() == original.as_raw()),
                "{name}: lossless"
            );
        }
        // Lossy (what authentication devices may send): close, not exact.
        let lossy = sample(
            2,
            Compression::Jpeg2000Lossy,
            fixture("ridges-96x80-lossy.j2k"),
        );
        let back = lossy.pixels().unwrap_or_default();
        let error: f64 = back
            .as_raw()
            .iter()
            .zip(original.as_raw())
            .map(|(a, b)| f64::from(a.abs_diff(*b)))
            .sum::<f64>()
            / f64::from(96 * 80);
        assert!(back.width() == 96 && error < 8.0, "mean error {error}");
    }

    #[test]
    fn wsq_and_raw_images_are_read_too() {
        let original = original();
        let wsq = wsq::encode(original.as_raw(), 96, 80, 500, wsq::DEFAULT_BITRATE);
        assert!(wsq.is_ok());
        let image = sample(3, Compression::Wsq, wsq.unwrap_or_default());
        assert_eq!(image.pixels().map(|p| p.dimensions()), Ok((96, 80)));
        let raw = sample(3, Compression::Uncompressed, original.as_raw().clone());
        assert!(raw.pixels().is_ok_and(|p| p == original));
    }

    #[test]
    fn cut_or_lying_records_are_refused() {
        let j2k = fixture("ridges-96x80.j2k");
        let record = encode(&[
            sample(1, Compression::Jpeg2000Lossless, j2k.clone()),
            sample(6, Compression::Jpeg2000Lossless, j2k),
        ]);
        assert_eq!(decode(&record).map(|i| i.len()), Ok(2));
        for cut in [3, 15, 40, record.len() - 1] {
            assert!(decode(&record[..cut]).is_err(), "cut at {cut}");
        }
        let mut lying = record.clone();
        lying[19] = 0xff; // a representation longer than the record
        assert!(decode(&lying).is_err());
        let mut old = record;
        old[4..8].copy_from_slice(b"010\0");
        assert_eq!(decode(&old), Err(FingerImageError::Version("010".into())));
        assert_eq!(decode(b"FMR\x00020\x00"), Err(FingerImageError::NotARecord));
    }

    #[test]
    fn declared_sizes_that_do_not_match_the_image_are_refused() {
        let mut image = sample(
            1,
            Compression::Jpeg2000Lossless,
            fixture("ridges-96x80.j2k"),
        );
        image.width = 100;
        assert!(matches!(image.pixels(), Err(FingerImageError::Image(_))));
    }
}
