//! The steps before the prints: applicant, identity, eligibility, the
//! decision, representation, consent; and the verification of п.11.

use chrono::Utc;
use eframe::egui;

use super::{DeskContext, DeskScreen, PendingChange};
use crate::enrollment::VerificationMethod;
use crate::enrollment::{ConsentAnswer, VerificationPolicy};
use crate::model::{
    ApplicantKind, PassportKind, PassportService, ReciprocityCategory, Service, Sex,
    VisaApplication,
};
use crate::regulation::{MessageArg, Outcome};
use crate::ui::capture::PanelPrimary;
use crate::ui::design::{self, Design, FieldMessage, Tone, icons};

impl DeskScreen {
    pub(super) fn applicant_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        // The scanner on the desk; in training, the trainer chooses who
        // sits at it.
        if cx.devices.scanner().is_some() {
            self.capture.device_ui(ui, cx);
        }
        let mut kind = Some(self.kind);
        let kinds = [
            (ApplicantKind::Citizen, cx.t("ui-citizen")),
            (ApplicantKind::Foreigner, cx.t("ui-foreigner")),
            (ApplicantKind::Stateless, cx.t("ui-stateless")),
        ];
        if design::choice_row(
            ui,
            &cx.t("ui-applicant-kind"),
            &mut kind,
            &kinds,
            None,
            Some("п.3"),
        ) && let Some(kind) = kind
        {
            self.kind = kind;
            self.service = if kind == ApplicantKind::Citizen {
                Service::Passport(PassportService::FirstIssue)
            } else {
                Service::Visa(VisaApplication::PaperAtMission)
            };
        }
        let services: Vec<(Service, String)> = if self.kind == ApplicantKind::Citizen {
            vec![
                (
                    Service::Passport(PassportService::FirstIssue),
                    cx.t("ui-service-first-issue"),
                ),
                (
                    Service::Passport(PassportService::Restoration),
                    cx.t("ui-service-restoration"),
                ),
                (
                    Service::Passport(PassportService::Replacement),
                    cx.t("ui-service-replacement"),
                ),
                (
                    Service::Passport(PassportService::Other),
                    cx.t("ui-service-other"),
                ),
            ]
        } else {
            vec![
                (
                    Service::Visa(VisaApplication::PaperAtMission),
                    cx.t("ui-service-visa"),
                ),
                (
                    Service::Visa(VisaApplication::ElectronicWithoutVisit),
                    cx.t("ui-service-e-visa"),
                ),
            ]
        };
        let mut service = Some(self.service);
        if design::choice_row(ui, &cx.t("ui-service"), &mut service, &services, None, None)
            && let Some(service) = service
        {
            self.service = service;
        }
        ui.add_space(Design::of(ui.ctx()).sizes.gap);
        if self.primary("ui-next", Some(icons::NEXT), &cx.t("ui-next")) {
            // The application date is the day the case starts.
            let _ = self.desk.set_application_date(cx.today);
            let discards = self.desk.applicant_change_discards(self.kind, self.service);
            if discards.is_empty() {
                let result = self.desk.choose_applicant(self.kind, self.service);
                self.take(result);
            } else {
                self.pending = Some((PendingChange::Applicant, discards));
            }
        }
    }

    pub(super) fn identity_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let Some((kind, service)) = self.desk.applicant() else {
            return;
        };
        // Once the officer tried to go on, the messages follow his typing.
        if self.attempted {
            self.field_errors = self
                .identity
                .validate_for(kind, service, self.desk.application_date())
                .err()
                .unwrap_or_default();
            if self.field_errors.is_empty() {
                self.error = None;
            }
        }
        let messages = IdentityMessages::of(|field| self.message(cx, field));
        // The previous passport is asked for only when the Rules need it.
        let document_hint =
            (!self.desk.previous_passport_required()).then(|| cx.t("ui-previous-passport-if-any"));
        identity_rows(ui, cx, &mut self.identity, kind, messages, document_hint);
        ui.add_space(Design::of(ui.ctx()).sizes.gap);
        if self.primary("ui-look-up", Some(icons::SEARCH), &cx.t("ui-look-up")) {
            let discards = self.desk.identity_change_discards(&self.identity);
            if discards.is_empty() {
                let result = self.desk.set_identity(&self.identity, cx.office);
                self.take(result);
                self.follow_epoch();
            } else {
                self.pending = Some((PendingChange::Identity, discards));
            }
        }
    }

    pub(super) fn eligibility_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let visa = matches!(self.desk.applicant(), Some((_, Service::Visa(_))));
        design::check_row(
            ui,
            &mut self.answers.declared_incapable,
            &cx.t("ui-declared-incapable"),
            Some("п.9"),
        );
        design::check_row(
            ui,
            &mut self.answers.lacks_all_fingers_or_palms,
            &cx.t("ui-lacks-fingers"),
            Some("п.4.4"),
        );
        design::check_row(
            ui,
            &mut self.medical,
            &cx.t("ui-medical-conclusion"),
            Some("п.4.3"),
        );
        if self.medical {
            self.medical_rows(ui, cx);
        }
        if visa {
            self.reciprocity_ui(ui, cx);
        }
        ui.add_space(Design::of(ui.ctx()).sizes.gap);
        if self.primary("ui-decide", Some(icons::NEXT), &cx.t("ui-decide")) {
            let answers = self.current_answers();
            let discards = self.desk.answers_change_discards(&answers);
            if discards.is_empty() {
                let result = self.desk.answer_eligibility(answers).map(|_| ());
                self.take(result);
            } else {
                self.pending = Some((PendingChange::Eligibility, discards));
            }
        }
    }

    /// The reciprocity answers of a visa applicant (п.4.2).
    fn reciprocity_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        design::section(ui, &cx.t("ui-reciprocity-section"), |ui| {
            design::check_row(
                ui,
                &mut self.answers.reciprocity,
                &cx.t("ui-reciprocity"),
                Some("п.4.2"),
            );
            let mut categories: Vec<(Option<ReciprocityCategory>, String)> =
                vec![(None, cx.t("ui-category-none"))];
            for category in ReciprocityCategory::ALL {
                categories.push((
                    Some(category),
                    cx.tf(
                        "ui-category-name",
                        &[("category", MessageArg::Text(category.code().into()))],
                    ),
                ));
            }
            let mut chosen = Some(self.answers.exemption_category);
            if design::choice_row(
                ui,
                &cx.t("ui-category"),
                &mut chosen,
                &categories,
                None,
                None,
            ) && let Some(chosen) = chosen
            {
                self.answers.exemption_category = chosen;
            }
            design::check_row(
                ui,
                &mut self.answers.family_member,
                &cx.t("ui-family-member"),
                None,
            );
            let kinds = [
                (PassportKind::Ordinary, cx.t("ui-passport-ordinary")),
                (PassportKind::Diplomatic, cx.t("ui-passport-diplomatic")),
                (PassportKind::Service, cx.t("ui-passport-service")),
                (
                    PassportKind::InternationalOrganisation,
                    cx.t("ui-passport-international"),
                ),
            ];
            let mut kind = Some(self.answers.passport_kind);
            if design::choice_row(ui, &cx.t("ui-passport-kind"), &mut kind, &kinds, None, None)
                && let Some(kind) = kind
            {
                self.answers.passport_kind = kind;
            }
            if self.answers.exemption_category == Some(ReciprocityCategory::DiplomaticCourier) {
                design::check_row(
                    ui,
                    &mut self.answers.courier_sheet,
                    &cx.t("ui-courier-sheet"),
                    None,
                );
            }
        });
    }

    /// The medical conclusion's number and date (п.4.3).
    fn medical_rows(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        let (en, ed) = (
            self.message(cx, "medical_conclusion.number"),
            self.message(cx, "medical_conclusion.date"),
        );
        design::text_row(
            ui,
            &cx.t("ui-medical-number"),
            &mut self.medical_number,
            en.as_ref(),
            None,
            None,
        );
        design::text_row(
            ui,
            &cx.t("ui-medical-date"),
            &mut self.medical_date,
            ed.as_ref(),
            None,
            Some(cx.lang.date_hint()),
        );
    }

    /// The decision of п.3–п.4, large, with its paragraphs and the reasons
    /// (a refused exemption is explained here), before anything is saved
    /// or collected.
    pub(super) fn decision_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let Some(decision) = self.desk.decision().cloned() else {
            return;
        };
        let (tone, sentence) = match decision.eligibility.outcome {
            Outcome::Collect => (Tone::Info, cx.t("ui-verdict-collect")),
            Outcome::Exempt => (Tone::Warning, cx.t("ui-verdict-exempt")),
            Outcome::NotSubject => (Tone::Warning, cx.t("ui-verdict-not-subject")),
        };
        let paragraphs: Vec<String> = decision
            .eligibility
            .paragraphs()
            .iter()
            .map(|p| p.citation())
            .collect();
        let detail = cx.l.explain(cx.lang, &decision.explanation());
        design::verdict(
            ui,
            tone,
            &sentence,
            Some(&paragraphs.join(", ")),
            Some(&detail),
        );
        ui.add_space(Design::of(ui.ctx()).sizes.group_gap);
        if decision.eligibility.outcome == Outcome::Collect {
            if self.primary("ui-continue", Some(icons::NEXT), &cx.t("ui-continue")) {
                let result = self.desk.continue_to_collection();
                self.take(result);
            }
        } else if self.primary(
            "ui-save-decision",
            Some(icons::SAVE),
            &cx.t("ui-save-decision"),
        ) {
            let result = self.desk.confirm_no_collection(cx.office).map(|_| ());
            self.take(result);
        }
    }

    pub(super) fn representation_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let Some(kind) = self.desk.representative_needed() else {
            return;
        };
        let guardian = kind == crate::model::RepresentativeKind::Guardian;
        design::note(
            ui,
            Tone::Info,
            &cx.t(if guardian {
                "requires-guardian"
            } else {
                "requires-legal-representative"
            }),
        );
        if self.attempted {
            self.field_errors = self
                .representative
                .validate(kind, self.desk.application_date())
                .err()
                .unwrap_or_default();
            if self.field_errors.is_empty() {
                self.error = None;
            }
        }
        let paragraph = if guardian { "п.9" } else { "п.8" };
        let m = |s: &Self, f: &str| s.message(cx, f);
        let messages: Vec<Option<FieldMessage>> = [
            "rep_surname",
            "rep_name",
            "rep_identity_number",
            "rep_identity_issue_date",
            "rep_identity_expiry_date",
            "rep_identity_authority",
            "rep_authority_title",
            "rep_authority_number",
            "rep_authority_issue_date",
            "rep_authority_issuer",
            "rep_application",
        ]
        .iter()
        .map(|f| m(self, f))
        .collect();
        let mut print_application = false;
        // The paper signed is the one printed: a field changed since asks
        // for a new print before the application can count as received.
        if self.representative.printed_form.is_some()
            && self.printed_for.as_ref() != Some(&comparable(&self.representative))
        {
            self.representative.printed_form = None;
        }
        let r = &mut self.representative;
        // Two columns: the person and his identity document; the document of
        // his authority and the written application. The whole step fits
        // the screen with its action under it.
        ui.columns(2, |columns| {
            representative_person_ui(&mut columns[0], r, &messages, paragraph, cx);
            print_application =
                representative_authority_ui(&mut columns[1], r, &messages, guardian, paragraph, cx);
        });
        if print_application {
            self.print_application(cx, kind);
        }
        self.printed_ui(ui, cx);
        ui.add_space(Design::of(ui.ctx()).sizes.gap);
        if self.primary("ui-next", Some(icons::NEXT), &cx.t("ui-next")) {
            match self
                .representative
                .validate(kind, self.desk.application_date())
            {
                Ok(representative) => {
                    let result = self.desk.provide_representative(representative);
                    self.take(result);
                }
                Err(errors) => self.take(Err(crate::enrollment::FlowError::Fields(errors))),
            }
        }
    }

    /// The Annex-1 application from the fields typed (all but the
    /// receipt, which comes after the signature), in the mission's
    /// documents language; the version printed is kept with the case.
    fn print_application(
        &mut self,
        cx: &mut DeskContext<'_>,
        kind: crate::model::RepresentativeKind,
    ) {
        let mut form = self.representative.clone();
        form.application_received = true;
        let representative = match form.validate(kind, self.desk.application_date()) {
            Ok(representative) => representative,
            Err(errors) => {
                self.take(Err(crate::enrollment::FlowError::Fields(errors)));
                return;
            }
        };
        let Some(identity) = self.desk.identity() else {
            return;
        };
        let subject = crate::documents::annex1::Subject {
            name: identity.name.clone(),
            birth_date: identity.birth_date,
        };
        let made = cx
            .office
            .documents_language()
            .and_then(|lang| Ok((lang, cx.office.mission()?)))
            .map_err(crate::documents::DocumentError::from)
            .and_then(|(lang, mission)| {
                crate::documents::annex1::application(
                    cx.l,
                    lang,
                    &mission,
                    &representative,
                    &subject,
                    self.desk.application_date(),
                )
            });
        let version = made.as_ref().ok().map(|(_, version)| version.clone());
        // Two applications the same day never share a file name.
        let number = format!(
            "{}-{}",
            version.clone().unwrap_or_default(),
            chrono::Local::now().format("%H%M%S")
        );
        if self.deliver_document(cx, "application", &number, made.map(|(pdf, _)| pdf)) {
            self.representative.printed_form = version;
            self.printed_for = Some(comparable(&self.representative));
        }
    }

    pub(super) fn consent_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let child = self.desk.representative_needed()
            == Some(crate::model::RepresentativeKind::LegalRepresentative);
        design::verdict(
            ui,
            Tone::Info,
            &cx.t(if child {
                "ui-consent-question-child"
            } else {
                "ui-consent-question"
            }),
            Some("п.5"),
            Some(&cx.t("ui-consent-oral")),
        );
        if self.other(
            "ui-refuses",
            design::Emphasis::Danger,
            Some(icons::BLOCKED),
            &cx.t("ui-refuses"),
        ) {
            let result = self.desk.record_consent(ConsentAnswer::Refuses, cx.office);
            self.take(result);
        }
        if self.primary("ui-consents", Some(icons::DONE), &cx.t("ui-consents")) {
            let result = self.desk.record_consent(ConsentAnswer::Consents, cx.office);
            self.take(result);
        }
    }

    /// п.11: fingers or palms compared with the record, or identity by the
    /// documents; the verdict in words and colour with every position's
    /// score; after a failure, the officer's ways on.
    pub(super) fn verification_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let d = Design::of(ui.ctx());
        match self.desk.verification_method() {
            Some(VerificationMethod::Documents) => {
                design::note(ui, Tone::Info, &cx.t("ui-verify-by-documents"));
                let message = self.message(cx, "document_seen");
                design::text_row(
                    ui,
                    &cx.t("ui-document-seen"),
                    &mut self.document_seen,
                    message.as_ref(),
                    Some("п.11"),
                    None,
                );
                if self.primary(
                    "ui-identity-confirmed",
                    Some(icons::VERIFIED),
                    &cx.t("ui-identity-confirmed"),
                ) {
                    let result =
                        self.desk
                            .confirm_by_documents(cx.office, &self.document_seen, Utc::now());
                    self.take(result);
                }
                return;
            }
            Some(VerificationMethod::Palms) => {
                design::note(ui, Tone::Info, &cx.t("ui-verify-by-palms"));
            }
            _ => {}
        }
        if self.desk.verified() == Some(false) {
            self.failed_verification_ui(ui, cx);
            return;
        }
        let Ok(session) = self.desk.start_verification(&VerificationPolicy::default()) else {
            design::note(
                ui,
                Tone::Danger,
                &cx.t("flow-error-verification-unfinished"),
            );
            return;
        };
        let (finished, primary) = self
            .capture
            .verification_session_ui_with(ui, session, cx, false);
        // The panel's Scan is the step's primary, in the bar (Enter).
        if primary == PanelPrimary::Scan
            && self.primary("ui-capture", Some(icons::FINGERPRINT), &cx.t("ui-capture"))
        {
            self.capture.trigger(primary);
        }
        if finished {
            match self.desk.finish_verification(cx.office, Utc::now()) {
                Ok(_) => self.error = None,
                Err(e) => self.error = Some(e.message_key()),
            }
        }
        if let Some(verdict) = self.desk.verdict() {
            ui.add_space(d.sizes.gap);
            crate::ui::capture::verdict_banner(ui, verdict, cx);
        }
    }

    fn failed_verification_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let d = Design::of(ui.ctx());
        if let Some(verdict) = self.desk.verdict() {
            crate::ui::capture::verdict_banner(ui, verdict, cx);
        }
        ui.add_space(d.sizes.group_gap);
        design::heading(ui, &cx.t("ui-after-failure"));
        let local = self.desk.enrolled_registration().is_some();
        if local {
            design::weak(ui, &cx.t("ui-after-failure-refingerprint"));
        }
        design::weak(ui, &cx.t("ui-after-failure-another"));
        if let Some((login, password, choice)) = self.capture.supervisor_choice_ui(ui, cx, local) {
            let result = match choice {
                crate::ui::capture::AfterFailure::Refingerprint => self
                    .desk
                    .refingerprint_after_failure(cx.office, &login, &password, Utc::now()),
                crate::ui::capture::AfterFailure::AnotherPerson => self
                    .desk
                    .enrol_as_another_person(cx.office, &login, &password, Utc::now()),
            };
            self.take(result);
        }
        if self.other(
            "ui-close-not-verified",
            design::Emphasis::Danger,
            Some(icons::CANCEL),
            &cx.t("ui-close-not-verified"),
        ) {
            let result = self.desk.close_not_verified();
            self.take(result);
        }
    }
}

