//! Evaluation on FVC-style folders (`FINGER_IMPRESSION.ext`): every genuine
//! pair (two impressions of one finger) and every cross-finger impostor pair,
//! with the error rates the field reports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use image::{Rgb, RgbImage};
use serde::Serialize;
use thiserror::Error;

use super::extract::extract;
use super::image::{ImageLoadError, LoadPolicy, load_file};
use super::matcher::Matcher;
use super::quality::quality;
use super::template::{FingerTemplate, MinutiaKind};

#[derive(Debug, Error)]
/// Why a set cannot be evaluated.
pub enum EvalError {
    #[error("{0}: cannot be read: {1}")]
    /// The folder cannot be listed.
    Folder(PathBuf, String),
    #[error("{0}: no FINGER_IMPRESSION image or .iso template in it")]
    /// The folder holds nothing to evaluate.
    NoImages(PathBuf),
    /// A folder holding both images and templates is ambiguous.
    #[error("{0}: holds both images and .iso templates; keep one kind per folder")]
    Mixed(PathBuf),
    /// The reference quality file cannot be read.
    #[error("{0}: the reference qualities cannot be read: {1}")]
    Reference(PathBuf, String),
    /// An image has no score in the reference quality file.
    #[error("{0}: no reference quality for it")]
    NoReference(PathBuf),
    #[error("{0}: not an ISO/IEC 19794-2 template with one finger view: {1}")]
    /// A template that cannot be read as one finger view.
    Template(PathBuf, String),
    #[error("{0}: the worst pairs cannot be written: {1}")]
    /// The images of the worst pairs cannot be written.
    Worst(PathBuf, String),
    #[error(transparent)]
    /// An image that cannot be loaded.
    Image(#[from] ImageLoadError),
    #[error("{0}: {1}")]
    /// Minutiae cannot be extracted from an image.
    Extract(PathBuf, String),
    #[error("{0}: the DET curve cannot be drawn: {1}")]
    /// The DET curve's picture cannot be written.
    Plot(PathBuf, String),
    /// A set needs at least one genuine and one impostor pair: rates over
    /// no pairs would read as a perfect 0 %.
    #[error("{0}: {1} genuine and {2} impostor pairs: an error rate needs both")]
    NoPairs(PathBuf, usize, usize),
}

/// One image of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetImage {
    /// The finger, from the file name (`12` of `12_3.tif`).
    pub finger: String,
    /// The impression of that finger (`3` of `12_3.tif`).
    pub impression: String,
    /// The file.
    pub path: PathBuf,
}

/// What a set's files are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetSource {
    /// Images: extracted by Beder, timed.
    Images,
    /// ISO/IEC 19794-2 templates made elsewhere: compared as they are.
    Templates,
}

const IMAGE_EXTENSIONS: [&str; 6] = ["tif", "tiff", "png", "bmp", "jpg", "jpeg"];

/// Lists `FINGER_IMPRESSION.{tif,tiff,png,bmp,jpg,jpeg}` in a folder, or,
/// where it holds no image, `FINGER_IMPRESSION.iso` templates.
pub fn scan_set(dir: &Path) -> Result<(SetSource, Vec<SetImage>), EvalError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| EvalError::Folder(dir.to_path_buf(), e.to_string()))?;
    let mut images = Vec::new();
    let mut templates = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(ext) = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
        else {
            continue;
        };
        let list = if IMAGE_EXTENSIONS.contains(&ext.as_str()) {
            &mut images
        } else if ext == "iso" {
            &mut templates
        } else {
            continue;
        };
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if let Some((finger, impression)) = stem.rsplit_once('_') {
            list.push(SetImage {
                finger: finger.to_string(),
                impression: impression.to_string(),
                path,
            });
        }
    }
    let (source, mut members) = match (images.is_empty(), templates.is_empty()) {
        (true, true) => return Err(EvalError::NoImages(dir.to_path_buf())),
        (false, false) => return Err(EvalError::Mixed(dir.to_path_buf())),
        (false, true) => (SetSource::Images, images),
        (true, false) => (SetSource::Templates, templates),
    };
    members.sort_by(|a, b| (&a.finger, &a.impression).cmp(&(&b.finger, &b.impression)));
    Ok((source, members))
}

/// Error rates from genuine and impostor scores (accept when score ≥ t).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ErrorRates {
    /// Percent.
    pub eer: f64,
    /// FNMR % where the FMR is 1 %.
    pub fnmr_at_fmr_1_percent: f64,
    /// FNMR % where the FMR is 0.1 %.
    pub fnmr_at_fmr_0_1_percent: f64,
    /// FNMR % where the FMR is 0.01 %.
    pub fnmr_at_fmr_0_01_percent: f64,
    /// The threshold where FMR and FNMR are closest.
    pub eer_threshold: f32,
}

