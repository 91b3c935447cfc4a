//! Ridges grown by iterative Gabor filtering (as SFinGe does): random seeds
//! are filtered again and again with a Gabor filter tuned to the local ridge
//! orientation and period, and saturated after each pass, until a continuous
//! ridge pattern fills the print. Where the growing fronts meet, ridge endings
//! and bifurcations appear by themselves.

use super::field::Field;
use super::rng::Rng;

const ANGLE_BINS: usize = 48;
const PERIOD_MIN: f32 = 6.0;
const PERIOD_STEP: f32 = 0.5;
const PERIOD_BINS: usize = 14; // 6.0 … 12.5 px
const RADIUS: usize = 8;
const SIZE: usize = 2 * RADIUS + 1;

/// Gabor kernels for every (orientation, period) bin, zero-mean.
struct Bank {
    kernels: Vec<[f32; SIZE * SIZE]>,
}

impl Bank {
    fn new() -> Bank {
        let mut kernels = Vec::with_capacity(ANGLE_BINS * PERIOD_BINS);
        for a in 0..ANGLE_BINS {
            let theta = a as f32 * std::f32::consts::PI / ANGLE_BINS as f32;
            let (s, c) = theta.sin_cos();
            for p in 0..PERIOD_BINS {
                let period = PERIOD_MIN + p as f32 * PERIOD_STEP;
                let sigma_across = 0.42 * period;
                let sigma_along = 1.2 * period;
                // Envelope and carrier, u across the ridges, v along them.
                let mut envelope = [0f32; SIZE * SIZE];
                let mut k = [0f32; SIZE * SIZE];
                for ky in 0..SIZE {
                    for kx in 0..SIZE {
                        let (x, y) = (kx as f32 - RADIUS as f32, ky as f32 - RADIUS as f32);
                        let u = -x * s + y * c;
                        let v = x * c + y * s;
                        let e = (-(u * u) / (2.0 * sigma_across * sigma_across)
                            - (v * v) / (2.0 * sigma_along * sigma_along))
                            .exp();
                        envelope[ky * SIZE + kx] = e;
                        k[ky * SIZE + kx] = e * (std::f32::consts::TAU * u / period).cos();
                    }
                }
                // Remove the DC part so that flat areas stay flat.
                let dc = k.iter().sum::<f32>() / envelope.iter().sum::<f32>();
                for (value, e) in k.iter_mut().zip(&envelope) {
                    *value -= dc * e;
                }
                kernels.push(k);
            }
        }
        Bank { kernels }
    }

    fn index(theta: f32, period: f32) -> usize {
        let pi = std::f32::consts::PI;
        let t = theta.rem_euclid(pi);
        let a = ((t / pi * ANGLE_BINS as f32).round() as usize) % ANGLE_BINS;
        let p =
            (((period - PERIOD_MIN) / PERIOD_STEP).round().max(0.0) as usize).min(PERIOD_BINS - 1);
        a * PERIOD_BINS + p
    }
}

/// Grows ridges over the region where `mask` > 0. Returns a field in [−1, 1]:
/// positive on ridges, negative in valleys.
pub fn grow_ridges(
    orientation: &Field,
    period: &Field,
    mask: &Field,
    rng: &mut Rng,
    iterations: usize,
) -> Field {
    let (w, h) = (orientation.width, orientation.height);
    let bank = Bank::new();
    // The kernel of each pixel, chosen once.
    let kernel_of: Vec<u32> = orientation
        .data
        .iter()
        .zip(&period.data)
        .map(|(t, p)| Bank::index(*t, *p) as u32)
        .collect();
    // Work only inside the (slightly grown) mask.
    let active: Vec<bool> = mask
        .box_blur(RADIUS)
        .data
        .iter()
        .map(|m| *m > 0.0)
        .collect();

    let mut current = Field::new(w, h, 0.0);
    for (value, on) in current.data.iter_mut().zip(&active) {
        if *on && rng.chance(0.0008) {
            *value = if rng.chance(0.5) { 1.0 } else { -1.0 };
        }
    }
    let mut next = Field::new(w, h, 0.0);
    for _ in 0..iterations {
        for y in RADIUS..h - RADIUS {
            for x in RADIUS..w - RADIUS {
                let i = y * w + x;
                if !active[i] {
                    continue;
                }
                let k = &bank.kernels[kernel_of[i] as usize];
                let mut acc = 0.0;
                for ky in 0..SIZE {
                    let row = &current.data[(y + ky - RADIUS) * w + x - RADIUS..][..SIZE];
                    let krow = &k[ky * SIZE..][..SIZE];
                    for (a, b) in row.iter().zip(krow) {
                        acc += a * b;
                    }
                }
                next.data[i] = acc;
            }
        }
        // Normalise by the RMS of the active area and saturate.
        let (sum, count) = next
            .data
            .iter()
            .zip(&active)
            .filter(|(_, a)| **a)
            .fold((0.0f64, 0usize), |(s, n), (v, _)| {
                (s + f64::from(v * v), n + 1)
            });
        let rms = ((sum / count.max(1) as f64).sqrt() as f32).max(1e-6);
        for ((value, filtered), on) in current.data.iter_mut().zip(&next.data).zip(&active) {
            *value = if *on {
                (filtered / rms * 1.6).clamp(-1.0, 1.0)
            } else {
                0.0
            };
        }
    }
    current
}
