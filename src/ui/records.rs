//! The records screens (п.12–п.14): search (by IIN, document, or surname
//! and birth date with or without the name), a registration with its
//! archive and comparison of versions, a decision not to collect or a
//! refusal as they were recorded, correction, re-fingerprinting.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use eframe::egui;

use super::capture::CapturePanel;
use super::design::{self, Design, Emphasis, FieldMessage, TileState, TileView, Tone, icons};
use super::desk::{DeskContext, IdentityMessages, identity_rows};
use super::personal::PersonalPanel;
use super::widgets::{gray_texture, position_key, rgb_texture};
use crate::enrollment::{
    Badge, BiometricVersion, DecisionMeta, FoundRecord, LookupQuery, NonCollection,
    NonCollectionOutcome, PersonalDataVersion, Refusal, Registration, RegistrationId, SearchHit,
};
use crate::enrollment::{
    CorrectionForm, FieldError, FieldValue, FlowError, RefingerprintFlow, RefingerprintStep,
    VerificationPolicy, VerificationState, applicant_kind, changed_fields, parse_form_date,
    version_fields,
};
use crate::model::{
    BiometricRecord, ChangeApplicant, ChangeRequest, FingerPosition, FullName, PassportKind,
    Position, Registry, Service, country_message_key,
};
use crate::regulation::MessageArg;

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
    /// The re-fingerprintings, oldest first (set 2 is the first of them).
    refingerprintings: Vec<crate::enrollment::ChangeInfo>,
    /// The two versions compared (indices into `history`).
    compare: Option<(usize, usize)>,
    textures: HashMap<String, egui::TextureHandle>,
}

/// A decision not to collect, or a refusal, as recorded.
enum Decision {
    NotCollected(Box<NonCollection>, DecisionMeta),
    Refused(Box<Refusal>, DecisionMeta),
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
    decision: Option<Decision>,
    mode: Mode,
    /// Officers by id, for who did what (read when a record is opened).
    officers: HashMap<i64, FullName>,
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

/// A time as stored (RFC 3339) as the officer reads it: date and minute.
fn shown_time(cx: &DeskContext<'_>, at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => {
            let local = t.with_timezone(&chrono::Local);
            format!(
                "{} {}",
                cx.lang.date(local.date_naive()),
                local.format("%H:%M")
            )
        }
        Err(_) => at.to_string(),
    }
}

