//! Synthetic palms: a large ridge field grown like the fingers' (with the
//! interdigital and carpal deltas), crossed by the main flexion creases
//! (distal transverse, proximal transverse, thenar) and by minor creases.

use image::GrayImage;

use super::field::Field;
use super::orientation::{PatternClass, Singularities, orientation_field, period_field};
use super::ridges::grow_ridges;
use super::rng::Rng;

/// Width and height of a palm image, pixels (2.0 × 2.4 inch at 500 ppi).
pub const PALM_SIZE: (usize, usize) = (1000, 1200);

fn bezier(p: [(f32, f32); 4], t: f32) -> (f32, f32) {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (
        a * p[0].0 + b * p[1].0 + c * p[2].0 + d * p[3].0,
        a * p[0].1 + b * p[1].1 + c * p[2].1 + d * p[3].1,
    )
}

/// Stamps a crease (a bright band where no ridge prints) along a curve.
fn crease(creases: &mut Field, curve: [(f32, f32); 4], width: f32, rng: &mut Rng) {
    let steps = 400;
    let mut wobble = 0.0f32;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let (x, y) = bezier(curve, t);
        wobble = (wobble + rng.normal() * 0.15).clamp(-1.0, 1.0);
        let r = (width * (0.6 + 0.4 * (std::f32::consts::PI * t).sin()) + wobble).max(1.0);
        let ri = r.ceil() as isize + 1;
        for dy in -ri..=ri {
            for dx in -ri..=ri {
                let (px, py) = (x as isize + dx, y as isize + dy);
                if px < 0 || py < 0 || px as usize >= creases.width || py as usize >= creases.height
                {
                    continue;
                }
                let d = ((dx * dx + dy * dy) as f32).sqrt();
                let v = (1.0 - (d - r).max(0.0)).clamp(0.0, 1.0);
                let old = creases.get(px as usize, py as usize);
                creases.set(px as usize, py as usize, old.max(v));
            }
        }
    }
}

