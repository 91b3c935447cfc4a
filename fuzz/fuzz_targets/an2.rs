//! Any bytes as an ANSI/NIST-ITL transaction: read or refused, never a
//! panic; what is written from a transaction reads back as the same
//! transaction.
#![no_main]

use beder::interchange::an2::Transaction;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(transaction) = Transaction::read(data) {
        let again = Transaction::read(&transaction.write());
        assert_eq!(again.ok(), Some(transaction));
    }
});
