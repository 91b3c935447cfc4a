//! `beder training seed`: a populated training registry, made through the
//! store functions the desk uses, and never in the live database.

mod common;

use beder::enrollment::seed::{SeedError, seed_training};
use beder::model::{ExceptionReason, PersonalData, Registry};
use beder::store::{Bucket, Grouping, LookupQuery, Mode, OutboxKind, Period, RegistrationId};
use common::*;

#[test]
fn the_live_database_is_refused_and_nothing_is_written() {
    let mut f = fixture(Mode::Live);
    let before = ok(f.store.audit_entries(100)).len();
    assert!(matches!(
        seed_training(&mut f.store, f.officer, 3, 1, d("2026-12-01")),
        Err(SeedError::LiveDatabase)
    ));
    assert_eq!(ok(f.store.audit_entries(100)).len(), before);
    assert!(ok(f.store.outbox(None)).is_empty());
}

#[test]
fn seeded_persons_are_whole_registrations_of_both_registries() {
    let mut f = fixture(Mode::Training);
    let report = ok(seed_training(
        &mut f.store,
        f.officer,
        6,
        7,
        d("2026-12-01"),
    ));
    assert_eq!(report.citizens + report.foreigners + report.stateless, 6);
    assert!(report.citizens > 0 && report.foreigners + report.stateless > 0);
    assert_eq!(
        report.palms_only, 1,
        "person 4: palms instead of fingers (п.10)"
    );
    assert!(report.with_exceptions >= 2);
    assert!(report.corrected >= 1 && report.refingerprinted >= 1);
    let check = ok(f.store.check());
    assert!(check.healthy(), "{check:?}");
    assert_eq!(
        check.citizen_registrations + check.foreigner_registrations,
        6
    );

    // Person 1 (a foreigner): the amputated left ring finger is an
    // exception; the other nine have templates the duplicate check reads.
    let id = RegistrationId {
        registry: Registry::Foreigner,
        id: 1,
    };
    let foreigner = ok(f.store.load_registration(f.officer, id));
    assert!(matches!(foreigner.personal, PersonalData::Foreigner(_)));
    let templates = foreigner
        .biometrics
        .iter()
        .filter(|b| {
            b.capture
                .as_ref()
                .and_then(|c| c.template.as_ref())
                .is_some()
        })
        .count();
    assert_eq!(templates, 9);
    assert!(
        foreigner
            .biometrics
            .iter()
            .any(|b| b.exception == Some(ExceptionReason::Amputated))
    );
    // A citizen is found by his IIN, as at the desk's look-up (п.11).
    let citizen = ok(f.store.load_registration(
        f.officer,
        RegistrationId {
            registry: Registry::Citizen,
            id: 1,
        },
    ));
    let PersonalData::Citizen(c) = &citizen.personal else {
        panic!("a citizen");
    };
    let iin = ok(c.iin.clone().ok_or("IIN"));
    let hits = ok(f
        .store
        .lookup(Some(Registry::Citizen), &LookupQuery::Iin(iin)));
    assert_eq!(hits.len(), 1);
    // Everything waits in the training outbox.
    let items = ok(f.store.outbox(None));
    assert_eq!(
        items
            .iter()
            .filter(|i| i.kind == OutboxKind::Registration)
            .count(),
        6
    );
    // Person 4 refused (п.5) the day he came, 28 days before the seed's
    // day: the supervisor's figures count him then, not on the day the
    // room was seeded.
    assert_eq!(report.refusals, 1);
    let refusals_on = |from: &str, to: &str| -> u64 {
        let period = Period {
            from: d(from),
            to: d(to),
        };
        ok(f.store.counts(period, Bucket::Day, Grouping::Registry))
            .iter()
            .map(|c| c.refusals)
            .sum()
    };
    assert_eq!(refusals_on("2026-11-03", "2026-11-03"), 1);
    assert_eq!(refusals_on("2026-11-04", "2027-12-31"), 0);
    // The same seed gives the same persons.
    let mut again = fixture(Mode::Training);
    ok(seed_training(
        &mut again.store,
        again.officer,
        2,
        7,
        d("2026-12-01"),
    ));
    let first = ok(again.store.load_registration(again.officer, id));
    assert_eq!(
        first.personal,
        ok(f.store.load_registration(f.officer, id)).personal
    );
}
