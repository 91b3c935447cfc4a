//! The biometric pipeline: ISO/IEC 19794-2 codec, extraction, quality and its
//! monotonicity, 1:1 matching and the person-level decision, the sequence
//! check on the simulator's scenarios, and the calibrated threshold checked
//! against the real FVC impostor scores (when ../shared/fingerprints exists).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use beder::biometrics::extract::extract;
use beder::biometrics::image::{FingerImage, LoadPolicy, load_file};
use beder::biometrics::iso::{IsoError, decode, encode_2005, encode_2011};
use beder::biometrics::matcher::{Bozorth3, Matcher, SequenceIssue, sequence_check, verify_person};
use beder::biometrics::quality::{AttemptDecision, QualityPolicy, quality};
use beder::biometrics::template::{FingerTemplate, Minutia, MinutiaKind};
use beder::model::{FingerPosition, ImpressionKind, SlapPosition};
use beder::scanner::{CaptureRequest, Scanner, SimulatedScanner};
use proptest::prelude::*;

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("unexpected error: {e:?}"))
}

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/simulator")
}

fn image(person: &str, file: &str) -> FingerImage {
    ok(load_file(
        &assets().join(person).join(file),
        500,
        LoadPolicy::DEVICE_FINGER,
    ))
}

fn template(person: &str, file: &str) -> FingerTemplate {
    ok(extract(&image(person, file)))
}

fn minutia() -> impl Strategy<Value = Minutia> {
    (0u16..16384, 0u16..16384, any::<u8>(), 0u8..3, 0u8..=100).prop_map(
        |(x, y, angle, k, quality)| Minutia {
            x,
            y,
            angle,
            kind: [
                MinutiaKind::Other,
                MinutiaKind::RidgeEnding,
                MinutiaKind::Bifurcation,
            ][usize::from(k)],
            quality,
        },
    )
}

fn finger_template() -> impl Strategy<Value = FingerTemplate> {
    (
        1u16..16384,
        1u16..16384,
        prop_oneof![Just(500u16), Just(1000u16)],
        proptest::option::of(1u8..=10),
        any::<bool>(),
        0u8..=100,
        proptest::collection::vec(minutia(), 0..=255),
    )
        .prop_map(
            |(width, height, ppi, position, rolled, quality, minutiae)| FingerTemplate {
                width,
                height,
                ppi,
                position: position.and_then(FingerPosition::from_code),
                impression: if rolled {
                    ImpressionKind::Rolled
                } else {
                    ImpressionKind::Flat
                },
                quality,
                minutiae,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn iso_2011_round_trips(templates in proptest::collection::vec(finger_template(), 1..4)) {
        // What is read back is the template without near-duplicate
        // minutiae (reading removes them).
        let bytes = encode_2011(&templates).unwrap_or_default();
        let want: Vec<FingerTemplate> =
            templates.into_iter().map(FingerTemplate::without_near_duplicates).collect();
        prop_assert_eq!(decode(&bytes), Ok(want));
    }

    #[test]
    fn iso_2005_is_read_back(t in finger_template()) {
        let bytes = encode_2005(std::slice::from_ref(&t)).unwrap_or_default();
        prop_assert_eq!(decode(&bytes), Ok(vec![t.without_near_duplicates()]));
    }

    #[test]
    fn any_bytes_decode_to_an_answer_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = decode(&bytes);
        let mut framed = b"FMR\x00030\x00".to_vec();
        framed.extend_from_slice(&bytes);
        let _ = decode(&framed);
        let mut old = b"FMR\0 20\0".to_vec();
        old.extend_from_slice(&bytes);
        let _ = decode(&old);
    }

    #[test]
    fn damaged_records_give_errors_not_panics(
        t in finger_template(),
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let bytes = encode_2011(std::slice::from_ref(&t)).unwrap_or_default();
        let _ = decode(&bytes[..cut.index(bytes.len())]);
        let mut flipped = bytes.clone();
        for (at, value) in flips {
            let i = at.index(flipped.len());
            flipped[i] ^= value;
        }
        let _ = decode(&flipped);
    }
}

/// An extracted template says which minutiae are ridge endings and which
/// bifurcations, as MINDTCT found them, and its ISO record carries that to
/// the registry's matcher (type "other" for all would throw it away).
#[test]
fn extracted_minutiae_keep_their_type_through_the_iso_record() {
    let t = template("01_normal", "02_flat.png");
    let count = |kind: MinutiaKind| t.minutiae.iter().filter(|m| m.kind == kind).count();
    assert!(count(MinutiaKind::RidgeEnding) > 0, "no ridge endings");
    assert!(count(MinutiaKind::Bifurcation) > 0, "no bifurcations");
    assert_eq!(count(MinutiaKind::Other), 0);
    let back = ok(decode(&ok(encode_2011(std::slice::from_ref(&t))))).remove(0);
    let kinds = |t: &FingerTemplate| t.minutiae.iter().map(|m| m.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&back), kinds(&t.without_near_duplicates()));
}

