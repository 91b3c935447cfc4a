//! The supervisor's desk beyond accounts and settings: the statistics with
//! their plots, the end-of-day review and its report, the audit log viewer
//! with its CSV export, and the mission's details. Every figure comes from
//! the store's typed queries; nothing here shows personal data but record
//! numbers and officers' names.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use eframe::egui;
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::design;
use crate::documents::{self, Mission, print::Delivered};
use crate::enrollment::parse_form_date;
use crate::enrollment::{
    AuditAction, AuditEntry, AuditFilter, Bucket, CheckFigures, CountRow, DayCase, DaySummary,
    Grouping, Office, OfficerRates, OutboxSummary, Period, RegistrationId,
};
use crate::i18n::{Lang, Localizer};
use crate::regulation::MessageArg;

use super::admin::{Failure, path_outcome, show_failure as failure_line, store_failure};

/// Period presets and a from–to pair typed as dates.
#[derive(Debug, Clone)]
pub struct PeriodPicker {
    pub from: String,
    pub to: String,
}

impl PeriodPicker {
    fn last_days(today: NaiveDate, days: i64, lang: Lang) -> Self {
        PeriodPicker {
            from: lang.date(today - Duration::days(days - 1)),
            to: lang.date(today),
        }
    }

    fn period(&self) -> Option<Period> {
        let from = parse_form_date(&self.from)?;
        let to = parse_form_date(&self.to)?;
        (from <= to).then_some(Period { from, to })
    }

    /// The presets and the two dates; true when the period changed.
    fn ui(&mut self, ui: &mut egui::Ui, l: &Localizer, lang: Lang, today: NaiveDate) -> bool {
        let t = |key: &str| l.text(lang, key);
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            for (key, days) in [
                ("stats-today", 1),
                ("stats-7-days", 7),
                ("stats-30-days", 30),
                ("stats-90-days", 90),
                ("stats-365-days", 365),
            ] {
                if design::secondary(ui, None, &t(key)).clicked() {
                    *self = PeriodPicker::last_days(today, days, lang);
                    changed = true;
                }
            }
        });
        ui.horizontal(|ui| {
            changed |= design::short_field(ui, &t("stats-from"), &mut self.from).lost_focus();
            changed |= design::short_field(ui, &t("stats-to"), &mut self.to).lost_focus();
            changed |= design::secondary(ui, None, &t("stats-show")).clicked();
        });
        changed
    }
}

struct StatsData {
    counts: Vec<CountRow>,
    rates: Vec<OfficerRates>,
    histogram: [u64; 10],
    checks: CheckFigures,
    outbox: Option<OutboxSummary>,
    officers: HashMap<i64, String>,
}

/// The statistics tab.
pub struct StatsView {
    picker: PeriodPicker,
    bucket: Bucket,
    grouping: Grouping,
    data: Option<Result<StatsData, Failure>>,
}

impl StatsView {
    pub fn new(today: NaiveDate, lang: Lang) -> Self {
        StatsView {
            picker: PeriodPicker::last_days(today, 30, lang),
            bucket: Bucket::Day,
            grouping: Grouping::Registry,
            data: None,
        }
    }

    fn load(&mut self, office: &Office) {
        let Some(period) = self.picker.period() else {
            self.data = Some(Err(("stats-bad-period", String::new())));
            return;
        };
        let read = || -> Result<StatsData, crate::enrollment::StoreError> {
            Ok(StatsData {
                counts: office.counts(period, self.bucket, self.grouping)?,
                rates: office.officer_rates(period)?,
                histogram: office.quality_histogram(period)?,
                checks: office.check_figures(period)?,
                outbox: office.outbox_summary().ok(),
                officers: office.officer_names()?,
            })
        };
        self.data = Some(read().map_err(|e| store_failure(&e)));
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        office: &Office,
        l: &Localizer,
        lang: Lang,
        today: NaiveDate,
    ) {
        let mut reload = self.data.is_none();
        reload |= self.picker.ui(ui, l, lang, today);
        reload |= self.grouping_ui(ui, l, lang);
        if reload {
            self.load(office);
        }
        let data = match &self.data {
            Some(Ok(data)) => data,
            Some(Err(failure)) => {
                failure_line(ui, l, lang, failure);
                return;
            }
            None => return,
        };
        counts_ui(ui, data, l, lang);
        checks_ui(ui, data, l, lang);
        rates_ui(ui, data, l, lang);
    }

