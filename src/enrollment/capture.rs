//! The capture step (п.10) as data: which positions to print and in what
//! order, each position's attempts, quality and status, the exceptions the
//! officer sets, the sequence check, and the biometric rows that are saved.
//!
//! The device work runs on a worker ([`CaptureRunner`]): the scanner's own
//! thread takes the image, the runner's thread extracts the minutiae and
//! scores the quality, and the kiosk only polls. Nothing here draws.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use chrono::{DateTime, Utc};
use image::GrayImage;

use crate::biometrics::extract::extract;
use crate::biometrics::image::FingerImage;
use crate::biometrics::iso::{self, encode_2011};
use crate::biometrics::matcher::{Matcher, SequenceIssue, sequence_check};
use crate::biometrics::quality::{AttemptDecision, QualityPolicy, quality};
use crate::biometrics::template::FingerTemplate;
use crate::model::{
    BiometricRecord, CapturedImpression, DefectMark, ExceptionReason, FingerPosition, ForceReason,
    ImpressionKind, PalmPosition, Position, SlapPosition, Template,
};
use crate::regulation::{
    CapturePlan, PrintabilityFinding, capture_plan, lacks_all_fingers_or_palms,
};
use crate::scanner::{
    Capabilities, CaptureEvent, CaptureRequest, CaptureTarget, CapturedImage, Scanner, ScannerError,
};

/// The template format written for every finger (ISO/IEC 19794-2:2011 with
/// ISO's directions; older rows carry [`iso::LEGACY_STORED_FORMAT`]).
pub const TEMPLATE_FORMAT: &str = iso::STORED_FORMAT;

/// Longest side of the thumbnails the panel shows.
const THUMBNAIL_SIDE: u32 = 160;

/// One processed impression: what is kept, and what the panel shows.
#[derive(Clone)]
pub struct Impression {
    pub position: Position,
    pub kind: ImpressionKind,
    /// Lossless PNG at the device's resolution.
    pub png: Vec<u8>,
    pub ppi: u16,
    /// Beder's quality score, 0–100.
    pub quality: u8,
    /// The device's own score (an SBI `qualityScore`), kept beside ours.
    pub device_quality: Option<u8>,
    /// Fingers only (and palms, in memory); `None` when no minutiae could
    /// be found.
    pub template: Option<FingerTemplate>,
    pub thumbnail: GrayImage,
    pub device_id: String,
    pub captured_at: DateTime<Utc>,
}

impl Impression {
    /// The quality the capture policy decides on: ours, or the device's
    /// when it says worse.
    pub fn decisive_quality(&self) -> u8 {
        self.device_quality
            .map_or(self.quality, |d| d.min(self.quality))
    }
}

impl Impression {
    /// The template as it is stored: a finger's, in ISO/IEC 19794-2:2011
    /// (a palm's minutiae are not stored: the standard has no palm
    /// positions).
    pub fn stored_template(&self) -> Option<Template> {
        match self.position {
            Position::Finger(_) => self.template.as_ref().and_then(|t| {
                encode_2011(std::slice::from_ref(t))
                    .ok()
                    .map(|data| Template {
                        format: TEMPLATE_FORMAT.into(),
                        data,
                    })
            }),
            Position::Palm(_) => None,
        }
    }
}

impl std::fmt::Debug for Impression {
    // Biometric data never goes to logs or panic messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Impression")
            .field("position", &self.position)
            .field("quality", &self.quality)
            .finish_non_exhaustive()
    }
}

/// Extracts, scores and encodes one image from the device (the runner does
/// this off the UI thread).
pub fn process_image(
    captured: &CapturedImage,
    kind: ImpressionKind,
    device_id: &str,
    at: DateTime<Utc>,
) -> Impression {
    let image = FingerImage {
        image: captured.image.clone(),
        ppi: captured.ppi,
    };
    let (template, score) = match captured.position {
        Position::Finger(finger) => match extract(&image) {
            Ok(mut template) => {
                let q = quality(&image, template.minutiae.len()).score;
                template.quality = q;
                template.position = Some(finger);
                template.impression = kind;
                (Some(template), q)
            }
            Err(_) => (None, 0),
        },
        // A palm's minutiae serve its verification (п.11 against a record
        // with palms only); they are not stored (ISO/IEC 19794-2 has no
        // palm positions). Its quality is the ridge area and clarity alone.
        Position::Palm(_) => (
            crate::biometrics::palm::palm_template(&image).ok(),
            quality(&image, 35).score,
        ),
    };
    let (w, h) = (image.width().max(1), image.height().max(1));
    let scale = f64::from(THUMBNAIL_SIDE) / f64::from(w.max(h));
    let thumbnail = if scale < 1.0 {
        image::imageops::thumbnail(
            &image.image,
            ((f64::from(w) * scale).round() as u32).max(1),
            ((f64::from(h) * scale).round() as u32).max(1),
        )
    } else {
        image.image.clone()
    };
    Impression {
        position: captured.position,
        kind,
        png: image.to_png(),
        ppi: captured.ppi,
        quality: score,
        device_quality: captured.device_quality,
        template,
        thumbnail,
        device_id: device_id.to_string(),
        captured_at: at,
    }
}

