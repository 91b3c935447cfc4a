//! The `beder` binary: the kiosk (by default) and the headless commands.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
