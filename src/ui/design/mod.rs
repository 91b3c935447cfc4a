//! The kiosk's design system: tokens (colours per theme, sizes), the
//! theme applied to egui, and the components every screen is drawn with —
//! buttons by emphasis, the verdict banner, form rows, the stepper, the
//! finger tile, the centred column. Modelled on rerun's `re_ui`: screens
//! say *what* (a primary action, a verdict, a field with its paragraph),
//! this module says how it looks. No screen writes a colour or a size.

mod actions;
mod banner;
mod button;
mod form;
pub mod icons;
mod stepper;
mod tile;
pub mod tokens;

pub use actions::{Action, Actions, BACK, action_bar};
pub use banner::{Tone, note, tone_text, verdict};
pub use button::{Emphasis, button, danger, icon_button, primary, quiet, secondary};
pub use form::{
    FieldMessage, check_row, choice_row, end_frame, escape, focus_first_field, paragraph_chip,
    password_row, section, text_row, toggle,
};
pub use stepper::{StepItem, StepVisual, stepper};
pub use tile::{TileState, TileView, tile, tile_side};
pub use tokens::{Palette, SIZES, Sizes, Theme, contrast_ratio};

use eframe::egui;

/// The tint that leaves an image as it is.
pub const NO_TINT: egui::Color32 = egui::Color32::WHITE;

/// What the screens draw with: the theme in force, its palette, the sizes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Design {
    pub theme: Theme,
    pub palette: Palette,
    pub sizes: Sizes,
}

impl Design {
    pub fn new(theme: Theme) -> Design {
        Design {
            theme,
            palette: Palette::of(theme),
            sizes: SIZES,
        }
    }

    /// The design in force (set by the shell every frame).
    pub fn of(ctx: &egui::Context) -> Design {
        ctx.data(|d| d.get_temp::<Design>(egui::Id::NULL))
            .unwrap_or_else(|| Design::new(Theme::Light))
    }

    /// Makes this design the one in force: egui's visuals, text sizes and
    /// spacing follow the tokens. Called before the first frame is drawn,
    /// so the first frame is already in the chosen theme.
    pub fn apply(&self, ctx: &egui::Context) {
        ctx.data_mut(|d| d.insert_temp(egui::Id::NULL, *self));
        let p = &self.palette;
        let s = &self.sizes;
        let mut visuals = if self.theme.is_dark() {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        };
        visuals.panel_fill = p.surface;
        visuals.window_fill = p.raised;
        visuals.extreme_bg_color = p.raised;
        visuals.faint_bg_color = p.surface;
        visuals.override_text_color = Some(p.text);
        visuals.hyperlink_color = p.accent_text;
        visuals.selection.bg_fill = p.accent_soft;
        visuals.selection.stroke = egui::Stroke::new(s.border_width, p.accent);
        visuals.error_fg_color = p.danger_text;
        visuals.warn_fg_color = p.warning_text;
        let radius = egui::CornerRadius::same(s.radius);
        for widget in [
            &mut visuals.widgets.noninteractive,
            &mut visuals.widgets.inactive,
            &mut visuals.widgets.hovered,
            &mut visuals.widgets.active,
            &mut visuals.widgets.open,
        ] {
            widget.corner_radius = radius;
            widget.fg_stroke.color = p.text;
        }
        visuals.widgets.inactive.bg_fill = p.raised;
        visuals.widgets.inactive.weak_bg_fill = p.raised;
        visuals.widgets.inactive.bg_stroke = egui::Stroke::new(s.border_width, p.border);
        visuals.widgets.hovered.bg_fill = p.accent_soft;
        visuals.widgets.hovered.weak_bg_fill = p.accent_soft;
        visuals.widgets.hovered.bg_stroke = egui::Stroke::new(s.border_width, p.accent);
        visuals.widgets.active.bg_fill = p.accent_soft;
        visuals.widgets.active.weak_bg_fill = p.accent_soft;
        visuals.widgets.active.bg_stroke = egui::Stroke::new(s.border_width * 1.5, p.accent);
        visuals.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.0, p.border);
        visuals.widgets.noninteractive.bg_fill = p.raised;
        ctx.set_visuals_of(
            if self.theme.is_dark() {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            },
            visuals,
        );
        ctx.set_theme(if self.theme.is_dark() {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        ctx.all_styles_mut(|style| {
            use egui::{FontFamily, FontId, TextStyle};
            style.text_styles = [
                (
                    TextStyle::Small,
                    FontId::new(s.small, FontFamily::Proportional),
                ),
                (
                    TextStyle::Body,
                    FontId::new(s.body, FontFamily::Proportional),
                ),
                (
                    TextStyle::Button,
                    FontId::new(s.body, FontFamily::Proportional),
                ),
                (
                    TextStyle::Heading,
                    FontId::new(s.title, FontFamily::Proportional),
                ),
                (
                    TextStyle::Monospace,
                    FontId::new(s.body, FontFamily::Monospace),
                ),
            ]
            .into();
            style.spacing.item_spacing = egui::vec2(s.gap, s.gap);
            style.spacing.button_padding = egui::vec2(14.0, 8.0);
            style.spacing.interact_size.y = s.control_height;
            style.spacing.icon_width = 26.0;
            style.spacing.icon_width_inner = 16.0;
            style.spacing.icon_spacing = 8.0;
            style.spacing.text_edit_width = s.field_width;
        });
    }
}

/// The content in a centred column of comfortable width: on a wide
/// screen it stays in the middle, never left-aligned with an empty half.
pub fn column<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let width = Design::of(ui.ctx())
        .sizes
        .column_width
        .min(ui.available_width());
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_width(width);
            add(ui)
        })
        .inner
    })
    .inner
}

