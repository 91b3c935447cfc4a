//! The 1:N search: pre-filter codes, the two-stage search, and the
//! synthetic registry it is benchmarked on.

mod common;

use std::process::Output;

use beder::biometrics::extract::extract;
use beder::biometrics::image::FingerImage;
use beder::biometrics::iso::{LEGACY_STORED_FORMAT, encode_2011};
use beder::biometrics::search::{
    Gallery, Probe, SearchOptions, code_similarity, finger_code, is_hit, search,
};
use beder::biometrics::synth::minutiae::synthetic_person;
use beder::biometrics::synth::{self, ImpressionParams, Rng};
use beder::biometrics::template::{FingerTemplate, Minutia};
use beder::enrollment::TEMPLATE_FORMAT;
use beder::model::FingerPosition;
use beder::model::{Position, Template};
use beder::store::{Mode, RegistrationId};
use common::{
    PASSPHRASE, beder_cli, citizen_registration, fixture, foreigner_registration, ok, success_json,
};

fn person(p: usize, impression: u64) -> Vec<FingerTemplate> {
    synthetic_person(p, impression)
}

fn gallery(persons: usize) -> Gallery<usize> {
    let mut g = Gallery::new();
    g.extend((0..persons).map(|p| (p, person(p, 0))).collect());
    g
}

#[test]
fn a_ten_finger_probe_finds_its_person_first_and_nobody_else() {
    let g = gallery(2_000);
    assert_eq!(g.len(), 2_000);
    assert_eq!(g.fingers(), 20_000);
    for target in [0, 777, 1_999] {
        let outcome = search(
            &g,
            &Probe::new(&person(target, 1)),
            SearchOptions::default(),
        );
        let keys: Vec<usize> = outcome.candidates.iter().map(|c| c.key).collect();
        assert_eq!(keys, vec![target], "person {target}");
        let best = &outcome.candidates[0];
        assert!(best.matched_fingers >= 5, "{best:?}");
        assert!(outcome.compared.len() <= SearchOptions::default().shortlist);
        assert_eq!(outcome.gallery_persons, 2_000);
    }
}

#[test]
fn a_stranger_has_no_candidates() {
    let g = gallery(1_000);
    for stranger in [5_000, 5_001, 5_002] {
        let outcome = search(
            &g,
            &Probe::new(&person(stranger, 1)),
            SearchOptions::default(),
        );
        assert!(
            outcome.candidates.is_empty(),
            "{:?}",
            outcome.candidates.first()
        );
        // The matcher did look at the pre-filter's best guesses.
        assert!(!outcome.compared.is_empty());
    }
}

#[test]
fn fewer_probe_fingers_still_find_the_person() {
    let g = gallery(1_000);
    // Two index fingers only (a probe of two fingers needs both to match).
    let probe: Vec<FingerTemplate> = person(321, 1)
        .into_iter()
        .filter(|t| {
            matches!(
                t.position,
                Some(FingerPosition::RightIndex | FingerPosition::LeftIndex)
            )
        })
        .collect();
    let outcome = search(&g, &Probe::new(&probe), SearchOptions::default());
    assert_eq!(outcome.candidates.first().map(|c| c.key), Some(321));
    assert_eq!(outcome.candidates[0].compared_fingers, 2);
}

#[test]
fn the_hit_rule_needs_two_fingers_unless_only_one_could_be_compared() {
    assert!(!is_hit(1, 10));
    assert!(is_hit(2, 10));
    assert!(is_hit(1, 1));
    assert!(!is_hit(0, 1));
    assert!(!is_hit(0, 0));
}