/// A finished capture, processed.
#[derive(Debug, Clone)]
pub struct ProcessedCapture {
    pub request: CaptureRequest,
    pub impressions: Vec<Impression>,
}

/// Where a position stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotStatus {
    ToDo,
    /// Below the quality threshold: another attempt is due.
    Recapture,
    /// The sequence check found this position holding another finger:
    /// recapture before going on.
    SequenceRecapture,
    /// Attempts used up below the threshold: the officer accepts the best
    /// one as force-captured, with a reason, or sets an exception.
    AwaitingForce,
    Accepted,
    ForceCaptured(ForceReason),
    Excepted(ExceptionReason),
}

impl SlotStatus {
    pub fn message_key(self) -> &'static str {
        match self {
            SlotStatus::ToDo => "capture-status-to-do",
            SlotStatus::Recapture => "capture-status-recapture",
            SlotStatus::SequenceRecapture => "capture-status-sequence",
            SlotStatus::AwaitingForce => "capture-status-awaiting-force",
            SlotStatus::Accepted => "capture-status-accepted",
            SlotStatus::ForceCaptured(_) => "capture-status-force-captured",
            SlotStatus::Excepted(reason) => reason.message_key(),
        }
    }

    fn needs_capture(self) -> bool {
        matches!(
            self,
            SlotStatus::ToDo | SlotStatus::Recapture | SlotStatus::SequenceRecapture
        )
    }

    fn is_done(self) -> bool {
        matches!(self, SlotStatus::Accepted | SlotStatus::ForceCaptured(_))
    }
}

/// One position on the panel.
#[derive(Debug, Clone)]
pub struct Slot {
    pub status: SlotStatus,
    /// Every attempt made at this position, as recorded.
    pub attempts: u8,
    /// Attempts since the last reset by the sequence check (what the quality
    /// policy counts).
    tries: u8,
    /// The best impression so far.
    pub best: Option<Impression>,
    /// The quality of the latest attempt.
    pub last_quality: Option<u8>,
}

impl Slot {
    fn new() -> Self {
        Slot {
            status: SlotStatus::ToDo,
            attempts: 0,
            tries: 0,
            best: None,
            last_quality: None,
        }
    }
}

/// Why a capture result was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureProblem {
    /// The slap showed fewer (or other) fingers than expected and no
    /// exception explains it.
    WrongFingers { expected: usize, found: usize },
    /// The result does not belong to anything the plan still needs.
    NotExpected,
}

impl CaptureProblem {
    pub fn message_key(&self) -> &'static str {
        match self {
            CaptureProblem::WrongFingers { .. } => "capture-error-wrong-fingers",
            CaptureProblem::NotExpected => "capture-error-not-expected",
        }
    }
}

/// What an accepted result did.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    /// The impressions were scored; see each slot's status.
    Scored,
    /// The sequence check stopped the flow: the positions named must be
    /// recaptured.
    SequenceIssues(Vec<SequenceIssue>),
}

/// The capture step of one applicant.
#[derive(Debug, Clone)]
pub struct CaptureSession {
    policy: QualityPolicy,
    capabilities: Capabilities,
    /// Re-fingerprinting a record that holds palms (п.13): the ten fingers
    /// *and* the palms are retaken.
    palms_too: bool,
    finding: PrintabilityFinding,
    /// Positions ordered anatomically (right thumb … left little, then
    /// the palms): the order rows are saved and shown in.
    slots: BTreeMap<Position, Slot>,
    issues: Vec<SequenceIssue>,
    /// Counts every change (an impression taken, an exception set or
    /// lifted, a force capture, a recapture): what was decided on the
    /// prints (the duplicate check) is stale once it moves.
    revision: u64,
}