#[test]
fn iso_errors_are_specific() {
    assert_eq!(decode(b"FIR\x00030\x00"), Err(IsoError::NotFmr));
    assert_eq!(
        decode(b"FMR\0999\0abcd"),
        Err(IsoError::UnsupportedVersion("999".into()))
    );
    assert!(matches!(
        decode(b"FMR\x00030\x00"),
        Err(IsoError::Truncated(_))
    ));
    let t = template("01_normal", "01_flat.png");
    let mut bytes = ok(encode_2011(std::slice::from_ref(&t)));
    let len = bytes.len();
    bytes.truncate(len - 10);
    assert!(matches!(decode(&bytes), Err(IsoError::BadLength { .. })));
    assert_eq!(encode_2011(&[]), Err(IsoError::Empty));
}

#[test]
fn a_template_over_the_records_limit_keeps_its_most_reliable_minutiae() {
    let t = template("01_normal", "01_flat.png");
    let mut too_many = t.clone();
    // 300 minutiae of qualities 0..=99, 3 of each: the 255 kept are the best.
    // (6 px apart: none is a near-duplicate of another.)
    too_many.minutiae = (0..300u16)
        .map(|i| Minutia {
            x: 10 + 5 * i,
            y: 20 + 3 * i,
            quality: (i % 100) as u8,
            ..t.minutiae[0]
        })
        .collect();
    for encoded in [
        ok(encode_2011(std::slice::from_ref(&too_many))),
        ok(encode_2005(std::slice::from_ref(&too_many))),
    ] {
        let back = ok(decode(&encoded)).swap_remove(0);
        assert_eq!(back.minutiae.len(), 255);
        let worst_kept = back.minutiae.iter().map(|m| m.quality).min();
        assert_eq!(
            worst_kept,
            Some(15),
            "300 - 255 = 45 dropped: qualities 0–14"
        );
        // The detector's order is kept.
        assert!(back.minutiae.windows(2).all(|w| w[0].x < w[1].x));
    }
}

#[test]
fn near_duplicate_minutiae_are_removed_when_a_record_is_read() {
    let t = template("01_normal", "01_flat.png");
    let mut piled = t.clone();
    // 20 copies of one point (a 412-s BOZORTH3 bomb before), and pairs 2 px
    // apart, among points 10 px apart.
    let base = t.minutiae[0];
    piled.minutiae = (0..20)
        .map(|_| Minutia {
            x: 100,
            y: 100,
            quality: 40,
            ..base
        })
        .chain((0..10u16).flat_map(|i| {
            [0u16, 2].map(|d| Minutia {
                x: 150 + 10 * i + d,
                y: 200,
                quality: if d == 0 { 30 } else { 60 },
                ..base
            })
        }))
        .collect();
    let back = ok(decode(&ok(encode_2011(std::slice::from_ref(&piled))))).swap_remove(0);
    // One of the pile, one of each pair: the more reliable one.
    assert_eq!(back.minutiae.len(), 11);
    assert_eq!(back.minutiae.iter().filter(|m| m.quality == 60).count(), 10);
}

#[test]
fn an_extracted_template_survives_iso_and_still_matches() {
    let a = template("01_normal", "02_flat.png");
    let b = template("01_normal", "02_flat_2.png");
    let a_back = ok(decode(&ok(encode_2011(std::slice::from_ref(&a))))).swap_remove(0);
    assert_eq!(a_back, a);
    assert_eq!(Bozorth3.compare(&a_back, &b), Bozorth3.compare(&a, &b));
}

#[test]
fn quality_separates_good_from_poor_impressions() {
    let policy = QualityPolicy::default();
    for file in ["01_flat.png", "02_flat.png", "07_flat.png"] {
        let img = image("02_poor_first", file);
        let q = quality(&img, ok(extract(&img)).minutiae.len());
        assert!(q.score >= 60, "{file}: {q:?}");
        assert_eq!(policy.decide(q.score, 1), AttemptDecision::Accept);
    }
    for file in ["02_flat_poor.png", "07_flat_poor.png"] {
        let img = image("02_poor_first", file);
        let q = quality(&img, ok(extract(&img)).minutiae.len());
        assert!(q.score < policy.recapture_below, "{file}: {q:?}");
    }
    assert_eq!(policy.decide(20, 1), AttemptDecision::Recapture);
    assert_eq!(policy.decide(20, 3), AttemptDecision::ForceCaptureBest);
}

fn shipped_images() -> &'static Vec<FingerImage> {
    static IMAGES: OnceLock<Vec<FingerImage>> = OnceLock::new();
    IMAGES.get_or_init(|| {
        [
            "01_flat.png",
            "04_flat_2.png",
            "06_flat.png",
            "09_flat_2.png",
            "10_flat.png",
        ]
        .iter()
        .map(|f| image("01_normal", f))
        .collect()
    })
}

fn score(img: &FingerImage) -> u8 {
    quality(img, extract(img).map(|t| t.minutiae.len()).unwrap_or(0)).score
}

fn blur(img: &FingerImage, sigma: f32) -> FingerImage {
    FingerImage {
        image: image::imageops::blur(&img.image, sigma),
        ppi: img.ppi,
    }
}

