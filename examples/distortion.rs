//! How much does skin distortion cost the desk? A finger pressed with a
//! sideways push or a twist keeps its centre still on the glass while the
//! skin around it slides (Cappelli, Maio & Maltoni, "Modelling plastic
//! distortion in fingerprint images", ICAPR 2001). The development sets
//! hold little of it; sets collected with exaggerated distortion (FVC2004's
//! protocol) hold much more.
//!
//! This extracts every print of the five development sets, then scores each
//! genuine pair with `mcc`: as it is, and with the second print's
//! minutiae distorted the way that model describes: within 40 px of the
//! minutiae's centroid nothing moves, beyond 140 px the skin moves as one
//! rigid body (a shift of S/2–S px in a random direction and a turn of up
//! to ±S/400 rad), and between the two the move grows smoothly (smoothstep).
//! Minutia directions turn with it. It prints the genuine pairs the desk's
//! threshold rejects at each strength S. Only minutiae move: the ridges'
//! spacing, which a real push also changes, does not, so the extractor is
//! left out and the matcher alone is measured. Impostor pairs are left
//! as they are: the threshold is the desk's.
//!
//! With `--turn`, the second print is instead turned as a whole by S
//! degrees about the minutiae's centroid, one way or the other at random,
//! on top of whatever turn the pair already has: a finger placed askew.
//!
//! `cargo run --release --example distortion -- [--bozorth3] [--turn] [S…]`
//! (default 0 10 20 30, or with `--turn` 0 20 30 40; `--bozorth3` measures
//! BOZORTH3 at its threshold instead; needs ../shared/fingerprints).

use std::path::Path;
use std::process::ExitCode;

use beder::biometrics::eval::scan_set;
use beder::biometrics::extract::extract;
use beder::biometrics::image::{LoadPolicy, load_file};
use beder::biometrics::matcher::{Bozorth3, Matcher};
use beder::biometrics::mcc::Mcc;
use beder::biometrics::synth::Rng;
use beder::biometrics::template::FingerTemplate;

const SETS: [&str; 5] = [
    "FVC2002_DB1_B",
    "FVC2000_DB1_B",
    "FVC2000_DB2_B",
    "FVC2000_DB3_B",
    "UPEK",
];

/// Nothing moves this close to the centroid (pixels at 500 ppi).
const STILL: f32 = 40.0;
/// The move grows over this much farther out.
const TRANSITION: f32 = 100.0;

/// The mean place of the template's minutiae.
fn centroid(t: &FingerTemplate) -> (f32, f32) {
    let n = t.minutiae.len().max(1) as f32;
    let sum = |f: fn(&beder::biometrics::template::Minutia) -> u16| {
        t.minutiae.iter().map(|m| f32::from(f(m))).sum::<f32>() / n
    };
    (sum(|m| m.x), sum(|m| m.y))
}

/// The template with its minutiae moved as a push of strength `s` would.
fn distorted(t: &FingerTemplate, s: f32, draw: &mut Rng) -> FingerTemplate {
    let mut out = t.clone();
    let (cx, cy) = centroid(t);
    let heading = draw.unit() * std::f32::consts::TAU;
    let shift = s * (0.5 + 0.5 * draw.unit());
    let (tx, ty) = (shift * heading.cos(), shift * heading.sin());
    let turn = (draw.unit() - 0.5) * 2.0 * s / 400.0;
    let (sin, cos) = turn.sin_cos();
    for m in &mut out.minutiae {
        let (dx, dy) = (f32::from(m.x) - cx, f32::from(m.y) - cy);
        let t = ((dx.hypot(dy) - STILL) / TRANSITION).clamp(0.0, 1.0);
        let weight = t * t * (3.0 - 2.0 * t);
        // Where the rigid move would take the point, and that much of it.
        let (mx, my) = (cos * dx - sin * dy + tx - dx, sin * dx + cos * dy + ty - dy);
        let max = f32::from(u16::MAX);
        m.x = (f32::from(m.x) + weight * mx).round().clamp(0.0, max) as u16;
        m.y = (f32::from(m.y) + weight * my).round().clamp(0.0, max) as u16;
        // Angles are 1/256 of a turn, counter-clockwise as seen (y down).
        let steps = weight * turn / std::f32::consts::TAU * 256.0;
        m.angle = ((f32::from(m.angle) + steps).round() as i32).rem_euclid(256) as u8;
    }
    out
}

