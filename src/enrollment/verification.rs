//! Identity verification of a person registered before (п.11): a few
//! fingers captured and compared 1:1 with the stored templates, more
//! fingers when the first ones do not decide it; or, on a record that holds
//! palms only, the palms.

use chrono::{DateTime, Utc};

use super::capture::ProcessedCapture;
use crate::biometrics::matcher::{FingerScore, Matcher, PersonDecision, verify_every_finger};
use crate::biometrics::palm::{PALM_THRESHOLD, palm_score};
use crate::biometrics::template::FingerTemplate;
use crate::model::{FingerPosition, PalmPosition, Position};
use crate::scanner::CaptureRequest;
use crate::store::{LookupSource, VerificationMethod, VerificationRecord};

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
    /// Not verified after the allowed rounds.
    Failed,
}

/// One score of a verification: a finger or a palm against the record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PositionScore {
    pub position: Position,
    pub score: f32,
    /// This position alone reaches the threshold.
    pub matched: bool,
}

/// The verdict of a verification, with every position compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub method: VerificationMethod,
    /// Every position compared, in anatomical order.
    pub scores: Vec<PositionScore>,
    /// The mean of the scores, the person-level score.
    pub fused: f32,
    pub threshold: f32,
    pub verified: bool,
}

impl Verdict {
    fn from_decision(decision: &PersonDecision) -> Verdict {
        let mut scores: Vec<PositionScore> = decision
            .scores
            .iter()
            .map(|s: &FingerScore| PositionScore {
                position: Position::Finger(s.position),
                score: s.score,
                matched: s.score >= decision.threshold,
            })
            .collect();
        scores.sort_by_key(|s| s.position);
        Verdict {
            method: VerificationMethod::Fingers,
            scores,
            fused: decision.fused,
            threshold: decision.threshold,
            verified: decision.verified,
        }
    }
}

/// One verification at the desk.
#[derive(Debug, Clone)]
pub struct VerificationSession {
    against: LookupSource,
    method: VerificationMethod,
    enrolled: Vec<(FingerPosition, FingerTemplate)>,
    enrolled_palms: Vec<(PalmPosition, FingerTemplate)>,
    rounds: Vec<Vec<Position>>,
    round: usize,
    captured: Vec<(Position, FingerTemplate)>,
    verdict: Option<Verdict>,
    state: VerificationState,
}

impl VerificationSession {
    /// Against the stored finger templates of a previous registration (or
    /// an imported mark). `None` when the record holds no finger to compare
    /// with.
    pub fn new(
        against: LookupSource,
        enrolled: Vec<(FingerPosition, FingerTemplate)>,
        policy: &VerificationPolicy,
    ) -> Option<Self> {
        let available: Vec<Position> = policy
            .preference
            .iter()
            .copied()
            .filter(|f| enrolled.iter().any(|(p, _)| p == f))
            .map(Position::Finger)
            .collect();
        let rounds: Vec<Vec<Position>> = available
            .chunks(policy.per_round.max(1))
            .take(policy.rounds.max(1))
            .map(<[Position]>::to_vec)
            .collect();
        if rounds.is_empty() {
            return None;
        }
        Some(VerificationSession {
            against,
            method: VerificationMethod::Fingers,
            enrolled,
            enrolled_palms: Vec::new(),
            rounds,
            round: 0,
            captured: Vec::new(),
            verdict: None,
            state: VerificationState::Capturing,
        })
    }

    /// Against the palm prints on record (a registration with palms only,
    /// п.10): the palms are captured and compared. `None` without palms.
    pub fn palms(
        against: LookupSource,
        enrolled: Vec<(PalmPosition, FingerTemplate)>,
    ) -> Option<Self> {
        if enrolled.is_empty() {
            return None;
        }
        let round: Vec<Position> = enrolled.iter().map(|(p, _)| Position::Palm(*p)).collect();
        Some(VerificationSession {
            against,
            method: VerificationMethod::Palms,
            enrolled: Vec::new(),
            enrolled_palms: enrolled,
            rounds: vec![round],
            round: 0,
            captured: Vec::new(),
            verdict: None,
            state: VerificationState::Capturing,
        })
    }

    /// The record compared with.
    pub fn against(&self) -> LookupSource {
        self.against
    }

    pub fn method(&self) -> VerificationMethod {
        self.method
    }

    pub fn state(&self) -> VerificationState {
        self.state
    }

    /// The latest comparison, with every position compared.
    pub fn verdict(&self) -> Option<&Verdict> {
        self.verdict.as_ref()
    }

    /// 1-based round number and the number of rounds.
    pub fn round(&self) -> (usize, usize) {
        (self.round + 1, self.rounds.len())
    }

    /// The positions asked for in this round, captured or not.
    pub fn round_positions(&self) -> &[Position] {
        self.rounds.get(self.round).map_or(&[], Vec::as_slice)
    }

    /// The fingers asked for in this round.
    pub fn round_fingers(&self) -> Vec<FingerPosition> {
        self.round_positions()
            .iter()
            .filter_map(|p| match p {
                Position::Finger(f) => Some(*f),
                Position::Palm(_) => None,
            })
            .collect()
    }

