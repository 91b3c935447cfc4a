//! An SBI registration device of Beder's own (`beder sbi-device`): the
//! simulator's persons served over the same protocol a real ten-print
//! scanner's service speaks, on 127.0.0.1, so that a training room runs the
//! kiosk on the code path of a real desk and the tests drive the SBI client
//! over real loopback HTTP.
//!
//! It sends what registration devices send: device info and each capture
//! signed as JWS (RS256, with the demonstration certificate shipped in
//! `assets/training-keys/` — labelled as such, never trusted on a live
//! desk), ISO/IEC 19794-4:2011 records holding lossless JPEG 2000, and the
//! hash chain. Its knobs reproduce what goes wrong at a real desk: an
//! unregistered (unsigned) device, a malformed body, a broken hash chain;
//! the simulator's scenarios add delays, failures and mix-ups, and a
//! service killed mid-capture is the process killed.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{Value, json};

use super::jws::{self, DeviceKey};
use super::wire;
use crate::interchange::face_image;
use crate::interchange::finger_image::{self, Compression, FingerImage};
use crate::model::{FingerPosition, Position};
use crate::scanner::{
    CaptureRequest, CapturedImage, DeviceStatus, Scanner, ScannerError, SimulatedScanner,
};

/// The demonstration device key and certificate (public: training only).
pub const DEMO_KEY_PEM: &str = include_str!("../../../assets/training-keys/sbi-device-demo.key");
/// The demonstration certificate (X.509 PEM), matching [`DEMO_KEY_PEM`].
pub const DEMO_CERT_PEM: &str = include_str!("../../../assets/training-keys/sbi-device-demo.crt");

/// The serial number the device reports.
pub const SERIAL: &str = "BDR-SBI-0001";

/// Requests larger than this are refused unread.
const MAX_REQUEST_BYTES: u64 = 1024 * 1024;

/// What goes wrong, on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Capture answers are not JSON.
    MalformedBody,
    /// Capture answers carry a hash that does not follow the chain.
    WrongHash,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// How the training SBI device runs.
pub struct DeviceOptions {
    /// 0: any free port in 4501–4600.
    pub port: u16,
    /// A registered device signs its info and captures.
    pub signed: bool,
    /// Its key and certificate (PKCS#8 and X.509 PEM); the demonstration
    /// pair if not given.
    pub key_pem: Option<(String, String)>,
    /// A fault to inject, for tests and training.
    pub fault: Option<Fault>,
}

impl Default for DeviceOptions {
    fn default() -> Self {
        DeviceOptions {
            port: 0,
            signed: true,
            key_pem: None,
            fault: None,
        }
    }
}

struct Shared {
    scanner: Mutex<SimulatedScanner>,
    busy: AtomicBool,
    /// The camera's own capture in progress.
    face_busy: AtomicBool,
    key: Option<DeviceKey>,
    options: DeviceOptions,
    port: u16,
    server: Arc<tiny_http::Server>,
}

/// A running device service; dropped or [`SbiDevice::stop`]ped, it goes.
pub struct SbiDevice {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for SbiDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SbiDevice")
            .field("port", &self.shared.port)
            .finish_non_exhaustive()
    }
}

fn lock(scanner: &Mutex<SimulatedScanner>) -> MutexGuard<'_, SimulatedScanner> {
    scanner.lock().unwrap_or_else(|p| p.into_inner())
}