/// The order fingers are printed one by one: right thumb to right little,
/// then left thumb to left little (ANSI/NIST-ITL order, as on the card).
pub const FINGER_ORDER: [FingerPosition; 10] = FingerPosition::ALL;

/// The 4-4-2 order: right four, left four, both thumbs.
pub const SLAP_ORDER: [SlapPosition; 3] = [
    SlapPosition::RightFour,
    SlapPosition::LeftFour,
    SlapPosition::BothThumbs,
];

impl CaptureSession {
    pub fn new(policy: QualityPolicy, capabilities: Capabilities) -> Self {
        let slots = FingerPosition::ALL
            .into_iter()
            .map(Position::Finger)
            .chain(PalmPosition::FULL_PALMS.into_iter().map(Position::Palm))
            .map(|p| (p, Slot::new()))
            .collect();
        CaptureSession {
            policy,
            capabilities,
            palms_too: false,
            finding: PrintabilityFinding::default(),
            slots,
            issues: Vec::new(),
            revision: 0,
        }
    }

    /// Re-fingerprinting (п.13): the biometric part is replaced as a whole —
    /// the ten fingers, and the palms too where the record holds palms —
    /// with exceptions for what cannot be printed, never a subset.
    pub fn refingerprint(
        policy: QualityPolicy,
        capabilities: Capabilities,
        record_has_palms: bool,
    ) -> Self {
        CaptureSession {
            palms_too: record_has_palms,
            ..CaptureSession::new(policy, capabilities)
        }
    }

    /// The palms are retaken besides the fingers (п.13 on a record with
    /// palms).
    pub fn palms_too(&self) -> bool {
        self.palms_too
    }

    /// Changes with every impression, exception or decision on a position.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The officer's exceptions make the person one who lacks all fingers
    /// or both palms: a legal exemption (п.4.4), not a capture.
    pub fn lacks_all_fingers_or_palms(&self) -> bool {
        lacks_all_fingers_or_palms(&self.finding)
    }

    /// What the officer found: every excepted position and its reason.
    pub fn finding(&self) -> &PrintabilityFinding {
        &self.finding
    }

    pub fn policy(&self) -> QualityPolicy {
        self.policy
    }

    /// The plan of п.10 for what the officer has found so far.
    pub fn plan(&self) -> CapturePlan {
        capture_plan(&self.finding)
    }

    pub fn slot(&self, position: Position) -> Option<&Slot> {
        self.slots.get(&position)
    }

    /// The open sequence-check findings (cleared once recaptured).
    pub fn issues(&self) -> &[SequenceIssue] {
        &self.issues
    }

    /// Sets (or, with `None`, lifts) an exception on a finger or palm. An
    /// exception on all ten fingers turns the plan to the palms; on both
    /// palms as well, to no prints and the defect mark (п.10).
    pub fn set_exception(&mut self, position: Position, reason: Option<ExceptionReason>) {
        self.revision += 1;
        match (position, reason) {
            (Position::Finger(f), Some(r)) => {
                self.finding.fingers.insert(f, r);
            }
            (Position::Finger(f), None) => {
                self.finding.fingers.remove(&f);
            }
            (Position::Palm(p), Some(r)) => {
                self.finding.palms.insert(p, r);
            }
            (Position::Palm(p), None) => {
                self.finding.palms.remove(&p);
            }
        }
        if let Some(slot) = self.slots.get_mut(&position) {
            match reason {
                Some(r) => {
                    slot.status = SlotStatus::Excepted(r);
                    slot.best = None;
                }
                None => {
                    *slot = Slot {
                        attempts: slot.attempts,
                        ..Slot::new()
                    }
                }
            }
        }
        self.issues.retain(|issue| !issue_involves(issue, position));
    }

    /// The positions the plan asks to print.
    pub fn needed(&self) -> Vec<Position> {
        match self.plan() {
            CapturePlan::Fingers { capture, .. } => {
                let mut needed: Vec<Position> = capture.into_iter().map(Position::Finger).collect();
                if self.palms_too {
                    needed.extend(
                        PalmPosition::FULL_PALMS
                            .into_iter()
                            .filter(|p| !self.finding.palms.contains_key(p))
                            .map(Position::Palm),
                    );
                }
                needed
            }
            CapturePlan::Palms { capture, .. } => capture.into_iter().map(Position::Palm).collect(),
            CapturePlan::NoPrints { .. } => Vec::new(),
        }
    }

    fn status(&self, position: Position) -> SlotStatus {
        self.slots
            .get(&position)
            .map_or(SlotStatus::ToDo, |s| s.status)
    }

