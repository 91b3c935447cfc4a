//! `beder training seed`: a populated training registry.

use beder::enrollment::office::{DEMO_LOGIN, open_training};
use beder::enrollment::seed::{MAX_PERSONS, SeedError, seed_training};
use beder::regulation::MessageArg;
use beder::store::KdfParams;
use clap::{Args, Subcommand};

use super::biometrics::json;
use super::store::{StoreOptions, store_error};
use super::{CliError, Context, print_line};

#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// Enrol synthetic persons into the training database (both
    /// registries; some with exceptions, palms, defect marks, a
    /// representative; some corrected or re-fingerprinted). Person k has
    /// the fingers of `beder synth --seed S`'s person_k. Never the live
    /// database.
    Seed(SeedArgs),
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// How many persons.
    #[arg(long)]
    persons: usize,
    /// The same seed enrols the same persons.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(command: TrainingCommand, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    let TrainingCommand::Seed(args) = command;
    if args.persons == 0 || args.persons > MAX_PERSONS {
        return Err(CliError::input(
            "training-error-persons",
            vec![("max", MessageArg::Number(MAX_PERSONS as i64))],
        ));
    }
    let dir = options.dir()?;
    let mut store = open_training(&dir, KdfParams::default()).map_err(store_error)?;
    let officer = store
        .officers()
        .map_err(store_error)?
        .into_iter()
        .find(|o| o.officer.login == DEMO_LOGIN)
        .map(|o| o.id)
        .ok_or_else(|| CliError::input("training-error-no-demo", vec![]))?;
    let today = chrono::Local::now().date_naive();
    let report = seed_training(&mut store, officer, args.persons, args.seed, today).map_err(
        |e| match e {
            SeedError::Store(e) => store_error(e),
            SeedError::LiveDatabase | SeedError::Count => CliError::input(
                "training-error-persons",
                vec![("max", MessageArg::Number(MAX_PERSONS as i64))],
            ),
        },
    )?;
    print_line(&json(&report)?)
}
