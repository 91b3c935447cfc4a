//! The real binary: `extract`, `match`, `quality`, `eval` and their contracts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn beder(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_beder"))
        .arg("--lang")
        .arg("en")
        .args(args)
        .env_remove("BEDER_LANG")
        .output()
        .unwrap_or_else(|e| panic!("cannot run beder: {e}"))
}

fn asset(person: &str, file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/simulator")
        .join(person)
        .join(file)
        .display()
        .to_string()
}

/// The command succeeded; its error output is the failure's message.
fn assert_ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn extract_quality_and_match_speak_json() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let iso = dir.path().join("a.iso").display().to_string();
    let a = asset("01_normal", "02_flat.png");
    let out = beder(&["extract", &a, "--out", &iso]);
    assert_ok(&out);
    let v = &json_lines(&out)[0];
    let minutiae = v["minutiae"].as_u64().unwrap_or(0);
    assert!((20..=100).contains(&minutiae), "{v}");
    assert_eq!(
        v["template_size"].as_u64(),
        Some(std::fs::metadata(&iso).map(|m| m.len()).unwrap_or(0))
    );
    assert!(v["quality"].as_u64().unwrap_or(0) >= 60);

    let out = beder(&["quality", &a]);
    let v = &json_lines(&out)[0];
    assert!(v["score"].as_u64().is_some());
    for part in [
        "foreground_area",
        "orientation_certainty",
        "ridge_valley_clarity",
        "frequency_plausibility",
        "minutiae",
    ] {
        assert!(v["components"][part].as_f64().is_some(), "{part} in {v}");
    }

    // ISO template against an image of the same finger: a match.
    let same = beder(&["match", &iso, &asset("01_normal", "02_flat_2.png")]);
    let v = &json_lines(&same)[0];
    assert_eq!(v["decision"], "match", "{v}");
    assert!(v["score"].as_f64().unwrap_or(0.0) >= v["threshold"].as_f64().unwrap_or(f64::MAX));
    let other = beder(&["match", &a, &asset("03_amputated", "04_flat.png")]);
    assert_eq!(json_lines(&other)[0]["decision"], "no_match");
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = dir.path().join("not-an-image.png");
    std::fs::write(&text, "hello").unwrap_or_else(|e| panic!("{e}"));
    let t = text.display().to_string();
    for args in [
        vec!["extract", t.as_str()],
        vec!["quality", t.as_str()],
        vec!["match", t.as_str(), t.as_str()],
        vec!["extract", "/nonexistent/file.png"],
        vec!["extract", t.as_str(), "--ppi", "7"],
        vec!["match", t.as_str(), t.as_str(), "--matcher", "magic"],
    ] {
        let out = beder(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.is_empty(),
            "{args:?}: {stderr}"
        );
    }
}

/// An FVC-style folder made of synthetic prints: FINGER_IMPRESSION.png.
fn fvc_folder(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for (finger, code) in [(1, 1), (2, 2), (3, 6)] {
        for (impression, suffix) in [(1, ""), (2, "_2")] {
            let from = asset("01_normal", &format!("{code:02}_flat{suffix}.png"));
            std::fs::copy(from, dir.join(format!("{finger}_{impression}.png")))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    dir
}

#[test]
fn eval_prints_one_json_object_per_folder_and_draws_the_det_curve() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = fvc_folder(root.path(), "SYN_A");
    let b = fvc_folder(root.path(), "SYN_B");
    let det = root.path().join("det.png");
    let out = beder(&[
        "eval",
        &a.display().to_string(),
        &b.display().to_string(),
        "--json",
        "--det",
        &det.display().to_string(),
    ]);
    assert_ok(&out);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    for (line, name) in lines.iter().zip(["SYN_A", "SYN_B"]) {
        let keys: Vec<&str> = line
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut keys = keys;
        keys.sort();
        assert_eq!(
            keys,
            [
                "compare_us_mean",
                "eer_percent",
                "extract_ms_median",
                "fnmr_at_fmr_0_01_percent",
                "fnmr_at_fmr_0_1_percent",
                "fnmr_at_fmr_1_percent",
                "genuine",
                "images",
                "impostor",
                "set",
                "source",
                "threshold"
            ]
        );
        assert_eq!(line["source"], "images");
        assert!(
            line["extract_ms_median"]
                .as_f64()
                .is_some_and(|ms| ms > 0.0)
        );
        // The desk's matcher by default: its threshold, not BOZORTH3's.
        assert_eq!(
            line["threshold"].as_f64().map(|t| t as f32),
            Some(beder::biometrics::mcc::MCC_THRESHOLD)
        );
        assert_eq!(line["set"], name);
        assert_eq!(line["images"], 6);
        assert_eq!(line["genuine"], 3);
        assert_eq!(line["impostor"], 12);
        assert_eq!(line["eer_percent"], 0.0);
    }
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("100%"),
        "a progress bar on stderr"
    );
    let png = image::open(&det).unwrap_or_else(|e| panic!("{e}"));
    assert!(png.width() >= 600);
}

