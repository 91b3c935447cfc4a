//! The app shell: which screen is up, the top bar (training banner,
//! officer, records, supervisor, theme, language, sign-out), unlock,
//! first-run setup, sign-in and the idle lock. Screens draw and return
//! commands; the shell applies them after the frame.

use chrono::{Local, NaiveDate, Utc};
use eframe::egui;

use super::AppConfig;
use super::admin::{AdminCommand, AdminScreen};
use super::design::{self, Design, FieldMessage, Theme, Tone, icons};
use super::desk::{DeskCommand, DeskContext, DeskScreen};
use super::devices::Devices;
use super::devices::desk_policy;
use super::records::{RecordsCommand, RecordsScreen};
use crate::enrollment::office::{self, DEMO_LOGIN, DEMO_PASSWORD, MissionSetup};
use crate::enrollment::{AuthError, Mode, Office, SignedIn, StoreError};
use crate::enrollment::{Desk, FieldError, FlowError, MissionSettings, Step};
use crate::i18n::{Lang, Localizer};
use crate::model::OfficerRole;
use crate::regulation::MessageArg;

/// The database in use, its settings and who is signed in.
struct Session {
    office: Office,
    settings: MissionSettings,
    officer: Option<SignedIn>,
    /// The audit log was found broken at sign-in: shown on every screen.
    log_broken: Option<String>,
    /// Days the oldest unanswered outbox item has waited, when over the
    /// supervisor's threshold (checked at sign-in).
    outbox_overdue: Option<i64>,
    /// Rejections by the registries still to be corrected (at sign-in).
    open_rejections: usize,
}

enum Screen {
    Unlock {
        passphrase: String,
    },
    Setup(Box<MissionSetup>, Vec<FieldError>),
    SignIn {
        login: String,
        password: String,
    },
    /// The desk, with the records or the supervisor's screen over it when
    /// open (the case waits behind them).
    Work {
        desk: Box<DeskScreen>,
        over: Option<Overlay>,
    },
}

enum Overlay {
    Records(Box<RecordsScreen>),
    Admin(Box<AdminScreen>),
}

/// The kiosk.
pub struct BederApp {
    config: AppConfig,
    localizer: Option<Localizer>,
    lang: Lang,
    theme: Theme,
    session: Option<Session>,
    screen: Screen,
    /// A message for the officer: (Fluent id, detail).
    notice: Option<(&'static str, String)>,
    locked: bool,
    unlock_password: String,
    last_input: f64,
    devices: Devices,
    /// An SBI discovery running on its own thread (up to two seconds on a
    /// machine without a device: never on the window's).
    discovering:
        Option<std::sync::mpsc::Receiver<Option<Result<Devices, crate::scanner::ScannerError>>>>,
    started: bool,
    /// A new screen: its first field takes the focus.
    focus_pending: bool,
}

impl BederApp {
    /// Opens (or, in training mode and at first run, prepares) the database.
    pub fn new(config: AppConfig) -> Self {
        let mut app = BederApp {
            lang: config.lang,
            localizer: Localizer::new().ok(),
            theme: Theme::Light,
            session: None,
            screen: Screen::Unlock {
                passphrase: String::new(),
            },
            notice: None,
            locked: false,
            unlock_password: String::new(),
            last_input: 0.0,
            devices: Devices::none(),
            discovering: None,
            started: false,
            focus_pending: true,
            config,
        };
        app.start();
        app
    }

    /// The kiosk in a fresh window: fonts and the theme are set before the
    /// first frame, so it is never drawn in another theme or without icons.
    pub fn with_context(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        let mut app = BederApp::new(config);
        app.prepare(&cc.egui_ctx);
        app
    }

    /// The kiosk with a given scanner (live mode with a device backend, or
    /// tests).
    pub fn with_devices(config: AppConfig, devices: Devices) -> Self {
        let mut app = BederApp::new(config);
        app.devices = devices;
        app
    }

    pub fn devices_mut(&mut self) -> &mut Devices {
        &mut self.devices
    }

