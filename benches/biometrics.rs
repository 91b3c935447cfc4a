//! Biometric benchmarks: extraction, quality, ISO encode/decode, 1:1
//! comparison and a ten-finger verification, on the shipped synthetic prints
//! and, when ../shared/fingerprints exists, on a real 388 × 374 FVC2002 image
//! and a real print in a 640 × 480 frame.

use std::hint::black_box;
use std::path::Path;

use beder::biometrics::extract::extract;
use beder::biometrics::image::{FingerImage, LoadPolicy, load_file};
use beder::biometrics::iso::{decode, encode_2011};
use beder::biometrics::matcher::{Bozorth3, Matcher, verify_person};
use beder::biometrics::mcc::Mcc;
use beder::biometrics::quality::quality;
use beder::biometrics::search::{
    Gallery, Probe, SearchOptions, code_similarity, finger_code, search,
};
use beder::biometrics::synth::minutiae::synthetic_person;
use beder::biometrics::template::FingerTemplate;
use beder::model::FingerPosition;
use criterion::{Criterion, criterion_group, criterion_main};

fn load(path: &Path) -> FingerImage {
    load_file(path, 500, LoadPolicy::ANY_FINGER).unwrap_or_else(|e| panic!("{e}"))
}

fn template(image: &FingerImage) -> FingerTemplate {
    extract(image).unwrap_or_else(|e| panic!("{e}"))
}

