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
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
                "fnmr_at_fmr_0_1_percent",
                "fnmr_at_fmr_1_percent",
                "genuine",
                "images",
                "impostor",
                "set"
            ]
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
