//! Does the sequence check's factor hold? The check compares impressions
//! taken minutes apart at one desk: a finger given twice must score above
//! `threshold × factor`, and two different fingers of one person must stay
//! below it (a false alarm stops the enrolment for a recapture).
//!
//! This draws synthetic ten-prints as the training scanner does (each
//! finger a master print, two impressions of it with ordinary pressure and
//! placement), extracts them, and counts for each matcher at its own
//! factor: repeated fingers caught, and pairs of different fingers of the
//! same person that would alarm, with the scores nearest the line.
//!
//! `cargo run --release --example sequence_factor -- [PERSONS]` (default 48).

use std::process::ExitCode;

use beder::biometrics::extract::extract;
use beder::biometrics::image::FingerImage;
use beder::biometrics::matcher::{Bozorth3, Matcher, Prepared};
use beder::biometrics::mcc::Mcc;
use beder::biometrics::synth::{self, ImpressionParams, Rng};

/// Seeds apart from the shipped training persons'.
const FIRST_SEED: u64 = 7_000;

fn run() -> Result<(), String> {
    let persons: u64 = match std::env::args().nth(1) {
        Some(a) => a.parse().map_err(|_| format!("not a number: {a}"))?,
        None => 48,
    };
    // Per person, per finger, two impressions.
    let mut prints = Vec::new();
    for person in 0..persons {
        let mut fingers = Vec::with_capacity(10);
        for finger in 0..10 {
            let seed = FIRST_SEED + person * 10 + finger;
            let master = synth::master_print(seed);
            let mut pair = Vec::with_capacity(2);
            for impression in 0..2 {
                let mut rng = Rng::derive(seed, 100 + impression);
                let params = ImpressionParams::ordinary(&mut rng);
                let image = FingerImage {
                    image: synth::impression(&master, &params, seed * 31 + impression),
                    ppi: 500,
                };
                pair.push(extract(&image).map_err(|e| e.to_string())?);
            }
            fingers.push(pair);
        }
        prints.push(fingers);
    }
    let matchers: [&dyn Matcher; 2] = [&Mcc, &Bozorth3];
    for matcher in matchers {
        let prepared: Vec<Vec<Vec<Prepared>>> = prints
            .iter()
            .map(|fingers| {
                fingers
                    .iter()
                    .map(|pair| pair.iter().map(|t| matcher.prepare(t)).collect())
                    .collect()
            })
            .collect();
        let (mut repeated, mut different) = (Vec::new(), Vec::new());
        for fingers in &prepared {
            for (f, pair) in fingers.iter().enumerate() {
                repeated.push(matcher.compare_prepared(&pair[0], &pair[1]));
                for other in &fingers[f + 1..] {
                    different.push(matcher.compare_prepared(&pair[0], &other[0]));
                }
            }
        }
        repeated.sort_by(f32::total_cmp);
        different.sort_by(|a, b| b.total_cmp(a));
        let line = matcher.threshold() * matcher.sequence_factor();
        println!(
            "{}: factor {} (score {line}): repeated fingers caught {} of {}, different fingers alarmed {} of {}",
            matcher.name(),
            matcher.sequence_factor(),
            repeated.iter().filter(|s| **s >= line).count(),
            repeated.len(),
            different.iter().filter(|s| **s >= line).count(),
            different.len(),
        );
        println!(
            "  lowest repeated:   {:?}",
            &repeated[..repeated.len().min(5)]
        );
        println!(
            "  highest different: {:?}",
            &different[..different.len().min(5)]
        );
        for factor in [1.25, 1.5, 1.75, 2.0, 2.5] {
            let at = matcher.threshold() * factor;
            println!(
                "  at {factor} ×: caught {}, alarmed {}",
                repeated.iter().filter(|s| **s >= at).count(),
                different.iter().filter(|s| **s >= at).count(),
            );
        }
    }
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
