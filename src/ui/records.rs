//! The records screens (п.12–п.14): search, the record with its archive and
//! comparison of versions, correction, re-fingerprinting.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use eframe::egui;

use super::capture::CapturePanel;
use super::desk::DeskContext;
use super::personal::PersonalPanel;
use super::widgets::{
    CONTROL_HEIGHT, ERROR, GOOD, WARNING, big_button, gray_texture, labelled, named_button,
    position_key, quality_colour, rgb_texture,
};
use crate::enrollment::{
    CorrectionForm, FieldError, FlowError, RefingerprintFlow, RefingerprintStep,
    VerificationPolicy, VerificationState, applicant_kind, changed_fields, version_fields,
};
use crate::model::{
    BiometricRecord, ChangeApplicant, ChangeRequest, FingerPosition, Position, Registry,
};
use crate::regulation::MessageArg;
use crate::store::{
    Badge, BiometricVersion, FoundRecord, LookupQuery, PersonalDataVersion, Registration,
    RegistrationId, SearchHit,
};

/// What the screen asks the shell to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum RecordsCommand {
    Stay,
    /// Back to the desk.
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SearchKey {
    Iin,
    Document,
    NameAndBirth,
}

struct Opened {
    record: Registration,
    history: Vec<PersonalDataVersion>,
    biometrics: Vec<BiometricVersion>,
    /// The two versions compared (indices into `history`).
    compare: Option<(usize, usize)>,
    textures: HashMap<String, egui::TextureHandle>,
}

enum Mode {
    View,
    Correct {
        form: Box<CorrectionForm>,
        panel: Box<PersonalPanel>,
        errors: Vec<FieldError>,
    },
    Refingerprint {
        flow: Box<RefingerprintFlow>,
        panel: Box<CapturePanel>,
        applicant: ChangeApplicant,
        applicant_document: String,
        reason: String,
        /// The document identity was confirmed by, when the record holds no
        /// print to verify with.
        document_seen: String,
    },
}

/// The records screens.
pub struct RecordsScreen {
    officer_id: i64,
    today: NaiveDate,
    registry: Option<Registry>,
    key: SearchKey,
    iin: String,
    document: String,
    surname: String,
    name: String,
    birth_date: String,
    results: Vec<SearchHit>,
    searched: bool,
    thumbnails: HashMap<usize, egui::TextureHandle>,
    opened: Option<Opened>,
    mode: Mode,
    /// A message: Fluent id and whether it is good news.
    notice: Option<(&'static str, bool)>,
}

fn text(value: impl Into<String>) -> MessageArg {
    MessageArg::Text(value.into())
}

fn applicant_key(applicant: ChangeApplicant) -> &'static str {
    match applicant {
        ChangeApplicant::Person => "ui-applicant-person",
        ChangeApplicant::LegalRepresentative => "ui-applicant-representative",
        ChangeApplicant::Guardian => "ui-applicant-guardian",
        ChangeApplicant::ErroneousDataDiscovered => "ui-applicant-erroneous",
    }
}

const APPLICANTS: [ChangeApplicant; 4] = [
    ChangeApplicant::Person,
    ChangeApplicant::LegalRepresentative,
    ChangeApplicant::Guardian,
    ChangeApplicant::ErroneousDataDiscovered,
];

impl RecordsScreen {
    pub fn new(officer_id: i64, today: NaiveDate) -> Self {
        RecordsScreen {
            officer_id,
            today,
            registry: None,
            key: SearchKey::NameAndBirth,
            iin: String::new(),
            document: String::new(),
            surname: String::new(),
            name: String::new(),
            birth_date: String::new(),
            results: Vec::new(),
            searched: false,
            thumbnails: HashMap::new(),
            opened: None,
            mode: Mode::View,
            notice: None,
        }
    }

    /// A capture is running (re-fingerprinting).
    pub fn is_capturing(&self) -> bool {
        matches!(&self.mode, Mode::Refingerprint { panel, .. } if panel.is_capturing())
    }

