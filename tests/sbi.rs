//! The SBI client against Beder's own SBI device, over real loopback HTTP:
//! a slap with a finger excepted, a busy device, a timeout, the service
//! killed mid-capture and plugged back, a malformed body, a broken hash
//! chain, an unregistered device at a live desk.

mod common;

use std::path::Path;
use std::time::Duration;

use beder::model::{FingerPosition, Position, SlapPosition};
use beder::scanner::sbi::client::{self, SbiCamera, SbiPolicy, SbiScanner};
use beder::scanner::sbi::device::{DeviceOptions, Fault, SbiDevice};
use beder::scanner::{
    CaptureRequest, FailureKind, Scanner, ScannerError, Scenario, SimulatedScanner, write_person,
};
use common::ok;

/// One synthetic person under `root` (the simulator's folder layout).
fn person(root: &Path, scenario: Scenario) -> SimulatedScanner {
    ok(write_person(
        &root.join("p01"),
        7,
        1,
        1,
        false,
        Some(&scenario),
    ));
    ok(SimulatedScanner::open(root))
}

fn quick() -> Scenario {
    Scenario {
        capture_delay_ms: 10,
        preview_frames: 0,
        ..Scenario::default()
    }
}

/// A registered device's options: signed with its own certificate (a test
/// fixture), not the training room's demonstration one.
fn registered() -> DeviceOptions {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
    DeviceOptions {
        key_pem: Some((
            ok(std::fs::read_to_string(format!(
                "{data}sbi-test-device.key"
            ))),
            ok(std::fs::read_to_string(format!(
                "{data}sbi-test-device.crt"
            ))),
        )),
        ..DeviceOptions::default()
    }
}

fn training() -> SbiPolicy {
    SbiPolicy {
        allow_developer_devices: true,
        ..SbiPolicy::default()
    }
}

fn device(scenario: Scenario, options: DeviceOptions) -> (tempfile::TempDir, SbiDevice) {
    let dir = ok(tempfile::tempdir());
    let scanner = person(dir.path(), scenario);
    let device = ok(SbiDevice::start(scanner, options));
    (dir, device)
}

/// The device's own answer, asked now (the scanner's `status()` is the
/// watcher's last look).
fn is_busy(port: u16) -> bool {
    client::device_info(port, "Finger", None, Duration::from_secs(2))
        .is_ok_and(|i| i.status == beder::scanner::DeviceStatus::Busy)
}

fn right_slap_without_ring() -> CaptureRequest {
    let mut request = CaptureRequest::slap(SlapPosition::RightFour, &[FingerPosition::RightRing]);
    request.timeout = Duration::from_secs(10);
    request
}

#[test]
fn a_slap_with_one_finger_excepted_arrives_whole_signed_and_pixel_exact() {
    // Half a second on the platen: what a person takes, and time for the
    // preview.
    let placed = Scenario {
        capture_delay_ms: 500,
        ..quick()
    };
    let (dir, device) = device(placed, registered());
    let found = client::discover(device.port()..=device.port());
    let kinds: Vec<&str> = found.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(kinds, ["Finger", "Face"], "one service, two devices");
    assert_eq!(found[0].status, "Ready");
    assert_eq!(found[0].sub_ids, vec![1, 2, 3]);
    let mut scanner = ok(SbiScanner::connect(device.port(), SbiPolicy::default()));
    assert!(
        scanner
            .signer()
            .is_some_and(|s| s.contains("Test registered SBI device")),
        "the certificate's subject is shown"
    );
    // The live preview (STREAM) arrives while the fingers are placed.
    let handle = ok(scanner.capture(right_slap_without_ring()));
    let mut previews = 0;
    let result = loop {
        match handle.next_event(Duration::from_secs(20)) {
            Some(beder::scanner::CaptureEvent::Preview(frame)) => {
                assert!(frame.width() > 0);
                previews += 1;
            }
            Some(beder::scanner::CaptureEvent::Done(result)) => break result,
            Some(beder::scanner::CaptureEvent::Failed(e)) => panic!("{e:?}"),
            Some(_) => {}
            None => panic!("no end to the capture"),
        }
    };
    assert!(previews > 0, "no preview frame");
    let positions: Vec<Position> = result.images.iter().map(|i| i.position).collect();
    assert_eq!(
        positions,
        [
            FingerPosition::RightIndex,
            FingerPosition::RightMiddle,
            FingerPosition::RightLittle
        ]
        .map(Position::Finger)
    );
    // The same slap straight from the simulator: the pixels crossed JPEG
    // 2000 and ISO/IEC 19794-4 unchanged (lossless).
    let mut direct = ok(SimulatedScanner::open(dir.path()));
    let direct = ok(ok(direct.capture(right_slap_without_ring())).wait(Duration::from_secs(20)));
    for (sbi, own) in result.images.iter().zip(&direct.images) {
        assert_eq!(sbi.position, own.position);
        assert!(sbi.image == own.image, "{:?}: pixels changed", sbi.position);
        assert_eq!(sbi.ppi, 500);
        assert!(sbi.device_quality.is_some(), "the device's score is kept");
    }
    // A second capture continues the hash chain.
    let again = ok(scanner.capture(right_slap_without_ring())).wait(Duration::from_secs(20));
    assert!(again.is_ok(), "{again:?}");
    device.stop();
}

