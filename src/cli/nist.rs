//! `beder nist`: ANSI/NIST-ITL transactions.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Map, Value};

use beder::interchange::an2::{Field, IMAGE_FIELD, MAX_TRANSACTION_BYTES, Record, Transaction};
use beder::interchange::profile;
use beder::interchange::wsq;
use beder::store::RegistrationId;
use serde::Serialize;

use super::biometrics::{json, text};
use super::store::{StoreOptions, open, store_error};
use super::{CliError, Context, print_line};

#[derive(Debug, Subcommand)]
pub enum NistCommand {
    /// Print a transaction as one JSON object: every record, every field
    /// (an image as its length only).
    Dump(DumpArgs),
    /// Write a registration as a transaction for its registry (Beder's
    /// profile: docs/nist-profile.md).
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The registration's number, as the Done screen and `beder search`
    /// show it (C-000012, F-000007).
    #[arg(long, value_name = "ID")]
    registration: String,
    /// The transaction file to write (private to its owner; replaced if it
    /// exists).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Bits per pixel of the WSQ prints.
    #[arg(long, default_value_t = wsq::DEFAULT_BITRATE)]
    bitrate: f32,
}

#[derive(Serialize)]
struct Exported {
    registration: String,
    control_number: String,
    transaction_type: &'static str,
    records: usize,
    bytes: usize,
    out: String,
}

#[derive(Debug, Args)]
pub struct DumpArgs {
    /// An ANSI/NIST-ITL transaction in the traditional encoding.
    file: PathBuf,
}

/// A field's value: text, or a list of subfields (each text, or a list of
/// items).
fn field_value(field: &Field) -> Value {
    let subfields = field.subfields();
    let item_list = |items: &Vec<String>| {
        if items.len() == 1 {
            Value::String(items[0].clone())
        } else {
            Value::Array(items.iter().cloned().map(Value::String).collect())
        }
    };
    match subfields.as_slice() {
        [one] => item_list(one),
        many => Value::Array(many.iter().map(item_list).collect()),
    }
}

fn dump(transaction: &Transaction) -> Value {
    let records = transaction
        .records
        .iter()
        .map(|record| {
            let mut fields = Map::new();
            let image_bytes = match record {
                Record::Tagged(r) => {
                    for field in &r.fields {
                        if field.number != IMAGE_FIELD {
                            fields.insert(
                                format!("{}.{:03}", r.record_type, field.number),
                                field_value(field),
                            );
                        }
                    }
                    r.image().map(<[u8]>::len)
                }
                Record::Binary(r) => {
                    fields.insert(
                        format!("{}.001", r.record_type),
                        Value::String((4 + r.header.len() + r.data.len()).to_string()),
                    );
                    for (number, value) in r.header_fields() {
                        fields.insert(
                            format!("{}.{number:03}", r.record_type),
                            Value::String(value.to_string()),
                        );
                    }
                    Some(r.data.len())
                }
            };
            serde_json::json!({
                "type": record.record_type(),
                "fields": fields,
                "image_bytes": image_bytes,
            })
        })
        .collect();
    serde_json::json!({ "records": Value::Array(records) })
}

fn export(args: &ExportArgs, options: &StoreOptions) -> Result<(), CliError> {
    let id: RegistrationId = args.registration.parse().map_err(store_error)?;
    if !(0.1..=8.0).contains(&args.bitrate) {
        return Err(CliError::input(
            "nist-error-bitrate",
            vec![("bitrate", text(args.bitrate.to_string()))],
        ));
    }
    let mut store = open(options)?;
    let mission_code = store
        .setting("mission_code")
        .map_err(store_error)?
        .unwrap_or_default();
    let registration = store.export_registration(id).map_err(store_error)?;
    let number = registration.id.to_string();
    let submission = beder::transfer::submission(
        &registration,
        &number,
        &mission_code,
        options.training,
        chrono::Utc::now(),
        args.bitrate,
    );
    let transaction = profile::transaction(&submission).map_err(|e| match e {
        profile::ProfileError::NoMissionCode => {
            CliError::input("nist-error-no-mission-code", vec![])
        }
        other => CliError::Localized {
            key: "nist-error-export",
            args: vec![("detail", text(other.to_string()))],
        },
    })?;
    let bytes = transaction.write();
    beder::files::write_atomically(&args.out, &bytes).map_err(|e| CliError::Localized {
        key: "store-error-io",
        args: vec![("detail", text(format!("{}: {e}", args.out.display())))],
    })?;
    let control_number = match transaction.records.first() {
        Some(Record::Tagged(type1)) => type1.field(9).map(Field::text).unwrap_or_default(),
        _ => String::new(),
    };
    print_line(&json(&Exported {
        registration: number.clone(),
        control_number,
        transaction_type: profile::transaction_type(
            registration.personal.registry(),
            options.training,
        ),
        records: transaction.records.len(),
        bytes: bytes.len(),
        out: args.out.display().to_string(),
    })?)
}

pub fn run(command: NistCommand, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    match command {
        NistCommand::Dump(args) => {
            let bytes =
                beder::files::read_file(&args.file, MAX_TRANSACTION_BYTES as u64).map_err(|e| {
                    CliError::input("nist-error", vec![("detail", text(e.to_string()))])
                })?;
            let transaction = Transaction::read(&bytes).map_err(|e| {
                CliError::input(
                    "nist-error",
                    vec![("detail", text(format!("{}: {e}", args.file.display())))],
                )
            })?;
            print_line(&dump(&transaction).to_string())
        }
        NistCommand::Export(args) => export(&args, options),
    }
}
