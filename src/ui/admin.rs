//! The supervisor's screens: what waits to reach the registries (the
//! outbox) and its export to removable media (with a progress bar), the
//! backup and how to restore it, the retention of delivered images,
//! officer accounts (create, deactivate, reset a password) and the mission
//! settings (quality threshold, attempts, idle lock, the outbox's warning,
//! the retention period). Every change is audited by the store.

use eframe::egui;

use super::design;
use super::supervisor::{AuditView, DayView, MissionView, StatsView};
use crate::enrollment::{FieldError, FlowError, MissionSettings, SettingsForm, office};
use crate::enrollment::{
    NewOfficer, Office, OutboxItem, OutboxState, OutboxSummary, PurgeReport, RegistrationId,
    StoreError,
};
use crate::i18n::{Lang, Localizer};
use crate::model::{FullName, OfficerRole, Registry};
use crate::regulation::MessageArg;
use crate::transfer::{ExportJob, Exported};

/// A failure as the screen says it: the Fluent id and its `$detail`.
pub(super) type Failure = (&'static str, String);

/// How long one frame may spend on the export before it draws again.
const EXPORT_SLICE: std::time::Duration = std::time::Duration::from_millis(40);

/// What the screen asks the shell to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum AdminCommand {
    Stay,
    /// Back to the desk; the settings may have changed.
    Close,
}

#[derive(Debug, Default)]
struct OfficerForm {
    surname: String,
    name: String,
    login: String,
    password: String,
    supervisor: bool,
}

/// The supervisor's screen's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminTab {
    Day,
    Statistics,
    Audit,
    Accounts,
    Mission,
    Transfer,
    Settings,
}

impl AdminTab {
    const ALL: [AdminTab; 7] = [
        AdminTab::Day,
        AdminTab::Statistics,
        AdminTab::Audit,
        AdminTab::Accounts,
        AdminTab::Mission,
        AdminTab::Transfer,
        AdminTab::Settings,
    ];

    fn key(self) -> &'static str {
        match self {
            AdminTab::Day => "admin-tab-day",
            AdminTab::Statistics => "admin-tab-statistics",
            AdminTab::Audit => "admin-tab-audit",
            AdminTab::Accounts => "admin-tab-accounts",
            AdminTab::Mission => "admin-tab-mission",
            AdminTab::Transfer => "admin-tab-transfer",
            AdminTab::Settings => "admin-tab-settings",
        }
    }
}

/// The supervisor's screen.
pub struct AdminScreen {
    officer_id: i64,
    /// The supervisor's name, for the reports he signs.
    supervisor_name: String,
    today: chrono::NaiveDate,
    tab: AdminTab,
    stats: Option<StatsView>,
    day: Option<DayView>,
    audit: Option<AuditView>,
    mission: Option<MissionView>,
    /// The officers' sign-ins, read once and again after each account
    /// change (never each frame).
    activity: Option<Vec<crate::enrollment::SignInActivity>>,
    form: OfficerForm,
    settings: SettingsForm,
    reset_for: Option<i64>,
    /// The officer (id, login) whose deactivation waits for the supervisor
    /// to confirm.
    deactivate_for: Option<(i64, String)>,
    reset_password: String,
    errors: Vec<FieldError>,
    /// A result line: Fluent id and whether it is good news.
    notice: Option<(&'static str, bool)>,
    /// The outbox as read when the screen opened (or the store's error
    /// message id).
    outbox: Option<Result<OutboxSummary, &'static str>>,
    /// The registries' rejections still open, as read when the screen
    /// opened.
    rejections: Option<Vec<OutboxItem>>,
    /// The folder on the removable medium the packages go to.
    export_dir: String,
    /// Also the items exported before and never answered (same TCNs).
    export_again: bool,
    /// The export under way, a step per slice of a frame.
    export: Option<ExportJob>,
    /// The last export's packages, or why it stopped.
    exported: Option<Result<Vec<Exported>, Failure>>,
    /// Where the backup goes (a file on the removable medium).
    backup_path: String,
    /// The last backup's file, or why it failed.
    backed_up: Option<Result<String, Failure>>,
    retention_days: u32,
    /// What the retention would purge now (read when the screen opened),
    /// and what the last purge did.
    due: Option<Result<PurgeReport, Failure>>,
    purged: Option<Result<PurgeReport, Failure>>,
}

pub(super) fn store_failure(e: &StoreError) -> Failure {
    (e.message_key(), e.detail())
}

/// What became of writing a file: the path in green under `done_key`
/// (its `$path`), or the failure in red; nothing before the first try.
pub(super) fn path_outcome(
    ui: &mut egui::Ui,
    l: &Localizer,
    lang: Lang,
    outcome: &Option<Result<String, Failure>>,
    done_key: &str,
) {
    match outcome {
        Some(Ok(path)) => {
            design::note(
                ui,
                design::Tone::Success,
                &l.format(lang, done_key, &[("path", MessageArg::Text(path.clone()))]),
            );
        }
        Some(Err(failure)) => show_failure(ui, l, lang, failure),
        None => {}
    }
}

/// A failure in red, in the officer's language.
pub(super) fn show_failure(ui: &mut egui::Ui, l: &Localizer, lang: Lang, (key, detail): &Failure) {
    design::note(
        ui,
        design::Tone::Danger,
        &l.format(lang, key, &[("detail", MessageArg::Text(detail.clone()))]),
    );
}

impl std::fmt::Debug for AdminScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminScreen")
            .field("officer_id", &self.officer_id)
            .field("tab", &self.tab)
            .finish_non_exhaustive()
    }
}