/// A field value in the officer's language.
fn shown_value(cx: &DeskContext<'_>, value: &FieldValue) -> String {
    match value {
        FieldValue::Text(t) => t.clone(),
        FieldValue::Date(d) => cx.lang.date(*d),
        FieldValue::Key(key) => cx.t(key),
        FieldValue::Country(code) => match country_message_key(code) {
            Some(key) => cx.t(&key),
            None => code.clone(),
        },
        FieldValue::Empty => "—".into(),
        FieldValue::Document {
            number,
            issue,
            expiry,
            authority,
        } => format!(
            "{number} · {} – {} · {authority}",
            cx.lang.date(*issue),
            cx.lang.date(*expiry)
        ),
        FieldValue::Image(Some(_)) => cx.t("ui-photo-present"),
        FieldValue::Image(None) => cx.t("ui-none"),
    }
}

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
            decision: None,
            mode: Mode::View,
            officers: HashMap::new(),
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

    fn officer_name(&self, id: i64) -> String {
        self.officers
            .get(&id)
            .map(|n| format!("{} {}", n.surname, n.name))
            .unwrap_or_else(|| format!("#{id}"))
    }

    fn read_officers(&mut self, cx: &DeskContext<'_>) {
        if let Ok(accounts) = cx.office.officers() {
            self.officers = accounts
                .into_iter()
                .map(|a| (a.id, a.officer.name))
                .collect();
        }
    }

    fn open(&mut self, id: RegistrationId, cx: &mut DeskContext<'_>) {
        self.read_officers(cx);
        let loaded = cx
            .office
            .load_registration(self.officer_id, id)
            .and_then(|record| {
                let history = cx.office.personal_history(id)?;
                let biometrics = cx.office.biometric_history(id)?;
                let changes = cx.office.changes(id)?;
                Ok((record, history, biometrics, changes))
            });
        match loaded {
            Ok((record, history, biometrics, changes)) => {
                self.opened = Some(Opened {
                    record,
                    history,
                    biometrics,
                    refingerprintings: changes
                        .into_iter()
                        .filter(|c| c.kind == crate::enrollment::ChangeKind::Refingerprinting)
                        .collect(),
                    compare: None,
                    textures: HashMap::new(),
                });
                self.decision = None;
                self.mode = Mode::View;
                self.notice = None;
            }
            Err(e) => self.notice = Some((e.message_key(), false)),
        }
    }

    fn open_decision(&mut self, found: FoundRecord, cx: &mut DeskContext<'_>) {
        self.read_officers(cx);
        let loaded = match found {
            FoundRecord::NonCollection { registry, id, .. } => cx
                .office
                .open_non_collection(self.officer_id, registry, id)
                .map(|(d, meta)| Decision::NotCollected(Box::new(d), meta)),
            FoundRecord::Refusal { id } => cx
                .office
                .open_refusal(self.officer_id, id)
                .map(|(r, meta)| Decision::Refused(Box::new(r), meta)),
            _ => return,
        };
        match loaded {
            Ok(decision) => {
                self.decision = Some(decision);
                self.opened = None;
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
        let d = Design::of(ui.ctx());
        let mut command = RecordsCommand::Stay;
        design::title(ui, &cx.t("ui-records-title"));
        ui.horizontal(|ui| {
            let escape = self.opened.is_none()
                && self.decision.is_none()
                && !self.is_capturing()
                && design::escape(ui);
            if design::secondary(ui, Some(icons::BACK), &cx.t("ui-back-to-desk")).clicked()
                || escape
            {
                command = RecordsCommand::Close;
            }
            let open = self.opened.is_some() || self.decision.is_some();
            if open
                && !self.is_capturing()
                && (design::secondary(ui, Some(icons::SEARCH), &cx.t("ui-back-to-search"))
                    .clicked()
                    || (escape && matches!(self.mode, Mode::View)))
            {
                self.opened = None;
                self.decision = None;
                self.mode = Mode::View;
            }
        });
        if let Some((key, good)) = self.notice {
            design::note(
                ui,
                if good { Tone::Success } else { Tone::Danger },
                &cx.t(key),
            );
        }
        ui.add_space(d.sizes.gap);
        if let Some(decision) = &self.decision {
            self.decision_ui(ui, cx, decision);
        } else if self.opened.is_none() {
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
        let d = Design::of(ui.ctx());
        self.search_form_ui(ui, cx);
        let enter = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
        if design::button(
            ui,
            Emphasis::Primary,
            Some(icons::SEARCH),
            &cx.t("ui-search"),
        )
        .clicked()
            || enter
        {
            self.run_search(cx);
        }
        ui.add_space(d.sizes.gap);
        if self.searched && self.results.is_empty() {
            design::note(ui, Tone::Info, &cx.t("ui-nothing-found"));
        }
        let open = self.hits_ui(ui, cx);
        match open {
            Some(FoundRecord::Registration(id)) => self.open(id, cx),
            Some(found) => self.open_decision(found, cx),
            None => {}
        }
    }
    /// The search's registry, key and fields.
    fn search_form_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        let mut registry = Some(self.registry);
        let registries = [
            (None, cx.t("ui-registry-both")),
            (Some(Registry::Citizen), cx.t("ui-registry-citizens")),
            (Some(Registry::Foreigner), cx.t("ui-registry-foreigners")),
        ];
        if design::choice_row(
            ui,
            &cx.t("ui-registry"),
            &mut registry,
            &registries,
            None,
            None,
        ) && let Some(registry) = registry
        {
            self.registry = registry;
        }
        let mut key = Some(self.key);
        let keys = [
            (SearchKey::NameAndBirth, cx.t("ui-search-by-name")),
            (SearchKey::Iin, cx.t("ui-search-by-iin")),
            (SearchKey::Document, cx.t("ui-search-by-document")),
        ];
        if design::choice_row(ui, &cx.t("ui-search-by"), &mut key, &keys, None, None)
            && let Some(key) = key
        {
            self.key = key;
        }
        match self.key {
            SearchKey::Iin => {
                design::text_row(ui, &cx.t("ui-search-iin"), &mut self.iin, None, None, None);
            }
            SearchKey::Document => {
                design::text_row(
                    ui,
                    &cx.t("ui-document-number"),
                    &mut self.document,
                    None,
                    None,
                    None,
                );
            }
            SearchKey::NameAndBirth => {
                design::text_row(ui, &cx.t("ui-surname"), &mut self.surname, None, None, None);
                let hint = FieldMessage::Hint(cx.t("ui-name-optional"));
                design::text_row(
                    ui,
                    &cx.t("ui-name"),
                    &mut self.name,
                    Some(&hint),
                    None,
                    None,
                );
                let bad_date = (!self.birth_date.trim().is_empty()
                    && parse_form_date(&self.birth_date).is_none())
                .then(|| FieldMessage::Error(cx.t("field-bad-date")));
                design::text_row(
                    ui,
                    &cx.t("ui-birth-date"),
                    &mut self.birth_date,
                    bad_date.as_ref(),
                    None,
                    Some(cx.lang.date_hint()),
                );
            }
        }
    }

    /// The persons found, each on a card with its badges; returns the one
    /// the officer opened.
    fn hits_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) -> Option<FoundRecord> {
        let d = Design::of(ui.ctx());
        let mut open = None;
        let thumb = Design::of(ui.ctx()).sizes.thumb;
        for (i, hit) in self.results.iter().enumerate() {
            if let Some(bytes) = &hit.photo
                && !self.thumbnails.contains_key(&i)
                && let Ok(image) = image::load_from_memory(bytes)
            {
                let small = image.thumbnail(60, 80).to_rgb8();
                self.thumbnails
                    .insert(i, rgb_texture(ui.ctx(), &format!("thumb-{i}"), &small));
            }
            design::card(ui, |ui| {
                ui.horizontal(|ui| {
                    match self.thumbnails.get(&i) {
                        Some(texture) => {
                            ui.add(egui::Image::from_texture(texture).max_height(thumb));
                        }
                        None => {
                            ui.allocate_exact_size(
                                egui::vec2(thumb * 0.75, thumb),
                                egui::Sense::hover(),
                            );
                        }
                    }
                    ui.vertical(|ui| {
                        ui.label(
                            egui::RichText::new(format!("{} {}", hit.surname, hit.name))
                                .strong()
                                .size(d.sizes.heading),
                        );
                        let registry = cx.t(match hit.registry {
                            Registry::Citizen => "ui-registry-citizens",
                            Registry::Foreigner => "ui-registry-foreigners",
                        });
                        design::weak(
                            ui,
                            &format!(
                                "{} · {} · {} {}",
                                cx.lang.date(hit.birth_date),
                                registry,
                                cx.t("ui-date"),
                                cx.lang.date(hit.date)
                            ),
                        );
                    });
                    for badge in &hit.badges {
                        let tone = match badge {
                            Badge::RefingerprintDue | Badge::DefectMark => Tone::Warning,
                            Badge::Refusal => Tone::Danger,
                            _ => Tone::Info,
                        };
                        ui.scope(|ui| {
                            ui.set_max_width(Design::of(ui.ctx()).sizes.badge_width);
                            design::note(ui, tone, &cx.t(badge.message_key()));
                        });
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let openable = !matches!(hit.record, FoundRecord::ImportedMark { .. });
                        if openable {
                            let name = format!("{} {}: {}", hit.surname, hit.name, cx.t("ui-open"));
                            let response = design::secondary(ui, None, &cx.t("ui-open"));
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                            });
                            if response.clicked() {
                                open = Some(hit.record);
                            }
                        }
                    });
                });
            });
        }
        open
    }

    fn run_search(&mut self, cx: &mut DeskContext<'_>) {
        let query = match self.key {
            SearchKey::Iin => Some(LookupQuery::Iin(self.iin.trim().to_string())),
            SearchKey::Document => Some(LookupQuery::Document(self.document.trim().to_string())),
            SearchKey::NameAndBirth => {
                parse_form_date(&self.birth_date).map(|birth_date| LookupQuery::NameAndBirthDate {
                    surname: self.surname.clone(),
                    name: self.name.clone(),
                    birth_date,
                })
            }
        };
        match query {
            Some(query) => match cx.office.search(self.registry, &query) {
                Ok(results) => {
                    self.results = results;
                    self.thumbnails.clear();
                    self.searched = true;
                    self.notice = None;
                }
                Err(e) => self.notice = Some((e.message_key(), false)),
            },
            None if self.birth_date.trim().is_empty() => {
                self.notice = Some(("records-birth-date-needed", false));
            }
            None => self.notice = Some(("field-bad-date", false)),
        }
    }

    /// An exemption, a "not subject" decision or a refusal, as recorded:
    /// the person, the outcome with its paragraphs, the evidence, who and
    /// when.
    fn decision_ui(&self, ui: &mut egui::Ui, cx: &DeskContext<'_>, decision: &Decision) {
        let d = Design::of(ui.ctx());
        match decision {
            Decision::NotCollected(record, meta) => {
                let (tone, sentence) = match record.outcome {
                    NonCollectionOutcome::Exempt => (Tone::Warning, cx.t("ui-verdict-exempt")),
                    NonCollectionOutcome::NotSubject => {
                        (Tone::Warning, cx.t("ui-verdict-not-subject"))
                    }
                };
                let grounds: Vec<String> =
                    record.grounds.iter().map(|g| format!("п.{g}")).collect();
                design::verdict(ui, tone, &sentence, Some(&grounds.join(", ")), None);
                ui.add_space(d.sizes.gap);
                design::card(ui, |ui| {
                    person_facts(ui, cx, &record.person.name, record.person.birth_date);
                    if let Some(document) = &record.person.document_number {
                        design::fact(ui, &cx.t("ui-document-number"), document);
                    }
                    design::fact(ui, &cx.t("ui-service"), &service_text(cx, record.service));
                    if let Some(category) = record.reciprocity_category {
                        design::fact(
                            ui,
                            &cx.t("ui-category"),
                            &cx.tf("ui-category-name", &[("category", text(category.code()))]),
                        );
                        design::fact(
                            ui,
                            &cx.t("ui-reciprocity"),
                            &cx.t(if record.reciprocity {
                                "ui-yes"
                            } else {
                                "ui-no"
                            }),
                        );
                        design::fact(
                            ui,
                            &cx.t("ui-family-member"),
                            &cx.t(if record.family_member {
                                "ui-yes"
                            } else {
                                "ui-no"
                            }),
                        );
                        design::fact(
                            ui,
                            &cx.t("ui-passport-kind"),
                            &cx.t(passport_kind_key(record.passport_kind)),
                        );
                        design::fact(
                            ui,
                            &cx.t("ui-courier-sheet"),
                            &cx.t(if record.courier_sheet {
                                "ui-yes"
                            } else {
                                "ui-no"
                            }),
                        );
                    }
                    if let Some(m) = &record.medical_conclusion {
                        design::fact(
                            ui,
                            &cx.t("ui-medical-conclusion"),
                            &format!("№ {} · {}", m.number, cx.lang.date(m.date)),
                        );
                    }
                    if record.lacks_all_fingers_or_palms {
                        design::fact(ui, &cx.t("ui-lacks-fingers"), &cx.t("ui-yes"));
                    }
                    design::fact(ui, &cx.t("ui-decided-on"), &cx.lang.date(record.decided_on));
                    design::fact(ui, &cx.t("ui-officer"), &self.officer_name(meta.officer_id));
                    design::fact(ui, &cx.t("ui-recorded-at"), &shown_time(cx, &meta.at));
                });
            }
            Decision::Refused(refusal, meta) => {
                design::verdict(
                    ui,
                    Tone::Danger,
                    &cx.t("ui-refusal-recorded"),
                    Some("п.5"),
                    None,
                );
                ui.add_space(d.sizes.gap);
                design::card(ui, |ui| {
                    person_facts(ui, cx, &refusal.person.name, refusal.person.birth_date);
                    if let Some(iin) = &refusal.person.iin {
                        design::fact(ui, &cx.t("ui-iin"), iin);
                    }
                    design::fact(ui, &cx.t("ui-service"), &service_text(cx, refusal.service));
                    design::fact(ui, &cx.t("ui-officer"), &self.officer_name(meta.officer_id));
                    design::fact(ui, &cx.t("ui-recorded-at"), &shown_time(cx, &meta.at));
                });
            }
        }
    }

    fn record_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let d = Design::of(ui.ctx());
        let officer_names: HashMap<i64, String> = self
            .officers
            .keys()
            .map(|id| (*id, self.officer_name(*id)))
            .collect();
        let Some(opened) = self.opened.as_mut() else {
            return;
        };
        let record = &opened.record;
        let mut action = None;
        ui.horizontal(|ui| {
            design::heading(
                ui,
                &cx.tf(
                    "ui-record-number",
                    &[("number", text(record.id.to_string()))],
                ),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if design::secondary(ui, Some(icons::FINGERPRINT), &cx.t("ui-refingerprint"))
                    .clicked()
                {
                    action = Some(true);
                }
                if design::secondary(ui, Some(icons::PERSON), &cx.t("ui-correct")).clicked() {
                    action = Some(false);
                }
            });
        });
        if let Some(at) = &record.images_purged_at {
            design::note(
                ui,
                Tone::Info,
                &cx.tf(
                    "records-images-purged",
                    &[("date", text(shown_time(cx, at)))],
                ),
            );
        }
        if let Some(mark) = record.defect_mark {
            design::note(
                ui,
                Tone::Warning,
                &cx.t(if mark.refingerprint_next_time() {
                    "ui-mark-temporary"
                } else {
                    "ui-mark-permanent"
                }),
            );
        }
        facts_ui(ui, record, &mut opened.textures, cx);
        if let Some(rep) = &record.representative {
            representative_ui(ui, rep, cx);
        }
        ui.add_space(d.sizes.gap);
        prints_panel(ui, &record.biometrics, &mut opened.textures, cx);
        verifications_ui(ui, record, &officer_names, cx);
        history_ui(ui, opened, cx, &officer_names);
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
        let message = |errors: &[FieldError], field: &str| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| FieldMessage::Error(cx.t(e.key)))
        };
        design::heading(ui, &cx.t("ui-correction-title"));
        // The actions first: the form is long.
        let (mut save, mut cancel) = (false, false);
        ui.horizontal(|ui| {
            save = design::button(
                ui,
                Emphasis::Primary,
                Some(icons::SAVE),
                &cx.t("ui-save-correction"),
            )
            .clicked();
            cancel = design::secondary(ui, None, &cx.t("ui-cancel")).clicked();
        });
        change_request_rows(
            ui,
            cx,
            ChangeRequestRows {
                applicant: &mut form.applicant,
                document: &mut form.applicant_document,
                reason: &mut form.reason,
                paragraph: "п.12",
            },
            errors,
        );
        ui.separator();
        let messages = IdentityMessages::of(|field| message(errors, field));
        identity_rows(ui, cx, &mut form.identity, kind, messages, None);
        let has_document = !form.identity.document_number.trim().is_empty();
        panel.fields_ui(ui, cx, kind, has_document);
        let mut saved = false;
        if save {
            form.personal = panel.form.clone();
            match form.validate(kind, self.today) {
                Ok((data, request)) => {
                    match cx
                        .office
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
        let (quality, capabilities) = desk_policy(cx);
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
        design::heading(ui, &cx.t("ui-refingerprint-title"));
        let mut done = false;
        match flow.step() {
            RefingerprintStep::Choose => choose_damaged_ui(ui, cx, flow, &mut self.notice),
            RefingerprintStep::Documents => {
                design::note(ui, Tone::Info, &cx.t("ui-verify-by-documents"));
                design::text_row(
                    ui,
                    &cx.t("ui-document-seen"),
                    document_seen,
                    None,
                    Some("п.11"),
                    None,
                );
                if design::button(
                    ui,
                    Emphasis::Primary,
                    Some(icons::VERIFIED),
                    &cx.t("ui-identity-confirmed"),
                )
                .clicked()
                    && let Err(e) = flow.confirm_by_documents(
                        cx.office,
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
                refingerprint_verify_ui(ui, cx, flow, panel, &mut self.notice, officer_id)
            }
            RefingerprintStep::Capture => {
                design::note(ui, Tone::Info, &cx.t("ui-refingerprint-capture"));
                change_request_rows(
                    ui,
                    cx,
                    ChangeRequestRows {
                        applicant,
                        document: applicant_document,
                        reason,
                        paragraph: "п.13",
                    },
                    &[],
                );
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
                        match flow.save(cx.office, officer_id, &request) {
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
        } else if !panel.is_capturing() && design::secondary(ui, None, &cx.t("ui-cancel")).clicked()
        {
            self.mode = Mode::View;
        }
    }
}

/// The mission's quality policy and what the desk's scanner can do, as a
/// verification and a capture take them.
fn desk_policy(
    cx: &mut DeskContext<'_>,
) -> (
    crate::enrollment::QualityPolicy,
    crate::scanner::Capabilities,
) {
    let capabilities = cx
        .devices
        .scanner()
        .map(|s| s.info().capabilities)
        .unwrap_or_default();
    (cx.settings.quality, capabilities)
}

/// The fingers damaged since the registration, chosen before the
/// verification on the others (п.13).
fn choose_damaged_ui(
    ui: &mut egui::Ui,
    cx: &DeskContext<'_>,
    flow: &mut RefingerprintFlow,
    notice: &mut Option<(&'static str, bool)>,
) {
    design::weak(ui, &cx.t("ui-refingerprint-choose"));
    for fingers in [&FingerPosition::ALL[..5], &FingerPosition::ALL[5..]] {
        ui.horizontal(|ui| {
            for finger in fingers {
                let damaged = flow.damaged().contains(finger);
                if ui
                    .add(
                        egui::Button::selectable(damaged, cx.t(finger.message_key()))
                            .frame_when_inactive(true),
                    )
                    .clicked()
                {
                    flow.toggle(*finger);
                }
            }
        });
    }
    if design::button(ui, Emphasis::Primary, Some(icons::NEXT), &cx.t("ui-next")).clicked()
        && let Err(e) = flow.confirm_choice(&VerificationPolicy::default())
    {
        *notice = Some((e.message_key(), false));
    }
}

/// The verification on the fingers not damaged (п.11, п.13), and the
/// supervisor's decision when it fails.
fn refingerprint_verify_ui(
    ui: &mut egui::Ui,
    cx: &mut DeskContext<'_>,
    flow: &mut RefingerprintFlow,
    panel: &mut CapturePanel,
    notice: &mut Option<(&'static str, bool)>,
    officer_id: i64,
) {
    let (quality, capabilities) = desk_policy(cx);
    let Some(session) = flow.verification_mut() else {
        return;
    };
    if panel.verification_session_ui(ui, session, cx) {
        if let Err(e) =
            flow.finish_verification(cx.office, officer_id, Utc::now(), quality, capabilities)
        {
            *notice = Some((e.message_key(), false));
        } else if flow.verification().map(|v| v.state()) == Some(VerificationState::Verified) {
            *notice = Some(("ui-verified", true));
        }
    }
    if let Some(verdict) = flow.verification().and_then(|v| v.verdict()) {
        super::capture::verdict_banner(ui, verdict, cx);
    }
    if flow.verification().map(|v| v.state()) == Some(VerificationState::Failed)
        && let Some((login, password, _)) = panel.supervisor_choice_ui(ui, cx, true)
    {
        let result = flow.supervisor_override(
            cx.office,
            &login,
            &password,
            Utc::now(),
            quality,
            capabilities,
        );
        *notice = match result {
            Ok(()) => None,
            Err(FlowError::Auth(e)) => Some((e.message_key(), false)),
            Err(e) => Some((e.message_key(), false)),
        };
    }
}

fn person_facts(ui: &mut egui::Ui, cx: &DeskContext<'_>, name: &FullName, birth: NaiveDate) {
    design::fact(
        ui,
        &cx.t("ui-full-name"),
        &format!(
            "{} {} {}",
            name.surname,
            name.name,
            name.patronymic.clone().unwrap_or_default()
        ),
    );
    design::fact(ui, &cx.t("ui-birth-date"), &cx.lang.date(birth));
}

fn service_text(cx: &DeskContext<'_>, service: Service) -> String {
    use crate::model::{PassportService, VisaApplication};
    cx.t(match service {
        Service::Passport(PassportService::FirstIssue) => "ui-service-first-issue",
        Service::Passport(PassportService::Restoration) => "ui-service-restoration",
        Service::Passport(PassportService::Replacement) => "ui-service-replacement",
        Service::Passport(PassportService::Other) => "ui-service-other",
        Service::Visa(VisaApplication::PaperAtMission) => "ui-service-visa",
        Service::Visa(VisaApplication::ElectronicWithoutVisit) => "ui-service-e-visa",
    })
}

fn passport_kind_key(kind: PassportKind) -> &'static str {
    match kind {
        PassportKind::Ordinary => "ui-passport-ordinary",
        PassportKind::Diplomatic => "ui-passport-diplomatic",
        PassportKind::Service => "ui-passport-service",
        PassportKind::InternationalOrganisation => "ui-passport-international",
    }
}

/// A stored record's fingers and palms as finger tiles: excepted positions
/// crossed out with their reason, force-captured ones flagged.
fn prints_panel(
    ui: &mut egui::Ui,
    records: &[BiometricRecord],
    textures: &mut HashMap<String, egui::TextureHandle>,
    cx: &DeskContext<'_>,
) {
    let threshold = cx.settings.quality.recapture_below;
    // Ten to a row, as on the ten-print card; palms on the next.
    let side = design::tile_side(ui, 10, 0);
    for row in records.chunks(10) {
        ui.horizontal(|ui| prints_row(ui, row, textures, threshold, side, cx));
    }
}

/// One row of a record's tiles.
fn prints_row(
    ui: &mut egui::Ui,
    records: &[BiometricRecord],
    textures: &mut HashMap<String, egui::TextureHandle>,
    threshold: u8,
    side: f32,
    cx: &DeskContext<'_>,
) {
    for record in records {
        let title = match record.position {
            Position::Finger(f) => cx.t(super::capture::short_finger_key(f)),
            Position::Palm(_) => cx.t(position_key(record.position)),
        };
        let name = cx.t(position_key(record.position));
        let png = record.capture.as_ref().and_then(|c| c.png.as_ref());
        let texture = png.and_then(|png| {
            let key = format!("rec-{}-{}", record.position.code(), png.len());
            if !textures.contains_key(&key)
                && let Ok(image) = image::load_from_memory(png)
            {
                let thumb = image.thumbnail(160, 180).to_luma8();
                textures.insert(key.clone(), gray_texture(ui.ctx(), &key, &thumb));
            }
            textures.get(&key).cloned()
        });
        let (state, state_text) = match (record.exception, record.force_reason) {
            (Some(reason), _) => (TileState::Excepted, cx.t(reason.message_key())),
            (None, Some(reason)) => (
                TileState::ForceCaptured,
                format!(
                    "{} — {}",
                    cx.t("capture-status-force-captured"),
                    cx.t(reason.message_key())
                ),
            ),
            // Delivered to the registry and purged (retention); the
            // template stays.
            (None, None) if record.capture.is_some() && png.is_none() => {
                (TileState::Accepted, cx.t("records-image-purged"))
            }
            (None, None) => (TileState::Accepted, cx.t("capture-status-accepted")),
        };
        design::tile(
            ui,
            &TileView {
                title: &title,
                name: &name,
                shortcut: None,
                image: texture.as_ref(),
                quality: record.capture.as_ref().map(|c| c.quality),
                threshold,
                device_quality: None,
                state,
                state_text: &state_text,
                side,
            },
        );
    }
}

/// The archive (п.14): every version with who, when and why; every set of
/// prints; two versions side by side with the changed fields highlighted.
/// A record's particulars on a card, with its photograph and signature.
fn facts_ui(
    ui: &mut egui::Ui,
    record: &Registration,
    textures: &mut HashMap<String, egui::TextureHandle>,
    cx: &DeskContext<'_>,
) {
    let d = Design::of(ui.ctx());
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(
                (ui.available_width() - d.sizes.photo_large - d.sizes.gap).max(d.sizes.field_width),
            );
            design::card(ui, |ui| {
                for (label, value) in version_fields(&record.personal) {
                    if label == "ui-photo" || label == "ui-signature" {
                        continue;
                    }
                    design::fact(ui, &cx.t(label), &shown_value(cx, &value));
                }
                let officer = format!(
                    "{} {}",
                    record.officer_name.surname, record.officer_name.name
                );
                super::desk::registration_facts(
                    ui,
                    cx,
                    record.registered_on,
                    &record.basis,
                    &officer,
                );
            });
        });
        let (photo, signature) = match &record.personal {
            crate::model::PersonalData::Citizen(c) => (c.photo.clone(), c.signature.clone()),
            crate::model::PersonalData::Foreigner(f) => (f.photo.clone(), None),
        };
        ui.vertical(|ui| {
            for (key, image) in [("photo", photo), ("signature", signature)] {
                let Some(image) = image else { continue };
                if !textures.contains_key(key)
                    && let Ok(decoded) = image::load_from_memory(&image.bytes)
                {
                    textures.insert(
                        key.to_string(),
                        rgb_texture(ui.ctx(), key, &decoded.to_rgb8()),
                    );
                }
                if let Some(texture) = textures.get(key) {
                    // Within the column beside the facts: a signature is
                    // wider than it is high.
                    ui.add(
                        egui::Image::from_texture(texture)
                            .max_height(d.sizes.photo)
                            .max_width(d.sizes.photo_large),
                    );
                }
            }
        });
    });
}

/// The legal representative or guardian who acted (п.8, п.9).
fn representative_ui(ui: &mut egui::Ui, rep: &crate::model::Representative, cx: &DeskContext<'_>) {
    let d = Design::of(ui.ctx());
    ui.add_space(d.sizes.gap);
    design::card(ui, |ui| {
        design::fact(
            ui,
            &cx.t(match rep.kind {
                crate::model::RepresentativeKind::LegalRepresentative => "ui-legal-representative",
                crate::model::RepresentativeKind::Guardian => "ui-guardian",
            }),
            &format!(
                "{} {} · {} № {}",
                rep.name.surname,
                rep.name.name,
                rep.authority_document.title,
                rep.authority_document.number
            ),
        );
    });
}

/// The identity verifications (п.11) recorded with the registration.
fn verifications_ui(
    ui: &mut egui::Ui,
    record: &Registration,
    officer_names: &HashMap<i64, String>,
    cx: &DeskContext<'_>,
) {
    if !record.verifications.is_empty() {
        design::section(ui, &cx.t("ui-verifications"), |ui| {
            for v in &record.verifications {
                let verdict = cx.t(if v.verified {
                    "ui-verified-short"
                } else {
                    "ui-not-verified-short"
                });
                let by = officer_names
                    .get(&v.officer_id)
                    .cloned()
                    .unwrap_or_else(|| format!("#{}", v.officer_id));
                let detail = match &v.document {
                    Some(document) => format!(" · {document}"),
                    None => String::new(),
                };
                design::fact(
                    ui,
                    &shown_time(cx, &v.verified_at.to_rfc3339()),
                    &format!(
                        "{verdict} ({}) · {by}{detail}",
                        cx.t(v.method.message_key())
                    ),
                );
            }
        });
    }
}

fn history_ui(
    ui: &mut egui::Ui,
    opened: &mut Opened,
    cx: &DeskContext<'_>,
    officers: &HashMap<i64, String>,
) {
    let by = |id: i64| {
        officers
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    };
    design::section(ui, &cx.t("ui-history"), |ui| {
        for version in &opened.history {
            let what = match &version.change {
                None => cx.t("ui-history-registered"),
                Some(change) => change_text(cx, change, &by),
            };
            let state = match &version.valid_to {
                None => cx.t("ui-history-current"),
                Some(to) => cx.tf(
                    "ui-history-archived-on",
                    &[("date", text(shown_time(cx, to)))],
                ),
            };
            design::fact(
                ui,
                &cx.tf(
                    "ui-history-version",
                    &[
                        ("version", MessageArg::Number(version.version)),
                        ("date", text(shown_time(cx, &version.valid_from))),
                    ],
                ),
                &format!("{what} — {state}"),
            );
        }
        print_sets_facts(ui, opened, cx, &by);
    });
    compare_versions_ui(ui, opened, cx);
}

/// The sets of prints: when each was taken and why it was replaced.
fn print_sets_facts(
    ui: &mut egui::Ui,
    opened: &Opened,
    cx: &DeskContext<'_>,
    by: &dyn Fn(i64) -> String,
) {
    let sets: std::collections::BTreeSet<i64> =
        opened.biometrics.iter().map(|b| b.set_version).collect();
    for set in sets {
        let rows: Vec<&BiometricVersion> = opened
            .biometrics
            .iter()
            .filter(|b| b.set_version == set)
            .collect();
        let printed = rows.iter().filter(|b| b.record.capture.is_some()).count();
        let current = rows.iter().any(|b| b.valid_to.is_none());
        let from = rows
            .first()
            .map(|b| shown_time(cx, &b.valid_from))
            .unwrap_or_default();
        let state = if current {
            cx.t("ui-history-current")
        } else {
            let to = rows
                .iter()
                .find_map(|b| b.valid_to.clone())
                .unwrap_or_default();
            cx.tf(
                "ui-history-archived-on",
                &[("date", text(shown_time(cx, &to)))],
            )
        };
        // Set 1 is the registration's; set n + 1, the n-th
        // re-fingerprinting, with who applied and why.
        let why = usize::try_from(set - 2)
            .ok()
            .and_then(|i| opened.refingerprintings.get(i))
            .map(|change| format!(" — {}", change_text(cx, change, by)))
            .unwrap_or_default();
        design::fact(
            ui,
            &cx.tf(
                "ui-history-prints",
                &[("set", MessageArg::Number(set)), ("date", text(from))],
            ),
            &format!(
                "{}{why} — {state}",
                cx.tf(
                    "ui-prints-count",
                    &[("count", MessageArg::Number(printed as i64))]
                )
            ),
        );
    }
}

/// A change of a record in words: what, who asked, why, by which officer.
fn change_text(
    cx: &DeskContext<'_>,
    change: &crate::enrollment::ChangeInfo,
    by: &dyn Fn(i64) -> String,
) -> String {
    let kind = match change.kind {
        crate::enrollment::ChangeKind::Correction => "ui-correct",
        crate::enrollment::ChangeKind::Refingerprinting => "ui-refingerprint",
    };
    cx.tf(
        "ui-history-change",
        &[
            ("kind", text(cx.t(kind))),
            ("who", text(cx.t(applicant_key(change.applicant)))),
            ("reason", text(change.reason.clone())),
            ("officer", text(by(change.officer_id))),
        ],
    )
}

/// Two versions of the personal data side by side, the changed fields
/// marked (п.12).
fn compare_versions_ui(ui: &mut egui::Ui, opened: &mut Opened, cx: &DeskContext<'_>) {
    let d = Design::of(ui.ctx());
    let count = opened.history.len();
    if count < 2 {
        return;
    }
    let (mut a, mut b) = opened.compare.unwrap_or((count - 2, count - 1));
    ui.horizontal(|ui| {
        ui.label(cx.t("ui-compare"));
        for i in 0..count {
            if ui
                .selectable_label(a == i, format!("A: v{}", opened.history[i].version))
                .clicked()
            {
                a = i;
            }
        }
        ui.add_space(Design::of(ui.ctx()).sizes.group_gap);
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
    egui::Grid::new("compare").striped(true).show(ui, |ui| {
        ui.strong("");
        ui.strong(format!("v{}", opened.history[a].version));
        ui.strong(format!("v{}", opened.history[b].version));
        ui.end_row();
        for ((label, x), (_, y)) in fa.iter().zip(fb.iter()) {
            ui.label(cx.t(label));
            let (x, y) = (shown_value(cx, x), shown_value(cx, y));
            if changed.contains(label) {
                for value in [x, y] {
                    egui::Frame::new()
                        .fill(d.palette.warning_soft)
                        .show(ui, |ui| {
                            ui.colored_label(d.palette.warning_text, value);
                        });
                }
            } else {
                ui.label(x);
                ui.label(y);
            }
            ui.end_row();
        }
    });
    design::weak(
        ui,
        &cx.tf(
            "ui-changed-count",
            &[("count", MessageArg::Number(changed.len() as i64))],
        ),
    );
}

/// What a change of a record asks for, as typed: who asks, his document
/// when he represents the person, and why.
struct ChangeRequestRows<'a> {
    applicant: &'a mut ChangeApplicant,
    document: &'a mut String,
    reason: &'a mut String,
    /// The paragraph of the change: п.12 a correction, п.13 new prints.
    paragraph: &'static str,
}

/// Who asks for the change, with his document when he represents the
/// person, and why; `errors` under their fields.
fn change_request_rows(
    ui: &mut egui::Ui,
    cx: &DeskContext<'_>,
    rows: ChangeRequestRows<'_>,
    errors: &[FieldError],
) {
    let message = |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| FieldMessage::Error(cx.t(e.key)))
    };
    let mut who = Some(*rows.applicant);
    let options: Vec<(ChangeApplicant, String)> = APPLICANTS
        .iter()
        .map(|a| (*a, cx.t(applicant_key(*a))))
        .collect();
    if design::choice_row(
        ui,
        &cx.t("ui-who-applied"),
        &mut who,
        &options,
        None,
        Some(rows.paragraph),
    ) && let Some(who) = who
    {
        *rows.applicant = who;
    }
    if matches!(
        rows.applicant,
        ChangeApplicant::LegalRepresentative | ChangeApplicant::Guardian
    ) {
        let e = message("applicant_document");
        design::text_row(
            ui,
            &cx.t("ui-applicant-document"),
            rows.document,
            e.as_ref(),
            None,
            None,
        );
    }
    let e = message("reason");
    design::text_row(ui, &cx.t("ui-reason"), rows.reason, e.as_ref(), None, None);
}
