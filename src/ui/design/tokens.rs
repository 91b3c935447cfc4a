//! The design tokens: every colour and size a screen uses, in one place,
//! for each theme. A screen never writes a colour or a size of its own.

use eframe::egui::Color32;

/// The kiosk's themes (a mission setting, see [`crate::enrollment::Theme`]).
pub use crate::enrollment::Theme;

/// The colours of one theme. Each `*_fill` carries text in `on_strong`
/// (or `text` where noted); each pair is held to WCAG AA by a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The page.
    pub surface: Color32,
    /// Cards, fields, tiles.
    pub raised: Color32,
    pub text: Color32,
    /// Secondary text (hints, labels of lesser weight); still AA on both
    /// surfaces.
    pub text_weak: Color32,
    pub border: Color32,
    /// The primary action and the current step.
    pub accent: Color32,
    /// Text on strong fills (accent, success, danger, training).
    pub on_strong: Color32,
    pub success: Color32,
    pub danger: Color32,
    /// Warnings are an amber band with `text` on it.
    pub warning: Color32,
    /// Soft backgrounds behind coloured text (messages, banners' body).
    pub success_soft: Color32,
    pub warning_soft: Color32,
    pub danger_soft: Color32,
    pub accent_soft: Color32,
    /// Text in those soft backgrounds.
    pub success_text: Color32,
    pub warning_text: Color32,
    pub danger_text: Color32,
    pub accent_text: Color32,
    /// The TRAINING banner.
    pub training: Color32,
    /// The signature pad and the ink on it: paper in every theme, as the
    /// signature will be printed.
    pub paper: Color32,
    pub ink: Color32,
}

const fn rgb(hex: u32) -> Color32 {
    Color32::from_rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

impl Palette {
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                surface: rgb(0xF4F6F8),
                raised: rgb(0xFFFFFF),
                text: rgb(0x1A1D21),
                text_weak: rgb(0x4A5260),
                border: rgb(0xC3C9D2),
                accent: rgb(0x1A5FB4),
                on_strong: rgb(0xFFFFFF),
                success: rgb(0x1B6E2E),
                danger: rgb(0xB3261E),
                warning: rgb(0xF2B134),
                success_soft: rgb(0xE3F3E6),
                warning_soft: rgb(0xFDF1D6),
                danger_soft: rgb(0xFBE4E2),
                accent_soft: rgb(0xE3EDFA),
                success_text: rgb(0x14532D),
                warning_text: rgb(0x5C3A00),
                danger_text: rgb(0x8C1D18),
                accent_text: rgb(0x154A8C),
                training: rgb(0xA8380A),
                paper: rgb(0xFFFFFF),
                ink: rgb(0x000000),
            },
            Theme::Dark => Palette {
                surface: rgb(0x16181C),
                raised: rgb(0x22262D),
                text: rgb(0xE8EAED),
                text_weak: rgb(0xAEB6C1),
                border: rgb(0x454B55),
                accent: rgb(0x2B63C4),
                on_strong: rgb(0xFFFFFF),
                success: rgb(0x1B6E2E),
                danger: rgb(0xB3261E),
                warning: rgb(0xF2B134),
                success_soft: rgb(0x1D3324),
                warning_soft: rgb(0x3A2E12),
                danger_soft: rgb(0x3D1C1A),
                accent_soft: rgb(0x1B2B45),
                success_text: rgb(0x9EE0AE),
                warning_text: rgb(0xF5D28A),
                danger_text: rgb(0xF5B1AB),
                accent_text: rgb(0xA9C8F5),
                training: rgb(0xA8380A),
                paper: rgb(0xFFFFFF),
                ink: rgb(0x000000),
            },
            Theme::HighContrast => Palette {
                surface: rgb(0xFFFFFF),
                raised: rgb(0xFFFFFF),
                text: rgb(0x000000),
                text_weak: rgb(0x1F1F1F),
                border: rgb(0x000000),
                accent: rgb(0x0033A0),
                on_strong: rgb(0xFFFFFF),
                success: rgb(0x00561B),
                danger: rgb(0x9E0000),
                warning: rgb(0xFFD000),
                success_soft: rgb(0xFFFFFF),
                warning_soft: rgb(0xFFFFFF),
                danger_soft: rgb(0xFFFFFF),
                accent_soft: rgb(0xFFFFFF),
                success_text: rgb(0x00561B),
                warning_text: rgb(0x000000),
                danger_text: rgb(0x9E0000),
                accent_text: rgb(0x0033A0),
                training: rgb(0x8B2500),
                paper: rgb(0xFFFFFF),
                ink: rgb(0x000000),
            },
        }
    }

    /// Every (foreground, background) pair the screens draw text with.
    pub fn text_pairs(&self) -> Vec<(&'static str, Color32, Color32)> {
        vec![
            ("text on surface", self.text, self.surface),
            ("text on raised", self.text, self.raised),
            ("weak text on surface", self.text_weak, self.surface),
            ("weak text on raised", self.text_weak, self.raised),
            ("on accent", self.on_strong, self.accent),
            ("on success", self.on_strong, self.success),
            ("on danger", self.on_strong, self.danger),
            ("on training", self.on_strong, self.training),
            ("text on warning", rgb(0x1A1D21), self.warning),
            ("success text", self.success_text, self.success_soft),
            ("warning text", self.warning_text, self.warning_soft),
            ("danger text", self.danger_text, self.danger_soft),
            ("accent text", self.accent_text, self.accent_soft),
            ("danger on surface", self.danger_text, self.surface),
            ("accent on surface", self.accent_text, self.surface),
        ]
    }
}

