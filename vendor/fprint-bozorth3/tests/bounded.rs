// BEDER PATCH: the bounded comparison.

use fprint_bozorth3::{match_score, match_score_within, Minutia};

/// `n` minutiae evenly spaced on a circle, each pointing along it: every
/// edge has `n` twins, and the cluster search becomes combinatorial.
fn circle(n: i32, radius: f32) -> Vec<Minutia> {
    (0..n)
        .map(|i| {
            let a = i as f32 * core::f32::consts::TAU / n as f32;
            Minutia {
                x: 200 + (radius * a.cos()) as i32,
                y: 200 + (radius * a.sin()) as i32,
                theta: (i * 360 / n) % 360,
            }
        })
        .collect()
}

#[test]
fn a_degenerate_print_is_cut_at_the_budget() {
    let print = circle(150, 150.0);
    let bounded = match_score_within(&print, &print, 10_000_000);
    assert_eq!(bounded.score, None);
    // It stopped just past the budget, not at the end of the search.
    assert!(bounded.steps <= 10_000_000 + 20_000, "{}", bounded.steps);
}

#[test]
fn within_the_budget_the_score_is_the_reference_one() {
    let probe: Vec<Minutia> = (0..40)
        .map(|i| Minutia {
            x: 20 + (i * 37) % 300,
            y: 30 + (i * 53) % 280,
            theta: (i * 47) % 360,
        })
        .collect();
    let gallery: Vec<Minutia> = probe
        .iter()
        .map(|m| Minutia {
            x: m.x + 3,
            y: m.y - 2,
            theta: m.theta,
        })
        .collect();
    let bounded = match_score_within(&probe, &gallery, u64::MAX);
    assert_eq!(bounded.score, Some(match_score(&probe, &gallery)));
    assert!(bounded.steps > 0);
}
