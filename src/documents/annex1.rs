//! The written application of a legal representative (п.8) or a guardian
//! (п.9) "in the form of Annex 1 to the Registration Rules", pre-filled
//! from the case, printed for the handwritten signature and kept on paper.
//!
//! The exact Annex-1 form is not in the material we have: it is laid out
//! from what п.8 and п.9 require — who applies and in what capacity, the
//! identity document and the document of the authority, who is to be
//! registered, the mission, the date, the signature — and its every word
//! is one Fluent resource (`locales/{kk,ru,en}/annex1.ftl`) that the
//! ministry's wording can replace. The version printed (the language and
//! a digest of that resource) is saved with the registration.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::pdf::{self, Pages};
use super::{DocumentError, Mission, Words, full_name};
use crate::i18n::{Lang, Localizer};
use crate::model::{FullName, Representative, RepresentativeKind};
use crate::regulation::MessageArg;

/// Who is to be registered on the application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub name: FullName,
    pub birth_date: NaiveDate,
}

/// The form's version: its language and the first 8 hex digits of the
/// SHA-256 of its Fluent resource (a replaced wording is a new version).
pub fn form_version(lang: Lang) -> String {
    let source = lang
        .sources()
        .iter()
        .find(|(file, _)| *file == "annex1.ftl")
        .map_or("", |(_, source)| *source);
    let digest = Sha256::digest(source.as_bytes());
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("annex1-{}-{hex}", lang.code())
}

/// The application as PDF, and the form version printed.
#[expect(
    clippy::too_many_lines,
    reason = "the printed form's layout, top to bottom, as Annex 1 lays it out"
)]
pub fn application(
    l: &Localizer,
    lang: Lang,
    mission: &Mission,
    representative: &Representative,
    subject: &Subject,
    date: NaiveDate,
) -> Result<(Vec<u8>, String), DocumentError> {
    let w = Words { l, lang };
    let version = form_version(lang);
    let guardian = representative.kind == RepresentativeKind::Guardian;
    let rep_name = full_name(&representative.name);
    let person = full_name(&subject.name);
    let mut pages = Pages::new(&w.t("annex1-footer-title"))?;
    pages.right(&w.t("annex1-annex-line"), pdf::SMALL);
    pages.space(10.0);
    pages.right(
        &w.f(
            "annex1-addressee",
            &[("mission", MessageArg::Text(mission.line()))],
        ),
        pdf::BODY,
    );
    pages.right(
        &w.f(
            "annex1-from",
            &[("representative", MessageArg::Text(rep_name.clone()))],
        ),
        pdf::BODY,
    );
    pages.space(18.0);
    pages.centred(&w.t("annex1-title"), pdf::TITLE);
    pages.space(8.0);
    let args = [
        ("representative", MessageArg::Text(rep_name.clone())),
        ("person", MessageArg::Text(person.clone())),
        ("birth", MessageArg::Text(w.date(subject.birth_date))),
    ];
    pages.paragraph(
        &w.f(
            if guardian {
                "annex1-body-guardian"
            } else {
                "annex1-body-legal-representative"
            },
            &args,
        ),
        pdf::BODY,
    );
    pages.space(10.0);
    pages.paragraph(&w.t("annex1-section-applicant"), pdf::HEADING);
    pages.rule();
    pages.field(&w.t("annex1-name"), &rep_name);
    pages.field(
        &w.t("annex1-capacity"),
        &w.t(if guardian {
            "annex1-capacity-guardian"
        } else {
            "annex1-capacity-legal-representative"
        }),
    );
    let id = &representative.identity_document;
    pages.field(
        &w.t("annex1-identity-document"),
        &w.f(
            "annex1-document-line",
            &[
                ("number", MessageArg::Text(id.number.clone())),
                ("issued", MessageArg::Text(w.date(id.issue_date))),
                ("authority", MessageArg::Text(id.issuing_authority.clone())),
            ],
        ),
    );
    pages.field(&w.t("annex1-identity-expiry"), &w.date(id.expiry_date));
    let authority = &representative.authority_document;
    pages.field(
        &w.t(if guardian {
            "annex1-guardianship-document"
        } else {
            "annex1-authority-document"
        }),
        &w.f(
            "annex1-authority-line",
            &[
                ("title", MessageArg::Text(authority.title.clone())),
                ("number", MessageArg::Text(authority.number.clone())),
                ("issued", MessageArg::Text(w.date(authority.issue_date))),
                (
                    "authority",
                    MessageArg::Text(authority.issuing_authority.clone()),
                ),
            ],
        ),
    );
    pages.space(8.0);
    pages.paragraph(
        &w.t(if guardian {
            "annex1-section-ward"
        } else {
            "annex1-section-child"
        }),
        pdf::HEADING,
    );
    pages.rule();
    pages.field(&w.t("annex1-name"), &person);
    pages.field(&w.t("annex1-birth-date"), &w.date(subject.birth_date));
    pages.space(8.0);
    pages.paragraph(
        &w.t(if guardian {
            "annex1-presence-guardian"
        } else {
            "annex1-presence-legal-representative"
        }),
        pdf::BODY,
    );
    pages.space(6.0);
    pages.field(&w.t("annex1-mission"), &mission.line());
    pages.field(&w.t("annex1-date"), &w.date(date));
    pages.signature(&w.f(
        "annex1-signature",
        &[("representative", MessageArg::Text(rep_name))],
    ));
    pages.signature(&w.t("annex1-received-by"));
    pages.space(10.0);
    pages.note(&w.f(
        "annex1-version-note",
        &[("version", MessageArg::Text(version.clone()))],
    ));
    let pdf = pages.finish(&|page, count| w.page_footer(page, count))?;
    Ok((pdf, version))
}