impl SbiDevice {
    /// Serves `scanner` on 127.0.0.1 (never "localhost", as the
    /// specification asks).
    pub fn start(scanner: SimulatedScanner, options: DeviceOptions) -> Result<Self, ScannerError> {
        let ports: Vec<u16> = if options.port == 0 {
            wire::PORTS.collect()
        } else {
            vec![options.port]
        };
        let (server, port) = ports
            .into_iter()
            .find_map(|port| {
                tiny_http::Server::http(("127.0.0.1", port))
                    .ok()
                    .map(|s| (s, port))
            })
            .ok_or_else(|| ScannerError::DeviceFault("no free port in 4501–4600".into()))?;
        let key = if options.signed {
            let (key, cert) = match &options.key_pem {
                Some((key, cert)) => (key.as_str(), cert.as_str()),
                None => (DEMO_KEY_PEM, DEMO_CERT_PEM),
            };
            Some(
                DeviceKey::from_pem(key, cert)
                    .map_err(|e| ScannerError::DeviceFault(e.to_string()))?,
            )
        } else {
            None
        };
        let shared = Arc::new(Shared {
            scanner: Mutex::new(scanner),
            busy: AtomicBool::new(false),
            face_busy: AtomicBool::new(false),
            key,
            options,
            port,
            server: Arc::new(server),
        });
        // Three workers: discovery and info answer while a capture runs.
        let workers = (0..3)
            .map(|_| {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || serve(&shared))
            })
            .collect();
        Ok(SbiDevice { shared, workers })
    }

    /// The port the service listens on.
    pub fn port(&self) -> u16 {
        self.shared.port
    }

    /// Blocks until the service stops (the command line).
    pub fn join(mut self) {
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }

    /// Stops the service and waits for its threads.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        for _ in 0..self.workers.len() {
            self.shared.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl Drop for SbiDevice {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn serve(shared: &Shared) {
    while let Ok(mut request) = shared.server.recv() {
        let method = request.method().as_str().to_ascii_uppercase();
        let mut body = Vec::new();
        let read = request
            .as_reader()
            .take(MAX_REQUEST_BYTES)
            .read_to_end(&mut body);
        let body: Value = read
            .ok()
            .and_then(|_| serde_json::from_slice(&body).ok())
            .unwrap_or(Value::Null);
        let answer = match method.as_str() {
            "MOSIPDISC" | "SBIDISC" => discovery(shared, &body),
            "MOSIPDINFO" | "SBIDINFO" => info(shared),
            "RCAPTURE" => capture(shared, &body),
            "STREAM" => stream(shared),
            _ => Answer::Json(error_body(501, "Unknown method")),
        };
        let response = match answer {
            Answer::Json(value) => tiny_http::Response::from_data(value.to_string().into_bytes()),
            Answer::Raw(bytes) => tiny_http::Response::from_data(bytes),
        };
        let content_type = if method == "STREAM" {
            "multipart/x-mixed-replace; boundary=frame"
        } else {
            "application/json"
        };
        let location = format!("http://127.0.0.1:{}", shared.port);
        let mut response = response;
        // ASCII names and values written here: a header that would not
        // parse is left out, never a panic.
        for (name, value) in [
            ("Content-Type", content_type),
            ("Cache-Control", "no-store"),
            ("Location", location.as_str()),
        ] {
            if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response = response.with_header(header);
            }
        }
        let _ = request.respond(response);
    }
}

enum Answer {
    Json(Value),
    Raw(Vec<u8>),
}

fn error_body(code: u32, info: &str) -> Value {
    json!({ "error": { "errorCode": code.to_string(), "errorInfo": info } })
}

/// The two devices of the service, as one real service may hold several:
/// a 4-4-2 slap scanner and a camera for the photograph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Slap,
    Camera,
}

impl Unit {
    const ALL: [Unit; 2] = [Unit::Slap, Unit::Camera];

    fn device_id(self) -> &'static str {
        match self {
            Unit::Slap => "1",
            Unit::Camera => "2",
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Unit::Slap => "Finger",
            Unit::Camera => "Face",
        }
    }

    fn serial(self) -> String {
        match self {
            Unit::Slap => SERIAL.to_string(),
            Unit::Camera => format!("{SERIAL}-F"),
        }
    }

    fn of(device_id: &str) -> Option<Unit> {
        Unit::ALL
            .into_iter()
            .find(|u| u.device_id() == device_id.trim())
    }
}

fn status(shared: &Shared, unit: Unit) -> &'static str {
    let busy = match unit {
        Unit::Slap => &shared.busy,
        Unit::Camera => &shared.face_busy,
    };
    if busy.load(Ordering::SeqCst) {
        return "Busy";
    }
    match lock(&shared.scanner).status() {
        DeviceStatus::Ready => "Ready",
        DeviceStatus::Busy => "Busy",
        DeviceStatus::NotReady | DeviceStatus::Disconnected => "Not Ready",
    }
}

fn digital_id(shared: &Shared, unit: Unit) -> Value {
    let info = lock(&shared.scanner).info();
    let (model, sub_type) = match unit {
        Unit::Slap => (format!("{} (SBI)", info.model), "Slap"),
        Unit::Camera => ("Training camera (SBI)".to_string(), "Full face"),
    };
    json!({
        "serialNo": unit.serial(),
        "make": info.vendor,
        "model": model,
        "type": unit.kind(),
        "deviceSubType": sub_type,
        "deviceProvider": "Beder",
        "deviceProviderId": "BEDER-TRAINING",
        "dateTime": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    })
}