    /// Per day, week or month; by registry or officer. True when changed.
    fn grouping_ui(&mut self, ui: &mut egui::Ui, l: &Localizer, lang: Lang) -> bool {
        let t = |key: &str| l.text(lang, key);
        let mut reload = false;
        ui.horizontal(|ui| {
            ui.label(t("stats-per"));
            for (bucket, key) in [
                (Bucket::Day, "stats-day"),
                (Bucket::Week, "stats-week"),
                (Bucket::Month, "stats-month"),
            ] {
                let chosen = self.bucket == bucket;
                if design::toggle(ui, chosen, &t(key)).clicked() && !chosen {
                    self.bucket = bucket;
                    reload = true;
                }
            }
            ui.separator();
            ui.label(t("stats-by"));
            for (grouping, key) in [
                (Grouping::Registry, "stats-by-registry"),
                (Grouping::Officer, "stats-by-officer"),
            ] {
                let chosen = self.grouping == grouping;
                if design::toggle(ui, chosen, &t(key)).clicked() && !chosen {
                    self.grouping = grouping;
                    reload = true;
                }
            }
        });
        reload
    }
}

/// The period's totals as key figures, and the registrations (stacked by
/// registry or officer) and the decisions per bucket as bar plots.
fn counts_ui(ui: &mut egui::Ui, data: &StatsData, l: &Localizer, lang: Lang) {
    let t = |key: &str| l.text(lang, key);
    let group_name = |group: &str| -> String {
        match group {
            "citizen" => t("ui-registry-citizens"),
            "foreigner" => t("ui-registry-foreigners"),
            other => other
                .parse::<i64>()
                .ok()
                .and_then(|id| data.officers.get(&id).cloned())
                .unwrap_or_else(|| other.to_string()),
        }
    };
    let plot_height = design::Design::of(ui.ctx()).sizes.plot_height;
    // Totals over the period.
    let total = |f: fn(&CountRow) -> u64| data.counts.iter().map(f).sum::<u64>();
    ui.horizontal_wrapped(|ui| {
        for (key, n) in [
            ("stats-registrations", total(|c| c.registrations)),
            ("stats-refusals", total(|c| c.refusals)),
            ("stats-exempt", total(|c| c.exempt)),
            ("stats-not-subject", total(|c| c.not_subject)),
        ] {
            design::figure(ui, &n.to_string(), &t(key));
        }
    });
    let mut buckets: Vec<&str> = data.counts.iter().map(|c| c.bucket.as_str()).collect();
    buckets.sort_unstable();
    buckets.dedup();
    let mut groups: Vec<&str> = data.counts.iter().map(|c| c.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let index: HashMap<&str, f64> = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| (*b, i as f64))
        .collect();
    let labels: Vec<String> = buckets.iter().map(|b| (*b).to_string()).collect();
    ui.columns(2, |columns| {
        let ui = &mut columns[0];
        ui.strong(t("stats-registrations-plot"));
        let mut charts: Vec<BarChart> = Vec::new();
        for group in &groups {
            let bars: Vec<Bar> = data
                .counts
                .iter()
                .filter(|c| c.group == *group)
                .map(|c| {
                    Bar::new(
                        index.get(c.bucket.as_str()).copied().unwrap_or(0.0),
                        c.registrations as f64,
                    )
                    .width(STACK_WIDTH)
                })
                .collect();
            let chart = {
                let refs: Vec<&BarChart> = charts.iter().collect();
                BarChart::new(group_name(group), bars).stack_on(&refs)
            };
            charts.push(chart);
        }
        bucket_plot("stats-registrations", labels.clone(), plot_height).show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
        let ui = &mut columns[1];
        ui.strong(t("stats-decisions-plot"));
        let series = |name: String, f: fn(&CountRow) -> u64, offset: f64| {
            let mut per: Vec<f64> = vec![0.0; buckets.len()];
            for c in &data.counts {
                if let Some(i) = index.get(c.bucket.as_str()) {
                    per[*i as usize] += f(c) as f64;
                }
            }
            BarChart::new(
                name,
                per.iter()
                    .enumerate()
                    .map(|(i, v)| Bar::new(i as f64 + offset, *v).width(SIDE_WIDTH))
                    .collect(),
            )
        };
        bucket_plot("stats-decisions", labels.clone(), plot_height).show(ui, |plot| {
            plot.bar_chart(series(t("stats-refusals"), |c| c.refusals, -SIDE_STEP));
            plot.bar_chart(series(t("stats-exempt"), |c| c.exempt, 0.0));
            plot.bar_chart(series(t("stats-not-subject"), |c| c.not_subject, SIDE_STEP));
        });
    });
}

