//! The photograph and the signature of п.7: a photo imported from a file is
//! cropped to the passport-photo shape around a face guide sized for the
//! "face about 75 % of the photo area" rule, and checked for background
//! lightness and resolution; a signature is drawn on the pad or imported.

use std::io::Cursor;

use image::{DynamicImage, GenericImageView, GrayImage, ImageReader, Luma, RgbImage};
use thiserror::Error;

use crate::model::{EncodedImage, ImageFormat};

/// The largest photo or signature file accepted. A passport photo is a few
/// hundred kilobytes; a 30 MB file is a mistake (a RAW, a scan at 1200 dpi).
pub const MAX_FILE_BYTES: usize = 15 * 1024 * 1024;
/// The largest side decoded (a 50-megapixel camera is 8,700 px wide).
pub const MAX_SIDE: u32 = 12_000;
/// The photo kept: 35 × 45 mm at 300 dpi.
pub const PHOTO_SIZE: (u32, u32) = (413, 531);
/// The face covers about 75 % of the photo area (п.7.1, п.7.2).
pub const FACE_AREA_SHARE: f32 = 0.75;
/// Mean lightness (0–255) of the background strip at or above which the
/// background counts as light.
pub const LIGHT_BACKGROUND: u8 = 170;
/// The signature kept: width × height in pixels.
pub const SIGNATURE_SIZE: (u32, u32) = (600, 200);

/// Why a photo or signature file was not taken. Each has a localized message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhotoError {
    #[error("the file is {bytes} bytes; at most {max} are accepted")]
    TooLarge { bytes: usize, max: usize },
    #[error("the file is not an image")]
    NotAnImage,
    #[error("only JPEG and PNG are accepted")]
    UnsupportedFormat,
    #[error("the image cannot be read: {0}")]
    Damaged(String),
    #[error("the image is {width}×{height}; at least {min_width}×{min_height} is needed")]
    TooSmall {
        width: u32,
        height: u32,
        min_width: u32,
        min_height: u32,
    },
}

impl PhotoError {
    pub fn message_key(&self) -> &'static str {
        match self {
            PhotoError::TooLarge { .. } => "photo-error-too-large",
            PhotoError::NotAnImage => "photo-error-not-image",
            PhotoError::UnsupportedFormat => "photo-error-format",
            PhotoError::Damaged(_) => "photo-error-damaged",
            PhotoError::TooSmall { .. } => "photo-error-too-small",
        }
    }
}

fn decode(bytes: &[u8]) -> Result<(DynamicImage, ImageFormat), PhotoError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(PhotoError::TooLarge {
            bytes: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PhotoError::Damaged(e.to_string()))?;
    let format = match reader.format() {
        Some(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Some(image::ImageFormat::Png) => ImageFormat::Png,
        Some(_) => return Err(PhotoError::UnsupportedFormat),
        None => return Err(PhotoError::NotAnImage),
    };
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| PhotoError::Damaged(e.to_string()))?;
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(PhotoError::TooLarge {
            bytes: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PhotoError::Damaged(e.to_string()))?;
    reader.no_limits();
    let image = reader
        .decode()
        .map_err(|e| PhotoError::Damaged(e.to_string()))?;
    Ok((image, format))
}

/// Where the photo is cut from the source: the centre and the height, as
/// fractions of the source; the width follows from the 35:45 shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    pub center_x: f32,
    pub center_y: f32,
    pub height: f32,
}

/// What the checks found for a crop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoChecks {
    /// Mean lightness of the background strip (0–255).
    pub background: u8,
    pub background_light: bool,
    /// The crop's size in source pixels.
    pub width: u32,
    pub height: u32,
    pub resolution_ok: bool,
}

impl PhotoChecks {
    pub fn passed(&self) -> bool {
        self.background_light && self.resolution_ok
    }
}

/// A photo being cropped.
#[derive(Clone)]
pub struct PhotoSource {
    image: RgbImage,
}

impl std::fmt::Debug for PhotoSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PhotoSource({}×{})",
            self.image.width(),
            self.image.height()
        )
    }
}

