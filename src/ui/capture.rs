//! The capture desk (п.10) and the verification step (п.11): device panel,
//! hand diagram and ten-finger panel, palms, exceptions, recapture, force
//! capture, the sequence check's findings; the capture itself runs on a
//! worker and this screen only polls it.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Utc;
use eframe::egui;

use super::design;
use super::desk::DeskContext;
use super::widgets::{
    ERROR, GOOD, WARNING, big_button, gray_texture, named_button, position_key, quality_colour,
};

/// Ten tiles and two gaps fit in 1280 pixels.
const TILE_WIDTH: f32 = 100.0;
use crate::biometrics::matcher::SequenceIssue;
use crate::biometrics::mcc::Mcc;
use crate::enrollment::{
    Applied, CaptureRunner, CaptureSession, Desk, RunnerEvent, SlotStatus, VerificationSession,
    VerificationState, request_key,
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
}

fn matcher() -> Mcc {
    Mcc
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
            ui.colored_label(ERROR, cx.l.format(cx.lang, key, args));
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
    /// the simulated person at the desk.
    pub fn device_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let Some(scanner) = cx.devices.scanner() else {
                ui.colored_label(ERROR, t("ui-no-scanner"));
                return;
            };
            let info = scanner.info();
            let status = scanner.status();
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{}: {} {} ({}, {} ppi)",
                    t("ui-scanner"),
                    info.vendor,
                    info.model,
                    info.serial,
                    info.ppi
                ));
                let (key, colour) = match status {
                    DeviceStatus::Ready => ("ui-device-ready", GOOD),
                    DeviceStatus::Busy => ("ui-device-busy", WARNING),
                    DeviceStatus::NotReady => ("ui-device-not-ready", WARNING),
                    DeviceStatus::Disconnected => ("ui-device-disconnected", ERROR),
                };
                ui.colored_label(colour, t(key));
                if status == DeviceStatus::Disconnected
                    && big_button(ui, t("ui-reconnect")).clicked()
                {
                    match scanner.reconnect() {
                        Ok(()) => self.notice = None,
                        Err(e) => self.scanner_failed(&e),
                    }
                }
            });
            if let Some(simulator) = cx.devices.simulator_mut() {
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
                ui.horizontal_wrapped(|ui| {
                    ui.label(t("ui-simulated-person"));
                    for (i, title, _) in &names {
                        if ui.selectable_label(current_index == *i, title).clicked()
                            && self.runner.is_none()
                        {
                            simulator.present(*i);
                        }
                    }
                });
                if let Some((_, _, help)) = names.get(current_index)
                    && !help.is_empty()
                {
                    ui.weak(help);
                }
            }
        });
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
        if big_button(ui, t("ui-cancel")).clicked()
            && let Some(runner) = &self.runner
        {
            runner.cancel();
        }
        if let Some(preview) = &self.preview {
            ui.add(egui::Image::from_texture(preview).max_height(90.0));
        }
    }

    /// The capture step.
    pub fn capture_ui(&mut self, ui: &mut egui::Ui, desk: &mut Desk, cx: &mut DeskContext<'_>) {
        let capabilities = cx
            .devices
            .scanner()
            .map(|s| s.info().capabilities)
            .unwrap_or_default();
        let Ok(session) = desk.start_capture(cx.settings.quality, capabilities) else {
            return;
        };
        if self.session_ui(ui, session, cx)
            && let Err(e) = desk.finish_capture(cx.store)
        {
            self.notice = Some((e.message_key(), Vec::new()));
        }
    }

    /// The capture step over any session (enrolment or re-fingerprinting).
    /// Returns true when the officer goes on with a complete session.
    pub fn session_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut CaptureSession,
        cx: &mut DeskContext<'_>,
    ) -> bool {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let mut go_on = false;
        if let Some(finished) = self.poll(ui) {
            match finished {
                Ok(done) => match session.apply(done, &matcher()) {
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
        self.device_ui(ui, cx);
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
        let next = session.next_request();
        let complete = session.is_complete();
        let mark = session.defect_mark();
        let awaiting: Vec<Position> = session
            .needed()
            .into_iter()
            .filter(|p| {
                session
                    .slot(*p)
                    .is_some_and(|s| s.status == SlotStatus::AwaitingForce)
            })
            .collect();

        // The action row first: the officer never scrolls to capture.
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
                ui.strong(what);
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                if big_button(ui, t("ui-capture")).clicked() || enter {
                    self.start(request, cx);
                }
            } else if complete
                && (big_button(ui, t("ui-continue")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Enter)))
            {
                go_on = true;
            }
        });
        self.notice_ui(ui, cx);
        if let Some(mark) = mark {
            let key = if mark.refingerprint_next_time() {
                "ui-mark-temporary"
            } else {
                "ui-mark-permanent"
            };
            ui.colored_label(WARNING, t(key));
        }
        for position in awaiting {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(
                    WARNING,
                    cx.l.format(
                        cx.lang,
                        "ui-force-capture-ask",
                        &[("position", text(t(position_key(position))))],
                    ),
                );
                for reason in ForceReason::ALL {
                    if big_button(ui, t(reason.message_key())).clicked() {
                        session.force_capture(position, reason);
                    }
                }
            });
        }
        if let Some(position) = self.except_target {
            self.exception_picker(ui, session, position, cx);
        }
        let next = session.next_request();
        let clicked = self.panel_ui(ui, session, next.as_ref(), cx, true);
        match clicked {
            Some((TileAction::Except, position)) => self.except_target = Some(position),
            Some((TileAction::Recapture, position)) => session.recapture(position),
            None => {}
        }
        go_on
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
                    if big_button(ui, t(reason.message_key())).clicked() {
                        chosen = Some(Some(reason));
                    }
                }
                if big_button(ui, t("ui-no-exception")).clicked() {
                    chosen = Some(None);
                }
                if big_button(ui, t("ui-cancel")).clicked() {
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
                            };
                            if let Some(action) = self.tile(ui, session, &tile, cx) {
                                clicked = Some((action, position));
                            }
                        }
                    });
                });
                ui.add_space(8.0);
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
                    };
                    if let Some(action) = self.tile(ui, session, &tile, cx) {
                        clicked = Some((action, position));
                    }
                }
            });
        }
        clicked
    }

    /// One tile: name, image, quality against the threshold, attempts,
    /// status; an excepted position is crossed out with its reason.
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
        // The same width for every tile, so that nothing moves when the
        // highlight moves on.
        let stroke = if tile.current {
            egui::Stroke::new(3.0, egui::Color32::from_rgb(30, 100, 220))
        } else {
            egui::Stroke::new(3.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
        };
        let mut action = None;
        let name = t(position_key(tile.position));
        let response = egui::Frame::group(ui.style())
            .stroke(stroke)
            .show(ui, |ui| {
                ui.set_width(TILE_WIDTH);
                ui.vertical(|ui| {
                    // The hand is named above the tiles: the tile names the finger.
                    let short = match tile.position {
                        Position::Finger(f) => t(short_finger_key(f)),
                        Position::Palm(_) => name.clone(),
                    };
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(format!("{}. {}", tile.order, short))
                                .strong()
                                .size(14.0),
                        )
                        .truncate(),
                    )
                    .on_hover_text(&name);
                    let image_size = egui::vec2(TILE_WIDTH, 96.0);
                    if let Some(best) = &slot.best {
                        let key = (tile.position, slot.attempts);
                        let texture = self.textures.entry(key).or_insert_with(|| {
                            gray_texture(
                                ui.ctx(),
                                &format!("tile-{}-{}", tile.position.code(), slot.attempts),
                                &best.thumbnail,
                            )
                        });
                        ui.add(
                            egui::Image::from_texture(&*texture)
                                .max_size(image_size)
                                .maintain_aspect_ratio(true),
                        );
                    } else {
                        ui.allocate_exact_size(image_size, egui::Sense::hover());
                    }
                    match slot.status {
                        SlotStatus::Excepted(reason) => {
                            ui.colored_label(ERROR, t(reason.message_key()));
                        }
                        status => {
                            let quality = slot.best.as_ref().map(|b| b.quality);
                            let colour = match status {
                                SlotStatus::Accepted => GOOD,
                                SlotStatus::ForceCaptured(_) | SlotStatus::AwaitingForce => WARNING,
                                SlotStatus::SequenceRecapture | SlotStatus::Recapture => ERROR,
                                _ => ui.visuals().text_color(),
                            };
                            ui.colored_label(colour, t(status.message_key()));
                            if let SlotStatus::ForceCaptured(reason) = status {
                                ui.weak(t(reason.message_key()));
                            }
                            if let Some(q) = quality {
                                ui.colored_label(
                                    quality_colour(q, threshold),
                                    cx.l.format(
                                        cx.lang,
                                        "ui-quality",
                                        &[("score", MessageArg::Number(i64::from(q)))],
                                    ),
                                );
                            }
                        }
                    }
                    ui.weak(cx.l.format(
                        cx.lang,
                        "ui-attempts",
                        &[("count", MessageArg::Number(i64::from(slot.attempts)))],
                    ));
                    if tile.editable && self.runner.is_none() {
                        if named_button(
                            ui,
                            &t("ui-exception-short"),
                            &format!("{name}: {}", t("ui-exception")),
                        )
                        .on_hover_text(t("ui-exception"))
                        .clicked()
                        {
                            action = Some(TileAction::Except);
                        }
                        if matches!(
                            slot.status,
                            SlotStatus::Accepted | SlotStatus::ForceCaptured(_)
                        ) && named_button(
                            ui,
                            &t("ui-recapture-short"),
                            &format!("{name}: {}", t("ui-recapture")),
                        )
                        .on_hover_text(t("ui-recapture"))
                        .clicked()
                        {
                            action = Some(TileAction::Recapture);
                        }
                    }
                });
            })
            .response;
        if matches!(slot.status, SlotStatus::Excepted(_)) {
            // Crossed out, wherever the panel appears.
            let rect = response.rect.shrink(4.0);
            let stroke = egui::Stroke::new(3.0, ERROR);
            ui.painter()
                .line_segment([rect.left_top(), rect.right_bottom()], stroke);
            ui.painter()
                .line_segment([rect.right_top(), rect.left_bottom()], stroke);
        }
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
        super::widgets::labelled(ui, &login_label, &mut self.supervisor_login, None);
        super::widgets::labelled_field(
            ui,
            &password_label,
            &mut self.supervisor_password,
            None,
            true,
        );
        big_button(ui, t(button)).clicked().then(|| {
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
        ui.colored_label(ERROR, t("ui-duplicates-found"));
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
        ui.add_space(6.0);
        egui::Grid::new("duplicates")
            .striped(true)
            .num_columns(7)
            .spacing([18.0, 6.0])
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
                            ui.add(egui::Image::from_texture(texture).max_height(120.0));
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
        ui.add_space(8.0);
        ui.label(t("ui-duplicates-supervisor"));
        if let Some((login, password)) = self.supervisor_ui(ui, cx, "ui-duplicates-continue") {
            match desk.override_duplicates(cx.store, &login, &password, Utc::now()) {
                Ok(()) => self.notice = None,
                Err(e) => self.notice = Some((e.message_key(), Vec::new())),
            }
        }
        self.notice_ui(ui, cx);
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
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
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
                    session.apply(done, &matcher());
                    if session.state() != VerificationState::Capturing {
                        finished = true;
                    }
                }
                Err(error) => self.scanner_failed(&error),
            }
        }
        self.device_ui(ui, cx);
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
                    let colour = if done {
                        GOOD
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.colored_label(colour, t(position_key(position)));
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
                ui.horizontal(|ui| {
                    ui.strong(cx.l.format(
                        cx.lang,
                        "capture-request-finger",
                        &[("finger", text(what))],
                    ));
                    if design::primary(ui, Some(design::icons::FINGERPRINT), &t("ui-capture")) {
                        self.start(request, cx);
                    }
                });
            }
        }
        self.notice_ui(ui, cx);
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

#[cfg(test)]
mod tests {
    use super::score_text;
    use crate::i18n::Lang;

    #[test]
    fn scores_keep_their_decimals_and_the_languages_decimal_sign() {
        assert_eq!(score_text(0.43127, 0.127, Lang::En), "0.431");
        assert_eq!(score_text(0.43127, 0.127, Lang::Kk), "0,431");
        assert_eq!(score_text(0.43127, 0.127, Lang::Ru), "0,431");
        // A matcher scoring in whole points keeps whole numbers.
        assert_eq!(score_text(57.4, 38.0, Lang::Kk), "57");
    }
}