/// The quality of accepted impressions, and the checks: verifications by
/// method, duplicate searches, alarms and overrides, the outbox.
fn checks_ui(ui: &mut egui::Ui, data: &StatsData, l: &Localizer, lang: Lang) {
    let t = |key: &str| l.text(lang, key);
    ui.columns(2, |columns| {
        let ui = &mut columns[0];
        ui.strong(t("stats-quality-plot"));
        let bars: Vec<Bar> = data
            .histogram
            .iter()
            .enumerate()
            .map(|(i, n)| Bar::new(i as f64 * 10.0 + 5.0, *n as f64).width(QUALITY_BAR_WIDTH))
            .collect();
        Plot::new("stats-quality")
            .height(design::Design::of(ui.ctx()).sizes.plot_height)
            .allow_scroll(false)
            .allow_drag(false)
            .allow_zoom(false)
            .include_y(0.0)
            .x_axis_label(t("stats-quality-axis"))
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new(t("stats-quality-plot"), bars));
            });
        let ui = &mut columns[1];
        ui.strong(t("stats-checks"));
        egui::Grid::new("stats-checks")
            .striped(true)
            .show(ui, |ui| {
                for (method, yes, no) in &data.checks.verifications {
                    ui.label(l.format(
                        lang,
                        "stats-verification-method",
                        &[("method", MessageArg::Text(method.clone()))],
                    ));
                    ui.label(l.format(
                        lang,
                        "stats-verified-counts",
                        &[
                            ("yes", MessageArg::Number(*yes as i64)),
                            ("no", MessageArg::Number(*no as i64)),
                        ],
                    ));
                    ui.end_row();
                }
                for (key, n) in [
                    ("stats-duplicate-searches", data.checks.duplicate_searches),
                    ("stats-duplicate-alarms", data.checks.duplicate_alarms),
                    ("stats-duplicate-overrides", data.checks.duplicate_overrides),
                    (
                        "stats-verification-overrides",
                        data.checks.verification_overrides,
                    ),
                ] {
                    ui.label(t(key));
                    ui.label(n.to_string());
                    ui.end_row();
                }
                if let Some(outbox) = &data.outbox {
                    for (state, key) in [
                        (
                            crate::enrollment::OutboxState::Queued,
                            "stats-outbox-queued",
                        ),
                        (
                            crate::enrollment::OutboxState::Exported,
                            "stats-outbox-exported",
                        ),
                        (
                            crate::enrollment::OutboxState::Rejected,
                            "stats-outbox-rejected",
                        ),
                    ] {
                        let n: i64 = outbox
                            .counts
                            .iter()
                            .filter(|(_, s, _)| *s == state)
                            .map(|(_, _, n)| n)
                            .sum();
                        ui.label(t(key));
                        ui.label(n.to_string());
                        ui.end_row();
                    }
                }
            });
    });
}

