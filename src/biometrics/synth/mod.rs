//! Synthetic fingerprints and palms, made by the product itself so that no
//! real person's prints are ever shipped (SFinGe-style generation).
//!
//! A **master print** per finger: a pattern class drawn with realistic
//! frequencies, singular points placed for that class, the orientation field
//! they induce, a ridge-period map around 9 px (500 ppi), and ridges grown by
//! iterative Gabor filtering from random seeds inside a fingertip-shaped mask.
//! Each **impression** of a master adds what a real capture adds: rotation,
//! translation, elastic distortion, pressure (dry or wet skin), partial
//! contact and sensor noise. **Palms** are large ridge fields with the main
//! flexion creases. Everything is deterministic for a given seed.

use super::field;
pub mod minutiae;
mod orientation;
mod palm;
mod ridges;
mod rng;

use image::GrayImage;
use serde::{Deserialize, Serialize};

pub use field::Field;
pub use orientation::{PatternClass, Singularities};
pub use palm::{palm_impression, palm_print};
pub use rng::Rng;

/// Width and height of a master print (the whole fingertip), pixels.
pub const MASTER_SIZE: (usize, usize) = (440, 540);
/// Width and height of an impression (a 0.72 × 0.84 inch sensor at 500 ppi).
pub const IMPRESSION_SIZE: (u32, u32) = (360, 420);
/// Resolution of everything generated here.
pub const PPI: u16 = 500;

/// The ridge pattern of one finger, before any capture.
#[derive(Debug, Clone)]
pub struct MasterPrint {
    /// Its Henry class.
    pub class: PatternClass,
    /// Its cores and deltas.
    pub singularities: Singularities,
    /// Positive on ridges, negative in valleys, in [−1, 1].
    pub ridges: Field,
    /// 1 on the fingertip, 0 outside.
    pub mask: Field,
}

/// Grows the master print of the finger identified by `seed`.
pub fn master_print(seed: u64) -> MasterPrint {
    let mut rng = Rng::derive(seed, 1);
    let (w, h) = MASTER_SIZE;
    let class = PatternClass::sample(&mut rng);
    let (cx, cy) = (
        w as f32 / 2.0 + rng.normal() * 8.0,
        h as f32 * 0.46 + rng.normal() * 10.0,
    );
    let singularities = orientation::singularities(class, cx, cy, &mut rng);
    let tilt = rng.normal() * 0.06;
    let mut orientation = orientation::orientation_field(w, h, class, &singularities, tilt, cx, cy);
    orientation::perturb(&mut orientation, &mut rng);
    let period = orientation::period_field(w, h, &mut rng);
    let mask = orientation::fingertip_mask(
        w,
        h,
        w as f32 / 2.0,
        h as f32 * 0.42,
        rng.range(165.0, 195.0),
        rng.range(200.0, 235.0),
    );
    let ridges = ridges::grow_ridges(&orientation, &period, &mask, &mut rng, 14);
    MasterPrint {
        class,
        singularities,
        ridges,
        mask,
    }
}

/// How moist the skin was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pressure {
    /// Dry skin or light pressure: thin, broken ridges.
    Dry,
    /// Ordinary skin and pressure.
    Normal,
    /// Wet skin or heavy pressure: thick ridges that run together.
    Wet,
}

/// What one capture does to a master print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImpressionParams {
    /// Rotation of the finger on the platen, degrees.
    pub rotation_deg: f32,
    /// Shift of the finger on the platen, pixels.
    pub shift: (f32, f32),
    /// Amplitude of the elastic distortion, pixels.
    pub distortion: f32,
    /// Dry, normal or wet.
    pub pressure: Pressure,
    /// 0 … 1: how strongly the pressure shows.
    pub pressure_strength: f32,
    /// Offset of the contact area from the fingertip's centre, pixels.
    pub contact_offset: (f32, f32),
    /// Size of the contact area relative to the whole fingertip.
    pub contact_scale: f32,
    /// Standard deviation of the sensor noise, grey levels.
    pub noise: f32,
    /// Box-blur radius of the optics, pixels.
    pub blur: usize,
    /// Ridge and valley grey levels.
    pub ridge_level: f32,
    /// Valley grey level (see `ridge_level`).
    pub valley_level: f32,
}

impl ImpressionParams {
    /// An ordinary capture: rotation within ±12°, a few pixels of
    /// distortion, mostly normal pressure.
    pub fn ordinary(rng: &mut Rng) -> Self {
        let pressure = match rng.weighted(&[0.2, 0.6, 0.2]) {
            0 => Pressure::Dry,
            1 => Pressure::Normal,
            _ => Pressure::Wet,
        };
        ImpressionParams {
            rotation_deg: rng.normal() * 5.0,
            shift: (rng.normal() * 12.0, rng.normal() * 14.0),
            distortion: rng.range(1.0, 4.0),
            pressure,
            pressure_strength: rng.range(0.2, 0.7),
            contact_offset: (rng.normal() * 12.0, rng.normal() * 14.0),
            contact_scale: rng.range(0.72, 0.88),
            noise: rng.range(2.0, 5.0),
            blur: usize::from(rng.chance(0.4)),
            ridge_level: rng.range(30.0, 80.0),
            valley_level: rng.range(200.0, 235.0),
        }
    }

