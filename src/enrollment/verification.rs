//! Identity verification of a person registered before (п.11): a few fingers
//! captured and compared 1:1 with the stored templates, more fingers when
//! the first ones do not decide it.

use chrono::{DateTime, Utc};

use super::capture::ProcessedCapture;
use crate::biometrics::matcher::{Matcher, PersonDecision, verify_person};
use crate::biometrics::template::FingerTemplate;
use crate::model::{FingerPosition, Position};
use crate::scanner::CaptureRequest;
use crate::store::{RegistrationId, VerificationRecord};

/// Which fingers are asked for, round after round (configurable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationPolicy {
    /// Fingers in order of preference; each round takes the next
    /// `per_round` that the stored record holds.
    pub preference: Vec<FingerPosition>,
    pub per_round: usize,
    /// Rounds before the case goes to a supervisor.
    pub rounds: usize,
}

impl Default for VerificationPolicy {
    /// Both index fingers, then both thumbs, then both middle fingers.
    fn default() -> Self {
        use FingerPosition::*;
        VerificationPolicy {
            preference: vec![
                RightIndex,
                LeftIndex,
                RightThumb,
                LeftThumb,
                RightMiddle,
                LeftMiddle,
                RightRing,
                LeftRing,
                RightLittle,
                LeftLittle,
            ],
            per_round: 2,
            rounds: 3,
        }
    }
}

/// Where the verification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationState {
    Capturing,
    Verified,
    /// Not verified after the allowed rounds: a supervisor must sign in for
    /// the case to go on.
    Failed,
}

/// One verification at the desk.
#[derive(Debug, Clone)]
pub struct VerificationSession {
    registration: RegistrationId,
    enrolled: Vec<(FingerPosition, FingerTemplate)>,
    rounds: Vec<Vec<FingerPosition>>,
    round: usize,
    captured: Vec<(FingerPosition, FingerTemplate)>,
    decision: Option<PersonDecision>,
    state: VerificationState,
}

impl VerificationSession {
    /// Against the stored finger templates of `registration`. `None` when
    /// the record holds no finger to compare with.
    pub fn new(
        registration: RegistrationId,
        enrolled: Vec<(FingerPosition, FingerTemplate)>,
        policy: &VerificationPolicy,
    ) -> Option<Self> {
        let available: Vec<FingerPosition> = policy
            .preference
            .iter()
            .copied()
            .filter(|f| enrolled.iter().any(|(p, _)| p == f))
            .collect();
        let rounds: Vec<Vec<FingerPosition>> = available
            .chunks(policy.per_round.max(1))
            .take(policy.rounds.max(1))
            .map(<[FingerPosition]>::to_vec)
            .collect();
        if rounds.is_empty() {
            return None;
        }
        Some(VerificationSession {
            registration,
            enrolled,
            rounds,
            round: 0,
            captured: Vec::new(),
            decision: None,
            state: VerificationState::Capturing,
        })
    }

    pub fn registration(&self) -> RegistrationId {
        self.registration
    }

    pub fn state(&self) -> VerificationState {
        self.state
    }

    /// The latest comparison.
    pub fn decision(&self) -> Option<&PersonDecision> {
        self.decision.as_ref()
    }

    /// 1-based round number and the number of rounds.
    pub fn round(&self) -> (usize, usize) {
        (self.round + 1, self.rounds.len())
    }

    /// The fingers asked for in this round, captured or not.
    pub fn round_fingers(&self) -> &[FingerPosition] {
        self.rounds.get(self.round).map_or(&[], Vec::as_slice)
    }

    pub fn is_captured(&self, finger: FingerPosition) -> bool {
        self.captured.iter().any(|(f, _)| *f == finger)
    }

    /// The next finger to capture.
    pub fn next_request(&self) -> Option<CaptureRequest> {
        if self.state != VerificationState::Capturing {
            return None;
        }
        self.round_fingers()
            .iter()
            .find(|f| !self.is_captured(**f))
            .map(|f| CaptureRequest::finger(*f))
    }

    /// Takes a captured finger; once the round's fingers are in, compares
    /// every finger captured so far with the record.
    pub fn apply(&mut self, capture: ProcessedCapture, matcher: &dyn Matcher) {
        if self.state != VerificationState::Capturing {
            return;
        }
        for impression in capture.impressions {
            if let (Position::Finger(f), Some(template)) =
                (impression.position, impression.template)
                && self.round_fingers().contains(&f)
            {
                self.captured.retain(|(p, _)| *p != f);
                self.captured.push((f, template));
            }
        }
        // A finger without minutiae still counts as captured (it scores 0).
        if self.round_fingers().iter().all(|f| self.is_captured(*f)) {
            let decision = verify_person(matcher, &self.captured, &self.enrolled);
            self.state = if decision.verified {
                VerificationState::Verified
            } else if self.round + 1 < self.rounds.len() {
                self.round += 1;
                VerificationState::Capturing
            } else {
                VerificationState::Failed
            };
            self.decision = Some(decision);
        }
    }

    /// Marks a finger of the round as captured without minutiae (an
    /// impression where nothing could be found).
    pub fn mark_empty(&mut self, finger: FingerPosition) {
        if !self.is_captured(finger) {
            self.captured.push((
                finger,
                FingerTemplate {
                    width: 0,
                    height: 0,
                    ppi: 500,
                    position: Some(finger),
                    impression: crate::model::ImpressionKind::Flat,
                    quality: 0,
                    minutiae: Vec::new(),
                },
            ));
        }
    }

    /// The record kept in the registry (п.11).
    pub fn record(&self, officer_id: i64, at: DateTime<Utc>) -> Option<VerificationRecord> {
        let decision = self.decision.as_ref()?;
        let mut scores: Vec<(u8, f64)> = self
            .captured
            .iter()
            .map(|(f, _)| {
                let score = decision
                    .scores
                    .iter()
                    .find(|s| s.position == *f)
                    .map_or(0.0, |s| f64::from(s.score));
                (f.code(), score)
            })
            .collect();
        scores.sort_by_key(|(code, _)| *code);
        Some(VerificationRecord {
            verified_at: at,
            officer_id,
            positions: scores.iter().map(|(c, _)| *c).collect(),
            scores: scores.iter().map(|(_, s)| *s).collect(),
            threshold: f64::from(decision.threshold),
            verified: decision.verified,
        })
    }
}
