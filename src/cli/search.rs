//! `beder search` (a ten-finger probe against everyone enrolled) and
//! `beder bench-search` (the same search in a synthetic registry of
//! 100,000 persons, timed).

use std::path::Path;
use std::time::Instant;

use beder::biometrics::search::{
    Candidate, CandidateFinger, DEFAULT_SHORTLIST, Gallery, Probe, SearchOptions, search,
};
use beder::biometrics::synth::minutiae::synthetic_person;
use beder::biometrics::template::FingerTemplate;
use beder::enrollment::gallery_from_store;
use beder::model::{FingerPosition, Registry};
use beder::regulation::MessageArg;
use beder::store::{AuditAction, AuditEvent, RegistrationId};
use clap::Args;
use serde::Serialize;

use super::biometrics::{FingerFile, check_ppi, json, read_finger_file, template_of, text};
use super::store::{StoreOptions, open, store_error};
use super::{CliError, Context, print_line};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The probe's fingers: ISO/IEC 19794-2 files (their finger positions
    /// are read from them), or images as POSITION=FILE, POSITION being the
    /// ISO finger code 1–10 (1 right thumb … 6 left thumb … 10 left little).
    #[arg(required = true, value_name = "[POSITION=]FILE")]
    probe: Vec<String>,
    /// Resolution of the images, pixels per inch.
    #[arg(long, default_value_t = 500)]
    ppi: u16,
    /// Persons the pre-filter passes to the matcher.
    #[arg(long, default_value_t = DEFAULT_SHORTLIST)]
    shortlist: usize,
    /// How many of the best-scored compared persons to list besides the
    /// candidates.
    #[arg(long, default_value_t = 5)]
    top: usize,
}

#[derive(Serialize)]
struct FoundPerson {
    registry: &'static str,
    registration_id: i64,
    score: f32,
    matched_fingers: usize,
    compared_fingers: usize,
    fingers: Vec<CandidateFinger>,
}

#[derive(Serialize)]
struct SearchOutput {
    gallery_persons: usize,
    gallery_fingers: usize,
    skipped_templates: usize,
    probe_fingers: usize,
    /// The persons the probe is (two fingers at the matcher's threshold),
    /// best fused score first.
    candidates: Vec<FoundPerson>,
    /// The best-scored persons compared, candidates or not.
    top: Vec<FoundPerson>,
    load_ms: f64,
    prefilter_ms: f64,
    matcher_ms: f64,
}

fn position_of(code: &str) -> Option<FingerPosition> {
    let n: u8 = code.trim().parse().ok()?;
    FingerPosition::ALL.into_iter().find(|p| *p as u8 == n)
}