/// (threshold, FMR, FNMR) at every observed score, and one above them all.
pub fn operating_points(genuine: &[f32], impostor: &[f32]) -> Vec<(f32, f64, f64)> {
    let mut thresholds: Vec<f32> = genuine.iter().chain(impostor).copied().collect();
    thresholds.sort_by(f32::total_cmp);
    thresholds.dedup();
    let top = thresholds.last().copied().unwrap_or(0.0) + 1.0;
    thresholds.push(top);
    let mut g = genuine.to_vec();
    let mut i = impostor.to_vec();
    g.sort_by(f32::total_cmp);
    i.sort_by(f32::total_cmp);
    let (ng, ni) = (g.len().max(1) as f64, i.len().max(1) as f64);
    thresholds
        .into_iter()
        .map(|t| {
            let rejected = g.partition_point(|s| *s < t) as f64;
            let accepted = (i.len() - i.partition_point(|s| *s < t)) as f64;
            (t, accepted / ni, rejected / ng)
        })
        .collect()
}

/// EER (the mean of FMR and FNMR where they are closest, every observed
/// score tried) and FNMR at FMR 1 %, 0.1 % and 0.01 %, all in percent.
/// With fewer impostor pairs than an FMR needs to be observed (10,000 for
/// 0.01 %), the FNMR reported is the one at FMR 0: an upper bound.
pub fn error_rates(genuine: &[f32], impostor: &[f32]) -> ErrorRates {
    let points = operating_points(genuine, impostor);
    let mut best = (f64::MAX, 0.0, 0.0f32);
    for (t, fmr, fnmr) in &points {
        let gap = (fmr - fnmr).abs();
        if gap < best.0 {
            best = (gap, (fmr + fnmr) / 2.0, *t);
        }
    }
    let fnmr_at = |limit: f64| {
        points
            .iter()
            .filter(|(_, fmr, _)| *fmr <= limit)
            .map(|(_, _, fnmr)| *fnmr)
            .fold(1.0f64, f64::min)
    };
    ErrorRates {
        eer: best.1 * 100.0,
        fnmr_at_fmr_1_percent: fnmr_at(0.01) * 100.0,
        fnmr_at_fmr_0_1_percent: fnmr_at(0.001) * 100.0,
        fnmr_at_fmr_0_01_percent: fnmr_at(0.0001) * 100.0,
        eer_threshold: best.2,
    }
}

/// The decision threshold's operating point over several sets' pairs,
/// pooled: how a matcher's threshold, calibrated on the pooled impostors
/// at a stated false-match rate, holds on the sets given.
#[derive(Debug, Clone, PartialEq)]
pub struct PooledPoint {
    /// Genuine pairs, pooled.
    pub genuine: usize,
    /// Of them, below the threshold (false non-matches).
    pub rejected: usize,
    /// Impostor pairs, pooled.
    pub impostor: usize,
    /// Of them, at or above the threshold (false matches).
    pub accepted: usize,
    /// The highest impostor scores, highest first (at most five).
    pub top_impostors: Vec<f32>,
    /// The highest impostor score that the stated false-match rate lets
    /// through no more of: a threshold must lie above it (`None` when the
    /// rate allows every impostor pair).
    pub must_exceed: Option<f32>,
}

/// The pooled operating point of `threshold` over genuine and impostor
/// scores, with what `fmr` (a rate, 1e-4 for 1 in 10,000) asks of a
/// threshold on these impostors: it may let through at most ⌊fmr × n⌋.
pub fn pooled_point(genuine: &[f32], impostor: &[f32], threshold: f32, fmr: f64) -> PooledPoint {
    let mut sorted = impostor.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let allowed = (fmr * sorted.len() as f64).floor() as usize;
    PooledPoint {
        genuine: genuine.len(),
        rejected: genuine.iter().filter(|s| **s < threshold).count(),
        impostor: impostor.len(),
        accepted: impostor.iter().filter(|s| **s >= threshold).count(),
        top_impostors: sorted.iter().take(5).copied().collect(),
        must_exceed: sorted.get(allowed).copied(),
    }
}

