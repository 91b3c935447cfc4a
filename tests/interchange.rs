//! ANSI/NIST-ITL transactions against NIST's reference files (read from
//! ../shared/interchange when present: never copied into the project).

use std::path::{Path, PathBuf};
use std::process::Command;

use beder::interchange::an2::{Record, Transaction};

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// The files of `../shared/interchange/<folder>` ending in `.<extension>`,
/// sorted; `None` (and a message) when the folder is absent.
fn shared_files(folder: &str, extension: &str) -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/interchange")
        .join(folder);
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return None;
    }
    let mut files: Vec<PathBuf> = ok(std::fs::read_dir(&dir))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    Some(files)
}

fn reference_files() -> Option<Vec<PathBuf>> {
    shared_files("ansi-nist", "an2")
}

/// Every reference transaction is read whole and written back byte for byte.
#[test]
fn every_reference_transaction_reads_whole_and_writes_back_byte_for_byte() {
    let Some(files) = reference_files() else {
        return;
    };
    assert!(files.len() >= 9, "{files:?}");
    for file in files {
        let bytes = ok(std::fs::read(&file));
        let transaction =
            Transaction::read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(transaction.records.len() >= 2, "{}", file.display());
        assert_eq!(transaction.write(), bytes, "{}", file.display());
    }
}

/// What the reference files are known to hold: amputation codes, NIST
/// quality metrics and UTF-8 text in one; Type-4 slaps with WSQ in another.
#[test]
fn fields_of_the_reference_files_read_as_the_standard_says() {
    let Some(files) = reference_files() else {
        return;
    };
    let find = |name: &str| {
        files
            .iter()
            .find(|f| f.file_name().is_some_and(|n| n == name))
            .map(|f| ok(Transaction::read(&ok(std::fs::read(f)))))
            .unwrap_or_else(|| panic!("{name} absent"))
    };
    let t = find("type-14-amp-nqm-utf8.an2");
    let types: Vec<u16> = t.records.iter().map(Record::record_type).collect();
    assert_eq!(types, [1, 2, 14, 14, 14]);
    let Record::Tagged(type2) = &t.records[1] else {
        panic!("Type-2 not tagged")
    };
    assert!(type2.field(3).is_some_and(|f| f.text().ends_with("華裔")));
    let Record::Tagged(third) = &t.records[4] else {
        panic!("Type-14 not tagged")
    };
    assert_eq!(third.field(11).map(|f| f.text()).as_deref(), Some("WSQ20"));
    // AMP: finger 9 amputated (XX).
    assert_eq!(
        third.field(18).map(|f| f.subfields()),
        Some(vec![vec!["9".to_string(), "XX".to_string()]])
    );
    // The WSQ stream starts with its SOI marker, and decodes to the size
    // the record declares.
    let wsq = third.image().unwrap_or_default();
    assert!(wsq.starts_with(&[0xFF, 0xA0]));
    let image = ok(beder::interchange::wsq::decode(wsq));
    assert_eq!((image.width, image.height), (1608, 1000));

    let t = find("type-4-slaps.an2");
    let Record::Binary(slap) = &t.records[2] else {
        panic!("Type-4 not binary")
    };
    assert_eq!(slap.record_type, 4);
    let header = slap.header_fields();
    // Width and height (HLL, VLL) and the compression (GCA 1: WSQ).
    assert!(
        header.contains(&(6, 1608)) && header.contains(&(7, 1000)),
        "{header:?}"
    );
    assert!(header.contains(&(8, 1)), "{header:?}");
    assert!(slap.data.starts_with(&[0xFF, 0xA0]));
    let image = ok(beder::interchange::wsq::decode(&slap.data));
    assert_eq!((image.width, image.height), (1608, 1000));
}

