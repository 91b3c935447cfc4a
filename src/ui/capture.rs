//! The capture desk (п.10) and the verification step (п.11): device panel,
//! hand diagram and ten-finger panel, palms, exceptions, recapture, force
//! capture, the sequence check's findings; the capture itself runs on a
//! worker and this screen only polls it.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Utc;
use eframe::egui;

use super::design;
use super::design::{TileState, TileView};
use super::desk::DeskContext;
use super::widgets::{gray_texture, position_key};

use crate::enrollment::{
    Applied, CaptureRunner, CaptureSession, Desk, RunnerEvent, SequenceIssue, SlotStatus,
    VerificationSession, VerificationState, desk_matcher, request_key,
};
use crate::model::{
    ExceptionReason, FingerPosition, ForceReason, PalmPosition, Position, Registry,
};
use crate::regulation::{CapturePlan, MessageArg};
use crate::scanner::{CaptureRequest, CaptureTarget, DeviceStatus, ScannerError};

/// A message on the capture screen: Fluent id and its arguments.
type Notice = (&'static str, Vec<(&'static str, MessageArg)>);

/// The transient state of the capture and verification screens.
#[derive(Default)]
pub struct CapturePanel {
    runner: Option<CaptureRunner>,
    preview: Option<egui::TextureHandle>,
    /// Thumbnails by position and attempt count.
    textures: HashMap<(Position, u8), egui::TextureHandle>,
    notice: Option<Notice>,
    /// The position whose exception is being chosen.
    except_target: Option<Position>,
    supervisor_login: String,
    supervisor_password: String,
    /// Photographs of the duplicate check's candidates.
    photos: HashMap<String, egui::TextureHandle>,
    /// The action the desk's bar chose for this panel.
    triggered: PanelPrimary,
    /// Every finger (or both palms) excepted as missing: the case is the
    /// п.4.4 exemption, so the panel asks for nothing more (the tiles stay,
    /// to undo an exception).
    exemption: bool,
}

/// The panel's primary action, for the desk's action bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PanelPrimary {
    #[default]
    None,
    /// Scan what is asked next.
    Scan,
    /// Every position is taken: go on.
    Continue,
}

fn text(value: impl Into<String>) -> MessageArg {
    MessageArg::Text(value.into())
}

impl CapturePanel {
    /// A capture is running.
    pub fn is_capturing(&self) -> bool {
        self.runner.is_some()
    }

    fn notice_ui(&self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        if let Some((key, args)) = &self.notice {
            design::note(ui, design::Tone::Danger, &cx.l.format(cx.lang, key, args));
        }
    }

    fn scanner_failed(&mut self, error: &ScannerError) {
        let detail = match error {
            ScannerError::WrongFingerCount { expected, found } => {
                format!("{found}/{expected}")
            }
            other => other.to_string(),
        };
        self.notice = Some((error.message_key(), vec![("detail", text(detail))]));
    }

