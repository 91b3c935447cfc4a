//! The kiosk's side of SBI: discovery, device info (its signature checked),
//! registration capture — each on the capture worker, never on the
//! window's thread — and the [`Scanner`] implementation the desk drives.
//!
//! What a capture must pass before its images are used: every entry free
//! of an SBI error, its data signed by the certificate the device info was
//! signed with (a live desk takes nothing unsigned), its hash following the
//! chain from the previous hash, its record a readable ISO/IEC 19794-4
//! finger image, and the fingers those asked for.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use super::jws;
use super::wire::{self, SbiError};
use crate::interchange::{face_image, finger_image};
use crate::model::Position;
use crate::scanner::{
    Capabilities, CaptureEvent, CaptureHandle, CaptureRequest, CaptureResult, CaptureTarget,
    CapturedImage, DeviceInfo, DeviceStatus, Scanner, ScannerError,
};

/// The largest answer read (ten 500-ppi prints in JPEG 2000 fit well).
const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// Longest wait for one port during discovery.
pub const DISCOVERY_TIMEOUT: Duration = Duration::from_millis(250);

/// A device service found by discovery.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Discovered {
    /// The port on 127.0.0.1 the service answered on.
    pub port: u16,
    /// The device's id as the service reports it.
    pub device_id: String,
    /// `Finger`, `Face`, …
    pub kind: String,
    /// The device's status as the service reports it (`Ready`, `Busy`…).
    pub status: String,
    /// Who made the device.
    pub make: String,
    /// The device's model.
    pub model: String,
    /// The device's serial number.
    pub serial: String,
    /// `Registration` or `Auth`: only a registration device may enrol.
    pub purpose: String,
    /// The sub-ids the device captures (the slaps: 1 left, 2 right, 3 thumbs).
    pub sub_ids: Vec<u8>,
}

/// Device info, its signature checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedInfo {
    /// The device's state.
    pub status: DeviceStatus,
    /// `Finger`, `Face`, … (the digital id's type).
    pub kind: String,
    /// The signing certificate's subject; `None`: unsigned (not registered).
    pub signer: Option<String>,
    /// SHA-256 of the signing certificate.
    pub certificate: Option<[u8; 32]>,
    /// `Registration` or `Auth`.
    pub purpose: String,
    /// Who made the device.
    pub make: String,
    /// The device's model.
    pub model: String,
    /// The device's serial number.
    pub serial: String,
    /// The device's id.
    pub device_id: String,
    /// The sub-ids the device captures.
    pub sub_ids: Vec<u8>,
}

/// What the desk accepts of a device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SbiPolicy {
    /// Devices without a signature, or not for registration: the
    /// supervisor may allow them in training mode only.
    pub allow_developer_devices: bool,
    /// The mission's quality threshold, sent as `requestedScore`.
    pub requested_score: u8,
    /// `env` as the mission's devices are registered.
    pub env: String,
}

impl Default for SbiPolicy {
    fn default() -> Self {
        SbiPolicy {
            allow_developer_devices: false,
            requested_score: 40,
            env: "Production".into(),
        }
    }
}

fn path_of(method: &str) -> &'static str {
    match method {
        wire::DISCOVER => "device",
        wire::INFO => "info",
        wire::CAPTURE => "capture",
        _ => "stream",
    }
}

/// One SBI call: the method, the JSON body, the answer as JSON.
fn call(port: u16, method: &str, body: &Value, timeout: Duration) -> Result<Value, ScannerError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .allow_non_standard_methods(true)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout.min(Duration::from_secs(2))))
        .build()
        .new_agent();
    let method_value = ureq::http::Method::from_bytes(method.as_bytes())
        .map_err(|e| ScannerError::Protocol(e.to_string()))?;
    let request = ureq::http::Request::builder()
        .method(method_value)
        .uri(format!("http://127.0.0.1:{port}/{}", path_of(method)))
        .header("EXT", "Beder")
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .map_err(|e| ScannerError::Protocol(e.to_string()))?;
    let mut response = agent.run(request).map_err(transport_error)?;
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
        .map_err(transport_error)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ScannerError::Protocol(format!("{method}: the answer is not JSON ({e})")))
}

