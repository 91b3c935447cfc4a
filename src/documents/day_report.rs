//! The supervisor's end-of-day report: the day's registrations and
//! decisions, and the cases that needed a supervisor with their review.

use chrono::NaiveDate;

use super::pdf::{self, Pages};
use super::{DocumentError, Mission, Words};
use crate::i18n::{Lang, Localizer};
use crate::regulation::MessageArg;
use crate::store::{DayCase, DaySummary};

/// The report as PDF.
pub fn report(
    l: &Localizer,
    lang: Lang,
    mission: &Mission,
    day: NaiveDate,
    summary: &DaySummary,
    cases: &[DayCase],
    supervisor: &str,
) -> Result<Vec<u8>, DocumentError> {
    let w = Words { l, lang };
    let mut pages = Pages::new(&w.t("day-report-title"))?;
    pages.centred(&w.t("day-report-title"), pdf::TITLE);
    pages.centred(&mission.line(), pdf::BODY);
    pages.centred(&w.date(day), pdf::BODY);
    pages.space(8.0);
    pages.rule();
    for (key, count) in [
        ("day-report-registrations", summary.registrations),
        ("day-report-refusals", summary.refusals),
        ("day-report-exempt", summary.exempt),
        ("day-report-not-subject", summary.not_subject),
        ("day-report-verifications", summary.verifications),
        ("day-report-needs-review", summary.needs_review),
        ("day-report-reviewed", summary.reviewed),
    ] {
        pages.field(&w.t(key), &count.to_string());
    }
    pages.space(10.0);
    pages.paragraph(&w.t("day-report-cases"), pdf::HEADING);
    let shares = [0.16, 0.12, 0.34, 0.2, 0.18];
    pages.row(
        &[
            &w.t("day-report-col-number"),
            &w.t("day-report-col-time"),
            &w.t("day-report-col-attention"),
            &w.t("day-report-col-officer"),
            &w.t("day-report-col-review"),
        ],
        &shares,
        true,
    );
    if cases.is_empty() {
        pages.note(&w.t("day-report-no-cases"));
    }
    for case in cases {
        let attention: Vec<String> = case
            .attention
            .iter()
            .map(|a| w.t(a.message_key()))
            .collect();
        let review = match &case.reviewed_by {
            Some(by) => w.f(
                "day-report-reviewed-by",
                &[("name", MessageArg::Text(by.clone()))],
            ),
            None if case.attention.is_empty() => String::new(),
            None => w.t("day-report-not-reviewed"),
        };
        pages.row(
            &[
                &case.number,
                &case.time,
                &attention.join("; "),
                &case.officer,
                &review,
            ],
            &shares,
            false,
        );
    }
    pages.space(10.0);
    pages.signature(&w.f(
        "day-report-signature",
        &[("name", MessageArg::Text(supervisor.to_string()))],
    ));
    pages.finish(&|page, count| w.page_footer(page, count))
}
