//! How well would the 1:N search find a person among 100,000 on real
//! prints? The FVC sets hold 10 fingers per set, not 100,000 persons, so
//! this builds *chimeric* persons from their scores: a person is ten
//! fingers, each a pair drawn from the pooled genuine pairs (for the person
//! searched) or from the pooled impostor pairs (for everyone else), keeping
//! each pair's pre-filter and `mcc` scores together. Then, as
//! `biometrics::search` does: the pre-filter's sums rank the registry, the
//! shortlist goes to the matcher, two fingers at the threshold make a hit.
//! Fingers of one real person are not independent; the estimate assumes
//! they are.
//!
//! `cargo run --release --example chimeric_search -- [PERSONS] [SHORTLIST] [TRIALS]`
//! (defaults 100000 200 120; needs ../shared/fingerprints).

use std::path::Path;
use std::process::ExitCode;

use beder::biometrics::eval::evaluate_set;
use beder::biometrics::matcher::Matcher;
use beder::biometrics::mcc::Mcc;
use beder::biometrics::search::{DEFAULT_SHORTLIST, Prefilter, is_hit};

const SETS: [&str; 4] = [
    "FVC2002_DB1_B",
    "FVC2000_DB1_B",
    "FVC2000_DB2_B",
    "FVC2000_DB3_B",
];

/// xorshift64: reproducible draws without a dependency.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn arg(n: usize, default: usize) -> Result<usize, String> {
    match std::env::args().nth(n) {
        Some(a) => a.parse().map_err(|_| format!("not a number: {a}")),
        None => Ok(default),
    }
}

fn run() -> Result<(), String> {
    let persons = arg(1, 100_000)?;
    let shortlist = arg(2, DEFAULT_SHORTLIST)?;
    let trials = arg(3, 120)?.max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fingerprints");
    let (mut genuine, mut impostor) = (Vec::new(), Vec::new());
    for set in SETS {
        let dir = root.join(set);
        let p = evaluate_set(&dir, &Prefilter, Default::default(), |_, _| {})
            .map_err(|e| e.to_string())?;
        let m =
            evaluate_set(&dir, &Mcc, Default::default(), |_, _| {}).map_err(|e| e.to_string())?;
        // Both matchers walk the pairs in the same order.
        genuine.extend(p.genuine_scores.into_iter().zip(m.genuine_scores));
        impostor.extend(p.impostor_scores.into_iter().zip(m.impostor_scores));
    }
    let threshold = Mcc.threshold();
    let mut draw = Draw(0x5EED_1234_ABCD_0001);
    let (mut shortlisted, mut found_first, mut false_candidates) = (0, 0, 0);
    let mut ranks = Vec::with_capacity(trials);
    for _ in 0..trials {
        let person: Vec<(f32, f32)> = (0..10)
            .map(|_| genuine[draw.below(genuine.len())])
            .collect();
        let code_sum: f32 = person.iter().map(|s| s.0).sum();
        let matched = person.iter().filter(|s| s.1 >= threshold).count();
        let fused: f32 = person.iter().map(|s| s.1).sum();
        let mut others: Vec<(f32, [(f32, f32); 10])> = (0..persons)
            .map(|_| {
                let fingers: [(f32, f32); 10] =
                    std::array::from_fn(|_| impostor[draw.below(impostor.len())]);
                (fingers.iter().map(|s| s.0).sum(), fingers)
            })
            .collect();
        let rank = others.iter().filter(|o| o.0 > code_sum).count();
        ranks.push(rank);
        others.sort_by(|a, b| b.0.total_cmp(&a.0));
        let inside = rank < shortlist;
        let kept = if inside { shortlist - 1 } else { shortlist };
        let mut best_stranger = f32::MIN;
        for (_, fingers) in others.iter().take(kept) {
            let m = fingers.iter().filter(|s| s.1 >= threshold).count();
            if is_hit(m, 10) {
                false_candidates += 1;
                best_stranger = best_stranger.max(fingers.iter().map(|s| s.1).sum());
            }
        }
        if inside {
            shortlisted += 1;
            if is_hit(matched, 10) && fused > best_stranger {
                found_first += 1;
            }
        }
    }
    ranks.sort_unstable();
    println!(
        "{persons} persons, shortlist {shortlist}, {trials} searches: the person in the \
         shortlist {shortlisted}, found first {found_first}; strangers reported {false_candidates}; \
         pre-filter rank of the person: median {}, 90th percentile {}, worst {}",
        ranks[trials / 2],
        ranks[trials * 9 / 10],
        ranks[trials - 1]
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chimeric_search: {e}");
            ExitCode::FAILURE
        }
    }
}
