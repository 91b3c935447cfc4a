//! What is printed when physical defects get in the way (п.10).

use std::collections::BTreeMap;

use super::explanation::Explanation;
use super::paragraph::{P10, Paragraph};
use crate::model::{DefectMark, ExceptionReason, FingerPosition, PalmPosition, Permanence};

/// What the officer found at the desk: the fingers and palms that cannot be
/// printed, each with its reason. A position not listed can be printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrintabilityFinding {
    /// The fingers that cannot be printed, with the reason of each.
    pub fingers: BTreeMap<FingerPosition, ExceptionReason>,
    /// The palms that cannot be printed, with the reason of each.
    pub palms: BTreeMap<PalmPosition, ExceptionReason>,
}

/// The plan for the capture step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapturePlan {
    /// Print the fingers that can be printed; the others are excepted with
    /// their reasons.
    Fingers {
        /// The fingers to print, in the order of capture.
        capture: Vec<FingerPosition>,
        /// The fingers excepted, each with its reason.
        excepted: Vec<(FingerPosition, ExceptionReason)>,
    },
    /// No finger can be printed: print the palms instead, and record the mark
    /// about the fingers.
    Palms {
        /// The palms to print.
        capture: Vec<PalmPosition>,
        /// The palms excepted, each with its reason.
        excepted: Vec<(PalmPosition, ExceptionReason)>,
        /// The mark about the fingers.
        mark: DefectMark,
    },
    /// Neither fingers nor palms can be printed: no fingerprinting, and the
    /// mark about both.
    NoPrints {
        /// The mark about the fingers and the palms.
        mark: DefectMark,
    },
}

impl CapturePlan {
    /// The paragraph the plan follows (п.10).
    pub fn paragraph(&self) -> Paragraph {
        P10
    }

    /// The defect mark the plan records, if no finger is printed.
    pub fn defect_mark(&self) -> Option<DefectMark> {
        match self {
            CapturePlan::Fingers { .. } => None,
            CapturePlan::Palms { mark, .. } | CapturePlan::NoPrints { mark } => Some(*mark),
        }
    }

    /// The plan in words for the officer.
    pub fn explanation(&self) -> Explanation {
        match self {
            CapturePlan::Fingers { excepted, .. } => Explanation::new("plan-fingers").number(
                "excepted",
                i64::try_from(excepted.len()).unwrap_or(i64::MAX),
            ),
            CapturePlan::Palms { mark, .. } => {
                Explanation::new("plan-palms").text("permanence", permanence_code(mark.permanence))
            }
            CapturePlan::NoPrints { mark } => Explanation::new("plan-no-prints")
                .text("permanence", permanence_code(mark.permanence)),
        }
    }
}

fn permanence_code(permanence: Permanence) -> &'static str {
    match permanence {
        Permanence::Permanent => "permanent",
        Permanence::Temporary | Permanence::ThisSitting => "temporary",
    }
}

fn mark_permanence<'a>(reasons: impl IntoIterator<Item = &'a ExceptionReason>) -> Permanence {
    if reasons
        .into_iter()
        .all(|reason| reason.permanence() == Permanence::Permanent)
    {
        Permanence::Permanent
    } else {
        Permanence::Temporary
    }
}

/// п.4.4 read from what the officer found at the desk: a person who lacks
/// **all ten fingers**, or **the palms of both hands**, is exempt by law —
/// a legal exemption, recorded as one, never a п.10 defect mark.
///
/// "Lacks" is a finger (its nail phalanx) or a palm that is missing
/// ([`ExceptionReason::Amputated`]). A finger that exists but cannot be
/// printed (no pattern, injured, bandaged) is not lacking: that is п.10
/// (palms, then the defect mark), however many fingers it concerns.
pub fn lacks_all_fingers_or_palms(finding: &PrintabilityFinding) -> bool {
    let missing = |reason: Option<&ExceptionReason>| reason == Some(&ExceptionReason::Amputated);
    let all_fingers = FingerPosition::ALL
        .iter()
        .all(|finger| missing(finding.fingers.get(finger)));
    let both_palms = PalmPosition::FULL_PALMS
        .iter()
        .all(|palm| missing(finding.palms.get(palm)));
    all_fingers || both_palms
}

/// The capture plan of п.10: if physical defects make printing the fingers
/// impossible, the palms are printed instead; if they make the palms
/// impossible too, nothing is printed. In both cases a mark about the
/// physical defects is recorded.
///
/// The fingers are "impossible" only when none of the ten can be printed: as
/// long as one finger can, it is printed and the others are excepted one by
/// one. The palms are the two full palms (ANSI/NIST-ITL 21 and 23).
pub fn capture_plan(finding: &PrintabilityFinding) -> CapturePlan {
    let capture: Vec<FingerPosition> = FingerPosition::ALL
        .into_iter()
        .filter(|finger| !finding.fingers.contains_key(finger))
        .collect();
    if !capture.is_empty() {
        return CapturePlan::Fingers {
            capture,
            excepted: finding.fingers.iter().map(|(f, r)| (*f, *r)).collect(),
        };
    }

    let palms: Vec<PalmPosition> = PalmPosition::FULL_PALMS
        .into_iter()
        .filter(|palm| !finding.palms.contains_key(palm))
        .collect();
    let palm_reasons: Vec<(PalmPosition, ExceptionReason)> = PalmPosition::FULL_PALMS
        .into_iter()
        .filter_map(|palm| finding.palms.get(&palm).map(|reason| (palm, *reason)))
        .collect();
    if !palms.is_empty() {
        return CapturePlan::Palms {
            capture: palms,
            excepted: palm_reasons,
            mark: DefectMark {
                fingers: true,
                palms: false,
                permanence: mark_permanence(finding.fingers.values()),
            },
        };
    }
    CapturePlan::NoPrints {
        mark: DefectMark {
            fingers: true,
            palms: true,
            permanence: mark_permanence(
                finding
                    .fingers
                    .values()
                    .chain(palm_reasons.iter().map(|(_, reason)| reason)),
            ),
        },
    }
}