    pub fn is_captured(&self, position: Position) -> bool {
        self.captured.iter().any(|(p, _)| *p == position)
    }

    /// The next capture to ask the device for.
    pub fn next_request(&self) -> Option<CaptureRequest> {
        if self.state != VerificationState::Capturing {
            return None;
        }
        self.round_positions()
            .iter()
            .find(|p| !self.is_captured(**p))
            .map(|p| match p {
                Position::Finger(f) => CaptureRequest::finger(*f),
                Position::Palm(palm) => CaptureRequest::palm(*palm),
            })
    }

    /// Takes a captured position; once the round's positions are in,
    /// compares every one captured so far with the record.
    pub fn apply(&mut self, capture: ProcessedCapture, matcher: &dyn Matcher) {
        if self.state != VerificationState::Capturing {
            return;
        }
        for impression in capture.impressions {
            if !self.round_positions().contains(&impression.position) {
                continue;
            }
            // An impression where nothing could be found still counts: it
            // scores 0.
            let template = impression
                .template
                .unwrap_or_else(|| empty_template(impression.position));
            self.captured.retain(|(p, _)| *p != impression.position);
            self.captured.push((impression.position, template));
        }
        self.conclude_round(matcher);
    }

    /// The officer reports that a position of the round cannot be printed
    /// now (bandaged, wounded): it is compared as an impression with
    /// nothing found (it scores 0), and the round goes on, so that a
    /// person whose fingers are damaged reaches a verdict — and, failing,
    /// the supervisor's choice of п.13 re-fingerprinting.
    pub fn cannot_print(&mut self, position: Position, matcher: &dyn Matcher) {
        if self.state != VerificationState::Capturing || !self.round_positions().contains(&position)
        {
            return;
        }
        self.mark_empty(position);
        self.conclude_round(matcher);
    }

    /// Once every position of the round is in, compares every one captured
    /// so far with the record and moves to the next round or a verdict.
    fn conclude_round(&mut self, matcher: &dyn Matcher) {
        if !self.round_positions().iter().all(|p| self.is_captured(*p)) {
            return;
        }
        let verdict = match self.method {
            VerificationMethod::Palms => self.palm_verdict(matcher),
            _ => {
                let probe: Vec<(FingerPosition, FingerTemplate)> = self
                    .captured
                    .iter()
                    .filter_map(|(p, t)| match p {
                        Position::Finger(f) => Some((*f, t.clone())),
                        Position::Palm(_) => None,
                    })
                    .collect();
                Verdict::from_decision(&verify_every_finger(matcher, &probe, &self.enrolled))
            }
        };
        self.state = if verdict.verified {
            VerificationState::Verified
        } else if self.round + 1 < self.rounds.len() {
            self.round += 1;
            VerificationState::Capturing
        } else {
            VerificationState::Failed
        };
        self.verdict = Some(verdict);
    }

    fn palm_verdict(&self, matcher: &dyn Matcher) -> Verdict {
        let mut scores: Vec<PositionScore> = self
            .captured
            .iter()
            .filter_map(|(position, probe)| {
                let Position::Palm(palm) = position else {
                    return None;
                };
                let stored = self.enrolled_palms.iter().find(|(p, _)| p == palm)?;
                let score = palm_score(matcher, probe, &stored.1);
                Some(PositionScore {
                    position: *position,
                    score,
                    matched: score >= PALM_THRESHOLD,
                })
            })
            .collect();
        scores.sort_by_key(|s| s.position);
        let fused = if scores.is_empty() {
            0.0
        } else {
            scores.iter().map(|s| s.score).sum::<f32>() / scores.len() as f32
        };
        Verdict {
            method: VerificationMethod::Palms,
            verified: !scores.is_empty() && fused >= PALM_THRESHOLD,
            scores,
            fused,
            threshold: PALM_THRESHOLD,
        }
    }

    /// Marks a position of the round as captured with nothing found.
    pub fn mark_empty(&mut self, position: Position) {
        if !self.is_captured(position) {
            self.captured.push((position, empty_template(position)));
        }
    }

    /// The record kept in the registry (п.11): every position compared,
    /// with its score.
    pub fn record(&self, officer_id: i64, at: DateTime<Utc>) -> Option<VerificationRecord> {
        let verdict = self.verdict.as_ref()?;
        Some(VerificationRecord {
            verified_at: at,
            officer_id,
            method: verdict.method,
            positions: verdict.scores.iter().map(|s| s.position.code()).collect(),
            scores: verdict.scores.iter().map(|s| f64::from(s.score)).collect(),
            threshold: f64::from(verdict.threshold),
            verified: verdict.verified,
            document: None,
        })
    }
}

fn empty_template(position: Position) -> FingerTemplate {
    FingerTemplate {
        width: 0,
        height: 0,
        ppi: 500,
        position: match position {
            Position::Finger(f) => Some(f),
            Position::Palm(_) => None,
        },
        impression: match position {
            Position::Finger(_) => crate::model::ImpressionKind::Flat,
            Position::Palm(_) => crate::model::ImpressionKind::Palm,
        },
        quality: 0,
        minutiae: Vec::new(),
    }
}
