//! `beder extract`, `beder match`, `beder quality`, `beder eval`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use beder::biometrics::eval::{
    EvalError, EvalOptions, SetResult, SetSource, cross_set_impostors_by_pair, draw_det, edc,
    evaluate_set, leave_one_out, pairs_by_quality, pooled_point, write_worst,
};
use beder::biometrics::extract::extract;
use beder::biometrics::image::{FingerImage, LoadPolicy, load_file};
use beder::biometrics::iso::{decode, encode_2011};
use beder::biometrics::matcher::{Matcher, matcher_by_name};
use beder::biometrics::quality::{Quality, quality};
use beder::biometrics::template::FingerTemplate;
use beder::regulation::MessageArg;
use clap::Args;
use serde::Serialize;

use super::{CliError, Context, print_line};

pub(super) fn text(value: impl Into<String>) -> MessageArg {
    MessageArg::Text(value.into())
}

pub(super) fn json<T: Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string(value).map_err(|e| CliError::Failed(e.to_string()))
}

fn load(path: &Path, ppi: u16) -> Result<FingerImage, CliError> {
    load_file(path, ppi, LoadPolicy::ANY_FINGER)
        .map_err(|e| CliError::input(e.message_key(), vec![("detail", text(e.to_string()))]))
}

pub(super) fn template_of(
    image: &FingerImage,
    path: &Path,
) -> Result<(FingerTemplate, Quality), CliError> {
    let mut template = extract(image).map_err(|e| {
        CliError::input(
            e.message_key(),
            vec![("detail", text(format!("{}: {e}", path.display())))],
        )
    })?;
    let q = quality(image, template.minutiae.len());
    template.quality = q.score;
    Ok((template, q))
}

pub(super) fn check_ppi(ppi: u16) -> Result<u16, CliError> {
    if (250..=2000).contains(&ppi) {
        Ok(ppi)
    } else {
        Err(CliError::input(
            "cli-error-ppi",
            vec![("value", MessageArg::Number(i64::from(ppi)))],
        ))
    }
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// A fingerprint image (PNG, TIFF, BMP, JPEG, WSQ).
    image: PathBuf,
    /// Resolution of the image in pixels per inch.
    #[arg(long, default_value_t = 500)]
    ppi: u16,
    /// Write the ISO/IEC 19794-2:2011 template here.
    #[arg(long, value_name = "FILE.iso")]
    out: Option<PathBuf>,
}

#[derive(Serialize)]
struct ExtractOutput {
    minutiae: usize,
    quality: u8,
    template_size: usize,
    width: u16,
    height: u16,
    ppi: u16,
    out: Option<String>,
}

pub fn run_extract(args: &ExtractArgs, _: &Context) -> Result<(), CliError> {
    let image = load(&args.image, check_ppi(args.ppi)?)?;
    let (template, q) = template_of(&image, &args.image)?;
    let iso = encode_2011(std::slice::from_ref(&template))
        .map_err(|e| CliError::Failed(e.to_string()))?;
    if let Some(out) = &args.out {
        beder::files::write_atomically(out, &iso).map_err(|e| CliError::Localized {
            key: "store-error-io",
            args: vec![("detail", text(format!("{}: {e}", out.display())))],
        })?;
    }
    print_line(&json(&ExtractOutput {
        minutiae: template.minutiae.len(),
        quality: q.score,
        template_size: iso.len(),
        width: template.width,
        height: template.height,
        ppi: template.ppi,
        out: args.out.as_ref().map(|p| p.display().to_string()),
    })?)
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// An image or an ISO/IEC 19794-2 template.
    a: PathBuf,
    /// An image or an ISO/IEC 19794-2 template.
    b: PathBuf,
    #[arg(long, default_value_t = 500)]
    ppi: u16,
    /// The matcher: mcc (the desk's, default) or bozorth3.
    #[arg(long, default_value = "mcc")]
    matcher: String,
}