    /// The device panel: which scanner, its status, reconnect; in training,
    /// the simulated person at the desk (chosen here on the first step).
    pub fn device_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        self.device_panel(ui, cx, true);
    }

    /// The device line of the capture and verification steps: one row,
    /// the simulated person named, not chosen.
    fn device_line(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        self.device_panel(ui, cx, false);
    }

    fn device_panel(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>, choose: bool) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let d = design::Design::of(ui.ctx());
        let camera = cx.devices.camera().map(|c| c.describe());
        design::card(ui, |ui| {
            let Some(scanner) = cx.devices.scanner() else {
                design::note(ui, design::Tone::Danger, &t("ui-no-scanner"));
                return;
            };
            let info = scanner.info();
            let status = scanner.status();
            let mut reconnect = false;
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{}  {}: {} {} ({}, {} ppi)",
                    design::icons::DEVICE.codepoint,
                    t("ui-scanner"),
                    info.vendor,
                    info.model,
                    info.serial,
                    info.ppi
                ));
                let (key, colour) = match status {
                    DeviceStatus::Ready => ("ui-device-ready", d.palette.success_text),
                    DeviceStatus::Busy => ("ui-device-busy", d.palette.warning_text),
                    DeviceStatus::NotReady => ("ui-device-not-ready", d.palette.warning_text),
                    DeviceStatus::Disconnected => ("ui-device-disconnected", d.palette.danger_text),
                };
                ui.label(egui::RichText::new(t(key)).strong().color(colour));
                if status == DeviceStatus::Disconnected
                    && design::secondary(ui, Some(design::icons::REFRESH), &t("ui-reconnect"))
                        .clicked()
                {
                    reconnect = true;
                }
            });
            if let Some(subject) = &info.certificate {
                design::weak(
                    ui,
                    &l.format(
                        lang,
                        "ui-scanner-certificate",
                        &[("subject", MessageArg::Text(subject.clone()))],
                    ),
                );
            }
            if let Some(camera) = &camera {
                design::weak(
                    ui,
                    &l.format(
                        lang,
                        "ui-camera-device",
                        &[("device", MessageArg::Text(camera.clone()))],
                    ),
                );
            }
            if reconnect {
                match scanner.reconnect() {
                    Ok(()) => self.notice = None,
                    Err(e) => self.scanner_failed(&e),
                }
            }
            self.simulated_person_ui(ui, cx, choose);
        });
    }

    /// The training scanner's person: chosen on the device screen, named
    /// on the capture and verification steps.
    fn simulated_person_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>, choose: bool) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let Some(simulator) = cx.devices.simulator_mut() else {
            return;
        };
        // The shipped persons have their titles in every language
        // (`sim-<folder>`); a trainer's own person shows its
        // scenario.toml title.
        let localized = |folder: &str, fallback: &str, suffix: &str| {
            let key = format!("sim-{folder}{suffix}");
            if l.has(lang, &key) {
                l.text(lang, &key)
            } else {
                fallback.to_string()
            }
        };
        let names: Vec<(usize, String, String)> = simulator
            .persons()
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let title = if p.scenario.title.is_empty() {
                    format!("#{}", i + 1)
                } else {
                    localized(&p.name, &p.scenario.title, "")
                };
                (
                    i,
                    title,
                    localized(&p.name, &p.scenario.description, "-help"),
                )
            })
            .collect();
        let current = simulator.presented().name.clone();
        let current_index = simulator
            .persons()
            .iter()
            .position(|p| p.name == current)
            .unwrap_or(0);
        if choose {
            ui.horizontal_wrapped(|ui| {
                ui.label(t("ui-simulated-person"));
                for (i, title, _) in &names {
                    if design::toggle(ui, current_index == *i, title).clicked()
                        && self.runner.is_none()
                    {
                        simulator.present(*i);
                    }
                }
            });
            if let Some((_, _, help)) = names.get(current_index)
                && !help.is_empty()
            {
                design::weak(ui, help);
            }
        } else if let Some((_, title, help)) = names.get(current_index) {
            design::weak(
                ui,
                &format!("{} {title} — {help}", t("ui-simulated-person")),
            );
        }
    }

    /// Polls the running capture; returns what finished, if anything.
    fn poll(
        &mut self,
        ui: &egui::Ui,
    ) -> Option<Result<crate::enrollment::ProcessedCapture, ScannerError>> {
        let runner = self.runner.as_ref()?;
        let mut finished = None;
        while let Some(event) = runner.poll() {
            match event {
                RunnerEvent::Preview(frame) => {
                    self.preview = Some(gray_texture(ui.ctx(), "preview", &frame));
                }
                RunnerEvent::FingerDetected => {}
                RunnerEvent::Done(done) => finished = Some(Ok(done)),
                RunnerEvent::Failed(error) => finished = Some(Err(error)),
            }
            if finished.is_some() {
                break;
            }
        }
        if finished.is_some() {
            self.runner = None;
            self.preview = None;
        } else {
            ui.ctx().request_repaint_after(Duration::from_millis(30));
        }
        finished
    }

    fn start(&mut self, request: CaptureRequest, cx: &mut DeskContext<'_>) {
        let Some(scanner) = cx.devices.scanner() else {
            self.notice = Some(("ui-no-scanner", Vec::new()));
            return;
        };
        match CaptureRunner::start(scanner, request) {
            Ok(runner) => {
                self.notice = None;
                self.runner = Some(runner);
            }
            Err(e) => self.scanner_failed(&e),
        }
    }

    fn running_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        ui.spinner();
        ui.label(t("ui-capturing"));
        if design::secondary(ui, None, &t("ui-cancel")).clicked()
            && let Some(runner) = &self.runner
        {
            runner.cancel();
        }
        if let Some(preview) = &self.preview {
            let height = design::Design::of(ui.ctx()).sizes.preview;
            ui.add(egui::Image::from_texture(preview).max_height(height));
        }
    }

    /// The capture step of the desk; returns the primary action for the
    /// desk's action bar.
    pub fn capture_ui(
        &mut self,
        ui: &mut egui::Ui,
        desk: &mut Desk,
        cx: &mut DeskContext<'_>,
    ) -> PanelPrimary {
        let capabilities = cx
            .devices
            .scanner()
            .map(|s| s.info().capabilities)
            .unwrap_or_default();
        let Ok(session) = desk.start_capture(cx.settings.quality, capabilities) else {
            return PanelPrimary::None;
        };
        let (go_on, primary) = self.session_ui_with(ui, session, cx, false);
        if go_on && let Err(e) = desk.finish_capture(cx.office) {
            self.notice = Some((e.message_key(), Vec::new()));
        }
        primary
    }

    /// The capture step over any session (enrolment or re-fingerprinting).
    /// Returns true when the officer goes on with a complete session.
    pub fn session_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut CaptureSession,
        cx: &mut DeskContext<'_>,
    ) -> bool {
        self.session_ui_with(ui, session, cx, true).0
    }

    /// Applies a capture that finished: scored, or the problem said.
    fn apply_finished(
        &mut self,
        ui: &egui::Ui,
        session: &mut CaptureSession,
        cx: &DeskContext<'_>,
    ) {
        if let Some(finished) = self.poll(ui) {
            match finished {
                Ok(done) => match session.apply(done, &desk_matcher()) {
                    Ok(Applied::Scored) => self.notice = None,
                    Ok(Applied::SequenceIssues(issues)) => {
                        self.notice = Some(sequence_notice(&issues, cx));
                    }
                    Err(problem) => {
                        let (expected, found) = match problem {
                            crate::enrollment::CaptureProblem::WrongFingers { expected, found } => {
                                (expected, found)
                            }
                            crate::enrollment::CaptureProblem::NotExpected => (0, 0),
                        };
                        self.notice = Some((
                            problem.message_key(),
                            vec![
                                ("expected", MessageArg::Number(expected as i64)),
                                ("found", MessageArg::Number(found as i64)),
                            ],
                        ));
                    }
                },
                Err(error) => self.scanner_failed(&error),
            }
        }
    }

    /// [`CapturePanel::session_ui`]; with `own_buttons` false the Scan and
    /// Continue actions are the caller's (the desk's action bar): they are
    /// returned as the primary action to declare, and taken through
    /// [`CapturePanel::trigger`].
    pub fn session_ui_with(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut CaptureSession,
        cx: &mut DeskContext<'_>,
        own_buttons: bool,
    ) -> (bool, PanelPrimary) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let mut go_on = false;
        self.apply_finished(ui, session, cx);
        self.device_line(ui, cx);
        let exemption = std::mem::take(&mut self.exemption);
        if !exemption {
            plan_line(ui, session, cx);
        }
        let next = session.next_request().filter(|_| !exemption);
        let complete = session.is_complete() && !exemption;
        let mark = session.defect_mark().filter(|_| !exemption);
        let awaiting: Vec<Position> = session
            .needed()
            .into_iter()
            .filter(|p| {
                session
                    .slot(*p)
                    .is_some_and(|s| s.status == SlotStatus::AwaitingForce)
            })
            .collect();

        // What comes next, first: the officer never scrolls to capture.
        let triggered = std::mem::replace(&mut self.triggered, PanelPrimary::None);
        let mut primary = PanelPrimary::None;
        ui.horizontal(|ui| {
            if self.runner.is_some() {
                self.running_ui(ui, cx);
            } else if let Some(request) = next {
                let what = match request.target {
                    CaptureTarget::Finger(f) => cx.l.format(
                        cx.lang,
                        request_key(&request),
                        &[("finger", text(t(f.message_key())))],
                    ),
                    _ => t(request_key(&request)),
                };
                ui.label(
                    egui::RichText::new(what)
                        .strong()
                        .size(design::Design::of(ui.ctx()).sizes.heading),
                );
                primary = PanelPrimary::Scan;
                let clicked = own_buttons
                    && design::primary(ui, Some(design::icons::FINGERPRINT), &t("ui-capture"));
                if clicked || triggered == PanelPrimary::Scan {
                    self.start(request, cx);
                }
            } else if complete {
                primary = PanelPrimary::Continue;
                let clicked = own_buttons
                    && design::primary(ui, Some(design::icons::NEXT), &t("ui-continue"));
                if clicked || triggered == PanelPrimary::Continue {
                    go_on = true;
                }
            }
        });
        self.notice_ui(ui, cx);
        if let Some(mark) = mark {
            let key = if mark.refingerprint_next_time() {
                "ui-mark-temporary"
            } else {
                "ui-mark-permanent"
            };
            design::note(ui, design::Tone::Warning, &t(key));
        }
        force_capture_ui(ui, session, &awaiting, cx);
        if let Some(position) = self.except_target {
            self.exception_picker(ui, session, position, cx);
        }
        let next = session.next_request();
        let mut clicked = self.panel_ui(ui, session, next.as_ref(), cx, true);
        // F1–F10: the exception picker of that finger (the shortcut each
        // tile shows).
        if self.runner.is_none()
            && let Some(finger) = finger_shortcut(ui)
        {
            clicked = Some((TileAction::Except, Position::Finger(finger)));
        }
        match clicked {
            Some((TileAction::Except, position)) => self.except_target = Some(position),
            Some((TileAction::Recapture, position)) => session.recapture(position),
            None => {}
        }
        (go_on, primary)
    }

    /// The desk's action bar chose the panel's primary action.
    pub fn trigger(&mut self, primary: PanelPrimary) {
        self.triggered = primary;
    }

    fn exception_picker(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut CaptureSession,
        position: Position,
        cx: &DeskContext<'_>,
    ) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(cx.l.format(
                cx.lang,
                "ui-exception-for",
                &[("position", text(t(position_key(position))))],
            ));
            ui.horizontal_wrapped(|ui| {
                let mut chosen: Option<Option<ExceptionReason>> = None;
                for reason in ExceptionReason::ALL {
                    if design::secondary(ui, None, &t(reason.message_key())).clicked() {
                        chosen = Some(Some(reason));
                    }
                }
                if design::secondary(ui, None, &t("ui-no-exception")).clicked() {
                    chosen = Some(None);
                }
                if design::secondary(ui, None, &t("ui-cancel")).clicked() {
                    self.except_target = None;
                }
                if let Some(reason) = chosen {
                    session.set_exception(position, reason);
                    self.except_target = None;
                    self.notice = None;
                }
            });
        });
    }

    /// The hand diagram and the ten-finger panel (and the palms when the
    /// plan has come to them). `editable` adds the exception and recapture
    /// buttons; the review shows it read-only. Returns what was clicked.
    pub fn panel_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &CaptureSession,
        next: Option<&CaptureRequest>,
        cx: &DeskContext<'_>,
        editable: bool,
    ) -> Option<(TileAction, Position)> {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let current: Vec<Position> = next
            .map(CaptureRequest::expected_positions)
            .unwrap_or_default();
        let mut clicked = None;
        let mut order = 0usize;
        // Ten tiles across the column, as large as it allows.
        // The two hands are two groups.
        let side = design::tile_side(ui, 10, 3);
        // One row, as on the ten-print card: the right hand, then the left.
        ui.horizontal(|ui| {
            for (hand_key, fingers) in [
                ("ui-right-hand", &FingerPosition::ALL[..5]),
                ("ui-left-hand", &FingerPosition::ALL[5..]),
            ] {
                ui.vertical(|ui| {
                    ui.label(t(hand_key));
                    ui.horizontal(|ui| {
                        for finger in fingers {
                            order += 1;
                            let position = Position::Finger(*finger);
                            let tile = Tile {
                                position,
                                order,
                                current: current.contains(&position),
                                editable,
                                side,
                            };
                            if let Some(action) = self.tile(ui, session, &tile, cx) {
                                clicked = Some((action, position));
                            }
                        }
                    });
                });
                ui.add_space(design::Design::of(ui.ctx()).sizes.gap);
            }
        });
        let palms_in_scope = session.palms_too();
        if !matches!(session.plan(), CapturePlan::Fingers { .. }) || palms_in_scope {
            ui.label(t("ui-palms"));
            ui.horizontal(|ui| {
                for palm in PalmPosition::FULL_PALMS {
                    order += 1;
                    let position = Position::Palm(palm);
                    let tile = Tile {
                        position,
                        order,
                        current: current.contains(&position),
                        editable,
                        side: side * 1.6,
                    };
                    if let Some(action) = self.tile(ui, session, &tile, cx) {
                        clicked = Some((action, position));
                    }
                }
            });
        }
        clicked
    }
    /// A tile's state and the words under it.
    fn tile_state(
        &self,
        slot: &crate::enrollment::Slot,
        tile: &Tile,
        cx: &DeskContext<'_>,
    ) -> (TileState, String) {
        let t = |key: &str| cx.t(key);
        match slot.status {
            SlotStatus::Excepted(reason) => (TileState::Excepted, t(reason.message_key())),
            SlotStatus::Accepted => (TileState::Accepted, t(slot.status.message_key())),
            SlotStatus::ForceCaptured(reason) => (
                TileState::ForceCaptured,
                format!(
                    "{} — {}",
                    t(slot.status.message_key()),
                    t(reason.message_key())
                ),
            ),
            SlotStatus::Recapture | SlotStatus::SequenceRecapture | SlotStatus::AwaitingForce => {
                (TileState::BelowThreshold, t(slot.status.message_key()))
            }
            SlotStatus::ToDo if tile.current && self.runner.is_some() => {
                (TileState::Capturing, t("ui-capturing-short"))
            }
            SlotStatus::ToDo if tile.current => (TileState::Next, t("ui-next-short")),
            SlotStatus::ToDo => (TileState::Waiting, t(slot.status.message_key())),
        }
    }

    /// One tile (the design module's finger tile): name, shortcut, image,
    /// quality against the threshold, the device's score, the state; an
    /// excepted position crossed out with its reason; under it, the
    /// exception and recapture actions.
    fn tile(
        &mut self,
        ui: &mut egui::Ui,
        session: &CaptureSession,
        tile: &Tile,
        cx: &DeskContext<'_>,
    ) -> Option<TileAction> {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let slot = session.slot(tile.position)?;
        let threshold = session.policy().recapture_below;
        let name = t(position_key(tile.position));
        // The hand is named above the tiles and the order is the shortcut:
        // the title is the finger alone.
        let short = match tile.position {
            Position::Finger(f) => t(short_finger_key(f)),
            Position::Palm(_) => name.clone(),
        };
        let texture = slot.best.as_ref().map(|best| {
            let key = (tile.position, slot.attempts);
            self.textures
                .entry(key)
                .or_insert_with(|| {
                    gray_texture(
                        ui.ctx(),
                        &format!("tile-{}-{}", tile.position.code(), slot.attempts),
                        &best.thumbnail,
                    )
                })
                .clone()
        });
        let (state, mut state_text) = self.tile_state(slot, tile, cx);
        if slot.attempts > 0 {
            state_text = format!(
                "{state_text} · {}",
                cx.tf(
                    "ui-attempts",
                    &[("count", MessageArg::Number(i64::from(slot.attempts)))]
                )
            );
        }
        let shortcut = (tile.order <= 10).then(|| format!("F{}", tile.order));
        let device_quality = slot.best.as_ref().and_then(|b| b.device_quality);
        let mut action = None;
        ui.vertical(|ui| {
            design::tile(
                ui,
                &TileView {
                    title: &short,
                    name: &name,
                    shortcut: shortcut.as_deref(),
                    image: texture.as_ref(),
                    quality: slot.best.as_ref().map(|b| b.quality),
                    threshold,
                    device_quality,
                    state,
                    state_text: &state_text,
                    side: tile.side,
                },
            );
            if tile.editable && self.runner.is_none() {
                // Two icon buttons under the tile, named in full for the
                // screen reader and on hover.
                ui.horizontal(|ui| {
                    let except = t("ui-exception");
                    let full = format!("{name}: {except}");
                    if design::icon_button(ui, design::icons::EXCEPT, &except, &full).clicked() {
                        action = Some(TileAction::Except);
                    }
                    if matches!(
                        slot.status,
                        SlotStatus::Accepted | SlotStatus::ForceCaptured(_)
                    ) {
                        let again = t("ui-recapture");
                        let full = format!("{name}: {again}");
                        if design::icon_button(ui, design::icons::REFRESH, &again, &full).clicked()
                        {
                            action = Some(TileAction::Recapture);
                        }
                    }
                });
            }
        });
        action
    }

    /// A supervisor's login and password, and the button that lets a case
    /// go on: what was typed when it is pressed (the password field is
    /// emptied).
    fn supervisor_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &DeskContext<'_>,
        button: &str,
    ) -> Option<(String, String)> {
        let t = |key: &str| cx.l.text(cx.lang, key);
        let (login_label, password_label) = (t("ui-supervisor-login"), t("ui-supervisor-password"));
        design::text_row(
            ui,
            &login_label,
            &mut self.supervisor_login,
            None,
            None,
            None,
        );
        design::password_row(ui, &password_label, &mut self.supervisor_password, None);
        design::secondary(ui, None, &t(button)).clicked().then(|| {
            (
                self.supervisor_login.clone(),
                std::mem::take(&mut self.supervisor_password),
            )
        })
    }

    /// The duplicate check's stop: who the fingers match, and a
    /// supervisor's sign-in to let the enrolment go on.
    pub fn duplicates_ui(&mut self, ui: &mut egui::Ui, desk: &mut Desk, cx: &mut DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        design::note(ui, design::Tone::Danger, &t("ui-duplicates-found"));
        ui.label(t("ui-duplicates-explain"));
        if let Some(identity) = desk.identity() {
            ui.strong(l.format(
                lang,
                "ui-duplicates-applicant",
                &[
                    (
                        "name",
                        MessageArg::Text(format!(
                            "{} {}",
                            identity.name.surname, identity.name.name
                        )),
                    ),
                    (
                        "birth",
                        MessageArg::Text(identity.birth_date.format("%d.%m.%Y").to_string()),
                    ),
                ],
            ));
        }
        let sizes = design::Design::of(ui.ctx()).sizes;
        ui.add_space(sizes.gap);
        egui::Grid::new("duplicates")
            .striped(true)
            .num_columns(7)
            .spacing([sizes.group_gap, sizes.gap])
            .show(ui, |ui| {
                for key in [
                    "ui-photo",
                    "ui-duplicates-person",
                    "ui-duplicates-birth",
                    "ui-duplicates-iin",
                    "ui-registry",
                    "ui-duplicates-registered",
                    "ui-duplicates-fingers",
                ] {
                    ui.strong(t(key));
                }
                ui.end_row();
                for c in desk.duplicates() {
                    let key = format!(
                        "duplicate-{:?}-{}",
                        c.registration.registry, c.registration.id
                    );
                    if let Some(bytes) = &c.photo
                        && !self.photos.contains_key(&key)
                        && let Ok(image) = image::load_from_memory(bytes)
                    {
                        let thumb = image.thumbnail(90, 120).to_rgb8();
                        self.photos.insert(
                            key.clone(),
                            super::widgets::rgb_texture(ui.ctx(), &key, &thumb),
                        );
                    }
                    match self.photos.get(&key) {
                        Some(texture) => {
                            let height = design::Design::of(ui.ctx()).sizes.preview;
                            ui.add(egui::Image::from_texture(texture).max_height(height));
                        }
                        None => {
                            ui.label("—");
                        }
                    }
                    let mut name = format!("{} {}", c.name.surname, c.name.name);
                    if let Some(p) = &c.name.patronymic {
                        name.push(' ');
                        name.push_str(p);
                    }
                    ui.label(name);
                    ui.label(c.birth_date.format("%d.%m.%Y").to_string());
                    ui.label(c.iin.clone().unwrap_or_else(|| "—".into()));
                    ui.label(t(match c.registration.registry {
                        Registry::Citizen => "ui-registry-citizens",
                        Registry::Foreigner => "ui-registry-foreigners",
                    }));
                    ui.label(c.registered_on.format("%d.%m.%Y").to_string());
                    ui.label(l.format(
                        lang,
                        "ui-duplicates-fingers-value",
                        &[
                            ("matched", MessageArg::Number(c.matched_fingers as i64)),
                            ("compared", MessageArg::Number(c.compared_fingers as i64)),
                        ],
                    ));
                    ui.end_row();
                }
            });
        ui.add_space(sizes.gap);
        ui.label(t("ui-duplicates-supervisor"));
        if let Some((login, password)) = self.supervisor_ui(ui, cx, "ui-duplicates-continue") {
            match desk.override_duplicates(cx.office, &login, &password, Utc::now()) {
                Ok(()) => self.notice = None,
                Err(e) => self.notice = Some((e.message_key(), Vec::new())),
            }
        }
        self.notice_ui(ui, cx);
    }

    /// For this frame: the case is the п.4.4 exemption (see the field).
    pub fn set_exemption(&mut self, exemption: bool) {
        self.exemption = exemption;
    }

    /// The verification step over a session (the desk's or a
    /// re-fingerprinting's): the round's positions, the capture, and
    /// whether the session just reached its verdict (to be recorded).
    pub fn verification_session_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut VerificationSession,
        cx: &mut DeskContext<'_>,
    ) -> bool {
        self.verification_session_ui_with(ui, session, cx, true).0
    }

    /// [`CapturePanel::verification_session_ui`]; with `own_buttons` false
    /// the Scan action is the caller's (the desk's action bar, so that
    /// Enter scans as it does at the capture step): it is returned as the
    /// primary to declare, and taken through [`CapturePanel::trigger`].
    pub fn verification_session_ui_with(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut VerificationSession,
        cx: &mut DeskContext<'_>,
        own_buttons: bool,
    ) -> (bool, PanelPrimary) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let mut finished = self.apply_verification(ui, session);
        let mut primary = PanelPrimary::None;
        self.device_line(ui, cx);
        if session.state() == VerificationState::Capturing {
            let (round, rounds) = session.round();
            ui.label(cx.l.format(
                cx.lang,
                "ui-verification-round",
                &[
                    ("round", MessageArg::Number(round as i64)),
                    ("rounds", MessageArg::Number(rounds as i64)),
                ],
            ));
            ui.horizontal_wrapped(|ui| {
                for position in session.round_positions().to_vec() {
                    let done = session.is_captured(position);
                    if done {
                        design::tone_text(ui, design::Tone::Success, &t(position_key(position)));
                    } else {
                        ui.label(t(position_key(position)));
                    }
                }
            });
            if self.runner.is_some() {
                ui.horizontal(|ui| self.running_ui(ui, cx));
            } else if let Some(request) = session.next_request() {
                let what = match request.target {
                    CaptureTarget::Finger(f) => t(f.message_key()),
                    CaptureTarget::Palm(p) => t(position_key(Position::Palm(p))),
                    _ => String::new(),
                };
                let triggered = std::mem::replace(&mut self.triggered, PanelPrimary::None);
                let asked = match request.target {
                    CaptureTarget::Finger(f) => Some(Position::Finger(f)),
                    CaptureTarget::Palm(p) => Some(Position::Palm(p)),
                    _ => None,
                };
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(cx.l.format(
                            cx.lang,
                            "capture-request-finger",
                            &[("finger", text(what))],
                        ))
                        .strong()
                        .size(design::Design::of(ui.ctx()).sizes.heading),
                    );
                    primary = PanelPrimary::Scan;
                    if triggered == PanelPrimary::Scan
                        || (own_buttons
                            && design::button(
                                ui,
                                design::Emphasis::Primary,
                                Some(design::icons::FINGERPRINT),
                                &t("ui-capture"),
                            )
                            .clicked())
                    {
                        self.start(request, cx);
                    }
                    // A finger bandaged or wounded today cannot be
                    // printed: it scores 0 and the round goes on.
                    if design::secondary(
                        ui,
                        Some(design::icons::EXCEPT),
                        &t("ui-verify-cannot-print"),
                    )
                    .clicked()
                        && let Some(position) = asked
                    {
                        session.cannot_print(position, &desk_matcher());
                        self.notice = None;
                        if session.state() != VerificationState::Capturing {
                            finished = true;
                        }
                    }
                });
            }
        }
        self.notice_ui(ui, cx);
        (finished, primary)
    }

    /// Applies a verification capture that finished; `true` when the
    /// rounds reached a verdict.
    fn apply_verification(&mut self, ui: &egui::Ui, session: &mut VerificationSession) -> bool {
        let mut finished = false;
        if let Some(result) = self.poll(ui) {
            match result {
                Ok(done) => {
                    let empty: Vec<Position> = done
                        .impressions
                        .iter()
                        .filter(|i| i.template.is_none())
                        .map(|i| i.position)
                        .collect();
                    for position in empty {
                        session.mark_empty(position);
                    }
                    session.apply(done, &desk_matcher());
                    if session.state() != VerificationState::Capturing {
                        finished = true;
                    }
                }
                Err(error) => self.scanner_failed(&error),
            }
        }
        finished
    }

    /// After a failed verification: a supervisor signs in and chooses —
    /// re-fingerprint the record (fingers damaged, п.13), or enrol another
    /// person with the same particulars.
    pub fn supervisor_choice_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &DeskContext<'_>,
        local_record: bool,
    ) -> Option<(String, String, AfterFailure)> {
        let t = |key: &str| cx.l.text(cx.lang, key);
        design::text_row(
            ui,
            &t("ui-supervisor-login"),
            &mut self.supervisor_login,
            None,
            None,
            None,
        );
        design::password_row(
            ui,
            &t("ui-supervisor-password"),
            &mut self.supervisor_password,
            None,
        );
        let mut chosen = None;
        ui.horizontal(|ui| {
            if local_record
                && design::secondary(
                    ui,
                    Some(design::icons::FINGERPRINT),
                    &t("ui-supervisor-refingerprint"),
                )
                .clicked()
            {
                chosen = Some(AfterFailure::Refingerprint);
            }
            if design::secondary(
                ui,
                Some(design::icons::PERSON),
                &t("ui-supervisor-another-person"),
            )
            .clicked()
            {
                chosen = Some(AfterFailure::AnotherPerson);
            }
        });
        self.notice_ui(ui, cx);
        chosen.map(|choice| {
            (
                self.supervisor_login.clone(),
                std::mem::take(&mut self.supervisor_password),
                choice,
            )
        })
    }
}