#[test]
fn a_device_busy_with_another_capture_says_so() {
    let slow = Scenario {
        capture_delay_ms: 1_500,
        ..quick()
    };
    let (_dir, device) = device(slow, registered());
    let mut first = ok(SbiScanner::connect(device.port(), SbiPolicy::default()));
    let mut second = ok(SbiScanner::connect(device.port(), SbiPolicy::default()));
    let running = ok(first.capture(right_slap_without_ring()));
    // The first capture is under way once the device reports Busy (its
    // scenario holds it for 1.5 s).
    let mut asked = 0;
    while !is_busy(device.port()) {
        asked += 1;
        assert!(asked < 10_000, "the device never became busy");
    }
    let refused = ok(second.capture(right_slap_without_ring())).wait(Duration::from_secs(20));
    assert!(matches!(refused, Err(ScannerError::Busy)), "{refused:?}");
    assert!(running.wait(Duration::from_secs(20)).is_ok());
}

#[test]
fn a_device_that_times_out_gives_a_timeout_and_the_next_capture_works() {
    let timing_out = Scenario {
        fail_after_captures: Some(1),
        failure: FailureKind::Timeout,
        ..quick()
    };
    let (_dir, device) = device(timing_out, registered());
    let mut scanner = ok(SbiScanner::connect(device.port(), SbiPolicy::default()));
    let mut short = right_slap_without_ring();
    short.timeout = Duration::from_secs(1);
    let first = ok(scanner.capture(short)).wait(Duration::from_secs(20));
    assert!(matches!(first, Err(ScannerError::Timeout)), "{first:?}");
    let second = ok(scanner.capture(right_slap_without_ring())).wait(Duration::from_secs(20));
    assert!(second.is_ok(), "{second:?}");
}

/// `beder sbi-device` serving `dir` as a child process, and its port.
fn spawn_device(dir: &Path, port: Option<u16>) -> (std::process::Child, u16) {
    use std::io::BufRead;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_beder"));
    command.args(["sbi-device", "--person", ok(dir.to_str().ok_or("dir"))]);
    if let Some(port) = port {
        command.args(["--port", &port.to_string()]);
    }
    let mut child = ok(command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn());
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut line = String::new();
    ok(std::io::BufReader::new(stdout).read_line(&mut line));
    let started: serde_json::Value = ok(serde_json::from_str(&line));
    let port = started["port"].as_u64().and_then(|p| u16::try_from(p).ok());
    (child, port.unwrap_or_else(|| panic!("no port: {line}")))
}