/// Exceptions, force-captures, palms and defect marks as rates per officer.
fn rates_ui(ui: &mut egui::Ui, data: &StatsData, l: &Localizer, lang: Lang) {
    let t = |key: &str| l.text(lang, key);
    ui.strong(t("stats-officer-rates"));
    let headers: Vec<String> = [
        "stats-officer",
        "stats-registrations",
        "stats-rate-exceptions",
        "stats-rate-force",
        "stats-rate-palms",
        "stats-rate-defect",
    ]
    .into_iter()
    .map(t)
    .collect();
    design::table(ui, "stats-rates", &headers, false, |ui| {
        for rates in &data.rates {
            let percent = |part: u64| format!("{:.1} %", rates.rate(part) * 100.0);
            ui.label(
                data.officers
                    .get(&rates.officer_id)
                    .cloned()
                    .unwrap_or_default(),
            );
            ui.label(rates.registrations.to_string());
            ui.label(percent(rates.with_exceptions));
            ui.label(percent(rates.with_force_capture));
            ui.label(percent(rates.with_palms));
            ui.label(percent(rates.with_defect_mark));
            ui.end_row();
        }
    });
}

/// Bars in plot units (a bucket is 1 wide, a quality band 10): a stacked
/// bar, and three bars side by side with their offset from the bucket.
const STACK_WIDTH: f64 = 0.7;
const SIDE_WIDTH: f64 = 0.25;
const SIDE_STEP: f64 = 0.27;
const QUALITY_BAR_WIDTH: f64 = 9.0;

/// A still plot of bars over the period's buckets, each labelled under
/// its bar.
fn bucket_plot(id: &str, labels: Vec<String>, height: f32) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .legend(Legend::default())
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 0.01 || i < 0.0 {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        })
}

/// The end-of-day tab: the day's cases, their review, the report.
pub struct DayView {
    day: String,
    cases: Option<Result<(DaySummary, Vec<DayCase>), Failure>>,
    printed: Option<Result<Delivered, Failure>>,
}

impl DayView {
    pub fn new(today: NaiveDate, lang: Lang) -> Self {
        DayView {
            day: lang.date(today),
            cases: None,
            printed: None,
        }
    }

    fn load(&mut self, office: &Office) {
        let Some(day) = parse_form_date(&self.day) else {
            self.cases = Some(Err(("stats-bad-period", String::new())));
            return;
        };
        self.cases = Some(
            office
                .day_summary(day)
                .and_then(|s| Ok((s, office.day_cases(day)?)))
                .map_err(|e| store_failure(&e)),
        );
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        office: &mut Office,
        l: &Localizer,
        lang: Lang,
        officer_id: i64,
        supervisor: &str,
    ) {
        let t = |key: &str| l.text(lang, key);
        let mut reload = self.cases.is_none();
        ui.horizontal(|ui| {
            reload |= design::short_field(ui, &t("day-pick"), &mut self.day).lost_focus();
            reload |= design::secondary(ui, None, &t("stats-show")).clicked();
        });
        if reload {
            self.load(office);
        }
        let (summary, cases) = match &self.cases {
            Some(Ok(found)) => found.clone(),
            Some(Err(failure)) => {
                failure_line(ui, l, lang, failure);
                return;
            }
            None => return,
        };
        day_summary_ui(ui, &summary, l, lang);
        let reviewed = day_cases_ui(ui, &cases, l, lang);
        if let Some(key) = reviewed {
            if let Err(e) = office.mark_reviewed(officer_id, &key, chrono::Utc::now()) {
                self.printed = Some(Err(store_failure(&e)));
            }
            self.load(office);
        }
        if design::secondary(ui, Some(design::icons::PRINT), &t("day-print-report")).clicked()
            && let Some(day) = parse_form_date(&self.day)
        {
            self.printed = Some(print_day_report(
                office, l, day, &summary, &cases, supervisor, officer_id,
            ));
        }
        match &self.printed {
            Some(Ok(Delivered::Printed)) => {
                design::note(ui, design::Tone::Success, &t("document-printed"));
            }
            Some(Ok(Delivered::Saved(path))) => {
                design::note(
                    ui,
                    design::Tone::Success,
                    &l.format(
                        lang,
                        "document-saved",
                        &[("path", MessageArg::Text(path.display().to_string()))],
                    ),
                );
            }
            Some(Err(failure)) => failure_line(ui, l, lang, failure),
            None => {}
        }
    }
}

