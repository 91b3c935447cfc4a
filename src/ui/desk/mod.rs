//! The desk: one applicant's case through [`Desk`], step by step, on the
//! design module. The screen keeps what the officer typed (a language
//! switch or a validation error loses nothing) and hands it to the `Desk`,
//! which decides; the screen draws the result and returns a
//! [`DeskCommand`] for what concerns the shell.

mod intake;
pub(crate) use intake::{IdentityMessages, identity_rows};
mod outcome;

use chrono::NaiveDate;
use eframe::egui;

use super::capture::CapturePanel;
use super::design::{
    self, Action, Actions, Design, Emphasis, FieldMessage, StepItem, StepVisual, Tone, icons,
};
use super::devices::Devices;
use super::personal::PersonalPanel;
use crate::enrollment::Office;
use crate::enrollment::{
    Desk, Discards, EligibilityAnswers, FieldError, FlowError, IdentityForm, MissionSettings,
    RepresentativeForm, Step, StepState,
};
use crate::i18n::{Lang, Localizer};
use crate::model::{ApplicantKind, PassportService, Service};
use crate::regulation::MessageArg;

/// What every desk screen works with.
pub struct DeskContext<'a> {
    pub office: &'a mut Office,
    pub l: &'a Localizer,
    pub lang: Lang,
    pub devices: &'a mut Devices,
    pub settings: MissionSettings,
    /// The officer signed in, as recorded with a registration (п.7).
    pub officer_name: String,
    /// Today, for a new case's application date.
    pub today: NaiveDate,
}

impl DeskContext<'_> {
    pub fn t(&self, key: &str) -> String {
        self.l.text(self.lang, key)
    }

    pub fn tf(&self, key: &str, args: &[(&str, MessageArg)]) -> String {
        self.l.format(self.lang, key, args)
    }
}

/// What the desk asks of the shell.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskCommand {
    None,
}

/// A change of an earlier answer that waits for the officer to confirm
/// what it discards.
#[derive(Debug, Clone, PartialEq)]
enum PendingChange {
    Applicant,
    Identity,
    Eligibility,
}

/// One applicant's screens.
pub struct DeskScreen {
    desk: Desk,
    /// The person the screens' own state belongs to (see [`Desk::epoch`]).
    epoch: u64,
    kind: ApplicantKind,
    service: Service,
    identity: IdentityForm,
    answers: EligibilityAnswers,
    medical: bool,
    medical_number: String,
    medical_date: String,
    representative: RepresentativeForm,
    /// Once the officer tried to go on, the fields are checked as he types.
    attempted: bool,
    field_errors: Vec<FieldError>,
    error: Option<&'static str>,
    pending: Option<(PendingChange, Discards)>,
    confirm_cancel: bool,
    /// The step drawn last frame: a new step puts the focus in its first
    /// field.
    shown_step: Option<Step>,
    document_seen: String,
    refingerprint_reason: String,
    capture: CapturePanel,
    personal: PersonalPanel,
    /// The actions this frame's step declares (the shell draws them in the
    /// action bar).
    actions: Actions,
    /// The action the officer chose in the bar, taken by this frame's step.
    chosen: Option<&'static str>,
    /// What became of the last document printed for this person.
    printed: Option<Result<crate::documents::print::Delivered, (&'static str, String)>>,
    /// The representative's fields as the application printed them.
    printed_for: Option<RepresentativeForm>,
}

impl DeskScreen {
    pub fn new(officer_id: i64, date: NaiveDate) -> Self {
        DeskScreen {
            desk: Desk::new(officer_id, date),
            epoch: 0,
            kind: ApplicantKind::Citizen,
            service: Service::Passport(PassportService::FirstIssue),
            identity: IdentityForm::default(),
            answers: EligibilityAnswers::default(),
            medical: false,
            medical_number: String::new(),
            medical_date: String::new(),
            representative: RepresentativeForm::default(),
            attempted: false,
            field_errors: Vec::new(),
            error: None,
            pending: None,
            confirm_cancel: false,
            shown_step: None,
            document_seen: String::new(),
            refingerprint_reason: String::new(),
            capture: CapturePanel::default(),
            personal: PersonalPanel::default(),
            actions: Actions::default(),
            chosen: None,
            printed: None,
            printed_for: None,
        }
    }

    /// What the action bar shows (declared on the last frame).
    pub fn actions(&self) -> &Actions {
        &self.actions
    }

    /// The officer chose `id` in the action bar: the step takes it when it
    /// is next drawn.
    pub fn choose(&mut self, id: &'static str) {
        self.chosen = Some(id);
    }

