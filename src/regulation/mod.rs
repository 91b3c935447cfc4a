//! The Rules as code: pure decisions of (case, date) → decision.
//!
//! One file per concern, each reading like the paragraphs of
//! `RULES.en.md` it implements. Every public function names its paragraph
//! (`п.4.2`) in its doc comment and returns the grounds it used, so the UI
//! can show the officer *why*. Nothing here reads a clock, a file or a
//! setting: the application date is always an argument.

mod age;
mod capture_plan;
mod case;
mod eligibility;
mod explanation;
mod iin;
mod paragraph;
mod requirements;

pub use age::{AgeBand, AgeError, age_band, age_on};
pub use capture_plan::{
    CapturePlan, PrintabilityFinding, capture_plan, lacks_all_fingers_or_palms,
};
pub use case::{Case, CaseError, CaseInput, MedicalConclusionInput, ServiceInput, parse_iso_date};
pub use eligibility::{
    Eligibility, Ground, Outcome, ReciprocityRefusal, eligibility, reciprocity_condition_met,
};
pub use explanation::{Explanation, MessageArg};
pub use iin::{Iin, IinError, IinValidation, validate_iin};
pub use paragraph::Paragraph;
pub use requirements::{ConsentBy, Requirement, Requirements, requirements};

/// Everything the Rules say about one applicant before capture: the
/// eligibility of п.3–п.4 and, for `collect`, what п.5, п.8, п.9 and п.11
/// require first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Whether the person is fingerprinted, exempt or not subject (п.3, п.4).
    pub eligibility: Eligibility,
    /// What the desk must have before it collects: consent, representation, verification.
    pub requirements: Requirements,
}

impl Decision {
    /// The officer-facing explanation: the outcome with its paragraphs, then
    /// each requirement.
    pub fn explanation(&self) -> Vec<Explanation> {
        let mut parts = self.eligibility.explanation();
        parts.extend(self.requirements.explanation());
        parts
    }
}

/// Decides a case: eligibility (п.3, п.4), then, when fingerprints are to be
/// collected, the requirements before capture (п.5, п.8, п.9, п.11).
pub fn decide(case: &Case) -> Result<Decision, CaseError> {
    let eligibility = eligibility(case)?;
    let requirements = if eligibility.outcome == Outcome::Collect {
        requirements(case)?
    } else {
        Requirements::none()
    };
    Ok(Decision {
        eligibility,
        requirements,
    })
}