/// Impostor scores across sets: each member of a set against each member
/// of every later set. A registry holds prints from many scanners, and an
/// impostor may be compared with a print from another: these pairs make
/// the pool that a false-match rate of 1 in 10,000 is calibrated on
/// large enough to rest on more than one or two pairs. Pairs whose finger
/// numbers coincide are left out: two sets may hold the same fingers taken
/// on two sensors (FVC2000's DB1 and DB2 do), and such a pair is not known
/// to be an impostor.
pub fn cross_set_impostors(results: &[SetResult], matcher: &dyn Matcher) -> Vec<f32> {
    cross_set_impostors_by_pair(results, matcher)
        .into_iter()
        .flat_map(|(_, scores)| scores)
        .collect()
}

/// The impostor scores across sets ([`cross_set_impostors`]) kept apart
/// by the two sets compared: `((i, j), scores)` for every `i < j`, so
/// that a pool without one of the sets can be made
/// ([`leave_one_out`]).
pub fn cross_set_impostors_by_pair(
    results: &[SetResult],
    matcher: &dyn Matcher,
) -> Vec<((usize, usize), Vec<f32>)> {
    let prepared: Vec<Vec<_>> = results
        .iter()
        .map(|r| r.templates.iter().map(|t| matcher.prepare(t)).collect())
        .collect();
    let mut pairs = Vec::new();
    for (i, (first, first_prepared)) in results.iter().zip(&prepared).enumerate() {
        for (j, (second, second_prepared)) in results.iter().zip(&prepared).enumerate().skip(i + 1)
        {
            let mut scores = Vec::new();
            for (a, pa) in first.members.iter().zip(first_prepared) {
                for (b, pb) in second.members.iter().zip(second_prepared) {
                    if a.finger != b.finger {
                        scores.push(matcher.compare_prepared(pa, pb));
                    }
                }
            }
            pairs.push(((i, j), scores));
        }
    }
    pairs
}

/// The least threshold that holds a false-match rate on each of the
/// impostor pools given (the way Beder's thresholds are calibrated: on
/// the pairs within the sets, and on those and the pairs across the sets
/// pooled); `None` when no pool asks anything of it.
pub fn calibrate(pools: &[&[f32]], fmr: f64) -> Option<f32> {
    pools
        .iter()
        .filter_map(|pool| pooled_point(&[], pool, f32::INFINITY, fmr).must_exceed)
        .map(f32::next_up)
        .reduce(f32::max)
}

/// One set left out of the calibration: a threshold calibrated on the
/// other sets alone ([`calibrate`], within them and across them), how
/// the other sets fare at it, and how the set left out does — the way a
/// sensor that was never seen meets a threshold chosen without it.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// The set left out.
    pub set: String,
    /// The other sets' threshold (`None` if their impostor pairs ask
    /// nothing of it: too few for the rate).
    pub threshold: Option<f32>,
    /// The other sets at that threshold: their genuine pairs, and their
    /// impostor pairs within and across them.
    pub others: Option<PooledPoint>,
    /// The mean of the other sets' EERs, %.
    pub others_mean_eer: f64,
    /// The set left out at that threshold: its genuine pairs, and its
    /// impostor pairs within it and against the other sets.
    pub held_out: Option<PooledPoint>,
}

/// Each set left out in turn (issue #17's rule: a change is kept when
/// it helps with each development set left out). `across` is
/// [`cross_set_impostors_by_pair`] of the same `results`.
pub fn leave_one_out(
    results: &[SetResult],
    across: &[((usize, usize), Vec<f32>)],
    fmr: f64,
) -> Vec<LeftOut> {
    (0..results.len())
        .map(|out| {
            let others = || results.iter().enumerate().filter(move |(i, _)| *i != out);
            let genuine: Vec<f32> = others()
                .flat_map(|(_, r)| r.genuine_scores.iter().copied())
                .collect();
            let within: Vec<f32> = others()
                .flat_map(|(_, r)| r.impostor_scores.iter().copied())
                .collect();
            let mut pool = within.clone();
            let mut held_impostor = results[out].impostor_scores.clone();
            for ((i, j), scores) in across {
                if *i == out || *j == out {
                    held_impostor.extend(scores);
                } else {
                    pool.extend(scores);
                }
            }
            let threshold = calibrate(&[&within, &pool], fmr);
            let count = others().count().max(1) as f64;
            LeftOut {
                set: results[out].set.clone(),
                threshold,
                others: threshold.map(|t| pooled_point(&genuine, &pool, t, fmr)),
                others_mean_eer: others().map(|(_, r)| r.eer_percent).sum::<f64>() / count,
                held_out: threshold
                    .map(|t| pooled_point(&results[out].genuine_scores, &held_impostor, t, fmr)),
            }
        })
        .collect()
}

