//! The orientation model of a master print: pattern class, singular points
//! (cores and deltas) and the ridge-orientation field they induce
//! (Sherlock & Monro's zero-pole model), plus the ridge-period map.

use serde::{Deserialize, Serialize};

use super::field::Field;
use super::rng::Rng;

/// Henry's pattern classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatternClass {
    /// Ridges run across without a core.
    Arch,
    /// An arch with a sharp rise over a delta.
    TentedArch,
    /// A loop opening to the left.
    LeftLoop,
    /// A loop opening to the right.
    RightLoop,
    /// Ridges turn full circle around the core.
    Whorl,
}

impl PatternClass {
    /// Every class.
    pub const ALL: [PatternClass; 5] = [
        PatternClass::Arch,
        PatternClass::TentedArch,
        PatternClass::LeftLoop,
        PatternClass::RightLoop,
        PatternClass::Whorl,
    ];

    /// Natural frequencies (SFinGe, after Wilson et al.): arch 3.7 %, tented
    /// arch 2.9 %, left loop 33.8 %, right loop 31.7 %, whorl 27.9 %.
    pub const FREQUENCIES: [f32; 5] = [0.037, 0.029, 0.338, 0.317, 0.279];

    /// A class drawn at its natural frequency.
    pub fn sample(rng: &mut Rng) -> PatternClass {
        PatternClass::ALL[rng.weighted(&Self::FREQUENCIES)]
    }
}

/// Singular points, in image pixels (y downward).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Singularities {
    /// The cores.
    pub cores: Vec<(f32, f32)>,
    /// The deltas.
    pub deltas: Vec<(f32, f32)>,
}

/// Places the singular points of a class around the print's centre.
pub fn singularities(class: PatternClass, cx: f32, cy: f32, rng: &mut Rng) -> Singularities {
    let jitter = |rng: &mut Rng, s: f32| rng.normal() * s;
    match class {
        PatternClass::Arch => Singularities {
            cores: vec![],
            deltas: vec![],
        },
        PatternClass::TentedArch => {
            let x = cx + jitter(rng, 10.0);
            let y = cy + jitter(rng, 15.0) - 20.0;
            Singularities {
                cores: vec![(x, y)],
                deltas: vec![(x + jitter(rng, 6.0), y + rng.range(70.0, 110.0))],
            }
        }
        PatternClass::LeftLoop | PatternClass::RightLoop => {
            // In a left loop the ridges enter and leave on the left: the
            // delta lies to the right, below the core (as the print is seen).
            let side = if class == PatternClass::LeftLoop {
                1.0
            } else {
                -1.0
            };
            let x = cx + jitter(rng, 12.0) - side * 25.0;
            let y = cy + jitter(rng, 15.0) - 25.0;
            Singularities {
                cores: vec![(x, y)],
                deltas: vec![(
                    x + side * rng.range(90.0, 140.0),
                    y + rng.range(90.0, 140.0),
                )],
            }
        }
        PatternClass::Whorl => {
            let x = cx + jitter(rng, 10.0);
            let y = cy + jitter(rng, 12.0) - 20.0;
            let gap = rng.range(20.0, 45.0);
            let tilt = jitter(rng, 8.0);
            Singularities {
                cores: vec![(x - tilt, y - gap / 2.0), (x + tilt, y + gap / 2.0)],
                deltas: vec![
                    (x - rng.range(100.0, 140.0), y + rng.range(100.0, 140.0)),
                    (x + rng.range(100.0, 140.0), y + rng.range(100.0, 140.0)),
                ],
            }
        }
    }
}

/// The ridge orientation (radians, mod π, image coordinates with y down) at
/// every pixel.
///
/// With singular points: θ = θ₀ + ½ (Σ arg(z − coreₖ) − Σ arg(z − deltaₖ)),
/// computed with y up and turned back (a core turns the field by +½ turn
/// around it, a delta by −½). Without (plain arch): ridges are
/// horizontal lines raised into a hump whose height falls off with the
/// distance from the centre row.
pub fn orientation_field(
    width: usize,
    height: usize,
    class: PatternClass,
    points: &Singularities,
    base_angle: f32,
    cx: f32,
    cy: f32,
) -> Field {
    Field::from_fn(width, height, |x, y| {
        orientation_at(class, points, base_angle, cx, cy, x as f32, y as f32)
    })
}

