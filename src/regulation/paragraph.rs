use std::fmt;

/// A paragraph (and sub-paragraph) of the Rules, e.g. `п.4.2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Paragraph {
    /// The paragraph's number (the 4 of п.4.2).
    pub number: u8,
    /// Its sub-paragraph, if any (the 2 of п.4.2).
    pub sub: Option<u8>,
}

impl Paragraph {
    /// A whole paragraph (п.10).
    pub const fn new(number: u8) -> Self {
        Paragraph { number, sub: None }
    }

    /// A sub-paragraph (п.4.2).
    pub const fn sub(number: u8, sub: u8) -> Self {
        Paragraph {
            number,
            sub: Some(sub),
        }
    }

    /// The citation as the officer reads it: `п.4.2`.
    pub fn citation(self) -> String {
        format!("п.{self}")
    }
}

impl fmt::Display for Paragraph {
    /// The bare number, `4.2`, as the JSON contracts carry it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            Some(sub) => write!(f, "{}.{}", self.number, sub),
            None => write!(f, "{}", self.number),
        }
    }
}

pub const P3_1: Paragraph = Paragraph::sub(3, 1);
pub const P3_2: Paragraph = Paragraph::sub(3, 2);
pub const P4_1: Paragraph = Paragraph::sub(4, 1);
pub const P4_2: Paragraph = Paragraph::sub(4, 2);
pub const P4_3: Paragraph = Paragraph::sub(4, 3);
pub const P4_4: Paragraph = Paragraph::sub(4, 4);
pub const P5: Paragraph = Paragraph::new(5);
pub const P8: Paragraph = Paragraph::new(8);
pub const P9: Paragraph = Paragraph::new(9);
pub const P10: Paragraph = Paragraph::new(10);
pub const P11: Paragraph = Paragraph::new(11);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_number_and_citation() {
        assert_eq!(P4_2.to_string(), "4.2");
        assert_eq!(P10.to_string(), "10");
        assert_eq!(P3_1.citation(), "п.3.1");
    }
}