fn device_record(shared: &Shared, unit: Unit) -> Value {
    let digital = digital_id(shared, unit).to_string();
    json!({
        "deviceId": unit.device_id(),
        "deviceStatus": status(shared, unit),
        "certification": "L0",
        "serviceVersion": "0.9.5",
        "deviceSubId": match unit {
            Unit::Slap => json!(["1", "2", "3"]),
            Unit::Camera => json!(["0"]),
        },
        "callbackId": format!("http://127.0.0.1:{}/", shared.port),
        "digitalId": match &shared.key {
            Some(key) => key.sign(digital.as_bytes()),
            None => jws::b64_encode(digital.as_bytes()),
        },
        "deviceCode": unit.serial(),
        "env": "Developer",
        "purpose": if shared.key.is_some() { "Registration" } else { "" },
        "specVersion": ["0.9.5"],
        "firmware": "0.9.5",
    })
}

fn discovery(shared: &Shared, body: &Value) -> Answer {
    let wanted = body.get("type").and_then(wire::text).unwrap_or_default();
    let records: Vec<Value> = Unit::ALL
        .into_iter()
        .filter(|u| {
            wanted.is_empty()
                || wanted.eq_ignore_ascii_case("Biometric Device")
                || wanted.eq_ignore_ascii_case(u.kind())
        })
        .map(|unit| {
            let mut record = device_record(shared, unit);
            // Discovery's digital id is never signed.
            record["digitalId"] = json!(jws::b64_encode(
                digital_id(shared, unit).to_string().as_bytes()
            ));
            record["error"] = json!({ "errorCode": "0", "errorInfo": "Success" });
            record
        })
        .collect();
    Answer::Json(json!(records))
}

fn info(shared: &Shared) -> Answer {
    let entries: Vec<Value> = Unit::ALL
        .into_iter()
        .map(|unit| {
            let record = device_record(shared, unit).to_string();
            let (token, error) = match &shared.key {
                Some(key) => (
                    key.sign(record.as_bytes()),
                    json!({"errorCode": "0", "errorInfo": "Success"}),
                ),
                None => (
                    jws::b64_encode(record.as_bytes()),
                    json!({"errorCode": "100", "errorInfo": "Device not registered"}),
                ),
            };
            json!({ "deviceInfo": token, "error": error })
        })
        .collect();
    Answer::Json(json!(entries))
}

/// One RCAPTURE: the simulator's capture of the slap asked for, each
/// finger as an ISO/IEC 19794-4 record with lossless JPEG 2000.
fn capture(shared: &Shared, body: &Value) -> Answer {
    let bio = body.get("bio").and_then(|b| b.get(0));
    let device_id = bio
        .and_then(|b| b.get("deviceId"))
        .and_then(wire::text)
        .unwrap_or_default();
    let Some(unit) = Unit::of(&device_id) else {
        return Answer::Json(json!({ "biometrics": [ error_entry(705, "No device found") ] }));
    };
    let kind = bio
        .and_then(|b| b.get("type"))
        .and_then(wire::text)
        .unwrap_or_default();
    if !kind.eq_ignore_ascii_case(unit.kind()) {
        return Answer::Json(
            json!({ "biometrics": [ error_entry(112, "Device type and biometric type do not match") ] }),
        );
    }
    let busy = match unit {
        Unit::Slap => &shared.busy,
        Unit::Camera => &shared.face_busy,
    };
    if busy.swap(true, Ordering::SeqCst) {
        return Answer::Json(json!({ "biometrics": [ error_entry(703, "Device is busy") ] }));
    }
    let answer = match unit {
        Unit::Slap => capture_inner(shared, body),
        Unit::Camera => capture_face(shared, body),
    };
    busy.store(false, Ordering::SeqCst);
    answer
}

fn error_entry(code: u32, info: &str) -> Value {
    json!({ "specVersion": "0.9.5", "data": "", "hash": "", "error": { "errorCode": code.to_string(), "errorInfo": info } })
}