/// A transport failure in the officer's terms: the device gone, or slow.
fn transport_error(error: ureq::Error) -> ScannerError {
    match error {
        ureq::Error::Timeout(_) => ScannerError::Timeout,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => ScannerError::Timeout,
        ureq::Error::Io(_)
        | ureq::Error::ConnectionFailed
        | ureq::Error::HostNotFound
        | ureq::Error::Protocol(_) => ScannerError::NotConnected,
        other => ScannerError::Protocol(other.to_string()),
    }
}

/// An SBI error in the officer's terms.
fn sbi_error(error: SbiError) -> ScannerError {
    let info = error.info.to_ascii_lowercase();
    match error.code.as_str() {
        "101" => ScannerError::NoFingerDetected,
        "106" => ScannerError::NotConnected,
        "109" => ScannerError::Unsupported(error.info),
        _ if info.contains("busy") => ScannerError::Busy,
        _ if info.contains("timeout") || info.contains("timed out") => ScannerError::Timeout,
        _ => ScannerError::Sbi {
            code: error.code,
            info: error.info,
        },
    }
}

/// The digital id inside a record: a JWS (device info and captures), or
/// base64url JSON (discovery: never signed), or — an unregistered
/// device's info — JSON text or an object; make, model, serial, type.
fn digital_id(value: &Value) -> Value {
    match value {
        Value::Object(_) => value.clone(),
        Value::String(text) if text.trim_start().starts_with('{') => {
            serde_json::from_str(text).unwrap_or(Value::Null)
        }
        Value::String(text) => jws::read(text)
            .ok()
            .and_then(|t| serde_json::from_slice(&t.payload).ok())
            .or_else(|| jws::b64_decode(text).and_then(|b| serde_json::from_slice(&b).ok()))
            .unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn field(value: &Value, name: &str) -> String {
    value.get(name).and_then(wire::text).unwrap_or_default()
}

fn sub_ids(value: &Value) -> Vec<u8> {
    wire::list(value.get("deviceSubId").unwrap_or(&Value::Null))
        .iter()
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// The device's type as its digital id says (`Finger` when it says none).
fn kind_of(digital: &Value) -> String {
    Some(field(digital, "type"))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "Finger".into())
}

/// Asks every port of 4501–4600 (ten at a time, each at most
/// [`DISCOVERY_TIMEOUT`]): the devices of the services that answer (one
/// service may hold several, e.g. a slap scanner and a camera).
pub fn discover(ports: std::ops::RangeInclusive<u16>) -> Vec<Discovered> {
    let ports: Vec<u16> = ports.collect();
    let mut found = Vec::new();
    for chunk in ports.chunks(10) {
        let (tx, rx) = mpsc::channel();
        for &port in chunk {
            let tx = tx.clone();
            std::thread::spawn(move || {
                let answer = call(
                    port,
                    wire::DISCOVER,
                    &json!({ "type": "Biometric Device" }),
                    DISCOVERY_TIMEOUT,
                );
                let _ = tx.send((port, answer));
            });
        }
        drop(tx);
        for (port, answer) in rx {
            let Ok(Value::Array(devices)) = answer else {
                continue;
            };
            for device in devices {
                if SbiError::of(&device).is_some() && device.get("deviceId").is_none() {
                    continue;
                }
                let digital = digital_id(device.get("digitalId").unwrap_or(&Value::Null));
                found.push(Discovered {
                    port,
                    device_id: field(&device, "deviceId"),
                    kind: kind_of(&digital),
                    status: field(&device, "deviceStatus"),
                    make: field(&digital, "make"),
                    model: field(&digital, "model"),
                    serial: Some(field(&digital, "serialNo"))
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| field(&device, "deviceCode")),
                    purpose: field(&device, "purpose"),
                    sub_ids: sub_ids(&device),
                });
            }
        }
    }
    found.sort_by(|a, b| (a.port, &a.device_id).cmp(&(b.port, &b.device_id)));
    found
}

fn status_of(text: &str) -> DeviceStatus {
    match text.trim().to_ascii_lowercase().as_str() {
        "ready" => DeviceStatus::Ready,
        "busy" => DeviceStatus::Busy,
        // "Not Ready", "Not Registered", or anything else.
        _ => DeviceStatus::NotReady,
    }
}

/// One entry of `MOSIPDINFO`'s answer: a JWS checked against the
/// certificate it carries, or — a device not registered — base64url JSON
/// (or an object), unsigned.
fn read_info(entry: &Value) -> Result<VerifiedInfo, ScannerError> {
    let token_value = wire::member(entry, "deviceInfo")
        .cloned()
        .unwrap_or(Value::Null);
    let unreadable = |what: &str| match SbiError::of(entry) {
        Some(e) => sbi_error(e),
        None => ScannerError::Protocol(format!("device info: {what}")),
    };
    let (payload, signer, certificate) = match &token_value {
        Value::String(token) if token.split('.').count() == 3 => {
            let token = jws::read(token).map_err(|e| ScannerError::Untrusted(e.to_string()))?;
            let payload: Value = serde_json::from_slice(&token.payload)
                .map_err(|e| ScannerError::Protocol(format!("device info: {e}")))?;
            (payload, token.signer, token.certificate)
        }
        Value::String(encoded) => {
            let payload: Value = jws::b64_decode(encoded)
                .and_then(|b| serde_json::from_slice(&b).ok())
                .ok_or_else(|| unreadable("neither signed nor readable"))?;
            (payload, None, None)
        }
        Value::Object(_) => (token_value.clone(), None, None),
        _ => return Err(unreadable("no deviceInfo")),
    };
    let digital = digital_id(payload.get("digitalId").unwrap_or(&Value::Null));
    Ok(VerifiedInfo {
        status: status_of(&field(&payload, "deviceStatus")),
        signer,
        certificate,
        purpose: field(&payload, "purpose"),
        kind: kind_of(&digital),
        make: field(&digital, "make"),
        model: field(&digital, "model"),
        serial: Some(field(&digital, "serialNo"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| field(&payload, "deviceCode")),
        device_id: field(&payload, "deviceId"),
        sub_ids: sub_ids(&payload),
    })
}

/// The info of the device of `kind` (`Finger`, `Face`) on `port` — the one
/// with `device_id` when it is known and still reported.
pub fn device_info(
    port: u16,
    kind: &str,
    device_id: Option<&str>,
    timeout: Duration,
) -> Result<VerifiedInfo, ScannerError> {
    let answer = call(port, wire::INFO, &json!({}), timeout)?;
    let entries = match answer {
        Value::Array(entries) => entries,
        other => vec![other],
    };
    let mut first_error = None;
    let mut of_kind = None;
    for entry in &entries {
        match read_info(entry) {
            Ok(info) => {
                if device_id.is_some_and(|id| !id.is_empty() && info.device_id == id) {
                    return Ok(info);
                }
                if info.kind.eq_ignore_ascii_case(kind) && of_kind.is_none() {
                    of_kind = Some(info);
                }
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    of_kind.ok_or_else(|| {
        first_error.unwrap_or_else(|| {
            ScannerError::Unsupported(format!("the service on port {port} has no {kind} device"))
        })
    })
}

/// A fingerprint scanner behind an SBI service.
pub struct SbiScanner {
    port: u16,
    info: DeviceInfo,
    verified: VerifiedInfo,
    policy: SbiPolicy,
    /// The capture chain's last hash (kept across captures of a session).
    previous_hash: Arc<Mutex<String>>,
    /// The device's status as last asked (the window reads it every frame
    /// and never waits for the network).
    status: StatusWatch,
}

/// A thread asking the device for its status a few times a second; it
/// stops when the scanner is dropped.
struct StatusWatch {
    status: Arc<Mutex<DeviceStatus>>,
    stop: Arc<AtomicBool>,
}

impl Drop for StatusWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// How often the status is asked.
const STATUS_EVERY: Duration = Duration::from_millis(300);

fn watch_status(port: u16, kind: &'static str, device_id: String) -> StatusWatch {
    let status = Arc::new(Mutex::new(DeviceStatus::Ready));
    let stop = Arc::new(AtomicBool::new(false));
    let (shared, stopped) = (Arc::clone(&status), Arc::clone(&stop));
    std::thread::spawn(move || {
        while !stopped.load(Ordering::SeqCst) {
            let now = match device_info(port, kind, Some(&device_id), Duration::from_millis(500)) {
                Ok(info) => info.status,
                Err(_) => DeviceStatus::Disconnected,
            };
            if let Ok(mut s) = shared.lock() {
                *s = now;
            }
            std::thread::park_timeout(STATUS_EVERY);
        }
    });
    StatusWatch { status, stop }
}

impl std::fmt::Debug for SbiScanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SbiScanner")
            .field("port", &self.port)
            .field("serial", &self.info.serial)
            .finish_non_exhaustive()
    }
}

impl SbiScanner {
    /// Connects to the fingerprint device of the service on `port`: its
    /// info must be signed and its purpose Registration, unless the policy
    /// allows developer devices (training mode only).
    pub fn connect(port: u16, policy: SbiPolicy) -> Result<Self, ScannerError> {
        let verified = device_info(port, "Finger", None, Duration::from_secs(3))?;
        check_trust(&verified, &policy)?;
        Ok(SbiScanner {
            port,
            info: DeviceInfo {
                vendor: verified.make.clone(),
                model: verified.model.clone(),
                serial: verified.serial.clone(),
                ppi: 500,
                capabilities: Capabilities {
                    single_flat: true,
                    slaps: true,
                    rolled: false,
                    palms: false,
                    live_preview: true,
                },
                certificate: verified.signer.clone(),
            },
            status: watch_status(port, "Finger", verified.device_id.clone()),
            verified,
            policy,
            previous_hash: Arc::new(Mutex::new(wire::first_previous_hash())),
        })
    }

    /// The subject of the device's certificate, when it signed.
    pub fn signer(&self) -> Option<&str> {
        self.verified.signer.as_deref()
    }

    /// The port of the device service.
    pub fn port(&self) -> u16 {
        self.port
    }
}

fn check_trust(info: &VerifiedInfo, policy: &SbiPolicy) -> Result<(), ScannerError> {
    if policy.allow_developer_devices {
        return Ok(());
    }
    if info.signer.is_none() {
        return Err(ScannerError::Untrusted(
            "the device is not registered: its info is not signed".into(),
        ));
    }
    // The training room's demonstration key is public: a device signing
    // with it proves nothing.
    let demo =
        jws::pem_certificate(super::device::DEMO_CERT_PEM).map(|d| jws::certificate_digest(&d));
    if info.certificate.is_some() && info.certificate == demo {
        return Err(ScannerError::Untrusted(
            "the device signs with the training room's demonstration certificate".into(),
        ));
    }
    if info.purpose != "Registration" {
        return Err(ScannerError::Untrusted(format!(
            "the device's purpose is {:?}, not Registration",
            info.purpose
        )));
    }
    Ok(())
}

impl Scanner for SbiScanner {
    fn info(&self) -> DeviceInfo {
        self.info.clone()
    }

    fn status(&self) -> DeviceStatus {
        self.status
            .status
            .lock()
            .map(|s| *s)
            .unwrap_or(DeviceStatus::Disconnected)
    }

    fn capture(&mut self, request: CaptureRequest) -> Result<CaptureHandle, ScannerError> {
        // A registration device takes slaps (4-4-2); one finger is its
        // slap with the others excepted.
        let (slap, request) = match request.target {
            CaptureTarget::Slap(slap) => (slap, request),
            CaptureTarget::Finger(finger) => {
                let slap = [
                    crate::model::SlapPosition::RightFour,
                    crate::model::SlapPosition::LeftFour,
                    crate::model::SlapPosition::BothThumbs,
                ]
                .into_iter()
                .find(|s| s.fingers().contains(&finger))
                .ok_or_else(|| ScannerError::Unsupported("no slap holds this finger".into()))?;
                let others: Vec<_> = slap
                    .fingers()
                    .iter()
                    .copied()
                    .filter(|f| *f != finger)
                    .collect();
                let mut as_slap = CaptureRequest::slap(slap, &others);
                as_slap.timeout = request.timeout;
                // What the desk asked for stays what it gets back.
                (
                    slap,
                    CaptureRequest {
                        target: CaptureTarget::Finger(finger),
                        ..as_slap
                    },
                )
            }
            CaptureTarget::Palm(_) => {
                return Err(ScannerError::Unsupported(
                    "an SBI registration device captures fingers, not palms".into(),
                ));
            }
        };
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_cancel = Arc::clone(&cancel);
        let target = Target {
            port: self.port,
            device_id: self.verified.device_id.clone(),
            policy: self.policy.clone(),
            signer: self.verified.signer.clone(),
        };
        let device = self.info.device_id();
        let chain = Arc::clone(&self.previous_hash);
        let worker = std::thread::spawn(move || {
            let done = Arc::new(AtomicBool::new(false));
            let outcome = (|| {
                // A device busy with another capture says so in its info;
                // asked before the preview starts (a stream makes some
                // services report Busy themselves).
                let now = device_info(
                    target.port,
                    "Finger",
                    Some(&target.device_id),
                    Duration::from_secs(2),
                )?;
                if now.status == DeviceStatus::Busy {
                    return Err(ScannerError::Busy);
                }
                // The stream first, as the specification orders them: the
                // capture waits (a second at most) for it to answer.
                let (preview_tx, preview_done) = (tx.clone(), Arc::clone(&done));
                let (port, id, sub_id) =
                    (target.port, target.device_id.clone(), wire::sub_id(slap));
                let timeout = request.timeout;
                let (started_tx, started) = mpsc::channel();
                std::thread::spawn(move || {
                    preview(
                        port,
                        &id,
                        sub_id,
                        timeout,
                        &preview_tx,
                        &preview_done,
                        &started_tx,
                    );
                });
                let _ = started.recv_timeout(Duration::from_secs(1));
                capture_slap(&target, slap, &request, &chain)
            })()
            .map(|images| CaptureResult {
                capture_id: 0,
                device_id: device,
                images,
                slap: None,
            });
            done.store(true, Ordering::SeqCst);
            let event = if worker_cancel.load(Ordering::SeqCst) {
                CaptureEvent::Failed(ScannerError::Cancelled)
            } else {
                match outcome {
                    Ok(result) => CaptureEvent::Done(result),
                    Err(e) => CaptureEvent::Failed(e),
                }
            };
            let _ = tx.send(event);
        });
        Ok(CaptureHandle::new(rx, cancel, Some(worker)))
    }

    fn reconnect(&mut self) -> Result<(), ScannerError> {
        let verified = device_info(self.port, "Finger", None, Duration::from_secs(3))?;
        check_trust(&verified, &self.policy)?;
        if verified.device_id != self.verified.device_id {
            self.status = watch_status(self.port, "Finger", verified.device_id.clone());
        }
        self.verified = verified;
        Ok(())
    }
}

/// Which device a capture goes to, and what its answers must carry.
#[derive(Debug, Clone)]
struct Target {
    port: u16,
    device_id: String,
    policy: SbiPolicy,
    /// The certificate subject the device info was signed with.
    signer: Option<String>,
}

/// What one RCAPTURE asks of the device.
struct BioRequest<'a> {
    kind: &'a str,
    sub_id: u8,
    count: usize,
    sub_types: Vec<&'static str>,
    exceptions: Vec<&'static str>,
    timeout: Duration,
}

/// One RCAPTURE, each entry of its answer checked: free of an SBI error,
/// signed by the device info's certificate (a live desk takes nothing
/// unsigned), its hash following the chain from `chain`'s last hash. The
/// data and the biometric record of each entry; the chain moves on only
/// when all of them pass.
fn rcapture(
    target: &Target,
    bio: &BioRequest<'_>,
    chain: &Mutex<String>,
) -> Result<Vec<(Value, Vec<u8>)>, ScannerError> {
    let previous = chain
        .lock()
        .map(|h| h.clone())
        .unwrap_or_else(|p| p.into_inner().clone());
    let timeout_ms = u64::try_from(bio.timeout.as_millis()).unwrap_or(wire::DEFAULT_TIMEOUT_MS);
    let body = json!({
        "env": target.policy.env,
        "purpose": "Registration",
        "specVersion": "0.9.5",
        "timeout": timeout_ms.to_string(),
        "captureTime": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "transactionId": format!("BDR-{}", chrono::Utc::now().timestamp_micros()),
        "bio": [{
            "type": bio.kind,
            "count": bio.count.to_string(),
            "bioSubType": bio.sub_types,
            "exception": bio.exceptions,
            "requestedScore": target.policy.requested_score.to_string(),
            "deviceId": target.device_id,
            "deviceSubId": bio.sub_id.to_string(),
            "previousHash": previous,
        }],
        "customOpts": null,
    });
    let answer = call(
        target.port,
        wire::CAPTURE,
        &body,
        bio.timeout + Duration::from_secs(5),
    )?;
    let entries = answer
        .get("biometrics")
        .and_then(Value::as_array)
        .ok_or_else(|| match SbiError::of(&answer) {
            Some(e) => sbi_error(e),
            None => ScannerError::Protocol("the capture holds no biometrics".into()),
        })?;
    let mut previous = previous;
    let mut out = Vec::new();
    for entry in entries {
        if let Some(error) = SbiError::of(entry) {
            return Err(sbi_error(error));
        }
        let data_value = entry.get("data").cloned().unwrap_or(Value::Null);
        let (data, entry_signer) = match &data_value {
            Value::String(token) if token.split('.').count() == 3 => {
                let token = jws::read(token).map_err(|e| ScannerError::Untrusted(e.to_string()))?;
                let data: Value = serde_json::from_slice(&token.payload)
                    .map_err(|e| ScannerError::Protocol(format!("capture data: {e}")))?;
                (data, token.signer)
            }
            Value::String(encoded) => (
                jws::b64_decode(encoded)
                    .and_then(|b| serde_json::from_slice(&b).ok())
                    .ok_or_else(|| ScannerError::Protocol("capture data: not readable".into()))?,
                None,
            ),
            Value::Object(_) => (data_value.clone(), None),
            _ => {
                return Err(ScannerError::Protocol(
                    "a capture entry without data".into(),
                ));
            }
        };
        if !target.policy.allow_developer_devices
            && (entry_signer.is_none() || entry_signer != target.signer)
        {
            return Err(ScannerError::Untrusted(
                "a capture not signed by the device's certificate".into(),
            ));
        }
        let record = jws::b64_decode(&field(&data, "bioValue"))
            .ok_or_else(|| ScannerError::Protocol("bioValue is not base64url".into()))?;
        let hash = field(entry, "hash");
        let expected_hash = wire::chain_hash(&previous, &record)
            .ok_or_else(|| ScannerError::Protocol("the previous hash is not hex".into()))?;
        if !hash.trim().eq_ignore_ascii_case(&expected_hash) {
            return Err(ScannerError::Protocol(
                "the capture's hash does not follow the chain: the data may have been altered"
                    .into(),
            ));
        }
        previous = expected_hash;
        out.push((data, record));
    }
    if let Ok(mut last) = chain.lock() {
        *last = previous;
    }
    Ok(out)
}

fn device_quality(data: &Value) -> Option<u8> {
    data.get("qualityScore")
        .and_then(wire::number)
        .map(|q| q.round().clamp(0.0, 100.0) as u8)
}

/// One RCAPTURE of a slap, checked all the way down to the pixels.
fn capture_slap(
    target: &Target,
    slap: crate::model::SlapPosition,
    request: &CaptureRequest,
    chain: &Mutex<String>,
) -> Result<Vec<CapturedImage>, ScannerError> {
    let expected: Vec<_> = request
        .expected_positions()
        .into_iter()
        .filter_map(|p| match p {
            Position::Finger(f) => Some(f),
            Position::Palm(_) => None,
        })
        .collect();
    // The chain is checked on a copy: a capture refused below leaves it
    // where it was.
    let trial = Mutex::new(
        chain
            .lock()
            .map(|h| h.clone())
            .unwrap_or_else(|p| p.into_inner().clone()),
    );
    let entries = rcapture(
        target,
        &BioRequest {
            kind: "Finger",
            sub_id: wire::sub_id(slap),
            count: expected.len(),
            sub_types: expected.iter().map(|f| wire::finger_name(*f)).collect(),
            exceptions: request
                .excepted
                .iter()
                .map(|f| wire::finger_name(*f))
                .collect(),
            timeout: request.timeout,
        },
        &trial,
    )?;
    let mut images = Vec::new();
    for (data, record) in entries {
        let finger = wire::finger_from_name(&field(&data, "bioSubType"));
        let representations =
            finger_image::decode(&record).map_err(|e| ScannerError::Protocol(e.to_string()))?;
        let Some(representation) = representations.first() else {
            return Err(ScannerError::Protocol(
                "an empty ISO/IEC 19794-4 record".into(),
            ));
        };
        let finger = finger
            .or_else(|| crate::model::FingerPosition::from_code(representation.position))
            .ok_or_else(|| ScannerError::Protocol("a capture of no known finger".into()))?;
        let pixels = representation
            .pixels()
            .map_err(|e| ScannerError::Protocol(e.to_string()))?;
        images.push(CapturedImage {
            position: Position::Finger(finger),
            image: pixels,
            ppi: representation.ppi,
            device_quality: device_quality(&data),
        });
    }
    let got: Vec<_> = images
        .iter()
        .filter_map(|i| match i.position {
            Position::Finger(f) => Some(f),
            Position::Palm(_) => None,
        })
        .collect();
    if expected.iter().any(|f| !got.contains(f)) || got.len() != expected.len() {
        return Err(ScannerError::WrongFingerCount {
            expected: expected.len(),
            found: got.len(),
        });
    }
    if let (Ok(mut last), Ok(tried)) = (chain.lock(), trial.lock()) {
        *last = tried.clone();
    }
    Ok(images)
}

/// A photograph from an SBI `Face` device (п.7).
#[derive(Clone)]
pub struct FacePhoto {
    /// The photograph, in colour.
    pub image: image::RgbImage,
    /// The device's own quality score (0–100), when it gives one.
    pub device_quality: Option<u8>,
}

impl std::fmt::Debug for FacePhoto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FacePhoto")
            .field("size", &self.image.dimensions())
            .field("device_quality", &self.device_quality)
            .finish()
    }
}

