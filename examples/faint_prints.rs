//! Does extraction hold on a sensor fainter than ours? A low-contrast
//! sensor shows grey ridges a few grey levels deep over its own noise.
//! This writes the five development sets again with each print's contrast
//! scaled by C around its mean grey and Gaussian noise of standard
//! deviation σ added, into a temporary folder, and
//! runs `beder eval`'s protocol on each copy with `mcc`: EER and FNMR at
//! FMR 0.1 % per set.
//!
//! Other sensors differ in more than contrast; three more conditions write
//! the sets as such a sensor would show them: `gamma=G` (a tone curve,
//! grey ∝ grey^G: above 1 darker ridges crushed together, below 1 lighter),
//! `blur=S` (Gaussian blur of S px: optics or a sweep sensor's smear) and
//! `scale=K` (resized by K: a sensor of K × 500 ppi read as 500 ppi).
//!
//! `cargo run --release --example faint_prints -- [C,σ | gamma=G | blur=S |
//! scale=K …]` (default 0.3,1 0.12,1 0.3,2.5 0.12,2.5; needs
//! ../shared/fingerprints).

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

/// How a set is written again.
#[derive(Debug, Clone, Copy)]
enum Condition {
    /// Contrast scaled by C around the mean grey, Gaussian noise of σ.
    Faint { contrast: f32, sigma: f32 },
    /// Each grey level g (0–1) becomes g^G.
    Gamma(f32),
    /// Gaussian blur of S pixels.
    Blur(f32),
    /// Resized by K (Catmull–Rom).
    Scale(f32),
}

impl Condition {
    fn parse(arg: &str) -> Result<Condition, String> {
        let number = |v: &str| v.parse::<f32>().map_err(|_| format!("not a number: {v}"));
        if let Some((name, value)) = arg.split_once('=') {
            let value = number(value)?;
            return match name {
                "gamma" if value > 0.0 => Ok(Condition::Gamma(value)),
                "blur" if value > 0.0 => Ok(Condition::Blur(value)),
                "scale" if value > 0.0 => Ok(Condition::Scale(value)),
                _ => Err(format!("not gamma=, blur= or scale= above 0: {arg}")),
            };
        }
        let (c, s) = arg.split_once(',').ok_or(format!("not C,σ: {arg}"))?;
        Ok(Condition::Faint {
            contrast: number(c)?,
            sigma: number(s)?,
        })
    }

    fn label(self) -> String {
        match self {
            Condition::Faint { contrast, sigma } => format!("{contrast}, {sigma}"),
            Condition::Gamma(g) => format!("gamma {g}"),
            Condition::Blur(s) => format!("blur {s}"),
            Condition::Scale(k) => format!("scale {k}"),
        }
    }
}

/// Copies the set into `out` as `condition` says.
fn sensor_copy(set: &Path, out: &Path, condition: Condition) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let (_, mut members) = scan_set(set).map_err(|e| e.to_string())?;
    members.sort_by(|a, b| a.path.cmp(&b.path));
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    for member in members {
        let image =
            load_file(&member.path, 500, LoadPolicy::ANY_FINGER).map_err(|e| e.to_string())?;
        let mut grey = image.image;
        match condition {
            Condition::Faint { contrast, sigma } => {
                let n = (grey.width() * grey.height()).max(1) as f32;
                let mean = grey.pixels().map(|p| f32::from(p.0[0])).sum::<f32>() / n;
                for p in grey.pixels_mut() {
                    let noise = rng.normal() * sigma;
                    let v = mean + contrast * (f32::from(p.0[0]) - mean) + noise;
                    p.0[0] = v.round().clamp(0.0, 255.0) as u8;
                }
            }
            Condition::Gamma(g) => {
                for p in grey.pixels_mut() {
                    let v = (f32::from(p.0[0]) / 255.0).powf(g) * 255.0;
                    p.0[0] = v.round().clamp(0.0, 255.0) as u8;
                }
            }
            Condition::Blur(sigma) => grey = image::imageops::blur(&grey, sigma),
            Condition::Scale(k) => {
                let size = |v: u32| ((v as f32 * k).round() as u32).max(1);
                grey = image::imageops::resize(
                    &grey,
                    size(grey.width()),
                    size(grey.height()),
                    image::imageops::FilterType::CatmullRom,
                );
            }
        }
        let target = out.join(format!("{}_{}.png", member.finger, member.impression));
        grey.save(&target)
            .map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let conditions: Vec<Condition> = match std::env::args().skip(1).collect::<Vec<_>>() {
        args if args.is_empty() => [(0.3, 1.0), (0.12, 1.0), (0.3, 2.5), (0.12, 2.5)]
            .into_iter()
            .map(|(contrast, sigma)| Condition::Faint { contrast, sigma })
            .collect(),
        args => args
            .iter()
            .map(|a| Condition::parse(a))
            .collect::<Result<_, String>>()?,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fingerprints");
    let scratch = std::env::temp_dir().join(format!("beder-faint-{}", std::process::id()));
    println!("EER % / FNMR % at FMR 0.1 %, mcc");
    println!(
        "{:<10} {}",
        "condition",
        SETS.iter().map(|s| format!("{s:>15}")).collect::<String>()
    );
    for (k, condition) in conditions.into_iter().enumerate() {
        let mut line = format!("{:<10}", condition.label());
        let mut sum = 0.0;
        for set in SETS {
            let copy = scratch.join(k.to_string()).join(set);
            sensor_copy(&root.join(set), &copy, condition)?;
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
