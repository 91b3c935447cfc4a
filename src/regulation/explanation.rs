/// A value handed to a Fluent message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageArg {
    /// A code the message selects on (`diplomatic_courier`), or free text
    /// entered by the officer (a medical conclusion number).
    Text(String),
    Number(i64),
}

/// One sentence of an officer-facing explanation: a Fluent message id and its
/// arguments. `regulation` names what to say; `i18n` says it in kk/ru/en.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub key: &'static str,
    pub args: Vec<(&'static str, MessageArg)>,
}

impl Explanation {
    pub fn new(key: &'static str) -> Self {
        Explanation {
            key,
            args: Vec::new(),
        }
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, MessageArg::Text(value.into())));
        self
    }

    pub fn number(mut self, name: &'static str, value: i64) -> Self {
        self.args.push((name, MessageArg::Number(value)));
        self
    }
}
