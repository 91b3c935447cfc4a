//! Form rows: a label, a field, the message under it and the paragraph it
//! comes from. A row keeps its height whether or not a message is shown,
//! so nothing under it moves when a message appears or goes.

use eframe::egui;

use super::Design;

fn focus_flag() -> egui::Id {
    egui::Id::unique("design-focus-first-field")
}

fn field_had_keyboard() -> egui::Id {
    egui::Id::unique("design-field-had-keyboard")
}

/// Called once a frame is drawn: whether a text field has the keyboard.
/// egui lets go of a field on Esc before any widget of the next frame
/// runs, so without this the Esc that leaves a field would also step back.
pub fn end_frame(ctx: &egui::Context) {
    let typing = ctx.text_edit_focused();
    ctx.data_mut(|d| d.insert_temp(field_had_keyboard(), typing));
}

/// Esc for the screen (Back, close, "no"): pressed outside a text field.
/// The Esc that leaves a field is the field's, and a press acts once: it
/// is consumed by the first control that takes it.
pub fn escape(ui: &egui::Ui) -> bool {
    let field = ui.ctx().text_edit_focused()
        || ui
            .ctx()
            .data(|d| d.get_temp::<bool>(field_had_keyboard()))
            .unwrap_or(false);
    !field && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
}

/// The next text field drawn takes the keyboard focus (a new step: the
/// officer types at once, without reaching for the mouse).
pub fn focus_first_field(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(focus_flag(), true));
}

fn take_focus_flag(ui: &egui::Ui) -> bool {
    ui.ctx()
        .data_mut(|d| d.remove_temp::<bool>(focus_flag()))
        .unwrap_or(false)
}

/// The label and field widths in this space: the tokens' widths, shrunk
/// in a narrow column (a form in two columns).
fn widths(ui: &egui::Ui) -> (f32, f32) {
    let d = Design::of(ui.ctx());
    let available = ui.available_width();
    let label = d.sizes.label_width.min(available * 0.38);
    let field = d.sizes.field_width.min(available - label - 70.0).max(120.0);
    (label, field)
}

/// The message under a field: an error (the field is at fault) or a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldMessage {
    Error(String),
    Hint(String),
}

/// The paragraph a field comes from, as a small chip ("п.7.1").
pub fn paragraph_chip(ui: &mut egui::Ui, paragraph: &str) {
    let d = Design::of(ui.ctx());
    egui::Frame::new()
        .fill(d.palette.accent_soft)
        .corner_radius(d.sizes.radius)
        .inner_margin(egui::Margin::symmetric(8, 2))
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(paragraph)
                    .size(d.sizes.small)
                    .color(d.palette.accent_text),
            );
        });
}

/// The row around a field: the label on the left (it names the field for
/// screen readers and tests), the field, the paragraph; the message line
/// under the field, always there.
fn row(
    ui: &mut egui::Ui,
    label: &str,
    message: Option<&FieldMessage>,
    paragraph: Option<&str>,
    field: impl FnOnce(&mut egui::Ui, egui::Id) -> egui::Response,
) -> egui::Response {
    let d = Design::of(ui.ctx());
    let (label_width, field_width) = widths(ui);
    let mut out = None;
    ui.spacing_mut().item_spacing.y = 2.0;
    ui.horizontal_top(|ui| {
        let label = ui
            .allocate_ui_with_layout(
                egui::vec2(label_width, d.sizes.control_height),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_size(egui::vec2(label_width, d.sizes.control_height));
                    ui.add(
                        egui::Label::new(egui::RichText::new(label).color(d.palette.text)).wrap(),
                    )
                },
            )
            .inner;
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let response = field(ui, label.id);
                if let Some(paragraph) = paragraph {
                    paragraph_chip(ui, paragraph);
                }
                out = Some(response);
            });
            // The message line keeps its height when empty.
            let (text, colour) = match message {
                Some(FieldMessage::Error(text)) => (text.as_str(), d.palette.danger_text),
                Some(FieldMessage::Hint(text)) => (text.as_str(), d.palette.text_weak),
                None => ("", d.palette.text_weak),
            };
            // The message may run past the field, to the end of the row.
            let message_width = ui.available_width().max(field_width);
            ui.allocate_ui_with_layout(
                egui::vec2(message_width, d.sizes.small + 2.0),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_size(egui::vec2(field_width, d.sizes.small + 2.0));
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(text).size(d.sizes.small).color(colour),
                        )
                        .truncate(),
                    );
                },
            );
        });
    });
    match out {
        Some(response) => response,
        None => ui.label(""),
    }
}