proptest! {
    // A fixed seed: CI runs the same twelve cases every time (a failure
    // found once must not come and go); a developer widens the search by
    // changing it.
    #![proptest_config(ProptestConfig {
        cases: 12,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x00be_de12),
        ..ProptestConfig::default()
    })]

    #[test]
    fn blurring_never_raises_quality(which in 0usize..5, sigma in 0.8f32..4.0) {
        let img = &shipped_images()[which];
        prop_assert!(score(&blur(img, sigma)) <= score(img));
    }

    /// Noise never raises quality beyond a point or two. Light noise over a
    /// blank background turns a few background blocks into texture that
    /// passes for ridges, and can let MINDTCT find a spurious minutia or two:
    /// found by this property (which = 1, amount = 11.5, 77 → 78); heavier
    /// noise only lowers the score.
    #[test]
    fn noise_never_raises_quality(which in 0usize..5, amount in 8.0f32..60.0, seed in any::<u64>()) {
        let img = &shipped_images()[which];
        prop_assert!(score(&noisy(img, amount, seed)) <= score(img) + NOISE_TOLERANCE);
    }

    /// Cropping never raises quality beyond a point or two: the score is
    /// an average over the print's blocks, and a crop that cuts away a
    /// weaker edge can lift it slightly — found by this property (which =
    /// 4, the crop at (0, 32) of 288 × 368: 86 → 87). A crop that made a
    /// print look clearly better would still fail.
    #[test]
    fn cropping_never_raises_quality(which in 0usize..5, left in 0u32..8, top in 0u32..8, w in 6u32..20, h in 6u32..24) {
        let img = &shipped_images()[which];
        let (x, y) = (left * 16, top * 16);
        let (cw, ch) = ((w * 16).min(img.width() - x), (h * 16).min(img.height() - y));
        let cropped = FingerImage {
            image: image::imageops::crop_imm(&img.image, x, y, cw, ch).to_image(),
            ppi: img.ppi,
        };
        let (crop, whole) = (score(&cropped), score(img));
        prop_assert!(crop <= whole + CROP_TOLERANCE, "{} against {}", crop, whole);
    }
}

/// How far a crop may lift the score (see the property).
const CROP_TOLERANCE: u8 = 2;

/// The score rates the ridges, not the sensor's size (issue #17): the same
/// good print seen through a 256 × 256 window — a small sensor, still more
/// than half FAP 10's area — scores within a tenth of the whole impression
/// and stays accepted. Summed over blocks, as it was, the score fell with
/// the window's area.
#[test]
fn a_good_print_on_a_small_sensor_scores_like_a_large_one() {
    let policy = QualityPolicy::default();
    for img in shipped_images() {
        let whole = score(img);
        let (x, y) = ((img.width() - 256) / 2, (img.height() - 256) / 2);
        let small = FingerImage {
            image: image::imageops::crop_imm(&img.image, x, y, 256, 256).to_image(),
            ppi: img.ppi,
        };
        let small = score(&small);
        assert!(
            f32::from(small) >= 0.9 * f32::from(whole),
            "{small} against {whole}"
        );
        assert_eq!(policy.decide(small, 1), AttemptDecision::Accept);
    }
}

/// A partial touch is still marked down: a quarter of FAP 10's area.
#[test]
fn a_partial_touch_scores_below_the_threshold() {
    let policy = QualityPolicy::default();
    for img in shipped_images() {
        let (x, y) = ((img.width() - 128) / 2, (img.height() - 160) / 2);
        let touch = FingerImage {
            image: image::imageops::crop_imm(&img.image, x, y, 128, 160).to_image(),
            ppi: img.ppi,
        };
        let q = score(&touch);
        assert!(q < policy.recapture_below, "{q} against {}", score(img));
    }
}

#[test]
fn same_finger_scores_above_the_threshold_and_other_fingers_below() {
    let threshold = Bozorth3.threshold();
    let mut genuine_above = 0;
    let mut impostor_above = 0;
    let persons = ["01_normal", "08_duplicate_finger"];
    let mut firsts = Vec::new();
    for person in persons {
        for code in 1..=10u8 {
            let a = template(person, &format!("{code:02}_flat.png"));
            let b = template(person, &format!("{code:02}_flat_2.png"));
            if Bozorth3.compare(&a, &b) >= threshold {
                genuine_above += 1;
            }
            firsts.push(a);
        }
    }
    for i in 0..firsts.len() {
        for j in i + 1..firsts.len() {
            if Bozorth3.compare(&firsts[i], &firsts[j]) >= threshold {
                impostor_above += 1;
            }
        }
    }
    assert!(
        genuine_above >= 18,
        "{genuine_above} of 20 genuine pairs accepted"
    );
    // Synthetic prints are somewhat easier to confuse than real ones (0 of
    // 11,520 real impostor pairs reach the threshold).
    assert!(
        impostor_above <= 2,
        "{impostor_above} of 190 impostor pairs accepted"
    );
}

