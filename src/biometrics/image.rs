//! Fingerprint images: 8-bit grayscale with an explicit resolution, loaded
//! from PNG, TIFF, BMP, JPEG or WSQ with the size checked *before* decoding, so
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

/// The most memory decoding one image may take (the decoded pixels in
/// their own format, before conversion to 8-bit gray): a 4000 × 4000
/// RGBA image of 16 bits a channel needs 128 MB; 512 MB holds the largest
/// palm in any format Beder reads.
pub const DECODE_BUDGET_BYTES: u64 = 512 * 1024 * 1024;

/// The largest image file read: an uncompressed 8000 × 8000 palm of 8 bits
/// is 64 MB.
pub const MAX_IMAGE_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// What to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadPolicy {
    /// The longest side accepted, pixels.
    pub max_side: u32,
    /// Refuse anything but 8-bit grayscale (a device's output must be);
    /// otherwise colour and 16-bit images are converted.
    pub require_8bit_gray: bool,
}

impl LoadPolicy {
    /// A finger image from a device: 8-bit grey, a finger's size.
    pub const DEVICE_FINGER: LoadPolicy = LoadPolicy {
        max_side: MAX_FINGER_SIDE,
        require_8bit_gray: true,
    };
    /// A palm image from a device: 8-bit grey, a palm's size.
    pub const DEVICE_PALM: LoadPolicy = LoadPolicy {
        max_side: MAX_PALM_SIDE,
        require_8bit_gray: true,
    };
    /// A finger image from a file: converted to grey, a finger's size.
    pub const ANY_FINGER: LoadPolicy = LoadPolicy {
        max_side: MAX_FINGER_SIDE,
        require_8bit_gray: false,
    };
}

/// Why an image could not be loaded.
#[derive(Debug, Error)]
pub enum ImageLoadError {
    #[error("{path}: cannot be read: {detail}")]
    /// The file cannot be read.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        detail: String,
    },
    #[error("{path}: not an image (PNG, TIFF, BMP, JPEG or WSQ)")]
    /// Not an image in a format Beder reads.
    NotAnImage {
        /// The file.
        path: PathBuf,
    },
    #[error("{path}: empty image ({width}×{height})")]
    /// An image without pixels.
    Empty {
        /// The file.
        path: PathBuf,
        /// Its width, pixels.
        width: u32,
        /// Its height, pixels.
        height: u32,
    },
    #[error("{path}: {width}×{height} pixels is larger than the {max}-pixel limit")]
    /// Larger than the policy's longest side.
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its width, pixels.
        width: u32,
        /// Its height, pixels.
        height: u32,
        /// The longest side accepted.
        max: u32,
    },
    #[error("{path}: not an 8-bit grayscale image ({found})")]
    /// Not 8-bit grey where the policy requires it.
    WrongBitDepth {
        /// The file.
        path: PathBuf,
        /// The colour type it holds (`Rgb8`, `L16`).
        found: String,
    },
    #[error("{path}: the image data are damaged: {detail}")]
    /// The decoder found damaged data.
    Damaged {
        /// The file.
        path: PathBuf,
        /// The decoder's reason.
        detail: String,
    },
    #[error("{path}: the file ends before the image does (cut short)")]
    /// The file ends before the image does.
    Truncated {
        /// The file.
        path: PathBuf,
    },
    #[error(
        "{path}: {width}×{height} pixels in this format would need more than {mib} MB to decode"
    )]
    /// Decoding would need more memory than the budget allows.
    OverBudget {
        /// The file.
        path: PathBuf,
        /// Its width, pixels.
        width: u32,
        /// Its height, pixels.
        height: u32,
        /// The budget, MB.
        mib: u64,
    },
}

impl ImageLoadError {
    /// The Fluent message id of the error.
    pub fn message_key(&self) -> &'static str {
        match self {
            ImageLoadError::Unreadable { .. } => "image-error-unreadable",
            ImageLoadError::NotAnImage { .. } => "image-error-not-an-image",
            ImageLoadError::Empty { .. } => "image-error-empty",
            ImageLoadError::TooLarge { .. } => "image-error-too-large",
            ImageLoadError::WrongBitDepth { .. } => "image-error-bit-depth",
            ImageLoadError::Damaged { .. } => "image-error-damaged",
            ImageLoadError::Truncated { .. } => "image-error-truncated",
            ImageLoadError::OverBudget { .. } => "image-error-over-budget",
        }
    }
}

/// An 8-bit grayscale fingerprint image and its resolution.
#[derive(Clone, PartialEq, Eq)]
pub struct FingerImage {
    /// The pixels.
    pub image: GrayImage,
    /// The resolution, pixels per inch.
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
    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.image.width()
    }

    /// Height in pixels.
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

/// Loads an image file: a regular file of at most
/// [`MAX_IMAGE_FILE_BYTES`] (a FIFO or a device is refused, not read).
pub fn load_file(path: &Path, ppi: u16, policy: LoadPolicy) -> Result<FingerImage, ImageLoadError> {
    let bytes = crate::files::read_file(path, MAX_IMAGE_FILE_BYTES).map_err(|e| {
        ImageLoadError::Unreadable {
            path: path.to_path_buf(),
            detail: e.to_string(),
        }
    })?;
    load_bytes(&bytes, path, ppi, policy)
}