fn capture_inner(shared: &Shared, body: &Value) -> Answer {
    let Some(bio) = body.get("bio").and_then(|b| b.get(0)) else {
        return Answer::Json(json!({ "biometrics": [ error_entry(101, "Invalid JSON value") ] }));
    };
    let sub_id = bio
        .get("deviceSubId")
        .and_then(wire::number)
        .map(|n| n as u8)
        .unwrap_or(0);
    let Some(slap) = wire::slap_of_sub_id(sub_id) else {
        return Answer::Json(
            json!({ "biometrics": [ error_entry(109, "Requested number of biometric not supported") ] }),
        );
    };
    let excepted: Vec<FingerPosition> = wire::list(bio.get("exception").unwrap_or(&Value::Null))
        .iter()
        .filter_map(|name| wire::finger_from_name(name))
        .collect();
    let timeout_ms = body
        .get("timeout")
        .and_then(wire::number)
        .map(|t| t as u64)
        .unwrap_or(wire::DEFAULT_TIMEOUT_MS);
    let requested = bio
        .get("requestedScore")
        .and_then(wire::number)
        .unwrap_or(40.0);
    let transaction = body
        .get("transactionId")
        .and_then(wire::text)
        .unwrap_or_default();
    let mut previous = bio
        .get("previousHash")
        .and_then(wire::text)
        .filter(|h| !h.trim().is_empty())
        .unwrap_or_else(wire::first_previous_hash);
    let mut request = CaptureRequest::slap(slap, &excepted);
    request.timeout = Duration::from_millis(timeout_ms);
    let handle = lock(&shared.scanner).capture(request);
    let result = handle.and_then(|h| h.wait(Duration::from_millis(timeout_ms + 2_000)));
    let result = match result {
        Ok(result) => result,
        Err(e) => {
            let (code, info) = match e {
                ScannerError::Timeout => (502, "Capture timeout".to_string()),
                ScannerError::NotConnected => (106, "Device not found".to_string()),
                ScannerError::NoFingerDetected => {
                    (101, "Unable to detect a biometric object".to_string())
                }
                other => (102, other.to_string()),
            };
            return Answer::Json(json!({ "biometrics": [ error_entry(code, &info) ] }));
        }
    };
    if shared.options.fault == Some(Fault::MalformedBody) {
        return Answer::Raw(b"{\"biometrics\": [ {\"specVersion\": \"0.9".to_vec());
    }
    let digital = digital_id(shared, Unit::Slap).to_string();
    let digital_token = match &shared.key {
        Some(key) => key.sign(digital.as_bytes()),
        None => jws::b64_encode(digital.as_bytes()),
    };
    let mut entries = Vec::new();
    for image in &result.images {
        let Position::Finger(finger) = image.position else {
            continue;
        };
        let record = match iso_record(image) {
            Ok(record) => record,
            Err(e) => return Answer::Json(json!({ "biometrics": [ error_entry(102, &e) ] })),
        };
        // The device's own score: the simulator's, or an estimate from the
        // ridges alone (no minutiae), as a scanner's firmware would give.
        let quality = image.device_quality.map_or_else(
            || {
                let ours = crate::biometrics::image::FingerImage {
                    image: image.image.clone(),
                    ppi: image.ppi,
                };
                f64::from(crate::biometrics::quality::quality(&ours, 40).score)
            },
            f64::from,
        );
        let data = json!({
            "digitalId": digital_token,
            "bioType": "Finger",
            "deviceCode": SERIAL,
            "deviceServiceVersion": "0.9.5",
            "bioSubType": wire::finger_name(finger),
            "purpose": "Registration",
            "env": "Developer",
            "bioValue": jws::b64_encode(&record),
            "transactionId": transaction,
            "timestamp": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
            "requestedScore": format!("{requested:.1}"),
            "qualityScore": format!("{quality:.1}"),
        })
        .to_string();
        entries.push(entry(shared, &data, &record, &mut previous));
    }
    Answer::Json(json!({ "biometrics": entries }))
}

/// One capture entry: its data signed (or, unregistered, base64url), the
/// hash chained on from `previous`.
fn entry(shared: &Shared, data: &str, record: &[u8], previous: &mut String) -> Value {
    let mut hash = wire::chain_hash(previous, record).unwrap_or_default();
    previous.clone_from(&hash);
    if shared.options.fault == Some(Fault::WrongHash) {
        hash = wire::first_previous_hash();
    }
    json!({
        "specVersion": "0.9.5",
        "data": match &shared.key {
            Some(key) => key.sign(data.as_bytes()),
            None => jws::b64_encode(data.as_bytes()),
        },
        "hash": hash,
        "error": { "errorCode": "0", "errorInfo": "Success" },
    })
}