/// The template turned by `degrees` (counter-clockwise as seen) about
/// (180, 210) and moved by (dx, dy).
fn turned(t: &FingerTemplate, degrees: f32, dx: f32, dy: f32) -> FingerTemplate {
    let (s, c) = degrees.to_radians().sin_cos();
    let mut out = t.clone();
    out.minutiae = t
        .minutiae
        .iter()
        .map(|m| {
            let (x, y) = (f32::from(m.x) - 180.0, f32::from(m.y) - 210.0);
            // y points down: a counter-clockwise turn as seen.
            let (nx, ny) = (c * x + s * y, -s * x + c * y);
            let turns = (m.radians() + degrees.to_radians()).rem_euclid(std::f32::consts::TAU)
                / std::f32::consts::TAU;
            Minutia {
                x: (nx + 180.0 + dx).round().max(0.0) as u16,
                y: (ny + 210.0 + dy).round().max(0.0) as u16,
                angle: ((turns * 256.0).round() as u32 % 256) as u8,
                ..*m
            }
        })
        .collect();
    out
}

#[test]
fn the_prefilter_code_does_not_change_when_the_finger_turns_or_moves() {
    let t = person(3, 0).swap_remove(1);
    let code = finger_code(&t);
    let others: Vec<f32> = (100..130)
        .map(|p| code_similarity(&code, &finger_code(&person(p, 0)[1])))
        .collect();
    let stranger_best = others.iter().copied().fold(f32::MIN, f32::max);
    for (degrees, dx, dy) in [(15.0, 30.0, -20.0), (-20.0, -25.0, 10.0), (0.0, 40.0, 40.0)] {
        let moved = code_similarity(&code, &finger_code(&turned(&t, degrees, dx, dy)));
        assert!(moved > 0.9, "{degrees}°: {moved}");
        assert!(moved > stranger_best, "{moved} vs {stranger_best}");
    }
    assert!((code_similarity(&code, &code) - 1.0).abs() < 0.02);
}

#[test]
fn an_empty_template_is_similar_to_nothing() {
    let mut empty = person(1, 0).swap_remove(0);
    empty.minutiae.clear();
    let code = finger_code(&empty);
    assert_eq!(code_similarity(&code, &finger_code(&person(2, 0)[0])), 0.0);
}

/// Real images from the generator, through MINDTCT: the search works on
/// what the desk actually stores, not only on minutiae drawn directly.
#[test]
fn generated_prints_through_the_extractor_are_found() {
    let fingers = [FingerPosition::RightIndex, FingerPosition::LeftIndex];
    let template = |seed: u64, position: FingerPosition, impression: u64| {
        let master = synth::master_print(seed);
        let mut rng = Rng::new(seed * 31 + impression);
        let params = ImpressionParams::ordinary(&mut rng);
        let image = synth::impression(&master, &params, seed * 101 + impression);
        let mut t = extract(&FingerImage { image, ppi: 500 })
            .unwrap_or_else(|e| panic!("extraction failed: {e}"));
        t.position = Some(position);
        t
    };
    let persons = 4;
    let mut g = Gallery::new();
    for p in 0..persons {
        let enrolled: Vec<FingerTemplate> = fingers
            .iter()
            .enumerate()
            .map(|(f, pos)| template(900 + (p * 2 + f) as u64, *pos, 0))
            .collect();
        g.add(p, &enrolled);
    }
    for target in [1, 3] {
        let probe: Vec<FingerTemplate> = fingers
            .iter()
            .enumerate()
            .map(|(f, pos)| template(900 + (target * 2 + f) as u64, *pos, 1))
            .collect();
        let outcome = search(&g, &Probe::new(&probe), SearchOptions::default());
        assert_eq!(
            outcome.candidates.iter().map(|c| c.key).collect::<Vec<_>>(),
            vec![target]
        );
    }
}

fn beder(dir: &std::path::Path, args: &[&str]) -> Output {
    beder_cli(dir, Some(PASSPHRASE), args)
}

/// A registration whose finger rows carry the synthetic person's templates.
fn with_fingers(
    registration: beder::model::NewRegistration,
    p: usize,
) -> beder::model::NewRegistration {
    with_fingers_stored(registration, p, TEMPLATE_FORMAT, 0)
}