fn field_frame(ui: &mut egui::Ui, error: bool) {
    if error {
        let d = Design::of(ui.ctx());
        let stroke = egui::Stroke::new(d.sizes.border_width * 1.5, d.palette.danger);
        ui.visuals_mut().widgets.inactive.bg_stroke = stroke;
        ui.visuals_mut().widgets.hovered.bg_stroke = stroke;
    }
}

/// A one-line text field in a row. `hint` is the grey text inside the
/// empty field (e.g. the date format).
pub fn text_row(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    message: Option<&FieldMessage>,
    paragraph: Option<&str>,
    hint: Option<&str>,
) -> egui::Response {
    let d = Design::of(ui.ctx());
    let (_, field_width) = widths(ui);
    let error = matches!(message, Some(FieldMessage::Error(_)));
    row(ui, label, message, paragraph, |ui, label_id| {
        field_frame(ui, error);
        let mut edit = egui::TextEdit::singleline(value).desired_width(field_width);
        if let Some(hint) = hint {
            edit = edit.hint_text(hint.to_string());
        }
        let response = ui
            .add_sized([field_width, d.sizes.control_height], edit)
            .labelled_by(label_id);
        if take_focus_flag(ui) {
            response.request_focus();
        }
        response
    })
}

/// A password field in a row.
pub fn password_row(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    message: Option<&FieldMessage>,
) -> egui::Response {
    let d = Design::of(ui.ctx());
    let (_, field_width) = widths(ui);
    let error = matches!(message, Some(FieldMessage::Error(_)));
    row(ui, label, message, None, |ui, label_id| {
        field_frame(ui, error);
        let response = ui
            .add_sized(
                [field_width, d.sizes.control_height],
                egui::TextEdit::singleline(value).password(true),
            )
            .labelled_by(label_id);
        if take_focus_flag(ui) {
            response.request_focus();
        }
        response
    })
}

/// One choice among a few, as toggle buttons in a row. Returns true when
/// the choice changed.
pub fn choice_row<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    options: &[(T, String)],
    message: Option<&FieldMessage>,
    paragraph: Option<&str>,
) -> bool {
    let mut changed = false;
    let error = matches!(message, Some(FieldMessage::Error(_)));
    row(ui, label, message, paragraph, |ui, _| {
        field_frame(ui, error);
        ui.horizontal_wrapped(|ui| {
            for (option, text) in options {
                let selected = *value == Some(*option);
                if toggle(ui, selected, text).clicked() && !selected {
                    *value = Some(*option);
                    changed = true;
                }
            }
        })
        .response
    });
    changed
}

/// One option of a choice: the chosen one filled with the accent (white
/// text and a check mark), unmistakable from the others and from a hover.
pub fn toggle(ui: &mut egui::Ui, selected: bool, text: &str) -> egui::Response {
    let d = Design::of(ui.ctx());
    let (fill, fg, stroke) = if selected {
        (
            d.palette.accent,
            d.palette.on_strong,
            egui::Stroke::new(d.sizes.border_width, d.palette.accent),
        )
    } else {
        (
            d.palette.raised,
            d.palette.text,
            egui::Stroke::new(d.sizes.border_width, d.palette.border),
        )
    };
    let label = if selected {
        format!("{}  {text}", super::icons::DONE.codepoint)
    } else {
        text.to_string()
    };
    let response = ui.add(
        egui::Button::new(egui::RichText::new(label).color(fg))
            .fill(fill)
            .stroke(stroke)
            .corner_radius(d.sizes.radius)
            .min_size(egui::vec2(96.0, d.sizes.control_height)),
    );
    let name = text.to_string();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name));
    response
}

/// A check box with its label and, optionally, the paragraph.
pub fn check_row(
    ui: &mut egui::Ui,
    value: &mut bool,
    label: &str,
    paragraph: Option<&str>,
) -> egui::Response {
    ui.horizontal(|ui| {
        let response = ui.checkbox(value, label);
        if let Some(paragraph) = paragraph {
            paragraph_chip(ui, paragraph);
        }
        response
    })
    .inner
}

/// A titled group of rows.
pub fn section<R>(ui: &mut egui::Ui, title: &str, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let d = Design::of(ui.ctx());
    ui.add_space(d.sizes.group_gap);
    ui.label(
        egui::RichText::new(title)
            .size(d.sizes.heading)
            .strong()
            .color(d.palette.text),
    );
    ui.add_space(d.sizes.gap / 2.0);
    add(ui)
}