/// What a supervisor decides after a failed verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    Refingerprint,
    AnotherPerson,
}

/// What a tile's buttons ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileAction {
    Except,
    Recapture,
}

struct Tile {
    position: Position,
    /// The place in the capture order shown on the diagram.
    order: usize,
    /// Part of the capture asked for next.
    current: bool,
    editable: bool,
    /// The image side, points (the panel scales the tiles to the screen).
    side: f32,
}

/// The sequence check's findings in words.
fn sequence_notice(issues: &[SequenceIssue], cx: &DeskContext<'_>) -> Notice {
    let (l, lang) = (cx.l, cx.lang);
    let t = move |key: &str| l.text(lang, key);
    let fingers: Vec<String> = issues
        .iter()
        .flat_map(|issue| match issue {
            SequenceIssue::SameFingerTwice { first, second, .. } => vec![(*first, *second)],
            SequenceIssue::HandsSwapped { pairs } => pairs.clone(),
        })
        .map(|(a, b)| format!("{} = {}", t(a.message_key()), t(b.message_key())))
        .collect();
    let swapped = issues
        .iter()
        .any(|i| matches!(i, SequenceIssue::HandsSwapped { .. }));
    (
        if swapped {
            "capture-error-hands-swapped"
        } else {
            "capture-error-same-finger"
        },
        vec![("fingers", text(fingers.join("; ")))],
    )
}

