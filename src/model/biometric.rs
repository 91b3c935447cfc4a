use serde::{Deserialize, Serialize};

/// Left or right hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hand {
    Right,
    Left,
}

/// A finger, numbered with its ANSI/NIST-ITL finger position code
/// (1 right thumb … 5 right little, 6 left thumb … 10 left little).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FingerPosition {
    RightThumb = 1,
    RightIndex = 2,
    RightMiddle = 3,
    RightRing = 4,
    RightLittle = 5,
    LeftThumb = 6,
    LeftIndex = 7,
    LeftMiddle = 8,
    LeftRing = 9,
    LeftLittle = 10,
}

impl FingerPosition {
    /// All ten fingers in code order.
    pub const ALL: [FingerPosition; 10] = [
        FingerPosition::RightThumb,
        FingerPosition::RightIndex,
        FingerPosition::RightMiddle,
        FingerPosition::RightRing,
        FingerPosition::RightLittle,
        FingerPosition::LeftThumb,
        FingerPosition::LeftIndex,
        FingerPosition::LeftMiddle,
        FingerPosition::LeftRing,
        FingerPosition::LeftLittle,
    ];

    /// The ANSI/NIST-ITL code, 1–10.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The finger with the given ANSI/NIST-ITL code, if it is 1–10.
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code).checked_sub(1)?).copied()
    }

    pub fn hand(self) -> Hand {
        if self.code() <= 5 {
            Hand::Right
        } else {
            Hand::Left
        }
    }

    /// The same finger of the other hand (what a hands-swapped capture yields).
    pub fn mirror(self) -> Self {
        let code = self.code();
        let other = if code <= 5 { code + 5 } else { code - 5 };
        Self::ALL[usize::from(other - 1)]
    }

    /// Localization key of the finger's name.
    pub fn message_key(self) -> &'static str {
        match self {
            FingerPosition::RightThumb => "finger-right-thumb",
            FingerPosition::RightIndex => "finger-right-index",
            FingerPosition::RightMiddle => "finger-right-middle",
            FingerPosition::RightRing => "finger-right-ring",
            FingerPosition::RightLittle => "finger-right-little",
            FingerPosition::LeftThumb => "finger-left-thumb",
            FingerPosition::LeftIndex => "finger-left-index",
            FingerPosition::LeftMiddle => "finger-left-middle",
            FingerPosition::LeftRing => "finger-left-ring",
            FingerPosition::LeftLittle => "finger-left-little",
        }
    }
}

/// The multi-finger (slap) impressions of a 4-4-2 capture, with their
/// ANSI/NIST-ITL codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlapPosition {
    /// Plain right four fingers (code 13).
    RightFour = 13,
    /// Plain left four fingers (code 14).
    LeftFour = 14,
    /// Plain right and left thumbs (code 15).
    BothThumbs = 15,
}

impl SlapPosition {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The fingers a slap shows, before exceptions are taken away.
    pub fn fingers(self) -> &'static [FingerPosition] {
        use FingerPosition::*;
        match self {
            SlapPosition::RightFour => &[RightIndex, RightMiddle, RightRing, RightLittle],
            SlapPosition::LeftFour => &[LeftIndex, LeftMiddle, LeftRing, LeftLittle],
            SlapPosition::BothThumbs => &[RightThumb, LeftThumb],
        }
    }
}

/// A palm, with its ANSI/NIST-ITL palm position code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PalmPosition {
    /// Right full palm (code 21).
    RightFull = 21,
    /// Right writer's palm (code 22).
    RightWriters = 22,
    /// Left full palm (code 23).
    LeftFull = 23,
    /// Left writer's palm (code 24).
    LeftWriters = 24,
}

impl PalmPosition {
    /// The palms the kiosk captures when the fingers cannot be printed (п.10).
    pub const FULL_PALMS: [PalmPosition; 2] = [PalmPosition::RightFull, PalmPosition::LeftFull];

    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            21 => Some(PalmPosition::RightFull),
            22 => Some(PalmPosition::RightWriters),
            23 => Some(PalmPosition::LeftFull),
            24 => Some(PalmPosition::LeftWriters),
            _ => None,
        }
    }

    pub fn hand(self) -> Hand {
        match self {
            PalmPosition::RightFull | PalmPosition::RightWriters => Hand::Right,
            PalmPosition::LeftFull | PalmPosition::LeftWriters => Hand::Left,
        }
    }
}

/// Any place an impression is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Finger(FingerPosition),
    Palm(PalmPosition),
}

impl Position {
    /// Localization key of the position's name.
    pub fn message_key(self) -> &'static str {
        match self {
            Position::Finger(f) => f.message_key(),
            Position::Palm(PalmPosition::RightFull) => "palm-right-full",
            Position::Palm(PalmPosition::LeftFull) => "palm-left-full",
            Position::Palm(PalmPosition::RightWriters) => "palm-right-writers",
            Position::Palm(PalmPosition::LeftWriters) => "palm-left-writers",
        }
    }

    /// The ANSI/NIST-ITL code (1–10 fingers, 21–24 palms).
    pub fn code(self) -> u8 {
        match self {
            Position::Finger(f) => f.code(),
            Position::Palm(p) => p.code(),
        }
    }

    pub fn from_code(code: u8) -> Option<Self> {
        FingerPosition::from_code(code)
            .map(Position::Finger)
            .or_else(|| PalmPosition::from_code(code).map(Position::Palm))
    }
}

/// How an impression was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImpressionKind {
    /// A plain (flat) impression of one finger.
    Flat,
    /// A nail-to-nail rolled impression.
    Rolled,
    /// One finger segmented from a multi-finger slap.
    Slap,
    Palm,
}