#[test]
fn a_person_is_verified_with_his_own_fingers_only() {
    let fingers = [FingerPosition::RightIndex, FingerPosition::LeftIndex];
    let load = |person: &str, suffix: &str| -> Vec<(FingerPosition, FingerTemplate)> {
        fingers
            .iter()
            .map(|f| {
                (
                    *f,
                    template(person, &format!("{:02}_flat{suffix}.png", f.code())),
                )
            })
            .collect()
    };
    let enrolled = load("01_normal", "");
    let same = verify_person(&Bozorth3, &load("01_normal", "_2"), &enrolled);
    assert!(same.verified, "{same:?}");
    assert_eq!(same.comparable, 2);
    assert!(!same.scores.is_empty());
    let other = verify_person(&Bozorth3, &load("03_amputated", "_2"), &enrolled);
    assert!(!other.verified, "{other:?}");
    assert_eq!(other.scores.len(), 2, "a rejection compares every finger");
    assert!(!verify_person(&Bozorth3, &[], &enrolled).verified);
}

#[test]
fn a_ten_finger_verification_stops_once_the_decision_is_certain() {
    let person = |p: &str, suffix: &str| -> Vec<(FingerPosition, FingerTemplate)> {
        FingerPosition::ALL
            .iter()
            .map(|f| {
                (
                    *f,
                    template(p, &format!("{:02}_flat{suffix}.png", f.code())),
                )
            })
            .collect()
    };
    let enrolled = person("01_normal", "");
    let genuine = verify_person(&Bozorth3, &person("01_normal", "_2"), &enrolled);
    assert!(genuine.verified);
    assert_eq!(genuine.comparable, 10);
    assert!(
        genuine.scores.len() < 10,
        "stopped after {} fingers",
        genuine.scores.len()
    );
    let impostor = verify_person(&Bozorth3, &person("08_duplicate_finger", ""), &enrolled);
    assert!(!impostor.verified);
    assert_eq!(impostor.scores.len(), 10);
}

fn capture_templates(
    scanner: &mut SimulatedScanner,
    request: CaptureRequest,
) -> Vec<(FingerPosition, FingerTemplate)> {
    let result = ok(ok(scanner.capture(request)).wait(Duration::from_secs(30)));
    result
        .images
        .into_iter()
        .filter_map(|i| match i.position {
            beder::model::Position::Finger(f) => Some((
                f,
                ok(extract(&FingerImage {
                    image: i.image,
                    ppi: i.ppi,
                })),
            )),
            beder::model::Position::Palm(_) => None,
        })
        .collect()
}

fn scanner_with(person: &str) -> SimulatedScanner {
    let mut scanner = ok(SimulatedScanner::open(&assets()));
    let index = scanner
        .persons()
        .iter()
        .position(|p| p.name == person)
        .unwrap_or(0);
    scanner.present(index);
    scanner
}

/// Both matchers, each at its own sequence factor (the desk uses `mcc`).
const SEQUENCE_MATCHERS: [&dyn Matcher; 2] = [&Bozorth3, &beder::biometrics::mcc::Mcc];

#[test]
fn the_sequence_check_catches_a_duplicated_finger() {
    let mut scanner = scanner_with("08_duplicate_finger");
    let first = capture_templates(
        &mut scanner,
        CaptureRequest::finger(FingerPosition::RightIndex),
    );
    let second = capture_templates(
        &mut scanner,
        CaptureRequest::finger(FingerPosition::RightMiddle),
    );
    let captured: Vec<(FingerPosition, &FingerTemplate)> =
        first.iter().map(|(p, t)| (*p, t)).collect();
    let new: Vec<(FingerPosition, &FingerTemplate)> = second.iter().map(|(p, t)| (*p, t)).collect();
    for matcher in SEQUENCE_MATCHERS {
        let issues = sequence_check(matcher, &captured, &new);
        assert!(
            matches!(
                issues.as_slice(),
                [SequenceIssue::SameFingerTwice {
                    first: FingerPosition::RightIndex,
                    second: FingerPosition::RightMiddle,
                    ..
                }]
            ),
            "{}: {issues:?}",
            matcher.name()
        );
    }
    // A normal person passes.
    let mut normal = scanner_with("01_normal");
    let a = capture_templates(
        &mut normal,
        CaptureRequest::finger(FingerPosition::RightIndex),
    );
    let b = capture_templates(
        &mut normal,
        CaptureRequest::finger(FingerPosition::RightMiddle),
    );
    let captured: Vec<_> = a.iter().map(|(p, t)| (*p, t)).collect();
    let new: Vec<_> = b.iter().map(|(p, t)| (*p, t)).collect();
    for matcher in SEQUENCE_MATCHERS {
        let issues = sequence_check(matcher, &captured, &new);
        assert!(issues.is_empty(), "{}: {issues:?}", matcher.name());
    }
}

