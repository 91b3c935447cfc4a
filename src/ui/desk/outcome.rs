//! The steps that end a case: the capture (with the п.4.4 turn), the
//! review of everything that will be saved, and Done.

use eframe::egui;

use super::{DeskContext, DeskScreen};
use crate::enrollment::{Completion, ConsentAnswer, Purpose};
use crate::model::{
    BiometricRecord, IdentityDocument, PersonalData, Position, Registry, Representative,
    RepresentativeKind, country_message_key,
};
use crate::regulation::MessageArg;
use crate::ui::capture::PanelPrimary;
use crate::ui::design::{self, Design, FieldMessage, Tone, icons};
use crate::ui::widgets::position_key;

/// A citizenship code as the screen shows it: the state's name in the
/// officer's language, or the stored text when it is not a code.
pub(crate) fn citizenship_name(cx: &DeskContext<'_>, value: &str) -> String {
    match country_message_key(value) {
        Some(key) => cx.t(&key),
        None => value.to_string(),
    }
}

fn document_text(cx: &DeskContext<'_>, d: &IdentityDocument) -> String {
    format!(
        "{} · {} – {} · {}",
        d.number,
        cx.lang.date(d.issue_date),
        cx.lang.date(d.expiry_date),
        d.issuing_authority
    )
}