/// A step's title, large.
pub fn title(ui: &mut egui::Ui, text: &str) {
    let d = Design::of(ui.ctx());
    ui.label(
        egui::RichText::new(text)
            .size(d.sizes.title)
            .strong()
            .color(d.palette.text),
    );
}

/// A heading inside a screen.
pub fn heading(ui: &mut egui::Ui, text: &str) {
    let d = Design::of(ui.ctx());
    ui.label(
        egui::RichText::new(text)
            .size(d.sizes.heading)
            .strong()
            .color(d.palette.text),
    );
}

/// Secondary text (hints, explanations). In a justified column egui
/// would stretch each wrapped line to the column's width (letters spaced
/// apart); the text is left-aligned there instead.
pub fn weak(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let d = Design::of(ui.ctx());
    let label = egui::Label::new(egui::RichText::new(text).color(d.palette.text_weak)).wrap();
    if ui.layout().horizontal_justify() {
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| ui.add(label))
            .inner
    } else {
        ui.add(label)
    }
}

/// The raised surface of cards and key figures.
fn raised(d: &Design) -> egui::Frame {
    egui::Frame::new()
        .fill(d.palette.raised)
        .stroke(egui::Stroke::new(1.0, d.palette.border))
        .corner_radius(d.sizes.radius)
        .inner_margin(d.sizes.group_gap)
}

/// A card: a raised surface with a border, for a group of facts.
pub fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let d = Design::of(ui.ctx());
    raised(&d)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        })
        .inner
}

/// A fact of a card: the label (weak) and the value, on one row.
pub fn fact(ui: &mut egui::Ui, label: &str, value: &str) {
    let d = Design::of(ui.ctx());
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(
            egui::vec2(d.sizes.label_width, d.sizes.body + 6.0),
            egui::Layout::left_to_right(egui::Align::TOP),
            |ui| {
                ui.set_min_width(d.sizes.label_width);
                ui.add(
                    egui::Label::new(egui::RichText::new(label).color(d.palette.text_weak)).wrap(),
                );
            },
        );
        ui.add(egui::Label::new(egui::RichText::new(value).color(d.palette.text)).wrap());
    });
}

/// A row of tabs (the supervisor's desk): the chosen one filled like a
/// chosen option. Returns true when the choice changed.
pub fn tabs<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    selected: &mut T,
    tabs: &[(T, String)],
) -> bool {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        for (tab, text) in tabs {
            let chosen = *selected == *tab;
            if toggle(ui, chosen, text).clicked() && !chosen {
                *selected = *tab;
                changed = true;
            }
        }
    });
    changed
}