    /// Starts a re-fingerprinting of the opened record.
    pub fn start_refingerprint(&mut self) {
        if let Some(opened) = &self.opened {
            self.mode = Mode::Refingerprint {
                flow: Box::new(RefingerprintFlow::new(&opened.record)),
                panel: Box::default(),
                applicant: ChangeApplicant::Person,
                applicant_document: String::new(),
                reason: String::new(),
                document_seen: String::new(),
            };
        }
    }

    fn open(&mut self, id: RegistrationId, cx: &mut DeskContext<'_>) {
        let loaded = cx
            .store
            .load_registration(self.officer_id, id)
            .and_then(|record| {
                let history = cx.store.personal_history(id)?;
                let biometrics = cx.store.biometric_history(id)?;
                Ok((record, history, biometrics))
            });
        match loaded {
            Ok((record, history, biometrics)) => {
                self.opened = Some(Opened {
                    record,
                    history,
                    biometrics,
                    compare: None,
                    textures: HashMap::new(),
                });
                self.mode = Mode::View;
                self.notice = None;
            }
            Err(e) => self.notice = Some((e.message_key(), false)),
        }
    }

    fn reopen(&mut self, cx: &mut DeskContext<'_>) {
        if let Some(id) = self.opened.as_ref().map(|o| o.record.id) {
            let notice = self.notice;
            self.open(id, cx);
            self.notice = notice;
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) -> RecordsCommand {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let mut command = RecordsCommand::Stay;
        ui.heading(t("ui-records-title"));
        ui.horizontal(|ui| {
            if big_button(ui, t("ui-back-to-desk")).clicked() {
                command = RecordsCommand::Close;
            }
            if self.opened.is_some() && big_button(ui, t("ui-back-to-search")).clicked() {
                self.opened = None;
                self.mode = Mode::View;
            }
        });
        if let Some((key, good)) = self.notice {
            ui.colored_label(if good { GOOD } else { ERROR }, t(key));
        }
        if self.opened.is_none() {
            self.search_ui(ui, cx);
        } else {
            match self.mode {
                Mode::View => self.record_ui(ui, cx),
                Mode::Correct { .. } => self.correct_ui(ui, cx),
                Mode::Refingerprint { .. } => self.refingerprint_ui(ui, cx),
            }
        }
        command
    }

    fn search_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        ui.horizontal(|ui| {
            for (registry, key) in [
                (None, "ui-registry-both"),
                (Some(Registry::Citizen), "ui-registry-citizens"),
                (Some(Registry::Foreigner), "ui-registry-foreigners"),
            ] {
                if ui
                    .selectable_label(self.registry == registry, t(key))
                    .clicked()
                {
                    self.registry = registry;
                }
            }
        });
        ui.horizontal(|ui| {
            for (key, label) in [
                (SearchKey::NameAndBirth, "ui-search-by-name"),
                (SearchKey::Iin, "ui-search-by-iin"),
                (SearchKey::Document, "ui-search-by-document"),
            ] {
                if ui.selectable_label(self.key == key, t(label)).clicked() {
                    self.key = key;
                }
            }
        });
        match self.key {
            SearchKey::Iin => {
                labelled(ui, &t("ui-search-iin"), &mut self.iin, None);
            }
            SearchKey::Document => {
                labelled(ui, &t("ui-document-number"), &mut self.document, None);
            }
            SearchKey::NameAndBirth => {
                labelled(ui, &t("ui-surname"), &mut self.surname, None);
                labelled(ui, &t("ui-name"), &mut self.name, None);
                let bad_date = (!self.birth_date.trim().is_empty()
                    && crate::regulation::parse_iso_date(self.birth_date.trim()).is_none())
                .then(|| t("field-bad-date"));
                labelled(ui, &t("ui-birth-date"), &mut self.birth_date, bad_date);
            }
        }
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        if big_button(ui, t("ui-search")).clicked() || enter {
            let query = match self.key {
                SearchKey::Iin => Some(LookupQuery::Iin(self.iin.trim().to_string())),
                SearchKey::Document => {
                    Some(LookupQuery::Document(self.document.trim().to_string()))
                }
                SearchKey::NameAndBirth => {
                    crate::regulation::parse_iso_date(self.birth_date.trim()).map(|birth_date| {
                        LookupQuery::NameAndBirthDate {
                            surname: self.surname.clone(),
                            name: self.name.clone(),
                            birth_date,
                        }
                    })
                }
            };
            match query {
                Some(query) => match cx.store.search(self.registry, &query) {
                    Ok(results) => {
                        self.results = results;
                        self.thumbnails.clear();
                        self.searched = true;
                        self.notice = None;
                    }
                    Err(e) => self.notice = Some((e.message_key(), false)),
                },
                None => self.notice = Some(("field-bad-date", false)),
            }
        }
        if self.searched && self.results.is_empty() {
            ui.label(t("ui-nothing-found"));
        }
        let mut open = None;
        egui::Grid::new("results").striped(true).show(ui, |ui| {
            if !self.results.is_empty() {
                for key in [
                    "ui-photo",
                    "ui-full-name",
                    "ui-birth-date",
                    "ui-registry",
                    "ui-date",
                    "ui-badges",
                ] {
                    ui.strong(t(key));
                }
                ui.end_row();
            }
            for (i, hit) in self.results.iter().enumerate() {
                if let Some(bytes) = &hit.photo
                    && !self.thumbnails.contains_key(&i)
                    && let Ok(image) = image::load_from_memory(bytes)
                {
                    let thumb = image.thumbnail(60, 80).to_rgb8();
                    self.thumbnails
                        .insert(i, rgb_texture(ui.ctx(), &format!("thumb-{i}"), &thumb));
                }
                match self.thumbnails.get(&i) {
                    Some(texture) => {
                        ui.add(egui::Image::from_texture(texture).max_height(60.0));
                    }
                    None => {
                        ui.label("");
                    }
                }
                ui.label(format!("{} {}", hit.surname, hit.name));
                ui.label(hit.birth_date.to_string());
                ui.label(t(match hit.registry {
                    Registry::Citizen => "ui-registry-citizens",
                    Registry::Foreigner => "ui-registry-foreigners",
                }));
                ui.label(hit.date.to_string());
                ui.horizontal(|ui| {
                    for badge in &hit.badges {
                        let colour = match badge {
                            Badge::RefingerprintDue | Badge::DefectMark => WARNING,
                            Badge::Refusal => ERROR,
                            _ => ui.visuals().text_color(),
                        };
                        ui.colored_label(colour, t(badge.message_key()));
                    }
                });
                if let FoundRecord::Registration(id) = hit.record
                    && named_button(
                        ui,
                        &t("ui-open"),
                        &format!("{} {}: {}", hit.surname, hit.name, t("ui-open")),
                    )
                    .clicked()
                {
                    open = Some(id);
                }
                ui.end_row();
            }
        });
        if let Some(id) = open {
            self.open(id, cx);
        }
    }