/// A palm print (`right` or left hand), 8-bit grayscale at 500 ppi.
pub fn palm_print(seed: u64, right: bool) -> GrayImage {
    let mut rng = Rng::derive(seed, 3);
    let (w, h) = PALM_SIZE;
    let (wf, hf) = (w as f32, h as f32);
    let mirror = |x: f32| if right { x } else { wf - x };
    let jitter = |rng: &mut Rng| rng.normal() * 15.0;
    let points = Singularities {
        cores: vec![],
        deltas: vec![
            (
                mirror(0.22 * wf) + jitter(&mut rng),
                0.1 * hf + jitter(&mut rng),
            ),
            (
                mirror(0.45 * wf) + jitter(&mut rng),
                0.08 * hf + jitter(&mut rng),
            ),
            (
                mirror(0.68 * wf) + jitter(&mut rng),
                0.09 * hf + jitter(&mut rng),
            ),
            (
                mirror(0.55 * wf) + jitter(&mut rng),
                0.9 * hf + jitter(&mut rng),
            ),
        ],
    };
    let orientation = orientation_field(
        w,
        h,
        PatternClass::LeftLoop,
        &points,
        rng.normal() * 0.1,
        wf / 2.0,
        hf / 2.0,
    );
    let period = period_field(w, h, &mut rng);
    let mask = Field::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let margin_x = 30.0 + 60.0 * (yf / hf).powi(2);
        let inside_x = (xf - margin_x).min(wf - margin_x - xf);
        let inside_y = (yf - 20.0).min(hf - 20.0 - yf);
        (inside_x.min(inside_y) / 12.0).clamp(0.0, 1.0)
    });
    let ridges = grow_ridges(&orientation, &period, &mask, &mut rng, 12);

    let mut creases = Field::new(w, h, 0.0);
    let main: [[(f32, f32); 4]; 3] = [
        // distal transverse ("heart line")
        [(0.97, 0.30), (0.7, 0.22), (0.45, 0.2), (0.22, 0.12)],
        // proximal transverse ("head line")
        [(0.05, 0.36), (0.35, 0.38), (0.6, 0.45), (0.9, 0.55)],
        // thenar ("life line")
        [(0.08, 0.35), (0.35, 0.5), (0.35, 0.75), (0.42, 0.98)],
    ];
    for curve in main {
        let pts = curve.map(|(x, y)| {
            (
                mirror(x * wf) + rng.normal() * 10.0,
                y * hf + rng.normal() * 10.0,
            )
        });
        let width = rng.range(5.0, 8.0);
        crease(&mut creases, pts, width, &mut rng);
    }
    for _ in 0..45 {
        let (x, y) = (rng.range(0.05, 0.95) * wf, rng.range(0.05, 0.95) * hf);
        let (a, len) = (rng.range(0.0, std::f32::consts::PI), rng.range(40.0, 160.0));
        let (dx, dy) = (a.cos() * len, a.sin() * len);
        let bend = (rng.normal() * 20.0, rng.normal() * 20.0);
        let pts = [
            (x, y),
            (x + dx / 3.0 + bend.0, y + dy / 3.0 + bend.1),
            (x + 2.0 * dx / 3.0 + bend.0, y + 2.0 * dy / 3.0 + bend.1),
            (x + dx, y + dy),
        ];
        let width = rng.range(1.0, 2.2);
        crease(&mut creases, pts, width, &mut rng);
    }

    let (ridge_level, valley_level) = (rng.range(40.0, 70.0), rng.range(205.0, 230.0));
    GrayImage::from_fn(w as u32, h as u32, |x, y| {
        let (xu, yu) = (x as usize, y as usize);
        let ink = ((ridges.get(xu, yu) + 0.3) / 0.6).clamp(0.0, 1.0) * (1.0 - creases.get(xu, yu));
        let m = mask.get(xu, yu);
        let v = m * (valley_level - ink * (valley_level - ridge_level))
            + (1.0 - m) * (valley_level + 15.0)
            + rng.normal() * 6.0;
        image::Luma([v.clamp(0.0, 255.0) as u8])
    })
}

/// Another impression of the same palm: the hand placed again, turned by up
/// to ±4° and moved by up to ±40 px, pressed a little unevenly (a slow
/// elastic wave of a few pixels), with fresh sensor noise. The palm model
/// has no second-impression model of its own: one seed is one palm, and
/// this is how it lands on the glass a second time.
pub fn palm_impression(palm: &GrayImage, seed: u64) -> GrayImage {
    let mut rng = Rng::derive(seed, 4);
    let (w, h) = (palm.width() as f32, palm.height() as f32);
    let angle = rng.range(-4.0f32, 4.0).to_radians();
    let (shift_x, shift_y) = (rng.range(-40.0, 40.0), rng.range(-40.0, 40.0));
    let (wave, phase) = (rng.range(2.0, 5.0), rng.range(0.0, std::f32::consts::TAU));
    let (s, c) = angle.sin_cos();
    let (cx, cy) = (w / 2.0, h / 2.0);
    let background = 235.0;
    let source = Field::from_fn(palm.width() as usize, palm.height() as usize, |x, y| {
        f32::from(palm.get_pixel(x as u32, y as u32).0[0])
    });
    GrayImage::from_fn(palm.width(), palm.height(), |x, y| {
        let (x, y) = (x as f32 - cx - shift_x, y as f32 - cy - shift_y);
        let dx = wave * (y / 180.0 + phase).sin();
        let dy = wave * (x / 200.0 - phase).sin();
        let sx = c * x + s * y + cx + dx;
        let sy = -s * x + c * y + cy + dy;
        let v = source.sample(sx, sy, background) + rng.normal() * 6.0;
        image::Luma([v.clamp(0.0, 255.0) as u8])
    })
}
