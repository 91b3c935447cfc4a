//! The first databases a process opens, opened by several threads at once.
//!
//! SQLite marks itself initialised before SQLCipher's own start-up has run;
//! a thread that opened its first database in that moment had its key
//! refused ("An error occurred with PRAGMA key or rekey"). That only
//! happens in a process's first moments, so the parent runs a fresh child
//! process many times, and each child creates stores from eight threads
//! released together.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Barrier};

use beder::store::{KdfParams, Mode, Store};
use common::{PASSPHRASE, ok};

const DIR_VAR: &str = "BEDER_FIRST_OPEN_DIR";
const THREADS: usize = 8;
/// Without the fix, 8 of 9 runs of forty children had a child lose a store
/// (about one child in twenty); forty children cost about five seconds.
const CHILDREN: usize = 40;

/// The child: runs only when the parent sets `BEDER_FIRST_OPEN_DIR`.
#[test]
#[ignore = "the child process of the first-open test"]
fn first_open_child() {
    let Ok(dir) = std::env::var(DIR_VAR) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|i| {
            let barrier = Arc::clone(&barrier);
            let dir = dir.join(format!("t{i}"));
            std::thread::spawn(move || {
                barrier.wait();
                Store::create(
                    &dir,
                    Mode::Live,
                    PASSPHRASE,
                    KdfParams::insecure_fast_for_tests(),
                )
                .map(drop)
                .map_err(|e| e.to_string())
            })
        })
        .collect();
    let failed: Vec<String> = threads
        .into_iter()
        .filter_map(|t| match t.join() {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(_) => Some("the thread panicked".into()),
        })
        .collect();
    assert!(failed.is_empty(), "stores not created: {failed:?}");
}

#[test]
fn threads_opening_a_processs_first_databases_all_succeed() {
    let exe = ok(std::env::current_exe());
    for child in 0..CHILDREN {
        let dir = ok(tempfile::tempdir());
        let out = ok(Command::new(&exe)
            .args(["first_open_child", "--exact", "--ignored", "--nocapture"])
            .env(DIR_VAR, dir.path())
            .output());
        assert!(
            out.status.success(),
            "child {child} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        for i in 0..THREADS {
            let opened = Store::open(&dir.path().join(format!("t{i}")), Mode::Live, PASSPHRASE);
            assert!(opened.is_ok(), "child {child}: store {i} does not open");
        }
    }
}