    /// The next capture to ask the device for, or `None` when nothing is
    /// due (all done, or the officer must decide on a force capture).
    pub fn next_request(&self) -> Option<CaptureRequest> {
        let needed = self.needed();
        if needed
            .iter()
            .any(|p| self.status(*p) == SlotStatus::AwaitingForce)
        {
            return None;
        }
        let fresh = |f: &FingerPosition| {
            let p = Position::Finger(*f);
            needed.contains(&p)
                && self.status(p) == SlotStatus::ToDo
                && self.slots.get(&p).is_some_and(|s| s.tries == 0)
        };
        if self.capabilities.slaps && matches!(self.plan(), CapturePlan::Fingers { .. }) {
            for slap in SLAP_ORDER {
                let group: Vec<FingerPosition> = slap
                    .fingers()
                    .iter()
                    .copied()
                    .filter(|f| needed.contains(&Position::Finger(*f)))
                    .collect();
                if group.len() > 1 && group.iter().all(fresh) {
                    let excepted: Vec<FingerPosition> = slap
                        .fingers()
                        .iter()
                        .copied()
                        .filter(|f| !group.contains(f))
                        .collect();
                    return Some(CaptureRequest::slap(slap, &excepted));
                }
            }
        }
        needed
            .into_iter()
            .find(|p| self.status(*p).needs_capture())
            .map(|p| match p {
                Position::Finger(f) => CaptureRequest::finger(f),
                Position::Palm(palm) => CaptureRequest::palm(palm),
            })
    }

    /// Every position the plan needs is accepted or force-captured.
    pub fn is_complete(&self) -> bool {
        self.issues.is_empty() && self.needed().iter().all(|p| self.status(*p).is_done())
    }

    /// Takes a processed capture: checks the fingers against what was asked,
    /// runs the sequence check against the fingers already taken, then
    /// scores each impression against the quality policy.
    pub fn apply(
        &mut self,
        capture: ProcessedCapture,
        matcher: &dyn Matcher,
    ) -> Result<Applied, CaptureProblem> {
        let expected = capture.request.expected_positions();
        let needed = self.needed();
        self.revision += 1;
        if expected.iter().any(|p| !needed.contains(p)) {
            return Err(CaptureProblem::NotExpected);
        }
        let mut got: Vec<Position> = capture.impressions.iter().map(|i| i.position).collect();
        got.sort();
        got.dedup();
        let mut want = expected.clone();
        want.sort();
        if got != want || capture.impressions.len() != expected.len() {
            return Err(CaptureProblem::WrongFingers {
                expected: expected.len(),
                found: capture.impressions.len(),
            });
        }

        // Sequence check: the new fingers against the accepted ones.
        let new_positions: Vec<Position> = expected.clone();
        let accepted: Vec<(FingerPosition, &FingerTemplate)> = self
            .slots
            .iter()
            .filter(|(p, s)| s.status.is_done() && !new_positions.contains(p))
            .filter_map(|(p, s)| match (p, s.best.as_ref()?.template.as_ref()) {
                (Position::Finger(f), Some(t)) => Some((*f, t)),
                _ => None,
            })
            .collect();
        let new: Vec<(FingerPosition, &FingerTemplate)> = capture
            .impressions
            .iter()
            .filter_map(|i| match (i.position, i.template.as_ref()) {
                (Position::Finger(f), Some(t)) => Some((f, t)),
                _ => None,
            })
            .collect();
        let issues = sequence_check(matcher, &accepted, &new);
        let involved: Vec<Position> = self
            .slots
            .keys()
            .copied()
            .filter(|p| issues.iter().any(|i| issue_involves(i, *p)))
            .collect();

        for impression in capture.impressions {
            let position = impression.position;
            let Some(slot) = self.slots.get_mut(&position) else {
                continue;
            };
            // A finger is kept with its template, always: an impression
            // with no minutiae (or none the record format can hold) counts
            // as an attempt of quality 0 and is never kept as the best.
            let usable = match position {
                Position::Finger(_) => impression
                    .template
                    .as_ref()
                    .is_some_and(|t| encode_2011(std::slice::from_ref(t)).is_ok()),
                Position::Palm(_) => true,
            };
            slot.attempts = slot.attempts.saturating_add(1);
            slot.last_quality = Some(if usable {
                impression.decisive_quality()
            } else {
                0
            });
            if involved.contains(&position) {
                continue;
            }
            slot.tries = slot.tries.saturating_add(1);
            if usable
                && slot
                    .best
                    .as_ref()
                    .is_none_or(|b| impression.decisive_quality() > b.decisive_quality())
            {
                slot.best = Some(impression);
            }
            let best = slot.best.as_ref().map_or(0, |b| b.decisive_quality());
            slot.status = match (self.policy.decide(best, slot.tries), slot.best.is_some()) {
                // Nothing usable yet: take it again (or the officer records
                // an exception); there is nothing to force-capture.
                (_, false) | (AttemptDecision::Recapture, true) => SlotStatus::Recapture,
                (AttemptDecision::Accept, true) => SlotStatus::Accepted,
                (AttemptDecision::ForceCaptureBest, true) => SlotStatus::AwaitingForce,
            };
        }
        // Every position a finding names is recaptured: which of the two
        // impressions is the wrong one cannot be told from the images.
        for position in &involved {
            if let Some(slot) = self.slots.get_mut(position) {
                slot.status = SlotStatus::SequenceRecapture;
                slot.best = None;
                slot.tries = 0;
            }
        }
        // Findings on positions recaptured since are settled.
        self.issues
            .retain(|issue| !new_positions.iter().any(|p| issue_involves(issue, *p)));
        if issues.is_empty() {
            Ok(Applied::Scored)
        } else {
            self.issues.extend(issues.iter().cloned());
            Ok(Applied::SequenceIssues(issues))
        }
    }