/// The same, stored under `format` with every direction turned by `turn`
/// (1/256 of a turn).
fn with_fingers_stored(
    mut registration: beder::model::NewRegistration,
    p: usize,
    format: &str,
    turn: u8,
) -> beder::model::NewRegistration {
    let templates = person(p, 0);
    for record in &mut registration.biometrics {
        let (Position::Finger(finger), Some(capture)) = (record.position, record.capture.as_mut())
        else {
            continue;
        };
        let mut t = templates[finger as usize - 1].clone();
        for m in &mut t.minutiae {
            m.angle = m.angle.wrapping_add(turn);
        }
        capture.template = Some(Template {
            format: format.into(),
            data: ok(encode_2011(std::slice::from_ref(&t))),
        });
    }
    registration
}

#[test]
fn a_database_written_before_iso_directions_still_finds_its_person() {
    // Rows written before Beder's directions were ISO's point half a turn
    // away, under the old format name; a probe in ISO's directions (our
    // extraction now, or another vendor's) must still find them.
    let mut f = fixture(Mode::Live);
    let legacy = ok(f.store.save_registration(
        f.officer,
        &with_fingers_stored(citizen_registration(), 42, LEGACY_STORED_FORMAT, 128),
    ));
    // The same half-turned bytes under the current name are another
    // person's prints as far as the matcher can tell.
    ok(f.store.save_registration(
        f.officer,
        &with_fingers_stored(
            foreigner_registration("Smith", "X1234567"),
            42,
            TEMPLATE_FORMAT,
            128,
        ),
    ));
    let dir = f.dir.path().to_path_buf();
    let probe = dir.join("probe.iso");
    ok(std::fs::write(&probe, ok(encode_2011(&person(42, 1)))));
    let v = success_json(&beder(&dir, &["search", ok(probe.to_str().ok_or("path"))]));
    assert_eq!(v["gallery_persons"], 2);
    let candidates = ok(v["candidates"].as_array().ok_or("candidates"));
    assert_eq!(candidates.len(), 1, "{v}");
    assert_eq!(candidates[0]["registry"], "citizen");
    assert_eq!(candidates[0]["registration_id"], legacy.id);
}

#[test]
fn beder_search_finds_the_enrolled_person_in_the_database() {
    let mut f = fixture(Mode::Live);
    // Two persons with real templates (one in each registry), one whose
    // stored templates are damaged (skipped, not fatal).
    ok(f.store
        .save_registration(f.officer, &with_fingers(citizen_registration(), 41)));
    let foreigner = ok(f.store.save_registration(
        f.officer,
        &with_fingers(foreigner_registration("Smith", "X1234567"), 42),
    ));
    ok(f.store
        .save_registration(f.officer, &citizen_registration()));
    let dir = f.dir.path().to_path_buf();
    // The foreigner comes back: his ten fingers in one ISO record.
    let probe = dir.join("probe.iso");
    ok(std::fs::write(&probe, ok(encode_2011(&person(42, 1)))));
    let v = success_json(&beder(&dir, &["search", ok(probe.to_str().ok_or("path"))]));
    assert_eq!(v["gallery_persons"], 2);
    assert_eq!(v["probe_fingers"], 10);
    assert_eq!(
        v["skipped_templates"], 9,
        "nine damaged templates, one amputated finger"
    );
    let candidates = ok(v["candidates"].as_array().ok_or("candidates"));
    assert_eq!(candidates.len(), 1, "{v}");
    let RegistrationId { id, .. } = foreigner;
    assert_eq!(candidates[0]["registry"], "foreigner");
    assert_eq!(candidates[0]["registration_id"], id);
    assert!(ok(candidates[0]["matched_fingers"].as_u64().ok_or("n")) >= 5);
    // The search is audited.
    drop(f.store);
    let store = ok(beder::store::Store::open(&dir, Mode::Live, PASSPHRASE));
    assert!(
        ok(store.audit_entries(5))
            .iter()
            .any(|e| e.action == "duplicate_search")
    );
}