/// Loads an image from memory; `path` only names it in errors.
///
/// The declared size is checked before decoding, decoding runs under
/// [`DECODE_BUDGET_BYTES`], and a file cut short is refused: decoders
/// fill the missing part of a truncated JPEG with gray and say nothing,
/// and half a finger is not a print.
pub fn load_bytes(
    bytes: &[u8],
    path: &Path,
    ppi: u16,
    policy: LoadPolicy,
) -> Result<FingerImage, ImageLoadError> {
    if crate::interchange::wsq::is_wsq(bytes) {
        return load_wsq(bytes, path, ppi, policy);
    }
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
            .map_err(|e| damaged_or_not_image(path, e, (0, 0)))?,
    };
    check_size(path, width, height, policy.max_side)?;
    let format = reader()?.format();
    if !complete(format, bytes) {
        return Err(ImageLoadError::Truncated {
            path: path.to_path_buf(),
        });
    }
    // 2. Decode under limits that hold the declared size.
    let mut reader = reader()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(policy.max_side);
    limits.max_image_height = Some(policy.max_side);
    limits.max_alloc = Some(DECODE_BUDGET_BYTES);
    reader.limits(limits);
    let decoded = reader
        .decode()
        .map_err(|e| damaged_or_not_image(path, e, (width, height)))?;
    to_gray(decoded, path, policy).map(|image| FingerImage { image, ppi })
}

/// A WSQ image (as the central systems and ANSI/NIST-ITL records carry
/// fingers): the frame's declared size checked first, then decoded.
fn load_wsq(
    bytes: &[u8],
    path: &Path,
    ppi: u16,
    policy: LoadPolicy,
) -> Result<FingerImage, ImageLoadError> {
    use crate::interchange::wsq::{self, WsqError};
    let map = |e: WsqError| match e {
        WsqError::NotWsq => ImageLoadError::NotAnImage {
            path: path.to_path_buf(),
        },
        WsqError::Truncated => ImageLoadError::Truncated {
            path: path.to_path_buf(),
        },
        WsqError::TooLarge { width, height } => ImageLoadError::TooLarge {
            path: path.to_path_buf(),
            width,
            height,
            max: policy.max_side.min(wsq::MAX_SIDE),
        },
        WsqError::Damaged(detail) => ImageLoadError::Damaged {
            path: path.to_path_buf(),
            detail,
        },
    };
    let (width, height) = wsq::declared_size(bytes).map_err(map)?;
    check_size(path, width, height, policy.max_side)?;
    let decoded = wsq::decode(bytes).map_err(map)?;
    let image =
        GrayImage::from_raw(decoded.width, decoded.height, decoded.pixels).ok_or_else(|| {
            ImageLoadError::Damaged {
                path: path.to_path_buf(),
                detail: "the decoded pixels do not fill the image".into(),
            }
        })?;
    Ok(FingerImage { image, ppi })
}

/// Whether the file holds the whole image, as far as its format says:
/// a JPEG ends with its EOI marker after its last scan, a PNG with its
/// IEND chunk, a BMP holds every row its header declares. (The TIFF
/// decoder itself fails on a strip that is cut.)
fn complete(format: Option<image::ImageFormat>, bytes: &[u8]) -> bool {
    let rfind = |marker: &[u8]| bytes.windows(marker.len()).rposition(|w| w == marker);
    match format {
        Some(image::ImageFormat::Jpeg) => {
            // In entropy-coded data every 0xFF is followed by 0x00 (or a
            // restart marker): FF D9 and FF DA are markers wherever they
            // are found.
            match (rfind(&[0xFF, 0xDA]), rfind(&[0xFF, 0xD9])) {
                (Some(scan), Some(end)) => end > scan,
                _ => false,
            }
        }
        Some(image::ImageFormat::Png) => {
            // IEND: length 0, the type, its fixed CRC; nothing but padding
            // may follow.
            rfind(b"\0\0\0\0IEND\xAE\x42\x60\x82").is_some()
        }
        Some(image::ImageFormat::Bmp) => bmp_complete(bytes),
        _ => true,
    }
}

/// A BMP's pixel rows all present: offset + stride × |height| ≤ length
/// (uncompressed bitmaps; compressed ones are checked by the decoder).
fn bmp_complete(bytes: &[u8]) -> bool {
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let u16_at = |at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let (Some(offset), Some(header), Some(width), Some(height), Some(bits), Some(compression)) = (
        u32_at(10),
        u32_at(14),
        u32_at(18),
        u32_at(22),
        u16_at(28),
        u32_at(30),
    ) else {
        return false;
    };
    if header < 40 || compression != 0 {
        // An old OS/2 header or a compressed bitmap: the decoder checks.
        return true;
    }
    let width = u64::from((width as i32).unsigned_abs());
    let height = u64::from((height as i32).unsigned_abs());
    let stride = (width * u64::from(bits)).div_ceil(32) * 4;
    u64::from(offset) + stride * height <= bytes.len() as u64
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

fn damaged_or_not_image(
    path: &Path,
    error: image::ImageError,
    (width, height): (u32, u32),
) -> ImageLoadError {
    match error {
        image::ImageError::Unsupported(_) => ImageLoadError::NotAnImage {
            path: path.to_path_buf(),
        },
        // The size was checked already: what is over a limit now is the
        // memory the format would take to decode.
        image::ImageError::Limits(_) => ImageLoadError::OverBudget {
            path: path.to_path_buf(),
            width,
            height,
            mib: DECODE_BUDGET_BYTES / (1024 * 1024),
        },
        image::ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImageLoadError::Truncated {
                path: path.to_path_buf(),
            }
        }
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