/// The camera behind an SBI service, for the applicant's photograph. Its
/// calls block: the desk makes them on a thread of their own.
#[derive(Clone)]
pub struct SbiCamera {
    target: Target,
    verified: VerifiedInfo,
    previous_hash: Arc<Mutex<String>>,
}

impl std::fmt::Debug for SbiCamera {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SbiCamera")
            .field("port", &self.target.port)
            .field("serial", &self.verified.serial)
            .finish_non_exhaustive()
    }
}

impl SbiCamera {
    /// Connects to the `Face` device of the service on `port`, trusted as
    /// a fingerprint scanner is (see [`SbiPolicy`]).
    pub fn connect(port: u16, policy: SbiPolicy) -> Result<Self, ScannerError> {
        let verified = device_info(port, "Face", None, Duration::from_secs(3))?;
        check_trust(&verified, &policy)?;
        Ok(SbiCamera {
            target: Target {
                port,
                device_id: verified.device_id.clone(),
                policy,
                signer: verified.signer.clone(),
            },
            verified,
            previous_hash: Arc::new(Mutex::new(wire::first_previous_hash())),
        })
    }

    /// The port of the device service.
    pub fn port(&self) -> u16 {
        self.target.port
    }

    /// Make, model and serial, as the device reports them.
    pub fn describe(&self) -> String {
        format!(
            "{} {} {}",
            self.verified.make, self.verified.model, self.verified.serial
        )
        .trim()
        .to_string()
    }