    /// A poor capture: smudged, noisy, low contrast, partial.
    pub fn poor(rng: &mut Rng) -> Self {
        let mut p = Self::ordinary(rng);
        p.pressure = if rng.chance(0.5) {
            Pressure::Dry
        } else {
            Pressure::Wet
        };
        p.pressure_strength = rng.range(0.85, 1.0);
        p.contact_scale = rng.range(0.55, 0.7);
        p.contact_offset = (rng.normal() * 40.0, rng.normal() * 40.0);
        p.noise = rng.range(16.0, 24.0);
        p.blur = 2;
        p.ridge_level = rng.range(100.0, 130.0);
        p.valley_level = rng.range(175.0, 200.0);
        p
    }
}

fn smoothstep(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Low-frequency noise in [0, 1]: a random grid of `cell`-pixel cells,
/// interpolated.
fn blob_noise(width: usize, height: usize, cell: usize, rng: &mut Rng) -> Field {
    let gw = width / cell + 2;
    let gh = height / cell + 2;
    let grid = Field::from_fn(gw, gh, |_, _| rng.unit());
    Field::from_fn(width, height, |x, y| {
        grid.sample(x as f32 / cell as f32, y as f32 / cell as f32, 0.5)
    })
}

/// One impression of a master print, as an 8-bit grayscale image at 500 ppi
/// (dark ridges on a light background).
pub fn impression(master: &MasterPrint, params: &ImpressionParams, seed: u64) -> GrayImage {
    let mut rng = Rng::derive(seed, 2);
    let (ow, oh) = (IMPRESSION_SIZE.0 as usize, IMPRESSION_SIZE.1 as usize);
    let (mw, mh) = (master.ridges.width as f32, master.ridges.height as f32);
    let (ocx, ocy) = (ow as f32 / 2.0, oh as f32 / 2.0);
    let (mcx, mcy) = (mw / 2.0 - params.shift.0, mh * 0.45 - params.shift.1);
    let (s, c) = params.rotation_deg.to_radians().sin_cos();
    let waves: Vec<[f32; 4]> = (0..3)
        .map(|_| {
            [
                rng.range(0.006, 0.02),
                rng.range(0.006, 0.02),
                rng.range(0.0, std::f32::consts::TAU),
                rng.range(0.0, std::f32::consts::TAU),
            ]
        })
        .collect();
    let breaks = blob_noise(ow, oh, 5, &mut rng);
    let (dry_t, wet_t) = match params.pressure {
        Pressure::Dry => (0.3 * params.pressure_strength, 0.0),
        Pressure::Normal => (0.0, 0.0),
        Pressure::Wet => (0.0, 0.45 * params.pressure_strength),
    };
    let contact_rx = 160.0 * params.contact_scale;
    let contact_ry = 230.0 * params.contact_scale;
    let mut ink = Field::new(ow, oh, 0.0);
    let mut presence = Field::new(ow, oh, 0.0);
    for oy in 0..oh {
        for ox in 0..ow {
            let (x, y) = (ox as f32 - ocx, oy as f32 - ocy);
            let (mut dx, mut dy) = (0.0, 0.0);
            for [fx, fy, px, py] in &waves {
                dx += params.distortion / 3.0 * (x * fx + y * fy + px).sin();
                dy += params.distortion / 3.0 * (x * fy - y * fx + py).sin();
            }
            let sx = c * x + s * y + mcx + dx;
            let sy = -s * x + c * y + mcy + dy;
            let ridge = master.ridges.sample(sx, sy, 0.0);
            let on_finger = master.mask.sample(sx, sy, 0.0);
            let (ex, ey) = (
                (x - params.contact_offset.0) / contact_rx,
                (y - params.contact_offset.1) / contact_ry,
            );
            let contact = smoothstep(1.0, 0.9, (ex * ex + ey * ey).sqrt());
            let mut k = smoothstep(-0.3 + dry_t - wet_t, 0.3 + dry_t - wet_t, ridge);
            if dry_t > 0.0 && breaks.get(ox, oy) < 0.12 * params.pressure_strength {
                k *= 0.25;
            }
            ink.set(ox, oy, k);
            presence.set(ox, oy, on_finger * contact);
        }
    }
    if wet_t > 0.0 {
        ink = ink.box_blur(1);
    }
    let background = params.valley_level + rng.range(8.0, 20.0);
    let mut grey = Field::from_fn(ow, oh, |x, y| {
        let p = presence.get(x, y);
        let inside =
            params.valley_level - ink.get(x, y) * (params.valley_level - params.ridge_level);
        p * inside + (1.0 - p) * background
    });
    grey = grey.box_blur(params.blur);
    GrayImage::from_fn(IMPRESSION_SIZE.0, IMPRESSION_SIZE.1, |x, y| {
        let v = grey.get(x as usize, y as usize) + rng.normal() * params.noise;
        image::Luma([v.clamp(0.0, 255.0) as u8])
    })
}