/// How long a reason not to print a position lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permanence {
    /// Will not change: re-fingerprinting will not help.
    Permanent,
    /// Expected to heal: re-fingerprint at the next application.
    Temporary,
    /// Could not be printed at this sitting, for no known lasting cause.
    ThisSitting,
}

/// Why a finger was accepted below the quality threshold after the last
/// allowed attempt (the officer chooses it; it is kept with the impression).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForceReason {
    /// Worn ridges (manual work, age).
    WornRidges,
    /// Dry or damp skin that would not improve at this sitting.
    SkinCondition,
    /// Scars or creases across the pattern.
    Scarred,
    /// The applicant could not hold the finger still (infirmity, a child).
    CannotHoldStill,
}

impl ForceReason {
    pub const ALL: [ForceReason; 4] = [
        ForceReason::WornRidges,
        ForceReason::SkinCondition,
        ForceReason::Scarred,
        ForceReason::CannotHoldStill,
    ];

    /// The code stored in the registry.
    pub fn code(self) -> &'static str {
        match self {
            ForceReason::WornRidges => "worn_ridges",
            ForceReason::SkinCondition => "skin_condition",
            ForceReason::Scarred => "scarred",
            ForceReason::CannotHoldStill => "cannot_hold_still",
        }
    }

    pub fn from_code(code: &str) -> Option<ForceReason> {
        ForceReason::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn message_key(self) -> &'static str {
        match self {
            ForceReason::WornRidges => "force-worn-ridges",
            ForceReason::SkinCondition => "force-skin-condition",
            ForceReason::Scarred => "force-scarred",
            ForceReason::CannotHoldStill => "force-cannot-hold-still",
        }
    }
}

/// Why one finger or palm was not printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionReason {
    /// The finger (or its nail phalanx) is missing.
    Amputated,
    /// The skin carries no papillary pattern (e.g. adermatoglyphia, scarring).
    NoPapillaryPattern,
    /// Injured: cut, burnt, blistered.
    Injured,
    /// Bandaged or in a cast.
    Bandaged,
    /// Present and uninjured, but no usable impression could be taken now.
    UnprintableAtThisSitting,
}

impl ExceptionReason {
    pub const ALL: [ExceptionReason; 5] = [
        ExceptionReason::Amputated,
        ExceptionReason::NoPapillaryPattern,
        ExceptionReason::Injured,
        ExceptionReason::Bandaged,
        ExceptionReason::UnprintableAtThisSitting,
    ];

    pub fn permanence(self) -> Permanence {
        match self {
            ExceptionReason::Amputated | ExceptionReason::NoPapillaryPattern => {
                Permanence::Permanent
            }
            ExceptionReason::Injured | ExceptionReason::Bandaged => Permanence::Temporary,
            ExceptionReason::UnprintableAtThisSitting => Permanence::ThisSitting,
        }
    }

    /// Localization key of the reason, shown next to a crossed-out finger.
    pub fn message_key(self) -> &'static str {
        match self {
            ExceptionReason::Amputated => "exception-amputated",
            ExceptionReason::NoPapillaryPattern => "exception-no-papillary-pattern",
            ExceptionReason::Injured => "exception-injured",
            ExceptionReason::Bandaged => "exception-bandaged",
            ExceptionReason::UnprintableAtThisSitting => "exception-unprintable",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finger_codes_are_ansi_nist() {
        assert_eq!(FingerPosition::RightThumb.code(), 1);
        assert_eq!(FingerPosition::RightLittle.code(), 5);
        assert_eq!(FingerPosition::LeftThumb.code(), 6);
        assert_eq!(FingerPosition::LeftLittle.code(), 10);
        for f in FingerPosition::ALL {
            assert_eq!(FingerPosition::from_code(f.code()), Some(f));
            assert_eq!(Position::from_code(f.code()), Some(Position::Finger(f)));
            assert_ne!(f.hand(), f.mirror().hand());
            assert_eq!(f.mirror().mirror(), f);
        }
        assert_eq!(FingerPosition::from_code(0), None);
        assert_eq!(FingerPosition::from_code(11), None);
    }

    #[test]
    fn slaps_cover_each_finger_once() {
        let mut seen: Vec<FingerPosition> = [
            SlapPosition::RightFour,
            SlapPosition::LeftFour,
            SlapPosition::BothThumbs,
        ]
        .iter()
        .flat_map(|s| s.fingers().iter().copied())
        .collect();
        seen.sort();
        assert_eq!(seen, FingerPosition::ALL.to_vec());
    }

    #[test]
    fn palm_codes_round_trip() {
        for code in 21..=24 {
            let palm = PalmPosition::from_code(code).map(|p| p.code());
            assert_eq!(palm, Some(code));
        }
        assert_eq!(Position::from_code(20), None);
        assert_eq!(Position::from_code(25), None);
    }

    #[test]
    fn exception_reasons_separate_permanent_temporary_and_this_sitting() {
        assert_eq!(
            ExceptionReason::Amputated.permanence(),
            Permanence::Permanent
        );
        assert_eq!(
            ExceptionReason::NoPapillaryPattern.permanence(),
            Permanence::Permanent
        );
        assert_eq!(ExceptionReason::Injured.permanence(), Permanence::Temporary);
        assert_eq!(
            ExceptionReason::Bandaged.permanence(),
            Permanence::Temporary
        );
        assert_eq!(
            ExceptionReason::UnprintableAtThisSitting.permanence(),
            Permanence::ThisSitting
        );
    }
}