    fn record_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let Some(opened) = self.opened.as_mut() else {
            return;
        };
        let record = &opened.record;
        let mut action = None;
        ui.horizontal(|ui| {
            if big_button(ui, t("ui-correct")).clicked() {
                action = Some(false);
            }
            if big_button(ui, t("ui-refingerprint")).clicked() {
                action = Some(true);
            }
        });
        if let Some(mark) = record.defect_mark {
            ui.colored_label(
                WARNING,
                t(if mark.refingerprint_next_time() {
                    "ui-mark-temporary"
                } else {
                    "ui-mark-permanent"
                }),
            );
        }
        ui.horizontal_top(|ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::Grid::new("record").num_columns(2).show(ui, |ui| {
                    for (label, value) in version_fields(&record.personal) {
                        if label == "ui-photo" || label == "ui-signature" {
                            continue;
                        }
                        ui.label(t(label));
                        ui.label(shown(label, &value, &t));
                        ui.end_row();
                    }
                    ui.label(t("ui-registered-on"));
                    ui.label(record.registered_on.to_string());
                    ui.end_row();
                    ui.label(t("ui-officer"));
                    ui.label(format!(
                        "{} {}",
                        record.officer_name.surname, record.officer_name.name
                    ));
                    ui.end_row();
                });
            });
            let (photo, signature) = match &record.personal {
                crate::model::PersonalData::Citizen(c) => (c.photo.clone(), c.signature.clone()),
                crate::model::PersonalData::Foreigner(f) => (f.photo.clone(), None),
            };
            ui.vertical(|ui| {
                for (key, image) in [("photo", photo), ("signature", signature)] {
                    let Some(image) = image else { continue };
                    if !opened.textures.contains_key(key)
                        && let Ok(decoded) = image::load_from_memory(&image.bytes)
                    {
                        opened.textures.insert(
                            key.to_string(),
                            rgb_texture(ui.ctx(), key, &decoded.to_rgb8()),
                        );
                    }
                    if let Some(texture) = opened.textures.get(key) {
                        ui.add(egui::Image::from_texture(texture).max_height(150.0));
                    }
                }
            });
        });
        if let Some(rep) = &record.representative {
            ui.label(format!(
                "{}: {} {}, {} {}",
                t("ui-step-representation"),
                rep.name.surname,
                rep.name.name,
                rep.authority_document.title,
                rep.authority_document.number
            ));
        }
        records_panel(ui, &record.biometrics, &mut opened.textures, cx);
        if !record.verifications.is_empty() {
            ui.strong(t("ui-verifications"));
            for v in &record.verifications {
                ui.label(format!(
                    "{} — {}",
                    v.verified_at.format("%Y-%m-%d %H:%M"),
                    t(if v.verified {
                        "ui-verified"
                    } else {
                        "ui-not-verified"
                    })
                ));
            }
        }
        history_ui(ui, opened, cx);
        match action {
            Some(false) => {
                let form = CorrectionForm::from_record(&opened.record.personal);
                self.mode = Mode::Correct {
                    panel: Box::new(PersonalPanel::with_form(form.personal.clone())),
                    form: Box::new(form),
                    errors: Vec::new(),
                };
            }
            Some(true) => self.start_refingerprint(),
            None => {}
        }
    }

    fn correct_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let Some(opened) = self.opened.as_ref() else {
            return;
        };
        let id = opened.record.id;
        let kind = applicant_kind(&opened.record.personal);
        let Mode::Correct {
            form,
            panel,
            errors,
        } = &mut self.mode
        else {
            return;
        };
        let err = |errors: &[FieldError], field: &str| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| l.text(lang, e.key))
        };
        ui.strong(t("ui-correction-title"));
        // The actions first: the form is long.
        let (mut save, mut cancel) = (false, false);
        ui.horizontal(|ui| {
            save = big_button(ui, t("ui-save-correction")).clicked();
            cancel = big_button(ui, t("ui-cancel")).clicked();
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(t("ui-who-applied"));
            for applicant in APPLICANTS {
                if ui
                    .selectable_label(form.applicant == applicant, t(applicant_key(applicant)))
                    .clicked()
                {
                    form.applicant = applicant;
                }
            }
        });
        if matches!(
            form.applicant,
            ChangeApplicant::LegalRepresentative | ChangeApplicant::Guardian
        ) {
            let e = err(errors, "applicant_document");
            labelled(
                ui,
                &t("ui-applicant-document"),
                &mut form.applicant_document,
                e,
            );
        }
        let e = err(errors, "reason");
        labelled(ui, &t("ui-reason"), &mut form.reason, e);
        ui.separator();
        let e = |f: &str| err(errors, f);
        let (es, en, eb, ei, ed) = (
            e("surname"),
            e("name"),
            e("birth_date"),
            e("iin"),
            e("document_number"),
        );
        labelled(ui, &t("ui-surname"), &mut form.identity.surname, es);
        labelled(ui, &t("ui-name"), &mut form.identity.name, en);
        labelled(ui, &t("ui-patronymic"), &mut form.identity.patronymic, None);
        labelled(ui, &t("ui-birth-date"), &mut form.identity.birth_date, eb);
        ui.horizontal(|ui| {
            ui.add_sized(
                [super::widgets::LABEL_WIDTH, CONTROL_HEIGHT],
                egui::Label::new(t("ui-sex")),
            );
            for (sex, key) in [
                (crate::model::Sex::Male, "ui-male"),
                (crate::model::Sex::Female, "ui-female"),
            ] {
                if ui
                    .selectable_label(form.identity.sex == Some(sex), t(key))
                    .clicked()
                {
                    form.identity.sex = Some(sex);
                }
            }
        });
        if kind == crate::model::ApplicantKind::Citizen {
            labelled(ui, &t("ui-iin"), &mut form.identity.iin, ei);
            labelled(
                ui,
                &t("ui-previous-passport"),
                &mut form.identity.document_number,
                ed,
            );
        } else {
            labelled(
                ui,
                &t("ui-identity-document"),
                &mut form.identity.document_number,
                ed,
            );
        }
        let has_document = !form.identity.document_number.trim().is_empty();
        panel.fields_ui(ui, cx, kind, has_document, false);
        let mut saved = false;
        if save {
            form.personal = panel.form.clone();
            match form.validate(kind, self.today) {
                Ok((data, request)) => {
                    match cx
                        .store
                        .correct_personal_data(self.officer_id, id, &data, &request)
                    {
                        Ok(_) => {
                            self.notice = Some(("ui-correction-saved", true));
                            saved = true;
                        }
                        Err(e) => self.notice = Some((e.message_key(), false)),
                    }
                }
                Err(found) => {
                    panel.set_errors(found.clone());
                    *errors = found;
                    self.notice = Some(("flow-error-fields", false));
                }
            }
        }
        if saved || cancel {
            self.mode = Mode::View;
        }
        if saved {
            self.reopen(cx);
        }
    }

    fn refingerprint_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = move |key: &str| l.text(lang, key);
        let capabilities = cx
            .devices
            .scanner()
            .map(|s| s.info().capabilities)
            .unwrap_or_default();
        let quality = cx.settings.quality;
        let officer_id = self.officer_id;
        let today = self.today;
        let Mode::Refingerprint {
            flow,
            panel,
            applicant,
            applicant_document,
            reason,
            document_seen,
        } = &mut self.mode
        else {
            return;
        };
        ui.strong(t("ui-refingerprint-title"));
        let mut done = false;
        match flow.step() {
            RefingerprintStep::Choose => {
                ui.label(t("ui-refingerprint-choose"));
                for fingers in [&FingerPosition::ALL[..5], &FingerPosition::ALL[5..]] {
                    ui.horizontal(|ui| {
                        for finger in fingers {
                            let damaged = flow.damaged().contains(finger);
                            if ui
                                .selectable_label(damaged, t(finger.message_key()))
                                .clicked()
                            {
                                flow.toggle(*finger);
                            }
                        }
                    });
                }
                if big_button(ui, t("ui-next")).clicked()
                    && flow.confirm_choice(&VerificationPolicy::default()).is_err()
                {
                    self.notice = Some(("ui-choose-positions", false));
                }
            }
            RefingerprintStep::Documents => {
                ui.label(t("ui-verify-by-documents"));
                let label = ui.label(t("ui-document-seen"));
                ui.add(egui::TextEdit::singleline(document_seen))
                    .labelled_by(label.id);
                if big_button(ui, t("ui-identity-confirmed")).clicked()
                    && let Err(e) = flow.confirm_by_documents(
                        cx.store,
                        officer_id,
                        document_seen,
                        Utc::now(),
                        quality,
                        capabilities,
                    )
                {
                    self.notice = Some((e.message_key(), false));
                }
            }
            RefingerprintStep::Verify => {
                let Some(session) = flow.verification_mut() else {
                    return;
                };
                if panel.verification_session_ui(ui, session, cx) {
                    if let Err(e) = flow.finish_verification(
                        cx.store,
                        officer_id,
                        Utc::now(),
                        quality,
                        capabilities,
                    ) {
                        self.notice = Some((e.message_key(), false));
                    } else if flow.verification().map(|v| v.state())
                        == Some(VerificationState::Verified)
                    {
                        self.notice = Some(("ui-verified", true));
                    }
                }
                if let Some(verdict) = flow.verification().and_then(|v| v.verdict()) {
                    super::capture::verdict_banner(ui, verdict, cx);
                }
                if flow.verification().map(|v| v.state()) == Some(VerificationState::Failed)
                    && let Some((login, password, _)) = panel.supervisor_choice_ui(ui, cx, false)
                {
                    let result = flow.supervisor_override(
                        cx.store,
                        &login,
                        &password,
                        Utc::now(),
                        quality,
                        capabilities,
                    );
                    self.notice = match result {
                        Ok(()) => None,
                        Err(FlowError::Auth(e)) => Some((e.message_key(), false)),
                        Err(e) => Some((e.message_key(), false)),
                    };
                }
            }
            RefingerprintStep::Capture => {
                ui.horizontal_wrapped(|ui| {
                    ui.label(t("ui-who-applied"));
                    for a in APPLICANTS {
                        if ui
                            .selectable_label(*applicant == a, t(applicant_key(a)))
                            .clicked()
                        {
                            *applicant = a;
                        }
                    }
                });
                if matches!(
                    applicant,
                    ChangeApplicant::LegalRepresentative | ChangeApplicant::Guardian
                ) {
                    labelled(ui, &t("ui-applicant-document"), applicant_document, None);
                }
                labelled(ui, &t("ui-reason"), reason, None);
                let Some(session) = flow.capture_mut() else {
                    return;
                };
                let complete = panel.session_ui(ui, session, cx);
                if complete {
                    let request = ChangeRequest {
                        applicant: *applicant,
                        reason: reason.trim().to_string(),
                        on: today,
                        applicant_document: Some(applicant_document.trim().to_string())
                            .filter(|d| !d.is_empty()),
                    };
                    if request.reason.is_empty() {
                        self.notice = Some(("ui-reason-required", false));
                    } else {
                        match flow.save(cx.store, officer_id, &request) {
                            Ok(_) => {
                                self.notice = Some(("ui-refingerprint-saved", true));
                                done = true;
                            }
                            Err(e) => self.notice = Some((e.message_key(), false)),
                        }
                    }
                }
            }
            RefingerprintStep::Done => done = true,
        }
        if done {
            self.mode = Mode::View;
            self.reopen(cx);
        } else if big_button(ui, t("ui-cancel")).clicked() {
            self.mode = Mode::View;
        }
    }
}

