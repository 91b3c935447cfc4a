//! 1:N search: which enrolled persons could a ten-finger probe be?
//!
//! Two stages, because comparing a probe with every enrolled finger by the
//! full matcher costs too much (100,000 persons × 10 fingers × ~0.2 ms is
//! three minutes on two cores):
//!
//! 1. **Pre-filter.** Every finger gets a fixed-length code (a
//!    [`FingerCode`], [`CODE_BYTES`] bytes): a histogram of its minutia
//!    *pairs* by distance, by the first minutia's direction relative to the
//!    line joining them and by the difference of their directions — three
//!    quantities that neither moving nor turning the finger changes. Codes
//!    are compared with an integer dot product (the compiler vectorises it);
//!    the per-finger similarities of a person are summed over the fingers
//!    both sides have, and the best-summed persons are kept.
//! 2. **Verification.** Each kept person's fingers are compared with the
//!    probe's by the full matcher ([`super::mcc`]); candidates are ranked by
//!    the fused (summed) matcher score and reported when two fingers reach
//!    the matcher's threshold ([`is_hit`]).
//!
//! Both stages run on every core (`std::thread::scope`, one slice of the
//! gallery per core). Codes are derived from the ISO templates and cached in
//! memory; the templates stay the record.

use std::f32::consts::{PI, TAU};

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;

use super::matcher::Matcher;
use super::mcc::{self, CylinderSet, MCC_THRESHOLD};
use super::template::FingerTemplate;
use crate::model::FingerPosition;

/// Pairs closer than this are mostly the two ends of one short ridge
/// break: noise, not structure.
const MIN_PAIR_DISTANCE: f32 = 10.0;
/// Pairs farther apart than this are left out (about the span of a flat
/// impression at 500 ppi).
const MAX_PAIR_DISTANCE: f32 = 260.0;
/// Distance bins.
const DISTANCE_BINS: usize = 16;
/// Bins of the first minutia's direction relative to the pair's line.
const RADIAL_BINS: usize = 8;
/// Bins of the difference of the two directions.
const DIRECTION_BINS: usize = 8;
/// The code's length in bytes (one byte a bin).
pub const CODE_BYTES: usize = DISTANCE_BINS * RADIAL_BINS * DIRECTION_BINS;
/// At most this many minutiae (the most reliable by MINDTCT's quality)
/// make pairs. Chosen on chimeric ten-finger persons built from the FVC
/// scores (`beder` README, "1:N search"): with the 28 most reliable the
/// genuine person reached the 200-person shortlist among 100,000 in 115
/// trials of 120; with 60, in 43 of 60 (16 × 8 × 8 bins to 260 px; with
/// 10 × 8 × 8 to 160 px, fewer still). Unreliable minutiae make pairs that
/// differ from one impression to the next.
const CODE_MINUTIAE: usize = 28;

/// A finger's fixed-length pre-filter code: centred, normalised, quantised
/// pair histogram. The dot product of two codes is their similarity
/// (×[`CODE_SCALE`]²).
#[derive(Clone, PartialEq, Eq)]
pub struct FingerCode(pub [i8; CODE_BYTES]);

impl std::fmt::Debug for FingerCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Biometric data stays out of logs, even as numbers.
        f.write_str("FingerCode(..)")
    }
}

/// Unit-length codes are scaled by this before rounding to `i8`.
const CODE_SCALE: f32 = 127.0;

fn angle_diff(a: f32, b: f32) -> f32 {
    let d = (a - b).rem_euclid(TAU);
    if d > PI { d - TAU } else { d }
}

/// Adds `weight` to a coordinate split linearly between its two nearest
/// bins (`circular`: the last bin neighbours the first).
fn soft_bins(value: f32, bins: usize, circular: bool) -> [(usize, f32); 2] {
    let v = value - 0.5;
    let low = v.floor();
    let frac = v - low;
    let low = low as isize;
    let wrap = |i: isize| -> Option<usize> {
        if circular {
            Some(i.rem_euclid(bins as isize) as usize)
        } else if i < 0 || i >= bins as isize {
            None
        } else {
            Some(i as usize)
        }
    };
    let mut out = [(usize::MAX, 0.0); 2];
    if let Some(i) = wrap(low) {
        out[0] = (i, 1.0 - frac);
    }
    if let Some(i) = wrap(low + 1) {
        out[1] = (i, frac);
    }
    out
}