/// The template turned by `degrees` about its minutiae's centroid, one
/// way or the other as `draw` decides, and moved clear of the image's
/// edge (the matcher sees only where minutiae lie relative to each other).
fn turned(t: &FingerTemplate, degrees: f32, draw: &mut Rng) -> FingerTemplate {
    const CLEAR: f32 = 300.0;
    let mut out = t.clone();
    let (cx, cy) = centroid(t);
    let turn = if draw.unit() < 0.5 { -degrees } else { degrees }.to_radians();
    let (sin, cos) = turn.sin_cos();
    out.width = out.width.saturating_add(2 * CLEAR as u16);
    out.height = out.height.saturating_add(2 * CLEAR as u16);
    let max = f32::from(u16::MAX);
    for m in &mut out.minutiae {
        let (dx, dy) = (f32::from(m.x) - cx, f32::from(m.y) - cy);
        m.x = (cx + CLEAR + cos * dx - sin * dy).round().clamp(0.0, max) as u16;
        m.y = (cy + CLEAR + sin * dx + cos * dy).round().clamp(0.0, max) as u16;
        // Turned clockwise as seen (y down) by `turn`: the angle, counted
        // counter-clockwise as seen, loses it.
        let steps = -turn / std::f32::consts::TAU * 256.0;
        m.angle = ((f32::from(m.angle) + steps).round() as i32).rem_euclid(256) as u8;
    }
    out
}

/// The set's prints, extracted, each with its finger, in file-name order.
fn templates(dir: &Path) -> Result<Vec<(String, FingerTemplate)>, String> {
    let (_, mut members) = scan_set(dir).map_err(|e| e.to_string())?;
    members.sort_by(|a, b| a.path.cmp(&b.path));
    members
        .into_iter()
        .map(|m| {
            let image =
                load_file(&m.path, 500, LoadPolicy::ANY_FINGER).map_err(|e| e.to_string())?;
            let template = extract(&image).map_err(|e| e.to_string())?;
            Ok((m.finger, template))
        })
        .collect()
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let matcher: Box<dyn Matcher> = if args.iter().any(|a| a == "--bozorth3") {
        Box::new(Bozorth3)
    } else {
        Box::new(Mcc)
    };
    let turn = args.iter().any(|a| a == "--turn");
    let strengths: Vec<f32> = match args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .collect::<Vec<_>>()
    {
        given if given.is_empty() && turn => vec![0.0, 20.0, 30.0, 40.0],
        given if given.is_empty() => vec![0.0, 10.0, 20.0, 30.0],
        given => given
            .iter()
            .map(|a| a.parse().map_err(|_| format!("not a number: {a}")))
            .collect::<Result<_, _>>()?,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fingerprints");
    let threshold = matcher.threshold();
    let mut totals = vec![0usize; strengths.len()];
    let mut pairs = 0;
    println!(
        "genuine pairs below {}'s threshold ({threshold}) with the second print {}",
        matcher.name(),
        if turn {
            "turned (S in degrees)"
        } else {
            "distorted"
        }
    );
    println!(
        "{:<14} {:>6} {}",
        "set",
        "pairs",
        strengths
            .iter()
            .map(|s| format!("{:>7}", format!("S={s}")))
            .collect::<String>()
    );
    for set in SETS {
        let prints = templates(&root.join(set))?;
        let mut rejected = vec![0usize; strengths.len()];
        let mut draw = Rng::new(0x9E37_79B9_7F4A_7C15);
        let mut set_pairs = 0;
        for (i, (finger, a)) in prints.iter().enumerate() {
            for (other, b) in &prints[i + 1..] {
                if other != finger {
                    continue;
                }
                set_pairs += 1;
                // One push per pair, scaled: the strengths differ only in size.
                let seed = draw.next_u64();
                for (k, &s) in strengths.iter().enumerate() {
                    let mut draw = Rng::new(seed);
                    let moved = if turn {
                        turned(b, s, &mut draw)
                    } else {
                        distorted(b, s, &mut draw)
                    };
                    if matcher.compare(a, &moved) < threshold {
                        rejected[k] += 1;
                    }
                }
            }
        }
        println!(
            "{set:<14} {set_pairs:>6} {}",
            rejected
                .iter()
                .map(|r| format!("{r:>7}"))
                .collect::<String>()
        );
        for (t, r) in totals.iter_mut().zip(&rejected) {
            *t += r;
        }
        pairs += set_pairs;
    }
    println!(
        "{:<14} {pairs:>6} {}",
        "all",
        totals.iter().map(|r| format!("{r:>7}")).collect::<String>()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