    /// Declares the step's primary action; true when the officer chose it.
    pub(super) fn primary(
        &mut self,
        id: &'static str,
        icon: Option<icons::MaterialIcon>,
        label: &str,
    ) -> bool {
        if self.capture.is_capturing() {
            return false;
        }
        self.actions.primary = Some(Action {
            id,
            label: label.to_string(),
            icon,
            emphasis: Emphasis::Primary,
        });
        self.chosen == Some(id)
    }

    /// Declares another action of the step; true when chosen.
    pub(super) fn other(
        &mut self,
        id: &'static str,
        emphasis: Emphasis,
        icon: Option<icons::MaterialIcon>,
        label: &str,
    ) -> bool {
        if self.capture.is_capturing() {
            return false;
        }
        self.actions.others.push(Action {
            id,
            label: label.to_string(),
            icon,
            emphasis,
        });
        self.chosen == Some(id)
    }

    /// The flow (for tests and the shell).
    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    /// A capture is running on the worker.
    pub fn is_capturing(&self) -> bool {
        self.capture.is_capturing()
    }

    /// A new case on `today`: nothing of the last one is kept.
    fn cancel(&mut self, today: NaiveDate) {
        let officer = self.desk.officer_id();
        let mut fresh = DeskScreen::new(officer, today);
        fresh.desk = self.desk.clone();
        fresh.desk.cancel(today);
        fresh.epoch = fresh.desk.epoch();
        *self = fresh;
    }

    /// The person changed: what the screens hold for the previous one goes.
    fn follow_epoch(&mut self) {
        if self.desk.epoch() != self.epoch {
            self.epoch = self.desk.epoch();
            self.personal = PersonalPanel::default();
            self.capture = CapturePanel::default();
            self.document_seen.clear();
            self.refingerprint_reason.clear();
            self.printed = None;
            self.printed_for = None;
        }
    }

    /// A document for this person: made, printed (or kept where no printer
    /// takes it) and audited.
    fn deliver_document(
        &mut self,
        cx: &mut DeskContext<'_>,
        kind: &str,
        number: &str,
        pdf: Result<Vec<u8>, crate::documents::DocumentError>,
    ) -> bool {
        let officer = self.desk.officer_id();
        let result = pdf
            .and_then(|pdf| {
                cx.office
                    .deliver_document(officer, &pdf, kind, number, cx.today)
            })
            .map_err(|e| (e.message_key(), e.detail()));
        let ok = result.is_ok();
        self.printed = Some(result);
        ok
    }

    /// What became of the last document, in a line.
    fn printed_ui(&self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        use crate::documents::print::Delivered;
        match &self.printed {
            Some(Ok(Delivered::Printed)) => {
                design::note(ui, Tone::Success, &cx.t("document-printed"));
            }
            Some(Ok(Delivered::Saved(path))) => {
                design::note(
                    ui,
                    Tone::Info,
                    &cx.tf(
                        "document-saved",
                        &[("path", MessageArg::Text(path.display().to_string()))],
                    ),
                );
            }
            Some(Err((key, detail))) => {
                design::note(
                    ui,
                    Tone::Danger,
                    &cx.tf(key, &[("detail", MessageArg::Text(detail.clone()))]),
                );
            }
            None => {}
        }
    }

    fn message(&self, cx: &DeskContext<'_>, field: &str) -> Option<FieldMessage> {
        self.field_errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| FieldMessage::Error(cx.t(e.key)))
    }

