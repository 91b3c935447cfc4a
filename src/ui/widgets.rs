//! Shared look and small widgets of the kiosk: sizes, colours, labelled
//! fields, textures of grayscale images.

use eframe::egui;
use image::GrayImage;

use crate::model::Position;

/// Height of a touch-sized control.
pub const CONTROL_HEIGHT: f32 = 36.0;
/// Width of the label column (long Kazakh and Russian labels).
pub const LABEL_WIDTH: f32 = 340.0;
pub const FIELD_WIDTH: f32 = 320.0;

pub const ERROR: egui::Color32 = egui::Color32::from_rgb(200, 30, 30);
pub const WARNING: egui::Color32 = egui::Color32::from_rgb(170, 95, 0);
pub const GOOD: egui::Color32 = egui::Color32::from_rgb(20, 130, 50);

/// A label and a single-line field on one row, with the field's message
/// beside it. The label names the field for screen readers and tests.
pub fn labelled(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    error: Option<String>,
) -> egui::Response {
    labelled_field(ui, label, value, error, false)
}

pub fn labelled_field(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    error: Option<String>,
    password: bool,
) -> egui::Response {
    ui.horizontal(|ui| {
        // Left-aligned, and wrapped within its column: a long label (Russian
        // runs longest) never pushes its field out of line with the others.
        let label = ui
            .allocate_ui_with_layout(
                egui::vec2(LABEL_WIDTH, CONTROL_HEIGHT),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_size(egui::vec2(LABEL_WIDTH, CONTROL_HEIGHT));
                    ui.set_max_width(LABEL_WIDTH);
                    ui.add(egui::Label::new(label).wrap())
                },
            )
            .inner;
        let response = ui
            .add_sized(
                [FIELD_WIDTH, CONTROL_HEIGHT],
                egui::TextEdit::singleline(value).password(password),
            )
            .labelled_by(label.id);
        if let Some(error) = error {
            ui.colored_label(ERROR, error);
        }
        response
    })
    .inner
}

/// A large button.
pub fn big_button(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Button::new(text).min_size(egui::vec2(140.0, CONTROL_HEIGHT)))
}

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