#[test]
fn the_sequence_check_catches_swapped_hands_in_slaps() {
    let mut scanner = scanner_with("05_swapped_hands");
    let right = capture_templates(
        &mut scanner,
        CaptureRequest::slap(SlapPosition::RightFour, &[]),
    );
    let left = capture_templates(
        &mut scanner,
        CaptureRequest::slap(SlapPosition::LeftFour, &[]),
    );
    let captured: Vec<_> = right.iter().map(|(p, t)| (*p, t)).collect();
    let new: Vec<_> = left.iter().map(|(p, t)| (*p, t)).collect();
    for matcher in SEQUENCE_MATCHERS {
        let issues = sequence_check(matcher, &captured, &new);
        assert!(
            issues
                .iter()
                .any(|i| matches!(i, SequenceIssue::HandsSwapped { pairs } if pairs.len() >= 3)),
            "{}: {issues:?}",
            matcher.name()
        );
    }
    // A normal person's two slaps pass.
    let mut normal = scanner_with("01_normal");
    let right = capture_templates(
        &mut normal,
        CaptureRequest::slap(SlapPosition::RightFour, &[]),
    );
    let left = capture_templates(
        &mut normal,
        CaptureRequest::slap(SlapPosition::LeftFour, &[]),
    );
    let captured: Vec<_> = right.iter().map(|(p, t)| (*p, t)).collect();
    let new: Vec<_> = left.iter().map(|(p, t)| (*p, t)).collect();
    for matcher in SEQUENCE_MATCHERS {
        let issues = sequence_check(matcher, &captured, &new);
        assert!(issues.is_empty(), "{}: {issues:?}", matcher.name());
    }
}

/// The development sets: FVC-style folders under ../shared/fingerprints,
/// and the EER (%) `mcc` reaches on each with Beder's extraction. A
/// change may improve these (then lower them here); it may not make one
/// worse by a genuine pair or more. (The shorter Gabor envelope raised
/// three by one or two pairs, on purpose: it lowered the FNMR at the
/// desk's threshold on every set, 133 → 116 pooled; README, "Biometrics".
/// The common-area floor at half the sparser print raised FVC2000 DB3 by
/// less than a genuine pair, 1.43 → 1.71, and lowered three others.)
const DEVELOPMENT_SETS: [(&str, f64); 5] = [
    ("FVC2002_DB1_B", 1.78),
    ("FVC2000_DB1_B", 1.73),
    ("FVC2000_DB2_B", 1.14),
    ("FVC2000_DB3_B", 1.71),
    ("UPEK", 0.00),
];

/// Another vendor's ISO/IEC 19794-2 templates of the FVC2002 sets, and
/// the EER (%) `mcc` reaches on each.
const TEMPLATE_SETS: [(&str, f64); 4] = [
    ("FVC2002_DB1_B", 2.15),
    ("FVC2002_DB2_B", 1.41),
    ("FVC2002_DB3_B", 5.07),
    ("FVC2002_DB4_B", 0.77),
];

fn shared_fingerprints() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fingerprints");
    if root.is_dir() {
        Some(root)
    } else {
        eprintln!("skipped: {} is absent", root.display());
        None
    }
}

/// The development sets evaluated with a matcher (each matcher once per
/// test run: the tests that need `mcc`'s share one evaluation).
fn evaluated(matcher: &dyn Matcher) -> Vec<beder::biometrics::eval::SetResult> {
    use beder::biometrics::eval::SetResult;
    static MCC: OnceLock<Vec<SetResult>> = OnceLock::new();
    let run = || {
        let Some(root) = shared_fingerprints() else {
            return Vec::new();
        };
        DEVELOPMENT_SETS
            .iter()
            .map(|(set, _)| {
                // With `mcc`, Beder's quality too, for the error-versus-
                // discard test.
                let options = beder::biometrics::eval::EvalOptions {
                    edc: matcher.name() == "mcc",
                    worst: 0,
                };
                ok(beder::biometrics::eval::evaluate_set(
                    &root.join(set),
                    matcher,
                    options,
                    |_, _| {},
                ))
            })
            .collect()
    };
    if matcher.name() == "mcc" {
        MCC.get_or_init(run).clone()
    } else {
        run()
    }
}

/// The real sets' scores, pooled: (genuine, impostor within the sets,
/// impostor across them); `None` when ../shared/fingerprints is absent
/// (real images are never shipped).
fn real_scores(matcher: &dyn Matcher) -> Option<(Vec<f32>, Vec<f32>, Vec<f32>)> {
    shared_fingerprints()?;
    let results = evaluated(matcher);
    let across = beder::biometrics::eval::cross_set_impostors(&results, matcher);
    assert_eq!(across.len(), CROSS_SET_IMPOSTORS, "pairs across the sets");
    let mut impostor = Vec::new();
    let mut genuine = Vec::new();
    for r in results {
        // The FVC protocol: every pair of a finger's impressions, every
        // pair of different fingers.
        let (fingers, impressions) = if r.set == "UPEK" { (16, 8) } else { (10, 8) };
        let n = fingers * impressions;
        let genuine_pairs = fingers * impressions * (impressions - 1) / 2;
        assert_eq!(
            (r.genuine, r.impostor),
            (genuine_pairs, n * (n - 1) / 2 - genuine_pairs),
            "{}",
            r.set
        );
        impostor.extend(r.impostor_scores);
        genuine.extend(r.genuine_scores);
    }
    Some((genuine, impostor, across))
}