/// The representative's fields as printed on the application: what the
/// paper says, without the tick that it came back signed.
fn comparable(
    form: &crate::enrollment::RepresentativeForm,
) -> crate::enrollment::RepresentativeForm {
    crate::enrollment::RepresentativeForm {
        application_received: false,
        printed_form: None,
        ..form.clone()
    }
}

/// The messages of the identity rows, by field.
pub(crate) struct IdentityMessages {
    surname: Option<FieldMessage>,
    name: Option<FieldMessage>,
    birth_date: Option<FieldMessage>,
    sex: Option<FieldMessage>,
    iin: Option<FieldMessage>,
    document: Option<FieldMessage>,
}

impl IdentityMessages {
    pub(crate) fn of(message: impl Fn(&str) -> Option<FieldMessage>) -> Self {
        IdentityMessages {
            surname: message("surname"),
            name: message("name"),
            birth_date: message("birth_date"),
            sex: message("sex"),
            iin: message("iin"),
            document: message("document_number"),
        }
    }
}

/// The identity of п.7 as typed: the names, the birth date and sex, then
/// the IIN and previous passport of a citizen (п.7.1) or the identity
/// document of a foreigner (п.7.2); `document_hint` under the document
/// when it has no message. The desk's identity step and a record's
/// correction both draw it.
pub(crate) fn identity_rows(
    ui: &mut egui::Ui,
    cx: &DeskContext<'_>,
    identity: &mut crate::enrollment::IdentityForm,
    kind: ApplicantKind,
    messages: IdentityMessages,
    document_hint: Option<String>,
) {
    let p7 = if kind == ApplicantKind::Citizen {
        "п.7.1"
    } else {
        "п.7.2"
    };
    design::text_row(
        ui,
        &cx.t("ui-surname"),
        &mut identity.surname,
        messages.surname.as_ref(),
        Some(p7),
        None,
    );
    design::text_row(
        ui,
        &cx.t("ui-name"),
        &mut identity.name,
        messages.name.as_ref(),
        None,
        None,
    );
    design::text_row(
        ui,
        &cx.t("ui-patronymic"),
        &mut identity.patronymic,
        None,
        None,
        None,
    );
    design::text_row(
        ui,
        &cx.t("ui-birth-date"),
        &mut identity.birth_date,
        messages.birth_date.as_ref(),
        None,
        Some(cx.lang.date_hint()),
    );
    let sexes = [
        (Sex::Male, cx.t("ui-male")),
        (Sex::Female, cx.t("ui-female")),
    ];
    design::choice_row(
        ui,
        &cx.t("ui-sex"),
        &mut identity.sex,
        &sexes,
        messages.sex.as_ref(),
        None,
    );
    let document = messages.document.or(document_hint.map(FieldMessage::Hint));
    if kind == ApplicantKind::Citizen {
        design::text_row(
            ui,
            &cx.t("ui-iin"),
            &mut identity.iin,
            messages.iin.as_ref(),
            None,
            None,
        );
        design::text_row(
            ui,
            &cx.t("ui-previous-passport"),
            &mut identity.document_number,
            document.as_ref(),
            Some(p7),
            None,
        );
    } else {
        design::text_row(
            ui,
            &cx.t("ui-identity-document"),
            &mut identity.document_number,
            document.as_ref(),
            Some(p7),
            None,
        );
    }
}

