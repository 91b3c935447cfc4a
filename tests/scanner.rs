//! The simulator driven through the `Scanner` trait: a full ten-finger capture
//! in 4-4-2 slaps, events, cancellation, an unplugged scanner and its
//! recovery, each training scenario, and every kind of bad file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use beder::biometrics::image::ImageLoadError;
use beder::model::{FingerPosition, PalmPosition, Position, SlapPosition};
use beder::scanner::{
    CaptureEvent, CaptureRequest, DeviceStatus, FailureKind, Scanner, ScannerError, Scenario,
    SimulatedScanner,
};

const LIMIT: Duration = Duration::from_secs(30);

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/simulator")
}

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("unexpected error: {e:?}"))
}

fn scanner_with(person: &str) -> SimulatedScanner {
    let mut scanner = ok(SimulatedScanner::open(&assets()));
    let index = scanner
        .persons()
        .iter()
        .position(|p| p.name == person)
        .unwrap_or_else(|| panic!("no simulated person {person}"));
    assert!(scanner.present(index));
    scanner
}

/// A temporary simulator folder: one person with a few images copied from
/// the shipped normal person, and the given scenario.
fn temp_person(scenario: &Scenario, fingers: &[u8]) -> tempfile::TempDir {
    let root = ok(tempfile::tempdir());
    let dir = root.path().join("person");
    ok(std::fs::create_dir_all(&dir));
    for code in fingers {
        let name = format!("{code:02}_flat.png");
        ok(std::fs::copy(
            assets().join("01_normal").join(&name),
            dir.join(&name),
        ));
    }
    ok(std::fs::write(
        dir.join("scenario.toml"),
        ok(toml::to_string(scenario)),
    ));
    root
}

fn fast() -> Scenario {
    Scenario {
        capture_delay_ms: 20,
        preview_frames: 2,
        ..Scenario::default()
    }
}

fn file_image(person: &str, name: &str) -> image::GrayImage {
    ok(image::open(assets().join(person).join(name))).to_luma8()
}

#[test]
fn a_full_ten_finger_capture_in_slaps() {
    let mut scanner = scanner_with("01_normal");
    assert_eq!(scanner.status(), DeviceStatus::Ready);
    let mut seen = Vec::new();
    for slap in [
        SlapPosition::RightFour,
        SlapPosition::LeftFour,
        SlapPosition::BothThumbs,
    ] {
        let mut request = CaptureRequest::slap(slap, &[]);
        request.compose_slap = true;
        let result = ok(ok(scanner.capture(request)).wait(LIMIT));
        assert_eq!(result.images.len(), slap.fingers().len());
        let composed = result.slap.unwrap_or_else(|| panic!("no composed slap"));
        assert!(composed.width() >= result.images[0].image.width() * 2);
        for image in &result.images {
            assert_eq!(image.ppi, 500);
            assert!(image.image.width() > 100 && image.image.height() > 100);
            seen.push(image.position);
        }
    }
    seen.sort_by_key(|p| p.code());
    let all: Vec<Position> = FingerPosition::ALL
        .iter()
        .map(|f| Position::Finger(*f))
        .collect();
    assert_eq!(seen, all);
    assert_eq!(scanner.status(), DeviceStatus::Ready);
}

#[test]
fn a_capture_reports_previews_and_detection_before_its_result() {
    let root = temp_person(&fast(), &[2]);
    let mut scanner = ok(SimulatedScanner::open(root.path()));
    let handle = ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightIndex)));
    let mut events = Vec::new();
    let deadline = std::time::Instant::now() + LIMIT;
    loop {
        match handle.poll() {
            Some(CaptureEvent::Done(result)) => {
                assert_eq!(
                    result.images[0].position,
                    Position::Finger(FingerPosition::RightIndex)
                );
                events.push("done");
                break;
            }
            Some(CaptureEvent::Failed(e)) => panic!("failed: {e}"),
            Some(CaptureEvent::Preview(_)) => events.push("preview"),
            Some(CaptureEvent::FingerDetected) => events.push("detected"),
            None => {
                assert!(std::time::Instant::now() < deadline, "no result");
                std::thread::yield_now();
            }
        }
    }
    assert_eq!(events, ["preview", "preview", "detected", "done"]);
}

