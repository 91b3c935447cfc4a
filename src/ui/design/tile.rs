//! The finger tile: the preview scaled to the screen, the quality against
//! the threshold as a small bar, the device's own score, the state
//! (waiting, capturing, accepted, below threshold, excepted and crossed out
//! with the reason, force-captured) and the keyboard shortcut.

use eframe::egui;

use super::Design;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileState {
    Waiting,
    /// Part of the capture asked for next.
    Next,
    Capturing,
    Accepted,
    BelowThreshold,
    Excepted,
    ForceCaptured,
}

/// What a tile shows.
pub struct TileView<'a> {
    /// The short name on the tile ("R index").
    pub title: &'a str,
    /// The full name (accessible name, tests).
    pub name: &'a str,
    pub shortcut: Option<&'a str>,
    pub image: Option<&'a egui::TextureHandle>,
    pub quality: Option<u8>,
    pub threshold: u8,
    pub device_quality: Option<u8>,
    pub state: TileState,
    /// The state in words (or the exception's reason).
    pub state_text: &'a str,
    /// The image side, points.
    pub side: f32,
}

/// The image side at which `per_row` tiles fill the width left, each with
/// its frame and the gap after it, and `group_gaps` more gaps between
/// groups (the two hands); within the tokens' least and largest side.
pub fn tile_side(ui: &egui::Ui, per_row: usize, group_gaps: usize) -> f32 {
    let sizes = Design::of(ui.ctx()).sizes;
    let per_row = per_row.max(1) as f32;
    ((ui.available_width() - sizes.gap * group_gaps as f32) / per_row
        - sizes.tile_chrome
        - sizes.gap)
        .clamp(sizes.tile_min, sizes.tile_max)
}

/// Draws a tile; clicking it selects the position.
pub fn tile(ui: &mut egui::Ui, view: &TileView<'_>) -> egui::Response {
    let d = Design::of(ui.ctx());
    let p = &d.palette;
    let accent = match view.state {
        TileState::Accepted => p.success,
        TileState::ForceCaptured | TileState::BelowThreshold => p.warning,
        TileState::Excepted => p.danger,
        TileState::Next | TileState::Capturing => p.accent,
        TileState::Waiting => p.border,
    };
    let stroke_width = if matches!(view.state, TileState::Next | TileState::Capturing) {
        3.0
    } else {
        d.sizes.border_width
    };
    let frame = egui::Frame::new()
        .fill(p.raised)
        .stroke(egui::Stroke::new(stroke_width, accent))
        .corner_radius(d.sizes.radius)
        .inner_margin(6);
    let inner = frame.show(ui, |ui| {
        ui.set_width(view.side);
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.set_width(view.side);
                // Two lines kept for the title in every tile, so that a
                // long name (Kazakh "Бас бармақ") wraps at its space
                // instead of being cut, and the prints of a row stay level.
                // The title has the tile's whole width; the shortcut sits
                // in the print's corner.
                ui.set_height(2.0 * d.sizes.small * 1.3);
                ui.with_layout(egui::Layout::left_to_right(egui::Align::TOP), |ui| {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(view.title)
                                .strong()
                                .size(fitted_size(ui, view.title, d.sizes.small, view.side))
                                .color(p.text),
                        )
                        .wrap(),
                    );
                });
            });
            print_area(ui, view, &d);
            // The quality against the threshold.
            if let Some(q) = view.quality {
                quality_bar(ui, view, q, &d);
            }
            ui.set_max_width(view.side);
            // The state and the attempts each on a line, and no word broken
            // in two: a long word (Kazakh "Қабылданды", "Ампутацияланған")
            // is set smaller until it fits the tile.
            let shown = view.state_text.replace(" · ", "\n");
            ui.add(
                egui::Label::new(
                    egui::RichText::new(&shown)
                        .size(fitted_size(ui, &shown, d.sizes.small, view.side))
                        .color(match view.state {
                            TileState::Excepted => p.danger_text,
                            TileState::Accepted => p.success_text,
                            TileState::BelowThreshold | TileState::ForceCaptured => p.warning_text,
                            _ => p.text_weak,
                        }),
                )
                .wrap(),
            );
        });
    });
    let response = inner.response.interact(egui::Sense::click());
    let name = format!("{}: {}", view.name, view.state_text);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    response
}