/// The face guide's half-axes for a photo of `width` × `height`: an oval of
/// the photo's proportions covering [`FACE_AREA_SHARE`] of its area.
pub fn face_guide(width: f32, height: f32) -> (f32, f32) {
    // π·a·b = share·W·H with a = k·W/2, b = k·H/2.
    let k = (FACE_AREA_SHARE * 4.0 / std::f32::consts::PI).sqrt();
    (k * width / 2.0, k * height / 2.0)
}

impl PhotoSource {
    /// Reads a JPEG or PNG file's bytes.
    pub fn load(bytes: &[u8]) -> Result<PhotoSource, PhotoError> {
        let (image, _) = decode(bytes)?;
        PhotoSource::from_image(image)
    }

    /// A photograph already decoded (a camera's), held to the same
    /// minimum size as a file.
    pub fn from_image(image: DynamicImage) -> Result<PhotoSource, PhotoError> {
        let (w, h) = image.dimensions();
        if w < PHOTO_SIZE.0 || h < PHOTO_SIZE.1 {
            return Err(PhotoError::TooSmall {
                width: w,
                height: h,
                min_width: PHOTO_SIZE.0,
                min_height: PHOTO_SIZE.1,
            });
        }
        Ok(PhotoSource {
            image: image.to_rgb8(),
        })
    }

    pub fn size(&self) -> (u32, u32) {
        self.image.dimensions()
    }

    /// The largest crop that fits, centred.
    pub fn default_crop(&self) -> Crop {
        let (w, h) = self.size();
        let aspect = PHOTO_SIZE.0 as f32 / PHOTO_SIZE.1 as f32;
        let height = (w as f32 / aspect / h as f32).min(1.0);
        Crop {
            center_x: 0.5,
            center_y: 0.5,
            height,
        }
    }

    /// The crop rectangle in source pixels (x, y, width, height), kept inside
    /// the image.
    pub fn rect(&self, crop: Crop) -> (u32, u32, u32, u32) {
        let (w, h) = self.size();
        let aspect = PHOTO_SIZE.0 as f32 / PHOTO_SIZE.1 as f32;
        let max_height = (w as f32 / aspect).min(h as f32);
        let ch = (crop.height * h as f32).clamp(16.0, max_height);
        let cw = ch * aspect;
        let x = (crop.center_x * w as f32 - cw / 2.0).clamp(0.0, w as f32 - cw);
        let y = (crop.center_y * h as f32 - ch / 2.0).clamp(0.0, h as f32 - ch);
        (
            x as u32,
            y as u32,
            (cw as u32).max(1).min(w),
            (ch as u32).max(1).min(h),
        )
    }

    /// Checks a crop: the background (the top corners, outside the face
    /// guide) must be light, and the crop must hold at least the kept
    /// photo's pixels.
    pub fn checks(&self, crop: Crop) -> PhotoChecks {
        let (x, y, cw, ch) = self.rect(crop);
        let (mut sum, mut n) = (0u64, 0u64);
        let band_h = (ch / 8).max(1);
        let corner_w = (cw / 5).max(1);
        for yy in y..(y + band_h).min(self.image.height()) {
            for xx in (x..x + corner_w).chain((x + cw).saturating_sub(corner_w)..x + cw) {
                if xx < self.image.width() {
                    let p = self.image.get_pixel(xx, yy).0;
                    sum += (u64::from(p[0]) * 299 + u64::from(p[1]) * 587 + u64::from(p[2]) * 114)
                        / 1000;
                    n += 1;
                }
            }
        }
        let background = u8::try_from(sum / n.max(1)).unwrap_or(255);
        PhotoChecks {
            background,
            background_light: background >= LIGHT_BACKGROUND,
            width: cw,
            height: ch,
            resolution_ok: cw >= PHOTO_SIZE.0 && ch >= PHOTO_SIZE.1,
        }
    }

    /// The cropped photo at the kept size.
    pub fn render(&self, crop: Crop) -> RgbImage {
        let (x, y, cw, ch) = self.rect(crop);
        let cut = image::imageops::crop_imm(&self.image, x, y, cw, ch).to_image();
        image::imageops::resize(
            &cut,
            PHOTO_SIZE.0,
            PHOTO_SIZE.1,
            image::imageops::FilterType::Triangle,
        )
    }

