//! Synthetic prints: deterministic, realistic spacing and class frequencies,
//! and realistic for the NBIS detector and matcher (MINDTCT finds 20–100
//! minutiae; genuine pairs score far above impostor pairs with BOZORTH3).
//! The same figures are printed for the real FVC sets when
//! ../shared/fingerprints exists.

use std::path::{Path, PathBuf};

use beder::biometrics::synth::{self, PatternClass, Rng};
use beder::scanner::{Scenario, write_person};

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("unexpected error: {e:?}"))
}

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/simulator")
}

#[test]
fn the_same_seed_writes_the_same_prints() {
    // The shipped training set was written with seed 2026: person 0 is
    // 01_normal. Writing its right thumb again gives the same file.
    let dir = ok(tempfile::tempdir());
    let only_thumb = Scenario {
        missing: (2..=10).collect(),
        ..Scenario::default()
    };
    ok(write_person(
        dir.path(),
        2026,
        0,
        1,
        false,
        Some(&only_thumb),
    ));
    let again = ok(std::fs::read(dir.path().join("01_flat.png")));
    let shipped = ok(std::fs::read(assets().join("01_normal/01_flat.png")));
    assert_eq!(again, shipped);
    // Another seed, another finger.
    let other = ok(tempfile::tempdir());
    ok(write_person(
        other.path(),
        2027,
        0,
        1,
        false,
        Some(&only_thumb),
    ));
    assert_ne!(ok(std::fs::read(other.path().join("01_flat.png"))), shipped);
}

#[test]
fn pattern_classes_follow_natural_frequencies() {
    let mut rng = Rng::new(7);
    let n = 20_000;
    let mut counts = [0usize; 5];
    for _ in 0..n {
        let class = PatternClass::sample(&mut rng);
        let i = PatternClass::ALL
            .iter()
            .position(|c| *c == class)
            .unwrap_or(0);
        counts[i] += 1;
    }
    for (count, expected) in counts.iter().zip(PatternClass::FREQUENCIES) {
        let observed = *count as f32 / n as f32;
        assert!(
            (observed - expected).abs() < 0.015,
            "{observed} vs {expected}"
        );
    }
}

#[test]
fn ridges_are_about_nine_pixels_apart() {
    let master = synth::master_print(11);
    let (w, h) = (master.ridges.width, master.ridges.height);
    let mut spacings = Vec::new();
    // Count ridge/valley transitions along rows and columns inside the finger.
    for (horizontal, line) in [(true, h / 3), (true, h / 2), (false, w / 2), (false, w / 3)] {
        let len = if horizontal { w } else { h };
        let value = |i: usize| {
            if horizontal {
                (master.ridges.get(i, line), master.mask.get(i, line))
            } else {
                (master.ridges.get(line, i), master.mask.get(line, i))
            }
        };
        let (mut crossings, mut inside, mut last) = (0usize, 0usize, 0.0f32);
        for i in 0..len {
            let (r, m) = value(i);
            if m < 1.0 {
                continue;
            }
            inside += 1;
            if last != 0.0 && r.signum() != last.signum() {
                crossings += 1;
            }
            last = r;
        }
        if crossings > 4 {
            // Two crossings per ridge period along a line; lines cross ridges
            // at an angle, so this over-estimates the period a little.
            spacings.push(2.0 * inside as f32 / crossings as f32);
        }
    }
    let min = spacings.iter().copied().fold(f32::MAX, f32::min);
    assert!(!spacings.is_empty());
    assert!((7.0..=11.0).contains(&min), "spacings {spacings:?}");
}

fn minutiae(image: &image::GrayImage) -> Vec<fprint_mindtct::Minutia> {
    let gray = ok(fprint_mindtct::GrayImage::new(
        image.as_raw(),
        image.width() as usize,
        image.height() as usize,
        500,
    ));
    fprint_mindtct::detect_minutiae(gray)
}

fn xyt(m: &[fprint_mindtct::Minutia]) -> Vec<fprint_bozorth3::Minutia> {
    m.iter()
        .map(|m| fprint_bozorth3::Minutia {
            x: m.x,
            y: m.y,
            theta: m.theta,
        })
        .collect()
}