/// `beder` that must succeed (exit 0), its stderr shown otherwise.
fn beder_ok(args: &[&str]) -> std::process::Output {
    let out = beder(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn beder(args: &[&str]) -> std::process::Output {
    ok(Command::new(env!("CARGO_BIN_EXE_beder"))
        .args(["--lang", "en"])
        .args(args)
        .output())
}

/// `beder nist dump`: one JSON object, the records and their fields; a cut
/// or damaged file is one line and exit 2.
#[test]
fn nist_dump_prints_the_records_and_refuses_a_damaged_file() {
    let Some(files) = reference_files() else {
        return;
    };
    let Some(file) = files
        .iter()
        .find(|f| f.file_name().is_some_and(|n| n == "type-14-tpcard-nqm.an2"))
    else {
        panic!("type-14-tpcard-nqm.an2 absent")
    };
    let out = beder_ok(&["nist", "dump", &file.display().to_string()]);
    let value: serde_json::Value = ok(serde_json::from_slice(&out.stdout));
    let records = value["records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 16);
    assert_eq!(records[0]["type"], 1);
    assert!(records[0]["image_bytes"].is_null());
    assert!(records[2]["image_bytes"].as_u64().is_some_and(|n| n > 1000));
    assert_eq!(records[2]["fields"]["14.011"], "WSQ20");
    assert!(records[0]["fields"]["1.003"].is_array());

    let tmp = ok(tempfile::tempdir());
    let bytes = ok(std::fs::read(file));
    let cut = tmp.path().join("cut.an2");
    ok(std::fs::write(&cut, &bytes[..bytes.len() / 2]));
    let out = beder(&["nist", "dump", &cut.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cut short"), "{stderr}");
}

/// Each reference WSQ image with the independent decoder's PNG of it.
fn wsq_reference() -> Option<Vec<(PathBuf, PathBuf)>> {
    let files = shared_files("wsq", "wsq")?;
    Some(
        files
            .into_iter()
            .map(|p| (p.clone(), p.with_extension("png")))
            .filter(|(_, png)| png.is_file())
            .collect(),
    )
}

/// Every reference WSQ image decodes to the independent decoder's pixels
/// within two grey levels.
#[test]
fn wsq_reference_images_decode_within_two_grey_levels() {
    let Some(pairs) = wsq_reference() else {
        return;
    };
    assert!(!pairs.is_empty());
    for (wsq, png) in pairs {
        let decoded = beder::interchange::wsq::decode(&ok(std::fs::read(&wsq)))
            .unwrap_or_else(|e| panic!("{}: {e}", wsq.display()));
        let reference = ok(image::open(&png)).to_luma8();
        assert_eq!(
            (decoded.width, decoded.height),
            reference.dimensions(),
            "{}",
            wsq.display()
        );
        let mut worst = 0i32;
        let mut total = 0u64;
        let mut off = 0usize;
        for (a, b) in decoded.pixels.iter().zip(reference.as_raw()) {
            let d = (i32::from(*a) - i32::from(*b)).abs();
            worst = worst.max(d);
            total += d as u64;
            if d > 2 {
                off += 1;
            }
        }
        eprintln!(
            "{}: worst {worst}, mean {:.4}, {off} pixels off by more than 2",
            wsq.display(),
            total as f64 / decoded.pixels.len() as f64
        );
        assert!(worst <= 2, "{}: worst {worst}", wsq.display());
    }
}

/// A cut or damaged WSQ stream is an error, never a panic; `beder wsq
/// decode` writes an 8-bit grayscale PNG, and `beder extract` reads WSQ.
#[test]
fn damaged_wsq_streams_are_errors_and_the_commands_read_wsq() {
    let Some(pairs) = wsq_reference() else {
        return;
    };
    let Some((wsq, _)) = pairs.first() else {
        panic!("no reference WSQ")
    };
    let bytes = ok(std::fs::read(wsq));
    for cut in (0..bytes.len()).step_by(4999) {
        assert!(
            beder::interchange::wsq::decode(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    for i in (0..bytes.len()).step_by(2111) {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0xA5;
        let _ = beder::interchange::wsq::decode(&damaged);
    }
    // A frame that declares an absurd size is refused before decoding.
    let mut huge = bytes.clone();
    if let Some(at) = huge.windows(2).position(|w| w == [0xFF, 0xA2]) {
        // SOF: length (2), black, white, then height and width.
        huge[at + 6..at + 8].copy_from_slice(&60000u16.to_be_bytes());
        huge[at + 8..at + 10].copy_from_slice(&60000u16.to_be_bytes());
        assert!(matches!(
            beder::interchange::wsq::decode(&huge),
            Err(beder::interchange::wsq::WsqError::TooLarge { .. })
        ));
    }

    let tmp = ok(tempfile::tempdir());
    let png = tmp.path().join("decoded.png");
    beder_ok(&[
        "wsq",
        "decode",
        &wsq.display().to_string(),
        "--out",
        &png.display().to_string(),
    ]);
    let decoded = ok(image::open(&png));
    assert_eq!(decoded.color(), image::ColorType::L8);
    let cut = tmp.path().join("cut.wsq");
    ok(std::fs::write(&cut, &bytes[..bytes.len() / 2]));
    let out = beder(&[
        "wsq",
        "decode",
        &cut.display().to_string(),
        "--out",
        &png.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = beder_ok(&["extract", &wsq.display().to_string()]);
    let value: serde_json::Value = ok(serde_json::from_slice(&out.stdout));
    assert!(value["minutiae"].as_u64().is_some_and(|n| n > 20));
}

/// A real print after a WSQ round trip at 0.75 bit per pixel still gives
/// its minutiae (two UPEK prints once made the minutiae detector panic on
/// a point outside the image: vendor/fprint-mindtct/BEDER-PATCH.md).
#[test]
fn prints_after_a_wsq_round_trip_extract() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fingerprints/UPEK");
    if !root.is_dir() {
        eprintln!("skipped: {} is absent", root.display());
        return;
    }
    use beder::biometrics::image::{LoadPolicy, load_bytes, load_file};
    for name in ["3_8.png", "8_1.png"] {
        let image = ok(load_file(&root.join(name), 500, LoadPolicy::ANY_FINGER));
        let stream = ok(beder::interchange::wsq::encode(
            image.image.as_raw(),
            image.width(),
            image.height(),
            500,
            beder::interchange::wsq::DEFAULT_BITRATE,
        ));
        let back = ok(load_bytes(
            &stream,
            Path::new(name),
            500,
            LoadPolicy::ANY_FINGER,
        ));
        let template = ok(beder::biometrics::extract::extract(&back));
        assert!(template.minutiae.len() > 10, "{name}");
    }
}
