//! Buttons by emphasis: one primary per screen (filled accent, answers
//! Enter), secondary (outlined), danger (filled red, for what cannot be
//! undone — the caller confirms), quiet (text only).

use eframe::egui;
use egui_material_icons::MaterialIcon;

use super::Design;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    Primary,
    Secondary,
    Danger,
    Quiet,
}

/// A button of the given emphasis, with an optional leading icon. Its
/// accessible name is its text.
pub fn button(
    ui: &mut egui::Ui,
    emphasis: Emphasis,
    icon: Option<MaterialIcon>,
    text: &str,
) -> egui::Response {
    let d = Design::of(ui.ctx());
    let (fill, fg, stroke) = match emphasis {
        Emphasis::Primary => (d.palette.accent, d.palette.on_strong, egui::Stroke::NONE),
        Emphasis::Danger => (d.palette.danger, d.palette.on_strong, egui::Stroke::NONE),
        Emphasis::Secondary => (
            d.palette.raised,
            d.palette.text,
            egui::Stroke::new(d.sizes.border_width, d.palette.border),
        ),
        Emphasis::Quiet => (
            egui::Color32::TRANSPARENT,
            d.palette.accent_text,
            egui::Stroke::NONE,
        ),
    };
    let label = match icon {
        Some(icon) => format!("{}  {text}", icon.codepoint),
        None => text.to_string(),
    };
    let mut rich = egui::RichText::new(label).color(fg).size(d.sizes.body);
    if emphasis == Emphasis::Primary || emphasis == Emphasis::Danger {
        rich = rich.strong();
    }
    let min_width = match emphasis {
        Emphasis::Primary => 180.0,
        Emphasis::Quiet => 0.0,
        _ => 120.0,
    };
    let response = ui.add(
        egui::Button::new(rich)
            .fill(fill)
            .stroke(stroke)
            .frame(emphasis != Emphasis::Quiet)
            .corner_radius(d.sizes.radius)
            .min_size(egui::vec2(min_width, d.sizes.control_height)),
    );
    // The icon's glyph is not part of the name a screen reader says.
    let name = text.to_string();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    response
}

/// The screen's primary action. Enter runs it (when no other widget has
/// taken the key).
pub fn primary(ui: &mut egui::Ui, icon: Option<MaterialIcon>, text: &str) -> bool {
    let clicked = button(ui, Emphasis::Primary, icon, text).clicked();
    let enter = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
    clicked || enter
}

pub fn secondary(ui: &mut egui::Ui, icon: Option<MaterialIcon>, text: &str) -> egui::Response {
    button(ui, Emphasis::Secondary, icon, text)
}

/// A destructive action: red. The caller asks for confirmation.
pub fn danger(ui: &mut egui::Ui, icon: Option<MaterialIcon>, text: &str) -> egui::Response {
    button(ui, Emphasis::Danger, icon, text)
}

pub fn quiet(ui: &mut egui::Ui, icon: Option<MaterialIcon>, text: &str) -> egui::Response {
    button(ui, Emphasis::Quiet, icon, text)
}

/// A square icon button: `hover` on the pointer, `name` (the hover text
/// with what it acts on, "Right thumb: exception") for the screen reader.
pub fn icon_button(
    ui: &mut egui::Ui,
    icon: MaterialIcon,
    hover: &str,
    name: &str,
) -> egui::Response {
    let sizes = Design::of(ui.ctx()).sizes;
    let glyph = egui::RichText::new(icon.codepoint)
        .family(icon.font_family())
        .size(sizes.icon);
    let response = ui
        .add(egui::Button::new(glyph).min_size(egui::vec2(sizes.icon_button, sizes.control_height)))
        .on_hover_text(hover);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response
}
