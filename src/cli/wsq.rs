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
    /// Decode a WSQ image to an 8-bit grayscale PNG.
    Decode(DecodeArgs),
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
