//! Fingerprint images: 8-bit grayscale with an explicit resolution, loaded
//! from PNG, TIFF, BMP or JPEG with the size checked *before* decoding, so
//! that a file declaring 50,000 × 50,000 pixels is refused instead of
//! exhausting memory.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, GrayImage, ImageReader, Limits};
use thiserror::Error;

/// The resolution assumed when none is given.
pub const DEFAULT_PPI: u16 = 500;

/// Largest side accepted for a finger image (8 inches at 500 ppi is already
/// far beyond any sensor).
pub const MAX_FINGER_SIDE: u32 = 4000;
/// Largest side accepted for a palm image.
pub const MAX_PALM_SIDE: u32 = 8000;

/// What to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadPolicy {
    pub max_side: u32,
    /// Refuse anything but 8-bit grayscale (a device's output must be);
    /// otherwise colour and 16-bit images are converted.
    pub require_8bit_gray: bool,
}

impl LoadPolicy {
    pub const DEVICE_FINGER: LoadPolicy = LoadPolicy {
        max_side: MAX_FINGER_SIDE,
        require_8bit_gray: true,
    };
    pub const DEVICE_PALM: LoadPolicy = LoadPolicy {
        max_side: MAX_PALM_SIDE,
        require_8bit_gray: true,
    };
    pub const ANY_FINGER: LoadPolicy = LoadPolicy {
        max_side: MAX_FINGER_SIDE,
        require_8bit_gray: false,
    };
}

/// Why an image could not be loaded.
#[derive(Debug, Error)]
pub enum ImageLoadError {
    #[error("{path}: cannot be read: {detail}")]
    Unreadable { path: PathBuf, detail: String },
    #[error("{path}: not an image (PNG, TIFF, BMP or JPEG)")]
    NotAnImage { path: PathBuf },
    #[error("{path}: empty image ({width}×{height})")]
    Empty {
        path: PathBuf,
        width: u32,
        height: u32,
    },
    #[error("{path}: {width}×{height} pixels is larger than the {max}-pixel limit")]
    TooLarge {
        path: PathBuf,
        width: u32,
        height: u32,
        max: u32,
    },
    #[error("{path}: not an 8-bit grayscale image ({found})")]
    WrongBitDepth { path: PathBuf, found: String },
    #[error("{path}: the image data are damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },
}

impl ImageLoadError {
    pub fn message_key(&self) -> &'static str {
        match self {
            ImageLoadError::Unreadable { .. } => "image-error-unreadable",
            ImageLoadError::NotAnImage { .. } => "image-error-not-an-image",
            ImageLoadError::Empty { .. } => "image-error-empty",
            ImageLoadError::TooLarge { .. } => "image-error-too-large",
            ImageLoadError::WrongBitDepth { .. } => "image-error-bit-depth",
            ImageLoadError::Damaged { .. } => "image-error-damaged",
        }
    }
}

/// An 8-bit grayscale fingerprint image and its resolution.
#[derive(Clone, PartialEq, Eq)]
pub struct FingerImage {
    pub image: GrayImage,
    pub ppi: u16,
}

impl std::fmt::Debug for FingerImage {
    // Never dump pixels into logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FingerImage({}×{} @ {} ppi)",
            self.image.width(),
            self.image.height(),
            self.ppi
        )
    }
}

impl FingerImage {
    pub fn width(&self) -> u32 {
        self.image.width()
    }

    pub fn height(&self) -> u32 {
        self.image.height()
    }

    /// Lossless PNG bytes.
    pub fn to_png(&self) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        // Writing an in-memory L8 image as PNG cannot fail but for memory.
        let _ = self.image.write_to(&mut out, image::ImageFormat::Png);
        out.into_inner()
    }
}

/// Loads an image file.
pub fn load_file(path: &Path, ppi: u16, policy: LoadPolicy) -> Result<FingerImage, ImageLoadError> {
    let bytes = std::fs::read(path).map_err(|e| ImageLoadError::Unreadable {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    load_bytes(&bytes, path, ppi, policy)
}

/// Loads an image from memory; `path` only names it in errors.
pub fn load_bytes(
    bytes: &[u8],
    path: &Path,
    ppi: u16,
    policy: LoadPolicy,
) -> Result<FingerImage, ImageLoadError> {
    let reader = || -> Result<ImageReader<Cursor<&[u8]>>, ImageLoadError> {
        let reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| ImageLoadError::Unreadable {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })?;
        if reader.format().is_none() {
            return Err(ImageLoadError::NotAnImage {
                path: path.to_path_buf(),
            });
        }
        Ok(reader)
    };
    // 1. The declared size, from the header only (for a PNG straight from
    // its IHDR: the decoder refuses a zero side, and reads on past the
    // header, before saying what the size is).
    let (width, height) = match png_declared_size(bytes) {
        Some(size) => size,
        None => reader()?
            .into_dimensions()
            .map_err(|e| damaged_or_not_image(path, e))?,
    };
    check_size(path, width, height, policy.max_side)?;
    // 2. Decode under limits that hold the declared size.
    let mut reader = reader()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(policy.max_side);
    limits.max_image_height = Some(policy.max_side);
    limits.max_alloc = Some(u64::from(policy.max_side) * u64::from(policy.max_side) * 8);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| damaged_or_not_image(path, e))?;
    to_gray(decoded, path, policy).map(|image| FingerImage { image, ppi })
}

/// The width and height a PNG's IHDR declares.
fn png_declared_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((word(16), word(20)))
}

fn check_size(path: &Path, width: u32, height: u32, max: u32) -> Result<(), ImageLoadError> {
    if width == 0 || height == 0 {
        return Err(ImageLoadError::Empty {
            path: path.to_path_buf(),
            width,
            height,
        });
    }
    if width > max || height > max {
        return Err(ImageLoadError::TooLarge {
            path: path.to_path_buf(),
            width,
            height,
            max,
        });
    }
    Ok(())
}

fn damaged_or_not_image(path: &Path, error: image::ImageError) -> ImageLoadError {
    match error {
        image::ImageError::Unsupported(_) => ImageLoadError::NotAnImage {
            path: path.to_path_buf(),
        },
        image::ImageError::Limits(_) => ImageLoadError::TooLarge {
            path: path.to_path_buf(),
            width: 0,
            height: 0,
            max: MAX_PALM_SIDE,
        },
        other => ImageLoadError::Damaged {
            path: path.to_path_buf(),
            detail: other.to_string(),
        },
    }
}

fn to_gray(
    image: DynamicImage,
    path: &Path,
    policy: LoadPolicy,
) -> Result<GrayImage, ImageLoadError> {
    match image {
        DynamicImage::ImageLuma8(gray) => Ok(gray),
        other if policy.require_8bit_gray => Err(ImageLoadError::WrongBitDepth {
            path: path.to_path_buf(),
            found: format!("{:?}", other.color()),
        }),
        other => Ok(other.to_luma8()),
    }
}