#[test]
fn a_capture_can_be_cancelled_and_the_next_one_works() {
    let slow = Scenario {
        capture_delay_ms: 60_000,
        ..fast()
    };
    let root = temp_person(&slow, &[1, 2]);
    let mut scanner = ok(SimulatedScanner::open(root.path()));
    let handle = ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightThumb)));
    assert!(matches!(
        scanner.capture(CaptureRequest::finger(FingerPosition::RightIndex)),
        Err(ScannerError::Busy)
    ));
    handle.cancel();
    let started = std::time::Instant::now();
    assert!(matches!(handle.wait(LIMIT), Err(ScannerError::Cancelled)));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "cancel is prompt"
    );
    assert_eq!(scanner.status(), DeviceStatus::Ready);
    // The device is free again (cancel this one too, it is slow).
    let again = ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightIndex)));
    again.cancel();
    assert!(matches!(again.wait(LIMIT), Err(ScannerError::Cancelled)));
}

#[test]
fn unplugged_mid_capture_then_reconnected_without_restart() {
    let unplugging = Scenario {
        fail_after_captures: Some(2),
        failure: FailureKind::Disconnect,
        ..fast()
    };
    let root = temp_person(&unplugging, &[1, 2, 3]);
    let mut scanner = ok(SimulatedScanner::open(root.path()));
    ok(ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightThumb))).wait(LIMIT));
    let second = ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightIndex)));
    assert!(matches!(
        second.wait(LIMIT),
        Err(ScannerError::NotConnected)
    ));
    assert_eq!(scanner.status(), DeviceStatus::Disconnected);
    assert!(matches!(
        scanner.capture(CaptureRequest::finger(FingerPosition::RightIndex)),
        Err(ScannerError::NotConnected)
    ));
    ok(scanner.reconnect());
    let result =
        ok(ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightIndex))).wait(LIMIT));
    assert_eq!(result.images.len(), 1);

    // A cable pulled by hand during a slow capture ends it at once.
    let slow = Scenario {
        capture_delay_ms: 60_000,
        ..fast()
    };
    let root = temp_person(&slow, &[1]);
    let mut scanner = ok(SimulatedScanner::open(root.path()));
    let handle = ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightThumb)));
    scanner.unplug();
    assert!(matches!(
        handle.wait(LIMIT),
        Err(ScannerError::NotConnected)
    ));
    ok(scanner.reconnect());
    assert_eq!(scanner.status(), DeviceStatus::Ready);
}

#[test]
fn timeouts_and_faults_are_typed_errors() {
    for (failure, check) in [
        (FailureKind::Timeout, "timeout"),
        (FailureKind::Fault, "fault"),
    ] {
        let scenario = Scenario {
            fail_after_captures: Some(1),
            failure,
            ..fast()
        };
        let root = temp_person(&scenario, &[1]);
        let mut scanner = ok(SimulatedScanner::open(root.path()));
        let result =
            ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightThumb))).wait(LIMIT);
        match (check, result) {
            ("timeout", Err(ScannerError::Timeout))
            | ("fault", Err(ScannerError::DeviceFault(_))) => {}
            (_, other) => panic!("{check}: {other:?}"),
        }
        // The device stays usable.
        ok(ok(scanner.capture(CaptureRequest::finger(FingerPosition::RightThumb))).wait(LIMIT));
    }
}