/// The day's figures and how many of the cases needing a look are reviewed.
fn day_summary_ui(ui: &mut egui::Ui, summary: &DaySummary, l: &Localizer, lang: Lang) {
    ui.label(l.format(
        lang,
        "day-summary",
        &[
            (
                "registrations",
                MessageArg::Number(summary.registrations as i64),
            ),
            ("refusals", MessageArg::Number(summary.refusals as i64)),
            (
                "decisions",
                MessageArg::Number((summary.exempt + summary.not_subject) as i64),
            ),
            (
                "verifications",
                MessageArg::Number(summary.verifications as i64),
            ),
        ],
    ));
    ui.label(
        egui::RichText::new(l.format(
            lang,
            "day-review-progress",
            &[
                ("reviewed", MessageArg::Number(summary.reviewed as i64)),
                ("needing", MessageArg::Number(summary.needs_review as i64)),
            ],
        ))
        .strong(),
    );
}

/// The day's registrations, each with what needs a supervisor's look and
/// its review; returns the case the supervisor marked reviewed.
fn day_cases_ui(ui: &mut egui::Ui, cases: &[DayCase], l: &Localizer, lang: Lang) -> Option<String> {
    let t = |key: &str| l.text(lang, key);
    let mut reviewed = None;
    let headers: Vec<String> = [
        "day-report-col-number",
        "day-report-col-time",
        "day-report-col-attention",
        "day-report-col-officer",
        "day-report-col-review",
    ]
    .into_iter()
    .map(t)
    .collect();
    design::table(ui, "day-cases", &headers, true, |ui| {
        for case in cases {
            ui.label(&case.number);
            ui.label(&case.time);
            let attention: Vec<String> =
                case.attention.iter().map(|a| t(a.message_key())).collect();
            ui.label(attention.join("; "));
            ui.label(&case.officer);
            match &case.reviewed_by {
                Some(by) => {
                    design::tone_text(
                        ui,
                        design::Tone::Success,
                        &l.format(
                            lang,
                            "day-report-reviewed-by",
                            &[("name", MessageArg::Text(by.clone()))],
                        ),
                    );
                }
                None if case.needs_review() => {
                    let name = format!("{}: {}", case.number, t("day-mark-reviewed"));
                    if design::secondary(ui, None, &name).clicked() {
                        reviewed = Some(case.key.clone());
                    }
                }
                None => {
                    ui.label("");
                }
            }
            ui.end_row();
        }
    });
    reviewed
}

/// The report in the mission's documents language, printed or kept.
fn print_day_report(
    office: &mut Office,
    l: &Localizer,
    day: NaiveDate,
    summary: &DaySummary,
    cases: &[DayCase],
    supervisor: &str,
    officer_id: i64,
) -> Result<Delivered, Failure> {
    let lang = office.documents_language().map_err(|e| store_failure(&e))?;
    let mission = office.mission().map_err(|e| store_failure(&e))?;
    let pdf = documents::day_report::report(l, lang, &mission, day, summary, cases, supervisor)
        .map_err(|e| (e.message_key(), e.detail()))?;
    office
        .deliver_document(officer_id, &pdf, "day-report", &mission.code, day)
        .map_err(|e| (e.message_key(), e.detail()))
}