/// Sizes, in egui points (the shell scales the whole UI on large screens).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    /// Body text: read at arm's length.
    pub body: f32,
    pub small: f32,
    pub heading: f32,
    pub title: f32,
    /// A verdict banner's sentence: read from two metres.
    pub banner: f32,
    pub icon: f32,
    pub banner_icon: f32,
    /// Gaps: between controls, between groups, between sections.
    pub gap: f32,
    pub group_gap: f32,
    pub section_gap: f32,
    pub radius: u8,
    /// A touch-sized control.
    pub control_height: f32,
    /// The label column of forms (long Kazakh and Russian labels).
    pub label_width: f32,
    pub field_width: f32,
    /// The content column: centred, never wider.
    pub column_width: f32,
    /// A finger tile's image side.
    pub tile: f32,
    pub border_width: f32,
    /// A short field beside its label (a date, a record's number).
    pub short_field: f32,
    /// An icon-only button's width (its height is a control's).
    pub icon_button: f32,
    /// Guides drawn over a picture (the crop, the face oval) and ink.
    pub outline: f32,
    /// The signature pad.
    pub pad_width: f32,
    pub pad_height: f32,
    /// A thumbnail's height in a list.
    pub thumb: f32,
    /// Pictures shown beside a form or in a record: a photograph (and a
    /// larger one on the review), a signature's width, a capture's preview.
    pub photo: f32,
    pub photo_large: f32,
    pub signature: f32,
    pub preview: f32,
    /// The photograph in the crop editor, its longer side.
    pub crop: f32,
    /// A status badge beside a list entry.
    pub badge_width: f32,
    /// A finger tile's image side at least and at most, and what its frame
    /// adds around the image (margins and stroke).
    pub tile_min: f32,
    pub tile_max: f32,
    pub tile_chrome: f32,
    /// The TRAINING banner's text: larger than the body, read across the
    /// room.
    pub training_text: f32,
    /// A key figure's number (the supervisor's totals).
    pub figure: f32,
    /// A plot, and a scrolled table, at most this high.
    pub plot_height: f32,
    pub table_height: f32,
}

pub const SIZES: Sizes = Sizes {
    body: 18.0,
    small: 15.0,
    heading: 24.0,
    title: 28.0,
    banner: 24.0,
    icon: 22.0,
    banner_icon: 36.0,
    gap: 8.0,
    group_gap: 14.0,
    section_gap: 24.0,
    radius: 8,
    control_height: 40.0,
    label_width: 300.0,
    field_width: 400.0,
    column_width: 1160.0,
    tile: 104.0,
    border_width: 1.5,
    short_field: 140.0,
    icon_button: 44.0,
    outline: 2.5,
    pad_width: 420.0,
    pad_height: 130.0,
    thumb: 64.0,
    photo: 180.0,
    photo_large: 260.0,
    signature: 280.0,
    preview: 120.0,
    crop: 300.0,
    badge_width: 240.0,
    tile_min: 64.0,
    tile_max: 170.0,
    tile_chrome: 18.0,
    training_text: 20.0,
    figure: 30.0,
    plot_height: 220.0,
    table_height: 360.0,
};

/// The relative luminance of a colour (WCAG 2.x).
pub fn luminance(colour: Color32) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour.r()) + 0.7152 * channel(colour.g()) + 0.0722 * channel(colour.b())
}

/// The WCAG contrast ratio of two colours, 1–21.
pub fn contrast_ratio(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_pair_meets_wcag_aa_in_every_theme() {
        for theme in Theme::ALL {
            for (name, fg, bg) in Palette::of(theme).text_pairs() {
                let ratio = contrast_ratio(fg, bg);
                assert!(ratio >= 4.5, "{theme:?} {name}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn high_contrast_text_is_at_least_aaa() {
        let p = Palette::of(Theme::HighContrast);
        assert!(contrast_ratio(p.text, p.surface) >= 7.0);
        assert!(contrast_ratio(p.on_strong, p.accent) >= 7.0);
    }

    #[test]
    fn the_contrast_formula_matches_known_values() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = rgb(0x767676);
        assert!((contrast_ratio(grey, Color32::WHITE) - 4.54).abs() < 0.01);
    }
}