#[test]
fn an_amputated_finger_makes_a_short_slap_unless_excepted() {
    let mut scanner = scanner_with("03_amputated");
    let short = ok(scanner.capture(CaptureRequest::slap(SlapPosition::LeftFour, &[]))).wait(LIMIT);
    assert!(
        matches!(
            short,
            Err(ScannerError::WrongFingerCount {
                expected: 4,
                found: 3
            })
        ),
        "{short:?}"
    );
    let excepted = ok(ok(scanner.capture(CaptureRequest::slap(
        SlapPosition::LeftFour,
        &[FingerPosition::LeftRing],
    )))
    .wait(LIMIT));
    assert_eq!(excepted.images.len(), 3);
    assert!(
        excepted
            .images
            .iter()
            .all(|i| i.position != Position::Finger(FingerPosition::LeftRing))
    );
    let single = ok(scanner.capture(CaptureRequest::finger(FingerPosition::LeftRing))).wait(LIMIT);
    assert!(matches!(single, Err(ScannerError::NoFingerDetected)));
}

#[test]
fn swapped_hands_duplicated_finger_and_poor_first_impression() {
    let mut swapped = scanner_with("05_swapped_hands");
    let right_index =
        ok(ok(swapped.capture(CaptureRequest::finger(FingerPosition::RightIndex))).wait(LIMIT));
    assert_eq!(
        right_index.images[0].image,
        file_image("05_swapped_hands", "07_flat.png")
    );
    // Caught and told, the person puts the right hand at the next attempt.
    let again =
        ok(ok(swapped.capture(CaptureRequest::finger(FingerPosition::RightIndex))).wait(LIMIT));
    assert_eq!(
        again.images[0].image,
        file_image("05_swapped_hands", "02_flat_2.png")
    );

    let mut duplicate = scanner_with("08_duplicate_finger");
    let middle =
        ok(ok(duplicate.capture(CaptureRequest::finger(FingerPosition::RightMiddle))).wait(LIMIT));
    assert_eq!(
        middle.images[0].image,
        file_image("08_duplicate_finger", "02_flat.png")
    );

    let mut poor = scanner_with("02_poor_first");
    let first =
        ok(ok(poor.capture(CaptureRequest::finger(FingerPosition::RightIndex))).wait(LIMIT));
    assert_eq!(
        first.images[0].image,
        file_image("02_poor_first", "02_flat_poor.png")
    );
    let second =
        ok(ok(poor.capture(CaptureRequest::finger(FingerPosition::RightIndex))).wait(LIMIT));
    assert_eq!(
        second.images[0].image,
        file_image("02_poor_first", "02_flat_2.png")
    );
}

#[test]
fn palms_when_fingers_fail_and_nothing_when_palms_fail_too() {
    let mut palms = scanner_with("06_palms_only");
    let finger =
        ok(ok(palms.capture(CaptureRequest::finger(FingerPosition::RightThumb))).wait(LIMIT));
    assert_eq!(
        finger.images[0].image,
        file_image("06_palms_only", "01_flat_poor.png")
    );
    let palm = ok(ok(palms.capture(CaptureRequest::palm(PalmPosition::RightFull))).wait(LIMIT));
    assert!(palm.images[0].image.width() >= 800);

    let mut nothing = scanner_with("07_no_prints");
    let palm = ok(nothing.capture(CaptureRequest::palm(PalmPosition::LeftFull))).wait(LIMIT);
    assert!(matches!(palm, Err(ScannerError::NoFingerDetected)));
}

#[test]
fn persons_are_presented_by_choice_or_in_turn() {
    let mut scanner = ok(SimulatedScanner::open(&assets()));
    assert!(scanner.persons().len() >= 7);
    assert_eq!(scanner.presented().name, "01_normal");
    assert_eq!(scanner.present_next(), 1);
    assert_eq!(scanner.presented().name, "02_poor_first");
    assert!(!scanner.present(99));
    assert!(
        scanner
            .persons()
            .iter()
            .all(|p| !p.scenario.title.is_empty())
    );
}

/// CRC-32 (IEEE), to write PNG chunks by hand.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG that is only a header declaring `width`×`height` 8-bit grey pixels.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    out.extend_from_slice(&13u32.to_be_bytes());
    out.extend_from_slice(&ihdr);
    out.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    out
}

