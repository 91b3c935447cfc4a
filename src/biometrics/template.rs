//! Our own minutiae template: what the registries store as "information on
//! the structural features of the papillary patterns" (п.7), with
//! conversions from the MINDTCT detector and to the BOZORTH3 matcher.
//!
//! Coordinates are pixels with the origin at the top-left corner and y
//! downward (as ISO/IEC 19794-2); angles are in 1/256 of a turn,
//! counter-clockwise from the x axis as the image is seen (ISO's unit),
//! and point the way ISO/IEC 19794-2 and ANSI INCITS 378 do: half a turn
//! from MINDTCT's NIST-internal `xyt` form (see [`NIST_TO_ISO_DEGREES`]).

use serde::{Deserialize, Serialize};

use crate::model::{FingerPosition, ImpressionKind};

/// The kind of a minutia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MinutiaKind {
    /// Not determined (MINDTCT's `xyt` output does not say).
    Other,
    /// A ridge ends.
    RidgeEnding,
    /// A ridge forks.
    Bifurcation,
}

/// One minutia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Minutia {
    /// Column, pixels from the left.
    pub x: u16,
    /// Row, pixels from the top.
    pub y: u16,
    /// 0–255: 1/256 of a turn, counter-clockwise as seen.
    pub angle: u8,
    /// Ending, bifurcation or not determined.
    pub kind: MinutiaKind,
    /// 0–100.
    pub quality: u8,
}

impl Minutia {
    /// The angle in whole degrees, 0–359.
    pub fn degrees(&self) -> i32 {
        (i32::from(self.angle) * 360 + 128) / 256 % 360
    }

    /// The angle in radians.
    pub fn radians(&self) -> f32 {
        f32::from(self.angle) * std::f32::consts::TAU / 256.0
    }
}

/// What MINDTCT's NIST-internal `xyt` direction needs to become an ISO
/// one: half a turn. NBIS writes `(270 − d) mod 360` for its own `xyt` and
/// `(90 − d) mod 360` for ANSI INCITS 378 (`lfs2nist_minutia_XYT` and
/// `lfs2m1_minutia_XYT` in `xytreps.c`); ISO/IEC 19794-2 points as INCITS
/// 378 does. Without it, another vendor's template of the very same image
/// matched none of ours (README, "Minutiae"; a test in `tests/biometrics.rs`).
pub const NIST_TO_ISO_DEGREES: i32 = 180;

/// Degrees (any integer) to 1/256 turns.
pub fn angle_from_degrees(degrees: i32) -> u8 {
    let d = degrees.rem_euclid(360);
    (((d * 256 + 180) / 360) % 256) as u8
}

/// The minutiae of one impression and what they were taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FingerTemplate {
    /// The image's width, pixels.
    pub width: u16,
    /// The image's height, pixels.
    pub height: u16,
    /// The image's resolution, pixels per inch.
    pub ppi: u16,
    /// The finger, when known.
    pub position: Option<FingerPosition>,
    /// Flat, rolled, slap or palm.
    pub impression: ImpressionKind,
    /// Quality of the impression, 0–100.
    pub quality: u8,
    /// The minutiae.
    pub minutiae: Vec<Minutia>,
}

/// The most minutiae one finger view of an ISO/IEC 19794-2 record can hold
/// (its count is one byte).
pub const RECORD_MINUTIAE_LIMIT: usize = 255;

/// Two minutiae closer than this (pixels at 500 ppi, 0.2 mm) are one: a
/// print has no two ridge events that close (ridges are 0.3–0.7 mm apart),
/// and piles of coincident points make BOZORTH3's cluster search explode
/// (20 identical minutiae: minutes for one comparison).
pub const NEAR_DUPLICATE_PX_AT_500: f32 = 4.0;

