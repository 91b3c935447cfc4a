//! Fingers at the minutiae level, for registries too large to draw.
//!
//! A search benchmark needs 100,000 persons × 10 fingers: growing and
//! extracting a million images would take days on two cores. This draws a
//! finger's minutiae straight from the same model as [`super::master_print`]
//! — the pattern class with its real-world frequency, singular points
//! placed for the class, the zero-pole orientation field, the fingertip's
//! size — with the minutiae spread over the fingertip and turned along the
//! ridge flow. An impression moves, turns and crops them as a capture would,
//! loses some and adds spurious ones. Deterministic for a given seed.

use super::orientation::{self, PatternClass};
use super::rng::Rng;
use super::{IMPRESSION_SIZE, MASTER_SIZE, PPI};
use crate::biometrics::template::{FingerTemplate, Minutia, MinutiaKind};
use crate::model::{FingerPosition, ImpressionKind};

/// Minutiae on a whole fingertip (an impression shows about half).
const MASTER_MINUTIAE: usize = 110;
/// Two minutiae are never closer than this (ridge period ≈ 9 px).
const MIN_SPACING: f32 = 14.0;

/// One minutia of a master finger: position in master pixels (y down),
/// direction in radians counter-clockwise as seen.
#[derive(Debug, Clone, Copy)]
pub struct MasterMinutia {
    /// Column, master pixels.
    pub x: f32,
    /// Row, master pixels.
    pub y: f32,
    /// Direction, radians.
    pub angle: f32,
    /// A bifurcation, else a ridge ending.
    pub bifurcation: bool,
}

/// The minutiae of the finger identified by `seed`.
pub fn master_minutiae(seed: u64) -> Vec<MasterMinutia> {
    let mut rng = Rng::derive(seed, 11);
    let (w, h) = (MASTER_SIZE.0 as f32, MASTER_SIZE.1 as f32);
    let class = PatternClass::sample(&mut rng);
    let (cx, cy) = (w / 2.0 + rng.normal() * 8.0, h * 0.46 + rng.normal() * 10.0);
    let singular = orientation::singularities(class, cx, cy, &mut rng);
    let tilt = rng.normal() * 0.06;
    let (ecx, ecy) = (w / 2.0, h * 0.42);
    let (rx, ry) = (rng.range(165.0, 195.0), rng.range(200.0, 235.0));
    let mut out: Vec<MasterMinutia> = Vec::with_capacity(MASTER_MINUTIAE);
    let mut tries = 0;
    while out.len() < MASTER_MINUTIAE && tries < MASTER_MINUTIAE * 40 {
        tries += 1;
        let (x, y) = (rng.range(0.0, w), rng.range(0.0, h));
        let (dx, dy) = ((x - ecx) / rx, (y - ecy) / (ry * 1.2));
        if dx * dx + dy * dy > 1.0 {
            continue;
        }
        if out.iter().any(|m| (m.x - x).hypot(m.y - y) < MIN_SPACING) {
            continue;
        }
        // The model gives the ridge's orientation (y down); a minutia points
        // one way along it, and ISO turns counter-clockwise as seen.
        let along = orientation::orientation_at(class, &singular, tilt, cx, cy, x, y);
        let flip = if rng.chance(0.5) {
            std::f32::consts::PI
        } else {
            0.0
        };
        out.push(MasterMinutia {
            x,
            y,
            angle: -along + flip + rng.normal() * 0.05,
            bifurcation: rng.chance(0.45),
        });
    }
    out
}

