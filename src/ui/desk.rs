//! The desk screens: one applicant through [`Desk`], step by step.

use chrono::NaiveDate;
use eframe::egui;

use super::capture::CapturePanel;
use super::devices::Devices;
use super::personal::PersonalPanel;
use super::widgets::{ERROR, GOOD, WARNING, big_button, labelled};
use crate::enrollment::{
    Completion, ConsentAnswer, Desk, EligibilityAnswers, FieldError, FlowError, IdentityForm,
    MissionSettings, Step,
};
use crate::i18n::{Lang, Localizer};
use crate::model::{
    ApplicantKind, AuthorityDocument, FullName, IdentityDocument, PassportKind, PassportService,
    ReciprocityCategory, Representative, RepresentativeKind, Service, Sex, VisaApplication,
    WrittenApplication,
};
use crate::regulation::{Outcome, Requirement};
use crate::store::Store;

/// What every desk screen works with.
pub struct DeskContext<'a> {
    pub store: &'a mut Store,
    pub l: &'a Localizer,
    pub lang: Lang,
    pub devices: &'a mut Devices,
    pub settings: MissionSettings,
    /// The officer signed in, as recorded with a registration (п.7).
    pub officer_name: String,
}

#[derive(Debug, Default, Clone)]
struct RepresentativeForm {
    surname: String,
    name: String,
    identity_number: String,
    authority_title: String,
    authority_number: String,
    application_received: bool,
}

/// One applicant's screens.
pub struct DeskScreen {
    officer_id: i64,
    date: NaiveDate,
    desk: Desk,
    kind: ApplicantKind,
    service: Service,
    identity: IdentityForm,
    answers: EligibilityAnswers,
    medical: bool,
    medical_number: String,
    medical_date: String,
    representative: RepresentativeForm,
    field_errors: Vec<FieldError>,
    error: Option<&'static str>,
    capture: CapturePanel,
    personal: PersonalPanel,
    /// The officer took the offer to re-fingerprint a record with a
    /// temporary mark (п.10, п.13): the shell opens it in the records screen.
    pub open_for_refingerprint: Option<crate::store::RegistrationId>,
}

impl DeskScreen {
    pub fn new(officer_id: i64, date: NaiveDate) -> Self {
        DeskScreen {
            officer_id,
            date,
            desk: Desk::new(officer_id, date),
            kind: ApplicantKind::Citizen,
            service: Service::Passport(PassportService::FirstIssue),
            identity: IdentityForm::default(),
            answers: EligibilityAnswers::default(),
            medical: false,
            medical_number: String::new(),
            medical_date: String::new(),
            representative: RepresentativeForm::default(),
            field_errors: Vec::new(),
            error: None,
            capture: CapturePanel::default(),
            personal: PersonalPanel::default(),
            open_for_refingerprint: None,
        }
    }

    /// The flow (for tests and the shell).
    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    /// A capture is running on the worker.
    pub fn is_capturing(&self) -> bool {
        self.capture.is_capturing()
    }

