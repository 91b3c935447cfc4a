//! The SBI client against a service that Beder did not write: a replay of
//! the answers of MOSIP's published mock SBI service (`MockMDS`, SBI 0.9.5
//! registration devices), as its sources and device files shape them —
//! one service holding a slap scanner (device id 2) and a camera (device
//! id 3); discovery's digital id as unsigned base64url JSON with padding;
//! error members spelt in lower case; device info as a list of JWS whose
//! payload carries the digital id as a JWS of its own; a stream that makes
//! the device report Busy while it runs and frames its JPEGs with
//! `--BoundaryString` and `Content-Length`; every number of a capture as a
//! string; a face record without a sub-type; an unregistered device's info
//! as unsigned base64url JSON with an empty device id.

mod common;

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE;
use serde_json::{Value, json};

use beder::interchange::face_image::{self, FaceCoding, FaceImage};
use beder::interchange::finger_image::{self, Compression, FingerImage};
use beder::model::{FingerPosition, Position, SlapPosition};
use beder::scanner::sbi::client::{self, SbiCamera, SbiPolicy, SbiScanner};
use beder::scanner::sbi::jws::DeviceKey;
use beder::scanner::sbi::wire;
use beder::scanner::{CaptureEvent, CaptureRequest, Scanner, ScannerError};
use common::ok;

struct Mock {
    port: u16,
    registered: bool,
    key: DeviceKey,
    /// The slap scanner streams: it reports Busy.
    streaming: AtomicBool,
    captured: AtomicBool,
    finger: Vec<u8>,
}