/// The pair histogram of a template, unnormalised.
fn pair_histogram(template: &FingerTemplate) -> Vec<f32> {
    let scale = if template.ppi == 0 {
        1.0
    } else {
        500.0 / f32::from(template.ppi)
    };
    let mut chosen: Vec<_> = template.minutiae.iter().collect();
    chosen.sort_by_key(|m| Reverse(m.quality));
    chosen.truncate(CODE_MINUTIAE);
    let points: Vec<(f32, f32, f32)> = chosen
        .iter()
        .map(|m| (f32::from(m.x) * scale, -f32::from(m.y) * scale, m.radians()))
        .collect();
    let mut h = vec![0f32; CODE_BYTES];
    let span = MAX_PAIR_DISTANCE - MIN_PAIR_DISTANCE;
    for (i, &(xi, yi, ti)) in points.iter().enumerate() {
        for (j, &(xj, yj, tj)) in points.iter().enumerate() {
            if i == j {
                continue;
            }
            let (dx, dy) = (xj - xi, yj - yi);
            let d = dx.hypot(dy);
            if !(MIN_PAIR_DISTANCE..MAX_PAIR_DISTANCE).contains(&d) {
                continue;
            }
            let db = (d - MIN_PAIR_DISTANCE) / span * DISTANCE_BINS as f32;
            let radial = angle_diff(ti, dy.atan2(dx)).rem_euclid(TAU);
            let rb = radial / TAU * RADIAL_BINS as f32;
            let direction = angle_diff(tj, ti).rem_euclid(TAU);
            let ob = direction / TAU * DIRECTION_BINS as f32;
            for (di, dw) in soft_bins(db, DISTANCE_BINS, false) {
                if di == usize::MAX {
                    continue;
                }
                for (ri, rw) in soft_bins(rb, RADIAL_BINS, true) {
                    for (oi, ow) in soft_bins(ob, DIRECTION_BINS, true) {
                        let bin = (di * RADIAL_BINS + ri) * DIRECTION_BINS + oi;
                        h[bin] += dw * rw * ow;
                    }
                }
            }
        }
    }
    h
}

/// The pre-filter code of a template. Each distance band is normalised on
/// its own and centred on its mean (every print has more pairs at some
/// distances than at others; what tells prints apart is how the pairs of a
/// band spread over the directions), then the whole is scaled to unit
/// length. A template with fewer than two minutiae gets the zero code,
/// which is similar to nothing.
pub fn finger_code(template: &FingerTemplate) -> FingerCode {
    let h = pair_histogram(template);
    let band = RADIAL_BINS * DIRECTION_BINS;
    let mut v = vec![0f32; CODE_BYTES];
    for (src, dst) in h.chunks_exact(band).zip(v.chunks_exact_mut(band)) {
        let roots: Vec<f32> = src.iter().map(|c| c.sqrt()).collect();
        let mean = roots.iter().sum::<f32>() / band as f32;
        for (d, r) in dst.iter_mut().zip(&roots) {
            *d = r - mean;
        }
    }
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    let mut code = [0i8; CODE_BYTES];
    if norm > 0.0 {
        for (c, x) in code.iter_mut().zip(&v) {
            *c = (x / norm * CODE_SCALE).round().clamp(-127.0, 127.0) as i8;
        }
    }
    FingerCode(code)
}

/// The similarity of two codes, −1…1 (cosine of the centred histograms).
pub fn code_similarity(a: &FingerCode, b: &FingerCode) -> f32 {
    dot(&a.0, &b.0) as f32 / (CODE_SCALE * CODE_SCALE)
}