impl DeskScreen {
    pub(super) fn capture_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        if self.desk.purpose() != Purpose::Enrol {
            design::note(ui, Tone::Info, &cx.t("ui-refingerprint-capture"));
        }
        // All ten fingers missing, or both palms: the legal exemption of
        // п.4.4, not a capture result.
        let lacks = self
            .desk
            .capture()
            .is_some_and(|c| c.lacks_all_fingers_or_palms());
        if lacks && self.desk.purpose() == Purpose::Enrol {
            design::verdict(
                ui,
                Tone::Warning,
                &cx.t("ui-lacks-all-verdict"),
                Some("п.4.4"),
                Some(&cx.t("ui-lacks-all-detail")),
            );
            ui.add_space(Design::of(ui.ctx()).sizes.gap);
            if self.primary(
                "ui-record-exemption",
                Some(icons::NEXT),
                &cx.t("ui-record-exemption"),
            ) {
                let result = self.desk.finish_capture(cx.office);
                self.take(result);
            }
        }
        let exemption = lacks && self.desk.purpose() == Purpose::Enrol;
        self.capture.set_exemption(exemption);
        let primary = self.capture.capture_ui(ui, &mut self.desk, cx);
        // The panel's next action is the step's primary, in the bar.
        let chosen = match primary {
            // The exemption's own primary was declared above.
            _ if exemption => false,
            PanelPrimary::Scan => {
                self.primary("ui-capture", Some(icons::FINGERPRINT), &cx.t("ui-capture"))
            }
            PanelPrimary::Continue => {
                self.primary("ui-continue", Some(icons::NEXT), &cx.t("ui-continue"))
            }
            PanelPrimary::None => false,
        };
        if chosen {
            self.capture.trigger(primary);
        }
    }

    /// п.7: the fields of the registry concerned, then on to the review.
    pub(super) fn personal_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let (Some((kind, service)), Some(identity)) =
            (self.desk.applicant(), self.desk.identity().cloned())
        else {
            return;
        };
        let date = self.desk.application_date();
        let errors = self
            .personal
            .form
            .validate_for(kind, service, &identity, date)
            .err()
            .unwrap_or_default();
        self.personal.recheck(errors);
        let previous_passport = identity.document_number.is_some();
        self.personal.fields_ui(ui, cx, kind, previous_passport);
        if self.primary("ui-to-review", Some(icons::NEXT), &cx.t("ui-to-review")) {
            match self.desk.set_personal_data(&self.personal.form) {
                Ok(()) => {
                    self.personal.set_errors(Vec::new());
                    self.error = None;
                }
                Err(crate::enrollment::FlowError::Fields(errors)) => {
                    self.personal.set_errors(errors);
                    self.error = Some("flow-error-fields");
                }
                Err(e) => self.error = Some(e.message_key()),
            }
        }
    }

    pub(super) fn review_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let d = Design::of(ui.ctx());
        if let Purpose::Refingerprint(id) = self.desk.purpose() {
            self.refingerprint_review_ui(ui, cx, id);
            return;
        }
        let registration = match self.desk.review() {
            Ok(r) => r,
            Err(e) => {
                design::note(ui, Tone::Danger, &cx.t(e.message_key()));
                return;
            }
        };
        if self.primary(
            "ui-save-registration",
            Some(icons::SAVE),
            &cx.t("ui-save-registration"),
        ) {
            let result = self.desk.save(cx.office).map(|_| ());
            self.take(result);
            return;
        }
        ui.add_space(d.sizes.gap);
        let (photo, signature) = self.personal.images();
        let (photo, signature) = (photo.cloned(), signature.cloned());
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                let sizes = Design::of(ui.ctx()).sizes;
                ui.set_width(
                    (ui.available_width() - sizes.photo_large - sizes.section_gap)
                        .max(sizes.field_width),
                );
                design::card(ui, |ui| {
                    self.personal_facts(ui, cx, &registration.personal);
                    let registry = match registration.personal.registry() {
                        Registry::Citizen => cx.t("ui-registry-citizens"),
                        Registry::Foreigner => cx.t("ui-registry-foreigners"),
                    };
                    design::fact(ui, &cx.t("ui-registry"), &registry);
                    super::registration_facts(
                        ui,
                        cx,
                        registration.registered_on,
                        &registration.basis,
                        &cx.officer_name,
                    );
                    if let Some(consent) = self.desk.consent() {
                        design::fact(
                            ui,
                            &cx.t("ui-consent"),
                            &cx.t(match consent {
                                ConsentAnswer::Consents => "ui-consent-given",
                                ConsentAnswer::Refuses => "ui-refuses",
                            }),
                        );
                    }
                });
                if let Some(rep) = &registration.representative {
                    ui.add_space(d.sizes.gap);
                    design::card(ui, |ui| representative_facts(ui, cx, rep));
                }
                ui.add_space(d.sizes.gap);
                design::card(ui, |ui| {
                    biometric_facts(ui, cx, &registration.biometrics);
                    if let Some(mark) = registration.defect_mark {
                        design::fact(
                            ui,
                            &cx.t("ui-defect-mark"),
                            &cx.t(if mark.refingerprint_next_time() {
                                "ui-mark-temporary"
                            } else {
                                "ui-mark-permanent"
                            }),
                        );
                    }
                });
            });
            ui.vertical(|ui| photo_and_signature(ui, cx, photo.as_ref(), signature.as_ref()));
        });
        if let Some(session) = self.desk.capture().cloned() {
            ui.add_space(d.sizes.gap);
            self.capture.panel_ui(ui, &session, None, cx, false);
        }
    }

    /// The review of a re-fingerprinting: the reason (п.13), the save, the
    /// prints taken.
    fn refingerprint_review_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut DeskContext<'_>,
        id: crate::enrollment::RegistrationId,
    ) {
        design::note(
            ui,
            Tone::Info,
            &cx.tf(
                "ui-review-refingerprint",
                &[("number", MessageArg::Text(id.to_string()))],
            ),
        );
        let message = self.message(cx, "reason");
        design::text_row(
            ui,
            &cx.t("ui-refingerprint-reason"),
            &mut self.refingerprint_reason,
            message.as_ref().or(Some(&FieldMessage::Hint(
                cx.t("ui-refingerprint-reason-hint"),
            ))),
            Some("п.13"),
            None,
        );
        if self.primary(
            "ui-save-refingerprint",
            Some(icons::SAVE),
            &cx.t("ui-save-refingerprint"),
        ) {
            let result = self
                .desk
                .save_with_reason(cx.office, &self.refingerprint_reason)
                .map(|_| ());
            self.take(result);
        }
        if let Some(session) = self.desk.capture().cloned() {
            self.capture.panel_ui(ui, &session, None, cx, false);
        }
    }

    fn personal_facts(&self, ui: &mut egui::Ui, cx: &DeskContext<'_>, personal: &PersonalData) {
        let name = personal.name();
        design::fact(ui, &cx.t("ui-surname"), &name.surname);
        design::fact(ui, &cx.t("ui-name"), &name.name);
        if let Some(patronymic) = &name.patronymic {
            design::fact(ui, &cx.t("ui-patronymic"), patronymic);
        }
        design::fact(
            ui,
            &cx.t("ui-birth-date"),
            &cx.lang.date(personal.birth_date()),
        );
        let sex = |s: crate::model::Sex| {
            cx.t(match s {
                crate::model::Sex::Male => "ui-male",
                crate::model::Sex::Female => "ui-female",
            })
        };
        match personal {
            PersonalData::Citizen(c) => {
                design::fact(ui, &cx.t("ui-sex"), &sex(c.sex));
                design::fact(ui, &cx.t("ui-birth-place"), &c.birth_place);
                if let Some(ethnicity) = &c.ethnicity {
                    design::fact(ui, &cx.t("ui-ethnicity"), ethnicity);
                }
                design::fact(
                    ui,
                    &cx.t("ui-citizenship"),
                    &citizenship_name(cx, &c.citizenship),
                );
                design::fact(ui, &cx.t("ui-iin"), c.iin.as_deref().unwrap_or("—"));
                match &c.previous_passport {
                    Some(p) => {
                        design::fact(ui, &cx.t("ui-previous-passport"), &document_text(cx, p))
                    }
                    None => design::fact(ui, &cx.t("ui-previous-passport"), &cx.t("ui-none")),
                }
                design::fact(
                    ui,
                    &cx.t("ui-signature"),
                    &cx.t(if c.signature.is_some() {
                        "ui-signature-taken"
                    } else {
                        "ui-unable-to-sign"
                    }),
                );
                design::fact(
                    ui,
                    &cx.t("ui-photo"),
                    &cx.t(if c.photo.is_some() {
                        "ui-photo-present"
                    } else {
                        "ui-none"
                    }),
                );
            }
            PersonalData::Foreigner(f) => {
                design::fact(ui, &cx.t("ui-sex"), &sex(f.sex));
                design::fact(
                    ui,
                    &cx.t("ui-citizenship"),
                    &f.citizenship
                        .as_deref()
                        .map(|c| citizenship_name(cx, c))
                        .unwrap_or_else(|| cx.t("ui-stateless")),
                );
                design::fact(
                    ui,
                    &cx.t("ui-identity-document"),
                    &document_text(cx, &f.identity_document),
                );
                design::fact(
                    ui,
                    &cx.t("ui-photo"),
                    &cx.t(if f.photo.is_some() {
                        "ui-photo-present"
                    } else {
                        "ui-none"
                    }),
                );
            }
        }
    }

    pub(super) fn done_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let d = Design::of(ui.ctx());
        let refingerprinting = match self.desk.completion() {
            Some(Completion::Verified { .. }) => self.verified_ui(ui, cx),
            Some(completion) => {
                completion_banner(ui, cx, completion);
                false
            }
            None => false,
        };
        if refingerprinting {
            return;
        }
        // The applicant's receipt (what was collected, or the decision).
        let receipt_for = match self.desk.completion() {
            Some(Completion::Registered { id, .. })
            | Some(Completion::Refingerprinted { id, .. }) => Some(Ok(id)),
            Some(Completion::NotCollected { registry, id, .. }) => Some(Err((registry, id))),
            _ => None,
        };
        if let Some(of) = receipt_for {
            ui.add_space(d.sizes.gap);
            if self.other(
                "ui-print-receipt",
                design::Emphasis::Secondary,
                Some(icons::PRINT),
                &cx.t("ui-print-receipt"),
            ) {
                self.print_receipt(cx, of);
            }
            self.printed_ui(ui, cx);
        }
        ui.add_space(d.sizes.group_gap);
        if self.primary(
            "ui-next-applicant",
            Some(icons::PERSON),
            &cx.t("ui-next-applicant"),
        ) {
            self.cancel(cx.today);
        }
    }

    /// The verdict of a verification (п.11), and for a person registered
    /// here the re-fingerprinting it may lead to; `true` once that began.
    fn verified_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) -> bool {
        let d = Design::of(ui.ctx());
        match self.desk.verdict() {
            Some(verdict) => crate::ui::capture::verdict_banner(ui, verdict, cx),
            None => {
                design::verdict(
                    ui,
                    Tone::Success,
                    &cx.t("ui-verified-by-documents"),
                    Some("п.11"),
                    None,
                );
            }
        }
        if self.desk.enrolled_registration().is_some() {
            ui.add_space(d.sizes.gap);
            if self.desk.refingerprint_due().is_some() {
                design::note(ui, Tone::Warning, &cx.t("ui-refingerprint-due"));
            }
            if self.other(
                "ui-refingerprint-now",
                design::Emphasis::Secondary,
                Some(icons::FINGERPRINT),
                &cx.t("ui-refingerprint-now"),
            ) {
                let result = self.desk.refingerprint_verified();
                self.take(result);
                return true;
            }
        }
        false
    }

    /// The receipt in the mission's documents language, printed or kept.
    fn print_receipt(
        &mut self,
        cx: &mut DeskContext<'_>,
        of: Result<crate::enrollment::RegistrationId, (Registry, i64)>,
    ) {
        use crate::documents::receipt::{ReceiptOf, receipt};
        let officer = self.desk.officer_id();
        let made = (|| -> Result<(Vec<u8>, String), crate::documents::DocumentError> {
            let lang = cx.office.documents_language()?;
            let mission = cx.office.mission()?;
            match of {
                Ok(id) => {
                    let registration = cx.office.load_registration(officer, id)?;
                    Ok((
                        receipt(cx.l, lang, &mission, ReceiptOf::Registration(&registration))?,
                        id.to_string(),
                    ))
                }
                Err((registry, id)) => {
                    let decision = cx.office.non_collection(registry, id)?;
                    let number =
                        format!("D-{}", crate::enrollment::RegistrationId { registry, id });
                    Ok((
                        receipt(
                            cx.l,
                            lang,
                            &mission,
                            ReceiptOf::Decision {
                                id,
                                decision: &decision,
                                officer: &cx.officer_name,
                            },
                        )?,
                        number,
                    ))
                }
            }
        })();
        let number = made.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
        self.deliver_document(cx, "receipt", &number, made.map(|(pdf, _)| pdf));
    }
}