/// In text, several sets also get the threshold's operating point over
/// all their pairs, pooled, as the thresholds are calibrated, and each set
/// left out of that calibration in turn; one set does not.
#[test]
fn eval_reports_the_pooled_operating_point_of_several_sets() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = fvc_folder(root.path(), "SYN_A");
    let b = fvc_folder(root.path(), "SYN_B");
    let det = root.path().join("det.png").display().to_string();
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let out = beder(&["eval", &a, &b, "--det", &det]);
    assert_ok(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let pooled: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("pooled:"))
        .collect();
    assert_eq!(pooled.len(), 2, "{stdout}");
    // 3 genuine and 12 impostor pairs a set, and 24 across the two: of
    // their 36 pairs, the 12 of the same finger number are left out (here
    // the very same images, which would match). The same finger twice
    // always passes and no impostor reaches the threshold.
    let expected = format!(
        "pooled: 6 genuine, 48 impostor pairs (24 within sets, 24 across them, fingers of the same number across sets left out); at the threshold {}: FNMR 0.00 % (0), FMR 0.00e0 (0)",
        beder::biometrics::mcc::MCC_THRESHOLD
    );
    assert!(pooled[0].starts_with(&expected), "{stdout}");
    // 48 impostors: 1 in 10,000 lets none through.
    assert!(pooled[1].contains("a threshold must exceed"), "{stdout}");
    // Each set left out in turn: the threshold from the other's 12 pairs
    // alone, the other's 3 genuine pairs at it, and the one left out at
    // it, with its 12 impostor pairs and its 24 against the other.
    let left: Vec<Vec<&str>> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("left out in turn"))
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(left.len(), 2, "{stdout}");
    for (row, set) in left.iter().zip(["SYN_A", "SYN_B"]) {
        assert_eq!(row[0], set, "{stdout}");
        assert!(row[1].parse::<f32>().is_ok(), "{stdout}");
        assert_eq!(row[2..5], ["0", "of", "3"], "{stdout}");
        assert_eq!(row[7..10], ["0", "of", "3"], "{stdout}");
        assert_eq!(row[11..14], ["0", "of", "36"], "{stdout}");
    }
    let one = beder(&["eval", &a, "--det", &det]);
    assert_ok(&one);
    let alone = String::from_utf8_lossy(&one.stdout);
    assert!(
        !alone.contains("pooled:") && !alone.contains("left out"),
        "{alone}"
    );
}