impl AdminScreen {
    pub fn new(officer_id: i64, settings: &MissionSettings) -> Self {
        AdminScreen {
            officer_id,
            supervisor_name: String::new(),
            today: chrono::Local::now().date_naive(),
            tab: AdminTab::Day,
            stats: None,
            day: None,
            audit: None,
            mission: None,
            activity: None,
            form: OfficerForm::default(),
            settings: SettingsForm::from_settings(settings),
            reset_for: None,
            deactivate_for: None,
            reset_password: String::new(),
            errors: Vec::new(),
            notice: None,
            outbox: None,
            rejections: None,
            export_dir: String::new(),
            export_again: false,
            export: None,
            exported: None,
            backup_path: String::new(),
            backed_up: None,
            retention_days: settings.retention_days,
            due: None,
            purged: None,
        }
    }

    /// Export to removable media: the folder, the button, the progress
    /// bar while it runs (a slice of each frame), the packages written.
    fn export_ui(&mut self, ui: &mut egui::Ui, office: &mut Office, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        ui.strong(t("ui-transfer-export"));
        let running = self.export.is_some();
        ui.add_enabled_ui(!running, |ui| {
            design::text_row(
                ui,
                &t("ui-transfer-folder"),
                &mut self.export_dir,
                None,
                None,
                None,
            );
            ui.checkbox(&mut self.export_again, t("ui-transfer-again"));
            if design::secondary(
                ui,
                Some(design::icons::FOLDER),
                &t("ui-transfer-export-button"),
            )
            .clicked()
            {
                let dir = std::path::PathBuf::from(self.export_dir.trim());
                self.exported = None;
                if self.export_dir.trim().is_empty() {
                    self.exported = Some(Err(("ui-path-required", String::new())));
                } else if !dir.is_dir() {
                    self.exported = Some(Err((
                        "store-error-no-such-folder",
                        self.export_dir.trim().to_string(),
                    )));
                } else {
                    match office.start_export(&dir, self.export_again, chrono::Utc::now()) {
                        Ok(job) => self.export = Some(job),
                        Err(e) => self.exported = Some(Err(e.message())),
                    }
                }
            }
        });
        if let Some(job) = self.export.as_mut() {
            let began = std::time::Instant::now();
            let mut finished = Ok(false);
            while began.elapsed() < EXPORT_SLICE {
                finished = office.export_step(job);
                if !matches!(finished, Ok(false)) {
                    break;
                }
            }
            let (done, total) = job.progress();
            ui.add(
                egui::ProgressBar::new(if total == 0 {
                    1.0
                } else {
                    done as f32 / total as f32
                })
                .text(l.format(
                    lang,
                    "ui-transfer-progress",
                    &[
                        ("done", MessageArg::Number(done as i64)),
                        ("total", MessageArg::Number(total as i64)),
                    ],
                )),
            );
            match finished {
                Ok(false) => ui.ctx().request_repaint(),
                Ok(true) => {
                    self.exported = Some(Ok(job.written().to_vec()));
                    self.export = None;
                    self.outbox = None;
                }
                Err(e) => {
                    // What was sealed before stays sealed and marked.
                    self.exported = Some(Err(e.message()));
                    self.export = None;
                    self.outbox = None;
                }
            }
        }
        match &self.exported {
            Some(Ok(written)) if written.is_empty() => {
                ui.label(t("ui-transfer-nothing"));
            }
            Some(Ok(written)) => {
                for package in written {
                    design::note(
                        ui,
                        design::Tone::Success,
                        &l.format(
                            lang,
                            "ui-transfer-written",
                            &[
                                ("path", MessageArg::Text(package.path.display().to_string())),
                                ("items", MessageArg::Number(package.items as i64)),
                            ],
                        ),
                    );
                }
            }
            Some(Err(failure)) => show_failure(ui, l, lang, failure),
            None => {}
        }
    }