/// The shares of genuine pairs discarded for an error-versus-discard
/// characteristic (ISO/IEC 29794-1), in percent.
pub const EDC_DISCARDS: [u8; 4] = [0, 5, 10, 20];

/// What `evaluate_set` does beyond the error rates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// Compute the error-versus-discard characteristic by Beder's quality.
    pub edc: bool,
    /// Keep the lowest genuine and highest impostor pairs, this many each.
    pub worst: usize,
}

/// One compared pair, by index into the set's members.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairScore {
    /// The first member's index.
    pub a: usize,
    /// The second member's index.
    pub b: usize,
    /// The matcher's score.
    pub score: f32,
}

/// The result for one folder, as `beder eval --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct SetResult {
    /// The folder's name.
    pub set: String,
    /// Images (extracted here) or templates (made elsewhere).
    pub source: SetSource,
    /// Members evaluated (images or templates).
    pub images: usize,
    /// Genuine pairs compared.
    pub genuine: usize,
    /// Impostor pairs compared.
    pub impostor: usize,
    /// Equal error rate, %.
    pub eer_percent: f64,
    /// FNMR % where the FMR is 1 %.
    pub fnmr_at_fmr_1_percent: f64,
    /// FNMR % where the FMR is 0.1 %.
    pub fnmr_at_fmr_0_1_percent: f64,
    /// FMR 1 in 10,000: an upper bound below 10,000 impostor pairs.
    pub fnmr_at_fmr_0_01_percent: f64,
    /// `null` for a folder of templates: nothing was extracted.
    pub extract_ms_median: Option<f64>,
    /// Mean time of one comparison, µs.
    pub compare_us_mean: f64,
    /// The matcher's own decision threshold (the desk's).
    pub threshold: f32,
    /// With `--edc`: the FNMR % at the desk's threshold after discarding
    /// 0, 5, 10 and 20 % of genuine pairs by pair quality (the lower of
    /// the two impressions' Beder quality); `null` for templates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edc: Option<Option<BTreeMap<String, f64>>>,
    /// With `--edc-reference`: the same, discarding by the reference
    /// quality given for each image (NFIQ 2, say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edc_reference: Option<BTreeMap<String, f64>>,
    /// With `--edc`: each member's Beder quality, in order.
    #[serde(skip)]
    pub qualities: Vec<u8>,
    /// With `--edc`: every genuine pair, in comparison order.
    #[serde(skip)]
    pub genuine_all: Vec<PairScore>,
    #[serde(skip)]
    /// Every genuine pair's score.
    pub genuine_scores: Vec<f32>,
    #[serde(skip)]
    /// Every impostor pair's score.
    pub impostor_scores: Vec<f32>,
    /// The members compared, in order.
    #[serde(skip)]
    pub members: Vec<SetImage>,
    #[serde(skip)]
    /// The members' templates, in order.
    pub templates: Vec<FingerTemplate>,
    /// The lowest-scoring genuine pairs, lowest first (with `worst`).
    #[serde(skip)]
    pub worst_genuine: Vec<PairScore>,
    /// The highest-scoring impostor pairs, highest first (with `worst`).
    #[serde(skip)]
    pub worst_impostor: Vec<PairScore>,
}

/// The FNMR % at `threshold` after discarding each share of
/// [`EDC_DISCARDS`] of genuine pairs, the lowest pair quality first.
/// Pairs tied at the cut are discarded in proportion (their mean
/// rejection counts for the share kept), so no order among equal
/// qualities favours the result.
pub fn edc(pairs: &[(u8, f32)], threshold: f32) -> BTreeMap<String, f64> {
    let mut sorted = pairs.to_vec();
    sorted.sort_by_key(|(q, _)| *q);
    let n = sorted.len();
    let mut out = BTreeMap::new();
    for share in EDC_DISCARDS {
        let discard = n * usize::from(share) / 100;
        let kept = n - discard;
        if kept == 0 {
            continue;
        }
        let cut = sorted.get(discard).map(|(q, _)| *q).unwrap_or(u8::MAX);
        let rejected = |range: &[(u8, f32)]| range.iter().filter(|(_, s)| *s < threshold).count();
        let above: Vec<_> = sorted.iter().filter(|(q, _)| *q > cut).copied().collect();
        let tied: Vec<_> = sorted.iter().filter(|(q, _)| *q == cut).copied().collect();
        let tied_kept = kept - above.len();
        let tied_rate = if tied.is_empty() {
            0.0
        } else {
            rejected(&tied) as f64 / tied.len() as f64
        };
        let fnmr = (rejected(&above) as f64 + tied_kept as f64 * tied_rate) / kept as f64;
        out.insert(share.to_string(), fnmr * 100.0);
    }
    out
}

