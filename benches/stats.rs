//! The supervisor's figures on a mirror of 1,000,000 registrations (with
//! 33,333 decisions and 20,000 refusals) spread over two years and five
//! officers: each query the statistics screen makes for a month and for a
//! year, and the end-of-day review of one day. The screen's target: each
//! within 300 ms.
//!
//! The mirror is written once in SQL (a minute) into `target/bench-data/`
//! and reused.

use std::hint::black_box;
use std::path::PathBuf;

use beder::model::{FullName, OfficerRole};
use beder::store::{Bucket, Grouping, KdfParams, Mode, NewOfficer, Period, Store};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

const REGISTRATIONS: u64 = 1_000_000;
const DAYS: u32 = 730;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default()
}

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target
        .join("bench-data")
        .join(format!("figures-{REGISTRATIONS}-v1"))
}

fn open_mirror() -> Store {
    let dir = data_dir();
    if let Ok(store) = Store::open(&dir, Mode::Training, "bench passphrase") {
        return store;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let started = std::time::Instant::now();
    let mut store = Store::create(
        &dir,
        Mode::Training,
        "bench passphrase",
        KdfParams::insecure_fast_for_tests(),
    )
    .unwrap_or_else(|e| panic!("cannot create the mirror: {e}"));
    let officers: Vec<i64> = (1..=5)
        .map(|k| {
            store
                .create_officer(
                    None,
                    &NewOfficer {
                        name: FullName {
                            surname: format!("Officer{k}"),
                            name: "Bench".into(),
                            patronymic: None,
                        },
                        login: format!("bench{k}"),
                        password: "bench-password".into(),
                        role: OfficerRole::Officer,
                    },
                )
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    store
        .mirror_figures(REGISTRATIONS, DAYS, &officers, today())
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!("mirror built in {:.0} s", started.elapsed().as_secs_f64());
    store
}

fn benches(c: &mut Criterion) {
    let store = open_mirror();
    let month = Period {
        from: today() - chrono::Days::new(29),
        to: today(),
    };
    let year = Period {
        from: today() - chrono::Days::new(364),
        to: today(),
    };
    let mut group = c.benchmark_group("figures_1m");
    group.sample_size(10);
    for (name, period) in [("month", month), ("year", year)] {
        group.bench_function(format!("counts_per_day_by_registry_{name}"), |b| {
            b.iter(|| black_box(store.counts(period, Bucket::Day, Grouping::Registry)))
        });
        group.bench_function(format!("counts_per_week_by_officer_{name}"), |b| {
            b.iter(|| black_box(store.counts(period, Bucket::Week, Grouping::Officer)))
        });
        group.bench_function(format!("officer_rates_{name}"), |b| {
            b.iter(|| black_box(store.officer_rates(period)))
        });
        group.bench_function(format!("quality_histogram_{name}"), |b| {
            b.iter(|| black_box(store.quality_histogram(period)))
        });
        group.bench_function(format!("check_figures_{name}"), |b| {
            b.iter(|| black_box(store.check_figures(period)))
        });
    }
    group.bench_function("day_cases_and_summary", |b| {
        b.iter(|| black_box((store.day_cases(today()), store.day_summary(today()))))
    });
    group.finish();
}

criterion_group!(figure_benches, benches);
criterion_main!(figure_benches);