#[test]
fn beder_search_asks_which_finger_an_image_is() {
    let f = fixture(Mode::Live);
    let dir = f.dir.path().to_path_buf();
    let image = dir.join("finger.png");
    ok(synth::impression(
        &synth::master_print(5),
        &ImpressionParams::ordinary(&mut Rng::new(5)),
        5,
    )
    .save(&image));
    let path = ok(image.to_str().ok_or("path"));
    let out = beder(&dir, &["search", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("POSITION=FILE"));
    let out = beder(&dir, &["search", &format!("11={path}")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Unknown finger position 11"));
    // With its position the image is searched (nobody is enrolled).
    let v = success_json(&beder(&dir, &["search", &format!("2={path}")]));
    assert_eq!(v["gallery_persons"], 0);
    assert_eq!(v["candidates"].as_array().map(Vec::len), Some(0));
}

#[test]
fn beder_search_on_the_training_database_needs_no_passphrase() {
    let dir = ok(tempfile::tempdir());
    let mut store = ok(beder::store::Store::create(
        dir.path(),
        Mode::Training,
        beder::ui::TRAINING_PASSPHRASE,
        beder::store::KdfParams::insecure_fast_for_tests(),
    ));
    let officer = ok(store.create_officer(
        None,
        &beder::store::NewOfficer {
            name: beder::model::FullName {
                surname: "Оқу".into(),
                name: "Қызметкер".into(),
                patronymic: None,
            },
            login: "trainer".into(),
            password: "trainer-password".into(),
            role: beder::model::OfficerRole::Supervisor,
        },
    ));
    ok(store.save_registration(officer, &with_fingers(citizen_registration(), 7)));
    drop(store);
    let probe = dir.path().join("probe.iso");
    ok(std::fs::write(&probe, ok(encode_2011(&person(7, 1)[..3]))));
    let v = success_json(&beder_cli(
        dir.path(),
        None,
        &["--training", "search", ok(probe.to_str().ok_or("path"))],
    ));
    assert_eq!(v["probe_fingers"], 3);
    assert_eq!(v["candidates"][0]["registration_id"], 1);
    assert!(v["candidates"][0].get("key").is_none());
}

#[test]
fn the_kiosks_gallery_stays_current_as_persons_are_enrolled() {
    use beder::enrollment::{gallery_from_store, with_gallery};
    let mut f = fixture(Mode::Training);
    let first = ok(f
        .store
        .save_registration(f.officer, &with_fingers(citizen_registration(), 51)));
    let found = |store: &beder::store::Store, p: usize| {
        ok(with_gallery(store, |g, _| {
            let outcome = search(g, &Probe::new(&person(p, 1)), SearchOptions::default());
            (g.len(), outcome.candidates.first().map(|c| c.key))
        }))
    };
    assert_eq!(found(&f.store, 51), (1, Some(first)));
    // A second person enrolled: taken in by the next search.
    let second = ok(f.store.save_registration(
        f.officer,
        &with_fingers(foreigner_registration("Brown", "Y7654321"), 52),
    ));
    assert_eq!(found(&f.store, 52), (2, Some(second)));
    assert_eq!(found(&f.store, 51), (2, Some(first)));
    // Warmed on another thread, through a read-only connection: the same
    // persons.
    let warming = ok(beder::enrollment::warm_gallery(&f.store).ok_or("no thread"));
    assert_eq!(ok(ok(warming.join().map_err(|_| "panicked"))), 2);
    let mut reader = ok(f.store.reader());
    assert!(
        reader.set_setting("mission", "elsewhere").is_err(),
        "read-only"
    );
    // The same as a gallery built afresh.
    let (fresh, skipped) = ok(gallery_from_store(&f.store));
    assert_eq!(fresh.len(), 2);
    assert_eq!(
        ok(with_gallery(&f.store, |g, s| (g.fingers(), s))),
        (fresh.fingers(), skipped)
    );
}