/// Genuine pairs as (pair quality, score), the pair quality being the
/// lower of the two members' `quality`; `None` where a member has none.
pub fn pairs_by_quality(
    pairs: &[PairScore],
    quality: impl Fn(usize) -> Option<u8>,
) -> Option<Vec<(u8, f32)>> {
    pairs
        .iter()
        .map(|p| Some((quality(p.a)?.min(quality(p.b)?), p.score)))
        .collect()
}

/// Reads a reference quality file: one `SET/FILE,SCORE` line per image
/// (`FVC2002_DB1_B/101_1.tif,65`), the score 0–100; a line whose score is
/// not a number (a tool that failed on the image) counts as 0, the lowest.
pub fn read_reference_qualities(path: &Path) -> Result<BTreeMap<String, u8>, EvalError> {
    let bytes = crate::files::read_file(path, 64 * 1024 * 1024)
        .map_err(|e| EvalError::Reference(path.to_path_buf(), e.to_string()))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| EvalError::Reference(path.to_path_buf(), e.to_string()))?;
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, score)) = line.rsplit_once(',') else {
            return Err(EvalError::Reference(
                path.to_path_buf(),
                format!("line {}: not SET/FILE,SCORE", n + 1),
            ));
        };
        let score = score
            .trim()
            .parse::<f64>()
            .map_or(0, |v| v.clamp(0.0, 100.0).round() as u8);
        out.insert(key.trim().to_string(), score);
    }
    Ok(out)
}

fn load_template(path: &Path) -> Result<FingerTemplate, EvalError> {
    let bytes = crate::files::read_file(path, 1024 * 1024)
        .map_err(|e| EvalError::Template(path.to_path_buf(), e.to_string()))?;
    let mut views = super::iso::decode(&bytes)
        .map_err(|e| EvalError::Template(path.to_path_buf(), e.to_string()))?;
    if views.len() != 1 {
        return Err(EvalError::Template(
            path.to_path_buf(),
            format!("{} finger views", views.len()),
        ));
    }
    Ok(views.remove(0))
}

/// Extracts every image of a set (or reads every template), compares
/// every genuine and every cross-finger impostor pair. `progress(done,
/// total)` is called as it goes.
#[expect(
    clippy::too_many_lines,
    reason = "the FVC protocol in order (extract or read, pair, compare, collect) over one set's shared state"
)]
pub fn evaluate_set(
    dir: &Path,
    matcher: &dyn Matcher,
    options: EvalOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<SetResult, EvalError> {
    let (source, members) = scan_set(dir)?;
    let n = members.len();
    let pairs = n * (n - 1) / 2;
    let total = n + pairs;
    let mut done = 0;
    let mut templates: Vec<FingerTemplate> = Vec::with_capacity(n);
    let mut extract_ms = Vec::with_capacity(n);
    let mut qualities = Vec::with_capacity(n);
    for member in &members {
        match source {
            SetSource::Images => {
                let loaded = load_file(&member.path, 500, LoadPolicy::ANY_FINGER)?;
                let started = Instant::now();
                let template = extract(&loaded)
                    .map_err(|e| EvalError::Extract(member.path.clone(), e.to_string()))?;
                extract_ms.push(started.elapsed().as_secs_f64() * 1000.0);
                if options.edc {
                    qualities.push(quality(&loaded, template.minutiae.len()).score);
                }
                templates.push(template);
            }
            SetSource::Templates => templates.push(load_template(&member.path)?),
        }
        done += 1;
        progress(done, total);
    }
    let mut genuine = Vec::new();
    let mut impostor = Vec::new();
    let mut genuine_pairs = Vec::new();
    let mut impostor_pairs = Vec::new();
    // Each template is prepared once (a matcher's descriptors), as a
    // registry would cache them; comparisons are timed on their own.
    let prepared: Vec<_> = templates.iter().map(|t| matcher.prepare(t)).collect();
    let started = Instant::now();
    for a in 0..n {
        for b in a + 1..n {
            let score = matcher.compare_prepared(&prepared[a], &prepared[b]);
            if members[a].finger == members[b].finger {
                genuine.push(score);
                genuine_pairs.push(PairScore { a, b, score });
            } else {
                impostor.push(score);
                impostor_pairs.push(PairScore { a, b, score });
            }
            done += 1;
            if done % 64 == 0 {
                progress(done, total);
            }
        }
    }
    if genuine.is_empty() || impostor.is_empty() {
        return Err(EvalError::NoPairs(
            dir.to_path_buf(),
            genuine.len(),
            impostor.len(),
        ));
    }
    let compare_us_mean = started.elapsed().as_secs_f64() * 1e6 / pairs.max(1) as f64;
    progress(total, total);
    extract_ms.sort_by(f64::total_cmp);
    let rates = error_rates(&genuine, &impostor);
    let edc = options.edc.then(|| {
        (source == SetSource::Images).then(|| {
            let by_quality = pairs_by_quality(&genuine_pairs, |i| qualities.get(i).copied());
            edc(&by_quality.unwrap_or_default(), matcher.threshold())
        })
    });
    let genuine_all = if options.edc {
        genuine_pairs.clone()
    } else {
        Vec::new()
    };
    genuine_pairs.sort_by(|x, y| x.score.total_cmp(&y.score));
    impostor_pairs.sort_by(|x, y| y.score.total_cmp(&x.score));
    genuine_pairs.truncate(options.worst);
    impostor_pairs.truncate(options.worst);
    Ok(SetResult {
        set: dir
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string()),
        source,
        images: n,
        genuine: genuine.len(),
        impostor: impostor.len(),
        eer_percent: rates.eer,
        fnmr_at_fmr_1_percent: rates.fnmr_at_fmr_1_percent,
        fnmr_at_fmr_0_1_percent: rates.fnmr_at_fmr_0_1_percent,
        fnmr_at_fmr_0_01_percent: rates.fnmr_at_fmr_0_01_percent,
        extract_ms_median: (source == SetSource::Images)
            .then(|| extract_ms.get(n / 2).copied().unwrap_or(0.0)),
        compare_us_mean,
        threshold: matcher.threshold(),
        edc,
        edc_reference: None,
        qualities,
        genuine_all,
        genuine_scores: genuine,
        impostor_scores: impostor,
        members,
        templates,
        worst_genuine: genuine_pairs,
        worst_impostor: impostor_pairs,
    })
}

