//! `beder nist`: ANSI/NIST-ITL transactions.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Map, Value};

use beder::interchange::an2::{Field, IMAGE_FIELD, MAX_TRANSACTION_BYTES, Record, Transaction};

use super::biometrics::text;
use super::{CliError, Context, print_line};

#[derive(Debug, Subcommand)]
pub enum NistCommand {
    /// Print a transaction as one JSON object: every record, every field
    /// (an image as its length only).
    Dump(DumpArgs),
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

pub fn run(command: NistCommand, _: &Context) -> Result<(), CliError> {
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
    }
}