/// One impression of a master finger as an extractor would report it: the
/// finger turned by up to about ±15° and moved by up to about ±20 px,
/// cropped to the sensor and to the contact area, each minutia displaced
/// by a few pixels and a few degrees, one in eight missed, a few spurious
/// ones added. Reliability (ISO quality) is lower near the contact's edge
/// and for the spurious ones, as an extractor reports it.
pub fn minutiae_impression(
    master: &[MasterMinutia],
    position: FingerPosition,
    seed: u64,
) -> FingerTemplate {
    let mut rng = Rng::derive(seed, 12);
    let (mw, mh) = (MASTER_SIZE.0 as f32, MASTER_SIZE.1 as f32);
    let (ow, oh) = (IMPRESSION_SIZE.0 as f32, IMPRESSION_SIZE.1 as f32);
    let rotation = (rng.normal() * 7.0).clamp(-20.0, 20.0).to_radians();
    let (sin, cos) = rotation.sin_cos();
    let (mcx, mcy) = (
        mw / 2.0 + rng.normal() * 12.0,
        mh * 0.45 + rng.normal() * 14.0,
    );
    let (contact_rx, contact_ry) = (160.0 * rng.range(0.72, 0.88), 230.0 * rng.range(0.72, 0.88));
    let contact = (rng.normal() * 12.0, rng.normal() * 14.0);
    let mut minutiae = Vec::with_capacity(master.len() / 2 + 8);
    for m in master {
        // Master → sensor: centred, turned (y down, so a counter-clockwise
        // turn as seen is −rotation in these axes), then shifted to the
        // sensor's centre.
        let (x, y) = (m.x - mcx, m.y - mcy);
        let (sx, sy) = (cos * x + sin * y, -sin * x + cos * y);
        let (ex, ey) = ((sx - contact.0) / contact_rx, (sy - contact.1) / contact_ry);
        if ex * ex + ey * ey > 1.0 || rng.chance(0.12) {
            continue;
        }
        let (px, py) = (
            sx + ow / 2.0 + rng.normal() * 2.5,
            sy + oh / 2.0 + rng.normal() * 2.5,
        );
        if !(0.0..ow).contains(&px) || !(0.0..oh).contains(&py) {
            continue;
        }
        let angle = m.angle + rotation + rng.normal() * 0.08;
        // An extractor trusts minutiae near the edge of the contact less.
        let edge = ex * ex + ey * ey > 0.7;
        let quality = if edge {
            rng.range(20.0, 60.0)
        } else {
            rng.range(45.0, 95.0)
        };
        minutiae.push(minutia(px, py, angle, m.bifurcation, quality));
    }
    let spurious = 2 + (rng.unit() * 5.0) as usize;
    for _ in 0..spurious {
        let (ex, ey) = (rng.range(-1.0, 1.0), rng.range(-1.0, 1.0));
        if ex * ex + ey * ey > 1.0 {
            continue;
        }
        let (px, py) = (
            ow / 2.0 + contact.0 + ex * contact_rx,
            oh / 2.0 + contact.1 + ey * contact_ry,
        );
        if (0.0..ow).contains(&px) && (0.0..oh).contains(&py) {
            let angle = rng.range(0.0, std::f32::consts::TAU);
            let quality = rng.range(10.0, 50.0);
            minutiae.push(minutia(px, py, angle, rng.chance(0.5), quality));
        }
    }
    // As an extractor reports them: no two within a ridge event's size.
    FingerTemplate {
        width: IMPRESSION_SIZE.0 as u16,
        height: IMPRESSION_SIZE.1 as u16,
        ppi: PPI,
        position: Some(position),
        impression: ImpressionKind::Flat,
        quality: 60,
        minutiae,
    }
    .without_near_duplicates()
}

/// Person `index` of a synthetic registry: ten fingers, each its own
/// master, as captured at `impression` (0 at enrolment, 1, 2… later).
pub fn synthetic_person(index: usize, impression: u64) -> Vec<FingerTemplate> {
    FingerPosition::ALL
        .into_iter()
        .enumerate()
        .map(|(finger, position)| {
            let seed = (index as u64) * 16 + finger as u64 + 1;
            minutiae_impression(
                &master_minutiae(seed),
                position,
                seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ impression,
            )
        })
        .collect()
}

fn minutia(x: f32, y: f32, angle: f32, bifurcation: bool, quality: f32) -> Minutia {
    let turns = angle.rem_euclid(std::f32::consts::TAU) / std::f32::consts::TAU;
    Minutia {
        x: x as u16,
        y: y as u16,
        angle: ((turns * 256.0).round() as u32 % 256) as u8,
        kind: if bifurcation {
            MinutiaKind::Bifurcation
        } else {
            MinutiaKind::RidgeEnding
        },
        quality: quality as u8,
    }
}