fn representative_facts(ui: &mut egui::Ui, cx: &DeskContext<'_>, rep: &Representative) {
    let title = cx.t(match rep.kind {
        RepresentativeKind::LegalRepresentative => "ui-legal-representative",
        RepresentativeKind::Guardian => "ui-guardian",
    });
    design::heading(ui, &title);
    let name = &rep.name;
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
    design::fact(
        ui,
        &cx.t("ui-rep-identity"),
        &document_text(cx, &rep.identity_document),
    );
    let a = &rep.authority_document;
    design::fact(
        ui,
        &cx.t("ui-rep-authority-document"),
        &format!(
            "{} № {} · {} · {}",
            a.title,
            a.number,
            cx.lang.date(a.issue_date),
            a.issuing_authority
        ),
    );
    design::fact(
        ui,
        &cx.t("ui-rep-application-title"),
        &cx.tf(
            "ui-rep-application-received-on",
            &[(
                "date",
                MessageArg::Text(cx.lang.date(rep.written_application.date)),
            )],
        ),
    );
    if let Some(version) = &rep.written_application.printed_form {
        design::fact(
            ui,
            "",
            &cx.tf(
                "ui-rep-printed-form",
                &[("version", MessageArg::Text(version.clone()))],
            ),
        );
    }
}

