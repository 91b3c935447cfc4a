//! Textures of the images the screens show, and the name of a position.
//! How things look (colours, sizes, buttons, form rows) is the design
//! module's ([`super::design`]).

use eframe::egui;
use image::GrayImage;

use crate::model::Position;

/// The Fluent key of a position's name.
pub fn position_key(position: Position) -> &'static str {
    position.message_key()
}

/// Uploads a grayscale image as a texture.
pub fn gray_texture(ctx: &egui::Context, name: &str, image: &GrayImage) -> egui::TextureHandle {
    let color = egui::ColorImage::from_gray(
        [image.width() as usize, image.height() as usize],
        image.as_raw(),
    );
    ctx.load_texture(name, color, egui::TextureOptions::LINEAR)
}

/// Uploads an RGB image as a texture.
pub fn rgb_texture(
    ctx: &egui::Context,
    name: &str,
    image: &image::RgbImage,
) -> egui::TextureHandle {
    let color = egui::ColorImage::from_rgb(
        [image.width() as usize, image.height() as usize],
        image.as_raw(),
    );
    ctx.load_texture(name, color, egui::TextureOptions::LINEAR)
}