/// A field's value as shown: the sex is a message id.
fn shown(label: &str, value: &str, t: &impl Fn(&str) -> String) -> String {
    if label == "ui-sex" {
        t(value)
    } else {
        value.to_string()
    }
}

/// A stored record's fingers and palms, as the capture desk's panel shows
/// them: excepted positions crossed out with their reason, force-captured
/// ones flagged.
fn records_panel(
    ui: &mut egui::Ui,
    records: &[BiometricRecord],
    textures: &mut HashMap<String, egui::TextureHandle>,
    cx: &DeskContext<'_>,
) {
    let (l, lang) = (cx.l, cx.lang);
    let t = move |key: &str| l.text(lang, key);
    let threshold = cx.settings.quality.recapture_below;
    // As on the capture desk: a row a hand, the tile names the finger.
    let rows: [(&str, Vec<&BiometricRecord>); 3] = [
        (
            "ui-right-hand",
            records
                .iter()
                .filter(|r| matches!(r.position, Position::Finger(f) if f.code() <= 5))
                .collect(),
        ),
        (
            "ui-left-hand",
            records
                .iter()
                .filter(|r| matches!(r.position, Position::Finger(f) if f.code() > 5))
                .collect(),
        ),
        (
            "ui-palms",
            records
                .iter()
                .filter(|r| matches!(r.position, Position::Palm(_)))
                .collect(),
        ),
    ];
    ui.horizontal_wrapped(|ui| {
        for (row_key, row) in rows {
            if row.is_empty() {
                continue;
            }
            ui.vertical(|ui| {
                ui.label(t(row_key));
                ui.horizontal(|ui| {
                    for record in row {
                        let name = match record.position {
                            Position::Finger(f) => t(super::capture::short_finger_key(f)),
                            Position::Palm(_) => t(position_key(record.position)),
                        };
                        let response = egui::Frame::group(ui.style())
                            .show(ui, |ui| {
                                ui.set_width(100.0);
                                ui.vertical(|ui| {
                                    ui.add(
                                        egui::Label::new(egui::RichText::new(&name).size(13.0))
                                            .truncate(),
                                    );
                                    if let Some(capture) = &record.capture {
                                        let key = format!(
                                            "rec-{}-{}",
                                            record.position.code(),
                                            capture.png.len()
                                        );
                                        if !textures.contains_key(&key)
                                            && let Ok(image) = image::load_from_memory(&capture.png)
                                        {
                                            let thumb = image.thumbnail(96, 96).to_luma8();
                                            textures.insert(
                                                key.clone(),
                                                gray_texture(ui.ctx(), &key, &thumb),
                                            );
                                        }
                                        if let Some(texture) = textures.get(&key) {
                                            ui.add(
                                                egui::Image::from_texture(texture)
                                                    .max_size(egui::vec2(96.0, 96.0)),
                                            );
                                        }
                                        ui.colored_label(
                                            quality_colour(capture.quality, threshold),
                                            cx.l.format(
                                                cx.lang,
                                                "ui-quality",
                                                &[(
                                                    "score",
                                                    MessageArg::Number(i64::from(capture.quality)),
                                                )],
                                            ),
                                        );
                                        if record.force_captured {
                                            ui.colored_label(
                                                WARNING,
                                                t("capture-status-force-captured"),
                                            );
                                            if let Some(reason) = record.force_reason {
                                                ui.weak(t(reason.message_key()));
                                            }
                                        }
                                    } else {
                                        ui.allocate_exact_size(
                                            egui::vec2(96.0, 96.0),
                                            egui::Sense::hover(),
                                        );
                                    }
                                    if let Some(reason) = record.exception {
                                        ui.colored_label(ERROR, t(reason.message_key()));
                                    }
                                    ui.add_space(CONTROL_HEIGHT / 4.0);
                                });
                            })
                            .response;
                        if record.exception.is_some() {
                            let rect = response.rect.shrink(4.0);
                            let stroke = egui::Stroke::new(3.0, ERROR);
                            ui.painter()
                                .line_segment([rect.left_top(), rect.right_bottom()], stroke);
                            ui.painter()
                                .line_segment([rect.right_top(), rect.left_bottom()], stroke);
                        }
                    }
                });
            });
        }
    });
}