/// The representative and his identity document (п.8, п.9).
fn representative_person_ui(
    ui: &mut egui::Ui,
    r: &mut crate::enrollment::RepresentativeForm,
    messages: &[Option<FieldMessage>],
    paragraph: &str,
    cx: &DeskContext<'_>,
) {
    let hint = cx.lang.date_hint();
    design::text_row(
        ui,
        &cx.t("ui-surname"),
        &mut r.surname,
        messages[0].as_ref(),
        Some(paragraph),
        None,
    );
    design::text_row(
        ui,
        &cx.t("ui-name"),
        &mut r.name,
        messages[1].as_ref(),
        None,
        None,
    );
    design::text_row(
        ui,
        &cx.t("ui-patronymic"),
        &mut r.patronymic,
        None,
        None,
        None,
    );
    design::section(ui, &cx.t("ui-rep-identity"), |ui| {
        design::text_row(
            ui,
            &cx.t("ui-document-number"),
            &mut r.identity_number,
            messages[2].as_ref(),
            None,
            None,
        );
        design::text_row(
            ui,
            &cx.t("ui-issue-date"),
            &mut r.identity_issue_date,
            messages[3].as_ref(),
            None,
            Some(hint),
        );
        design::text_row(
            ui,
            &cx.t("ui-expiry-date"),
            &mut r.identity_expiry_date,
            messages[4].as_ref(),
            None,
            Some(hint),
        );
        design::text_row(
            ui,
            &cx.t("ui-issuing-authority"),
            &mut r.identity_authority,
            messages[5].as_ref(),
            None,
            None,
        );
    });
}

