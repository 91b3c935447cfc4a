//! Interchange benchmarks: WSQ encoding (0.75 bpp) and decoding of a
//! 500 × 500 print on one core, and reading and writing a ten-print
//! transaction. The print is a real FVC2002 image scaled to 500 × 500 when
//! ../shared/fingerprints exists, else the shipped synthetic print.

use std::hint::black_box;
use std::path::Path;

use beder::interchange::an2::Transaction;
use beder::interchange::wsq;
use criterion::{Criterion, criterion_group, criterion_main};
use image::imageops::FilterType;

fn print_500(root: &Path) -> Vec<u8> {
    let real = root.join("../shared/fingerprints/FVC2002_DB1_B/101_1.tif");
    let path = if real.exists() {
        real
    } else {
        root.join("assets/simulator/01_normal/02_flat.png")
    };
    let image = image::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    image
        .resize_exact(500, 500, FilterType::Triangle)
        .to_luma8()
        .into_raw()
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pixels = print_500(root);
    let stream =
        wsq::encode(&pixels, 500, 500, 500, wsq::DEFAULT_BITRATE).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("interchange");
    group.bench_function("wsq_encode_500x500", |b| {
        b.iter(|| black_box(wsq::encode(&pixels, 500, 500, 500, wsq::DEFAULT_BITRATE)))
    });
    group.bench_function("wsq_decode_500x500", |b| {
        b.iter(|| black_box(wsq::decode(&stream)))
    });
    let tenprint = root.join("../shared/interchange/ansi-nist/type-14-tpcard-nqm.an2");
    if let Ok(bytes) = std::fs::read(&tenprint) {
        group.bench_function("an2_read_tenprint_675k", |b| {
            b.iter(|| black_box(Transaction::read(&bytes)))
        });
        if let Ok(transaction) = Transaction::read(&bytes) {
            group.bench_function("an2_write_tenprint_675k", |b| {
                b.iter(|| black_box(transaction.write()))
            });
        }
    }
    group.finish();
}

criterion_group!(interchange, benches);
criterion_main!(interchange);