    /// Accepts the best impression of a position whose attempts are used up,
    /// flagged as force-captured with the officer's reason.
    pub fn force_capture(&mut self, position: Position, reason: ForceReason) -> bool {
        match self.slots.get_mut(&position) {
            Some(slot) if slot.status == SlotStatus::AwaitingForce && slot.best.is_some() => {
                slot.status = SlotStatus::ForceCaptured(reason);
                self.revision += 1;
                true
            }
            _ => false,
        }
    }

    /// The officer wants another impression of an accepted position.
    pub fn recapture(&mut self, position: Position) {
        if let Some(slot) = self.slots.get_mut(&position)
            && slot.status.is_done()
        {
            slot.status = SlotStatus::Recapture;
            slot.tries = 0;
            self.revision += 1;
        }
    }

    /// The mark about physical defects, when the plan needs one (п.10).
    pub fn defect_mark(&self) -> Option<DefectMark> {
        self.plan().defect_mark()
    }

    /// The rows saved with the registration: every finger (captured or
    /// excepted) and, when the palms were printed or are impossible, the
    /// palms.
    pub fn records(&self) -> Vec<BiometricRecord> {
        let plan = self.plan();
        let palms_apply = self.palms_too || !matches!(plan, CapturePlan::Fingers { .. });
        let mut out = Vec::new();
        for (position, slot) in &self.slots {
            if matches!(position, Position::Palm(_)) && !palms_apply {
                continue;
            }
            let exception = match slot.status {
                SlotStatus::Excepted(reason) => Some(reason),
                _ => None,
            };
            let capture = match (exception, slot.status, slot.best.as_ref()) {
                (None, SlotStatus::Accepted | SlotStatus::ForceCaptured(_), Some(best)) => {
                    Some(best)
                }
                _ => None,
            };
            let (exception, capture) = match (exception, capture) {
                (Some(e), _) => (Some(e), None),
                (None, Some(c)) => (None, Some(c)),
                // Not taken and not excepted: nothing to save for it.
                (None, None) => continue,
            };
            let force_reason = match slot.status {
                SlotStatus::ForceCaptured(reason) => Some(reason),
                _ => None,
            };
            out.push(BiometricRecord {
                position: *position,
                impression: capture.map_or(
                    match position {
                        Position::Finger(_) => ImpressionKind::Flat,
                        Position::Palm(_) => ImpressionKind::Palm,
                    },
                    |c| c.kind,
                ),
                capture: capture.map(|c| CapturedImpression {
                    png: Some(c.png.clone()),
                    ppi: c.ppi,
                    quality: c.quality,
                    template: c.stored_template(),
                }),
                exception,
                attempts: slot.attempts,
                force_captured: force_reason.is_some(),
                force_reason,
                device_id: capture.map(|c| c.device_id.clone()),
                captured_at: capture.map(|c| c.captured_at),
            });
        }
        out
    }

    /// The finger templates taken (for the verification and duplicate
    /// checks).
    pub fn finger_templates(&self) -> Vec<(FingerPosition, FingerTemplate)> {
        self.slots
            .iter()
            .filter(|(_, s)| s.status.is_done())
            .filter_map(|(p, s)| match (p, s.best.as_ref()?.template.as_ref()) {
                (Position::Finger(f), Some(t)) => Some((*f, t.clone())),
                _ => None,
            })
            .collect()
    }
}