fn dot(a: &[i8; CODE_BYTES], b: &[i8; CODE_BYTES]) -> i32 {
    // i16 products summed in i32: exact, and vectorised by the compiler.
    a.iter()
        .zip(b.iter())
        .map(|(&x, &y)| i32::from(i16::from(x) * i16::from(y)))
        .sum()
}

/// The pre-filter code behind the [`Matcher`] trait, so that `beder eval
/// --matcher prefilter` measures how well it tells fingers apart on its
/// own. Not a matcher to decide with: its threshold is not calibrated for
/// a false-match rate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Prefilter;

impl Matcher for Prefilter {
    fn name(&self) -> &'static str {
        "prefilter"
    }

    fn compare(&self, probe: &FingerTemplate, candidate: &FingerTemplate) -> f32 {
        code_similarity(&finger_code(probe), &finger_code(candidate))
    }

    fn prepare(&self, template: &FingerTemplate) -> super::matcher::Prepared {
        Box::new(finger_code(template))
    }

    fn compare_prepared(
        &self,
        probe: &super::matcher::Prepared,
        candidate: &super::matcher::Prepared,
    ) -> f32 {
        match (
            probe.downcast_ref::<FingerCode>(),
            candidate.downcast_ref::<FingerCode>(),
        ) {
            (Some(a), Some(b)) => code_similarity(a, b),
            _ => -1.0,
        }
    }

    fn threshold(&self) -> f32 {
        1.0
    }
}

/// One enrolled person's fingers, as the gallery holds them.
#[derive(Debug, Clone)]
struct Slot {
    code: FingerCode,
    template: FingerTemplate,
}

/// Everyone a probe is searched among: per person, up to ten fingers'
/// codes and templates. `K` identifies a person to the caller (a
/// registration id, a benchmark index).
#[derive(Debug, Clone)]
pub struct Gallery<K> {
    keys: Vec<K>,
    /// `keys.len() × 10`, in [`FingerPosition::ALL`] order.
    slots: Vec<Option<Slot>>,
}

impl<K> Default for Gallery<K> {
    fn default() -> Self {
        Gallery {
            keys: Vec::new(),
            slots: Vec::new(),
        }
    }
}

fn finger_index(position: FingerPosition) -> usize {
    position as usize - 1
}

impl<K: Clone + Send + Sync> Gallery<K> {
    /// An empty gallery.
    pub fn new() -> Self {
        Self::default()
    }

    /// Persons enrolled.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no person is enrolled.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Fingers enrolled, over all persons.
    pub fn fingers(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// Adds a person with the given finger templates (those without a
    /// position are ignored; a later one for the same finger wins).
    pub fn add(&mut self, key: K, fingers: &[FingerTemplate]) {
        self.keys.push(key);
        self.slots.extend(slots_of(fingers));
    }

    /// The key of the person at `index` (in the order added).
    pub fn key(&self, index: usize) -> Option<&K> {
        self.keys.get(index)
    }

    /// Replaces the fingers of the person at `index` (after a
    /// re-fingerprinting); out of range, nothing happens.
    pub fn replace(&mut self, index: usize, fingers: &[FingerTemplate]) {
        if index < self.keys.len() {
            for (slot, new) in self.slots[index * 10..index * 10 + 10]
                .iter_mut()
                .zip(slots_of(fingers))
            {
                *slot = new;
            }
        }
    }

    /// Adds many persons, deriving the codes on every core.
    pub fn extend(&mut self, persons: Vec<(K, Vec<FingerTemplate>)>) {
        let built = on_cores(&persons, threads(), |part| {
            let mut g = Gallery::new();
            for (key, fingers) in part {
                g.add(key.clone(), fingers);
            }
            g
        });
        for g in built {
            self.keys.extend(g.keys);
            self.slots.extend(g.slots);
        }
    }
}

fn slots_of(fingers: &[FingerTemplate]) -> [Option<Slot>; 10] {
    let mut slots: [Option<Slot>; 10] = Default::default();
    for template in fingers {
        if let Some(position) = template.position {
            slots[finger_index(position)] = Some(Slot {
                code: finger_code(template),
                template: template.clone(),
            });
        }
    }
    slots
}

/// A ten-finger (or fewer) probe, made ready once for a search.
#[derive(Debug)]
pub struct Probe {
    fingers: Vec<(usize, FingerCode, CylinderSet)>,
}

impl Probe {
    /// From the probe's finger templates (those without a position are
    /// ignored).
    pub fn new(fingers: &[FingerTemplate]) -> Probe {
        Probe {
            fingers: fingers
                .iter()
                .filter_map(|t| {
                    t.position
                        .map(|p| (finger_index(p), finger_code(t), mcc::cylinders(t)))
                })
                .collect(),
        }
    }