    /// The backup (the same as `beder backup`) and how to restore it.
    fn backup_ui(&mut self, ui: &mut egui::Ui, office: &mut Office, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        ui.strong(t("ui-backup"));
        design::text_row(
            ui,
            &t("ui-backup-file"),
            &mut self.backup_path,
            None,
            None,
            None,
        );
        if design::secondary(ui, Some(design::icons::SAVE), &t("ui-backup-button")).clicked() {
            let path = std::path::PathBuf::from(self.backup_path.trim());
            self.backed_up = Some(if self.backup_path.trim().is_empty() {
                Err(("ui-path-required", String::new()))
            } else {
                office
                    .backup_to(&path, self.officer_id)
                    .map(|_| path.display().to_string())
                    .map_err(|e| store_failure(&e))
            });
        }
        path_outcome(ui, l, lang, &self.backed_up, "ui-backup-done");
        // Where and under which names, for this kiosk and this mode.
        let db = office.path();
        let name = |p: &std::path::Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        ui.label(
            l.format(
                lang,
                "ui-backup-restore",
                &[
                    (
                        "dir",
                        MessageArg::Text(
                            db.parent()
                                .map(|d| d.display().to_string())
                                .unwrap_or_default(),
                        ),
                    ),
                    ("db", MessageArg::Text(name(db))),
                    ("key", MessageArg::Text(name(&office.key_file()))),
                ],
            ),
        );
    }

    /// Retention: what is due now, and the purge by hand (it also runs at
    /// every sign-in).
    fn retention_ui(&mut self, ui: &mut egui::Ui, office: &mut Office, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        let say = |report: &PurgeReport, key: &str| {
            l.format(
                lang,
                key,
                &[
                    (
                        "registrations",
                        MessageArg::Number(report.registrations as i64),
                    ),
                    ("prints", MessageArg::Number(report.prints as i64)),
                    ("photos", MessageArg::Number(report.photos as i64)),
                    ("days", MessageArg::Number(i64::from(self.retention_days))),
                ],
            )
        };
        ui.strong(t("ui-retention"));
        let days = self.retention_days;
        let due = self.due.get_or_insert_with(|| {
            office
                .images_due_for_purge(days, chrono::Utc::now())
                .map_err(|e| store_failure(&e))
        });
        match due {
            Ok(report) => {
                ui.label(say(report, "ui-retention-due"));
            }
            Err(failure) => show_failure(ui, l, lang, failure),
        }
        if design::secondary(ui, None, &t("ui-retention-purge")).clicked() {
            self.purged = Some(
                office
                    .purge_delivered_images(days, chrono::Utc::now(), Some(self.officer_id))
                    .map_err(|e| store_failure(&e)),
            );
            self.due = None;
        }
        match &self.purged {
            Some(Ok(report)) => {
                design::note(
                    ui,
                    design::Tone::Success,
                    &say(report, "ui-retention-purged"),
                );
            }
            Some(Err(failure)) => show_failure(ui, l, lang, failure),
            None => {}
        }
    }