fn issue_involves(issue: &SequenceIssue, position: Position) -> bool {
    let Position::Finger(f) = position else {
        return false;
    };
    match issue {
        SequenceIssue::SameFingerTwice { first, second, .. } => *first == f || *second == f,
        SequenceIssue::HandsSwapped { pairs } => pairs.iter().any(|(a, b)| *a == f || *b == f),
    }
}

/// What a running capture reports to the kiosk.
#[derive(Debug)]
pub enum RunnerEvent {
    Preview(GrayImage),
    FingerDetected,
    Done(ProcessedCapture),
    Failed(ScannerError),
}

/// A capture running off the UI thread: the device's events are relayed,
/// and the finished images are processed (minutiae, quality, PNG) before
/// they come back.
#[derive(Debug)]
pub struct CaptureRunner {
    events: Receiver<RunnerEvent>,
    cancel: Arc<AtomicBool>,
    request: CaptureRequest,
}

impl CaptureRunner {
    /// Starts `request` on `scanner`. Errors known at once (not connected,
    /// busy) come back here.
    pub fn start(
        scanner: &mut dyn Scanner,
        request: CaptureRequest,
    ) -> Result<CaptureRunner, ScannerError> {
        let handle = scanner.capture(request.clone())?;
        let device_id = scanner.info().device_id();
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let worker_cancel = Arc::clone(&cancel);
        let worker_request = request.clone();
        std::thread::Builder::new()
            .name("beder-capture".into())
            .spawn(move || {
                loop {
                    if worker_cancel.load(Ordering::SeqCst) {
                        handle.cancel();
                    }
                    let Some(event) = handle.next_event(Duration::from_millis(50)) else {
                        continue;
                    };
                    let relay = match event {
                        CaptureEvent::Preview(frame) => RunnerEvent::Preview(frame),
                        CaptureEvent::FingerDetected => RunnerEvent::FingerDetected,
                        CaptureEvent::Failed(error) => {
                            let _ = tx.send(RunnerEvent::Failed(error));
                            return;
                        }
                        CaptureEvent::Done(result) => {
                            let at = Utc::now();
                            let kind = worker_request.impression;
                            let impressions = result
                                .images
                                .iter()
                                .map(|image| process_image(image, kind, &device_id, at))
                                .collect();
                            let _ = tx.send(RunnerEvent::Done(ProcessedCapture {
                                request: worker_request,
                                impressions,
                            }));
                            return;
                        }
                    };
                    if tx.send(relay).is_err() {
                        // Nobody listens any more: stop the device.
                        handle.cancel();
                        return;
                    }
                }
            })
            .map_err(|e| ScannerError::DeviceFault(format!("no worker thread: {e}")))?;
        Ok(CaptureRunner {
            events: rx,
            cancel,
            request,
        })
    }

    pub fn request(&self) -> &CaptureRequest {
        &self.request
    }

    /// The next event, without waiting (the kiosk calls it every frame).
    pub fn poll(&self) -> Option<RunnerEvent> {
        match self.events.try_recv() {
            Ok(event) => Some(event),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(RunnerEvent::Failed(
                ScannerError::DeviceFault("the capture stopped without a result".into()),
            )),
        }
    }

    /// Waits for the end (tests and the command line).
    pub fn wait(self, limit: Duration) -> Result<ProcessedCapture, ScannerError> {
        let deadline = std::time::Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(RunnerEvent::Done(done)) => return Ok(done),
                Ok(RunnerEvent::Failed(error)) => return Err(error),
                Ok(_) => {}
                Err(_) => {
                    self.cancel();
                    return Err(ScannerError::Timeout);
                }
            }
        }
    }

    /// Asks the device to stop; a `Failed(Cancelled)` follows.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}

impl Drop for CaptureRunner {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}

/// What a request is for, in words the panel uses.
pub fn request_key(request: &CaptureRequest) -> &'static str {
    match request.target {
        CaptureTarget::Finger(_) => "capture-request-finger",
        CaptureTarget::Slap(SlapPosition::RightFour) => "capture-request-right-four",
        CaptureTarget::Slap(SlapPosition::LeftFour) => "capture-request-left-four",
        CaptureTarget::Slap(SlapPosition::BothThumbs) => "capture-request-thumbs",
        CaptureTarget::Palm(_) => "capture-request-palm",
    }
}