/// Each development set's EER holds within one genuine pair of the figure
/// recorded in `DEVELOPMENT_SETS`, and so does each template set's.
#[test]
fn development_set_error_rates_hold_within_one_genuine_pair() {
    let Some(root) = shared_fingerprints() else {
        return;
    };
    let mcc = beder::biometrics::mcc::Mcc;
    let template_root = root.join("templates-secugen");
    let mut results = evaluated(&mcc);
    for (set, _) in TEMPLATE_SETS {
        results.push(ok(beder::biometrics::eval::evaluate_set(
            &template_root.join(set),
            &mcc,
            Default::default(),
            |_, _| {},
        )));
    }
    let recorded = DEVELOPMENT_SETS.iter().chain(TEMPLATE_SETS.iter());
    assert_eq!(results.len(), DEVELOPMENT_SETS.len() + TEMPLATE_SETS.len());
    for (r, (set, recorded)) in results.iter().zip(recorded) {
        assert_eq!(&r.set, set);
        let recorded = *recorded;
        let dir = format!("{set} ({:?})", r.source);
        let one_pair = 100.0 / r.genuine as f64;
        eprintln!("{dir}: EER {:.2} % (recorded {recorded:.2})", r.eer_percent);
        assert!(
            r.eer_percent < recorded + one_pair,
            "{dir}: EER {:.2} %, recorded {recorded:.2} %",
            r.eer_percent
        );
    }
}

/// Another vendor's ISO/IEC 19794-2 template of an image against ours of
/// the same image (FVC2002 DB1): one finger to `mcc`, at the desk's
/// threshold, because both point their minutiae the way the standard does.
/// With Beder's old directions (MINDTCT's NIST-internal form, half a turn
/// off) none of the 80 same-image pairs matched, and every pair of other
/// impressions of the finger failed too.
#[test]
fn our_templates_match_another_vendors_templates_of_the_same_finger() {
    let Some(root) = shared_fingerprints() else {
        return;
    };
    let mcc = beder::biometrics::mcc::Mcc;
    let results = evaluated(&mcc);
    let ours = ok(results
        .iter()
        .find(|r| r.set == "FVC2002_DB1_B")
        .ok_or("FVC2002_DB1_B"));
    let theirs_dir = root.join("templates-secugen/FVC2002_DB1_B");
    // The vendor resized every image to 300 × 400 before extracting
    // (../shared/fingerprints/README.md): undone, coordinates and
    // directions, so that both templates are of one image.
    let theirs: Vec<FingerTemplate> = ours
        .members
        .iter()
        .zip(&ours.templates)
        .map(|(member, mine)| {
            let name = format!("{}_{}.iso", member.finger, member.impression);
            let mut t = ok(decode(&ok(std::fs::read(theirs_dir.join(name))))).remove(0);
            let sx = f32::from(mine.width) / f32::from(t.width);
            let sy = f32::from(mine.height) / f32::from(t.height);
            (t.width, t.height) = (mine.width, mine.height);
            for m in &mut t.minutiae {
                m.x = (f32::from(m.x) * sx).round() as u16;
                m.y = (f32::from(m.y) * sy).round() as u16;
                let a = m.radians();
                let turned = (a.sin() * sy).atan2(a.cos() * sx);
                m.angle = (turned.rem_euclid(std::f32::consts::TAU) / std::f32::consts::TAU * 256.0)
                    .round() as u32 as u8;
            }
            t
        })
        .collect();
    let threshold = mcc.threshold();
    let theirs: Vec<_> = theirs.iter().map(|t| mcc.prepare(t)).collect();
    let (mut same_image, mut same_finger, mut other_fingers) = ([0, 0], [0, 0], [0, 0]);
    for (i, (a, mine)) in ours.members.iter().zip(&ours.templates).enumerate() {
        let mine = mcc.prepare(mine);
        for (j, (b, other)) in ours.members.iter().zip(&theirs).enumerate() {
            let accepted = mcc.compare_prepared(&mine, other) >= threshold;
            let tally = if i == j {
                &mut same_image
            } else if a.finger == b.finger {
                &mut same_finger
            } else {
                &mut other_fingers
            };
            tally[usize::from(accepted)] += 1;
        }
    }
    eprintln!(
        "ours × theirs accepted: same image {}/80, other impressions {}/560, other fingers {}/5760",
        same_image[1], same_finger[1], other_fingers[1]
    );
    assert_eq!(same_image, [0, 80], "every image is its own finger");
    // Across two extractors the other impressions fare worse than within
    // one: 500 of 560 accepted when measured (with the old directions,
    // none); held within ten pairs.
    assert!(same_finger[1] >= 490, "{same_finger:?}");
    assert_eq!(other_fingers[1], 0, "no other finger is taken for it");
}

/// NIST's NFIQ 2 on the development sets, pooled (README, "Quality";
/// `tools/nfiq2_scores.py`): the FNMR % at `mcc`'s threshold after
/// discarding 5, 10 and 20 % of the genuine pairs by it. They depend on
/// `mcc`'s scores and threshold: measured again whenever those change
/// (`beder eval … --edc --edc-reference`).
const NFIQ2_POOLED_EDC: [(&str, f64); 3] = [("5", 6.10), ("10", 5.33), ("20", 4.58)];