    fn prepare(&mut self, ctx: &egui::Context) {
        if self.started {
            return;
        }
        egui_material_icons::initialize(ctx);
        Design::new(self.theme).apply(ctx);
        self.started = true;
    }

    /// The desk's flow, when the desk is up.
    pub fn desk(&self) -> Option<&Desk> {
        match &self.screen {
            Screen::Work { desk, .. } => Some(desk.desk()),
            _ => None,
        }
    }

    /// Which page is up: a screen, the desk's step, an overlay.
    fn page(
        &self,
    ) -> (
        std::mem::Discriminant<Screen>,
        Option<Step>,
        Option<std::mem::Discriminant<Overlay>>,
    ) {
        match &self.screen {
            Screen::Work { desk, over } => (
                std::mem::discriminant(&self.screen),
                Some(desk.desk().step()),
                over.as_ref().map(std::mem::discriminant),
            ),
            screen => (std::mem::discriminant(screen), None, None),
        }
    }

    /// A capture is running on the worker.
    pub fn is_capturing(&self) -> bool {
        match &self.screen {
            Screen::Work { desk, over } => {
                desk.is_capturing()
                    || matches!(over, Some(Overlay::Records(records)) if records.is_capturing())
            }
            _ => false,
        }
    }

    /// The officer signed in, if any (for tests and the desk).
    pub fn officer(&self) -> Option<&SignedIn> {
        self.session.as_ref().and_then(|s| s.officer.as_ref())
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Locks the screen now (what the idle timer does).
    pub fn lock(&mut self) {
        if self.officer().is_some() {
            self.locked = true;
        }
    }

    pub fn office(&self) -> Option<&Office> {
        self.session.as_ref().map(|s| &s.office)
    }

    /// The theme in force.
    pub fn theme(&self) -> Theme {
        self.theme
    }

    fn officer_name(&self) -> String {
        self.officer()
            .map(|o| {
                let n = &o.officer.name;
                format!(
                    "{} {} {}",
                    n.surname,
                    n.name,
                    n.patronymic.clone().unwrap_or_default()
                )
                .trim()
                .to_string()
            })
            .unwrap_or_default()
    }

    fn idle_minutes(&self) -> u32 {
        self.config.idle_lock_minutes.unwrap_or(
            self.session
                .as_ref()
                .map_or(MissionSettings::default().idle_lock_minutes, |s| {
                    s.settings.idle_lock_minutes
                }),
        )
    }

    fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| Local::now().date_naive())
    }

    fn start(&mut self) {
        let dir = self.config.data_dir.clone();
        match self.config.mode {
            Mode::Training => {
                let opened = office::open_training(&dir, self.config.kdf).map(Office::from);
                self.opened(opened);
                // The simulator at once; a training room's SBI device (a
                // developer device is allowed here, if the supervisor
                // allows it; never at a live desk) replaces it when the
                // discovery finds one.
                match Devices::training(self.config.simulator_dir.as_deref(), &dir) {
                    Ok(devices) => self.devices = devices,
                    Err(e) => self.notice = Some((e.message_key(), e.to_string())),
                }
                self.discover_sbi(true);
            }
            Mode::Live => {
                if !Office::live_exists(&dir) {
                    self.screen = Screen::Setup(Box::default(), Vec::new());
                } else if let Some(passphrase) = self.config.passphrase.clone() {
                    self.unlock(&passphrase);
                }
            }
        }
    }

    fn unlock(&mut self, passphrase: &str) {
        let opened = Office::open_live(&self.config.data_dir, passphrase);
        self.opened(opened);
        // A live desk's scanner: a registered SBI registration device.
        self.discover_sbi(false);
    }

    /// Looks for the SBI devices on this machine, on a thread of its own,
    /// if the kiosk looks for them: with the mission's quality threshold as
    /// the requested score.
    fn discover_sbi(&mut self, training: bool) {
        if !self.config.discover_sbi {
            return;
        }
        let policy = desk_policy(training, self.session.as_ref().map(|s| &s.settings));
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("beder-sbi-discovery".into())
            .spawn(move || {
                let _ = tx.send(Devices::sbi(&policy));
            });
        if spawned.is_ok() {
            self.discovering = Some(rx);
        }
    }