/// The print, scaled into the tile, crossed out when excepted, with the
/// shortcut in its corner.
fn print_area(ui: &mut egui::Ui, view: &TileView<'_>, d: &Design) {
    let p = &d.palette;
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(view.side, view.side * 1.15),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, p.surface);
    if let Some(texture) = view.image {
        let size = texture.size_vec2();
        let scale = (rect.width() / size.x).min(rect.height() / size.y);
        let shown = egui::Rect::from_center_size(rect.center(), size * scale);
        painter.image(
            texture.id(),
            shown,
            egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
            egui::Color32::WHITE,
        );
    }
    if view.state == TileState::Excepted {
        // Crossed out: the position is not printed.
        let stroke = egui::Stroke::new(4.0, p.danger);
        painter.line_segment([rect.left_top(), rect.right_bottom()], stroke);
        painter.line_segment([rect.right_top(), rect.left_bottom()], stroke);
    }
    // The shortcut over everything drawn in the print's area.
    if let Some(shortcut) = view.shortcut {
        let galley = painter.layout_no_wrap(
            shortcut.to_string(),
            egui::FontId::monospace(d.sizes.small - 3.0),
            p.text_weak,
        );
        let at = rect.right_top() + egui::vec2(-galley.size().x - 3.0, 2.0);
        painter.rect_filled(
            egui::Rect::from_min_size(
                at - egui::vec2(2.0, 0.0),
                galley.size() + egui::vec2(4.0, 0.0),
            ),
            2.0,
            p.raised,
        );
        painter.galley(at, galley, p.text_weak);
    }
}

/// Quality `q` against the threshold as a bar, with the figures (and the
/// device's own score) under it.
fn quality_bar(ui: &mut egui::Ui, view: &TileView<'_>, q: u8, d: &Design) {
    let p = &d.palette;
    let (bar, _) = ui.allocate_exact_size(egui::vec2(view.side, 8.0), egui::Sense::hover());
    let painter = ui.painter_at(bar);
    painter.rect_filled(bar, 3.0, p.surface);
    let filled = egui::Rect::from_min_size(
        bar.min,
        egui::vec2(bar.width() * f32::from(q.min(100)) / 100.0, bar.height()),
    );
    let colour = if q >= view.threshold {
        p.success
    } else {
        p.danger
    };
    painter.rect_filled(filled, 3.0, colour);
    let x = bar.min.x + bar.width() * f32::from(view.threshold.min(100)) / 100.0;
    painter.line_segment(
        [
            egui::pos2(x, bar.min.y - 2.0),
            egui::pos2(x, bar.max.y + 2.0),
        ],
        egui::Stroke::new(2.0, p.text),
    );
    let device = view
        .device_quality
        .map(|dq| format!(" · {dq}"))
        .unwrap_or_default();
    ui.label(
        egui::RichText::new(format!("{q}/{}{device}", view.threshold))
            .size(d.sizes.small)
            .color(if q >= view.threshold {
                p.success_text
            } else {
                p.danger_text
            }),
    );
}

/// The font size, at most `size`, at which the longest word of `text` fits
/// `width`: a label wraps between words, never inside one. Not below
/// three quarters of `size` (a word that long still wraps).
fn fitted_size(ui: &egui::Ui, text: &str, size: f32, width: f32) -> f32 {
    let widest = text
        .split_whitespace()
        .map(|word| {
            ui.painter()
                .layout_no_wrap(
                    word.to_string(),
                    egui::FontId::proportional(size),
                    egui::Color32::PLACEHOLDER,
                )
                .size()
                .x
        })
        .fold(0.0, f32::max);
    if widest <= width {
        size
    } else {
        (size * width / widest).max(size * 0.75)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_wider_than_the_tile_is_set_smaller_and_a_short_one_is_not() {
        let ctx = egui::Context::default();
        let mut sizes = (0.0, 0.0, 0.0);
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let natural = ui
                .painter()
                .layout_no_wrap(
                    "Uncharacteristically".into(),
                    egui::FontId::proportional(16.0),
                    egui::Color32::PLACEHOLDER,
                )
                .size()
                .x;
            sizes = (
                fitted_size(ui, "Uncharacteristically long", 16.0, natural * 0.9),
                fitted_size(ui, "Ok · Attempts: 1", 16.0, natural),
                fitted_size(ui, "Uncharacteristically", 16.0, natural * 0.5),
            );
        });
        output.textures_delta.clear();
        assert!(sizes.0 < 16.0 && sizes.0 >= 14.0, "{sizes:?}");
        assert!((sizes.1 - 16.0).abs() < f32::EPSILON, "{sizes:?}");
        assert!(
            (sizes.2 - 12.0).abs() < f32::EPSILON,
            "at most a quarter smaller"
        );
    }
}
