//! Impression quality, 0–100, computed by Beder (no NFIQ 2 C++ library).
//!
//! The image is cut into 16 × 16 blocks (at 500 ppi). For each block:
//!
//! - **foreground**: the grey levels vary (standard deviation ≥ 10, or on
//!   a faint sensor less: 0.3 of the print's typical block and 1.3 × the
//!   sensor's noise, the extraction's rule; [`foreground_std`]);
//! - **orientation certainty**: the coherence of the gradient structure
//!   tensor, 0 (no direction) … 1 (one clean direction);
//! - **ridge-valley clarity**: 1 − exp(−a / 30) for the amplitude `a` of the
//!   ridge profile across the local orientation (a clear print's is 30 grey
//!   levels or more); strictly increasing, so any loss of contrast shows;
//! - **ridge frequency plausibility**: the profile's period lies in
//!   6–14 px (ridges 0.3–0.7 mm apart at 500 ppi).
//!
//! The image scores the mean certainty over the print's inside (the
//! foreground blocks whose four neighbours are foreground: a block on the
//! print's edge is half background and measures the outline) times the
//! share of those blocks with a plausible period: how well the ridges the
//! print has are formed, not how much of a sensor it covers — a good print
//! on a 300 × 300 sensor scores like one on a large sensor (issue #17: the
//! earlier sum over blocks ranked every print of a small sensor low, and
//! discarding by it removed the small sensor's good prints first). Only a
//! partial touch is marked down: a print covering less than half the
//! capture area of the smallest single-finger sensor class of the FBI's
//! Image Quality Specifications (FAP 10, 0.5 × 0.65 inch) scores in
//! proportion. The minutiae count multiplies it by 0.6 … 1 (35 minutiae or
//! more count fully). Noise lowers the coherence and breaks the period,
//! blur flattens the profile until it has no period, so neither raises the
//! score; a block counts as ridges only where its profile is clear enough
//! to read ([`MIN_CLARITY`]).
//!
//! Measured against NIST's NFIQ 2 on the five development sets with the
//! ISO/IEC 29794-1 error-versus-discard measure (README, "Quality").

use serde::Serialize;

use super::extract::at_working_resolution;
use super::image::FingerImage;

const BLOCK: usize = 16;
/// Blocks a print must cover to count whole: half of FAP 10's capture
/// area (0.5 × 0.65 inch, 250 × 325 px at 500 ppi).
const COVERAGE_BLOCKS: f32 = (250.0 * 325.0 / 2.0) / (BLOCK * BLOCK) as f32;
const CLEAR_AMPLITUDE: f32 = 30.0;
/// The clarity below which a block's period is not read: an amplitude of
/// 3 grey levels, a profile blurred flat.
const MIN_CLARITY: f32 = 0.1;
const FOREGROUND_STD: f32 = 10.0;

/// The parts of the score, each 0–1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct QualityComponents {
    /// Foreground area relative to half of FAP 10's capture area (capped
    /// at 1): below 1, a partial touch.
    pub foreground_area: f32,
    /// Mean orientation certainty over the print's inside.
    pub orientation_certainty: f32,
    /// Mean ridge-valley clarity over the print's inside (1 − exp(−amplitude/30)).
    pub ridge_valley_clarity: f32,
    /// Share of the inside's blocks with a plausible ridge period (and a
    /// profile clear enough to read it).
    pub frequency_plausibility: f32,
    /// Minutiae count factor (count / 35, capped at 1).
    pub minutiae: f32,
}

/// A quality score and how it came about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Quality {
    /// 0–100; higher is better.
    pub score: u8,
    /// The measures the score was made of.
    pub components: QualityComponents,
}

/// The thresholds of the capture step (configurable by the supervisor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct QualityPolicy {
    /// Below this the officer recaptures.
    pub recapture_below: u8,
    /// Attempts per position before the best is accepted as force-captured.
    pub max_attempts: u8,
}