#[expect(
    clippy::too_many_lines,
    reason = "one benchmark group per stage, each a few lines"
)]
fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let synthetic = load(&root.join("assets/simulator/01_normal/02_flat.png"));
    let real_path = root.join("../shared/fingerprints/FVC2002_DB1_B/101_1.tif");
    let mut group = c.benchmark_group("biometrics");
    group.bench_function("extract_synthetic_360x420", |b| {
        b.iter(|| black_box(template(&synthetic)))
    });
    if real_path.exists() {
        let real = load(&real_path);
        group.bench_function("extract_fvc2002_388x374", |b| {
            b.iter(|| black_box(template(&real)))
        });
        let n = template(&real).minutiae.len();
        group.bench_function("quality_fvc2002_388x374", |b| {
            b.iter(|| black_box(quality(&real, n)))
        });
    }
    // Issue #17's second size: a 640 × 480 sensor's image. No development
    // set has one; the largest print here (FVC2000 DB3, 448 × 478) is set
    // in a 640 × 480 frame of its own background, as such a sensor shows a
    // finger.
    let large_path = root.join("../shared/fingerprints/FVC2000_DB3_B/101_1.tif");
    if large_path.exists() {
        let print = load(&large_path);
        let background = print.image.get_pixel(0, 0).0[0];
        let mut frame = image::GrayImage::from_pixel(640, 480, image::Luma([background]));
        image::imageops::overlay(&mut frame, &print.image, 96, 1);
        let large = FingerImage {
            image: frame,
            ppi: 500,
        };
        group.bench_function("extract_fvc2000db3_in_640x480", |b| {
            b.iter(|| black_box(template(&large)))
        });
    }
    let t = template(&synthetic);
    group.bench_function("quality_synthetic_360x420", |b| {
        b.iter(|| black_box(quality(&synthetic, t.minutiae.len())))
    });
    let iso = encode_2011(std::slice::from_ref(&t)).unwrap_or_default();
    group.bench_function("iso_encode", |b| {
        b.iter(|| black_box(encode_2011(std::slice::from_ref(&t))))
    });
    group.bench_function("iso_decode", |b| b.iter(|| black_box(decode(&iso))));
    let other = template(&load(
        &root.join("assets/simulator/01_normal/02_flat_2.png"),
    ));
    group.bench_function("compare_bozorth3_genuine", |b| {
        b.iter(|| black_box(Bozorth3.compare(&t, &other)))
    });
    let stranger = template(&load(
        &root.join("assets/simulator/03_amputated/02_flat.png"),
    ));
    group.bench_function("compare_bozorth3_impostor", |b| {
        b.iter(|| black_box(Bozorth3.compare(&t, &stranger)))
    });
    // Our matcher: descriptors prepared once (as a registry caches them),
    // then compared.
    let mcc = Mcc;
    group.bench_function("mcc_prepare", |b| b.iter(|| black_box(mcc.prepare(&t))));
    // A dry print of 150 minutiae (FVC2000 DB3 105_1): 60 cylinders, each
    // with every minutia as a neighbour.
    let dense_path = root.join("../shared/fingerprints/FVC2000_DB3_B/105_1.tif");
    if dense_path.exists() {
        let dense = template(&load(&dense_path));
        group.bench_function("mcc_prepare_fvc2000db3_dense", |b| {
            b.iter(|| black_box(mcc.prepare(&dense)))
        });
    }
    let (pt, po, ps) = (mcc.prepare(&t), mcc.prepare(&other), mcc.prepare(&stranger));
    group.bench_function("compare_mcc_genuine", |b| {
        b.iter(|| black_box(mcc.compare_prepared(&pt, &po)))
    });
    group.bench_function("compare_mcc_impostor", |b| {
        b.iter(|| black_box(mcc.compare_prepared(&pt, &ps)))
    });
    if real_path.exists() {
        let a = mcc.prepare(&template(&load(&real_path)));
        let genuine = mcc.prepare(&template(&load(
            &root.join("../shared/fingerprints/FVC2002_DB1_B/101_2.tif"),
        )));
        let impostor = mcc.prepare(&template(&load(
            &root.join("../shared/fingerprints/FVC2002_DB1_B/102_1.tif"),
        )));
        group.bench_function("compare_mcc_fvc2002_genuine", |b| {
            b.iter(|| black_box(mcc.compare_prepared(&a, &genuine)))
        });
        group.bench_function("compare_mcc_fvc2002_impostor", |b| {
            b.iter(|| black_box(mcc.compare_prepared(&a, &impostor)))
        });
    }
    let person = |suffix: &str| -> Vec<(FingerPosition, FingerTemplate)> {
        FingerPosition::ALL
            .iter()
            .map(|f| {
                let file = root.join(format!(
                    "assets/simulator/01_normal/{:02}_flat{suffix}.png",
                    f.code()
                ));
                (*f, template(&load(&file)))
            })
            .collect()
    };
    let (enrolled, probe) = (person(""), person("_2"));
    // The desk verifies with `mcc`; BOZORTH3 for comparison.
    group.bench_function("verify_ten_fingers_genuine", |b| {
        b.iter(|| black_box(verify_person(&mcc, &probe, &enrolled)))
    });
    group.bench_function("verify_ten_fingers_genuine_bozorth3", |b| {
        b.iter(|| black_box(verify_person(&Bozorth3, &probe, &enrolled)))
    });
    let stranger: Vec<(FingerPosition, FingerTemplate)> = FingerPosition::ALL
        .iter()
        .map(|f| {
            let file = root.join(format!(
                "assets/simulator/08_duplicate_finger/{:02}_flat.png",
                f.code()
            ));
            (*f, template(&load(&file)))
        })
        .collect();
    group.bench_function("verify_ten_fingers_impostor", |b| {
        b.iter(|| black_box(verify_person(&mcc, &stranger, &enrolled)))
    });
    group.bench_function("verify_ten_fingers_impostor_bozorth3", |b| {
        b.iter(|| black_box(verify_person(&Bozorth3, &stranger, &enrolled)))
    });
    // The 1:N pre-filter: a finger's code, and one code comparison.
    group.bench_function("prefilter_code", |b| b.iter(|| black_box(finger_code(&t))));
    let (ct, co) = (finger_code(&t), finger_code(&other));
    group.bench_function("prefilter_compare", |b| {
        b.iter(|| black_box(code_similarity(&ct, &co)))
    });
    group.finish();
}

/// A ten-finger search among 10,000 persons (100,000 fingers); `beder
/// bench-search` times the full 100,000 persons.
fn search_benches(c: &mut Criterion) {
    let mut gallery = Gallery::new();
    gallery.extend((0..10_000).map(|p| (p, synthetic_person(p, 0))).collect());
    let probe = Probe::new(&synthetic_person(4_321, 1));
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("ten_finger_search_10000_persons", |b| {
        b.iter(|| black_box(search(&gallery, &probe, SearchOptions::default())))
    });
    group.finish();
}

criterion_group!(biometric_benches, benches, search_benches);
criterion_main!(biometric_benches);