/// The camera's RCAPTURE: the presented person's `photo.jpg` or
/// `photo.png` if the folder has one, else a drawn likeness (nothing of a
/// real person), as an ISO/IEC 19794-5:2011 record with lossless JPEG 2000.
fn capture_face(shared: &Shared, body: &Value) -> Answer {
    let (dir, name) = {
        let scanner = lock(&shared.scanner);
        let person = scanner.presented();
        (person.dir.clone(), person.name.clone())
    };
    let photo = ["photo.jpg", "photo.jpeg", "photo.png"]
        .iter()
        .find_map(|file| image::open(dir.join(file)).ok())
        .map_or_else(|| drawn_portrait(&name), |p| p.to_rgb8());
    let record = match face_record(&photo) {
        Ok(record) => record,
        Err(e) => return Answer::Json(json!({ "biometrics": [ error_entry(710, &e) ] })),
    };
    if shared.options.fault == Some(Fault::MalformedBody) {
        return Answer::Raw(b"{\"biometrics\": [ {\"specVersion\": \"0.9".to_vec());
    }
    let bio = body.get("bio").and_then(|b| b.get(0));
    let mut previous = bio
        .and_then(|b| b.get("previousHash"))
        .and_then(wire::text)
        .filter(|h| !h.trim().is_empty())
        .unwrap_or_else(wire::first_previous_hash);
    let digital = digital_id(shared, Unit::Camera).to_string();
    let data = json!({
        "digitalId": match &shared.key {
            Some(key) => key.sign(digital.as_bytes()),
            None => jws::b64_encode(digital.as_bytes()),
        },
        "bioType": "Face",
        "deviceCode": Unit::Camera.serial(),
        "deviceServiceVersion": "0.9.5",
        "bioSubType": null,
        "purpose": "Registration",
        "env": "Developer",
        "bioValue": jws::b64_encode(&record),
        "transactionId": body.get("transactionId").and_then(wire::text).unwrap_or_default(),
        "timestamp": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        "requestedScore": bio.and_then(|b| b.get("requestedScore")).and_then(wire::text).unwrap_or_default(),
        "qualityScore": "90.0",
    })
    .to_string();
    Answer::Json(json!({ "biometrics": [ entry(shared, &data, &record, &mut previous) ] }))
}

/// A plain likeness for the training camera, 420×540 (the photo's
/// minimum is 413×531): a light background, shoulders, a face-coloured
/// oval; the tone follows the person's name.
fn drawn_portrait(name: &str) -> image::RgbImage {
    let k = name
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let tone = 150 + (k % 70) as u8;
    image::RgbImage::from_fn(420, 540, |x, y| {
        let (fx, fy) = ((x as f32 - 210.0) / 125.0, (y as f32 - 240.0) / 165.0);
        let (sx, sy) = ((x as f32 - 210.0) / 200.0, (y as f32 - 590.0) / 170.0);
        if fx * fx + fy * fy < 1.0 {
            image::Rgb([tone, tone.saturating_sub(25), tone.saturating_sub(45)])
        } else if sx * sx + sy * sy < 1.0 {
            image::Rgb([60, 70, 90])
        } else {
            image::Rgb([236, 239, 242])
        }
    })
}

/// A photograph as an ISO/IEC 19794-5:2011 record, lossless JPEG 2000.
fn face_record(photo: &image::RgbImage) -> Result<Vec<u8>, String> {
    let (w, h) = photo.dimensions();
    let planes: Vec<Vec<u8>> = (0..3)
        .map(|c| photo.pixels().map(|p| p.0[c]).collect())
        .collect();
    let j2k = jpeg2000_lossless_planes(w, h, &planes)?;
    Ok(face_image::encode(&[face_image::FaceImage {
        captured_at: Some(chrono::Utc::now().naive_utc()),
        quality: Some(90),
        image_type: 1,
        coding: face_image::FaceCoding::Jpeg2000Lossless,
        width: u16::try_from(w).map_err(|_| "too wide".to_string())?,
        height: u16::try_from(h).map_err(|_| "too tall".to_string())?,
        data: j2k,
    }]))
}

/// A finger as an ISO/IEC 19794-4:2011 record with lossless JPEG 2000.
fn iso_record(image: &CapturedImage) -> Result<Vec<u8>, String> {
    let j2k = jpeg2000_lossless(&image.image)?;
    let (w, h) = image.image.dimensions();
    Ok(finger_image::encode(&[FingerImage {
        captured_at: Some(chrono::Utc::now().naive_utc()),
        quality: image.device_quality,
        position: image.position.code(),
        representation: 1,
        ppi: image.ppi,
        bit_depth: 8,
        compression: Compression::Jpeg2000Lossless,
        impression: 0,
        width: u16::try_from(w).map_err(|_| "too wide".to_string())?,
        height: u16::try_from(h).map_err(|_| "too tall".to_string())?,
        data: j2k,
    }]))
}