    /// The discovery's answer, when it has come: the SBI devices replace
    /// the simulator; a device that is there but cannot be trusted is said.
    fn poll_discovery(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.discovering else {
            return;
        };
        match rx.try_recv() {
            Ok(found) => {
                self.discovering = None;
                match found {
                    Some(Ok(devices)) => self.devices = devices,
                    Some(Err(e)) => self.notice = Some((e.message_key(), e.detail())),
                    None => {}
                }
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.discovering = None,
        }
    }

    /// A database was opened (or could not be): on to sign-in, or say why not.
    fn opened(&mut self, result: Result<Office, StoreError>) {
        match result {
            Ok(office) => {
                // Damaged settings are said (and the defaults used), never
                // silently replaced.
                let (settings, problem) = match MissionSettings::load(&office) {
                    Ok(settings) => (settings, None),
                    Err(e) => (
                        MissionSettings::default(),
                        Some((e.message_key(), e.detail())),
                    ),
                };
                self.theme = settings.theme;
                // The duplicate check's gallery, coded while the officer
                // signs in (detached: the desk waits for it if it must).
                let _ = crate::enrollment::warm_gallery(&office);
                self.session = Some(Session {
                    office,
                    settings,
                    officer: None,
                    log_broken: None,
                    outbox_overdue: None,
                    open_rejections: 0,
                });
                self.notice = problem;
                self.show_sign_in();
            }
            Err(e) => self.notice = Some((e.message_key(), e.detail())),
        }
    }

    fn show_sign_in(&mut self) {
        self.focus_pending = true;
        self.screen = Screen::SignIn {
            login: String::new(),
            password: String::new(),
        };
    }

    fn t(&self, key: &str) -> String {
        self.localizer
            .as_ref()
            .map_or_else(|| key.to_string(), |l| l.text(self.lang, key))
    }

    fn tf(&self, key: &str, args: &[(&str, MessageArg)]) -> String {
        self.localizer
            .as_ref()
            .map_or_else(|| key.to_string(), |l| l.format(self.lang, key, args))
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        let d = Design::of(ui.ctx());
        if self.config.mode == Mode::Training {
            egui::Frame::new()
                .fill(d.palette.training)
                .inner_margin(d.sizes.gap)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.vertical_centered(|ui| {
                        // The simulator, or a training room's SBI device on
                        // the real desk's code path.
                        let banner = if self.devices.is_simulator() {
                            "ui-training-banner"
                        } else {
                            "ui-training-banner-device"
                        };
                        ui.label(
                            egui::RichText::new(self.t(banner))
                                .color(d.palette.on_strong)
                                .strong()
                                .size(d.sizes.training_text),
                        );
                    });
                });
        }
        let mut command = None;
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new(format!(
                    "{}  {}",
                    icons::FINGERPRINT.codepoint,
                    self.t("app-name")
                ))
                .size(d.sizes.heading)
                .strong()
                .color(d.palette.text),
            );
            if self.officer().is_some() {
                design::weak(
                    ui,
                    &format!("{}  {}", icons::PERSON.codepoint, self.officer_name()),
                );
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if self.officer().is_some()
                    && design::quiet(ui, Some(icons::LOGOUT), &self.t("ui-sign-out")).clicked()
                {
                    command = Some(TopCommand::SignOut);
                }
                let at_desk = matches!(&self.screen, Screen::Work { over: None, .. });
                let supervisor = self
                    .officer()
                    .is_some_and(|o| o.officer.role == OfficerRole::Supervisor);
                if supervisor
                    && !self.locked
                    && at_desk
                    && !self.is_capturing()
                    && design::secondary(ui, Some(icons::SUPERVISOR), &self.t("ui-admin")).clicked()
                {
                    command = Some(TopCommand::Admin);
                }
                if self.officer().is_some()
                    && !self.locked
                    && at_desk
                    && !self.is_capturing()
                    && design::secondary(ui, Some(icons::RECORDS), &self.t("ui-records")).clicked()
                {
                    command = Some(TopCommand::Records);
                }
                let next_theme = match self.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark | Theme::HighContrast => Theme::Light,
                };
                let theme_key = match next_theme {
                    Theme::Light => "ui-theme-light",
                    _ => "ui-theme-dark",
                };
                if design::quiet(ui, Some(icons::THEME), &self.t(theme_key)).clicked() {
                    command = Some(TopCommand::Theme(next_theme));
                }
                for lang in [Lang::En, Lang::Ru, Lang::Kk] {
                    if ui
                        .selectable_label(self.lang == lang, lang.native_name())
                        .clicked()
                    {
                        self.lang = lang;
                    }
                }
            });
        });
        match command {
            Some(TopCommand::SignOut) => self.sign_out(),
            Some(TopCommand::Admin) => self.open_admin(),
            Some(TopCommand::Records) => self.open_records(),
            Some(TopCommand::Theme(theme)) => {
                self.theme = theme;
                Design::new(theme).apply(ui.ctx());
            }
            None => {}
        }
    }

    fn open_admin(&mut self) {
        let today = self.today();
        let (Some(session), Screen::Work { over, .. }) = (self.session.as_ref(), &mut self.screen)
        else {
            return;
        };
        if let Some(officer) = &session.officer {
            let name = crate::documents::full_name(&officer.officer.name);
            *over = Some(Overlay::Admin(Box::new(
                AdminScreen::new(officer.id, &session.settings).with_today(today, &name),
            )));
        }
    }

    fn open_records(&mut self) {
        let today = self.today();
        let (Some(session), Screen::Work { over, .. }) = (self.session.as_ref(), &mut self.screen)
        else {
            return;
        };
        if let Some(officer) = &session.officer {
            *over = Some(Overlay::Records(Box::new(RecordsScreen::new(
                officer.id, today,
            ))));
        }
    }

    fn close_overlay(&mut self) {
        if let Screen::Work { over, .. } = &mut self.screen {
            *over = None;
        }
        // The supervisor may have changed the settings.
        if let Some(session) = self.session.as_mut() {
            match MissionSettings::load(&session.office) {
                Ok(settings) => {
                    session.settings = settings;
                    self.theme = settings.theme;
                }
                Err(e) => self.notice = Some((e.message_key(), e.detail())),
            }
        }
    }

    fn sign_out(&mut self) {
        if let Some(session) = self.session.as_mut()
            && let Some(officer) = session.officer.take()
            && let Err(e) = office::sign_out(&mut session.office, officer.id)
        {
            // Signed out all the same; the failed audit entry is said.
            self.notice = Some((e.message_key(), e.detail()));
        } else {
            self.notice = None;
        }
        self.locked = false;
        self.show_sign_in();
    }

    fn notice_ui(&self, ui: &mut egui::Ui) {
        if let Some((key, detail)) = &self.notice {
            let text = self.tf(key, &[("detail", MessageArg::Text(detail.clone()))]);
            design::note(ui, Tone::Danger, &text);
        }
    }

    fn unlock_ui(&mut self, ui: &mut egui::Ui) {
        design::title(ui, &self.t("ui-unlock-title"));
        let label = self.t("ui-passphrase");
        if let Screen::Unlock { passphrase } = &mut self.screen {
            design::password_row(ui, &label, passphrase, None);
        }
        if design::primary(ui, Some(icons::LOCK), &self.t("ui-unlock"))
            && let Screen::Unlock { passphrase } = &self.screen
        {
            let p = passphrase.clone();
            self.unlock(&p);
        }
        self.notice_ui(ui);
    }

    fn setup_ui(&mut self, ui: &mut egui::Ui) {
        design::title(ui, &self.t("ui-setup-title"));
        let t = |key: &str| self.t(key);
        let labels: Vec<String> = [
            "ui-mission",
            "ui-country",
            "ui-city",
            "ui-mission-code",
            "ui-surname",
            "ui-name",
            "ui-login",
            "ui-password",
            "ui-passphrase",
            "ui-passphrase-again",
            "ui-setup-mission",
            "ui-setup-supervisor",
            "ui-setup-passphrase",
            "ui-create",
        ]
        .iter()
        .map(|k| t(k))
        .collect();
        let localizer = self.localizer.as_ref();
        let lang = self.lang;
        let mut create = false;
        if let Screen::Setup(form, errors) = &mut self.screen {
            let message = |field: &str| {
                errors.iter().find(|e| e.field == field).map(|e| {
                    FieldMessage::Error(
                        localizer.map_or_else(|| e.key.to_string(), |l| l.text(lang, e.key)),
                    )
                })
            };
            ui.columns(2, |columns| {
                design::section(&mut columns[0], &labels[10], |ui| {
                    design::text_row(
                        ui,
                        &labels[0],
                        &mut form.mission,
                        message("mission").as_ref(),
                        None,
                        None,
                    );
                    design::text_row(ui, &labels[1], &mut form.country, None, None, None);
                    design::text_row(ui, &labels[2], &mut form.city, None, None, None);
                    design::text_row(ui, &labels[3], &mut form.code, None, None, None);
                });
                design::section(&mut columns[0], &labels[12], |ui| {
                    design::password_row(
                        ui,
                        &labels[8],
                        &mut form.passphrase,
                        message("passphrase").as_ref(),
                    );
                    design::password_row(
                        ui,
                        &labels[9],
                        &mut form.passphrase_again,
                        message("passphrase_again").as_ref(),
                    );
                });
                design::section(&mut columns[1], &labels[11], |ui| {
                    design::text_row(
                        ui,
                        &labels[4],
                        &mut form.surname,
                        message("surname").as_ref(),
                        None,
                        None,
                    );
                    design::text_row(
                        ui,
                        &labels[5],
                        &mut form.name,
                        message("name").as_ref(),
                        None,
                        None,
                    );
                    design::text_row(
                        ui,
                        &labels[6],
                        &mut form.login,
                        message("login").as_ref(),
                        None,
                        None,
                    );
                    design::password_row(
                        ui,
                        &labels[7],
                        &mut form.password,
                        message("password").as_ref(),
                    );
                });
            });
            create = design::primary(ui, Some(icons::DONE), &labels[13]);
        }
        if create {
            self.finish_setup();
        }
        self.notice_ui(ui);
    }

    fn finish_setup(&mut self) {
        let Screen::Setup(form, errors) = &mut self.screen else {
            return;
        };
        match form.create(&self.config.data_dir, self.config.kdf) {
            Ok(store) => self.opened(Ok(Office::from(store))),
            Err(FlowError::Fields(fields)) => *errors = fields,
            Err(FlowError::Store(e)) => self.notice = Some((e.message_key(), e.detail())),
            Err(e) => self.notice = Some((e.message_key(), String::new())),
        }
    }

    fn sign_in_ui(&mut self, ui: &mut egui::Ui) {
        design::title(ui, &self.t("ui-sign-in-title"));
        if self.config.mode == Mode::Training {
            design::note(
                ui,
                Tone::Info,
                &self.tf(
                    "ui-demo-login",
                    &[
                        ("login", MessageArg::Text(DEMO_LOGIN.into())),
                        ("password", MessageArg::Text(DEMO_PASSWORD.into())),
                    ],
                ),
            );
        }
        let (login_label, password_label) = (self.t("ui-login"), self.t("ui-password"));
        if let Screen::SignIn { login, password } = &mut self.screen {
            design::text_row(ui, &login_label, login, None, None, None);
            design::password_row(ui, &password_label, password, None);
        }
        if design::primary(ui, Some(icons::PERSON), &self.t("ui-sign-in")) {
            self.try_sign_in();
        }
        self.notice_ui(ui);
    }

    fn try_sign_in(&mut self) {
        let today = self.today();
        let Screen::SignIn { login, password } = &mut self.screen else {
            return;
        };
        let (l, p) = (login.clone(), std::mem::take(password));
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match office::sign_in(&mut session.office, &l, &p, Utc::now()) {
            Ok(officer) => {
                self.notice = None;
                session.log_broken = match office::check_log(&mut session.office, officer.id) {
                    Ok(problem) => problem,
                    Err(e) => Some(e.to_string()),
                };
                // Retention: images the registries acknowledged long
                // enough ago leave the mirror (audited by the store). A
                // failure keeps them, and nobody from the desk; the
                // supervisor's screen shows what is due.
                let _ = session.office.purge_delivered_images(
                    session.settings.retention_days,
                    Utc::now(),
                    None,
                );
                // A store that cannot say is not a reason to keep the
                // officer from the desk; the supervisor's screen shows it.
                session.outbox_overdue = crate::enrollment::outbox_overdue(
                    &session.office,
                    &session.settings,
                    Utc::now(),
                )
                .ok()
                .flatten();
                session.open_rejections = session
                    .office
                    .open_rejections()
                    .map(|r| r.len())
                    .unwrap_or(0);
                self.screen = Screen::Work {
                    desk: Box::new(DeskScreen::new(officer.id, today)),
                    over: None,
                };
                session.officer = Some(officer);
            }
            Err(e) => {
                let detail = match &e {
                    AuthError::Locked { until } => {
                        until.with_timezone(&Local).format("%H:%M").to_string()
                    }
                    other => other.to_string(),
                };
                self.notice = Some((e.message_key(), detail));
            }
        }
    }

    fn locked_ui(&mut self, ui: &mut egui::Ui) {
        design::title(ui, &self.t("ui-locked-title"));
        let label = self.t("ui-password");
        design::password_row(ui, &label, &mut self.unlock_password, None);
        if design::primary(ui, Some(icons::LOCK), &self.t("ui-unlock")) {
            let password = std::mem::take(&mut self.unlock_password);
            if let Some(session) = self.session.as_mut() {
                let login = session
                    .officer
                    .as_ref()
                    .map(|o| o.officer.login.clone())
                    .unwrap_or_default();
                match office::sign_in(&mut session.office, &login, &password, Utc::now()) {
                    Ok(_) => {
                        self.locked = false;
                        self.notice = None;
                    }
                    Err(e) => self.notice = Some((e.message_key(), String::new())),
                }
            }
        }
        self.notice_ui(ui);
    }

    /// The desk, or the screen over it.
    fn work_ui(&mut self, ui: &mut egui::Ui) {
        let officer_name = self.officer_name();
        let today = self.today();
        let (Some(session), Some(localizer), Screen::Work { desk, over }) = (
            self.session.as_mut(),
            self.localizer.as_ref(),
            &mut self.screen,
        ) else {
            return;
        };
        let mut cx = DeskContext {
            office: &mut session.office,
            l: localizer,
            lang: self.lang,
            devices: &mut self.devices,
            settings: session.settings,
            officer_name,
            today,
        };
        if let Some(problem) = &session.log_broken {
            design::note(
                ui,
                Tone::Danger,
                &localizer.format(
                    self.lang,
                    "ui-log-broken",
                    &[("detail", MessageArg::Text(problem.clone()))],
                ),
            );
        }
        if let Some(days) = session.outbox_overdue {
            design::note(
                ui,
                Tone::Warning,
                &localizer.format(
                    self.lang,
                    "ui-outbox-overdue",
                    &[("days", MessageArg::Number(days))],
                ),
            );
        }
        if session.open_rejections > 0 {
            design::note(
                ui,
                Tone::Danger,
                &localizer.format(
                    self.lang,
                    "ui-outbox-rejected-banner",
                    &[("count", MessageArg::Number(session.open_rejections as i64))],
                ),
            );
        }
        let mut close = false;
        match over {
            None => match desk.ui(ui, &mut cx) {
                DeskCommand::None => {}
            },
            Some(Overlay::Records(records)) => {
                if records.ui(ui, &mut cx) == RecordsCommand::Close {
                    close = true;
                }
            }
            Some(Overlay::Admin(admin)) => {
                if admin.ui(ui, cx.office, cx.l, cx.lang) == AdminCommand::Close {
                    close = true;
                }
            }
        }
        if close {
            self.close_overlay();
        }
    }
}