/// Writes the worst pairs of a set into `out/<set>/`: for each, the two
/// prints side by side (a template without its image on white) with their
/// minutiae drawn — red ridge endings, blue bifurcations, green others,
/// each a ring and a tick in its direction — named
/// `genuine-01_<a>_<b>_<score>.png`, `impostor-01_…`. Returns the files.
pub fn write_worst(result: &SetResult, out: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let folder = out.join(&result.set);
    let fail = |e: std::io::Error| EvalError::Worst(folder.clone(), e.to_string());
    std::fs::create_dir_all(&folder).map_err(fail)?;
    let mut written = Vec::new();
    for (kind, pairs) in [
        ("genuine", &result.worst_genuine),
        ("impostor", &result.worst_impostor),
    ] {
        for (rank, pair) in pairs.iter().enumerate() {
            let (a, b) = (&result.members[pair.a], &result.members[pair.b]);
            let left = pair_side(result, pair.a)?;
            let right = pair_side(result, pair.b)?;
            let gap = 8;
            let width = left.width() + gap + right.width();
            let height = left.height().max(right.height());
            let mut canvas = RgbImage::from_pixel(width, height, Rgb([255, 255, 255]));
            image::imageops::overlay(&mut canvas, &left, 0, 0);
            image::imageops::overlay(&mut canvas, &right, i64::from(left.width() + gap), 0);
            let name = format!(
                "{kind}-{:02}_{}_{}-{}_{}_{:.3}.png",
                rank + 1,
                a.finger,
                a.impression,
                b.finger,
                b.impression,
                pair.score
            );
            let path = folder.join(name);
            let mut bytes = std::io::Cursor::new(Vec::new());
            canvas
                .write_to(&mut bytes, image::ImageFormat::Png)
                .map_err(|e| EvalError::Worst(path.clone(), e.to_string()))?;
            crate::files::write_atomically(&path, bytes.get_ref())
                .map_err(|e| EvalError::Worst(path.clone(), e.to_string()))?;
            written.push(path);
        }
    }
    Ok(written)
}