fn biometric_facts(ui: &mut egui::Ui, cx: &DeskContext<'_>, rows: &[BiometricRecord]) {
    let printed = rows.iter().filter(|r| r.capture.is_some()).count();
    design::fact(
        ui,
        &cx.t("ui-prints"),
        &cx.tf(
            "ui-prints-count",
            &[("count", MessageArg::Number(printed as i64))],
        ),
    );
    for row in rows {
        if let Some(reason) = row.exception {
            design::fact(
                ui,
                &cx.t(position_key(row.position)),
                &cx.t(reason.message_key()),
            );
        } else if let Some(reason) = row.force_reason {
            design::fact(
                ui,
                &cx.t(position_key(row.position)),
                &format!(
                    "{} — {}",
                    cx.t("capture-status-force-captured"),
                    cx.t(reason.message_key())
                ),
            );
        }
        if matches!(row.position, Position::Palm(_)) && row.capture.is_some() {
            design::fact(
                ui,
                &cx.t(position_key(row.position)),
                &cx.t("capture-status-accepted"),
            );
        }
    }
}

/// The photo and the signature beside the review's facts.
fn photo_and_signature(
    ui: &mut egui::Ui,
    cx: &DeskContext<'_>,
    photo: Option<&egui::TextureHandle>,
    signature: Option<&egui::TextureHandle>,
) {
    if let Some(photo) = photo {
        design::weak(ui, &cx.t("ui-photo"));
        ui.add(egui::Image::from_texture(photo).max_height(Design::of(ui.ctx()).sizes.photo_large));
    }
    if let Some(signature) = signature {
        design::weak(ui, &cx.t("ui-signature"));
        ui.add(
            egui::Image::from_texture(signature).max_width(Design::of(ui.ctx()).sizes.signature),
        );
    }
}

