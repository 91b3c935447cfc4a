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

/// Pixels filtered together. Each keeps its own accumulator, summed in the
/// same order as one pixel alone, so the result is bit for bit that of the
/// pixel-by-pixel pass; sixteen independent sums instead of one chain of 289
/// dependent additions is what makes it fast (and, where the lanes share a
/// kernel, the compiler turns them into vector instructions).
const LANES: usize = 16;
/// Up to this many kernels in a chunk, one shared (vectorised) pass per
/// kernel is faster than a pass that fetches each lane's kernel.
const SHARED_PASSES: usize = 4;

/// One Gabor pass: `next` = `current` filtered with each active pixel's
/// kernel (inactive pixels are left as they are).
fn filter_pass(bank: &Bank, kernel_of: &[u32], active: &[bool], current: &Field, next: &mut Field) {
    let w = current.width;
    let h = current.height;
    if w <= 2 * RADIUS || h <= 2 * RADIUS {
        return;
    }
    for y in RADIUS..h - RADIUS {
        let mut x = RADIUS;
        while x < w - RADIUS {
            let i = y * w + x;
            if x + LANES > w - RADIUS {
                if active[i] {
                    next.data[i] =
                        filter_pixel(&bank.kernels[kernel_of[i] as usize], current, x, y);
                }
                x += 1;
                continue;
            }
            let lanes = &active[i..i + LANES];
            if !lanes.iter().any(|a| *a) {
                x += LANES;
                continue;
            }
            let kernels = &kernel_of[i..i + LANES];
            // Few kernels in the chunk (a ridge's orientation changes
            // slowly): one shared pass per kernel, each lane taking its own.
            let mut distinct: Vec<u32> = Vec::with_capacity(LANES);
            for k in kernels {
                if !distinct.contains(k) {
                    distinct.push(*k);
                }
            }
            let acc = if distinct.len() <= SHARED_PASSES {
                let mut acc = [0f32; LANES];
                for k in &distinct {
                    let shared = filter_lanes_shared(&bank.kernels[*k as usize], current, x, y);
                    for l in 0..LANES {
                        if kernels[l] == *k {
                            acc[l] = shared[l];
                        }
                    }
                }
                acc
            } else {
                let ks: [&[f32; SIZE * SIZE]; LANES] =
                    std::array::from_fn(|l| &bank.kernels[kernels[l] as usize]);
                filter_lanes(&ks, current, x, y)
            };
            for (l, value) in acc.into_iter().enumerate() {
                if lanes[l] {
                    next.data[i + l] = value;
                }
            }
            x += LANES;
        }
    }
}

/// The filtered value of one pixel (the reference order of summation).
fn filter_pixel(k: &[f32; SIZE * SIZE], current: &Field, x: usize, y: usize) -> f32 {
    let w = current.width;
    let mut acc = 0.0;
    for ky in 0..SIZE {
        let row = &current.data[(y + ky - RADIUS) * w + x - RADIUS..][..SIZE];
        let krow = &k[ky * SIZE..][..SIZE];
        for (a, b) in row.iter().zip(krow) {
            acc += a * b;
        }
    }
    acc
}

/// Neighbouring pixels, each with its own kernel.
fn filter_lanes(
    ks: &[&[f32; SIZE * SIZE]; LANES],
    current: &Field,
    x: usize,
    y: usize,
) -> [f32; LANES] {
    let w = current.width;
    let mut acc = [0f32; LANES];
    for ky in 0..SIZE {
        let row = &current.data[(y + ky - RADIUS) * w + x - RADIUS..][..SIZE + LANES - 1];
        for kx in 0..SIZE {
            let j = ky * SIZE + kx;
            for (l, a) in acc.iter_mut().enumerate() {
                *a += row[l + kx] * ks[l][j];
            }
        }
    }
    acc
}

/// Neighbouring pixels sharing one kernel.
fn filter_lanes_shared(
    k: &[f32; SIZE * SIZE],
    current: &Field,
    x: usize,
    y: usize,
) -> [f32; LANES] {
    let w = current.width;
    let mut acc = [0f32; LANES];
    for ky in 0..SIZE {
        let row = &current.data[(y + ky - RADIUS) * w + x - RADIUS..][..SIZE + LANES - 1];
        for kx in 0..SIZE {
            let b = k[ky * SIZE + kx];
            let window = &row[kx..kx + LANES];
            for (a, v) in acc.iter_mut().zip(window) {
                *a += v * b;
            }
        }
    }
    acc
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
        filter_pass(&bank, &kernel_of, &active, &current, &mut next);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The lane-parallel pass gives exactly the pixel-by-pixel result, on a
    /// field with every kind of chunk: inactive runs, shared and mixed
    /// kernels, and a ragged right edge.
    #[test]
    fn lanes_equal_the_pixel_by_pixel_pass() {
        let (w, h) = (61, 47);
        let bank = Bank::new();
        let mut rng = Rng::new(11);
        let current = Field::from_fn(w, h, |_, _| rng.range(-1.0, 1.0));
        let kernel_of: Vec<u32> = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                // Bands of one kernel, and a region where it changes each pixel.
                if y < 20 {
                    ((x / 13) * 7 % (ANGLE_BINS * PERIOD_BINS)) as u32
                } else {
                    ((x * 31 + y * 17) % (ANGLE_BINS * PERIOD_BINS)) as u32
                }
            })
            .collect();
        let active: Vec<bool> = (0..w * h)
            .map(|i| (i % w) % 23 != 5 && i % 97 != 0)
            .collect();
        let mut fast = Field::new(w, h, 0.5);
        filter_pass(&bank, &kernel_of, &active, &current, &mut fast);
        let mut slow = Field::new(w, h, 0.5);
        for y in RADIUS..h - RADIUS {
            for x in RADIUS..w - RADIUS {
                let i = y * w + x;
                if active[i] {
                    slow.data[i] =
                        filter_pixel(&bank.kernels[kernel_of[i] as usize], &current, x, y);
                }
            }
        }
        let differing = fast
            .data
            .iter()
            .zip(&slow.data)
            .filter(|(a, b)| a.to_bits() != b.to_bits())
            .count();
        assert_eq!(differing, 0);
        assert!(
            slow.data.iter().any(|v| *v != 0.5),
            "the reference filtered nothing"
        );
    }
}