/// The audit log tab.
pub struct AuditView {
    officer: Option<i64>,
    action: Option<&'static str>,
    record: String,
    picker: PeriodPicker,
    entries: Option<Result<Vec<AuditEntry>, Failure>>,
    /// Officers' names, read with the entries (never each frame).
    officers: HashMap<i64, String>,
    chain: Option<Result<crate::enrollment::AuditVerification, Failure>>,
    csv_path: String,
    exported: Option<Result<String, Failure>>,
}

/// Entries the viewer shows at once (the CSV holds them all).
const AUDIT_PAGE: i64 = 500;

impl AuditView {
    pub fn new(today: NaiveDate, lang: Lang) -> Self {
        AuditView {
            officer: None,
            action: None,
            record: String::new(),
            picker: PeriodPicker::last_days(today, 7, lang),
            entries: None,
            officers: HashMap::new(),
            chain: None,
            csv_path: String::new(),
            exported: None,
        }
    }

    fn filter(&self) -> Result<AuditFilter, Failure> {
        let record = match self.record.trim() {
            "" => None,
            text => Some(
                text.parse::<RegistrationId>()
                    .map_err(|_| ("audit-bad-record", text.to_string()))?,
            ),
        };
        Ok(AuditFilter {
            officer_id: self.officer,
            action: self.action.map(str::to_string),
            record,
            period: Some(
                self.picker
                    .period()
                    .ok_or(("stats-bad-period", String::new()))?,
            ),
        })
    }

    fn load(&mut self, office: &Office) {
        self.officers = office.officer_names().unwrap_or_default();
        self.entries = Some(self.filter().and_then(|filter| {
            office
                .audit_filtered(&filter, AUDIT_PAGE)
                .map_err(|e| store_failure(&e))
        }));
        if self.chain.is_none() {
            self.chain = Some(office.verify_audit().map_err(|e| store_failure(&e)));
        }
    }

