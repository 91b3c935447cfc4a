//! Minutiae extraction: ridge enhancement, then the MINDTCT port, into our
//! own template.

use thiserror::Error;

use super::image::FingerImage;
use super::template::FingerTemplate;

/// MINDTCT's thresholds are tuned for 500 ppi: other resolutions are
/// resampled to it first.
pub const WORKING_PPI: u16 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
/// Why minutiae cannot be extracted.
pub enum ExtractError {
    #[error("the image is too small for minutiae detection ({width}×{height})")]
    /// Smaller than the detector's blocks allow.
    TooSmall {
        /// Its width, pixels.
        width: u32,
        /// Its height, pixels.
        height: u32,
    },
    #[error("the image is too large for minutiae detection ({width}×{height})")]
    /// Larger than a finger image can be.
    TooLarge {
        /// Its width, pixels.
        width: u32,
        /// Its height, pixels.
        height: u32,
    },
    /// The minutiae detector (a port of NIST's MINDTCT) failed on this
    /// image; the impression is refused, the kiosk goes on.
    #[error("the minutiae detector failed on this image")]
    DetectorFailed,
}

impl ExtractError {
    /// The Fluent message id of the error.
    pub fn message_key(&self) -> &'static str {
        match self {
            ExtractError::TooSmall { .. } => "extract-error-too-small",
            ExtractError::TooLarge { .. } => "extract-error-too-large",
            ExtractError::DetectorFailed => "extract-error-detector",
        }
    }
}

/// The largest side of an image at the working resolution: the loader's
/// limit holds *after* resampling (a 4000 × 4000 image declared at 250 ppi
/// would become 8000 × 8000).
pub const MAX_WORKING_SIDE: u32 = super::image::MAX_FINGER_SIDE;

/// What extraction may use at most, in bytes: the enhancement's planes and
/// MINDTCT's maps take about [`BYTES_PER_WORKING_PIXEL`] a pixel.
pub const EXTRACTION_BUDGET_BYTES: u64 = 512 * 1024 * 1024;

/// Peak memory of an extraction per pixel at the working resolution:
/// measured 659 MB peak resident for a 4000 × 4000 image (16 Mpx, with
/// the 25 MB the process takes anyway), about 40 bytes a pixel. With the
/// budget, the largest image extracted is about 13 Mpx (3,660 × 3,660 at
/// 500 ppi; a palm at 500 ppi is about 2,500 × 2,500).
pub const BYTES_PER_WORKING_PIXEL: u64 = 40;

/// The size an image takes at the working resolution.
pub fn working_size(image: &FingerImage) -> (u64, u64) {
    if image.ppi == WORKING_PPI || image.ppi == 0 {
        return (u64::from(image.width()), u64::from(image.height()));
    }
    let scale = f64::from(WORKING_PPI) / f64::from(image.ppi);
    (
        ((f64::from(image.width()) * scale).round() as u64).max(1),
        ((f64::from(image.height()) * scale).round() as u64).max(1),
    )
}

/// Refuses an image whose working-resolution copy would be over the side
/// limit or the memory budget, before anything is allocated for it.
pub fn check_working_size(image: &FingerImage) -> Result<(), ExtractError> {
    let (w, h) = working_size(image);
    let too_large = ExtractError::TooLarge {
        width: u32::try_from(w).unwrap_or(u32::MAX),
        height: u32::try_from(h).unwrap_or(u32::MAX),
    };
    if w > u64::from(MAX_WORKING_SIDE) || h > u64::from(MAX_WORKING_SIDE) {
        return Err(too_large);
    }
    if w * h * BYTES_PER_WORKING_PIXEL > EXTRACTION_BUDGET_BYTES {
        return Err(too_large);
    }
    Ok(())
}

/// The image at the working resolution. Call [`check_working_size`]
/// first: this resamples whatever it is given.
pub fn at_working_resolution(image: &FingerImage) -> FingerImage {
    if image.ppi == WORKING_PPI || image.ppi == 0 {
        return image.clone();
    }
    let scale = f64::from(WORKING_PPI) / f64::from(image.ppi);
    let w = ((f64::from(image.width()) * scale).round() as u32).max(1);
    let h = ((f64::from(image.height()) * scale).round() as u32).max(1);
    FingerImage {
        image: image::imageops::resize(&image.image, w, h, image::imageops::FilterType::Triangle),
        ppi: WORKING_PPI,
    }
}

/// Detects the minutiae of an impression.
pub fn extract(image: &FingerImage) -> Result<FingerTemplate, ExtractError> {
    check_working_size(image)?;
    let working = at_working_resolution(image);
    let (w, h) = (working.width(), working.height());
    // Ridges are enhanced first (see `enhance`): on the four FVC sets this
    // halved the matchers' equal error rates.
    let enhanced = super::enhance::enhance(working.image.as_raw(), w as usize, h as usize);
    let gray =
        fprint_mindtct::GrayImage::new(&enhanced.pixels, w as usize, h as usize, WORKING_PPI)
            .map_err(|e| match e {
                fprint_mindtct::ImageError::TooLarge { .. } => ExtractError::TooLarge {
                    width: w,
                    height: h,
                },
                _ => ExtractError::TooSmall {
                    width: w,
                    height: h,
                },
            })?;
    // A panic left in the port (it indexes its buffers) is an error for
    // this impression, never a crash of the kiosk.
    let mut found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        fprint_mindtct::detect_typed_minutiae(gray)
    }))
    .map_err(|_| ExtractError::DetectorFailed)?;
    // A ridge cut by the print's edge (or the image's) ends there without
    // a minutia: MINDTCT, seeing ridges stop at the flat background, marks
    // one at every such ridge. Keeping only points a block inside the print
    // lowered the EER on four of the five development sets and the mean
    // over every four of them (UPEK 1.34 → 0.25 %, FVC2002 DB1 3.22 →
    // 2.50 %; FVC2000 DB2, the smallest sensor, 1.74 → 2.15 %: one pair).
    let (iw, ih) = (i64::from(w), i64::from(h));
    found.retain(|(m, _)| {
        // MINDTCT's y is upward.
        let (x, y) = (i64::from(m.x), ih - 1 - i64::from(m.y));
        (0..iw).contains(&x)
            && (0..ih).contains(&y)
            && enhanced.inside(x as usize, y as usize, super::enhance::EDGE_MARGIN)
    });
    // The same template as a record of it reads back (reading removes
    // near-duplicates): what is matched live and what is stored agree.
    Ok(FingerTemplate::from_mindtct(&found, w, h, WORKING_PPI).without_near_duplicates())
}