/// The finger's name without its hand.
pub(super) fn short_finger_key(finger: FingerPosition) -> &'static str {
    match finger {
        FingerPosition::RightThumb | FingerPosition::LeftThumb => "finger-short-thumb",
        FingerPosition::RightIndex | FingerPosition::LeftIndex => "finger-short-index",
        FingerPosition::RightMiddle | FingerPosition::LeftMiddle => "finger-short-middle",
        FingerPosition::RightRing | FingerPosition::LeftRing => "finger-short-ring",
        FingerPosition::RightLittle | FingerPosition::LeftLittle => "finger-short-little",
    }
}

/// A matcher's score as the officer reads it: `mcc`'s scores are 0–1, so
/// three decimals (with the language's decimal sign); a matcher that scores
/// in whole points (BOZORTH3) keeps whole numbers.
fn score_text(value: f32, threshold: f32, lang: crate::i18n::Lang) -> String {
    let text = if threshold >= 10.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.3}")
    };
    match lang {
        crate::i18n::Lang::En => text,
        _ => text.replace('.', ","),
    }
}

/// The verdict of a verification (п.11): verified or not, in words and
/// colour, with every position compared and its score against the
/// threshold.
pub(super) fn verdict_banner(
    ui: &mut egui::Ui,
    verdict: &crate::enrollment::Verdict,
    cx: &DeskContext<'_>,
) {
    let (l, lang) = (cx.l, cx.lang);
    let shown = |v: f32| score_text(v, verdict.threshold, lang);
    let method = l.text(lang, verdict.method.message_key());
    let (tone, sentence) = if verdict.verified {
        (
            design::Tone::Success,
            l.format(lang, "ui-verdict-verified", &[("method", text(method))]),
        )
    } else {
        (
            design::Tone::Danger,
            l.format(lang, "ui-verdict-not-verified", &[("method", text(method))]),
        )
    };
    let lines: Vec<String> = verdict
        .scores
        .iter()
        .map(|score| {
            let mark = if score.matched {
                design::icons::DONE.codepoint
            } else {
                design::icons::BLOCKED.codepoint
            };
            let line = l.format(
                lang,
                if score.matched {
                    "ui-verdict-score-matched"
                } else {
                    "ui-verdict-score-not-matched"
                },
                &[
                    ("position", text(l.text(lang, position_key(score.position)))),
                    ("score", text(shown(score.score))),
                    ("threshold", text(shown(verdict.threshold))),
                ],
            );
            format!("{mark}  {line}")
        })
        .chain(std::iter::once(l.format(
            lang,
            "ui-verification-fused",
            &[
                ("score", text(shown(verdict.fused))),
                ("threshold", text(shown(verdict.threshold))),
            ],
        )))
        .collect();
    design::verdict(ui, tone, &sentence, Some("п.11"), Some(&lines.join("\n")));
}