    /// Officer, action and record; true when the filter changed.
    fn filters_ui(&mut self, ui: &mut egui::Ui, l: &Localizer, lang: Lang) -> bool {
        let t = |key: &str| l.text(lang, key);
        let mut reload = false;
        let officers = self.officers.clone();
        let mut officer_ids: Vec<&i64> = officers.keys().collect();
        officer_ids.sort_unstable();
        ui.horizontal_wrapped(|ui| {
            let officer_label = ui.label(t("audit-officer"));
            let shown = self
                .officer
                .and_then(|id| officers.get(&id).cloned())
                .unwrap_or_else(|| t("audit-any"));
            egui::ComboBox::from_id_salt("audit-officer")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    reload |= ui
                        .selectable_value(&mut self.officer, None, t("audit-any"))
                        .changed();
                    for id in &officer_ids {
                        reload |= ui
                            .selectable_value(
                                &mut self.officer,
                                Some(**id),
                                officers.get(id).cloned().unwrap_or_default(),
                            )
                            .changed();
                    }
                })
                .response
                .labelled_by(officer_label.id);
            let action_label = ui.label(t("audit-action"));
            egui::ComboBox::from_id_salt("audit-action")
                .selected_text(
                    self.action
                        .map_or_else(|| t("audit-any"), |code| action_name(l, lang, code)),
                )
                .show_ui(ui, |ui| {
                    reload |= ui
                        .selectable_value(&mut self.action, None, t("audit-any"))
                        .changed();
                    for action in AuditAction::ALL {
                        reload |= ui
                            .selectable_value(
                                &mut self.action,
                                Some(action.code()),
                                action_name(l, lang, action.code()),
                            )
                            .changed();
                    }
                })
                .response
                .labelled_by(action_label.id);
            reload |= design::short_field(ui, &t("audit-record"), &mut self.record).lost_focus();
        });
        reload
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        office: &mut Office,
        l: &Localizer,
        lang: Lang,
        today: NaiveDate,
        officer_id: i64,
    ) {
        let t = |key: &str| l.text(lang, key);
        chain_ui(ui, self.chain.as_ref(), l, lang);
        let mut reload = self.entries.is_none();
        reload |= self.picker.ui(ui, l, lang, today);
        reload |= self.filters_ui(ui, l, lang);
        if reload {
            self.load(office);
        }
        match &self.entries {
            Some(Ok(entries)) => {
                ui.label(l.format(
                    lang,
                    "audit-shown",
                    &[("count", MessageArg::Number(entries.len() as i64))],
                ));
                entries_ui(ui, entries, &self.officers, l, lang);
            }
            Some(Err(failure)) => failure_line(ui, l, lang, failure),
            None => {}
        }
        ui.separator();
        design::text_row(
            ui,
            &t("audit-csv-file"),
            &mut self.csv_path,
            None,
            None,
            None,
        );
        if design::secondary(ui, Some(design::icons::FOLDER), &t("audit-export-csv")).clicked() {
            let path = std::path::PathBuf::from(self.csv_path.trim());
            self.exported = Some(if self.csv_path.trim().is_empty() {
                Err(("ui-path-required", String::new()))
            } else {
                self.filter().and_then(|filter| {
                    let csv = office
                        .audit_csv(officer_id, &filter)
                        .map_err(|e| store_failure(&e))?;
                    std::fs::write(&path, csv)
                        .map_err(|e| ("store-error-io", format!("{}: {e}", path.display())))?;
                    Ok(path.display().to_string())
                })
            });
        }
        path_outcome(ui, l, lang, &self.exported, "audit-exported");
    }
}

/// The audit chain's status: intact over N entries, or broken at entry N.
fn chain_ui(
    ui: &mut egui::Ui,
    chain: Option<&Result<crate::enrollment::AuditVerification, Failure>>,
    l: &Localizer,
    lang: Lang,
) {
    match chain {
        Some(Ok(v)) if v.intact() => {
            design::note(
                ui,
                design::Tone::Success,
                &l.format(
                    lang,
                    "audit-chain-intact",
                    &[("entries", MessageArg::Number(v.entries))],
                ),
            );
        }
        Some(Ok(v)) => {
            design::note(
                ui,
                design::Tone::Danger,
                &l.format(
                    lang,
                    "audit-chain-broken",
                    &[(
                        "entry",
                        MessageArg::Number(v.first_broken.unwrap_or_default()),
                    )],
                ),
            );
        }
        Some(Err(failure)) => failure_line(ui, l, lang, failure),
        None => {}
    }
}

/// The entries shown: number, time, officer, action (named), record.
fn entries_ui(
    ui: &mut egui::Ui,
    entries: &[AuditEntry],
    officers: &HashMap<i64, String>,
    l: &Localizer,
    lang: Lang,
) {
    // Each action's name once a frame, not once a row.
    let names: HashMap<&str, String> = AuditAction::ALL
        .iter()
        .map(|a| (a.code(), action_name(l, lang, a.code())))
        .collect();
    let t = |key: &str| l.text(lang, key);
    let headers: Vec<String> = [
        "audit-col-id",
        "audit-col-at",
        "audit-col-officer",
        "audit-col-action",
        "audit-col-record",
    ]
    .into_iter()
    .map(t)
    .collect();
    design::table(ui, "audit-entries", &headers, true, |ui| {
        for e in entries {
            ui.label(e.id.to_string());
            ui.label(e.at.get(..19).unwrap_or(&e.at).replace('T', " "));
            ui.label(
                e.officer_id
                    .and_then(|id| officers.get(&id).cloned())
                    .unwrap_or_default(),
            );
            let name = names
                .get(e.action.as_str())
                .cloned()
                .unwrap_or_else(|| action_name(l, lang, &e.action));
            ui.label(name).on_hover_text(&e.action);
            let record = match (e.registry.as_deref(), e.record_id) {
                (Some("citizen"), Some(id)) => format!("C-{id:06}"),
                (Some("foreigner"), Some(id)) => format!("F-{id:06}"),
                _ => String::new(),
            };
            ui.label(record);
            ui.end_row();
        }
    });
}

