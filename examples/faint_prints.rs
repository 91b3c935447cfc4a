//! Does extraction hold on a sensor fainter than ours? A low-contrast
//! sensor shows grey ridges a few grey levels deep over its own noise.
//! This writes the five development sets again with each print's contrast
//! scaled by C around its mean grey and Gaussian noise of standard
//! deviation σ added, into a temporary folder, and
//! runs `beder eval`'s protocol on each copy with `mcc`: EER and FNMR at
//! FMR 0.1 % per set.
//!
//! `cargo run --release --example faint_prints -- [C,σ …]` (default
//! 0.3,1 0.12,1 0.3,2.5 0.12,2.5; needs ../shared/fingerprints).

use std::path::Path;
use std::process::ExitCode;

use beder::biometrics::eval::{evaluate_set, scan_set};
use beder::biometrics::image::{LoadPolicy, load_file};
use beder::biometrics::mcc::Mcc;
use beder::biometrics::synth::Rng;

const SETS: [&str; 5] = [
    "FVC2002_DB1_B",
    "FVC2000_DB1_B",
    "FVC2000_DB2_B",
    "FVC2000_DB3_B",
    "UPEK",
];

/// Copies the set into `out` with its contrast scaled and noise added.
fn faint_copy(set: &Path, out: &Path, contrast: f32, sigma: f32) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let (_, mut members) = scan_set(set).map_err(|e| e.to_string())?;
    members.sort_by(|a, b| a.path.cmp(&b.path));
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    for member in members {
        let image =
            load_file(&member.path, 500, LoadPolicy::ANY_FINGER).map_err(|e| e.to_string())?;
        let mut grey = image.image;
        let n = (grey.width() * grey.height()).max(1) as f32;
        let mean = grey.pixels().map(|p| f32::from(p.0[0])).sum::<f32>() / n;
        for p in grey.pixels_mut() {
            let noise = rng.normal() * sigma;
            let v = mean + contrast * (f32::from(p.0[0]) - mean) + noise;
            p.0[0] = v.round().clamp(0.0, 255.0) as u8;
        }
        let target = out.join(format!("{}_{}.png", member.finger, member.impression));
        grey.save(&target)
            .map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let conditions: Vec<(f32, f32)> = match std::env::args().skip(1).collect::<Vec<_>>() {
        args if args.is_empty() => vec![(0.3, 1.0), (0.12, 1.0), (0.3, 2.5), (0.12, 2.5)],
        args => args
            .iter()
            .map(|a| {
                let (c, s) = a.split_once(',').ok_or(format!("not C,σ: {a}"))?;
                Ok((
                    c.parse().map_err(|_| format!("not a number: {c}"))?,
                    s.parse().map_err(|_| format!("not a number: {s}"))?,
                ))
            })
            .collect::<Result<_, String>>()?,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fingerprints");
    let scratch = std::env::temp_dir().join(format!("beder-faint-{}", std::process::id()));
    println!("EER % / FNMR % at FMR 0.1 %, mcc");
    println!(
        "{:<10} {}",
        "C, σ",
        SETS.iter().map(|s| format!("{s:>15}")).collect::<String>()
    );
    for (contrast, sigma) in conditions {
        let mut line = format!("{:<10}", format!("{contrast}, {sigma}"));
        let mut sum = 0.0;
        for set in SETS {
            let copy = scratch.join(format!("{contrast}-{sigma}")).join(set);
            faint_copy(&root.join(set), &copy, contrast, sigma)?;
            let r = evaluate_set(&copy, &Mcc, Default::default(), |_, _| {})
                .map_err(|e| e.to_string())?;
            line += &format!(
                "{:>15}",
                format!("{:.2} / {:.2}", r.eer_percent, r.fnmr_at_fmr_0_1_percent)
            );
            sum += r.eer_percent;
        }
        println!("{line}   mean EER {:.2}", sum / SETS.len() as f64);
    }
    std::fs::remove_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
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