/// One print of a pair with its minutiae drawn, at the template's scale.
fn pair_side(result: &SetResult, index: usize) -> Result<RgbImage, EvalError> {
    let template = &result.templates[index];
    let mut img = match result.source {
        SetSource::Images => {
            let loaded = load_file(&result.members[index].path, 500, LoadPolicy::ANY_FINGER)?;
            let working = super::extract::at_working_resolution(&loaded);
            // Lightened so that the marks stand out.
            let mut rgb = image::DynamicImage::ImageLuma8(working.image).to_rgb8();
            for p in rgb.pixels_mut() {
                p.0 = p.0.map(|v| 96 + (u16::from(v) * 159 / 255) as u8);
            }
            rgb
        }
        SetSource::Templates => RgbImage::from_pixel(
            u32::from(template.width).clamp(1, 2000),
            u32::from(template.height).clamp(1, 2000),
            Rgb([255, 255, 255]),
        ),
    };
    for m in &template.minutiae {
        let colour = match m.kind {
            MinutiaKind::RidgeEnding => Rgb([220, 20, 20]),
            MinutiaKind::Bifurcation => Rgb([20, 60, 220]),
            MinutiaKind::Other => Rgb([20, 150, 40]),
        };
        let (x, y) = (f32::from(m.x), f32::from(m.y));
        for step in 0..32 {
            let t = step as f32 * std::f32::consts::TAU / 32.0;
            plot(&mut img, x + 5.0 * t.cos(), y + 5.0 * t.sin(), colour);
        }
        // Counter-clockwise as seen, with y downward.
        let (dx, dy) = (m.radians().cos(), -m.radians().sin());
        for step in 5..16 {
            let r = step as f32;
            plot(&mut img, x + r * dx, y + r * dy, colour);
        }
    }
    Ok(img)
}

fn plot(img: &mut RgbImage, x: f32, y: f32, colour: Rgb<u8>) {
    let (x, y) = (x.round(), y.round());
    if x >= 0.0 && y >= 0.0 && (x as u32) < img.width() && (y as u32) < img.height() {
        img.put_pixel(x as u32, y as u32, colour);
    }
}

/// The temporary name a DET curve is drawn under (beside `path`, with
/// its extension: the plotting backend picks the format by it).
fn det_partial(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.partial-{}.png", std::process::id()))
}

/// Checks, before any work, that the DET curve can be written at `path`:
/// its folder exists and takes a new file.
pub fn check_det_path(path: &Path) -> Result<(), EvalError> {
    let probe = det_partial(path);
    crate::files::create_private(&probe)
        .map(|_| {
            let _ = std::fs::remove_file(&probe);
        })
        .map_err(|e| EvalError::Plot(path.to_path_buf(), e.to_string()))
}

/// Draws the DET curves (FNMR against FMR, both on log axes) of the sets,
/// whole or not at all (drawn under a temporary name, then renamed).
pub fn draw_det(results: &[SetResult], path: &Path, matcher: &str) -> Result<(), EvalError> {
    let partial = det_partial(path);
    let drawn = draw_det_to(results, &partial, matcher).and_then(|_| {
        std::fs::rename(&partial, path)
            .map_err(|e| EvalError::Plot(path.to_path_buf(), e.to_string()))
    });
    if drawn.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    drawn
}

