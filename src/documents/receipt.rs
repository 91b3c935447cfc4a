//! The applicant's receipt, printed at the end of the case: the
//! registration's number and date, the mission, the registry, what was
//! collected (fingers, palms, the exceptions with their reasons, the
//! physical-defect mark) — or the decision not to collect with its
//! paragraphs — and the officer (п.7).

use super::pdf::{self, Pages};
use super::{DocumentError, Mission, Words, full_name};
use crate::i18n::{Lang, Localizer};
use crate::model::{ImpressionKind, Permanence, Position, Registry};
use crate::regulation::MessageArg;
use crate::store::{NonCollection, NonCollectionOutcome, Registration};

/// What the receipt is for.
#[derive(Debug, Clone, Copy)]
pub enum ReceiptOf<'a> {
    Registration(&'a Registration),
    Decision {
        /// The decision's number in its registry.
        id: i64,
        decision: &'a NonCollection,
        officer: &'a str,
    },
}

fn registry_key(registry: Registry) -> &'static str {
    match registry {
        Registry::Citizen => "ui-registry-citizens",
        Registry::Foreigner => "ui-registry-foreigners",
    }
}

/// The receipt as PDF.
#[expect(
    clippy::too_many_lines,
    reason = "the receipt's layout, top to bottom, as printed"
)]
pub fn receipt(
    l: &Localizer,
    lang: Lang,
    mission: &Mission,
    of: ReceiptOf<'_>,
) -> Result<Vec<u8>, DocumentError> {
    let w = Words { l, lang };
    let mut pages = Pages::new(&w.t("receipt-title"))?;
    pages.centred(&w.t("receipt-title"), pdf::TITLE);
    pages.centred(&mission.line(), pdf::BODY);
    pages.space(10.0);
    pages.rule();
    match of {
        ReceiptOf::Registration(r) => {
            pages.field(&w.t("receipt-number"), &r.id.to_string());
            pages.field(&w.t("receipt-date"), &w.date(r.registered_on));
            pages.field(&w.t("receipt-registry"), &w.t(registry_key(r.id.registry)));
            pages.field(&w.t("receipt-person"), &full_name(r.personal.name()));
            pages.field(&w.t("receipt-birth-date"), &w.date(r.personal.birth_date()));
            pages.field(
                &w.t("receipt-ground"),
                &format!("п.{}.{}", r.basis.paragraph_number, r.basis.paragraph_sub),
            );
            let fingers = r
                .biometrics
                .iter()
                .filter(|b| matches!(b.position, Position::Finger(_)) && b.capture.is_some())
                .count();
            let palms = r
                .biometrics
                .iter()
                .filter(|b| b.impression == ImpressionKind::Palm && b.capture.is_some())
                .count();
            pages.field(
                &w.t("receipt-collected"),
                &w.f(
                    "receipt-collected-line",
                    &[
                        ("fingers", MessageArg::Number(fingers as i64)),
                        ("palms", MessageArg::Number(palms as i64)),
                    ],
                ),
            );
            let exceptions: Vec<String> = r
                .biometrics
                .iter()
                .filter_map(|b| {
                    b.exception.map(|reason| {
                        format!(
                            "{}: {}",
                            w.t(b.position.message_key()),
                            w.t(reason.message_key())
                        )
                    })
                })
                .collect();
            pages.field(
                &w.t("receipt-exceptions"),
                &if exceptions.is_empty() {
                    w.t("receipt-none")
                } else {
                    exceptions.join("; ")
                },
            );
            let forced: Vec<String> = r
                .biometrics
                .iter()
                .filter(|b| b.force_captured)
                .map(|b| w.t(b.position.message_key()))
                .collect();
            if !forced.is_empty() {
                pages.field(&w.t("receipt-force-captured"), &forced.join("; "));
            }
            pages.field(
                &w.t("receipt-defect-mark"),
                &match r.defect_mark {
                    None => w.t("receipt-none"),
                    Some(mark) => w.t(match (mark.palms, mark.permanence) {
                        (true, _) => "receipt-defect-fingers-and-palms",
                        (false, Permanence::Permanent) => "receipt-defect-permanent",
                        (false, _) => "receipt-defect-temporary",
                    }),
                },
            );
            if let Some(rep) = &r.representative {
                pages.field(&w.t("receipt-representative"), &full_name(&rep.name));
            }
            pages.field(&w.t("receipt-officer"), &full_name(&r.officer_name));
        }
        ReceiptOf::Decision {
            id,
            decision,
            officer,
        } => {
            pages.field(
                &w.t("receipt-decision-number"),
                &format!(
                    "D-{}",
                    crate::store::RegistrationId {
                        registry: decision.registry,
                        id
                    }
                ),
            );
            pages.field(&w.t("receipt-date"), &w.date(decision.decided_on));
            pages.field(
                &w.t("receipt-registry"),
                &w.t(registry_key(decision.registry)),
            );
            pages.field(&w.t("receipt-person"), &full_name(&decision.person.name));
            pages.field(
                &w.t("receipt-birth-date"),
                &w.date(decision.person.birth_date),
            );
            pages.field(
                &w.t("receipt-decision"),
                &w.t(match decision.outcome {
                    NonCollectionOutcome::Exempt => "receipt-decision-exempt",
                    NonCollectionOutcome::NotSubject => "receipt-decision-not-subject",
                }),
            );
            let grounds: Vec<String> = decision.grounds.iter().map(|g| format!("п.{g}")).collect();
            pages.field(&w.t("receipt-grounds"), &grounds.join(", "));
            pages.field(&w.t("receipt-officer"), officer);
        }
    }
    pages.space(12.0);
    pages.note(&w.t("receipt-note"));
    pages.signature(&w.t("receipt-officer-signature"));
    pages.finish(&|page, count| w.page_footer(page, count))
}