/// The banner of a case closed otherwise than by a verification.
fn completion_banner(ui: &mut egui::Ui, cx: &DeskContext<'_>, completion: Completion) {
    match completion {
        Completion::Refused { .. } => {
            design::verdict(
                ui,
                Tone::Warning,
                &cx.t("ui-done-refusal"),
                Some("п.5"),
                None,
            );
        }
        Completion::NotCollected { id, registry, .. } => {
            let number = crate::enrollment::RegistrationId { registry, id };
            design::verdict(
                ui,
                Tone::Success,
                &cx.t("ui-done-not-collected"),
                None,
                Some(&cx.tf(
                    "ui-decision-number",
                    &[("number", MessageArg::Text(format!("D-{}", number)))],
                )),
            );
        }
        Completion::Registered {
            id,
            refingerprint_next_time,
        } => {
            let detail = refingerprint_next_time.then(|| cx.t("ui-mark-temporary"));
            design::verdict(
                ui,
                Tone::Success,
                &cx.tf(
                    "ui-done-registered-number",
                    &[("number", MessageArg::Text(id.to_string()))],
                ),
                Some("п.7"),
                detail.as_deref(),
            );
        }
        Completion::NotVerified { .. } => {
            design::verdict(
                ui,
                Tone::Danger,
                &cx.t("ui-not-verified-closed"),
                Some("п.11"),
                None,
            );
        }
        Completion::Refingerprinted { id, .. } => {
            design::verdict(
                ui,
                Tone::Success,
                &cx.tf(
                    "ui-done-refingerprinted-number",
                    &[("number", MessageArg::Text(id.to_string()))],
                ),
                Some("п.13"),
                None,
            );
        }
        Completion::Verified { .. } => {}
    }
}