/// Issue #17's quality target: discarding the lowest-quality genuine pairs
/// by Beder's quality lowers the FNMR at least as much as discarding by
/// NFIQ 2, pooled over the development sets; and the score rates ridges,
/// not sensor area: the 300 × 300 sensor's median print scores within a
/// tenth of the 388 × 374 sensor's (the sum over blocks gave 27 against 49).
#[test]
fn quality_discards_failing_pairs_as_well_as_nfiq2_and_ignores_sensor_area() {
    use beder::biometrics::eval::{edc, pairs_by_quality};
    if shared_fingerprints().is_none() {
        return;
    }
    let mcc = beder::biometrics::mcc::Mcc;
    let results = evaluated(&mcc);
    let mut pooled = Vec::new();
    for r in &results {
        pooled.extend(ok(pairs_by_quality(&r.genuine_all, |i| {
            r.qualities.get(i).copied()
        })
        .ok_or("a member without quality")));
    }
    let curve = edc(&pooled, mcc.threshold());
    for (share, nfiq2) in NFIQ2_POOLED_EDC {
        let ours = curve[share];
        eprintln!("discard {share} %: FNMR {ours:.2} % (NFIQ 2 {nfiq2:.2} %)");
        assert!(
            ours <= nfiq2,
            "discard {share} %: {ours:.2} % against NFIQ 2's {nfiq2:.2} %"
        );
    }
    let median = |set: &str| {
        let r = results.iter().find(|r| r.set == set).map(|r| {
            let mut q = r.qualities.clone();
            q.sort_unstable();
            f64::from(q[q.len() / 2])
        });
        ok(r.ok_or("the set was evaluated"))
    };
    let (small, large) = (median("FVC2000_DB1_B"), median("FVC2002_DB1_B"));
    assert!(
        small >= 0.9 * large,
        "300 × 300: {small}, 388 × 374: {large}"
    );
}

/// Impostor pairs across the development sets: every print of one set
/// against every print of another (79,360 pairs), less the 3,840 pairs of
/// the same finger number in two FVC sets (FVC2000's DB1 and DB2 hold the
/// same ten fingers).
const CROSS_SET_IMPOSTORS: usize = 75_520;

/// Each matcher's threshold holds its stated false-match rate (1 in
/// 10,000) on the impostor scores of the development sets: on the 19,200
/// pairs of different fingers within the sets (the hardest: two fingers
/// of one person are among them), and on those pooled with the 75,520
/// pairs across the sets (enough that the rate rests on several pairs);
/// and it is not needlessly high.
fn threshold_holds(matcher: &dyn Matcher, step_down: f32) {
    let Some((genuine, within, across)) = real_scores(matcher) else {
        return;
    };
    let threshold = matcher.threshold();
    let within_point =
        beder::biometrics::eval::pooled_point(&genuine, &within, threshold, matcher.stated_fmr());
    assert!(
        within_point.accepted as f64 / within_point.impostor as f64 <= matcher.stated_fmr(),
        "within the sets: {} of {} impostor pairs reach {threshold}",
        within_point.accepted,
        within_point.impostor
    );
    let impostor: Vec<f32> = within.iter().chain(&across).copied().collect();
    let point =
        beder::biometrics::eval::pooled_point(&genuine, &impostor, threshold, matcher.stated_fmr());
    let fmr = point.accepted as f64 / point.impostor as f64;
    let fnmr = point.rejected as f64 / point.genuine as f64;
    eprintln!(
        "{} threshold {threshold}: FMR {}/{} = {fmr:.2e}, FNMR {:.1} %, top impostors {:?}",
        matcher.name(),
        point.accepted,
        point.impostor,
        fnmr * 100.0,
        point.top_impostors
    );
    assert!(
        fmr <= matcher.stated_fmr(),
        "FMR {fmr} above the stated {}",
        matcher.stated_fmr()
    );
    // …and a step lower already lets impostors through.
    let lower = impostor
        .iter()
        .filter(|s| **s >= threshold - step_down)
        .count();
    assert!(
        lower >= 2,
        "threshold could be lower: {lower} impostors at {}",
        threshold - step_down
    );
}

#[test]
fn the_bozorth3_threshold_holds_its_stated_fmr_on_the_real_sets() {
    threshold_holds(&Bozorth3, 5.0);
}

#[test]
fn the_mcc_threshold_holds_its_stated_fmr_on_the_real_sets() {
    threshold_holds(&beder::biometrics::mcc::Mcc, 0.01);
}

/// The desk's operating point, pooled over the development sets: genuine
/// pairs below `mcc`'s threshold (README, "Biometrics"; 106 of 1,568 with
/// the threshold 0.077; 116 before the common-area floor at half the
/// sparser print). The EERs can improve while this gets worse (a
/// change that lifts a few look-alike impostor pairs moves the threshold
/// up); a change may lower it (then lower it here), never raise it.
const DESK_REJECTED_GENUINE: usize = 106;