    /// Takes the photograph: an ISO/IEC 19794-5 record (or a bare JPEG or
    /// PNG, as some cameras send) checked like a fingerprint capture.
    pub fn capture(&self, timeout: Duration) -> Result<FacePhoto, ScannerError> {
        let now = device_info(
            self.target.port,
            "Face",
            Some(&self.target.device_id),
            Duration::from_secs(2),
        )?;
        if now.status == DeviceStatus::Busy {
            return Err(ScannerError::Busy);
        }
        let sub_id = self.verified.sub_ids.first().copied().unwrap_or(0);
        let trial = Mutex::new(
            self.previous_hash
                .lock()
                .map(|h| h.clone())
                .unwrap_or_else(|p| p.into_inner().clone()),
        );
        let entries = rcapture(
            &self.target,
            &BioRequest {
                kind: "Face",
                sub_id,
                count: 1,
                sub_types: Vec::new(),
                exceptions: Vec::new(),
                timeout,
            },
            &trial,
        )?;
        let Some((data, record)) = entries.into_iter().next() else {
            return Err(ScannerError::Protocol(
                "the capture holds no photograph".into(),
            ));
        };
        let image = photo_pixels(&record)?;
        if let (Ok(mut last), Ok(tried)) = (self.previous_hash.lock(), trial.lock()) {
            *last = tried.clone();
        }
        Ok(FacePhoto {
            image,
            device_quality: device_quality(&data),
        })
    }
}

