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
use crate::interchange::finger_image::{self, Compression, FingerImage};
use crate::model::{FingerPosition, Position};
use crate::scanner::{
    CaptureRequest, CapturedImage, DeviceStatus, Scanner, ScannerError, SimulatedScanner,
};

/// The demonstration device key and certificate (public: training only).
pub const DEMO_KEY_PEM: &str = include_str!("../../../assets/training-keys/sbi-device-demo.key");
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
pub struct DeviceOptions {
    /// 0: any free port in 4501–4600.
    pub port: u16,
    /// A registered device signs its info and captures.
    pub signed: bool,
    /// Its key and certificate (PKCS#8 and X.509 PEM); the demonstration
    /// pair if not given.
    pub key_pem: Option<(String, String)>,
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

    pub fn port(&self) -> u16 {
        self.shared.port
    }

    /// Blocks until the service stops (the command line).
    pub fn join(mut self) {
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }

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

fn status(shared: &Shared) -> &'static str {
    if shared.busy.load(Ordering::SeqCst) {
        return "Busy";
    }
    match lock(&shared.scanner).status() {
        DeviceStatus::Ready => "Ready",
        DeviceStatus::Busy => "Busy",
        DeviceStatus::NotReady | DeviceStatus::Disconnected => "Not Ready",
    }
}

fn digital_id(shared: &Shared) -> Value {
    let info = lock(&shared.scanner).info();
    json!({
        "serialNo": SERIAL,
        "make": info.vendor,
        "model": format!("{} (SBI)", info.model),
        "type": "Finger",
        "deviceSubType": "Slap",
        "deviceProvider": "Beder",
        "deviceProviderId": "BEDER-TRAINING",
        "dateTime": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    })
}

fn device_record(shared: &Shared) -> Value {
    let digital = digital_id(shared).to_string();
    json!({
        "deviceId": "1",
        "deviceStatus": status(shared),
        "certification": "L0",
        "serviceVersion": "0.9.5",
        "deviceSubId": ["1", "2", "3"],
        "callbackId": format!("http://127.0.0.1:{}/", shared.port),
        "digitalId": match &shared.key {
            Some(key) => key.sign(digital.as_bytes()),
            None => jws::b64_encode(digital.as_bytes()),
        },
        "deviceCode": SERIAL,
        "env": "Developer",
        "purpose": if shared.key.is_some() { "Registration" } else { "" },
        "specVersion": ["0.9.5"],
        "firmware": "0.9.5",
    })
}

fn discovery(shared: &Shared, body: &Value) -> Answer {
    let wanted = body.get("type").and_then(wire::text).unwrap_or_default();
    if !wanted.is_empty() && wanted != "Finger" && wanted != "Biometric Device" {
        return Answer::Json(json!([]));
    }
    let mut record = device_record(shared);
    // Discovery's digital id is never signed.
    record["digitalId"] = json!(jws::b64_encode(digital_id(shared).to_string().as_bytes()));
    record["error"] = json!({ "errorCode": "0", "errorInfo": "Success" });
    Answer::Json(json!([record]))
}

fn info(shared: &Shared) -> Answer {
    let record = device_record(shared).to_string();
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
    Answer::Json(json!([{ "deviceInfo": token, "error": error }]))
}

/// One RCAPTURE: the simulator's capture of the slap asked for, each
/// finger as an ISO/IEC 19794-4 record with lossless JPEG 2000.
fn capture(shared: &Shared, body: &Value) -> Answer {
    if shared.busy.swap(true, Ordering::SeqCst) {
        return Answer::Json(json!({ "biometrics": [ error_entry(501, "Device is busy") ] }));
    }
    let answer = capture_inner(shared, body);
    shared.busy.store(false, Ordering::SeqCst);
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
    let digital = digital_id(shared).to_string();
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
        let mut hash = wire::chain_hash(&previous, &record).unwrap_or_default();
        previous = hash.clone();
        if shared.options.fault == Some(Fault::WrongHash) {
            hash = wire::first_previous_hash();
        }
        entries.push(json!({
            "specVersion": "0.9.5",
            "data": match &shared.key {
                Some(key) => key.sign(data.as_bytes()),
                None => jws::b64_encode(data.as_bytes()),
            },
            "hash": hash,
            "error": { "errorCode": "0", "errorInfo": "Success" },
        }));
    }
    Answer::Json(json!({ "biometrics": entries }))
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

/// Grey pixels as a lossless JPEG 2000 codestream, with OpenJPEG's
/// pure-Rust port (its safe API writes through a file: a private temporary
/// one, removed at once).
pub fn jpeg2000_lossless(gray: &image::GrayImage) -> Result<Vec<u8>, String> {
    use openjp2::{Codec, OPJ_CLRSPC_GRAY, OPJ_CODEC_J2K, Stream, opj_cparameters_t};
    let (w, h) = gray.dimensions();
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
    let mut image = openjp2::opj_image::create(&[component], OPJ_CLRSPC_GRAY)
        .ok_or("the image cannot be made")?;
    image.x0 = 0;
    image.y0 = 0;
    image.x1 = w;
    image.y1 = h;
    let data: Vec<i32> = gray.as_raw().iter().map(|&p| i32::from(p)).collect();
    let set = image
        .comps_mut()
        .and_then(|comps| comps.first_mut())
        .is_some_and(|comp| comp.set_data(&data));
    if !set {
        return Err("the pixels cannot be set".into());
    }
    let mut params = opj_cparameters_t {
        tcp_numlayers: 1,
        cp_disto_alloc: 1,
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