    fn field_error(&self, l: &Localizer, lang: Lang, field: &str) -> Option<String> {
        self.field_errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| l.text(lang, e.key))
    }

    fn take(&mut self, result: Result<(), FlowError>) {
        match result {
            Ok(()) => {
                self.field_errors.clear();
                self.error = None;
            }
            Err(FlowError::Fields(errors)) => {
                self.error = Some("flow-error-fields");
                self.field_errors = errors;
            }
            Err(e) => {
                self.error = Some(e.message_key());
            }
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        // Esc in a text field only leaves the field; Esc elsewhere steps back.
        let typing = ui.ctx().text_edit_focused();
        let (l, lang) = (cx.l, cx.lang);
        let t = |key: &str| l.text(lang, key);
        ui.heading(t(match self.desk.step() {
            Step::Applicant => "ui-step-applicant",
            Step::Identity => "ui-step-identity",
            Step::Eligibility => "ui-step-eligibility",
            Step::Representation => "ui-step-representation",
            Step::Consent => "ui-step-consent",
            Step::Verification => "ui-step-verification",
            Step::Capture => "ui-step-capture",
            Step::Duplicates => "ui-step-duplicates",
            Step::PersonalData => "ui-step-personal-data",
            Step::Review => "ui-step-review",
            Step::Decision => "ui-step-decision",
            Step::Done => "ui-step-done",
        }));
        if let Some(decision) = self.desk.decision() {
            let outcome = match decision.eligibility.outcome {
                Outcome::Collect => "ui-outcome-collect",
                Outcome::Exempt => "ui-outcome-exempt",
                Outcome::NotSubject => "ui-outcome-not-subject",
            };
            let grounds: Vec<String> = decision
                .eligibility
                .paragraphs()
                .iter()
                .map(|p| p.citation())
                .collect();
            // In full while it is being decided; one line once prints are taken.
            let compact = matches!(
                self.desk.step(),
                Step::Verification
                    | Step::Capture
                    | Step::Duplicates
                    | Step::PersonalData
                    | Step::Review
                    | Step::Done
            );
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.strong(format!("{} — {}", t(outcome), grounds.join(", ")));
                if !compact {
                    ui.label(l.explain(lang, &decision.explanation()));
                }
            });
        }
        if let Some(hit) = self.desk.previous_registrations().first() {
            ui.colored_label(
                WARNING,
                format!(
                    "{} {} {}, {}",
                    t("ui-previous-registration"),
                    hit.surname,
                    hit.name,
                    hit.registered_on
                ),
            );
        }
        if let Some(id) = self.desk.refingerprint_due()
            && self.desk.step() != Step::Done
        {
            ui.horizontal(|ui| {
                ui.colored_label(WARNING, t("ui-refingerprint-due"));
                if big_button(ui, t("ui-refingerprint-now")).clicked() {
                    self.open_for_refingerprint = Some(id);
                }
            });
        }
        ui.add_space(8.0);
        match self.desk.step() {
            Step::Applicant => {
                // In training, the trainer chooses who sits at the desk.
                if cx.devices.simulator_mut().is_some() {
                    self.capture.device_ui(ui, cx);
                }
                self.applicant_ui(ui, l, lang);
            }
            Step::Identity => self.identity_ui(ui, cx.store, l, lang),
            Step::Eligibility => self.eligibility_ui(ui, l, lang),
            Step::Representation => self.representation_ui(ui, l, lang),
            Step::Consent => self.consent_ui(ui, cx.store, l, lang),
            Step::Decision => {
                let collect = self
                    .desk
                    .decision()
                    .is_some_and(|d| d.eligibility.outcome == Outcome::Collect);
                if collect {
                    if big_button(ui, t("ui-next")).clicked() {
                        let result = self.desk.continue_to_collection();
                        self.take(result);
                    }
                } else if big_button(ui, t("ui-save-decision")).clicked() {
                    let result = self.desk.confirm_no_collection(cx.store).map(|_| ());
                    self.take(result);
                }
            }
            Step::Verification => self.capture.verification_ui(ui, &mut self.desk, cx),
            Step::Capture => self.capture.capture_ui(ui, &mut self.desk, cx),
            Step::Duplicates => self.capture.duplicates_ui(ui, &mut self.desk, cx),
            Step::PersonalData => self.personal.ui(ui, &mut self.desk, cx),
            Step::Review => self.review_ui(ui, cx),
            Step::Done => self.done_ui(ui, l, lang),
        }
        let capturing = self.capture.is_capturing();
        if !matches!(self.desk.step(), Step::Applicant | Step::Done) && !capturing {
            ui.add_space(8.0);
            let escape = !typing && ui.input(|i| i.key_pressed(egui::Key::Escape));
            if big_button(ui, t("ui-back")).clicked() || escape {
                self.desk.back();
            }
        }
        if let Some(error) = self.error {
            ui.colored_label(ERROR, t(error));
        }
    }

    fn review_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let (l, lang) = (cx.l, cx.lang);
        let t = |key: &str| l.text(lang, key);
        let registration = match self.desk.review() {
            Ok(r) => r,
            Err(e) => {
                ui.colored_label(ERROR, t(e.message_key()));
                return;
            }
        };
        let (photo, signature) = self.personal.images();
        let (photo, signature) = (photo.cloned(), signature.cloned());
        ui.horizontal_top(|ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::Grid::new("review").num_columns(2).show(ui, |ui| {
                    let mut row = |label: &str, value: String| {
                        ui.label(t(label));
                        ui.label(value);
                        ui.end_row();
                    };
                    let name = registration.personal.name();
                    row(
                        "ui-full-name",
                        format!(
                            "{} {} {}",
                            name.surname,
                            name.name,
                            name.patronymic.clone().unwrap_or_default()
                        ),
                    );
                    row(
                        "ui-birth-date",
                        registration.personal.birth_date().to_string(),
                    );
                    match &registration.personal {
                        crate::model::PersonalData::Citizen(c) => {
                            row("ui-birth-place", c.birth_place.clone());
                            row("ui-citizenship", c.citizenship.clone());
                            row("ui-iin", c.iin.clone().unwrap_or_else(|| "—".into()));
                            if let Some(p) = &c.previous_passport {
                                row(
                                    "ui-previous-passport",
                                    format!(
                                        "{}, {} – {}, {}",
                                        p.number, p.issue_date, p.expiry_date, p.issuing_authority
                                    ),
                                );
                            }
                            row(
                                "ui-signature",
                                t(if c.signature.is_some() {
                                    "ui-yes"
                                } else {
                                    "ui-unable-to-sign"
                                }),
                            );
                        }
                        crate::model::PersonalData::Foreigner(f) => {
                            row(
                                "ui-citizenship",
                                f.citizenship.clone().unwrap_or_else(|| t("ui-stateless")),
                            );
                            let d = &f.identity_document;
                            row(
                                "ui-identity-document",
                                format!(
                                    "{}, {} – {}, {}",
                                    d.number, d.issue_date, d.expiry_date, d.issuing_authority
                                ),
                            );
                        }
                    }
                    row("ui-registered-on", registration.registered_on.to_string());
                    row("ui-officer", cx.officer_name.clone());
                    row(
                        "ui-basis",
                        format!(
                            "п.{}.{}",
                            registration.basis.paragraph_number, registration.basis.paragraph_sub
                        ),
                    );
                });
            });
            ui.vertical(|ui| {
                if let Some(photo) = &photo {
                    ui.add(egui::Image::from_texture(photo).max_height(180.0));
                }
                if let Some(signature) = &signature {
                    ui.add(egui::Image::from_texture(signature).max_width(240.0));
                }
            });
        });
        ui.add_space(4.0);
        if big_button(ui, t("ui-save-registration")).clicked() {
            let result = self.desk.save(cx.store).map(|_| ());
            self.take(result);
            return;
        }
        if let Some(session) = self.desk.capture().cloned() {
            self.capture.panel_ui(ui, &session, None, cx, false);
            if let Some(mark) = session.defect_mark() {
                ui.colored_label(
                    WARNING,
                    t(if mark.refingerprint_next_time() {
                        "ui-mark-temporary"
                    } else {
                        "ui-mark-permanent"
                    }),
                );
            }
        }
    }

    fn done_ui(&mut self, ui: &mut egui::Ui, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        match self.desk.completion() {
            Some(Completion::Refused { .. }) => {
                ui.label(t("ui-done-refusal"));
            }
            Some(Completion::NotCollected { .. }) => {
                ui.label(t("ui-done-not-collected"));
            }
            Some(Completion::Registered {
                refingerprint_next_time,
                ..
            }) => {
                ui.colored_label(GOOD, t("ui-done-registered"));
                if refingerprint_next_time {
                    ui.colored_label(WARNING, t("ui-mark-temporary"));
                }
            }
            Some(Completion::Verified { .. }) => {
                ui.colored_label(GOOD, t("ui-done-verified"));
                // The scores the decision rests on, against the threshold.
                if let Some(verdict) = self.desk.verdict() {
                    super::capture::verdict_ui(ui, verdict, l, lang);
                }
            }
            Some(Completion::NotVerified { .. }) => {
                ui.colored_label(ERROR, t("ui-not-verified"));
            }
            Some(Completion::Refingerprinted { .. }) => {
                ui.colored_label(GOOD, t("ui-done-refingerprinted"));
            }
            None => {
                ui.label(t("ui-step-done"));
            }
        }
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        if big_button(ui, t("ui-next-applicant")).clicked() || enter {
            *self = DeskScreen::new(self.officer_id, self.date);
        }
    }

    fn applicant_ui(&mut self, ui: &mut egui::Ui, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        ui.horizontal(|ui| {
            for (kind, key) in [
                (ApplicantKind::Citizen, "ui-citizen"),
                (ApplicantKind::Foreigner, "ui-foreigner"),
                (ApplicantKind::Stateless, "ui-stateless"),
            ] {
                if ui.selectable_label(self.kind == kind, t(key)).clicked() {
                    self.kind = kind;
                    self.service = if kind == ApplicantKind::Citizen {
                        Service::Passport(PassportService::FirstIssue)
                    } else {
                        Service::Visa(VisaApplication::PaperAtMission)
                    };
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let services: &[(Service, &str)] = if self.kind == ApplicantKind::Citizen {
                &[
                    (
                        Service::Passport(PassportService::FirstIssue),
                        "ui-service-first-issue",
                    ),
                    (
                        Service::Passport(PassportService::Restoration),
                        "ui-service-restoration",
                    ),
                    (
                        Service::Passport(PassportService::Replacement),
                        "ui-service-replacement",
                    ),
                    (
                        Service::Passport(PassportService::Other),
                        "ui-service-other",
                    ),
                ]
            } else {
                &[
                    (
                        Service::Visa(VisaApplication::PaperAtMission),
                        "ui-service-visa",
                    ),
                    (
                        Service::Visa(VisaApplication::ElectronicWithoutVisit),
                        "ui-service-e-visa",
                    ),
                ]
            };
            for (service, key) in services {
                if ui
                    .selectable_label(self.service == *service, t(key))
                    .clicked()
                {
                    self.service = *service;
                }
            }
        });
        if big_button(ui, t("ui-next")).clicked() {
            let result = self.desk.choose_applicant(self.kind, self.service);
            self.take(result);
        }
    }

    fn identity_ui(&mut self, ui: &mut egui::Ui, store: &mut Store, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        let e = |s: &Self, f: &str| s.field_error(l, lang, f);
        let (es, en, eb, ei, ed) = (
            e(self, "surname"),
            e(self, "name"),
            e(self, "birth_date"),
            e(self, "iin"),
            e(self, "document_number"),
        );
        labelled(ui, &t("ui-surname"), &mut self.identity.surname, es);
        labelled(ui, &t("ui-name"), &mut self.identity.name, en);
        labelled(ui, &t("ui-patronymic"), &mut self.identity.patronymic, None);
        labelled(ui, &t("ui-birth-date"), &mut self.identity.birth_date, eb);
        ui.horizontal(|ui| {
            ui.add_sized([340.0, 28.0], egui::Label::new(t("ui-sex")));
            for (sex, key) in [(Sex::Male, "ui-male"), (Sex::Female, "ui-female")] {
                if ui
                    .selectable_label(self.identity.sex == Some(sex), t(key))
                    .clicked()
                {
                    self.identity.sex = Some(sex);
                }
            }
        });
        if self.kind == ApplicantKind::Citizen {
            labelled(ui, &t("ui-iin"), &mut self.identity.iin, ei);
            labelled(
                ui,
                &t("ui-previous-passport"),
                &mut self.identity.document_number,
                ed,
            );
        } else {
            labelled(
                ui,
                &t("ui-identity-document"),
                &mut self.identity.document_number,
                ed,
            );
        }
        if big_button(ui, t("ui-next")).clicked() {
            let result = self.desk.set_identity(&self.identity, store);
            self.take(result);
        }
    }

    fn eligibility_ui(&mut self, ui: &mut egui::Ui, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        ui.checkbox(
            &mut self.answers.declared_incapable,
            t("ui-declared-incapable"),
        );
        ui.checkbox(
            &mut self.answers.lacks_all_fingers_or_palms,
            t("ui-lacks-fingers"),
        );
        ui.checkbox(&mut self.medical, t("ui-medical-conclusion"));
        if self.medical {
            let (en, ed) = (
                self.field_error(l, lang, "medical_conclusion.number"),
                self.field_error(l, lang, "medical_conclusion.date"),
            );
            labelled(ui, &t("ui-medical-number"), &mut self.medical_number, en);
            labelled(ui, &t("ui-medical-date"), &mut self.medical_date, ed);
        }
        if matches!(self.service, Service::Visa(_)) {
            ui.checkbox(&mut self.answers.reciprocity, t("ui-reciprocity"));
            ui.horizontal_wrapped(|ui| {
                ui.label(t("ui-category"));
                if ui
                    .selectable_label(
                        self.answers.exemption_category.is_none(),
                        t("ui-category-none"),
                    )
                    .clicked()
                {
                    self.answers.exemption_category = None;
                }
                for category in ReciprocityCategory::ALL {
                    let label = l.format(
                        lang,
                        "ui-category-name",
                        &[(
                            "category",
                            crate::regulation::MessageArg::Text(category.code().into()),
                        )],
                    );
                    if ui
                        .selectable_label(self.answers.exemption_category == Some(category), label)
                        .clicked()
                    {
                        self.answers.exemption_category = Some(category);
                    }
                }
            });
            ui.checkbox(&mut self.answers.family_member, t("ui-family-member"));
            ui.horizontal(|ui| {
                ui.label(t("ui-passport-kind"));
                for (kind, key) in [
                    (PassportKind::Ordinary, "ui-passport-ordinary"),
                    (PassportKind::Diplomatic, "ui-passport-diplomatic"),
                    (PassportKind::Service, "ui-passport-service"),
                    (
                        PassportKind::InternationalOrganisation,
                        "ui-passport-international",
                    ),
                ] {
                    if ui
                        .selectable_label(self.answers.passport_kind == kind, t(key))
                        .clicked()
                    {
                        self.answers.passport_kind = kind;
                    }
                }
            });
            if self.answers.exemption_category == Some(ReciprocityCategory::DiplomaticCourier) {
                ui.checkbox(&mut self.answers.courier_sheet, t("ui-courier-sheet"));
            }
        }
        if big_button(ui, t("ui-decide")).clicked() {
            let mut answers = self.answers.clone();
            answers.medical_conclusion = self
                .medical
                .then(|| (self.medical_number.clone(), self.medical_date.clone()));
            let result = self.desk.answer_eligibility(answers).map(|_| ());
            self.take(result);
        }
    }

    fn representation_ui(&mut self, ui: &mut egui::Ui, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        let guardian = self
            .desk
            .decision()
            .is_some_and(|d| d.requirements.contains(Requirement::Guardian));
        ui.label(t(if guardian {
            "requires-guardian"
        } else {
            "requires-legal-representative"
        }));
        let r = &mut self.representative;
        labelled(ui, &t("ui-surname"), &mut r.surname, None);
        labelled(ui, &t("ui-name"), &mut r.name, None);
        labelled(
            ui,
            &t("ui-rep-identity-number"),
            &mut r.identity_number,
            None,
        );
        labelled(
            ui,
            &t("ui-rep-authority-title"),
            &mut r.authority_title,
            None,
        );
        labelled(
            ui,
            &t("ui-rep-authority-number"),
            &mut r.authority_number,
            None,
        );
        ui.checkbox(&mut r.application_received, t("ui-rep-application"));
        if big_button(ui, t("ui-next")).clicked() {
            let form = self.representative.clone();
            let representative = Representative {
                kind: if guardian {
                    RepresentativeKind::Guardian
                } else {
                    RepresentativeKind::LegalRepresentative
                },
                name: FullName {
                    surname: form.surname,
                    name: form.name,
                    patronymic: None,
                },
                identity_document: IdentityDocument {
                    number: form.identity_number,
                    issue_date: self.date,
                    expiry_date: self.date,
                    issuing_authority: String::new(),
                },
                authority_document: AuthorityDocument {
                    title: form.authority_title,
                    number: form.authority_number,
                    issue_date: self.date,
                    issuing_authority: String::new(),
                },
                written_application: WrittenApplication {
                    received: form.application_received,
                    date: self.date,
                    number: None,
                    scan: None,
                },
            };
            let result = self.desk.provide_representative(representative);
            self.take(result);
        }
    }

    fn consent_ui(&mut self, ui: &mut egui::Ui, store: &mut Store, l: &Localizer, lang: Lang) {
        let t = |key: &str| l.text(lang, key);
        ui.horizontal(|ui| {
            if big_button(ui, t("ui-consents")).clicked() {
                let result = self.desk.record_consent(ConsentAnswer::Consents, store);
                self.take(result);
            }
            if big_button(ui, t("ui-refuses")).clicked() {
                let result = self.desk.record_consent(ConsentAnswer::Refuses, store);
                self.take(result);
            }
        });
    }
}