struct Figures {
    counts: Vec<usize>,
    genuine: Vec<u32>,
    impostor: Vec<u32>,
}

fn quantile<T: Copy + Ord>(values: &[T], q: f32) -> T {
    let mut v = values.to_vec();
    v.sort();
    v[((v.len() - 1) as f32 * q) as usize]
}

fn report(name: &str, f: &Figures) {
    eprintln!(
        "{name}: minutiae min {} median {} max {}; genuine min {} median {} max {}; impostor median {} p99 {} max {} ({} genuine, {} impostor pairs)",
        quantile(&f.counts, 0.0),
        quantile(&f.counts, 0.5),
        quantile(&f.counts, 1.0),
        quantile(&f.genuine, 0.0),
        quantile(&f.genuine, 0.5),
        quantile(&f.genuine, 1.0),
        quantile(&f.impostor, 0.5),
        quantile(&f.impostor, 0.99),
        quantile(&f.impostor, 1.0),
        f.genuine.len(),
        f.impostor.len(),
    );
}

/// fingers: per finger, its impressions.
fn figures(fingers: &[Vec<image::GrayImage>]) -> Figures {
    let templates: Vec<Vec<Vec<fprint_bozorth3::Minutia>>> = fingers
        .iter()
        .map(|imps| imps.iter().map(|i| xyt(&minutiae(i))).collect())
        .collect();
    let counts = templates.iter().flatten().map(Vec::len).collect();
    let mut genuine = Vec::new();
    let mut impostor = Vec::new();
    for (i, a) in templates.iter().enumerate() {
        for j in 0..a.len() {
            for k in j + 1..a.len() {
                genuine.push(fprint_bozorth3::match_score(&a[j], &a[k]));
            }
        }
        for b in templates.iter().skip(i + 1) {
            impostor.push(fprint_bozorth3::match_score(&a[0], &b[0]));
        }
    }
    Figures {
        counts,
        genuine,
        impostor,
    }
}

#[test]
fn synthetic_prints_look_real_to_mindtct_and_bozorth3() {
    let mut fingers = Vec::new();
    for person in [
        "01_normal",
        "03_amputated",
        "05_swapped_hands",
        "08_duplicate_finger",
    ] {
        for code in 1..=10u8 {
            let dir = assets().join(person);
            let files = [
                format!("{code:02}_flat.png"),
                format!("{code:02}_flat_2.png"),
            ];
            if !dir.join(&files[0]).exists() {
                continue;
            }
            let imps: Vec<image::GrayImage> = files
                .iter()
                .map(|f| ok(image::open(dir.join(f))).to_luma8())
                .collect();
            fingers.push(imps);
        }
    }
    assert!(fingers.len() >= 35);
    let f = figures(&fingers);
    report("synthetic (shipped training set)", &f);
    for count in &f.counts {
        assert!(
            (20..=100).contains(count),
            "minutiae count {count} out of 20–100"
        );
    }
    // Genuine pairs clearly above impostor pairs.
    let impostor_max = quantile(&f.impostor, 1.0);
    let genuine_median = quantile(&f.genuine, 0.5);
    assert!(
        genuine_median > 3 * impostor_max,
        "genuine median {genuine_median}, impostor max {impostor_max}"
    );
    let separated = f.genuine.iter().filter(|g| **g > impostor_max).count();
    assert!(
        separated * 100 >= f.genuine.len() * 95,
        "{separated} of {} genuine above every impostor",
        f.genuine.len()
    );
}

#[test]
fn the_same_figures_on_real_fvc_images() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fingerprints/FVC2002_DB1_B");
    if !root.is_dir() {
        eprintln!(
            "skipped: {} is absent (real images are never shipped)",
            root.display()
        );
        return;
    }
    let fingers: Vec<Vec<image::GrayImage>> = (101..=110)
        .map(|finger| {
            (1..=2)
                .map(|i| ok(image::open(root.join(format!("{finger}_{i}.tif")))).to_luma8())
                .collect()
        })
        .collect();
    let f = figures(&fingers);
    report("real FVC2002_DB1_B (impressions 1–2)", &f);
    assert!(quantile(&f.genuine, 0.5) > quantile(&f.impostor, 0.5));
}