    /// Takes a flow result: field errors go next to their fields, others
    /// into the notice.
    fn take(&mut self, result: Result<(), FlowError>) {
        match result {
            Ok(()) => {
                self.field_errors.clear();
                self.error = None;
                self.attempted = false;
            }
            Err(FlowError::Fields(errors)) => {
                self.error = Some("flow-error-fields");
                self.field_errors = errors;
                self.attempted = true;
            }
            Err(e) => {
                self.error = Some(e.message_key());
            }
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) -> DeskCommand {
        self.actions = Actions::default();
        self.follow_epoch();
        if self.shown_step != Some(self.desk.step()) {
            self.shown_step = Some(self.desk.step());
            design::focus_first_field(ui.ctx());
        }
        let typing = ui.ctx().text_edit_focused();
        let d = Design::of(ui.ctx());
        self.stepper_ui(ui, cx);
        ui.add_space(d.sizes.gap);
        self.person_line(ui, cx);
        design::title(ui, &cx.t(self.desk.step().message_key()));
        // The notice under the title, where it is seen whatever the length
        // of the step below it.
        if let Some(error) = self.error {
            design::note(ui, Tone::Danger, &cx.t(error));
        }
        let skipped = self.desk.duplicate_check_skipped();
        if skipped > 0
            && matches!(
                self.desk.step(),
                Step::Duplicates | Step::PersonalData | Step::Review
            )
        {
            design::note(
                ui,
                Tone::Warning,
                &cx.tf(
                    "duplicates-templates-skipped",
                    &[(
                        "count",
                        MessageArg::Number(i64::try_from(skipped).unwrap_or(i64::MAX)),
                    )],
                ),
            );
        }
        ui.add_space(d.sizes.gap);
        if self.confirm_cancel {
            self.chosen = None;
            self.cancel_confirmation(ui, cx);
            return DeskCommand::None;
        }
        if self.pending.is_some() {
            self.chosen = None;
            self.pending_ui(ui, cx);
            return DeskCommand::None;
        }
        match self.desk.step() {
            Step::Applicant => self.applicant_ui(ui, cx),
            Step::Identity => self.identity_ui(ui, cx),
            Step::Eligibility => self.eligibility_ui(ui, cx),
            Step::Decision => self.decision_ui(ui, cx),
            Step::Representation => self.representation_ui(ui, cx),
            Step::Consent => self.consent_ui(ui, cx),
            Step::Verification => self.verification_ui(ui, cx),
            Step::Capture => self.capture_ui(ui, cx),
            Step::Duplicates => self.capture.duplicates_ui(ui, &mut self.desk, cx),
            Step::PersonalData => self.personal_ui(ui, cx),
            Step::Review => self.review_ui(ui, cx),
            Step::Done => self.done_ui(ui, cx),
        }
        self.footer(ui, cx, typing);
        self.chosen = None;
        DeskCommand::None
    }

    /// Back and "cancel this applicant", on every step but the first and
    /// the last (in the action bar: Esc steps back outside a text field);
    /// Ctrl+Shift+X cancels.
    fn footer(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>, _typing: bool) {
        if self.capture.is_capturing() {
            // Nothing else moves while the device works.
            self.actions = Actions::default();
            return;
        }
        if self.desk.step() == Step::Done {
            return;
        }
        if self.desk.step() != Step::Applicant {
            self.actions.back = Some(cx.t("ui-back"));
            if self.chosen == Some(design::BACK) {
                self.field_errors.clear();
                self.error = None;
                self.attempted = false;
                self.desk.back();
            }
        }
        if self.desk.has_data() {
            let shortcut = ui.input_mut(|i| {
                i.consume_key(egui::Modifiers::CTRL | egui::Modifiers::SHIFT, egui::Key::X)
            });
            let label = format!("{} (Ctrl+Shift+X)", cx.t("ui-cancel-case"));
            if self.other("cancel-case", Emphasis::Danger, Some(icons::CANCEL), &label) || shortcut
            {
                self.confirm_cancel = true;
            }
        }
    }

    fn cancel_confirmation(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        design::note(ui, Tone::Warning, &cx.t("ui-cancel-case-confirm"));
        ui.horizontal(|ui| {
            if design::danger(ui, Some(icons::CANCEL), &cx.t("ui-cancel-case-yes")).clicked() {
                self.cancel(cx.today);
            }
            if design::secondary(ui, None, &cx.t("ui-cancel-case-no")).clicked()
                || design::escape(ui)
            {
                self.confirm_cancel = false;
            }
        });
    }

    /// The stepper: the case's steps, done ones clickable.
    fn stepper_ui(&mut self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        if !self.desk.has_data() {
            return;
        }
        let steps = self.desk.stepper();
        let items: Vec<StepItem> = steps
            .iter()
            .map(|(step, state)| {
                let (visual, reason) = match state {
                    StepState::Done => (StepVisual::Done, None),
                    StepState::Current => (StepVisual::Current, None),
                    StepState::Ahead => (StepVisual::Ahead, None),
                    StepState::Skipped(why) => (StepVisual::Skipped, Some(cx.t(why))),
                    StepState::Blocked(why) => (StepVisual::Blocked, Some(cx.t(why))),
                };
                StepItem {
                    title: cx.t(short_step_key(*step)),
                    visual,
                    reason,
                }
            })
            .collect();
        let capturing = self.capture.is_capturing();
        if let Some(i) = design::stepper(ui, &items)
            && !capturing
            && let Some((step, _)) = steps.get(i)
        {
            self.field_errors.clear();
            self.error = None;
            let _ = self.desk.go_to(*step);
        }
    }

    /// Who is at the desk, once known, and what the look-up found.
    fn person_line(&self, ui: &mut egui::Ui, cx: &DeskContext<'_>) {
        let Some(identity) = self.desk.identity() else {
            return;
        };
        let name = &identity.name;
        let text = format!(
            "{} {} {} · {}",
            name.surname,
            name.name,
            name.patronymic.clone().unwrap_or_default(),
            cx.lang.date(identity.birth_date)
        );
        design::weak(ui, &text);
        if let Some(previous) = self.desk.previous() {
            let registry = match previous.registry() {
                crate::model::Registry::Citizen => cx.t("ui-registry-citizens"),
                crate::model::Registry::Foreigner => cx.t("ui-registry-foreigners"),
            };
            let source = match previous.source {
                crate::enrollment::LookupSource::Registration { .. } => cx.t("ui-source-here"),
                crate::enrollment::LookupSource::ImportedMark { .. } => cx.t("ui-source-mark"),
            };
            design::note(
                ui,
                Tone::Info,
                &cx.tf(
                    "ui-registered-before",
                    &[
                        (
                            "name",
                            MessageArg::Text(format!("{} {}", previous.surname, previous.name)),
                        ),
                        (
                            "date",
                            MessageArg::Text(cx.lang.date(previous.registered_on)),
                        ),
                        ("registry", MessageArg::Text(registry)),
                        ("source", MessageArg::Text(source)),
                    ],
                ),
            );
            if previous.unreadable_templates > 0 {
                design::note(
                    ui,
                    Tone::Warning,
                    &cx.tf(
                        "ui-templates-unreadable",
                        &[(
                            "count",
                            MessageArg::Number(previous.unreadable_templates as i64),
                        )],
                    ),
                );
            }
        }
    }

    /// A change of an earlier answer that would discard something: said,
    /// then done or dropped.
    fn pending_ui(&mut self, ui: &mut egui::Ui, cx: &mut DeskContext<'_>) {
        let Some((change, discards)) = self.pending.clone() else {
            return;
        };
        let mut lost = Vec::new();
        if discards.prints > 0 {
            lost.push(cx.tf(
                "ui-discards-prints",
                &[("count", MessageArg::Number(discards.prints as i64))],
            ));
        }
        if discards.verification {
            lost.push(cx.t("ui-discards-verification"));
        }
        if discards.representative {
            lost.push(cx.t("ui-discards-representative"));
        }
        if discards.consent {
            lost.push(cx.t("ui-discards-consent"));
        }
        if discards.personal_data {
            lost.push(cx.t("ui-discards-personal-data"));
        }
        design::note(
            ui,
            Tone::Warning,
            &cx.tf(
                "ui-discards-warning",
                &[("what", MessageArg::Text(lost.join(", ")))],
            ),
        );
        ui.horizontal(|ui| {
            if design::danger(ui, None, &cx.t("ui-discards-confirm")).clicked() {
                self.pending = None;
                let result = match change {
                    PendingChange::Applicant => self.desk.choose_applicant(self.kind, self.service),
                    PendingChange::Identity => self.desk.set_identity(&self.identity, cx.office),
                    PendingChange::Eligibility => self
                        .desk
                        .answer_eligibility(self.current_answers())
                        .map(|_| ()),
                };
                self.take(result);
                self.follow_epoch();
            }
            if design::secondary(ui, None, &cx.t("ui-discards-keep")).clicked() {
                self.pending = None;
            }
        });
    }

    fn current_answers(&self) -> EligibilityAnswers {
        let mut answers = self.answers.clone();
        answers.medical_conclusion = self
            .medical
            .then(|| (self.medical_number.clone(), self.medical_date.clone()));
        answers
    }
}

/// The short name of a step in the stepper.
fn short_step_key(step: Step) -> &'static str {
    match step {
        Step::Applicant => "stepper-applicant",
        Step::Identity => "stepper-identity",
        Step::Eligibility => "stepper-eligibility",
        Step::Decision => "stepper-decision",
        Step::Representation => "stepper-representation",
        Step::Consent => "stepper-consent",
        Step::Verification => "stepper-verification",
        Step::Capture => "stepper-capture",
        Step::Duplicates => "stepper-duplicates",
        Step::PersonalData => "stepper-personal-data",
        Step::Review => "stepper-review",
        Step::Done => "ui-step-done",
    }
}

/// When, on what basis (п.3) and by whom a registration was made: the
/// same facts on the review, at Done and in a record.
pub(crate) fn registration_facts(
    ui: &mut egui::Ui,
    cx: &DeskContext<'_>,
    registered_on: NaiveDate,
    basis: &crate::model::RegistrationBasis,
    officer: &str,
) {
    design::fact(ui, &cx.t("ui-registered-on"), &cx.lang.date(registered_on));
    design::fact(
        ui,
        &cx.t("ui-basis"),
        &format!("п.{}.{}", basis.paragraph_number, basis.paragraph_sub),
    );
    design::fact(ui, &cx.t("ui-officer"), officer);
}