    /// A small copy for the crop view (longest side `side`).
    pub fn preview(&self, side: u32) -> RgbImage {
        let (w, h) = self.size();
        let scale = side as f32 / w.max(h) as f32;
        if scale >= 1.0 {
            return self.image.clone();
        }
        image::imageops::thumbnail(
            &self.image,
            ((w as f32 * scale) as u32).max(1),
            ((h as f32 * scale) as u32).max(1),
        )
    }

    /// The cropped photo as the JPEG kept in the registry.
    pub fn encode(&self, crop: Crop) -> Result<EncodedImage, PhotoError> {
        let photo = self.render(crop);
        let mut out = Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&photo)
            .map_err(|e| PhotoError::Damaged(e.to_string()))?;
        Ok(EncodedImage {
            format: ImageFormat::Jpeg,
            bytes: out.into_inner(),
        })
    }
}

/// A signature drawn on the pad: strokes of points, each coordinate a
/// fraction (0–1) of the pad.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignaturePad {
    pub strokes: Vec<Vec<(f32, f32)>>,
}

impl SignaturePad {
    pub fn is_empty(&self) -> bool {
        self.strokes.iter().all(|s| s.len() < 2)
    }

    pub fn clear(&mut self) {
        self.strokes.clear();
    }

    /// Black on white at [`SIGNATURE_SIZE`], as PNG.
    pub fn render(&self) -> EncodedImage {
        let (w, h) = SIGNATURE_SIZE;
        let mut img = GrayImage::from_pixel(w, h, Luma([255]));
        let radius = 2.0f32;
        for stroke in &self.strokes {
            for pair in stroke.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let (ax, ay) = (a.0 * w as f32, a.1 * h as f32);
                let (bx, by) = (b.0 * w as f32, b.1 * h as f32);
                let steps = ((bx - ax).hypot(by - ay) / 0.5).ceil().max(1.0) as u32;
                for i in 0..=steps {
                    let t = i as f32 / steps as f32;
                    let (cx, cy) = (ax + (bx - ax) * t, ay + (by - ay) * t);
                    stamp(&mut img, cx, cy, radius);
                }
            }
        }
        png(&img)
    }
}

fn stamp(img: &mut GrayImage, cx: f32, cy: f32, r: f32) {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (x0, x1) = ((cx - r).floor() as i64, (cx + r).ceil() as i64);
    let (y0, y1) = ((cy - r).floor() as i64, (cy + r).ceil() as i64);
    for y in y0.max(0)..=y1.min(h - 1) {
        for x in x0.max(0)..=x1.min(w - 1) {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            if d <= r {
                img.put_pixel(x as u32, y as u32, Luma([0]));
            }
        }
    }
}

fn png(img: &GrayImage) -> EncodedImage {
    let mut out = Cursor::new(Vec::new());
    // Writing an in-memory L8 image as PNG cannot fail but for memory.
    let _ = img.write_to(&mut out, image::ImageFormat::Png);
    EncodedImage {
        format: ImageFormat::Png,
        bytes: out.into_inner(),
    }
}

/// An imported signature (a scan or a tablet's export): fitted to
/// [`SIGNATURE_SIZE`] on white, grayscale PNG.
pub fn import_signature(bytes: &[u8]) -> Result<EncodedImage, PhotoError> {
    let (image, _) = decode(bytes)?;
    let gray = image.to_luma8();
    let (w, h) = SIGNATURE_SIZE;
    let (gw, gh) = (gray.width().max(1) as f32, gray.height().max(1) as f32);
    let scale = (w as f32 / gw).min(h as f32 / gh);
    let (fw, fh) = (
        ((gw * scale) as u32).clamp(1, w),
        ((gh * scale) as u32).clamp(1, h),
    );
    let fitted = image::imageops::resize(&gray, fw, fh, image::imageops::FilterType::Triangle);
    let mut out = GrayImage::from_pixel(w, h, Luma([255]));
    image::imageops::overlay(
        &mut out,
        &fitted,
        i64::from((w - fw) / 2),
        i64::from((h - fh) / 2),
    );
    Ok(png(&out))
}