    /// Whether the probe has no finger to search with.
    pub fn is_empty(&self) -> bool {
        self.fingers.is_empty()
    }
}

/// How a search is run.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions {
    /// Persons the pre-filter passes to the matcher.
    pub shortlist: usize,
    /// Threads (0: one per core).
    pub threads: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            shortlist: DEFAULT_SHORTLIST,
            threads: 0,
        }
    }
}

/// The pre-filter keeps this many persons for the matcher by default: 0.2 %
/// of 100,000, about 0.5 s of matching on two cores.
pub const DEFAULT_SHORTLIST: usize = 200;

/// One finger of a candidate, compared by the matcher.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CandidateFinger {
    /// The finger.
    pub position: FingerPosition,
    /// The matcher's score for it.
    pub score: f32,
    /// At or above the matcher's threshold.
    pub matched: bool,
}

/// A person the probe could be.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate<K> {
    /// The person's key in the gallery (a registration's number).
    pub key: K,
    /// The fused score: the sum of the fingers' matcher scores.
    pub score: f32,
    /// Fingers at or above the matcher's threshold.
    pub matched_fingers: usize,
    /// Fingers both sides have.
    pub compared_fingers: usize,
    /// Each finger compared.
    pub fingers: Vec<CandidateFinger>,
}

impl<K> Candidate<K> {
    /// The same person, by the rule of [`is_hit`].
    pub fn is_hit(&self) -> bool {
        is_hit(self.matched_fingers, self.compared_fingers)
    }
}

/// A candidate is reported as the same person when two fingers reach the
/// matcher's threshold (one, when only one finger could be compared). One
/// finger in ten at a false-match rate of 10⁻⁴ would let about one
/// stranger in 1,000 through — 100 false candidates in a registry of
/// 100,000; two fingers bring that to about one in 200,000.
pub fn is_hit(matched: usize, compared: usize) -> bool {
    matched >= 2.min(compared).max(1)
}

/// What a search found, and what it cost.
#[derive(Debug, Clone, Serialize)]
pub struct SearchOutcome<K> {
    /// The persons reported as the same person, best fused score first.
    pub candidates: Vec<Candidate<K>>,
    /// Everyone the matcher compared, best fused score first (the
    /// candidates among them).
    pub compared: Vec<Candidate<K>>,
    /// Persons in the gallery.
    pub gallery_persons: usize,
    /// Time of the prefilter, ms.
    pub prefilter_ms: f64,
    /// Time of the matcher on the shortlist, ms.
    pub matcher_ms: f64,
}

/// Runs `f` on up to `threads` consecutive parts of `items`, each on its own
/// thread; the results come back in order. A panic in one part is a panic
/// here: a search must never quietly leave part of the gallery out.
fn on_cores<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let f = &f;
                scope.spawn(move || f(part))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Searches the gallery for the probe.