/// The probe's templates from the command line's arguments.
fn probe_templates(args: &[String], ppi: u16) -> Result<Vec<FingerTemplate>, CliError> {
    let mut out = Vec::new();
    for arg in args {
        // A path may hold '=' itself: only digits before it name a finger.
        let (position, path) = match arg
            .split_once('=')
            .filter(|(code, _)| !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
        {
            Some((code, path)) => match position_of(code) {
                Some(p) => (Some(p), Path::new(path)),
                None => {
                    return Err(CliError::input(
                        "cli-error-search-position",
                        vec![("value", text(code))],
                    ));
                }
            },
            None => (None, Path::new(arg.as_str())),
        };
        match read_finger_file(path, ppi)? {
            FingerFile::Iso(templates) => {
                for mut t in templates {
                    if position.is_some() {
                        t.position = position;
                    }
                    if t.position.is_none() {
                        return Err(CliError::input(
                            "cli-error-search-no-position",
                            vec![("path", text(path.display().to_string()))],
                        ));
                    }
                    out.push(t);
                }
            }
            FingerFile::Image(image) => {
                let Some(position) = position else {
                    return Err(CliError::input(
                        "cli-error-search-no-position",
                        vec![("path", text(path.display().to_string()))],
                    ));
                };
                let mut template = template_of(&image, path)?.0;
                template.position = Some(position);
                out.push(template);
            }
        }
    }
    // One impression a finger: the same finger given twice would count as
    // two matched fingers and defeat the two-finger rule.
    let mut seen = std::collections::BTreeSet::new();
    for t in &out {
        if let Some(position) = t.position
            && !seen.insert(position)
        {
            return Err(CliError::input(
                "cli-error-search-duplicate-position",
                vec![("value", MessageArg::Number(i64::from(position.code())))],
            ));
        }
    }
    Ok(out)
}

fn found(id: &RegistrationId, candidate: &Candidate<RegistrationId>) -> FoundPerson {
    FoundPerson {
        registry: match id.registry {
            Registry::Citizen => "citizen",
            Registry::Foreigner => "foreigner",
        },
        registration_id: id.id,
        score: candidate.score,
        matched_fingers: candidate.matched_fingers,
        compared_fingers: candidate.compared_fingers,
        fingers: candidate.fingers.clone(),
    }
}

pub fn run_search(args: &SearchArgs, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    let ppi = check_ppi(args.ppi)?;
    let templates = probe_templates(&args.probe, ppi)?;
    if args.shortlist == 0 {
        return Err(CliError::input("cli-error-search-shortlist", Vec::new()));
    }
    let mut store = open(options)?;
    // The search is recorded in the log: never appended to a broken one.
    store.require_intact_log().map_err(store_error)?;
    let started = Instant::now();
    let (gallery, skipped) = gallery_from_store(&store).map_err(store_error)?;
    let load_ms = started.elapsed().as_secs_f64() * 1e3;
    let probe = Probe::new(&templates);
    let outcome = search(
        &gallery,
        &probe,
        SearchOptions {
            shortlist: args.shortlist,
            threads: 0,
        },
    );
    store
        .audit(AuditEvent::new(AuditAction::DuplicateSearch))
        .map_err(store_error)?;
    print_line(&json(&SearchOutput {
        gallery_persons: gallery.len(),
        gallery_fingers: gallery.fingers(),
        skipped_templates: skipped,
        probe_fingers: templates.len(),
        candidates: outcome
            .candidates
            .iter()
            .map(|c| found(&c.key, c))
            .collect(),
        top: outcome
            .compared
            .iter()
            .take(args.top)
            .map(|c| found(&c.key, c))
            .collect(),
        load_ms,
        prefilter_ms: outcome.prefilter_ms,
        matcher_ms: outcome.matcher_ms,
    })?)
}

#[derive(Debug, Args)]
pub struct BenchSearchArgs {
    /// Persons in the synthetic registry, ten fingers each.
    #[arg(long, default_value_t = 100_000)]
    persons: usize,
    /// Ten-finger searches to time (each for a different enrolled person).
    #[arg(long, default_value_t = 9)]
    searches: usize,
    /// Persons the pre-filter passes to the matcher.
    #[arg(long, default_value_t = DEFAULT_SHORTLIST)]
    shortlist: usize,
    /// Threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

#[derive(Serialize)]
struct BenchSearchOutput {
    persons: usize,
    fingers: usize,
    threads: usize,
    build_s: f64,
    searches: usize,
    /// The searched person came first among the candidates.
    found_first: usize,
    /// The searched person was among the candidates at all.
    found: usize,
    /// Strangers reported as candidates, over all searches.
    false_candidates: usize,
    median_ms: f64,
    min_ms: f64,
    max_ms: f64,
    median_prefilter_ms: f64,
    median_matcher_ms: f64,
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// The largest synthetic registry: twice the target's 100,000 persons.
/// Memory grows with it (codes and cylinders of every finger); an
/// unbounded count would only exhaust it.
const MAX_BENCH_PERSONS: usize = 200_000;

/// The most searches and threads one run takes.
const MAX_BENCH_SEARCHES: usize = 10_000;
const MAX_BENCH_THREADS: usize = 256;

pub fn run_bench_search(args: &BenchSearchArgs, _: &Context) -> Result<(), CliError> {
    if !(1..=MAX_BENCH_PERSONS).contains(&args.persons)
        || !(1..=MAX_BENCH_SEARCHES).contains(&args.searches)
        || args.threads > MAX_BENCH_THREADS
        || args.shortlist == 0
    {
        return Err(CliError::input(
            "cli-error-bench-search",
            vec![
                ("persons", MessageArg::Number(MAX_BENCH_PERSONS as i64)),
                ("searches", MessageArg::Number(MAX_BENCH_SEARCHES as i64)),
                ("threads", MessageArg::Number(MAX_BENCH_THREADS as i64)),
            ],
        ));
    }
    let threads = if args.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        args.threads
    };
    let started = Instant::now();
    let mut gallery: Gallery<usize> = Gallery::new();
    // In slices, so that the templates of all 100,000 persons are never
    // held twice.
    let slice = 10_000;
    for start in (0..args.persons).step_by(slice) {
        let end = (start + slice).min(args.persons);
        let persons: Vec<(usize, Vec<FingerTemplate>)> =
            (start..end).map(|p| (p, synthetic_person(p, 0))).collect();
        gallery.extend(persons);
    }
    let build_s = started.elapsed().as_secs_f64();
    let mut totals = Vec::new();
    let mut prefilters = Vec::new();
    let mut matchers = Vec::new();
    let (mut found_first, mut found, mut false_candidates) = (0, 0, 0);
    for k in 0..args.searches {
        // Spread over the registry, first and last included.
        let person = if args.searches == 1 {
            args.persons / 2
        } else {
            k * (args.persons - 1) / (args.searches - 1)
        };
        let probe_fingers = synthetic_person(person, 1);
        let started = Instant::now();
        let probe = Probe::new(&probe_fingers);
        let outcome = search(
            &gallery,
            &probe,
            SearchOptions {
                shortlist: args.shortlist,
                threads,
            },
        );
        totals.push(started.elapsed().as_secs_f64() * 1e3);
        prefilters.push(outcome.prefilter_ms);
        matchers.push(outcome.matcher_ms);
        if outcome.candidates.first().is_some_and(|c| c.key == person) {
            found_first += 1;
        }
        if outcome.candidates.iter().any(|c| c.key == person) {
            found += 1;
        }
        false_candidates += outcome
            .candidates
            .iter()
            .filter(|c| c.key != person)
            .count();
    }
    let min_ms = totals.iter().copied().fold(f64::MAX, f64::min);
    let max_ms = totals.iter().copied().fold(0.0, f64::max);
    print_line(&json(&BenchSearchOutput {
        persons: gallery.len(),
        fingers: gallery.fingers(),
        threads,
        build_s,
        searches: args.searches,
        found_first,
        found,
        false_candidates,
        median_ms: median(&mut totals),
        min_ms,
        max_ms,
        median_prefilter_ms: median(&mut prefilters),
        median_matcher_ms: median(&mut matchers),
    })?)
}