    /// The outbox in figures: items by registry and state, the oldest the
    /// registries have not answered, the last export and answer.
    fn outbox_ui(&mut self, ui: &mut egui::Ui, office: &Office, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        ui.strong(t("ui-admin-outbox"));
        let summary = self.outbox.get_or_insert_with(|| {
            office
                .outbox_summary()
                .map_err(|e: StoreError| e.message_key())
        });
        let summary = match summary {
            Ok(summary) => summary,
            Err(key) => {
                design::note(ui, design::Tone::Danger, &t(key));
                return;
            }
        };
        egui::Grid::new("outbox").striped(true).show(ui, |ui| {
            ui.label("");
            for state in OutboxState::ALL {
                ui.strong(t(&format!("ui-outbox-{}", state.code())));
            }
            ui.end_row();
            for registry in [Registry::Citizen, Registry::Foreigner] {
                ui.label(t(match registry {
                    Registry::Citizen => "ui-registry-citizens",
                    Registry::Foreigner => "ui-registry-foreigners",
                }));
                for state in OutboxState::ALL {
                    let n = summary
                        .counts
                        .iter()
                        .find(|(r, s, _)| *r == registry && *s == state)
                        .map_or(0, |(_, _, n)| *n);
                    ui.label(n.to_string());
                }
                ui.end_row();
            }
        });
        let when = |at: &Option<String>| {
            at.as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| {
                    let local = t.with_timezone(&chrono::Local);
                    let days = (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_days();
                    l.format(
                        lang,
                        "ui-outbox-when",
                        &[
                            (
                                "at",
                                MessageArg::Text(local.format("%Y-%m-%d %H:%M").to_string()),
                            ),
                            ("days", MessageArg::Number(days)),
                        ],
                    )
                })
                .unwrap_or_else(|| t("ui-outbox-never"))
        };
        let rejections = self
            .rejections
            .get_or_insert_with(|| office.open_rejections().unwrap_or_default());
        if !rejections.is_empty() {
            design::note(ui, design::Tone::Danger, &t("ui-outbox-rejections"));
            egui::Grid::new("rejections").striped(true).show(ui, |ui| {
                for item in rejections.iter() {
                    let record = match item.kind {
                        crate::enrollment::OutboxKind::Registration
                        | crate::enrollment::OutboxKind::Correction
                        | crate::enrollment::OutboxKind::Refingerprinting => RegistrationId {
                            registry: item.registry,
                            id: item.record_id,
                        }
                        .to_string(),
                        _ => format!("#{}", item.record_id),
                    };
                    ui.label(record);
                    ui.label(t(&format!("ui-outbox-kind-{}", item.kind.code())));
                    ui.label(item.reason.clone().unwrap_or_default());
                    ui.end_row();
                }
            });
            ui.label(t("ui-outbox-rejections-help"));
        }
        egui::Grid::new("outbox_times").show(ui, |ui| {
            for (key, at) in [
                ("ui-outbox-oldest", &summary.oldest_unanswered),
                ("ui-outbox-last-export", &summary.last_export),
                ("ui-outbox-last-answer", &summary.last_answer),
            ] {
                ui.label(t(key));
                ui.label(when(at));
                ui.end_row();
            }
        });
    }