/// The archive (п.14): every version with who, when and why; two of them
/// side by side with the changed fields highlighted.
fn history_ui(ui: &mut egui::Ui, opened: &mut Opened, cx: &DeskContext<'_>) {
    let (l, lang) = (cx.l, cx.lang);
    let t = move |key: &str| l.text(lang, key);
    ui.separator();
    ui.strong(t("ui-history"));
    let count = opened.history.len();
    for (i, version) in opened.history.iter().enumerate() {
        let when = version
            .valid_from
            .get(..16)
            .unwrap_or(&version.valid_from)
            .replace('T', " ");
        let what = match &version.change {
            None => t("ui-history-registered"),
            Some(change) => cx.l.format(
                cx.lang,
                "ui-history-change",
                &[
                    (
                        "kind",
                        text(t(match change.kind {
                            crate::store::ChangeKind::Correction => "ui-correct",
                            crate::store::ChangeKind::Refingerprinting => "ui-refingerprint",
                        })),
                    ),
                    ("who", text(t(applicant_key(change.applicant)))),
                    ("reason", text(change.reason.clone())),
                    ("officer", MessageArg::Number(change.officer_id)),
                ],
            ),
        };
        let state = if version.valid_to.is_none() {
            t("ui-history-current")
        } else {
            t("ui-history-archived")
        };
        ui.label(format!("v{} — {when} — {state} — {what}", version.version));
        let _ = i;
    }
    let sets: std::collections::BTreeSet<i64> =
        opened.biometrics.iter().map(|b| b.set_version).collect();
    for set in sets {
        let rows: Vec<&BiometricVersion> = opened
            .biometrics
            .iter()
            .filter(|b| b.set_version == set)
            .collect();
        let archived = rows.iter().filter(|b| b.valid_to.is_some()).count();
        ui.weak(cx.l.format(
            cx.lang,
            "ui-history-biometric-set",
            &[
                ("set", MessageArg::Number(set)),
                ("rows", MessageArg::Number(rows.len() as i64)),
                ("archived", MessageArg::Number(archived as i64)),
            ],
        ));
    }
    if count < 2 {
        return;
    }
    let (mut a, mut b) = opened.compare.unwrap_or((count - 2, count - 1));
    ui.horizontal(|ui| {
        ui.label(t("ui-compare"));
        for i in 0..count {
            if ui
                .selectable_label(a == i, format!("A: v{}", opened.history[i].version))
                .clicked()
            {
                a = i;
            }
        }
        ui.add_space(12.0);
        for i in 0..count {
            if ui
                .selectable_label(b == i, format!("B: v{}", opened.history[i].version))
                .clicked()
            {
                b = i;
            }
        }
    });
    opened.compare = Some((a, b));
    let (va, vb) = (&opened.history[a].personal, &opened.history[b].personal);
    let changed = changed_fields(va, vb);
    let (fa, fb) = (version_fields(va), version_fields(vb));
    let fa: Vec<(&str, String)> = fa.into_iter().map(|(l, v)| (l, shown(l, &v, &t))).collect();
    let fb: Vec<(&str, String)> = fb.into_iter().map(|(l, v)| (l, shown(l, &v, &t))).collect();
    egui::Grid::new("compare").striped(true).show(ui, |ui| {
        ui.strong("");
        ui.strong(format!("v{}", opened.history[a].version));
        ui.strong(format!("v{}", opened.history[b].version));
        ui.end_row();
        for ((label, x), (_, y)) in fa.iter().zip(fb.iter()) {
            ui.label(t(label));
            if changed.contains(label) {
                let highlight = egui::Color32::from_rgb(255, 236, 160);
                for value in [x, y] {
                    egui::Frame::new().fill(highlight).show(ui, |ui| {
                        ui.colored_label(egui::Color32::BLACK, value);
                    });
                }
            } else {
                ui.label(x);
                ui.label(y);
            }
            ui.end_row();
        }
    });
    ui.weak(cx.l.format(
        cx.lang,
        "ui-changed-count",
        &[("count", MessageArg::Number(changed.len() as i64))],
    ));
}