fn data_file(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn digital_id(kind: &str) -> Value {
    let (serial, model, sub_type) = if kind == "Finger" {
        ("1234567890", "SLAP01", "Slap")
    } else {
        ("2345678901", "FACE01", "Full face")
    };
    json!({
        "serialNo": serial, "make": "MOSIP", "model": model, "type": kind,
        "deviceSubType": sub_type, "deviceProvider": "MOSIP",
        "deviceProviderId": "MOSIP.PROXY.SBI", "dateTime": "2026-12-03T10:00:00.000Z",
    })
}

fn device_info(mock: &Mock, kind: &str) -> Value {
    let (id, subs) = if kind == "Finger" {
        ("2", json!(["1", "2", "3"]))
    } else {
        ("3", json!(["0"]))
    };
    let status = if !mock.registered {
        "Not Registered"
    } else if kind == "Finger" && mock.streaming.load(Ordering::SeqCst) {
        "Busy"
    } else {
        "Ready"
    };
    let digital = digital_id(kind).to_string();
    json!({
        "deviceStatus": status,
        "deviceId": if mock.registered { id } else { "" },
        "firmware": "MOSIP.SLAP.1.0.0.0", "certification": "L0", "serviceVersion": "0.9.5",
        "deviceSubId": subs, "callbackId": format!("http://127.0.0.1:{}/", mock.port),
        "digitalId": if mock.registered { mock.key.sign(digital.as_bytes()) } else { digital },
        "deviceCode": format!("b692b595-3523-{}-99fc-bd76e35f190f", kind.to_lowercase()),
        "env": "Staging",
        "purpose": if mock.registered { "Registration" } else { "" },
        "specVersion": ["0.9.5"],
    })
}

fn discovery(mock: &Mock) -> Value {
    let entries: Vec<Value> = ["Finger", "Face"]
        .iter()
        .map(|kind| {
            let mut entry = device_info(mock, kind);
            entry["digitalId"] = json!(URL_SAFE.encode(digital_id(kind).to_string()));
            entry["error"] = json!({ "errorcode": "0", "errorinfo": "Success" });
            entry
        })
        .collect();
    json!(entries)
}

fn info(mock: &Mock) -> Value {
    let entries: Vec<Value> = ["Finger", "Face"]
        .iter()
        .map(|kind| {
            let record = device_info(mock, kind).to_string();
            if mock.registered {
                json!({ "deviceInfo": mock.key.sign(record.as_bytes()),
                        "error": { "errorCode": "0", "errorInfo": "Success" } })
            } else {
                json!({ "deviceInfo": URL_SAFE.encode(record),
                        "error": { "errorCode": "100", "errorInfo": "Device not registered" } })
            }
        })
        .collect();
    json!(entries)
}

/// MockMDS's stream: JPEG frames until the capture is done (or 5 s).
struct Frames {
    mock: Arc<Mock>,
    frame: Vec<u8>,
    pending: Vec<u8>,
    until: Instant,
}

impl Read for Frames {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            if self.mock.captured.load(Ordering::SeqCst) || Instant::now() > self.until {
                self.mock.streaming.store(false, Ordering::SeqCst);
                return Ok(0);
            }
            std::thread::park_timeout(Duration::from_millis(40));
            self.pending.extend_from_slice(
                format!(
                    "--BoundaryString\r\nContent-Type:image/jpeg\r\nContent-Length:{}\r\n\r\n",
                    self.frame.len()
                )
                .as_bytes(),
            );
            self.pending.extend_from_slice(&self.frame);
            self.pending.extend_from_slice(b"\r\n\r\n");
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

fn entry(mock: &Mock, data: &Value, record: &[u8], previous: &mut String) -> Value {
    let hash = ok(wire::chain_hash(previous, record).ok_or("hash"));
    previous.clone_from(&hash);
    json!({ "specVersion": "0.9.5", "data": mock.key.sign(data.to_string().as_bytes()),
            "hash": hash, "error": { "errorCode": "0", "errorInfo": "Success" } })
}

fn rcapture(mock: &Mock, body: &Value) -> Value {
    let bio = &body["bio"][0];
    let mut previous = bio["previousHash"]
        .as_str()
        .filter(|h| !h.is_empty())
        .map_or_else(wire::first_previous_hash, str::to_string);
    let common = |kind: &str, sub: Value, value: &[u8], score: &str| {
        json!({
            "digitalId": mock.key.sign(digital_id(kind).to_string().as_bytes()),
            "deviceCode": "b692b595-3523-slap-99fc-bd76e35f190f", "deviceServiceVersion": "0.9.5",
            "bioType": kind, "bioSubType": sub, "purpose": body["purpose"], "env": body["env"],
            "bioValue": URL_SAFE.encode(value), "transactionId": body["transactionId"],
            "timestamp": "2026-12-03T10:00:01.000Z",
            "requestedScore": bio["requestedScore"], "qualityScore": score,
        })
    };
    let mut entries = Vec::new();
    match (bio["deviceId"].as_str(), bio["type"].as_str()) {
        (Some("2"), Some("Finger")) => {
            let slap = bio["deviceSubId"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .and_then(wire::slap_of_sub_id);
            let Some(slap) = slap else {
                return json!({ "error": { "errorCode": "109", "errorInfo": "sub id" } });
            };
            let excepted = wire::list(&bio["exception"]);
            for finger in slap.fingers() {
                if excepted.iter().any(|e| e == wire::finger_name(*finger)) {
                    continue;
                }
                let record = finger_image::encode(&[FingerImage {
                    captured_at: None,
                    quality: Some(80),
                    position: finger.code(),
                    representation: 1,
                    ppi: 500,
                    bit_depth: 8,
                    compression: Compression::Jpeg2000Lossless,
                    impression: 0,
                    width: 96,
                    height: 80,
                    data: mock.finger.clone(),
                }]);
                let data = common("Finger", json!(wire::finger_name(*finger)), &record, "80");
                entries.push(entry(mock, &data, &record, &mut previous));
            }
            mock.captured.store(true, Ordering::SeqCst);
        }
        (Some("3"), Some("Face")) => {
            let photo = image::RgbImage::from_fn(480, 640, |x, y| {
                image::Rgb([(x / 2) as u8, (y / 3) as u8, 200])
            });
            let mut jpeg = Vec::new();
            ok(photo.write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            ));
            let record = face_image::encode(&[FaceImage {
                captured_at: None,
                quality: None,
                image_type: 0,
                coding: FaceCoding::Jpeg,
                width: 480,
                height: 640,
                data: jpeg,
            }]);
            let data = common("Face", Value::Null, &record, "75");
            entries.push(entry(mock, &data, &record, &mut previous));
        }
        _ => {
            return json!({ "biometrics": [ { "specVersion": "0.9.5", "data": "", "hash": "",
                "error": { "errorCode": "705", "errorInfo": "No device found" } } ] });
        }
    }
    json!({ "biometrics": entries })
}

/// Serves the replay on a free port of 4501–4600.
fn start(registered: bool) -> Arc<Mock> {
    let (server, port) = ok(wire::PORTS
        .rev()
        .find_map(|p| {
            tiny_http::Server::http(("127.0.0.1", p))
                .ok()
                .map(|s| (s, p))
        })
        .ok_or("no free port"));
    let mut frame = Vec::new();
    ok(
        image::GrayImage::from_pixel(64, 48, image::Luma([128])).write_to(
            &mut std::io::Cursor::new(&mut frame),
            image::ImageFormat::Jpeg,
        ),
    );
    let finger = ok(std::fs::read(data_file("ridges-96x80.j2k")));
    let mock = Arc::new(Mock {
        port,
        registered,
        key: ok(DeviceKey::from_pem(
            &ok(std::fs::read_to_string(data_file("sbi-test-device.key"))),
            &ok(std::fs::read_to_string(data_file("sbi-test-device.crt"))),
        )),
        streaming: AtomicBool::new(false),
        captured: AtomicBool::new(false),
        finger,
    });
    let server = Arc::new(server);
    for _ in 0..4 {
        let (server, mock, frame) = (Arc::clone(&server), Arc::clone(&mock), frame.clone());
        std::thread::spawn(move || {
            while let Ok(mut request) = server.recv() {
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                let answer = match request.method().as_str() {
                    "MOSIPDISC" => discovery(&mock),
                    "MOSIPDINFO" => info(&mock),
                    "RCAPTURE" => rcapture(&mock, &body),
                    "STREAM" => {
                        mock.captured.store(false, Ordering::SeqCst);
                        mock.streaming.store(true, Ordering::SeqCst);
                        let frames = Frames {
                            mock: Arc::clone(&mock),
                            frame: frame.clone(),
                            pending: Vec::new(),
                            until: Instant::now() + Duration::from_secs(5),
                        };
                        let _ = request.respond(tiny_http::Response::new(
                            tiny_http::StatusCode(200),
                            Vec::new(),
                            frames,
                            None,
                            None,
                        ));
                        continue;
                    }
                    _ => json!({ "error": { "errorCode": "500", "errorInfo": "unknown" } }),
                };
                let _ = request.respond(tiny_http::Response::from_string(answer.to_string()));
            }
        });
    }
    mock
}

#[test]
fn a_service_shaped_like_mosips_mock_gives_a_slap_with_its_preview_and_a_photograph() {
    let mock = start(true);
    let found = client::discover(mock.port..=mock.port);
    let seen: Vec<(&str, &str, &str, &str)> = found
        .iter()
        .map(|d| {
            (
                d.device_id.as_str(),
                d.kind.as_str(),
                d.model.as_str(),
                d.serial.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("2", "Finger", "SLAP01", "1234567890"),
            ("3", "Face", "FACE01", "2345678901")
        ],
        "the unsigned base64url digital ids are read"
    );
    // A live desk takes it: registered, signed by its own certificate.
    let mut scanner = ok(SbiScanner::connect(mock.port, SbiPolicy::default()));
    let mut request = CaptureRequest::slap(SlapPosition::RightFour, &[FingerPosition::RightRing]);
    request.timeout = Duration::from_secs(10);
    let handle = ok(scanner.capture(request));
    let mut previews = 0;
    let result = loop {
        match handle.next_event(Duration::from_secs(20)) {
            Some(CaptureEvent::Preview(_)) => previews += 1,
            Some(CaptureEvent::Done(result)) => break result,
            Some(CaptureEvent::Failed(e)) => panic!("{e:?}"),
            Some(_) => {}
            None => panic!("no end to the capture"),
        }
    };
    assert!(previews > 0, "the stream's frames are shown");
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
    let original = ok(image::open(data_file("ridges-96x80.png"))).to_luma8();
    assert!(result.images.iter().all(|i| i.image == original));
    assert!(result.images.iter().all(|i| i.device_quality == Some(80)));
    let camera = ok(SbiCamera::connect(mock.port, SbiPolicy::default()));
    let photo = ok(camera.capture(Duration::from_secs(10)));
    assert_eq!(photo.image.dimensions(), (480, 640));
    assert_eq!(photo.device_quality, Some(75));
}

#[test]
fn an_unregistered_service_is_read_refused_at_a_live_desk_and_allowed_in_training() {
    let mock = start(false);
    let live = SbiScanner::connect(mock.port, SbiPolicy::default());
    assert!(matches!(live, Err(ScannerError::Untrusted(_))), "{live:?}");
    let training = SbiPolicy {
        allow_developer_devices: true,
        ..SbiPolicy::default()
    };
    let scanner = ok(SbiScanner::connect(mock.port, training));
    assert_eq!(
        scanner.info().model,
        "SLAP01",
        "the digital id is read even as plain JSON text"
    );
    assert_eq!(scanner.info().certificate, None);
}
