//! Palm verification scores on synthetic palms: every palm against a second
//! impression of itself (genuine) and against every other palm (impostor).
//! `cargo run --release --example palm_scores [PALMS]`
use beder::biometrics::image::FingerImage;
use beder::biometrics::mcc::Mcc;
use beder::biometrics::palm::{palm_score, palm_template};
use beder::biometrics::synth::{palm_impression, palm_print};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(8);
    let mut first = Vec::new();
    let mut second = Vec::new();
    for i in 0..n {
        let palm = palm_print(1000 + i, i % 2 == 0);
        let t0 = std::time::Instant::now();
        let a = palm_template(&FingerImage {
            image: palm_impression(&palm, 1 + i),
            ppi: 500,
        });
        let b = palm_template(&FingerImage {
            image: palm_impression(&palm, 500 + i),
            ppi: 500,
        });
        let (Ok(a), Ok(b)) = (a, b) else {
            eprintln!("extraction failed");
            return;
        };
        eprintln!(
            "palm {i}: {} / {} minutiae, {:?}",
            a.minutiae.len(),
            b.minutiae.len(),
            t0.elapsed() / 2
        );
        first.push(a);
        second.push(b);
    }
    let mut genuine = Vec::new();
    let mut impostor = Vec::new();
    let t0 = std::time::Instant::now();
    for (i, stored) in first.iter().enumerate() {
        for (j, probe) in second.iter().enumerate() {
            let s = palm_score(&Mcc, probe, stored);
            if i == j {
                genuine.push(s)
            } else {
                impostor.push(s)
            }
        }
    }
    let per = t0.elapsed() / (first.len() * second.len()) as u32;
    genuine.sort_by(f32::total_cmp);
    impostor.sort_by(f32::total_cmp);
    println!("comparison {per:?}");
    println!("genuine  {:?}", genuine);
    println!(
        "impostor max {:?} (of {}), top: {:?}",
        impostor.last(),
        impostor.len(),
        &impostor[impostor.len().saturating_sub(5)..]
    );
}