#[derive(Serialize)]
struct MatchOutput {
    score: f32,
    decision: &'static str,
    threshold: f32,
    matcher: &'static str,
}

fn matcher(name: &str) -> Result<Box<dyn Matcher>, CliError> {
    matcher_by_name(name)
        .ok_or_else(|| CliError::input("cli-error-matcher", vec![("value", text(name))]))
}

/// What a file given for a finger holds.
pub(super) enum FingerFile {
    /// An ISO/IEC 19794-2 record: one or more finger views.
    Iso(Vec<FingerTemplate>),
    Image(FingerImage),
}

/// Reads an ISO record or an image (bad input: exit 2 with the file named).
pub(super) fn read_finger_file(path: &Path, ppi: u16) -> Result<FingerFile, CliError> {
    let bytes = beder::files::read_file(path, beder::biometrics::image::MAX_IMAGE_FILE_BYTES)
        .map_err(|e| {
            CliError::input(
                "image-error-unreadable",
                vec![("detail", text(e.to_string()))],
            )
        })?;
    if bytes.starts_with(b"FMR\0") {
        return decode(&bytes).map(FingerFile::Iso).map_err(|e| {
            CliError::input(
                "iso-error",
                vec![("detail", text(format!("{}: {e}", path.display())))],
            )
        });
    }
    beder::biometrics::image::load_bytes(&bytes, path, ppi, LoadPolicy::ANY_FINGER)
        .map(FingerFile::Image)
        .map_err(|e| CliError::input(e.message_key(), vec![("detail", text(e.to_string()))]))
}

/// A template from an ISO file (its first finger), or extracted from an
/// image.
fn template_from(path: &Path, ppi: u16) -> Result<FingerTemplate, CliError> {
    match read_finger_file(path, ppi)? {
        FingerFile::Iso(mut templates) if !templates.is_empty() => Ok(templates.swap_remove(0)),
        FingerFile::Iso(_) => Err(CliError::input(
            "iso-error",
            vec![("detail", text(path.display().to_string()))],
        )),
        FingerFile::Image(image) => Ok(template_of(&image, path)?.0),
    }
}

pub fn run_match(args: &MatchArgs, _: &Context) -> Result<(), CliError> {
    let matcher = matcher(&args.matcher)?;
    let ppi = check_ppi(args.ppi)?;
    let a = template_from(&args.a, ppi)?;
    let b = template_from(&args.b, ppi)?;
    let score = matcher.compare(&a, &b);
    print_line(&json(&MatchOutput {
        score,
        decision: if score >= matcher.threshold() {
            "match"
        } else {
            "no_match"
        },
        threshold: matcher.threshold(),
        matcher: matcher.name(),
    })?)
}

#[derive(Debug, Args)]
pub struct QualityArgs {
    image: PathBuf,
    #[arg(long, default_value_t = 500)]
    ppi: u16,
}

#[derive(Serialize)]
struct QualityOutput {
    score: u8,
    components: beder::biometrics::quality::QualityComponents,
    minutiae: usize,
}

pub fn run_quality(args: &QualityArgs, _: &Context) -> Result<(), CliError> {
    let image = load(&args.image, check_ppi(args.ppi)?)?;
    let (template, q) = template_of(&image, &args.image)?;
    print_line(&json(&QualityOutput {
        score: q.score,
        components: q.components,
        minutiae: template.minutiae.len(),
    })?)
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// FVC-style folders of FINGER_IMPRESSION images, or of
    /// FINGER_IMPRESSION.iso templates (ISO/IEC 19794-2) made elsewhere.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// One JSON object per folder on stdout, one per line.
    #[arg(long)]
    json: bool,
    /// Where to draw the DET curves.
    #[arg(long, value_name = "FILE.png", default_value = "det.png")]
    det: PathBuf,
    /// The matcher: mcc (the desk's, default) or bozorth3.
    #[arg(long, default_value = "mcc")]
    matcher: String,
    /// The FNMR at the desk's threshold after discarding 0, 5, 10 and 20 %
    /// of genuine pairs by Beder's quality (needs images).
    #[arg(long)]
    edc: bool,
    /// With --edc, the same characteristic by another quality measure
    /// (NFIQ 2, say): a file of `SET/FILE,SCORE` lines, one per image.
    #[arg(long, value_name = "FILE.csv", requires = "edc")]
    edc_reference: Option<PathBuf>,
    /// Draw the N lowest genuine and N highest impostor pairs of each set,
    /// with their minutiae, into --worst-dir.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=1000))]
    worst: u16,
    /// Where --worst draws (one sub-folder per set).
    #[arg(long, value_name = "DIR", default_value = "worst")]
    worst_dir: PathBuf,
}

