//! Minutiae extraction: ridge enhancement, then the MINDTCT port, into our
//! own template.

use thiserror::Error;

use super::image::FingerImage;
use super::template::FingerTemplate;

/// MINDTCT's thresholds are tuned for 500 ppi: other resolutions are
/// resampled to it first.
pub const WORKING_PPI: u16 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExtractError {
    #[error("the image is too small for minutiae detection ({width}×{height})")]
    TooSmall { width: u32, height: u32 },
    #[error("the image is too large for minutiae detection ({width}×{height})")]
    TooLarge { width: u32, height: u32 },
}

impl ExtractError {
    pub fn message_key(&self) -> &'static str {
        match self {
            ExtractError::TooSmall { .. } => "extract-error-too-small",
            ExtractError::TooLarge { .. } => "extract-error-too-large",
        }
    }
}

/// The image at the working resolution.
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
    let working = at_working_resolution(image);
    let (w, h) = (working.width(), working.height());
    // Ridges are enhanced first (see `enhance`): on the four FVC sets this
    // halved the matchers' equal error rates.
    let enhanced = super::enhance::enhance(working.image.as_raw(), w as usize, h as usize);
    let gray = fprint_mindtct::GrayImage::new(&enhanced, w as usize, h as usize, WORKING_PPI)
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
    let found = fprint_mindtct::detect_minutiae(gray);
    Ok(FingerTemplate::from_mindtct(&found, w, h, WORKING_PPI))
}
