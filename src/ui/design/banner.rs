//! The verdict banner: a large coloured band with an icon, one sentence and
//! the paragraph it rests on — readable from two metres. Used for the
//! eligibility decision, the verification, the duplicate check and the save.

use eframe::egui;

use super::Design;
use super::icons;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Warning,
    Danger,
    Info,
}

/// The band: `sentence` large, `paragraph` (e.g. "п.4.2") beside it, and
/// `detail` (the explanation) under it.
pub fn verdict(
    ui: &mut egui::Ui,
    tone: Tone,
    sentence: &str,
    paragraph: Option<&str>,
    detail: Option<&str>,
) -> egui::Response {
    let d = Design::of(ui.ctx());
    let p = &d.palette;
    let (fill, fg, icon) = match tone {
        Tone::Success => (p.success, p.on_strong, icons::VERIFIED),
        Tone::Danger => (p.danger, p.on_strong, icons::BLOCKED),
        Tone::Warning => (
            p.warning,
            egui::Color32::from_rgb(0x1A, 0x1D, 0x21),
            icons::WARNING,
        ),
        Tone::Info => (p.accent, p.on_strong, icons::INFO),
    };
    let frame = egui::Frame::new()
        .fill(fill)
        .corner_radius(d.sizes.radius)
        .inner_margin(egui::Margin::symmetric(20, 14));
    let response = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(icon.codepoint)
                        .family(icon.font_family())
                        .size(d.sizes.banner_icon)
                        .color(fg),
                );
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(sentence)
                            .size(d.sizes.banner)
                            .strong()
                            .color(fg),
                    )
                    .wrap(),
                );
                if let Some(paragraph) = paragraph {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        egui::Frame::new()
                            .stroke(egui::Stroke::new(d.sizes.border_width, fg))
                            .corner_radius(d.sizes.radius)
                            .inner_margin(egui::Margin::symmetric(10, 4))
                            .show(ui, |ui| {
                                ui.label(
                                    egui::RichText::new(paragraph)
                                        .size(d.sizes.heading)
                                        .strong()
                                        .color(fg),
                                );
                            });
                    });
                }
            });
            if let Some(detail) = detail.filter(|t| !t.is_empty()) {
                ui.add(
                    egui::Label::new(egui::RichText::new(detail).size(d.sizes.body).color(fg))
                        .wrap(),
                );
            }
        })
        .response;
    let name = match paragraph {
        Some(paragraph) => format!("{sentence} — {paragraph}"),
        None => sentence.to_string(),
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
    response
}

/// A smaller message band (a warning before a change, a notice): soft
/// background, coloured text, an icon.
pub fn note(ui: &mut egui::Ui, tone: Tone, text: &str) -> egui::Response {
    let d = Design::of(ui.ctx());
    let p = &d.palette;
    let (fill, fg, icon) = match tone {
        Tone::Success => (p.success_soft, p.success_text, icons::VERIFIED),
        Tone::Danger => (p.danger_soft, p.danger_text, icons::ERROR),
        Tone::Warning => (p.warning_soft, p.warning_text, icons::WARNING),
        Tone::Info => (p.accent_soft, p.accent_text, icons::INFO),
    };
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, fg))
        .corner_radius(d.sizes.radius)
        .inner_margin(egui::Margin::symmetric(14, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(icon.codepoint)
                        .family(icon.font_family())
                        .size(d.sizes.icon)
                        .color(fg),
                );
                ui.add(egui::Label::new(egui::RichText::new(text).color(fg)).wrap());
            });
        })
        .response
}

/// A short status in a table cell or beside a control: the tone's text
/// colour, no band.
pub fn tone_text(ui: &mut egui::Ui, tone: Tone, text: &str) -> egui::Response {
    let p = Design::of(ui.ctx()).palette;
    let colour = match tone {
        Tone::Success => p.success_text,
        Tone::Danger => p.danger_text,
        Tone::Warning => p.warning_text,
        Tone::Info => p.accent_text,
    };
    ui.label(egui::RichText::new(text).color(colour))
}