impl BederApp {
    /// The desk's actions, pinned at the bottom of the window.
    fn action_bar(&mut self, ui: &mut egui::Ui) {
        if self.locked {
            return;
        }
        let Screen::Work { desk, over: None } = &mut self.screen else {
            return;
        };
        let actions = desk.actions().clone();
        if actions.primary.is_none() && actions.others.is_empty() && actions.back.is_none() {
            return;
        }
        let d = Design::of(ui.ctx());
        egui::Panel::bottom("actions")
            .frame(
                egui::Frame::new()
                    .fill(d.palette.raised)
                    .stroke(egui::Stroke::new(d.sizes.border_width, d.palette.border))
                    .inner_margin(egui::Margin::symmetric(12, 4)),
            )
            .show(ui, |ui| {
                design::column(ui, |ui| {
                    if let Some(id) = design::action_bar(ui, &actions) {
                        desk.choose(id);
                        ui.ctx().request_repaint();
                    }
                });
            });
    }
}

/// What the top bar asks for.
enum TopCommand {
    SignOut,
    Admin,
    Records,
    Theme(Theme),
}

impl eframe::App for BederApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.prepare(ui.ctx());
        self.poll_discovery(ui.ctx());
        if Design::of(ui.ctx()).theme != self.theme {
            Design::new(self.theme).apply(ui.ctx());
        }
        // Controls keep their size on the hand: on a large screen (a
        // 1920×1080 touch monitor) everything is drawn larger, so the
        // layout is the one checked at 1280×800 with larger previews.
        let width = ui.ctx().content_rect().width() * ui.ctx().zoom_factor();
        let zoom = if width >= 1700.0 { 1.3 } else { 1.0 };
        if (ui.ctx().zoom_factor() - zoom).abs() > f32::EPSILON {
            ui.ctx().set_zoom_factor(zoom);
        }
        // Idle lock: any input resets the timer.
        let (now, active) = ui.input(|i| (i.time, !i.events.is_empty() || i.pointer.is_moving()));
        if active || self.last_input == 0.0 {
            self.last_input = now;
        }
        if self.officer().is_some()
            && !self.is_capturing()
            && now - self.last_input > f64::from(self.idle_minutes()) * 60.0
        {
            self.lock();
        }
        if self.focus_pending {
            self.focus_pending = false;
            design::focus_first_field(ui.ctx());
        }
        egui::Panel::top("top").show(ui, |ui| self.top_bar(ui));
        self.action_bar(ui);
        egui::CentralPanel::default().show(ui, |ui| {
            // Each page keeps its own scroll position: a new step opens at
            // its top, not where the previous one was left.
            egui::ScrollArea::vertical()
                .id_salt(self.page())
                .show(ui, |ui| {
                    design::column(ui, |ui| {
                        if self.locked {
                            self.locked_ui(ui);
                            return;
                        }
                        match &self.screen {
                            Screen::Unlock { .. } => self.unlock_ui(ui),
                            Screen::Setup(..) => self.setup_ui(ui),
                            Screen::SignIn { .. } => self.sign_in_ui(ui),
                            Screen::Work { .. } => {
                                self.work_ui(ui);
                                // A settings problem (and others) stay visible.
                                if self.notice.is_some() {
                                    self.notice_ui(ui);
                                }
                            }
                        }
                    });
                });
        });
        design::end_frame(ui.ctx());
        // Keep the idle timer ticking while nothing happens.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs(1));
    }
}