pub fn search<K: Clone + Send + Sync>(
    gallery: &Gallery<K>,
    probe: &Probe,
    options: SearchOptions,
) -> SearchOutcome<K> {
    let threads = if options.threads == 0 {
        threads()
    } else {
        options.threads
    };
    let started = std::time::Instant::now();
    let shortlist = prefilter(gallery, probe, options.shortlist, threads);
    let prefilter_ms = started.elapsed().as_secs_f64() * 1e3;
    let started = std::time::Instant::now();
    let mut compared: Vec<Candidate<K>> = on_cores(&shortlist, threads, |part| {
        part.iter()
            .map(|&person| verify(gallery, probe, person))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    compared.sort_by(|a, b| b.score.total_cmp(&a.score));
    let matcher_ms = started.elapsed().as_secs_f64() * 1e3;
    SearchOutcome {
        candidates: compared.iter().filter(|c| c.is_hit()).cloned().collect(),
        compared,
        gallery_persons: gallery.len(),
        prefilter_ms,
        matcher_ms,
    }
}

/// The `keep` persons with the highest summed code similarity, best first.
fn prefilter<K: Clone + Send + Sync>(
    gallery: &Gallery<K>,
    probe: &Probe,
    keep: usize,
    threads: usize,
) -> Vec<usize> {
    if probe.is_empty() || keep == 0 {
        return Vec::new();
    }
    let persons = gallery.len();
    let chunk = persons.div_ceil(threads).max(1);
    let ranges: Vec<(usize, usize)> = (0..persons)
        .step_by(chunk)
        .map(|start| (start, (start + chunk).min(persons)))
        .collect();
    let mut best: Vec<(i32, usize)> = on_cores(&ranges, ranges.len(), |part| {
        let mut found = Vec::new();
        for &(start, end) in part {
            // A min-heap of the best `keep` so far.
            let mut heap: BinaryHeap<Reverse<(i32, usize)>> = BinaryHeap::with_capacity(keep + 1);
            for person in start..end {
                let slots = &gallery.slots[person * 10..person * 10 + 10];
                let mut sum = 0i32;
                let mut any = false;
                for (finger, code, _) in &probe.fingers {
                    if let Some(slot) = &slots[*finger] {
                        sum += dot(&code.0, &slot.code.0);
                        any = true;
                    }
                }
                if !any {
                    continue;
                }
                if heap.len() < keep {
                    heap.push(Reverse((sum, person)));
                } else if heap.peek().is_some_and(|Reverse((low, _))| sum > *low) {
                    heap.pop();
                    heap.push(Reverse((sum, person)));
                }
            }
            found.extend(heap.into_iter().map(|Reverse(x)| x));
        }
        found
    })
    .into_iter()
    .flatten()
    .collect();
    best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    best.truncate(keep);
    best.into_iter().map(|(_, person)| person).collect()
}

/// The matcher looks at a shortlisted person's most similar fingers (by
/// code) first…
const FIRST_LOOK: usize = 4;
/// …and sets the person aside when none of them reaches this share of its
/// threshold: nearly every stranger, after four comparisons instead of ten.
const FIRST_LOOK_SHARE: f32 = 0.5;

/// Compares the probe with one person by the matcher.
fn verify<K: Clone>(gallery: &Gallery<K>, probe: &Probe, person: usize) -> Candidate<K> {
    let slots = &gallery.slots[person * 10..person * 10 + 10];
    let mut order: Vec<(i32, usize, &CylinderSet, &FingerTemplate)> = probe
        .fingers
        .iter()
        .filter_map(|(finger, code, cylinders)| {
            slots[*finger].as_ref().map(|slot| {
                (
                    dot(&code.0, &slot.code.0),
                    *finger,
                    cylinders,
                    &slot.template,
                )
            })
        })
        .collect();
    order.sort_by_key(|o| Reverse(o.0));
    let mut fingers = Vec::with_capacity(order.len());
    for (n, (_, finger, cylinders, template)) in order.into_iter().enumerate() {
        if n == FIRST_LOOK
            && fingers
                .iter()
                .all(|f: &CandidateFinger| f.score < MCC_THRESHOLD * FIRST_LOOK_SHARE)
        {
            break;
        }
        let score = mcc::score(cylinders, &mcc::cylinders(template));
        fingers.push(CandidateFinger {
            position: FingerPosition::ALL[finger],
            score,
            matched: score >= MCC_THRESHOLD,
        });
    }
    fingers.sort_by_key(|f| f.position);
    Candidate {
        key: gallery.keys[person].clone(),
        score: fingers.iter().map(|f| f.score).sum(),
        matched_fingers: fingers.iter().filter(|f| f.matched).count(),
        compared_fingers: fingers.len(),
        fingers,
    }
}
