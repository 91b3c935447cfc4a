//! Every locale parses and has exactly the message ids of the others, and every
//! message id the code uses exists.

use std::collections::BTreeSet;

use beder::i18n::{Lang, Localizer};
use beder::model::{ExceptionReason, FingerPosition};
use fluent_syntax::ast::Entry;
use fluent_syntax::parser::parse;

fn ids(lang: Lang) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (file, source) in lang.sources() {
        let resource = parse(source).unwrap_or_else(|(_, errors)| {
            panic!(
                "{lang}/{file}: {} syntax errors, first {:?}",
                errors.len(),
                errors.first()
            )
        });
        for entry in &resource.body {
            let id = match entry {
                Entry::Message(m) => m.id.name.to_string(),
                Entry::Term(t) => format!("-{}", t.id.name),
                _ => continue,
            };
            assert!(ids.insert(id.clone()), "{lang}: {id} is defined twice");
        }
    }
    ids
}

#[test]
fn every_locale_has_the_same_message_ids() {
    let kk = ids(Lang::Kk);
    assert!(kk.len() > 50, "kk has only {} messages", kk.len());
    for lang in [Lang::Ru, Lang::En] {
        let other = ids(lang);
        let missing: Vec<_> = kk.difference(&other).collect();
        let extra: Vec<_> = other.difference(&kk).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has ids kk lacks: {extra:?}");
    }
}

#[test]
fn the_locale_folder_matches_what_is_compiled_in() {
    for lang in Lang::ALL {
        let folder = format!("{}/locales/{}", env!("CARGO_MANIFEST_DIR"), lang.code());
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{folder}: {e}"))
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".ftl"))
            .collect();
        files.sort();
        let mut compiled: Vec<&str> = lang.sources().iter().map(|(f, _)| *f).collect();
        compiled.sort_unstable();
        assert_eq!(files, compiled, "{folder}: every file is compiled in");
        for (file, source) in lang.sources() {
            let path = format!("{folder}/{file}");
            let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(on_disk, source, "{path}");
        }
    }
}

/// Every `"xxx-yyy"` message id literal in the sources exists in every locale.
#[test]
fn every_message_id_used_in_code_exists() {
    let localizer = Localizer::new().unwrap_or_else(|e| panic!("{e}"));
    let known = ids(Lang::Kk);
    let mut used = BTreeSet::new();
    let prefixes = [
        "decision-",
        "ground-",
        "requires-",
        "plan-",
        "note-",
        "error-",
        "iin-error-",
        "cli-",
        "finger-",
        "exception-",
        "app-",
        "ui-",
        "field-",
        "flow-",
        "capture-",
        "photo-",
        "store-",
        "scanner-",
        "verification-",
        "auth-",
        "extract-",
        "country-",
        "force-",
        "palm-",
    ];
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path)
                .unwrap_or_else(|e| panic!("{e}"))
                .flatten()
            {
                stack.push(entry.path());
            }
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for piece in text.split('"').skip(1).step_by(2) {
            let looks_like_id = prefixes.iter().any(|p| piece.starts_with(p))
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && piece.len() > 4;
            if looks_like_id {
                used.insert(piece.to_string());
            }
        }
    }
    assert!(used.len() > 30, "found only {} ids in the code", used.len());
    for id in &used {
        assert!(
            known.contains(id),
            "`{id}` is used in code but missing from the locales"
        );
        for lang in Lang::ALL {
            assert!(localizer.has(lang, id), "{lang} lacks {id}");
        }
    }
    for finger in FingerPosition::ALL {
        assert!(known.contains(finger.message_key()));
    }
    for reason in ExceptionReason::ALL {
        assert!(known.contains(reason.message_key()));
    }
}

#[test]
fn kazakh_is_the_default_and_renders_its_letters() {
    assert_eq!(Lang::default(), Lang::Kk);
    let localizer = Localizer::new().unwrap_or_else(|e| panic!("{e}"));
    let text = localizer.text(Lang::Kk, "finger-right-little");
    assert!(
        text.contains('ң') || text.contains('қ') || text.contains('ы'),
        "{text}"
    );
    // No Unicode isolation marks: egui would draw them as boxes.
    let with_arg = localizer.format(
        Lang::Kk,
        "decision-collect",
        &[("age", beder::regulation::MessageArg::Number(30))],
    );
    assert!(with_arg.contains("30"));
    assert!(!with_arg.contains('\u{2068}') && !with_arg.contains('\u{2069}'));
}