/// A Face device's record as RGB pixels.
fn photo_pixels(record: &[u8]) -> Result<image::RgbImage, ScannerError> {
    let bad = |e: String| ScannerError::Protocol(e);
    if record.starts_with(b"FAC\0") {
        let images = face_image::decode(record).map_err(|e| bad(e.to_string()))?;
        let first = images
            .first()
            .ok_or_else(|| bad("an empty ISO/IEC 19794-5 record".into()))?;
        return first.pixels().map_err(|e| bad(e.to_string()));
    }
    let coding = if record.starts_with(&[0xFF, 0xD8]) {
        face_image::FaceCoding::Jpeg
    } else if record.starts_with(b"\x89PNG") {
        face_image::FaceCoding::Png
    } else {
        return Err(bad(
            "the photograph is neither an ISO/IEC 19794-5 record nor a JPEG or PNG image".into(),
        ));
    };
    let dimensions = image::ImageReader::new(std::io::Cursor::new(record))
        .with_guessed_format()
        .map_err(|e| bad(e.to_string()))?
        .into_dimensions()
        .map_err(|e| bad(e.to_string()))?;
    let (width, height) = (
        u16::try_from(dimensions.0).map_err(|_| bad("the photograph is too wide".into()))?,
        u16::try_from(dimensions.1).map_err(|_| bad("the photograph is too tall".into()))?,
    );
    face_image::FaceImage {
        captured_at: None,
        quality: None,
        image_type: 1,
        coding,
        width,
        height,
        data: record.to_vec(),
    }
    .pixels()
    .map_err(|e| bad(e.to_string()))
}