/// A label and a short field on one line (a date, a record's number), for
/// filters and pickers; the field is named by its label.
pub fn short_field(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    let d = Design::of(ui.ctx());
    let label = ui.label(label);
    ui.add_sized(
        [d.sizes.short_field, d.sizes.control_height],
        egui::TextEdit::singleline(value),
    )
    .labelled_by(label.id)
}

/// A key figure: the number large, what it counts under it, on a card.
pub fn figure(ui: &mut egui::Ui, value: &str, label: &str) {
    let d = Design::of(ui.ctx());
    raised(&d).show(ui, |ui| {
        ui.vertical(|ui| {
            ui.label(
                egui::RichText::new(value)
                    .size(d.sizes.figure)
                    .strong()
                    .color(d.palette.text),
            );
            ui.label(egui::RichText::new(label).color(d.palette.text_weak));
        });
    });
}

/// A table: its header row in strong text, striped rows, scrolled when
/// longer than a table's height (`scrolled`). `rows` adds the rows, each
/// ended with `end_row`.
pub fn table(
    ui: &mut egui::Ui,
    id: &str,
    headers: &[String],
    scrolled: bool,
    rows: impl FnOnce(&mut egui::Ui),
) {
    let grid = |ui: &mut egui::Ui| {
        egui::Grid::new(id).striped(true).show(ui, |ui| {
            for header in headers {
                ui.strong(header);
            }
            ui.end_row();
            rows(ui);
        });
    };
    if scrolled {
        egui::ScrollArea::vertical()
            .max_height(Design::of(ui.ctx()).sizes.table_height)
            .id_salt(id)
            .show(ui, grid);
    } else {
        grid(ui);
    }
}

/// Colour of a quality score against the threshold (tokens only).
pub fn quality_colour(design: &Design, score: u8, threshold: u8) -> egui::Color32 {
    if score >= threshold {
        design.palette.success_text
    } else {
        design.palette.danger_text
    }
}

#[cfg(test)]
mod tests {
    /// Where a screen would write a size or a colour of its own.
    const SIZED_CALLS: [&str; 18] = [
        ".height(",
        ".width(",
        ".clamp(",
        "available_width() - ",
        "available_height() - ",
        "add_space(",
        "vec2(",
        ".size(",
        "Stroke::new(",
        ".spacing([",
        "max_height(",
        "max_width(",
        "min_height(",
        "desired_width(",
        "rect_filled(rect, ",
        "corner_radius(",
        "inner_margin(",
        "Margin::same(",
    ];

    /// A literal that is a design decision: a number other than zero.
    fn starts_with_nonzero_number(text: &str) -> bool {
        let number: String = text
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        !number.is_empty() && number.chars().any(|c| c.is_ascii_digit() && c != '0')
    }

    /// The lines of a screen's source that write a colour or a size
    /// instead of taking it from the tokens (tests and comments aside).
    fn constants_in(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (n, line) in source.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("#[cfg(test)]") {
                break;
            }
            if code.starts_with("//") {
                continue;
            }
            let colour = (code.contains("Color32::") || code.contains("from_rgb"))
                && !code.contains("ColorImage::");
            let size = SIZED_CALLS.iter().any(|call| {
                code.match_indices(call)
                    .any(|(at, _)| starts_with_nonzero_number(&code[at + call.len()..]))
            });
            if colour || size {
                found.push(format!("{}: {}", n + 1, code));
            }
        }
        found
    }

    #[test]
    fn the_check_finds_a_written_colour_and_size() {
        let screen = "ui.add_space(8.0);\nui.add_space(d.sizes.gap);\n\
                      painter.rect_filled(rect, 4.0, egui::Color32::WHITE);\n\
                      // ui.add_space(3.0) in a comment\nlet v = egui::vec2(0.0, h);\n\
                      ui.set_width((ui.available_width() - 260.0).max(w));\n\
                      let side = (w / 10.0).clamp(d.sizes.tile_min, d.sizes.tile_max);";
        assert_eq!(constants_in(screen).len(), 3);
    }

    /// Screens take every colour and size from the design's tokens: no
    /// file of `ui/` outside `ui/design/` writes one.
    #[test]
    fn screens_hold_no_colour_or_size_constants() {
        let offenders = crate::ui::tests::offending_lines(Some("design"), constants_in);
        assert!(offenders.is_empty(), "{}", offenders.join("\n"));
    }
}