fn draw_det_to(results: &[SetResult], path: &Path, matcher: &str) -> Result<(), EvalError> {
    use plotters::prelude::*;
    let fail = |e: String| EvalError::Plot(path.to_path_buf(), e);
    // Register the UI's own font once; plotters draws text with it.
    let _ = plotters::style::register_font(
        "sans-serif",
        FontStyle::Normal,
        epaint_default_fonts::UBUNTU_LIGHT,
    );
    let root = BitMapBackend::new(path, (900, 700)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("DET — {matcher}"), ("sans-serif", 26))
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(60)
        .build_cartesian_2d((1e-4f64..1.0f64).log_scale(), (1e-3f64..1.0f64).log_scale())
        .map_err(|e| fail(e.to_string()))?;
    chart
        .configure_mesh()
        .x_desc("FMR")
        .y_desc("FNMR")
        .label_style(("sans-serif", 16))
        .draw()
        .map_err(|e| fail(e.to_string()))?;
    let colours = [BLUE, RED, GREEN, MAGENTA, CYAN, BLACK];
    for (i, result) in results.iter().enumerate() {
        let colour = colours[i % colours.len()];
        let points: Vec<(f64, f64)> =
            operating_points(&result.genuine_scores, &result.impostor_scores)
                .into_iter()
                .map(|(_, fmr, fnmr)| (fmr.max(1e-4), fnmr.max(1e-3)))
                .collect();
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(2)))
            .map_err(|e| fail(e.to_string()))?
            .label(format!("{} (EER {:.2} %)", result.set, result.eer_percent))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .label_font(("sans-serif", 16))
        .draw()
        .map_err(|e| fail(e.to_string()))?;
    root.present().map_err(|e| fail(e.to_string()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_rates_on_a_known_case() {
        // Perfect separation: EER 0.
        let r = error_rates(&[50.0, 60.0, 70.0], &[1.0, 2.0, 3.0]);
        assert_eq!(r.eer, 0.0);
        assert_eq!(r.fnmr_at_fmr_1_percent, 0.0);
        // One impostor above one genuine: at t = 10 (accept ≥ 10) FMR 1/4,
        // FNMR 1/4.
        let r = error_rates(&[5.0, 20.0, 30.0, 40.0], &[1.0, 2.0, 3.0, 10.0]);
        assert!((r.eer - 25.0).abs() < 1e-9, "{r:?}");
        assert!((r.fnmr_at_fmr_1_percent - 25.0).abs() < 1e-9, "{r:?}");
    }

    fn scored(set: &str, eer: f64, genuine: &[f32], impostor: &[f32]) -> SetResult {
        SetResult {
            set: set.to_string(),
            source: SetSource::Templates,
            images: 0,
            genuine: genuine.len(),
            impostor: impostor.len(),
            eer_percent: eer,
            fnmr_at_fmr_1_percent: 0.0,
            fnmr_at_fmr_0_1_percent: 0.0,
            fnmr_at_fmr_0_01_percent: 0.0,
            extract_ms_median: None,
            compare_us_mean: 0.0,
            threshold: 0.5,
            edc: None,
            edc_reference: None,
            qualities: Vec::new(),
            genuine_all: Vec::new(),
            genuine_scores: genuine.to_vec(),
            impostor_scores: impostor.to_vec(),
            members: Vec::new(),
            templates: Vec::new(),
            worst_genuine: Vec::new(),
            worst_impostor: Vec::new(),
        }
    }

    #[test]
    fn a_set_left_out_takes_no_part_in_the_threshold_it_is_judged_at() {
        let sets = [
            scored("A", 1.0, &[0.5, 0.35], &[0.1, 0.2]),
            scored("B", 2.0, &[0.45, 0.41], &[0.3, 0.4]),
            scored("C", 4.0, &[0.39, 0.9], &[0.05, 0.06]),
        ];
        let across = [
            ((0, 1), vec![0.9]),
            ((0, 2), vec![0.8]),
            ((1, 2), vec![0.15, 0.25]),
        ];
        let left = leave_one_out(&sets, &across, 0.2);
        assert_eq!(left.len(), 3);
        // Without A: B's and C's four pairs within let none through (above
        // 0.4), their six with B × C one (above 0.3); A's pairs against
        // them (0.9, 0.8) are not in that pool, or it would ask for more
        // than 0.8.
        let a = &left[0];
        assert_eq!(a.set, "A");
        assert_eq!(a.threshold, Some(0.4f32.next_up()));
        assert!((a.others_mean_eer - 3.0).abs() < 1e-9);
        let others = a
            .others
            .as_ref()
            .map(|p| (p.rejected, p.genuine, p.accepted, p.impostor));
        assert_eq!(others, Some((1, 4, 0, 6)));
        // A at it: its genuine 0.35 falls short; of its own two impostor
        // pairs and its two against B and C, the two across pass.
        let held = a
            .held_out
            .as_ref()
            .map(|p| (p.rejected, p.genuine, p.accepted, p.impostor));
        assert_eq!(held, Some((1, 2, 2, 4)));
        // Without B: A and C within (0.2 the highest) and with A × C's 0.8.
        assert_eq!(left[1].threshold, Some(0.2f32.next_up()));
        // No impostor pair, no threshold.
        assert_eq!(calibrate(&[&[], &[]], 1e-4), None);
    }

    #[test]
    fn the_pooled_point_counts_both_errors_and_says_what_a_threshold_must_exceed() {
        // 20,000 impostors: 1 in 10,000 lets two through, so a threshold
        // must lie above the third highest.
        let mut impostor = vec![0.01f32; 19_995];
        impostor.extend([0.09, 0.08, 0.07, 0.06, 0.05]);
        let genuine = [0.02, 0.065, 0.3, 0.9];
        let p = pooled_point(&genuine, &impostor, 0.065, 1e-4);
        assert_eq!((p.genuine, p.rejected), (4, 1));
        assert_eq!((p.impostor, p.accepted), (20_000, 3));
        assert_eq!(p.top_impostors, vec![0.09, 0.08, 0.07, 0.06, 0.05]);
        assert_eq!(p.must_exceed, Some(0.07));
        // A rate that allows every impostor asks nothing.
        assert_eq!(pooled_point(&genuine, &[0.5], 0.065, 1.0).must_exceed, None);
    }
}