/// The capture plan (п.10) and the quality policy, in one sentence.
fn plan_line(ui: &mut egui::Ui, session: &CaptureSession, cx: &DeskContext<'_>) {
    let plan = session.plan();
    let policy = session.policy();
    let plan_text = cx.l.explain(cx.lang, &[plan.explanation()]);
    ui.label(format!(
        "{} {}",
        plan_text,
        cx.l.format(
            cx.lang,
            "ui-quality-policy",
            &[
                (
                    "threshold",
                    MessageArg::Number(i64::from(policy.recapture_below)),
                ),
                (
                    "attempts",
                    MessageArg::Number(i64::from(policy.max_attempts)),
                ),
            ],
        )
    ));
}

/// The positions waiting for the officer's choice of a force-capture
/// reason (п.10), each with its reasons.
fn force_capture_ui(
    ui: &mut egui::Ui,
    session: &mut CaptureSession,
    awaiting: &[Position],
    cx: &DeskContext<'_>,
) {
    let t = |key: &str| cx.t(key);
    for &position in awaiting {
        ui.horizontal_wrapped(|ui| {
            design::tone_text(
                ui,
                design::Tone::Warning,
                &cx.l.format(
                    cx.lang,
                    "ui-force-capture-ask",
                    &[("position", text(t(position_key(position))))],
                ),
            );
            for reason in ForceReason::ALL {
                if design::secondary(ui, None, &t(reason.message_key())).clicked() {
                    session.force_capture(position, reason);
                }
            }
        });
    }
}