impl Default for QualityPolicy {
    /// Recapture below 40, at most 3 attempts.
    fn default() -> Self {
        QualityPolicy {
            recapture_below: 40,
            max_attempts: 3,
        }
    }
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptDecision {
    /// At or above the threshold: keep it.
    Accept,
    /// Below the threshold with attempts left: capture again.
    Recapture,
    /// The last attempt is still below the threshold: keep the best one,
    /// flagged as force-captured.
    ForceCaptureBest,
}

impl QualityPolicy {
    /// The decision after `attempts` attempts whose best score is `best`.
    pub fn decide(&self, best: u8, attempts: u8) -> AttemptDecision {
        if best >= self.recapture_below {
            AttemptDecision::Accept
        } else if attempts < self.max_attempts {
            AttemptDecision::Recapture
        } else {
            AttemptDecision::ForceCaptureBest
        }
    }
}

struct BlockScore {
    certainty: f32,
    clarity: f32,
    plausible: bool,
}

/// A block's standard deviation of grey levels.
fn block_std(img: &image::GrayImage, bx: usize, by: usize) -> f32 {
    let w = img.width() as usize;
    let raw = img.as_raw();
    let (mut sum, mut sum2) = (0f32, 0f32);
    for y in by * BLOCK..(by + 1) * BLOCK {
        for &v in &raw[y * w + bx * BLOCK..y * w + (bx + 1) * BLOCK] {
            let v = f32::from(v);
            sum += v;
            sum2 += v * v;
        }
    }
    let n = (BLOCK * BLOCK) as f32;
    let mean = sum / n;
    (sum2 / n - mean * mean).max(0.0).sqrt()
}

/// A foreground block's measures (`None` if it has no direction).
fn block_score(
    img: &image::GrayImage,
    smooth: &image::GrayImage,
    bx: usize,
    by: usize,
) -> Option<BlockScore> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let px = |x: usize, y: usize| f32::from(img.as_raw()[y * w + x]);
    let sp = |x: usize, y: usize| f32::from(smooth.as_raw()[y * w + x]);
    let (x0, y0) = (bx * BLOCK, by * BLOCK);
    // Structure tensor from central differences of the smoothed image: raw
    // pixel noise must not pass for a lack of direction.
    let (mut gxx, mut gyy, mut gxy) = (0.0f32, 0.0f32, 0.0f32);
    for y in y0.max(1)..(y0 + BLOCK).min(h - 1) {
        for x in x0.max(1)..(x0 + BLOCK).min(w - 1) {
            let gx = (sp(x + 1, y) - sp(x - 1, y)) / 2.0;
            let gy = (sp(x, y + 1) - sp(x, y - 1)) / 2.0;
            gxx += gx * gx;
            gyy += gy * gy;
            gxy += gx * gy;
        }
    }
    let energy = gxx + gyy;
    if energy <= f32::EPSILON {
        return None;
    }
    let certainty = ((gxx - gyy).powi(2) + 4.0 * gxy * gxy).sqrt() / energy;
    // The gradient's dominant direction is across the ridges.
    let normal = 0.5 * (2.0 * gxy).atan2(gxx - gyy);
    let (nx, ny) = (normal.cos(), normal.sin());
    // Profile across the ridges in a 32 × 32 window around the block centre.
    const HALF: isize = 16;
    let (cx, cy) = ((x0 + BLOCK / 2) as isize, (y0 + BLOCK / 2) as isize);
    let mut bins = [0.0f32; 2 * HALF as usize + 1];
    let mut counts = [0u32; 2 * HALF as usize + 1];
    for dy in -HALF..HALF {
        for dx in -HALF..HALF {
            let (x, y) = (cx + dx, cy + dy);
            if x < 0 || y < 0 || x as usize >= w || y as usize >= h {
                continue;
            }
            let t = dx as f32 * nx + dy as f32 * ny;
            let along = -dx as f32 * ny + dy as f32 * nx;
            if along.abs() > 6.0 {
                continue;
            }
            let bin = (t.round() as isize + HALF).clamp(0, 2 * HALF) as usize;
            bins[bin] += px(x as usize, y as usize);
            counts[bin] += 1;
        }
    }
    let profile: Vec<f32> = bins
        .iter()
        .zip(&counts)
        .filter(|(_, c)| **c > 0)
        .map(|(b, c)| b / *c as f32)
        .collect();
    if profile.len() < 8 {
        return None;
    }
    let pmean = profile.iter().sum::<f32>() / profile.len() as f32;
    let pstd =
        (profile.iter().map(|v| (v - pmean).powi(2)).sum::<f32>() / profile.len() as f32).sqrt();
    let amplitude = pstd * std::f32::consts::SQRT_2;
    // Strictly increasing, so any loss of ridge contrast (blur) shows.
    let clarity = 1.0 - (-amplitude / CLEAR_AMPLITUDE).exp();
    let crossings = profile
        .windows(2)
        .filter(|p| (p[0] - pmean).signum() != (p[1] - pmean).signum())
        .count();
    let plausible = crossings >= 2 && {
        let period = 2.0 * profile.len() as f32 / crossings as f32;
        (6.0..=14.0).contains(&period)
    };
    Some(BlockScore {
        certainty,
        clarity,
        plausible,
    })
}

