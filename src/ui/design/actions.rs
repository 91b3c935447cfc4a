//! The action bar: a screen's actions pinned to the bottom of the window,
//! always in view whatever the length of the step — Back on the left, a
//! destructive action (cancel the case) and the quieter ones in the middle,
//! the one primary action on the right, answering Enter.
//!
//! A screen declares its actions while it draws its content; the shell
//! draws the bar (egui lays panels out before the central content, so the
//! bar shows what the screen declared on the frame before — the same thing,
//! as the screen redraws every frame) and hands the clicked action back to
//! the screen on the next frame.

use eframe::egui;
use egui_material_icons::MaterialIcon;

use super::{Design, Emphasis, button, escape, icons};

/// One action of the bar.
#[derive(Debug, Clone)]
pub struct Action {
    pub id: &'static str,
    pub label: String,
    pub icon: Option<MaterialIcon>,
    pub emphasis: Emphasis,
}

/// What a screen offers at the bottom this frame.
#[derive(Debug, Clone, Default)]
pub struct Actions {
    pub back: Option<String>,
    pub others: Vec<Action>,
    pub primary: Option<Action>,
}

/// The id of the Back action.
pub const BACK: &str = "back";

/// Draws the bar; returns the action clicked (Enter is the primary's,
/// Esc is Back's when no text field has the keyboard).
pub fn action_bar(ui: &mut egui::Ui, actions: &Actions) -> Option<&'static str> {
    let d = Design::of(ui.ctx());
    let mut clicked = None;
    ui.add_space(d.sizes.gap);
    ui.horizontal(|ui| {
        if let Some(back) = &actions.back
            && (button(ui, Emphasis::Secondary, Some(icons::BACK), back).clicked() || escape(ui))
        {
            clicked = Some(BACK);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(primary) = &actions.primary {
                let enter =
                    ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
                if button(ui, primary.emphasis, primary.icon, &primary.label).clicked() || enter {
                    clicked = Some(primary.id);
                }
            }
            for action in actions.others.iter().rev() {
                if button(ui, action.emphasis, action.icon, &action.label).clicked() {
                    clicked = Some(action.id);
                }
            }
        });
    });
    ui.add_space(d.sizes.gap);
    clicked
}