#[test]
fn every_bad_file_is_a_typed_error_never_a_panic() {
    let root = ok(tempfile::tempdir());
    let dir = root.path().join("bad");
    ok(std::fs::create_dir_all(&dir));
    ok(std::fs::write(
        dir.join("scenario.toml"),
        ok(toml::to_string(&fast())),
    ));
    // 1 not an image, 2 16-bit, 3 0×0, 4 a 50,000 × 50,000 bomb, 5 truncated,
    // 6 unreadable (a directory where the file should be), 7 colour,
    // 8 a JPEG cut at half (decoders fill the rest with grey and say
    // nothing).
    ok(std::fs::write(
        dir.join("01_flat.png"),
        b"this is not an image at all",
    ));
    let deep =
        image::ImageBuffer::<image::Luma<u16>, Vec<u16>>::from_pixel(64, 64, image::Luma([30_000]));
    ok(deep.save(dir.join("02_flat.png")));
    ok(std::fs::write(dir.join("03_flat.png"), png_header(0, 0)));
    ok(std::fs::write(
        dir.join("04_flat.png"),
        png_header(50_000, 50_000),
    ));
    let good = ok(std::fs::read(assets().join("01_normal/01_flat.png")));
    ok(std::fs::write(
        dir.join("05_flat.png"),
        &good[..good.len() / 3],
    ));
    ok(std::fs::create_dir_all(dir.join("06_flat.png")));
    let colour = image::RgbImage::from_pixel(64, 64, image::Rgb([200, 10, 10]));
    ok(colour.save(dir.join("07_flat.png")));
    let mut jpeg = Vec::new();
    ok(ok(image::open(assets().join("01_normal/01_flat.png")))
        .to_luma8()
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        ));
    ok(std::fs::write(
        dir.join("08_flat.png"),
        &jpeg[..jpeg.len() / 2],
    ));

    let mut scanner = ok(SimulatedScanner::open(root.path()));
    let mut capture = |code: u8| {
        let finger = FingerPosition::from_code(code).unwrap_or(FingerPosition::RightThumb);
        ok(scanner.capture(CaptureRequest::finger(finger))).wait(LIMIT)
    };
    let expect = |code: u8, result: Result<_, ScannerError>| match (code, result) {
        (1, Err(ScannerError::BadFile(ImageLoadError::NotAnImage { .. })))
        | (2, Err(ScannerError::BadFile(ImageLoadError::WrongBitDepth { .. })))
        | (3, Err(ScannerError::BadFile(ImageLoadError::Empty { .. })))
        | (4, Err(ScannerError::BadFile(ImageLoadError::TooLarge { .. })))
        | (5, Err(ScannerError::BadFile(ImageLoadError::Truncated { .. })))
        | (8, Err(ScannerError::BadFile(ImageLoadError::Truncated { .. })))
        | (6, Err(ScannerError::BadFile(ImageLoadError::Unreadable { .. })))
        | (7, Err(ScannerError::BadFile(ImageLoadError::WrongBitDepth { .. }))) => {}
        (code, other) => panic!("file {code}: {other:?}"),
    };
    for code in 1..=8 {
        expect(code, capture(code));
    }
    // The device is still fine after all that.
    assert_eq!(scanner.status(), DeviceStatus::Ready);
}

#[test]
fn a_folder_without_persons_or_with_a_bad_scenario_is_refused() {
    let empty = ok(tempfile::tempdir());
    assert!(matches!(
        SimulatedScanner::open(empty.path()),
        Err(ScannerError::DeviceFault(_))
    ));
    let bad = ok(tempfile::tempdir());
    ok(std::fs::create_dir_all(bad.path().join("p")));
    ok(std::fs::write(
        bad.path().join("p/scenario.toml"),
        "capture_delay_ms = 'soon'\nunknown = 1",
    ));
    assert!(matches!(
        SimulatedScanner::open(bad.path()),
        Err(ScannerError::DeviceFault(_))
    ));
    assert!(matches!(
        SimulatedScanner::open(&empty.path().join("missing")),
        Err(ScannerError::DeviceFault(_))
    ));
}