/// The model's ridge direction at one point (see [`orientation_field`]).
pub fn orientation_at(
    class: PatternClass,
    points: &Singularities,
    base_angle: f32,
    cx: f32,
    cy: f32,
    xf: f32,
    yf: f32,
) -> f32 {
    let theta_up = if class == PatternClass::Arch {
        let w = 70.0;
        let hump = 45.0 * (-((yf - cy) / 160.0).powi(2)).exp();
        let dx = xf - cx;
        // Ridges y_up = y0 + hump·exp(−dx²/2w²): slope = −hump·dx/w²·exp(…)
        let slope = -hump * dx / (w * w) * (-(dx * dx) / (2.0 * w * w)).exp();
        slope.atan()
    } else {
        let arg = |(px, py): (f32, f32)| (-(yf - py)).atan2(xf - px);
        let deltas: f32 = points.deltas.iter().map(|p| arg(*p)).sum();
        let cores: f32 = points.cores.iter().map(|p| arg(*p)).sum();
        0.5 * (cores - deltas)
    };
    // Back to y-down image coordinates, plus the print's slight tilt.
    -theta_up + base_angle
}

/// Bends the model's field with six slow waves (0.12–0.3 rad each, wavelengths
/// of 50–200 px). Real ridge flow is never as regular as the zero-pole
/// model: without this, the prints of different fingers are too alike for a
/// minutiae matcher (impostor scores well above real ones).
pub fn perturb(field: &mut Field, rng: &mut Rng) {
    let waves: Vec<[f32; 4]> = (0..6)
        .map(|_| {
            [
                rng.range(0.005, 0.02),
                rng.range(0.005, 0.02),
                rng.range(0.0, std::f32::consts::TAU),
                rng.range(0.12, 0.3),
            ]
        })
        .collect();
    for y in 0..field.height {
        for x in 0..field.width {
            let bend: f32 = waves
                .iter()
                .map(|[fx, fy, phase, amplitude]| {
                    amplitude * (x as f32 * fx + y as f32 * fy + phase).sin()
                })
                .sum();
            let v = field.get(x, y) + bend;
            field.set(x, y, v);
        }
    }
}

/// Ridge period (pixels) at every pixel: about 9 px at 500 ppi, varying
/// smoothly across the print (wider towards the bottom, as on real fingers).
pub fn period_field(width: usize, height: usize, rng: &mut Rng) -> Field {
    let base = rng.range(8.4, 9.6);
    let waves: Vec<(f32, f32, f32, f32)> = (0..3)
        .map(|_| {
            (
                rng.range(0.2, 0.45),
                rng.range(0.004, 0.012),
                rng.range(0.004, 0.012),
                rng.range(0.0, std::f32::consts::TAU),
            )
        })
        .collect();
    Field::from_fn(width, height, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let variation: f32 = waves
            .iter()
            .map(|(a, fx, fy, p)| a * (xf * fx + yf * fy + p).sin())
            .sum();
        base + variation + 0.8 * (yf / height as f32 - 0.5)
    })
}

/// The fingertip's shape: a half-ellipse on top of a slightly narrowing body,
/// 1 inside, 0 outside, with a soft edge of a few pixels.
pub fn fingertip_mask(width: usize, height: usize, cx: f32, cy: f32, rx: f32, ry: f32) -> Field {
    Field::from_fn(width, height, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let d = if dy < 0.0 {
            ((dx / rx).powi(2) + (dy / ry).powi(2)).sqrt()
        } else {
            // Below the centre the finger keeps its width, narrowing a little.
            let half_width = rx * (1.0 - 0.12 * (dy / ry).min(1.5));
            (dx / half_width).abs().max(dy / (ry * 1.4))
        };
        ((1.0 - d) * 25.0).clamp(0.0, 1.0)
    })
}
