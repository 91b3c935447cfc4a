//! The app shell: which screen is up, the top bar (training banner, officer,
//! language, theme), unlock, first-run setup, sign-in and the idle lock.

use chrono::{Local, NaiveDate, Utc};
use eframe::egui;

use super::admin::{AdminCommand, AdminScreen};
use super::desk::{DeskContext, DeskScreen};
use super::devices::Devices;
use super::records::{RecordsCommand, RecordsScreen};
use super::{AppConfig, DEMO_LOGIN, DEMO_PASSWORD, TRAINING_PASSPHRASE};
use crate::enrollment::{Desk, MissionSettings};
use crate::i18n::{Lang, Localizer};
use crate::model::{FullName, OfficerRole};
use crate::regulation::MessageArg;
use crate::store::{AuthError, LockoutPolicy, Mode, NewOfficer, SignedIn, Store, StoreError};

#[derive(Debug, Default)]
struct SetupForm {
    mission: String,
    country: String,
    city: String,
    surname: String,
    name: String,
    login: String,
    password: String,
    passphrase: String,
    passphrase_again: String,
}

enum Screen {
    Unlock {
        passphrase: String,
    },
    Setup(SetupForm),
    SignIn {
        login: String,
        password: String,
    },
    Desk(Box<DeskScreen>),
    /// The supervisor's screen; the desk waits behind it.
    Admin(Box<AdminScreen>, Box<DeskScreen>),
    /// The records screens; the desk waits behind them.
    Records(Box<RecordsScreen>, Box<DeskScreen>),
}

/// The kiosk.
pub struct BederApp {
    config: AppConfig,
    localizer: Option<Localizer>,
    lang: Lang,
    store: Option<Store>,
    officer: Option<SignedIn>,
    screen: Screen,
    /// A message for the officer: (Fluent id, detail).
    notice: Option<(&'static str, String)>,
    locked: bool,
    unlock_password: String,
    last_input: f64,
    dark: bool,
    theme_applied: bool,
    devices: Devices,
    settings: MissionSettings,
}

fn field(ui: &mut egui::Ui, label: &str, value: &mut String, password: bool) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.add_sized([220.0, 28.0], egui::Label::new(label));
        ui.add_sized(
            [320.0, 28.0],
            egui::TextEdit::singleline(value).password(password),
        )
        .labelled_by(label.id)
    })
    .inner
}

