//! The stepper: the case's steps in order at the top of the desk, each
//! done, current, ahead, skipped (with why) or blocked (with why). A step
//! that is done can be clicked to go back to it.

use eframe::egui;

use super::{Design, icons};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepVisual {
    Done,
    Current,
    Ahead,
    Skipped,
    Blocked,
}

/// One step as shown: its number, title, state and, for skipped or
/// blocked steps, the reason (shown on hover and in its accessible name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepItem {
    pub title: String,
    pub visual: StepVisual,
    pub reason: Option<String>,
}

/// How much of a step's title is shown. The row must stay one line at
/// 1280 px in every language (Russian runs longest), so skipped steps and
/// then done ones give up their titles, which stay on hover and in the
/// accessible name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Compact {
    Full,
    SkippedShort,
    DoneShort,
}

fn label(step: &StepItem, number: usize, compact: Compact) -> String {
    let marker = match step.visual {
        StepVisual::Done => icons::DONE.codepoint.to_string(),
        StepVisual::Skipped => icons::SKIPPED.codepoint.to_string(),
        StepVisual::Blocked => icons::LOCK.codepoint.to_string(),
        _ => number.to_string(),
    };
    let short = match step.visual {
        StepVisual::Skipped => compact >= Compact::SkippedShort,
        StepVisual::Done => compact >= Compact::DoneShort,
        _ => false,
    };
    if short {
        marker
    } else {
        format!("{marker}  {}", step.title)
    }
}

/// Draws the steps; returns the index of a done step the officer clicked.
pub fn stepper(ui: &mut egui::Ui, steps: &[StepItem]) -> Option<usize> {
    let d = Design::of(ui.ctx());
    let p = &d.palette;
    let mut clicked = None;
    let spacing = egui::vec2(3.0, 4.0);
    let padding = egui::vec2(6.0, 3.0);
    let numbers: Vec<usize> = steps
        .iter()
        .scan(0, |n, step| {
            if step.visual != StepVisual::Skipped {
                *n += 1;
            }
            Some(*n)
        })
        .collect();
    let width = |compact: Compact| -> f32 {
        steps
            .iter()
            .zip(&numbers)
            .map(|(step, n)| {
                let text = egui::WidgetText::from(
                    egui::RichText::new(label(step, *n, compact))
                        .size(d.sizes.small)
                        .strong(),
                );
                let galley = text.into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Button,
                );
                galley.size().x + 2.0 * padding.x + spacing.x
            })
            .sum()
    };
    let available = ui.available_width();
    let compact = [Compact::Full, Compact::SkippedShort]
        .into_iter()
        .find(|c| width(*c) <= available)
        .unwrap_or(Compact::DoneShort);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = spacing;
        ui.spacing_mut().button_padding = padding;
        for (i, (step, number)) in steps.iter().zip(&numbers).enumerate() {
            let (fill, fg, stroke) = colours(p, step.visual);
            let mut text = egui::RichText::new(label(step, *number, compact))
                .color(fg)
                .size(d.sizes.small);
            if step.visual == StepVisual::Current {
                text = text.strong();
            }
            if step.visual == StepVisual::Skipped {
                text = text.strikethrough();
            }
            let response = ui.add(
                egui::Button::new(text)
                    .fill(fill)
                    .stroke(stroke)
                    .corner_radius(d.sizes.radius)
                    .min_size(egui::vec2(0.0, 30.0))
                    .sense(if step.visual == StepVisual::Done {
                        egui::Sense::click()
                    } else {
                        egui::Sense::hover()
                    }),
            );
            let (name, hover) = names(step);
            let response = response.on_hover_text(hover);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    step.visual == StepVisual::Done,
                    &name,
                )
            });
            if response.clicked() && step.visual == StepVisual::Done {
                clicked = Some(i);
            }
        }
    });
    clicked
}

/// A step's fill, text colour and border, by its state.
fn colours(p: &super::Palette, visual: StepVisual) -> (egui::Color32, egui::Color32, egui::Stroke) {
    match visual {
        StepVisual::Current => (p.accent, p.on_strong, egui::Stroke::NONE),
        StepVisual::Done => (
            p.success_soft,
            p.success_text,
            egui::Stroke::new(1.0, p.success_text),
        ),
        StepVisual::Ahead => (p.raised, p.text_weak, egui::Stroke::new(1.0, p.border)),
        StepVisual::Skipped => (p.surface, p.text_weak, egui::Stroke::new(1.0, p.border)),
        StepVisual::Blocked => (
            p.danger_soft,
            p.danger_text,
            egui::Stroke::new(1.0, p.danger_text),
        ),
    }
}

/// A step's accessible name (title and state, with the reason) and its
/// hover text (the title, with the reason).
fn names(step: &StepItem) -> (String, String) {
    let state = match step.visual {
        StepVisual::Done => "done",
        StepVisual::Current => "current",
        StepVisual::Ahead => "ahead",
        StepVisual::Skipped => "skipped",
        StepVisual::Blocked => "blocked",
    };
    let name = match &step.reason {
        Some(reason) => format!("{} ({state}: {reason})", step.title),
        None => format!("{} ({state})", step.title),
    };
    let hover = match &step.reason {
        Some(reason) => format!("{}: {reason}", step.title),
        None => step.title.clone(),
    };
    (name, hover)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(title: &str, visual: StepVisual) -> StepItem {
        StepItem {
            title: title.into(),
            visual,
            reason: None,
        }
    }

    /// Skipped steps give up their titles first, done ones next; the
    /// current and the coming steps always keep theirs.
    #[test]
    fn titles_give_way_in_order_when_the_row_is_short() {
        let skipped = step("Представитель", StepVisual::Skipped);
        let done = step("Заявитель", StepVisual::Done);
        let current = step("Персональные данные", StepVisual::Current);
        let ahead = step("Проверка", StepVisual::Ahead);
        let has_title = |s: &StepItem, c| label(s, 3, c).contains(&s.title);
        for s in [&skipped, &done, &current, &ahead] {
            assert!(has_title(s, Compact::Full));
        }
        assert!(!has_title(&skipped, Compact::SkippedShort));
        assert!(has_title(&done, Compact::SkippedShort));
        assert!(!has_title(&done, Compact::DoneShort));
        assert!(has_title(&current, Compact::DoneShort) && has_title(&ahead, Compact::DoneShort));
        assert_eq!(
            label(&current, 7, Compact::DoneShort),
            "7  Персональные данные"
        );
        // The title stays in the accessible name whatever is shown.
        assert!(names(&skipped).0.contains("Представитель"));
    }
}