/// A folder of ISO templates is evaluated like a folder of images, with
/// nothing extracted; `--edc` needs images and says so with `null`.
#[test]
fn eval_takes_a_folder_of_iso_templates() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let images = fvc_folder(root.path(), "SYN");
    let templates = root.path().join("SYN_ISO");
    std::fs::create_dir_all(&templates).unwrap_or_else(|e| panic!("{e}"));
    let mut names: Vec<_> = std::fs::read_dir(&images)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for image in &names {
        let stem = image
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let out = beder(&[
            "extract",
            &image.display().to_string(),
            "--out",
            &templates.join(format!("{stem}.iso")).display().to_string(),
        ]);
        assert_eq!(out.status.code(), Some(0));
    }
    let det = root.path().join("det.png");
    let run = |dir: &Path, extra: &[&str]| {
        let mut args = vec![
            "eval".to_string(),
            dir.display().to_string(),
            "--json".to_string(),
            "--det".to_string(),
            det.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = beder(&refs);
        assert_ok(&out);
        json_lines(&out).remove(0)
    };
    let from_images = run(&images, &["--edc"]);
    let from_templates = run(&templates, &["--edc"]);
    assert_eq!(from_templates["source"], "templates");
    assert!(from_templates["extract_ms_median"].is_null());
    assert!(from_templates["edc"].is_null());
    // The same minutiae, the same scores.
    for key in [
        "genuine",
        "impostor",
        "eer_percent",
        "fnmr_at_fmr_1_percent",
    ] {
        assert_eq!(from_images[key], from_templates[key], "{key}");
    }
    let edc = &from_images["edc"];
    for share in ["0", "5", "10", "20"] {
        assert!(
            edc[share]
                .as_f64()
                .is_some_and(|v| (0.0..=100.0).contains(&v)),
            "{edc}"
        );
    }
    // Without --edc there is no such field.
    assert!(run(&images, &[]).get("edc").is_none());
    // A folder holding both kinds is refused, not guessed.
    std::fs::copy(names[0].clone(), templates.join("1_9.png")).unwrap_or_else(|e| panic!("{e}"));
    let out = beder(&[
        "eval",
        &templates.display().to_string(),
        "--det",
        &det.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("both"));
}

/// `--edc-reference` puts another quality measure (NFIQ 2, say) through
/// the same characteristic; an image it has no score for is an error, not
/// a silent gap.
#[test]
fn eval_compares_the_quality_with_a_reference_measure() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let set = fvc_folder(root.path(), "SYN");
    let det = root.path().join("det.png").display().to_string();
    let reference = root.path().join("nfiq2.csv");
    let mut lines: Vec<String> = (1..=3)
        .flat_map(|f| (1..=2).map(move |i| format!("SYN/{f}_{i}.png,{}", 40 + 10 * f)))
        .collect();
    lines.push("# a comment, then a score the tool could not give".to_string());
    lines[0] = "SYN/1_1.png,failed".to_string();
    std::fs::write(&reference, lines.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let args = |reference: &Path| {
        beder(&[
            "eval",
            &set.display().to_string(),
            "--json",
            "--det",
            &det,
            "--edc",
            "--edc-reference",
            &reference.display().to_string(),
        ])
    };
    let out = args(&reference);
    assert_ok(&out);
    let line = json_lines(&out).remove(0);
    // Nothing discarded: both measures see the same pairs.
    assert_eq!(line["edc_reference"]["0"], line["edc"]["0"], "{line}");
    for share in ["5", "10", "20"] {
        assert!(
            line["edc_reference"][share]
                .as_f64()
                .is_some_and(|v| (0.0..=100.0).contains(&v)),
            "{line}"
        );
    }
    // One image without a score: refused, and named.
    let partial = root.path().join("partial.csv");
    std::fs::write(&partial, lines[1..].join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let out = args(&partial);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1_1.png"));
    // A reference without --edc is refused by the command line.
    let out = beder(&[
        "eval",
        &set.display().to_string(),
        "--edc-reference",
        &reference.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// `--worst N` draws the N lowest genuine and N highest impostor pairs.
#[test]
fn eval_draws_the_worst_pairs() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let set = fvc_folder(root.path(), "SYN");
    let worst = root.path().join("worst");
    let out = beder(&[
        "eval",
        &set.display().to_string(),
        "--det",
        &root.path().join("det.png").display().to_string(),
        "--worst",
        "2",
        "--worst-dir",
        &worst.display().to_string(),
    ]);
    assert_ok(&out);
    let mut drawn: Vec<String> = std::fs::read_dir(worst.join("SYN"))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    drawn.sort();
    assert_eq!(drawn.len(), 4, "{drawn:?}");
    assert!(drawn[0].starts_with("genuine-01_") && drawn[2].starts_with("impostor-01_"));
    // Side by side: wider than one print, in colour where minutiae are.
    let img = image::open(worst.join("SYN").join(&drawn[0]))
        .unwrap_or_else(|e| panic!("{e}"))
        .to_rgb8();
    let print = image::open(set.join("1_1.png")).unwrap_or_else(|e| panic!("{e}"));
    assert!(img.width() > 2 * print.width());
    assert!(
        img.pixels().any(|p| p.0[0] != p.0[1]),
        "minutiae drawn in colour"
    );
}

/// The edc figures: discarding the lowest-quality pairs, ties in proportion.
#[test]
fn edc_discards_the_lowest_quality_pairs_first() {
    use beder::biometrics::eval::edc;
    // 20 pairs: the four of quality 10 all rejected, the rest accepted.
    let mut pairs: Vec<(u8, f32)> = (0..16).map(|_| (50, 1.0)).collect();
    pairs.extend((0..4).map(|_| (10, 0.0)));
    let e = edc(&pairs, 0.5);
    assert_eq!(e["0"], 20.0);
    // 5 %: one of the four discarded, three of 19 rejected.
    assert!((e["5"] - 300.0 / 19.0).abs() < 1e-9, "{e:?}");
    assert!((e["10"] - 200.0 / 18.0).abs() < 1e-9, "{e:?}");
    assert_eq!(e["20"], 0.0);
    // Ties at the cut count in proportion, whatever their order.
    let tied: Vec<(u8, f32)> = (0..20)
        .map(|i| (30, if i % 2 == 0 { 0.0 } else { 1.0 }))
        .collect();
    let e = edc(&tied, 0.5);
    for share in ["0", "5", "10", "20"] {
        assert!((e[share] - 50.0).abs() < 1e-9, "{share}: {e:?}");
    }
}

/// `beder wsq encode` meets its bit rate and `decode` gives the image
/// back; the WSQ file is read by `extract` like any image.
#[test]
fn wsq_encode_and_decode_a_synthetic_print() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let print = asset("01_normal", "02_flat.png");
    let wsq = tmp.path().join("print.wsq");
    let out = beder(&["wsq", "encode", &print, "--out", &wsq.display().to_string()]);
    assert_ok(&out);
    let line = json_lines(&out).remove(0);
    let bpp = line["bits_per_pixel"].as_f64().unwrap_or(f64::MAX);
    assert!(bpp <= 0.75 && bpp > 0.6, "{line}");
    let png = tmp.path().join("back.png");
    let out = beder(&[
        "wsq",
        "decode",
        &wsq.display().to_string(),
        "--out",
        &png.display().to_string(),
    ]);
    assert_ok(&out);
    let original = image::open(&print)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_luma8();
    let back = image::open(&png)
        .unwrap_or_else(|e| panic!("{e}"))
        .to_luma8();
    assert_eq!(original.dimensions(), back.dimensions());
    let mean_error = original
        .as_raw()
        .iter()
        .zip(back.as_raw())
        .map(|(a, b)| (i32::from(*a) - i32::from(*b)).unsigned_abs() as f64)
        .sum::<f64>()
        / original.as_raw().len() as f64;
    assert!(mean_error < 12.0, "mean error {mean_error}");
    // The compressed print still matches its original.
    let out = beder(&["match", &print, &wsq.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out)[0]["decision"], "match");
    // A bit rate out of range is bad input.
    let out = beder(&[
        "wsq",
        "encode",
        &print,
        "--out",
        &wsq.display().to_string(),
        "--bitrate",
        "50",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