/// The key of a set's member in a reference quality file: `SET/FILE`.
fn reference_key(result: &SetResult, index: usize) -> String {
    let file = result
        .members
        .get(index)
        .and_then(|m| m.path.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{}/{file}", result.set)
}

/// The error-versus-discard characteristic of a set by the reference
/// quality; every image of the set must have one.
fn reference_edc(
    result: &SetResult,
    reference: &BTreeMap<String, u8>,
    threshold: f32,
) -> Result<BTreeMap<String, f64>, CliError> {
    if let Some(missing) =
        (0..result.members.len()).find(|&i| !reference.contains_key(&reference_key(result, i)))
    {
        return Err(eval_error(EvalError::NoReference(
            result.members[missing].path.clone(),
        )));
    }
    let pairs = pairs_by_quality(&result.genuine_all, |i| {
        reference.get(&reference_key(result, i)).copied()
    })
    .unwrap_or_default();
    Ok(edc(&pairs, threshold))
}

/// The characteristic over the genuine pairs of every set of images at
/// once (ISO/IEC 29794-1 pools them): a measure that ranks one sensor's
/// prints against another's is tested too.
fn pooled_edc(
    results: &[SetResult],
    quality: impl Fn(&SetResult, usize) -> Option<u8>,
) -> Option<BTreeMap<String, f64>> {
    let mut pairs = Vec::new();
    let mut threshold = None;
    for r in results.iter().filter(|r| r.source == SetSource::Images) {
        pairs.extend(pairs_by_quality(&r.genuine_all, |i| quality(r, i))?);
        threshold = Some(r.threshold);
    }
    Some(edc(&pairs, threshold?))
}

fn edc_row(set: &str, edc: Option<&BTreeMap<String, f64>>) -> Result<(), CliError> {
    let cells: Vec<String> = beder::biometrics::eval::EDC_DISCARDS
        .iter()
        .map(|share| {
            edc.and_then(|e| e.get(&share.to_string()))
                .map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
        })
        .collect();
    print_line(&format!(
        "{:<16} {:>7} {:>7} {:>7} {:>7}",
        set, cells[0], cells[1], cells[2], cells[3]
    ))
}

fn eval_error(error: EvalError) -> CliError {
    match error {
        EvalError::Image(e) => {
            CliError::input(e.message_key(), vec![("detail", text(e.to_string()))])
        }
        other => CliError::input("eval-error", vec![("detail", text(other.to_string()))]),
    }
}

/// The threshold's operating point over every set given, pooled (the
/// way the thresholds are calibrated: README, "Biometrics").
fn print_pooled(results: &[SetResult], matcher: &dyn Matcher) -> Result<(), CliError> {
    let genuine: Vec<f32> = results
        .iter()
        .flat_map(|r| r.genuine_scores.iter().copied())
        .collect();
    let mut impostor: Vec<f32> = results
        .iter()
        .flat_map(|r| r.impostor_scores.iter().copied())
        .collect();
    let within = impostor.len();
    let across = cross_set_impostors_by_pair(results, matcher);
    impostor.extend(across.iter().flat_map(|(_, scores)| scores.iter().copied()));
    let threshold = matcher.threshold();
    let p = pooled_point(&genuine, &impostor, threshold, matcher.stated_fmr());
    let percent = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    let top: Vec<String> = p.top_impostors.iter().map(|s| format!("{s:.4}")).collect();
    print_line(&format!(
        "pooled: {} genuine, {} impostor pairs ({within} within sets, {} across them, fingers of the same number across sets left out); at the threshold {threshold}: FNMR {:.2} % ({}), FMR {:.2e} ({}); highest impostor scores {}",
        p.genuine,
        p.impostor,
        p.impostor - within,
        percent(p.rejected, p.genuine),
        p.rejected,
        p.accepted as f64 / p.impostor.max(1) as f64,
        p.accepted,
        top.join(", ")
    ))?;
    // The threshold must hold the rate on both: the pairs within the sets
    // are the harder ones, the pool the larger.
    let inside = pooled_point(
        &genuine,
        &impostor[..within],
        threshold,
        matcher.stated_fmr(),
    );
    let bound = |score: Option<f32>| score.map_or_else(|| "—".to_string(), |s| format!("{s:.4}"));
    if p.must_exceed.is_some() || inside.must_exceed.is_some() {
        print_line(&format!(
            "pooled: for an FMR of {:.0e} a threshold must exceed {} on the impostor pairs within the sets and {} on all of them",
            matcher.stated_fmr(),
            bound(inside.must_exceed),
            bound(p.must_exceed)
        ))?;
    }
    print_left_out(results, &across, matcher.stated_fmr())
}

/// Each set left out in turn: the threshold its absence calls for, the
/// other sets at it, and the set left out at it (a sensor the threshold
/// never saw).
fn print_left_out(
    results: &[SetResult],
    across: &[((usize, usize), Vec<f32>)],
    fmr: f64,
) -> Result<(), CliError> {
    print_line(&format!(
        "\nleft out in turn: a threshold calibrated on the other sets (FMR {fmr:.0e} within them and on all their pairs), the other sets at it, and the set left out at it"
    ))?;
    print_line(&format!(
        "{:<16} {:>9} {:>16} {:>8} {:>14} {:>16} {:>8} {:>16}",
        "left out",
        "threshold",
        "others rejected",
        "FNMR %",
        "mean EER %",
        "itself rejected",
        "FNMR %",
        "impostors pass"
    ))?;
    let of = |n: usize, of: usize| format!("{n} of {of}");
    let percent = |n: usize, of: usize| format!("{:.2}", 100.0 * n as f64 / of.max(1) as f64);
    for left in leave_one_out(results, across, fmr) {
        let dash = || "—".to_string();
        let (others, held) = (left.others.as_ref(), left.held_out.as_ref());
        print_line(&format!(
            "{:<16} {:>9} {:>16} {:>8} {:>14.2} {:>16} {:>8} {:>16}",
            left.set,
            left.threshold.map_or_else(dash, |t| format!("{t:.4}")),
            others.map_or_else(dash, |p| of(p.rejected, p.genuine)),
            others.map_or_else(dash, |p| percent(p.rejected, p.genuine)),
            left.others_mean_eer,
            held.map_or_else(dash, |p| of(p.rejected, p.genuine)),
            held.map_or_else(dash, |p| percent(p.rejected, p.genuine)),
            held.map_or_else(dash, |p| of(p.accepted, p.impostor)),
        ))?;
    }
    Ok(())
}

#[expect(
    clippy::too_many_lines,
    reason = "the command's edge: arguments to options, each set in turn, one JSON line each"
)]
pub fn run_eval(args: &EvalArgs, _: &Context) -> Result<(), CliError> {
    let matcher = matcher(&args.matcher)?;
    // A DET path that cannot be written fails now, not after the work.
    beder::biometrics::eval::check_det_path(&args.det).map_err(eval_error)?;
    let reference = args
        .edc_reference
        .as_deref()
        .map(beder::biometrics::eval::read_reference_qualities)
        .transpose()
        .map_err(eval_error)?;
    let tty = std::io::stderr().is_terminal();
    let mut results = Vec::new();
    for dir in &args.dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut last = usize::MAX;
        let options = EvalOptions {
            edc: args.edc,
            worst: usize::from(args.worst),
        };
        let mut result = evaluate_set(dir, matcher.as_ref(), options, |done, total| {
            let percent = done * 100 / total.max(1);
            // On a terminal a live bar; in a log one line per 10 %.
            if percent != last && (tty || percent % 10 == 0) {
                last = percent;
                let filled = percent / 5;
                let bar = format!(
                    "[{}{}] {percent:3}% {name}",
                    "#".repeat(filled),
                    " ".repeat(20 - filled)
                );
                let mut err = std::io::stderr().lock();
                let _ = if tty {
                    write!(err, "\r{bar}")
                } else {
                    writeln!(err, "{bar}")
                };
                let _ = err.flush();
            }
        })
        .map_err(eval_error)?;
        if let Some(reference) = &reference
            && result.source == SetSource::Images
        {
            result.edc_reference = Some(reference_edc(&result, reference, matcher.threshold())?);
        }
        if tty {
            eprintln!();
        }
        if args.worst > 0 {
            let written = write_worst(&result, &args.worst_dir).map_err(eval_error)?;
            eprintln!(
                "{}: {} pairs drawn in {}",
                result.set,
                written.len(),
                args.worst_dir.join(&result.set).display()
            );
        }
        if args.json {
            print_line(&json(&result)?)?;
        }
        results.push(result);
    }
    if !args.json {
        print_line(&format!(
            "{:<16} {:>6} {:>7} {:>8} {:>7} {:>11} {:>12} {:>13} {:>11} {:>12}",
            "set",
            "prints",
            "genuine",
            "impostor",
            "EER %",
            "FNMR@1% %",
            "FNMR@0.1% %",
            "FNMR@0.01% %",
            "extract ms",
            "compare µs"
        ))?;
        for r in &results {
            let extract = r
                .extract_ms_median
                .map_or_else(|| "—".to_string(), |ms| format!("{ms:.1}"));
            print_line(&format!(
                "{:<16} {:>6} {:>7} {:>8} {:>7.2} {:>11.2} {:>12.2} {:>13.2} {:>11} {:>12.1}",
                r.set,
                r.images,
                r.genuine,
                r.impostor,
                r.eer_percent,
                r.fnmr_at_fmr_1_percent,
                r.fnmr_at_fmr_0_1_percent,
                r.fnmr_at_fmr_0_01_percent,
                extract,
                r.compare_us_mean
            ))?;
        }
        if results.len() > 1 {
            print_pooled(&results, matcher.as_ref())?;
        }
        if args.edc {
            print_line(&format!(
                "\nFNMR % at the threshold ({}) after discarding genuine pairs by quality",
                matcher.threshold()
            ))?;
            print_line(&format!(
                "{:<16} {:>7} {:>7} {:>7} {:>7}",
                "set", "0 %", "5 %", "10 %", "20 %"
            ))?;
            for r in &results {
                edc_row(&r.set, r.edc.as_ref().and_then(|e| e.as_ref()))?;
                if let Some(e) = &r.edc_reference {
                    edc_row("  reference", Some(e))?;
                }
            }
            if results.len() > 1 {
                let pooled = pooled_edc(&results, |r, i| r.qualities.get(i).copied());
                edc_row("pooled", pooled.as_ref())?;
                if let Some(reference) = &reference {
                    let pooled = pooled_edc(&results, |r, i| {
                        reference.get(&reference_key(r, i)).copied()
                    });
                    edc_row("  reference", pooled.as_ref())?;
                }
            }
        }
    }
    draw_det(&results, &args.det, matcher.name()).map_err(eval_error)?;
    eprintln!("DET curve: {}", args.det.display());
    Ok(())
}