    /// What became of an action: `ok` in green, or the error's message.
    fn store_result(&mut self, result: Result<(), &'static str>, ok: &'static str) {
        self.activity = None;
        self.notice = Some(match result {
            Ok(()) => (ok, true),
            Err(key) => (key, false),
        });
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        office: &mut Office,
        l: &Localizer,
        lang: Lang,
    ) -> AdminCommand {
        let t = |key: &str| l.text(lang, key);
        let mut command = AdminCommand::Stay;
        design::title(ui, &t("ui-admin-title"));
        if design::secondary(ui, Some(design::icons::BACK), &t("ui-back-to-desk")).clicked()
            || design::escape(ui)
        {
            command = AdminCommand::Close;
        }
        if let Some((key, good)) = self.notice {
            let tone = if good {
                design::Tone::Success
            } else {
                design::Tone::Danger
            };
            design::note(ui, tone, &t(key));
        }

        let tabs: Vec<(AdminTab, String)> = AdminTab::ALL
            .iter()
            .map(|tab| (*tab, t(tab.key())))
            .collect();
        design::tabs(ui, &mut self.tab, &tabs);
        ui.separator();
        let (today, officer_id) = (self.today, self.officer_id);
        egui::ScrollArea::vertical()
            .id_salt("admin-tab")
            .show(ui, |ui| match self.tab {
                AdminTab::Day => {
                    let name = self.supervisor_name.clone();
                    self.day
                        .get_or_insert_with(|| DayView::new(today, lang))
                        .ui(ui, office, l, lang, officer_id, &name);
                }
                AdminTab::Statistics => self
                    .stats
                    .get_or_insert_with(|| StatsView::new(today, lang))
                    .ui(ui, office, l, lang, today),
                // The log's times are the clock's, whatever day the desk
                // works for.
                AdminTab::Audit => {
                    let now = today.max(chrono::Utc::now().date_naive());
                    self.audit
                        .get_or_insert_with(|| AuditView::new(now, lang))
                        .ui(ui, office, l, lang, now, officer_id);
                }
                AdminTab::Mission => self
                    .mission
                    .get_or_insert_with(|| MissionView::new(office))
                    .ui(ui, office, l, lang, officer_id),
                AdminTab::Transfer => {
                    self.outbox_ui(ui, office, l, lang);
                    ui.separator();
                    self.export_ui(ui, office, l, lang);
                    ui.separator();
                    self.backup_ui(ui, office, l, lang);
                    ui.separator();
                    self.retention_ui(ui, office, l, lang);
                }
                AdminTab::Settings => self.settings_ui(ui, office, l, lang),
                AdminTab::Accounts => self.accounts_ui(ui, office, l, lang),
            });
        command
    }

    /// The day the screen counts from, and the supervisor's name (tests,
    /// the shell).
    pub fn with_today(mut self, today: chrono::NaiveDate, name: &str) -> Self {
        self.today = today;
        self.supervisor_name = name.to_string();
        self
    }

