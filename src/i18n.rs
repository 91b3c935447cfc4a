//! All user-visible text, in Kazakh (the default), Russian and English, from
//! the Fluent files in `locales/`. The files are compiled into the binary so
//! that the kiosk and the headless commands never depend on where they run.

use std::borrow::Cow;
use std::fmt;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use unic_langid::{LanguageIdentifier, langid};

use crate::regulation::{Explanation, MessageArg};

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Қазақша — the default.
    #[default]
    Kk,
    /// Русский.
    Ru,
    /// English.
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The code of the locale folder and of JSON keys: `kk`, `ru`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's own name, as the language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// A date as this language shows it: `DD.MM.YYYY` (how Kazakh and
    /// Russian write dates, and unambiguous in English too).
    pub fn date(self, date: chrono::NaiveDate) -> String {
        date.format("%d.%m.%Y").to_string()
    }

    /// The hint inside an empty date field.
    pub fn date_hint(self) -> &'static str {
        match self {
            Lang::Kk => "КК.АА.ЖЖЖЖ",
            Lang::Ru => "ДД.ММ.ГГГГ",
            Lang::En => "DD.MM.YYYY",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::Kk => langid!("kk"),
            Lang::Ru => langid!("ru"),
            Lang::En => langid!("en"),
        }
    }

    /// The Fluent files of this language, as shipped: (file name, source).
    /// `beder.ftl` holds the product's words, `countries.ftl` the names of
    /// states (ISO 3166-1), `annex1.ftl` the words of the Annex-1
    /// application form (one resource the ministry's wording can replace).
    pub fn sources(self) -> [(&'static str, &'static str); 3] {
        match self {
            Lang::Kk => [
                ("beder.ftl", include_str!("../locales/kk/beder.ftl")),
                ("countries.ftl", include_str!("../locales/kk/countries.ftl")),
                ("annex1.ftl", include_str!("../locales/kk/annex1.ftl")),
            ],
            Lang::Ru => [
                ("beder.ftl", include_str!("../locales/ru/beder.ftl")),
                ("countries.ftl", include_str!("../locales/ru/countries.ftl")),
                ("annex1.ftl", include_str!("../locales/ru/annex1.ftl")),
            ],
            Lang::En => [
                ("beder.ftl", include_str!("../locales/en/beder.ftl")),
                ("countries.ftl", include_str!("../locales/en/countries.ftl")),
                ("annex1.ftl", include_str!("../locales/en/annex1.ftl")),
            ],
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The localization key of an operating-system error, by its kind: the
/// officer reads "the file does not exist", never the OS's English text.
pub fn io_error_key(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind;
    match kind {
        ErrorKind::NotFound => "io-error-not-found",
        ErrorKind::PermissionDenied => "io-error-permission",
        ErrorKind::IsADirectory => "io-error-not-a-file",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "io-error-disk-full",
        ErrorKind::ReadOnlyFilesystem => "io-error-read-only",
        ErrorKind::AlreadyExists => "io-error-exists",
        ErrorKind::InvalidFilename => "io-error-bad-name",
        ErrorKind::UnexpectedEof | ErrorKind::InvalidData => "io-error-damaged",
        _ => "io-error-other",
    }
}

/// The shipped Fluent files are broken; only a build with edited locales can
/// meet this, and the locale tests catch it first.
#[derive(Debug, Error)]
#[error("the {lang} messages cannot be loaded: {detail}")]
pub struct LocalesError {
    pub lang: Lang,
    pub detail: String,
}

/// Renders message ids in each language.
pub struct Localizer {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer").finish_non_exhaustive()
    }
}

impl Localizer {
    /// Loads the three shipped languages.
    pub fn new() -> Result<Localizer, LocalesError> {
        let mut bundles = Vec::with_capacity(Lang::ALL.len());
        for lang in Lang::ALL {
            let mut bundle = FluentBundle::new(vec![lang.langid()]);
            // egui would draw the Unicode isolation marks as boxes.
            bundle.set_use_isolating(false);
            for (file, source) in lang.sources() {
                let resource =
                    FluentResource::try_new(source.to_string()).map_err(|(_, errors)| {
                        LocalesError {
                            lang,
                            detail: format!(
                                "{file}: {} syntax error(s), first: {:?}",
                                errors.len(),
                                errors.first()
                            ),
                        }
                    })?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| LocalesError {
                        lang,
                        detail: format!("{file}: {} duplicate message(s)", errors.len()),
                    })?;
            }
            bundles.push((lang, bundle));
        }
        Ok(Localizer { bundles })
    }

    fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
    }

    /// Whether `key` is a message of `lang`.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle(lang).is_some_and(|b| b.has_message(key))
    }

    /// The text of `key` in `lang` with `args`. A missing message renders as
    /// its id (a test makes sure none is missing).
    pub fn format(&self, lang: Lang, key: &str, args: &[(&str, MessageArg)]) -> String {
        let Some(bundle) = self.bundle(lang) else {
            return key.to_string();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value: FluentValue = match value {
                MessageArg::Text(text) => FluentValue::String(Cow::Owned(text.clone())),
                MessageArg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// A message without arguments.
    pub fn text(&self, lang: Lang, key: &str) -> String {
        self.format(lang, key, &[])
    }

    /// The sentences of an explanation, joined with spaces.
    pub fn explain(&self, lang: Lang, parts: &[Explanation]) -> String {
        parts
            .iter()
            .map(|part| self.format(lang, part.key, &part.args))
            .collect::<Vec<_>>()
            .join(" ")
    }
}
