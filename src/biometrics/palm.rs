//! Palm prints compared 1:1 (п.11 against a record that holds palms only,
//! п.10), with the finger matcher, window by window.
//!
//! A full palm at 500 ppi is about 1,000 × 1,200 pixels and carries several
//! hundred minutiae; the finger matcher describes at most 60 of them and
//! expects a fingertip's area. So each palm is cut into overlapping
//! finger-sized windows of its minutiae, every probe window is compared
//! with every stored window, and the palm's score is the mean of the best
//! few window scores. A different palm's windows find no partner that
//! agrees in both local structure and placement, so its best windows stay
//! low; the same palm's windows overlap their counterparts, whatever the
//! shift of the hand between the two impressions.

use super::extract::{ExtractError, extract};
use super::image::FingerImage;
use super::matcher::Matcher;
use super::template::FingerTemplate;

/// Side of a window, pixels at 500 ppi (a large fingertip).
pub const PALM_WINDOW: u16 = 320;
/// Windows start every half window, so any region is whole in one of them.
const STRIDE: u16 = PALM_WINDOW / 2;
/// A window with fewer minutiae says too little to compare.
const MIN_MINUTIAE: usize = 12;
/// The palm's score is the mean of this many best window pairs.
const BEST_WINDOWS: usize = 4;

/// The palm-level threshold on [`palm_score`] with `mcc`. Measured on 12
/// synthetic palms with two impressions each (`cargo run --release
/// --example palm_scores 12`): genuine scores 0.76–0.92, the highest of
/// 132 impostor pairs 0.19 when it was set; with `mcc` as of 2026-12-05,
/// 0.64–0.89 and 0.09. No real palm set is at hand to calibrate on, so
/// the threshold sits in the middle of that gap rather than at a measured
/// false-match rate.
pub const PALM_THRESHOLD: f32 = 0.35;

/// The minutiae of a palm print, all of them (no record limit applies:
/// palm templates stay in memory for the comparison).
pub fn palm_template(image: &FingerImage) -> Result<FingerTemplate, ExtractError> {
    extract(image)
}

/// The finger-sized windows of a palm's minutiae, each moved to its own
/// origin.
pub fn windows(palm: &FingerTemplate) -> Vec<FingerTemplate> {
    let (w, h) = (palm.width.max(1), palm.height.max(1));
    let mut out = Vec::new();
    let mut y0 = 0u16;
    loop {
        let mut x0 = 0u16;
        loop {
            let minutiae: Vec<_> = palm
                .minutiae
                .iter()
                .filter(|m| {
                    m.x >= x0 && m.x < x0 + PALM_WINDOW && m.y >= y0 && m.y < y0 + PALM_WINDOW
                })
                .map(|m| super::template::Minutia {
                    x: m.x - x0,
                    y: m.y - y0,
                    ..*m
                })
                .collect();
            if minutiae.len() >= MIN_MINUTIAE {
                out.push(FingerTemplate {
                    width: PALM_WINDOW.min(w - x0),
                    height: PALM_WINDOW.min(h - y0),
                    minutiae,
                    position: None,
                    ..palm.clone()
                });
            }
            if x0.saturating_add(PALM_WINDOW) >= w {
                break;
            }
            x0 += STRIDE;
        }
        if y0.saturating_add(PALM_WINDOW) >= h {
            break;
        }
        y0 += STRIDE;
    }
    out
}

/// How well two palm prints agree, 0 upward, on the matcher's scale: the
/// mean of the best window-pair scores, each probe window paired with its
/// best stored window.
pub fn palm_score(matcher: &dyn Matcher, probe: &FingerTemplate, stored: &FingerTemplate) -> f32 {
    let probe_windows = windows(probe);
    let stored_windows: Vec<_> = windows(stored).iter().map(|w| matcher.prepare(w)).collect();
    if probe_windows.is_empty() || stored_windows.is_empty() {
        return 0.0;
    }
    let mut best: Vec<f32> = probe_windows
        .iter()
        .map(|w| {
            let prepared = matcher.prepare(w);
            stored_windows
                .iter()
                .map(|s| matcher.compare_prepared(&prepared, s))
                .fold(0.0f32, f32::max)
        })
        .collect();
    best.sort_by(|a, b| b.total_cmp(a));
    let n = best.len().min(BEST_WINDOWS);
    best[..n].iter().sum::<f32>() / n as f32
}