    fn settings_ui(&mut self, ui: &mut egui::Ui, office: &mut Office, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        ui.strong(t("ui-admin-settings"));
        let err = |errors: &[FieldError], field: &str| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| l.text(lang, e.key))
        };
        let (eq, ea, ei, ew, er) = (
            err(&self.errors, "quality_threshold"),
            err(&self.errors, "max_attempts"),
            err(&self.errors, "idle_lock_minutes"),
            err(&self.errors, "outbox_warn_days"),
            err(&self.errors, "retention_days"),
        );
        design::text_row(
            ui,
            &t("ui-setting-quality"),
            &mut self.settings.quality_threshold,
            eq.map(design::FieldMessage::Error).as_ref(),
            None,
            None,
        );
        design::text_row(
            ui,
            &t("ui-setting-attempts"),
            &mut self.settings.max_attempts,
            ea.map(design::FieldMessage::Error).as_ref(),
            None,
            None,
        );
        design::text_row(
            ui,
            &t("ui-setting-idle"),
            &mut self.settings.idle_lock_minutes,
            ei.map(design::FieldMessage::Error).as_ref(),
            None,
            None,
        );
        design::text_row(
            ui,
            &t("ui-setting-outbox-warn"),
            &mut self.settings.outbox_warn_days,
            ew.map(design::FieldMessage::Error).as_ref(),
            None,
            None,
        );
        design::text_row(
            ui,
            &t("ui-setting-retention"),
            &mut self.settings.retention_days,
            er.map(design::FieldMessage::Error).as_ref(),
            None,
            None,
        );
        ui.checkbox(
            &mut self.settings.developer_devices_in_training,
            t("ui-setting-developer-devices"),
        );
        design::weak(ui, &t("ui-setting-developer-devices-help"));
        if design::secondary(ui, Some(design::icons::SAVE), &t("ui-save-settings")).clicked() {
            match self.settings.validate() {
                Ok(settings) => {
                    self.errors.clear();
                    let result = settings.save(office, self.officer_id);
                    if result.is_ok() {
                        self.retention_days = settings.retention_days;
                        self.due = None;
                    }
                    self.store_result(result.map_err(|e| e.message_key()), "ui-settings-saved");
                }
                Err(errors) => {
                    self.errors = errors;
                    self.notice = Some(("flow-error-fields", false));
                }
            }
        }
    }

    /// A deactivation waiting for its confirmation, and a password being
    /// reset.
    fn confirm_ui(&mut self, ui: &mut egui::Ui, office: &mut Office, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        if let Some((id, login)) = self.deactivate_for.clone() {
            design::note(
                ui,
                design::Tone::Warning,
                &l.format(
                    lang,
                    "ui-deactivate-confirm",
                    &[("login", MessageArg::Text(login))],
                ),
            );
            ui.horizontal(|ui| {
                if design::danger(ui, None, &t("ui-deactivate")).clicked() {
                    let result = office::deactivate_officer(office, self.officer_id, id);
                    self.store_result(
                        result.map_err(|e| e.message_key()),
                        "ui-account-deactivated",
                    );
                    self.deactivate_for = None;
                }
                if design::secondary(ui, None, &t("ui-cancel")).clicked() {
                    self.deactivate_for = None;
                }
            });
        }
        if let Some(id) = self.reset_for {
            design::password_row(ui, &t("ui-new-password"), &mut self.reset_password, None);
            ui.horizontal(|ui| {
                if design::secondary(ui, None, &t("ui-reset-password")).clicked() {
                    let password = std::mem::take(&mut self.reset_password);
                    match office::reset_password(office, self.officer_id, id, &password) {
                        Err(FlowError::Fields(_)) => {
                            self.notice = Some(("ui-password-too-short", false));
                        }
                        result => {
                            self.store_result(
                                result.map_err(|e| e.message_key()),
                                "ui-password-reset",
                            );
                            self.reset_for = None;
                        }
                    }
                }
                if design::secondary(ui, None, &t("ui-cancel")).clicked() {
                    self.reset_for = None;
                }
            });
        }
    }

    /// A new officer's account.
    fn new_officer_ui(
        &mut self,
        ui: &mut egui::Ui,
        office: &mut Office,
        l: &Localizer,
        lang: Lang,
    ) {
        let t = |key: &str| l.text(lang, key);
        ui.separator();
        ui.strong(t("ui-new-officer"));
        design::text_row(
            ui,
            &t("ui-surname"),
            &mut self.form.surname,
            None,
            None,
            None,
        );
        design::text_row(ui, &t("ui-name"), &mut self.form.name, None, None, None);
        design::text_row(ui, &t("ui-login"), &mut self.form.login, None, None, None);
        design::password_row(ui, &t("ui-password"), &mut self.form.password, None);
        ui.checkbox(&mut self.form.supervisor, t("ui-role-supervisor"));
        if design::secondary(ui, Some(design::icons::PERSON), &t("ui-create-officer")).clicked() {
            let new = NewOfficer {
                name: FullName {
                    surname: self.form.surname.trim().into(),
                    name: self.form.name.trim().into(),
                    patronymic: None,
                },
                login: self.form.login.trim().into(),
                password: self.form.password.clone(),
                role: if self.form.supervisor {
                    OfficerRole::Supervisor
                } else {
                    OfficerRole::Officer
                },
            };
            match office::create_officer(office, self.officer_id, &new) {
                Err(FlowError::Fields(_)) => {
                    self.notice = Some(("ui-password-too-short", false));
                }
                result => {
                    if result.is_ok() {
                        self.form = OfficerForm::default();
                    }
                    self.store_result(
                        result.map(|_| ()).map_err(|e| e.message_key()),
                        "ui-officer-created",
                    );
                }
            }
        }
    }

    fn accounts_ui(&mut self, ui: &mut egui::Ui, office: &mut Office, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        let activity = self
            .activity
            .get_or_insert_with(|| office.sign_in_activity().unwrap_or_default())
            .clone();
        ui.separator();
        ui.strong(t("ui-admin-accounts"));
        match office.officers() {
            Ok(accounts) => {
                egui::Grid::new("officers").striped(true).show(ui, |ui| {
                    for account in accounts {
                        let o = &account.officer;
                        ui.label(format!("{} {}", o.name.surname, o.name.name));
                        ui.label(&o.login);
                        ui.label(t(match o.role {
                            OfficerRole::Supervisor => "ui-role-supervisor",
                            OfficerRole::Officer => "ui-role-officer",
                        }));
                        ui.label(t(if account.active {
                            "ui-account-active"
                        } else {
                            "ui-account-inactive"
                        }));
                        let seen = activity.iter().find(|a| a.officer_id == account.id);
                        let (last, state, locked_until, failed) = sign_in_text(seen, l, lang);
                        // Sign-ins in one cell, the actions in another: the
                        // rows keep their columns whatever applies.
                        ui.label(egui::RichText::new(format!("{last}\n{state}")).small());
                        ui.horizontal(|ui| {
                            let named = |key: &str| format!("{}: {}", o.login, t(key));
                            if (locked_until.is_some() || failed > 0)
                                && design::secondary(ui, None, &named("ui-unlock-account"))
                                    .clicked()
                            {
                                let result =
                                    office::unlock_officer(office, self.officer_id, account.id);
                                self.store_result(
                                    result.map_err(|e| e.message_key()),
                                    "ui-account-unlocked",
                                );
                            }
                            if account.active
                                && account.id != self.officer_id
                                && design::danger(ui, None, &named("ui-deactivate")).clicked()
                            {
                                self.deactivate_for = Some((account.id, o.login.clone()));
                            }
                            if design::secondary(ui, None, &named("ui-reset-password")).clicked() {
                                self.reset_for = Some(account.id);
                                self.reset_password.clear();
                            }
                        });
                        ui.end_row();
                    }
                });
            }
            Err(e) => {
                design::note(ui, design::Tone::Danger, &t(e.message_key()));
            }
        }
        self.confirm_ui(ui, office, l, lang);
        self.new_officer_ui(ui, office, l, lang);
    }
}

