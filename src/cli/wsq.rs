//! `beder wsq`: WSQ fingerprint images.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use beder::biometrics::image::MAX_IMAGE_FILE_BYTES;
use beder::interchange::wsq;

use super::biometrics::{json, text};
use super::{CliError, Context, print_line};

#[derive(Debug, Subcommand)]
pub enum WsqCommand {
    /// Compress a fingerprint image (8-bit grey after conversion) to WSQ.
    Encode(EncodeArgs),
    /// Decode a WSQ image to an 8-bit grayscale PNG.
    Decode(DecodeArgs),
}

#[derive(Debug, Args)]
pub struct EncodeArgs {
    /// The image (PNG, TIFF, BMP, JPEG or WSQ), 500 ppi unless --ppi says.
    image: PathBuf,
    /// The WSQ file to write.
    #[arg(long, value_name = "FILE.wsq")]
    out: PathBuf,
    /// Bits per pixel (0.75: about 15:1).
    #[arg(long, default_value_t = wsq::DEFAULT_BITRATE)]
    bitrate: f32,
    /// The image's resolution, written into the WSQ comment.
    #[arg(long, default_value_t = 500)]
    ppi: u16,
}

#[derive(Serialize)]
struct Encoded {
    width: u32,
    height: u32,
    bytes: usize,
    bits_per_pixel: f64,
    ratio: f64,
    out: String,
}

#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// The WSQ file.
    file: PathBuf,
    /// The PNG to write.
    #[arg(long, value_name = "IMAGE.png")]
    out: PathBuf,
}

#[derive(Serialize)]
struct Decoded {
    width: u32,
    height: u32,
    ppi: Option<u16>,
    out: String,
}

pub fn run(command: WsqCommand, _: &Context) -> Result<(), CliError> {
    match command {
        WsqCommand::Encode(args) => {
            let ppi = super::biometrics::check_ppi(args.ppi)?;
            let image = beder::biometrics::image::load_file(
                &args.image,
                ppi,
                beder::biometrics::image::LoadPolicy::ANY_FINGER,
            )
            .map_err(|e| CliError::input(e.message_key(), vec![("detail", text(e.to_string()))]))?;
            let (width, height) = (image.width(), image.height());
            let stream = wsq::encode(image.image.as_raw(), width, height, ppi, args.bitrate)
                .map_err(|e| {
                    CliError::input(
                        "wsq-error",
                        vec![("detail", text(format!("{}: {e}", args.image.display())))],
                    )
                })?;
            beder::files::write_atomically(&args.out, &stream).map_err(|e| {
                CliError::Localized {
                    key: "store-error-io",
                    args: vec![("detail", text(format!("{}: {e}", args.out.display())))],
                }
            })?;
            let pixels = f64::from(width) * f64::from(height);
            print_line(&json(&Encoded {
                width,
                height,
                bytes: stream.len(),
                bits_per_pixel: stream.len() as f64 * 8.0 / pixels,
                ratio: pixels / stream.len() as f64,
                out: args.out.display().to_string(),
            })?)
        }
        WsqCommand::Decode(args) => {
            let bytes = beder::files::read_file(&args.file, MAX_IMAGE_FILE_BYTES)
                .map_err(|e| CliError::input("wsq-error", vec![("detail", text(e.to_string()))]))?;
            let failed = |e: wsq::WsqError| {
                CliError::input(
                    "wsq-error",
                    vec![("detail", text(format!("{}: {e}", args.file.display())))],
                )
            };
            let decoded = wsq::decode(&bytes).map_err(failed)?;
            let (width, height) = (decoded.width, decoded.height);
            let image =
                image::GrayImage::from_raw(width, height, decoded.pixels).ok_or_else(|| {
                    failed(wsq::WsqError::Damaged(
                        "the pixels do not fill the image".into(),
                    ))
                })?;
            let mut png = std::io::Cursor::new(Vec::new());
            image
                .write_to(&mut png, image::ImageFormat::Png)
                .map_err(|e| CliError::input("wsq-error", vec![("detail", text(e.to_string()))]))?;
            beder::files::write_atomically(&args.out, png.get_ref()).map_err(|e| {
                CliError::Localized {
                    key: "store-error-io",
                    args: vec![("detail", text(format!("{}: {e}", args.out.display())))],
                }
            })?;
            print_line(&json(&Decoded {
                width,
                height,
                ppi: decoded.ppi,
                out: args.out.display().to_string(),
            })?)
        }
    }
}