/// The live preview while the fingers are placed: `STREAM`'s M-JPEG
/// frames (each JPEG between its SOI and EOI markers) as preview events,
/// until the capture ends or the stream does. A device without a stream
/// simply shows none.
fn preview(
    port: u16,
    device_id: &str,
    sub_id: u8,
    timeout: Duration,
    tx: &mpsc::Sender<CaptureEvent>,
    done: &AtomicBool,
    started: &mpsc::Sender<()>,
) {
    use std::io::Read;
    // Whatever becomes of the stream, the capture is let go.
    struct Started<'a>(&'a mpsc::Sender<()>);
    impl Drop for Started<'_> {
        fn drop(&mut self) {
            let _ = self.0.send(());
        }
    }
    let started = Started(started);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .allow_non_standard_methods(true)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .build()
        .new_agent();
    let Ok(method) = ureq::http::Method::from_bytes(wire::STREAM.as_bytes()) else {
        return;
    };
    let Ok(request) = ureq::http::Request::builder()
        .method(method)
        .uri(format!("http://127.0.0.1:{port}/stream"))
        .header("EXT", "Beder")
        .body(
            json!({
                "deviceId": device_id,
                "deviceSubId": sub_id.to_string(),
                "timeout": timeout.as_millis().to_string(),
            })
            .to_string(),
        )
    else {
        return;
    };
    let Ok(response) = agent.run(request) else {
        return;
    };
    drop(started);
    let mut reader = response.into_body().into_reader().take(MAX_BODY_BYTES);
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    while !done.load(Ordering::SeqCst) {
        let Ok(n) = reader.read(&mut chunk) else {
            return;
        };
        if n == 0 {
            return;
        }
        buffer.extend_from_slice(&chunk[..n]);
        while let Some((start, end)) = jpeg_bounds(&buffer) {
            if let Ok(frame) = image::load_from_memory(&buffer[start..end])
                && (done.load(Ordering::SeqCst)
                    || tx.send(CaptureEvent::Preview(frame.to_luma8())).is_err())
            {
                return;
            }
            buffer.drain(..end);
        }
    }
}

/// Where the first whole JPEG in `bytes` starts and ends.
fn jpeg_bounds(bytes: &[u8]) -> Option<(usize, usize)> {
    let start = bytes.windows(2).position(|w| w == [0xFF, 0xD8])?;
    let end = bytes[start..].windows(2).position(|w| w == [0xFF, 0xD9])? + start + 2;
    Some((start, end))
}