/// An officer's sign-ins as shown: the last one, the lock or the failed
/// attempts, whether he is locked now, and the failed attempts.
fn sign_in_text(
    seen: Option<&crate::enrollment::SignInActivity>,
    l: &Localizer,
    lang: Lang,
) -> (
    String,
    String,
    Option<chrono::DateTime<chrono::FixedOffset>>,
    i64,
) {
    let last = l.format(
        lang,
        "ui-account-last-sign-in",
        &[(
            "at",
            MessageArg::Text(
                seen.and_then(|a| a.last_sign_in.as_deref())
                    .and_then(|at| at.get(..16))
                    .map(|at| at.replace('T', " "))
                    .unwrap_or_else(|| "—".into()),
            ),
        )],
    );
    let failed = seen.map_or(0, |a| a.failed_logins);
    let locked_until = seen
        .and_then(|a| a.locked_until.as_deref())
        .and_then(|u| chrono::DateTime::parse_from_rfc3339(u).ok())
        .filter(|u| *u > chrono::Utc::now());
    let state = match locked_until {
        Some(until) => l.format(
            lang,
            "ui-account-locked",
            &[(
                "until",
                MessageArg::Text(
                    until
                        .with_timezone(&chrono::Local)
                        .format("%H:%M")
                        .to_string(),
                ),
            )],
        ),
        None => l.format(
            lang,
            "ui-account-failed",
            &[("count", MessageArg::Number(failed))],
        ),
    };
    (last, state, locked_until, failed)
}
