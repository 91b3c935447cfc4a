//! `beder synth`: synthetic persons for the simulator.

use std::path::PathBuf;

use beder::regulation::MessageArg;
use beder::scanner::{ScannerError, write_person, write_training_set};
use clap::Args;
use serde::Serialize;

use super::{CliError, Context, print_line};

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Folder to write the persons into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Number of persons (ignored with --training-set).
    #[arg(long, default_value_t = 1)]
    persons: u32,
    /// Impressions of each finger.
    #[arg(long, default_value_t = 2)]
    impressions: u32,
    /// Seed: the same seed writes the same prints.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write both palms of each person.
    #[arg(long)]
    palms: bool,
    /// Write the training room's scenarios (normal, poor first impression,
    /// amputated finger, bandaged hand, swapped hands, palms only, no prints,
    /// duplicated finger), each with its scenario.toml.
    #[arg(long)]
    training_set: bool,
}

#[derive(Serialize)]
struct SynthOutput {
    out: String,
    persons: usize,
    impressions: u32,
    seed: u64,
}

fn scanner_error(error: ScannerError) -> CliError {
    CliError::Localized {
        key: error.message_key(),
        args: vec![("detail", MessageArg::Text(error.to_string()))],
    }
}

pub fn run(args: &SynthArgs, _: &Context) -> Result<(), CliError> {
    if args.impressions == 0 || args.impressions > 20 {
        return Err(CliError::input(
            "cli-error-impressions",
            vec![("value", MessageArg::Number(i64::from(args.impressions)))],
        ));
    }
    if args.out.exists() && !args.out.is_dir() {
        return Err(CliError::input(
            "cli-error-out-not-folder",
            vec![("path", MessageArg::Text(args.out.display().to_string()))],
        ));
    }
    let persons = if args.training_set {
        write_training_set(&args.out, args.seed, args.impressions).map_err(scanner_error)?
    } else {
        for p in 0..args.persons {
            let dir = args.out.join(format!("person_{:03}", p + 1));
            write_person(
                &dir,
                args.seed,
                u64::from(p),
                args.impressions,
                args.palms,
                None,
            )
            .map_err(scanner_error)?;
            eprintln!("{}/{}", p + 1, args.persons);
        }
        args.persons as usize
    };
    let output = SynthOutput {
        out: args.out.display().to_string(),
        persons,
        impressions: args.impressions,
        seed: args.seed,
    };
    print_line(&serde_json::to_string(&output).map_err(|e| CliError::Failed(e.to_string()))?)
}
