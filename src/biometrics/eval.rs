//! Evaluation on FVC-style folders (`FINGER_IMPRESSION.ext`): every genuine
//! pair (two impressions of one finger) and every cross-finger impostor pair,
//! with the error rates the field reports.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use thiserror::Error;

use super::extract::extract;
use super::image::{ImageLoadError, LoadPolicy, load_file};
use super::matcher::Matcher;
use super::template::FingerTemplate;

#[derive(Debug, Error)]
pub enum EvalError {
    #[error("{0}: cannot be read: {1}")]
    Folder(PathBuf, String),
    #[error("{0}: no FINGER_IMPRESSION image in it")]
    NoImages(PathBuf),
    #[error(transparent)]
    Image(#[from] ImageLoadError),
    #[error("{0}: {1}")]
    Extract(PathBuf, String),
    #[error("{0}: the DET curve cannot be drawn: {1}")]
    Plot(PathBuf, String),
    /// A set needs at least one genuine and one impostor pair: rates over
    /// no pairs would read as a perfect 0 %.
    #[error("{0}: {1} genuine and {2} impostor pairs: an error rate needs both")]
    NoPairs(PathBuf, usize, usize),
}

/// One image of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetImage {
    pub finger: String,
    pub impression: String,
    pub path: PathBuf,
}

/// Lists `FINGER_IMPRESSION.{tif,tiff,png,bmp,jpg,jpeg}` in a folder.
pub fn scan_set(dir: &Path) -> Result<Vec<SetImage>, EvalError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| EvalError::Folder(dir.to_path_buf(), e.to_string()))?;
    let mut images = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(ext) = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
        else {
            continue;
        };
        if !["tif", "tiff", "png", "bmp", "jpg", "jpeg"].contains(&ext.as_str()) {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if let Some((finger, impression)) = stem.rsplit_once('_') {
            images.push(SetImage {
                finger: finger.to_string(),
                impression: impression.to_string(),
                path,
            });
        }
    }
    images.sort_by(|a, b| (&a.finger, &a.impression).cmp(&(&b.finger, &b.impression)));
    if images.is_empty() {
        return Err(EvalError::NoImages(dir.to_path_buf()));
    }
    Ok(images)
}

/// Error rates from genuine and impostor scores (accept when score ≥ t).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ErrorRates {
    /// Percent.
    pub eer: f64,
    pub fnmr_at_fmr_1_percent: f64,
    pub fnmr_at_fmr_0_1_percent: f64,
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
/// score tried) and FNMR at FMR 1 % and 0.1 %, all in percent.
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
        eer_threshold: best.2,
    }
}

/// The result for one folder, as `beder eval --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct SetResult {
    pub set: String,
    pub images: usize,
    pub genuine: usize,
    pub impostor: usize,
    pub eer_percent: f64,
    pub fnmr_at_fmr_1_percent: f64,
    pub fnmr_at_fmr_0_1_percent: f64,
    pub extract_ms_median: f64,
    pub compare_us_mean: f64,
    #[serde(skip)]
    pub genuine_scores: Vec<f32>,
    #[serde(skip)]
    pub impostor_scores: Vec<f32>,
}

/// Extracts every image of a set, compares every genuine and every
/// cross-finger impostor pair. `progress(done, total)` is called as it goes.
pub fn evaluate_set(
    dir: &Path,
    matcher: &dyn Matcher,
    mut progress: impl FnMut(usize, usize),
) -> Result<SetResult, EvalError> {
    let images = scan_set(dir)?;
    let n = images.len();
    let pairs = n * (n - 1) / 2;
    let total = n + pairs;
    let mut done = 0;
    let mut templates: Vec<FingerTemplate> = Vec::with_capacity(n);
    let mut extract_ms = Vec::with_capacity(n);
    for image in &images {
        let loaded = load_file(&image.path, 500, LoadPolicy::ANY_FINGER)?;
        let started = Instant::now();
        let template =
            extract(&loaded).map_err(|e| EvalError::Extract(image.path.clone(), e.to_string()))?;
        extract_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        templates.push(template);
        done += 1;
        progress(done, total);
    }
    let mut genuine = Vec::new();
    let mut impostor = Vec::new();
    // Each template is prepared once (a matcher's descriptors), as a
    // registry would cache them; comparisons are timed on their own.
    let prepared: Vec<_> = templates.iter().map(|t| matcher.prepare(t)).collect();
    let started = Instant::now();
    for a in 0..n {
        for b in a + 1..n {
            let score = matcher.compare_prepared(&prepared[a], &prepared[b]);
            if images[a].finger == images[b].finger {
                genuine.push(score);
            } else {
                impostor.push(score);
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
    Ok(SetResult {
        set: dir
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string()),
        images: n,
        genuine: genuine.len(),
        impostor: impostor.len(),
        eer_percent: rates.eer,
        fnmr_at_fmr_1_percent: rates.fnmr_at_fmr_1_percent,
        fnmr_at_fmr_0_1_percent: rates.fnmr_at_fmr_0_1_percent,
        extract_ms_median: extract_ms.get(n / 2).copied().unwrap_or(0.0),
        compare_us_mean,
        genuine_scores: genuine,
        impostor_scores: impostor,
    })
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
}
