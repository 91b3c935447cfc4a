/// A value handed to a Fluent message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageArg {
    /// A code the message selects on (`diplomatic_courier`), or free text
    /// entered by the officer (a medical conclusion number).
    Text(String),
    /// A number the message may pluralise on.
    Number(i64),
}

/// One sentence of an officer-facing explanation: a Fluent message id and its
/// arguments. `regulation` names what to say; `i18n` says it in kk/ru/en.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The Fluent message id.
    pub key: &'static str,
    /// The message's arguments by name.
    pub args: Vec<(&'static str, MessageArg)>,
}

impl Explanation {
    /// A sentence of message `key` without arguments.
    pub fn new(key: &'static str) -> Self {
        Explanation {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the text argument `name`.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, MessageArg::Text(value.into())));
        self
    }

    /// Adds the number argument `name`.
    pub fn number(mut self, name: &'static str, value: i64) -> Self {
        self.args.push((name, MessageArg::Number(value)));
        self
    }
}