#[test]
fn a_service_killed_mid_capture_is_unplugged_and_plugging_it_back_needs_no_restart() {
    let dir = ok(tempfile::tempdir());
    let slow = Scenario {
        capture_delay_ms: 3_000,
        ..quick()
    };
    person(dir.path(), slow);
    // Near the top of the range: the devices the other tests start at the
    // same time take the lowest free port, and one of them could take this
    // port between the kill and the plugging back. (4600 is the test's
    // device that is not there, in the command-line test.)
    let (mut child, port) = spawn_device(dir.path(), Some(4599));
    let mut scanner = ok(SbiScanner::connect(port, training()));
    let running = ok(scanner.capture(right_slap_without_ring()));
    let mut asked = 0;
    while !is_busy(port) {
        asked += 1;
        assert!(asked < 10_000, "the capture never started");
    }
    // The service is killed in the middle of the capture.
    ok(child.kill());
    ok(child.wait());
    let lost = running.wait(Duration::from_secs(20));
    assert!(matches!(lost, Err(ScannerError::NotConnected)), "{lost:?}");
    assert!(scanner.reconnect().is_err(), "nothing answers on the port");
    // The officer plugs the device back: the same port, a new service.
    person(dir.path(), quick());
    let (mut back, _) = spawn_device(dir.path(), Some(port));
    ok(scanner.reconnect());
    let captured = ok(scanner.capture(right_slap_without_ring())).wait(Duration::from_secs(20));
    assert!(captured.is_ok(), "{captured:?}");
    ok(back.kill());
    ok(back.wait());
}

#[test]
fn a_malformed_body_and_a_broken_hash_chain_are_refused() {
    for (fault, says) in [
        (Fault::MalformedBody, "not JSON"),
        (Fault::WrongHash, "hash"),
    ] {
        let (_dir, device) = device(
            quick(),
            DeviceOptions {
                fault: Some(fault),
                ..registered()
            },
        );
        let mut scanner = ok(SbiScanner::connect(device.port(), SbiPolicy::default()));
        let refused = ok(scanner.capture(right_slap_without_ring())).wait(Duration::from_secs(20));
        match refused {
            Err(ScannerError::Protocol(detail)) => {
                assert!(detail.contains(says), "{fault:?}: {detail}");
            }
            other => panic!("{fault:?}: {other:?}"),
        }
    }
}