/// Grey pixels as a lossless JPEG 2000 codestream.
pub fn jpeg2000_lossless(gray: &image::GrayImage) -> Result<Vec<u8>, String> {
    let (w, h) = gray.dimensions();
    jpeg2000_lossless_planes(w, h, &[gray.as_raw().clone()])
}

/// One plane (grey) or three (sRGB) of 8-bit samples as a lossless JPEG
/// 2000 codestream, with OpenJPEG's pure-Rust port (its safe API writes
/// through a file: a private temporary one, removed at once).
fn jpeg2000_lossless_planes(w: u32, h: u32, planes: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    use openjp2::{
        Codec, OPJ_CLRSPC_GRAY, OPJ_CLRSPC_SRGB, OPJ_CODEC_J2K, Stream, opj_cparameters_t,
    };
    let component = openjp2::opj_image_comptparm {
        dx: 1,
        dy: 1,
        w,
        h,
        x0: 0,
        y0: 0,
        prec: 8,
        bpp: 8,
        sgnd: 0,
    };
    let space = if planes.len() == 3 {
        OPJ_CLRSPC_SRGB
    } else {
        OPJ_CLRSPC_GRAY
    };
    let components = vec![component; planes.len()];
    let mut image =
        openjp2::opj_image::create(&components, space).ok_or("the image cannot be made")?;
    image.x0 = 0;
    image.y0 = 0;
    image.x1 = w;
    image.y1 = h;
    let comps = image.comps_mut().ok_or("the image has no components")?;
    for (comp, plane) in comps.iter_mut().zip(planes) {
        let data: Vec<i32> = plane.iter().map(|&p| i32::from(p)).collect();
        if !comp.set_data(&data) {
            return Err("the pixels cannot be set".into());
        }
    }
    let mut params = opj_cparameters_t {
        tcp_numlayers: 1,
        cp_disto_alloc: 1,
        // The reversible colour transform for three planes.
        tcp_mct: i8::from(planes.len() == 3),
        ..opj_cparameters_t::default()
    };
    let mut codec = Codec::new_encoder(OPJ_CODEC_J2K).ok_or("no encoder")?;
    if codec.setup_encoder(&mut params, &mut image) == 0 {
        return Err("the encoder refused its parameters".into());
    }
    let dir = tempfile_dir()?;
    let path = dir.join(format!("{}.j2k", std::process::id()));
    let result = (|| {
        let mut stream = Stream::new_file(&path, 1 << 16, false).map_err(|e| e.to_string())?;
        let ok = codec.start_compress(&mut image, &mut stream) != 0
            && codec.encode(&mut stream) != 0
            && codec.end_compress(&mut stream) != 0;
        drop(stream);
        if !ok {
            return Err("JPEG 2000 encoding failed".to_string());
        }
        std::fs::read(&path).map_err(|e| e.to_string())
    })();
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_dir(&dir);
    result
}

/// A private directory of its own for one encoding.
fn tempfile_dir() -> Result<std::path::PathBuf, String> {
    use std::sync::atomic::AtomicU64;
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "beder-sbi-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// A few preview frames, as M-JPEG: the presented person's right index
/// image, read from its folder (a preview never counts as a capture, so
/// the scenario's attempts are untouched).
fn stream(shared: &Shared) -> Answer {
    let dir = lock(&shared.scanner).presented().dir.clone();
    let mut out = Vec::new();
    let frame = ["02_flat.png", "01_flat.png"]
        .iter()
        .find_map(|name| image::open(dir.join(name)).ok());
    if let Some(frame) = frame {
        let small = frame.thumbnail(320, 320).to_luma8();
        let mut jpeg = Vec::new();
        let encoded = image::DynamicImage::ImageLuma8(small).write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        );
        if encoded.is_ok() {
            for _ in 0..3 {
                out.extend_from_slice(b"--frame\r\nContent-Type: image/jpeg\r\n\r\n");
                out.extend_from_slice(&jpeg);
                out.extend_from_slice(b"\r\n");
            }
        }
    }
    Answer::Raw(out)
}