/// The mission's details, and the language its documents are printed in.
pub struct MissionView {
    mission: Mission,
    documents_lang: Lang,
    saved: Option<Result<(), Failure>>,
}

impl MissionView {
    pub fn new(office: &Office) -> Self {
        MissionView {
            mission: office.mission().unwrap_or_default(),
            documents_lang: office.documents_language().unwrap_or(Lang::Kk),
            saved: None,
        }
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        office: &mut Office,
        l: &Localizer,
        lang: Lang,
        officer_id: i64,
    ) {
        let t = |key: &str| l.text(lang, key);
        design::text_row(
            ui,
            &t("mission-name"),
            &mut self.mission.name,
            None,
            None,
            None,
        );
        design::text_row(
            ui,
            &t("mission-country"),
            &mut self.mission.country,
            None,
            None,
            None,
        );
        design::text_row(
            ui,
            &t("mission-city"),
            &mut self.mission.city,
            None,
            None,
            None,
        );
        design::text_row(
            ui,
            &t("mission-code"),
            &mut self.mission.code,
            None,
            None,
            None,
        );
        ui.horizontal(|ui| {
            ui.label(t("mission-documents-language"));
            for choice in [Lang::Kk, Lang::Ru] {
                let chosen = self.documents_lang == choice;
                if design::toggle(ui, chosen, choice.native_name()).clicked() {
                    self.documents_lang = choice;
                }
            }
        });
        design::weak(ui, &t("mission-details-help"));
        if design::secondary(ui, Some(design::icons::SAVE), &t("mission-save")).clicked() {
            self.saved = Some(if self.mission.name.trim().is_empty() {
                Err(("field-required", String::new()))
            } else {
                office
                    .save_mission(officer_id, &self.mission, self.documents_lang)
                    .map_err(|e| store_failure(&e))
            });
        }
        match &self.saved {
            Some(Ok(())) => {
                design::note(ui, design::Tone::Success, &t("mission-saved"));
            }
            Some(Err(failure)) => failure_line(ui, l, lang, failure),
            None => {}
        }
    }
}

/// The Fluent key naming an audit action (its stored code, in kebab case).
fn action_key(code: &str) -> String {
    format!("audit-act-{}", code.replace('_', "-"))
}

/// An audit action in the officer's language; an action this version does
/// not know (written by a newer one) shows its stored code.
fn action_name(l: &Localizer, lang: Lang, code: &str) -> String {
    let key = action_key(code);
    if l.has(lang, &key) {
        l.text(lang, &key)
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action the log can hold has a name in every language, so the
    /// viewer never shows a bare code for one of ours.
    #[test]
    fn every_audit_action_is_named_in_every_language() {
        let l = Localizer::new().expect("the shipped locales parse");
        let missing: Vec<String> = AuditAction::ALL
            .iter()
            .flat_map(|a| Lang::ALL.iter().map(move |lang| (a.code(), *lang)))
            .filter(|(code, lang)| !l.has(*lang, &action_key(code)))
            .map(|(code, lang)| format!("{code} ({})", lang.code()))
            .collect();
        assert!(missing.is_empty(), "unnamed: {missing:?}");
        // A code this version does not know is shown as it is.
        assert_eq!(
            action_name(&l, Lang::En, "from_the_future"),
            "from_the_future"
        );
        assert_eq!(action_name(&l, Lang::Ru, "logout"), "Выход");
    }
}