#[test]
fn an_unregistered_device_is_refused_at_a_live_desk_and_allowed_in_training() {
    let (_dir, unsigned) = device(
        quick(),
        DeviceOptions {
            signed: false,
            ..DeviceOptions::default()
        },
    );
    let live = SbiScanner::connect(unsigned.port(), SbiPolicy::default());
    assert!(matches!(live, Err(ScannerError::Untrusted(_))), "{live:?}");
    let mut scanner = ok(SbiScanner::connect(unsigned.port(), training()));
    assert!(scanner.signer().is_none());
    let captured = ok(scanner.capture(right_slap_without_ring())).wait(Duration::from_secs(20));
    assert!(captured.is_ok(), "{captured:?}");
    // The training room's device signs with the demonstration certificate,
    // which anyone holds: a live desk refuses it, a training room takes it.
    let (_demo_dir, demo) = device(quick(), DeviceOptions::default());
    let live = SbiScanner::connect(demo.port(), SbiPolicy::default());
    assert!(
        matches!(&live, Err(ScannerError::Untrusted(d)) if d.contains("demonstration")),
        "{live:?}"
    );
    assert!(SbiScanner::connect(demo.port(), training()).is_ok());
}

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
fn the_command_line_lists_the_device_and_captures_from_it() {
    let dir = ok(tempfile::tempdir());
    person(dir.path(), quick());
    let (mut child, port) = spawn_device(dir.path(), None);
    let run = |args: &[&str]| {
        ok(std::process::Command::new(env!("CARGO_BIN_EXE_beder"))
            .args(args)
            .output())
    };
    let listed = run(&["scanner", "list", "--json"]);
    assert!(listed.status.success());
    let devices: serde_json::Value = ok(serde_json::from_slice(&listed.stdout));
    let id = format!("sbi-{port}");
    let ours = devices
        .as_array()
        .and_then(|a| a.iter().find(|d| d["id"] == id.as_str()))
        .cloned()
        .unwrap_or_else(|| panic!("{devices}"));
    assert_eq!(
        (
            ours["protocol"].as_str(),
            ours["port"].as_u64(),
            ours["type"].as_str()
        ),
        (Some("sbi"), Some(u64::from(port)), Some("Finger"))
    );
    assert_eq!(ours["status"], "Ready");
    let out = dir.path().join("out");
    let out_arg = ok(out.to_str().ok_or("out"));
    // The training room's device, at a live desk: refused in the officer's
    // words; in training: taken.
    let refused = run(&[
        "--lang",
        "en",
        "scanner",
        "capture",
        "--device",
        &id,
        "--fingers",
        "thumbs",
        "--out",
        out_arg,
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("cannot be trusted"));
    let captured = run(&[
        "--training",
        "scanner",
        "capture",
        "--device",
        &id,
        "--fingers",
        "thumbs",
        "--except",
        "6",
        "--out",
        out_arg,
    ]);
    assert!(
        captured.status.success(),
        "{}",
        String::from_utf8_lossy(&captured.stderr)
    );
    let report: serde_json::Value = ok(serde_json::from_slice(&captured.stdout));
    assert_eq!(report["captured"][0]["position"], 1);
    assert_eq!(report["captured"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["excepted"][0], 6);
    let png = ok(image::open(out.join("01.png")));
    assert_eq!(png.color(), image::ColorType::L8, "8-bit grey");
    // The same service's camera is listed apart and gives the photograph.
    let face = format!("sbi-{port}-face");
    assert!(
        devices.as_array().is_some_and(|a| a
            .iter()
            .any(|d| d["id"] == face.as_str() && d["type"] == "Face")),
        "{devices}"
    );
    let photo = run(&[
        "--training",
        "scanner",
        "capture",
        "--device",
        &face,
        "--photo",
        "--out",
        out_arg,
    ]);
    assert!(
        photo.status.success(),
        "{}",
        String::from_utf8_lossy(&photo.stderr)
    );
    let report: serde_json::Value = ok(serde_json::from_slice(&photo.stdout));
    assert_eq!(
        (report["width"].as_u64(), report["height"].as_u64()),
        (Some(420), Some(540))
    );
    let photo = ok(image::open(out.join("photo.png")));
    assert_eq!(photo.color(), image::ColorType::Rgb8);
    // A device that is not there: exit 2 and the officer's words.
    let missing = run(&[
        "--lang",
        "en",
        "scanner",
        "capture",
        "--device",
        "sbi-4600",
        "--fingers",
        "thumbs",
        "--out",
        out_arg,
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not connected"));
    ok(child.kill());
    ok(child.wait());
}

#[test]
fn the_camera_gives_the_photograph_pixel_exact_and_chains_its_hashes() {
    let dir = ok(tempfile::tempdir());
    let scanner = person(dir.path(), quick());
    // The person's own photograph, as a training room may give one.
    let photo = image::RgbImage::from_fn(430, 560, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    ok(photo.save(dir.path().join("p01/photo.png")));
    let device = ok(SbiDevice::start(scanner, registered()));
    let camera = ok(SbiCamera::connect(device.port(), SbiPolicy::default()));
    assert!(
        camera.describe().contains("camera"),
        "{}",
        camera.describe()
    );
    let taken = ok(camera.capture(Duration::from_secs(10)));
    assert!(
        taken.image == photo,
        "the photograph crossed JPEG 2000 and ISO/IEC 19794-5 unchanged"
    );
    assert_eq!(taken.device_quality, Some(90));
    // The second photograph's hash follows the first one's.
    assert!(camera.capture(Duration::from_secs(10)).is_ok());
    // A live desk refuses the demonstration certificate's camera too.
    let demo = ok(SbiDevice::start(
        person(ok(tempfile::tempdir()).path(), quick()),
        DeviceOptions::default(),
    ));
    assert!(matches!(
        SbiCamera::connect(demo.port(), SbiPolicy::default()),
        Err(ScannerError::Untrusted(_))
    ));
    device.stop();
    demo.stop();
}