#[test]
fn the_desks_pooled_fnmr_at_its_threshold_does_not_grow() {
    let mcc = beder::biometrics::mcc::Mcc;
    let Some((genuine, within, across)) = real_scores(&mcc) else {
        return;
    };
    let impostor: Vec<f32> = within.iter().chain(&across).copied().collect();
    let point = beder::biometrics::eval::pooled_point(
        &genuine,
        &impostor,
        mcc.threshold(),
        mcc.stated_fmr(),
    );
    eprintln!(
        "at {}: {} of {} genuine pairs rejected, {} of {} impostor pairs accepted",
        mcc.threshold(),
        point.rejected,
        point.genuine,
        point.accepted,
        point.impostor
    );
    assert!(
        point.rejected <= DESK_REJECTED_GENUINE,
        "{} genuine pairs rejected, recorded {DESK_REJECTED_GENUINE}",
        point.rejected
    );
    // The threshold lies above what the stated rate asks of it.
    assert!(point.must_exceed.is_some_and(|s| s < mcc.threshold()));
}

/// The image turned by `degrees` about its centre (bilinear, background
/// white), as a finger placed askew on the scanner.
fn rotated(img: &FingerImage, degrees: f32) -> FingerImage {
    let (w, h) = (img.image.width(), img.image.height());
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let out = image::GrayImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let (sx, sy) = (cx + cos * dx + sin * dy, cy - sin * dx + cos * dy);
        if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
            return image::Luma([255]);
        }
        let (x0, y0) = (sx.floor() as u32, sy.floor() as u32);
        let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
        let p = |x: u32, y: u32| f32::from(img.image.get_pixel(x, y).0[0]);
        let v = p(x0, y0) * (1.0 - fx) * (1.0 - fy)
            + p(x0 + 1, y0) * fx * (1.0 - fy)
            + p(x0, y0 + 1) * (1.0 - fx) * fy
            + p(x0 + 1, y0 + 1) * fx * fy;
        image::Luma([v.round() as u8])
    });
    FingerImage {
        image: out,
        ppi: img.ppi,
    }
}

/// A print turned by 10–20° still matches; another finger turned the same
/// way still does not.
#[test]
fn the_mcc_matcher_survives_rotation() {
    let mcc = beder::biometrics::mcc::Mcc;
    let first = template("01_normal", "02_flat.png");
    let other = template("01_normal", "07_flat.png");
    let second = image("01_normal", "02_flat_2.png");
    for degrees in [-20.0, -10.0, 10.0, 15.0, 20.0] {
        let turned = ok(extract(&rotated(&second, degrees)));
        let genuine = mcc.compare(&first, &turned);
        assert!(
            genuine >= mcc.threshold(),
            "turned {degrees}°: {genuine} below {}",
            mcc.threshold()
        );
        let impostor = mcc.compare(&other, &turned);
        assert!(
            impostor < mcc.threshold(),
            "turned {degrees}°: impostor {impostor}"
        );
    }
    // Prepared descriptors give the same score as a direct comparison.
    let (a, b) = (mcc.prepare(&first), mcc.prepare(&other));
    assert_eq!(mcc.compare_prepared(&a, &b), mcc.compare(&first, &other));
}

/// Quality points that light noise may add (see the noise property).
const NOISE_TOLERANCE: u8 = 3;

fn noisy(img: &FingerImage, amount: f32, seed: u64) -> FingerImage {
    let mut rng = beder::biometrics::synth::Rng::new(seed);
    FingerImage {
        image: image::GrayImage::from_fn(img.width(), img.height(), |x, y| {
            let v = f32::from(img.image.get_pixel(x, y)[0]) + rng.normal() * amount;
            image::Luma([v.clamp(0.0, 255.0) as u8])
        }),
        ppi: img.ppi,
    }
}

/// The case the noise property once failed on, and heavier noise on the
/// same print: within the tolerance, then lower.
#[test]
fn noise_regression_case_stays_within_the_tolerance() {
    let img = &shipped_images()[1];
    let clean = score(img);
    let light = score(&noisy(img, 11.536_815, 15_642_881_157_510_742_014));
    assert!(light <= clean + NOISE_TOLERANCE, "{light} against {clean}");
    let heavy = score(&noisy(img, 50.0, 15_642_881_157_510_742_014));
    assert!(heavy < clean, "{heavy} against {clean}");
}

/// The print with its contrast scaled by `contrast` around its mean grey.
fn faint(img: &FingerImage, contrast: f32) -> FingerImage {
    let n = (img.width() * img.height()).max(1) as f32;
    let mean = img.image.pixels().map(|p| f32::from(p[0])).sum::<f32>() / n;
    FingerImage {
        image: image::GrayImage::from_fn(img.width(), img.height(), |x, y| {
            let v = mean + contrast * (f32::from(img.image.get_pixel(x, y)[0]) - mean);
            image::Luma([v.round().clamp(0.0, 255.0) as u8])
        }),
        ppi: img.ppi,
    }
}

/// A faint sensor (ridges a few grey levels deep) still yields a print
/// that the desk accepts, scored no higher than the clear one: quality's
/// foreground once asked every block for a standard deviation of 10 grey
/// levels, and such a print scored 0.
#[test]
fn a_faint_print_is_scored_not_refused() {
    let policy = QualityPolicy::default();
    for img in shipped_images() {
        let (clear, dim) = (score(img), score(&faint(img, 0.15)));
        assert!(dim >= policy.recapture_below, "{dim} (clear {clear})");
        assert!(dim <= clear + NOISE_TOLERANCE, "{dim} against {clear}");
    }
}