/// The document of his authority and the written application, printed
/// from what is typed and ticked once signed; `true` when the officer asks
/// for the print.
fn representative_authority_ui(
    ui: &mut egui::Ui,
    r: &mut crate::enrollment::RepresentativeForm,
    messages: &[Option<FieldMessage>],
    guardian: bool,
    paragraph: &str,
    cx: &DeskContext<'_>,
) -> bool {
    let hint = cx.lang.date_hint();
    let mut print_application = false;
    design::section(
        ui,
        &cx.t(if guardian {
            "ui-rep-guardianship-document"
        } else {
            "ui-rep-authority-document"
        }),
        |ui| {
            design::text_row(
                ui,
                &cx.t("ui-rep-authority-title"),
                &mut r.authority_title,
                messages[6].as_ref(),
                None,
                None,
            );
            design::text_row(
                ui,
                &cx.t("ui-document-number"),
                &mut r.authority_number,
                messages[7].as_ref(),
                None,
                None,
            );
            design::text_row(
                ui,
                &cx.t("ui-issue-date"),
                &mut r.authority_issue_date,
                messages[8].as_ref(),
                None,
                Some(hint),
            );
            design::text_row(
                ui,
                &cx.t("ui-issued-by"),
                &mut r.authority_issuer,
                messages[9].as_ref(),
                None,
                None,
            );
        },
    );
    design::section(ui, &cx.t("ui-rep-application-title"), |ui| {
        // The application is printed from what is typed here, signed
        // on paper, and only then ticked as received (п.8, п.9).
        if design::secondary(ui, Some(icons::PRINT), &cx.t("ui-rep-print-application")).clicked() {
            print_application = true;
        }
        if r.printed_form.is_none() {
            r.application_received = false;
            design::weak(ui, &cx.t("ui-rep-print-first"));
        }
        ui.add_enabled_ui(r.printed_form.is_some(), |ui| {
            design::check_row(
                ui,
                &mut r.application_received,
                &cx.t("ui-rep-application"),
                Some(paragraph),
            );
        });
        if let Some(version) = &r.printed_form {
            design::weak(
                ui,
                &cx.tf(
                    "ui-rep-printed-form",
                    &[("version", MessageArg::Text(version.clone()))],
                ),
            );
        }
        if let Some(FieldMessage::Error(e)) = &messages[10] {
            design::note(ui, Tone::Danger, e);
        }
    });
    print_application
}