/// The finger whose F-key (F1–F10) was pressed, unless a field is typed in.
fn finger_shortcut(ui: &egui::Ui) -> Option<FingerPosition> {
    if ui.ctx().text_edit_focused() {
        return None;
    }
    const KEYS: [egui::Key; 10] = [
        egui::Key::F1,
        egui::Key::F2,
        egui::Key::F3,
        egui::Key::F4,
        egui::Key::F5,
        egui::Key::F6,
        egui::Key::F7,
        egui::Key::F8,
        egui::Key::F9,
        egui::Key::F10,
    ];
    KEYS.iter()
        .zip(FingerPosition::ALL)
        .find(|(key, _)| ui.input(|i| i.key_pressed(**key)))
        .map(|(_, finger)| finger)
}

#[cfg(test)]
mod tests {
    use super::score_text;
    use crate::i18n::Lang;

    #[test]
    fn scores_keep_their_decimals_and_the_languages_decimal_sign() {
        assert_eq!(score_text(0.43127, 0.065, Lang::En), "0.431");
        assert_eq!(score_text(0.43127, 0.065, Lang::Kk), "0,431");
        assert_eq!(score_text(0.43127, 0.065, Lang::Ru), "0,431");
        // `mcc`'s threshold itself keeps all its digits.
        assert_eq!(score_text(0.065, 0.065, Lang::En), "0.065");
        // A matcher scoring in whole points keeps whole numbers.
        assert_eq!(score_text(57.4, 38.0, Lang::Kk), "57");
    }
}