impl BederApp {
    /// Opens (or, in training mode and at first run, prepares) the database.
    pub fn new(config: AppConfig) -> Self {
        let mut app = BederApp {
            lang: config.lang,
            localizer: Localizer::new().ok(),
            store: None,
            officer: None,
            screen: Screen::Unlock {
                passphrase: String::new(),
            },
            notice: None,
            locked: false,
            unlock_password: String::new(),
            last_input: 0.0,
            dark: false,
            theme_applied: false,
            devices: Devices::none(),
            settings: MissionSettings::default(),
            config,
        };
        app.start();
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

    /// The desk's flow, when the desk is up.
    pub fn desk(&self) -> Option<&Desk> {
        match &self.screen {
            Screen::Desk(desk) | Screen::Admin(_, desk) | Screen::Records(_, desk) => {
                Some(desk.desk())
            }
            _ => None,
        }
    }

    /// A capture is running on the worker.
    pub fn is_capturing(&self) -> bool {
        match &self.screen {
            Screen::Desk(desk) => desk.is_capturing(),
            Screen::Records(records, _) => records.is_capturing(),
            _ => false,
        }
    }

    fn officer_name(&self) -> String {
        self.officer
            .as_ref()
            .map(|o| {
                let n = &o.officer.name;
                format!("{} {}", n.surname, n.name)
            })
            .unwrap_or_default()
    }

    fn idle_minutes(&self) -> u32 {
        self.config
            .idle_lock_minutes
            .unwrap_or(self.settings.idle_lock_minutes)
    }

    fn start(&mut self) {
        let dir = self.config.data_dir.clone();
        match self.config.mode {
            Mode::Training => {
                let opened = self.open_training(&dir);
                self.opened(opened);
                match Devices::training(self.config.simulator_dir.as_deref(), &dir) {
                    Ok(devices) => self.devices = devices,
                    Err(e) => {
                        self.notice = Some((e.message_key(), e.to_string()));
                    }
                }
            }
            Mode::Live => {
                if !Store::database_path(&dir, Mode::Live).exists() {
                    self.screen = Screen::Setup(SetupForm::default());
                } else if let Some(passphrase) = self.config.passphrase.clone() {
                    self.unlock(&passphrase);
                }
            }
        }
    }

    fn open_training(&self, dir: &std::path::Path) -> Result<Store, StoreError> {
        match Store::open(dir, Mode::Training, TRAINING_PASSPHRASE) {
            Err(StoreError::NotInitialized(_)) | Err(StoreError::MissingDirectory(_)) => {
                let mut store =
                    Store::create(dir, Mode::Training, TRAINING_PASSPHRASE, self.config.kdf)?;
                store.create_officer(
                    None,
                    &NewOfficer {
                        name: FullName {
                            surname: "Оқу".into(),
                            name: "Қызметкер".into(),
                            patronymic: None,
                        },
                        login: DEMO_LOGIN.into(),
                        password: DEMO_PASSWORD.into(),
                        role: OfficerRole::Supervisor,
                    },
                )?;
                store.set_setting("mission", "Training room")?;
                Ok(store)
            }
            other => other,
        }
    }

    fn unlock(&mut self, passphrase: &str) {
        let opened = Store::open(&self.config.data_dir, Mode::Live, passphrase);
        self.opened(opened);
    }

    /// A database was opened (or could not be): on to sign-in, or say why not.
    fn opened(&mut self, result: Result<Store, StoreError>) {
        match result {
            Ok(store) => {
                self.settings = MissionSettings::load(&store).unwrap_or_default();
                // The duplicate check's gallery, coded while the officer
                // signs in (detached: the desk waits for it if it must).
                let _ = crate::enrollment::warm_gallery(&store);
                self.store = Some(store);
                self.notice = None;
                self.show_sign_in();
            }
            Err(e) => self.notice = Some((e.message_key(), e.detail())),
        }
    }

    fn show_sign_in(&mut self) {
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

    /// The officer signed in, if any (for tests and the desk).
    pub fn officer(&self) -> Option<&SignedIn> {
        self.officer.as_ref()
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Locks the screen now (what the idle timer does).
    pub fn lock(&mut self) {
        if self.officer.is_some() {
            self.locked = true;
        }
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| Local::now().date_naive())
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        if self.config.mode == Mode::Training {
            egui::Frame::new()
                .fill(egui::Color32::from_rgb(200, 60, 0))
                .inner_margin(6.0)
                .show(ui, |ui| {
                    ui.vertical_centered(|ui| {
                        ui.label(
                            egui::RichText::new(self.t("ui-training-banner"))
                                .color(egui::Color32::WHITE)
                                .strong()
                                .size(20.0),
                        );
                    });
                });
        }
        ui.horizontal(|ui| {
            ui.heading(self.t("app-name"));
            if let Some(officer) = &self.officer {
                let name = format!(
                    "{} {}",
                    officer.officer.name.surname, officer.officer.name.name
                );
                ui.label(name);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if self.officer.is_some() && ui.button(self.t("ui-sign-out")).clicked() {
                    self.sign_out();
                }
                let supervisor = self
                    .officer
                    .as_ref()
                    .is_some_and(|o| o.officer.role == OfficerRole::Supervisor);
                if supervisor
                    && !self.locked
                    && matches!(self.screen, Screen::Desk(_))
                    && ui.button(self.t("ui-admin")).clicked()
                {
                    self.open_admin();
                }
                if self.officer.is_some()
                    && !self.locked
                    && matches!(self.screen, Screen::Desk(_))
                    && !self.is_capturing()
                    && ui.button(self.t("ui-records")).clicked()
                {
                    self.open_records(None);
                }
                let theme = if self.dark {
                    "ui-theme-light"
                } else {
                    "ui-theme-dark"
                };
                if ui.button(self.t(theme)).clicked() {
                    self.dark = !self.dark;
                    ui.ctx().set_theme(if self.dark {
                        egui::Theme::Dark
                    } else {
                        egui::Theme::Light
                    });
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
        ui.separator();
    }

    fn open_admin(&mut self) {
        let Some(id) = self.officer.as_ref().map(|o| o.id) else {
            return;
        };
        let screen = self.take_screen();
        self.screen = match screen {
            Screen::Desk(desk) => {
                Screen::Admin(Box::new(AdminScreen::new(id, &self.settings)), desk)
            }
            other => other,
        };
    }

    /// The records screens, on a record when one is given (to re-fingerprint).
    fn open_records(&mut self, refingerprint: Option<crate::store::RegistrationId>) {
        let Some(id) = self.officer.as_ref().map(|o| o.id) else {
            return;
        };
        let today = self.today();
        let screen = self.take_screen();
        self.screen = match screen {
            Screen::Desk(desk) => {
                let mut records = RecordsScreen::new(id, today);
                if let (Some(rid), Some(store), Some(localizer)) =
                    (refingerprint, self.store.as_mut(), self.localizer.as_ref())
                {
                    let mut cx = DeskContext {
                        store,
                        l: localizer,
                        lang: self.lang,
                        devices: &mut self.devices,
                        settings: self.settings,
                        officer_name: String::new(),
                    };
                    records.open_record(rid, &mut cx);
                    records.start_refingerprint();
                }
                Screen::Records(Box::new(records), desk)
            }
            other => other,
        };
    }

    fn close_records(&mut self) {
        let screen = self.take_screen();
        self.screen = match screen {
            Screen::Records(_, desk) => Screen::Desk(desk),
            other => other,
        };
    }

    /// The current screen, leaving a blank sign-in in its place for the
    /// moment the caller puts the next one.
    fn take_screen(&mut self) -> Screen {
        std::mem::replace(
            &mut self.screen,
            Screen::SignIn {
                login: String::new(),
                password: String::new(),
            },
        )
    }

    fn close_admin(&mut self) {
        let screen = self.take_screen();
        self.screen = match screen {
            Screen::Admin(_, desk) => Screen::Desk(desk),
            other => other,
        };
        if let Some(store) = &self.store {
            self.settings = MissionSettings::load(store).unwrap_or(self.settings);
        }
    }

    fn sign_out(&mut self) {
        if let (Some(store), Some(officer)) = (self.store.as_mut(), self.officer.as_ref()) {
            let _ = store.audit(
                crate::store::AuditEvent::new(crate::store::AuditAction::Logout).by(officer.id),
            );
        }
        self.officer = None;
        self.locked = false;
        self.show_sign_in();
    }

    fn notice_ui(&self, ui: &mut egui::Ui) {
        if let Some((key, detail)) = &self.notice {
            let text = self.tf(key, &[("detail", MessageArg::Text(detail.clone()))]);
            ui.colored_label(egui::Color32::from_rgb(200, 30, 30), text);
        }
    }

    fn unlock_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading(self.t("ui-unlock-title"));
        let label = self.t("ui-passphrase");
        let mut entered = false;
        if let Screen::Unlock { passphrase } = &mut self.screen {
            let response = field(ui, &label, passphrase, true);
            entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        }
        if (ui.button(self.t("ui-unlock")).clicked() || entered)
            && let Screen::Unlock { passphrase } = &self.screen
        {
            let p = passphrase.clone();
            self.unlock(&p);
        }
        self.notice_ui(ui);
    }

    fn setup_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading(self.t("ui-setup-title"));
        let labels: Vec<String> = [
            "ui-mission",
            "ui-country",
            "ui-city",
            "ui-surname",
            "ui-name",
            "ui-login",
            "ui-password",
            "ui-passphrase",
            "ui-passphrase-again",
        ]
        .iter()
        .map(|k| self.t(k))
        .collect();
        let Screen::Setup(form) = &mut self.screen else {
            return;
        };
        field(ui, &labels[0], &mut form.mission, false);
        field(ui, &labels[1], &mut form.country, false);
        field(ui, &labels[2], &mut form.city, false);
        ui.add_space(8.0);
        field(ui, &labels[3], &mut form.surname, false);
        field(ui, &labels[4], &mut form.name, false);
        field(ui, &labels[5], &mut form.login, false);
        field(ui, &labels[6], &mut form.password, true);
        ui.add_space(8.0);
        field(ui, &labels[7], &mut form.passphrase, true);
        field(ui, &labels[8], &mut form.passphrase_again, true);
        if ui.button(self.t("ui-create")).clicked() {
            self.finish_setup();
        }
        self.notice_ui(ui);
    }

    fn finish_setup(&mut self) {
        let Screen::Setup(form) = &self.screen else {
            return;
        };
        if form.mission.trim().is_empty()
            || form.surname.trim().is_empty()
            || form.login.trim().is_empty()
        {
            self.notice = Some(("field-required", String::new()));
            return;
        }
        if form.passphrase != form.passphrase_again || form.passphrase.chars().count() < 8 {
            self.notice = Some(("ui-passphrase-mismatch", String::new()));
            return;
        }
        let result = (|| -> Result<Store, StoreError> {
            let mut store = Store::create(
                &self.config.data_dir,
                Mode::Live,
                &form.passphrase,
                self.config.kdf,
            )?;
            store.create_officer(
                None,
                &NewOfficer {
                    name: FullName {
                        surname: form.surname.trim().into(),
                        name: form.name.trim().into(),
                        patronymic: None,
                    },
                    login: form.login.trim().into(),
                    password: form.password.clone(),
                    role: OfficerRole::Supervisor,
                },
            )?;
            store.set_setting("mission", form.mission.trim())?;
            store.set_setting("country", form.country.trim())?;
            store.set_setting("city", form.city.trim())?;
            Ok(store)
        })();
        self.opened(result);
    }

    fn sign_in_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading(self.t("ui-sign-in-title"));
        if self.config.mode == Mode::Training {
            ui.label(self.tf(
                "ui-demo-login",
                &[
                    ("login", MessageArg::Text(DEMO_LOGIN.into())),
                    ("password", MessageArg::Text(DEMO_PASSWORD.into())),
                ],
            ));
        }
        let (login_label, password_label) = (self.t("ui-login"), self.t("ui-password"));
        let mut submit = false;
        if let Screen::SignIn { login, password } = &mut self.screen {
            field(ui, &login_label, login, false);
            let response = field(ui, &password_label, password, true);
            submit = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        }
        if ui.button(self.t("ui-sign-in")).clicked() || submit {
            self.try_sign_in();
        }
        self.notice_ui(ui);
    }

    fn try_sign_in(&mut self) {
        let Screen::SignIn { login, password } = &mut self.screen else {
            return;
        };
        let (l, p) = (login.clone(), std::mem::take(password));
        let Some(store) = self.store.as_mut() else {
            return;
        };
        match store.authenticate(&l, &p, Utc::now(), LockoutPolicy::default()) {
            Ok(officer) => {
                self.notice = None;
                self.screen = Screen::Desk(Box::new(DeskScreen::new(officer.id, self.today())));
                self.officer = Some(officer);
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
        ui.heading(self.t("ui-locked-title"));
        let label = self.t("ui-password");
        let response = field(ui, &label, &mut self.unlock_password, true);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(self.t("ui-unlock")).clicked() || entered {
            let password = std::mem::take(&mut self.unlock_password);
            let login = self
                .officer
                .as_ref()
                .map(|o| o.officer.login.clone())
                .unwrap_or_default();
            if let Some(store) = self.store.as_mut() {
                match store.authenticate(&login, &password, Utc::now(), LockoutPolicy::default()) {
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
}

impl eframe::App for BederApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // A consular desk is a bright room: light theme unless the officer
        // switches, whatever the system prefers.
        if !self.theme_applied {
            ui.ctx().set_theme(egui::Theme::Light);
            self.theme_applied = true;
        }
        // Controls keep their size on the hand: on a large screen (a
        // 1920×1080 touch monitor) everything is drawn larger, so that the
        // layout is the one checked at 1280×800.
        let width = ui.ctx().content_rect().width() * ui.ctx().zoom_factor();
        let zoom = if width >= 1700.0 { 1.35 } else { 1.0 };
        if (ui.ctx().zoom_factor() - zoom).abs() > f32::EPSILON {
            ui.ctx().set_zoom_factor(zoom);
        }
        // Idle lock: any input resets the timer.
        let (now, active) = ui.input(|i| (i.time, !i.events.is_empty() || i.pointer.is_moving()));
        if active || self.last_input == 0.0 {
            self.last_input = now;
        }
        if self.officer.is_some()
            && !self.is_capturing()
            && now - self.last_input > f64::from(self.idle_minutes()) * 60.0
        {
            self.lock();
        }
        // Touch-sized controls: buttons, check boxes and radio buttons.
        ui.style_mut().spacing.button_padding = egui::vec2(12.0, 8.0);
        ui.style_mut().spacing.icon_width = 24.0;
        ui.style_mut().spacing.icon_width_inner = 14.0;
        ui.style_mut().spacing.interact_size.y = 32.0;
        ui.style_mut()
            .text_styles
            .iter_mut()
            .for_each(|(_, font)| font.size *= 1.15);
        egui::Panel::top("top").show(ui, |ui| self.top_bar(ui));
        egui::CentralPanel::default_margins().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                if self.locked {
                    self.locked_ui(ui);
                    return;
                }
                match &self.screen {
                    Screen::Unlock { .. } => self.unlock_ui(ui),
                    Screen::Setup(_) => self.setup_ui(ui),
                    Screen::SignIn { .. } => self.sign_in_ui(ui),
                    Screen::Desk(_) => {
                        let lang = self.lang;
                        let officer_name = self.officer_name();
                        if let (Screen::Desk(desk), Some(store), Some(localizer)) = (
                            &mut self.screen,
                            self.store.as_mut(),
                            self.localizer.as_ref(),
                        ) {
                            let mut cx = DeskContext {
                                store,
                                l: localizer,
                                lang,
                                devices: &mut self.devices,
                                settings: self.settings,
                                officer_name,
                            };
                            desk.ui(ui, &mut cx);
                        }
                        let wanted = match &mut self.screen {
                            Screen::Desk(desk) => desk.open_for_refingerprint.take(),
                            _ => None,
                        };
                        if wanted.is_some() {
                            self.open_records(wanted);
                        }
                    }
                    Screen::Records(..) => {
                        let lang = self.lang;
                        let mut command = RecordsCommand::Stay;
                        let officer_name = self.officer_name();
                        if let (Screen::Records(records, _), Some(store), Some(localizer)) = (
                            &mut self.screen,
                            self.store.as_mut(),
                            self.localizer.as_ref(),
                        ) {
                            let mut cx = DeskContext {
                                store,
                                l: localizer,
                                lang,
                                devices: &mut self.devices,
                                settings: self.settings,
                                officer_name,
                            };
                            command = records.ui(ui, &mut cx);
                        }
                        if command == RecordsCommand::Close {
                            self.close_records();
                        }
                    }
                    Screen::Admin(..) => {
                        let lang = self.lang;
                        let mut command = AdminCommand::Stay;
                        if let (Screen::Admin(admin, _), Some(store), Some(localizer)) = (
                            &mut self.screen,
                            self.store.as_mut(),
                            self.localizer.as_ref(),
                        ) {
                            command = admin.ui(ui, store, localizer, lang);
                        }
                        if command == AdminCommand::Close {
                            self.close_admin();
                        }
                    }
                }
            });
        });
        // Keep the idle timer ticking while nothing happens.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs(1));
    }
}