impl FingerTemplate {
    /// The template without near-duplicate minutiae (see
    /// [`NEAR_DUPLICATE_PX_AT_500`]): of two too close, the more reliable
    /// is kept (among equals, the detector's first). Order is kept.
    pub fn without_near_duplicates(mut self) -> FingerTemplate {
        let radius = NEAR_DUPLICATE_PX_AT_500 * f32::from(self.ppi.max(1)) / 500.0;
        let limit = radius * radius;
        let mut order: Vec<usize> = (0..self.minutiae.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.minutiae[i].quality));
        let mut kept: Vec<usize> = Vec::with_capacity(order.len());
        for i in order {
            let m = self.minutiae[i];
            let near = kept.iter().any(|&k| {
                let o = self.minutiae[k];
                let dx = f32::from(m.x) - f32::from(o.x);
                let dy = f32::from(m.y) - f32::from(o.y);
                dx * dx + dy * dy < limit
            });
            if !near {
                kept.push(i);
            }
        }
        if kept.len() == self.minutiae.len() {
            return self;
        }
        kept.sort_unstable();
        self.minutiae = kept.into_iter().map(|i| self.minutiae[i]).collect();
        self
    }

    /// The template with at most `max` minutiae: the most reliable ones
    /// (highest quality; among equals, the detector's order), kept in
    /// their original order. A poor print can yield more minutiae than a
    /// record holds; the surplus is the least reliable and is dropped,
    /// never the whole template.
    pub fn most_reliable(&self, max: usize) -> FingerTemplate {
        if self.minutiae.len() <= max {
            return self.clone();
        }
        let mut order: Vec<usize> = (0..self.minutiae.len()).collect();
        // Stable: equal qualities keep the detector's order.
        order.sort_by_key(|&i| std::cmp::Reverse(self.minutiae[i].quality));
        order.truncate(max);
        order.sort_unstable();
        FingerTemplate {
            minutiae: order.into_iter().map(|i| self.minutiae[i]).collect(),
            ..self.clone()
        }
    }

    /// From MINDTCT's NIST-internal `xyt` output (origin bottom-left, y up,
    /// degrees), each minutia with whether MINDTCT found a bifurcation (else
    /// a ridge ending): the type an ISO/IEC 19794-2 record carries to the
    /// registry's matcher. Directions are turned to ISO's (see
    /// [`NIST_TO_ISO_DEGREES`]).
    pub fn from_mindtct(
        found: &[(fprint_mindtct::Minutia, bool)],
        width: u32,
        height: u32,
        ppi: u16,
    ) -> FingerTemplate {
        let w = u16::try_from(width).unwrap_or(u16::MAX);
        let h = u16::try_from(height).unwrap_or(u16::MAX);
        let minutiae = found
            .iter()
            .map(|(m, bifurcation)| Minutia {
                x: u16::try_from(m.x.clamp(0, i32::from(w.saturating_sub(1)))).unwrap_or(0),
                y: u16::try_from((i32::from(h) - 1 - m.y).clamp(0, i32::from(h.saturating_sub(1))))
                    .unwrap_or(0),
                angle: angle_from_degrees(m.theta + NIST_TO_ISO_DEGREES),
                kind: if *bifurcation {
                    MinutiaKind::Bifurcation
                } else {
                    MinutiaKind::RidgeEnding
                },
                quality: u8::try_from(m.quality.clamp(0, 100)).unwrap_or(0),
            })
            .collect();
        FingerTemplate {
            width: w,
            height: h,
            ppi,
            position: None,
            impression: ImpressionKind::Flat,
            quality: 0,
            minutiae,
        }
    }

    /// To BOZORTH3's NIST-internal `xyt` (origin bottom-left, y up,
    /// degrees, directions turned back from ISO's), keeping at most `limit`
    /// minutiae, best quality first (as NBIS does).
    pub fn to_bozorth(&self, limit: usize) -> Vec<fprint_bozorth3::Minutia> {
        // Whatever its source, no pile of coincident points reaches the
        // matcher (its cost would explode).
        let clean = self.clone().without_near_duplicates();
        let mut sorted: Vec<&Minutia> = clean.minutiae.iter().collect();
        sorted.sort_by_key(|m| std::cmp::Reverse(m.quality));
        sorted.truncate(limit);
        sorted
            .into_iter()
            .map(|m| fprint_bozorth3::Minutia {
                x: i32::from(m.x),
                y: i32::from(self.height) - 1 - i32::from(m.y),
                theta: (m.degrees() - NIST_TO_ISO_DEGREES).rem_euclid(360),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angles_convert_both_ways() {
        for degrees in [0, 1, 45, 90, 179, 180, 270, 359, 360, -90] {
            let m = Minutia {
                x: 0,
                y: 0,
                angle: angle_from_degrees(degrees),
                kind: MinutiaKind::Other,
                quality: 50,
            };
            let back = m.degrees();
            let diff = (back - degrees.rem_euclid(360)).rem_euclid(360);
            assert!(diff <= 1 || diff >= 359, "{degrees} → {back}");
        }
    }

    #[test]
    fn mindtct_coordinates_flip_to_top_left_and_back() {
        let found = [
            (
                fprint_mindtct::Minutia {
                    x: 10,
                    y: 0,
                    theta: 90,
                    quality: 77,
                },
                false,
            ),
            (
                fprint_mindtct::Minutia {
                    x: 20,
                    y: 5,
                    theta: 0,
                    quality: 60,
                },
                true,
            ),
        ];
        let t = FingerTemplate::from_mindtct(&found, 100, 200, 500);
        assert_eq!((t.minutiae[0].x, t.minutiae[0].y), (10, 199));
        // NIST's 90° is ISO's 270°, its 0° ISO's 180°.
        assert_eq!(t.minutiae[0].degrees(), 270);
        assert_eq!(t.minutiae[1].degrees(), 180);
        // MINDTCT's type is kept: a ridge ending, then a bifurcation.
        assert_eq!(t.minutiae[0].kind, MinutiaKind::RidgeEnding);
        assert_eq!(t.minutiae[1].kind, MinutiaKind::Bifurcation);
        let b = t.to_bozorth(150);
        assert_eq!((b[0].x, b[0].y, b[0].theta), (10, 0, 90));
        assert_eq!(b[1].theta, 0);
    }
}