/// The standard deviation a block needs to be part of the print, given
/// every block's (`stds`): [`FOREGROUND_STD`], or less on a faint sensor —
/// the extraction's foreground rule (a share of the print's typical
/// contrast, clear of the sensor's noise), whichever is lower.
fn foreground_std(img: &image::GrayImage, stds: &[f32]) -> f32 {
    let mut sorted = stds.to_vec();
    if sorted.is_empty() {
        return FOREGROUND_STD;
    }
    let k = sorted.len() * 9 / 10;
    let (_, typical, _) = sorted.select_nth_unstable_by(k, f32::total_cmp);
    let (w, h) = (img.width() as usize, img.height() as usize);
    let noise = super::enhance::noise_level(img.as_raw(), w, h);
    let faint =
        (super::enhance::FOREGROUND_SHARE * *typical).max(super::enhance::NOISE_MARGIN * noise);
    FOREGROUND_STD.min(faint)
}

/// Block measures summed over a set of blocks.
#[derive(Default)]
struct BlockSums {
    count: usize,
    certainty: f32,
    clarity: f32,
    plausible: usize,
}

impl BlockSums {
    fn add(&mut self, b: &BlockScore) {
        self.count += 1;
        self.certainty += b.certainty;
        self.clarity += b.clarity;
        if b.plausible && b.clarity >= MIN_CLARITY {
            self.plausible += 1;
        }
    }
}

/// The quality of an impression, given the number of minutiae found in it.
pub fn quality(image: &FingerImage, minutiae: usize) -> Quality {
    // An image extraction refuses (over the size or memory limit) has no
    // usable quality either; it is not resampled to find out.
    if super::extract::check_working_size(image).is_err() {
        return Quality::default();
    }
    let working = at_working_resolution(image);
    let img = &working.image;
    let smooth = image::imageops::blur(img, 1.5);
    let (bw, bh) = (img.width() as usize / BLOCK, img.height() as usize / BLOCK);
    let positions = || (0..bh).flat_map(|by| (0..bw).map(move |bx| (bx, by)));
    let stds: Vec<f32> = positions().map(|(bx, by)| block_std(img, bx, by)).collect();
    let floor = foreground_std(img, &stds);
    let blocks: Vec<Option<BlockScore>> = positions()
        .zip(&stds)
        .map(|((bx, by), &std)| {
            if std < floor {
                None
            } else {
                block_score(img, &smooth, bx, by)
            }
        })
        .collect();
    let foreground = |bx: usize, by: usize| blocks[by * bw + bx].is_some();
    // A block on the print's edge is part background: it measures the
    // edge, not the ridges. The means are over the print's inside, where
    // it has one (a sliver of a print has none: then over all of it).
    let inside = |bx: usize, by: usize| {
        bx > 0
            && by > 0
            && bx + 1 < bw
            && by + 1 < bh
            && foreground(bx - 1, by)
            && foreground(bx + 1, by)
            && foreground(bx, by - 1)
            && foreground(bx, by + 1)
    };
    // One pass: sums over the whole print and over its inside.
    let (mut whole, mut inner) = (BlockSums::default(), BlockSums::default());
    for by in 0..bh {
        for bx in 0..bw {
            let Some(b) = &blocks[by * bw + bx] else {
                continue;
            };
            whole.add(b);
            if inside(bx, by) {
                inner.add(b);
            }
        }
    }
    let used = if inner.count > 0 { &inner } else { &whole };
    let n = used.count.max(1) as f32;
    let coverage = (whole.count as f32 / COVERAGE_BLOCKS).min(1.0);
    let (certainty, plausibility) = (used.certainty / n, used.plausible as f32 / n);
    let minutiae_factor = (minutiae as f32 / 35.0).min(1.0);
    let score = 100.0 * certainty * plausibility * coverage * (0.6 + 0.4 * minutiae_factor);
    Quality {
        score: score.round().clamp(0.0, 100.0) as u8,
        components: QualityComponents {
            foreground_area: coverage,
            orientation_certainty: certainty,
            ridge_valley_clarity: used.clarity / n,
            frequency_plausibility: plausibility,
            minutiae: minutiae_factor,
        },
    }
}
