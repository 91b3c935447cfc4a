//! `beder scanner list|capture` and `beder sbi-device`: the scanners on
//! this machine (the simulator, SBI device services on 127.0.0.1:4501–4600)
//! and Beder's own SBI device for training rooms and tests.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use beder::biometrics::image::FingerImage;
use beder::model::{FingerPosition, Position, SlapPosition};
use beder::regulation::MessageArg;
use beder::scanner::sbi::client::{self, SbiCamera, SbiPolicy, SbiScanner};
use beder::scanner::sbi::device::{DeviceOptions, Fault, SbiDevice};
use beder::scanner::sbi::wire;
use beder::scanner::{CaptureRequest, Scanner, ScannerError, SimulatedScanner};

use super::biometrics::{json, template_of};
use super::store::StoreOptions;
use super::{CliError, Context, print_line};

#[derive(Debug, Subcommand)]
pub enum ScannerCommand {
    /// The scanners this machine offers: SBI device services found on
    /// 127.0.0.1:4501–4600 (and the simulator with --training).
    List {
        /// One JSON array on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Capture fingers and write one 8-bit grey PNG per finger (NN.png, NN
    /// the ANSI/NIST-ITL position); or, with --photo, the photograph from
    /// the service's Face device (photo.png).
    Capture(CaptureArgs),
}

#[derive(Debug, Args)]
pub struct CaptureArgs {
    /// `simulator` or `sbi-PORT` (as `scanner list` names them).
    #[arg(long)]
    device: String,
    /// right-slap, left-slap, thumbs, or positions 1–10 separated by commas.
    #[arg(long, required_unless_present = "photo")]
    fingers: Option<String>,
    /// Take the photograph (п.7) from the Face device of the SBI service.
    #[arg(long, conflicts_with_all = ["fingers", "except"])]
    photo: bool,
    /// Positions not to capture (amputated, bandaged…).
    #[arg(long, value_delimiter = ',')]
    except: Vec<u8>,
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Seconds the device may wait for the fingers.
    #[arg(long, default_value_t = 40)]
    timeout: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FaultArg {
    Malformed,
    WrongHash,
}

#[derive(Debug, Args)]
pub struct SbiDeviceArgs {
    /// The port (4501–4600); the first free one if not given.
    #[arg(long)]
    port: Option<u16>,
    /// A folder of simulated persons (as `beder synth` writes them); the
    /// shipped training set if not given.
    #[arg(long, value_name = "DIR", conflicts_with = "scenario")]
    person: Option<PathBuf>,
    /// The training set's person of this name (e.g. 03_amputated).
    #[arg(long)]
    scenario: Option<String>,
    /// Behave as a device that is not registered: nothing signed.
    #[arg(long)]
    unsigned: bool,
    /// Misbehave on purpose (tests, trainers).
    #[arg(long, value_enum)]
    fault: Option<FaultArg>,
}

fn scanner_error(error: ScannerError) -> CliError {
    CliError::input(
        error.message_key(),
        vec![("detail", MessageArg::Text(error.detail()))],
    )
}

/// The training set: the shipped persons, or one generated in the temp
/// folder.
fn training_set() -> Result<PathBuf, CliError> {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/simulator");
    if shipped.is_dir() {
        return Ok(shipped);
    }
    let generated = std::env::temp_dir().join("beder-simulator");
    if !generated.is_dir() {
        beder::scanner::write_training_set(&generated, 2026, 2).map_err(scanner_error)?;
    }
    Ok(generated)
}

fn open_simulator(
    person: Option<&Path>,
    scenario: Option<&str>,
) -> Result<SimulatedScanner, CliError> {
    let root = match person {
        Some(dir) => dir.to_path_buf(),
        None => training_set()?,
    };
    let mut scanner = SimulatedScanner::open(&root).map_err(scanner_error)?;
    if let Some(name) = scenario {
        let index = scanner
            .persons()
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| {
                CliError::input(
                    "scanner-error-unsupported",
                    vec![("detail", MessageArg::Text(format!("no person {name}")))],
                )
            })?;
        scanner.present(index);
    }
    Ok(scanner)
}

#[derive(Serialize)]
struct Listed {
    id: String,
    protocol: &'static str,
    port: Option<u16>,
    #[serde(rename = "type")]
    kind: String,
    model: String,
    serial: String,
    status: String,
}

#[derive(Serialize)]
struct Captured {
    position: u8,
    quality: u8,
    device_quality: Option<u8>,
}

#[derive(Serialize)]
struct CaptureOutput {
    captured: Vec<Captured>,
    excepted: Vec<u8>,
}

pub fn run(command: ScannerCommand, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    match command {
        ScannerCommand::List { json: as_json } => {
            let mut listed = Vec::new();
            if options.training {
                let simulator = open_simulator(None, None)?;
                let info = simulator.info();
                listed.push(Listed {
                    id: "simulator".into(),
                    protocol: "simulator",
                    port: None,
                    kind: "Finger".into(),
                    model: info.model,
                    serial: info.serial,
                    status: "Ready".into(),
                });
            }
            for device in client::discover(wire::PORTS) {
                listed.push(Listed {
                    id: device_name(device.port, &device.kind),
                    protocol: "sbi",
                    port: Some(device.port),
                    kind: device.kind,
                    model: device.model,
                    serial: device.serial,
                    status: device.status,
                });
            }
            if as_json {
                print_line(&json(&listed)?)
            } else {
                for d in &listed {
                    print_line(&format!(
                        "{}\t{}\t{}\t{} {}\t{}",
                        d.id, d.protocol, d.kind, d.model, d.serial, d.status
                    ))?;
                }
                Ok(())
            }
        }
        ScannerCommand::Capture(args) => capture(&args, options),
    }
}

/// A device's name on the command line: `sbi-PORT` for the fingerprint
/// scanner of the service on PORT, `sbi-PORT-face` for its camera (one
/// service may hold both).
fn device_name(port: u16, kind: &str) -> String {
    if kind.eq_ignore_ascii_case("Finger") {
        format!("sbi-{port}")
    } else {
        format!("sbi-{port}-{}", kind.to_ascii_lowercase())
    }
}

/// The port of `sbi-PORT` or `sbi-PORT-face`.
fn port_of(device: &str) -> Result<u16, CliError> {
    device
        .strip_prefix("sbi-")
        .and_then(|p| p.split('-').next())
        .and_then(|p| p.parse::<u16>().ok())
        .ok_or_else(|| {
            CliError::input(
                "scanner-error-unsupported",
                vec![("detail", MessageArg::Text(device.to_string()))],
            )
        })
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> CliError {
    CliError::Localized {
        key: "store-error-io",
        args: vec![(
            "detail",
            MessageArg::Text(format!("{}: {e}", path.display())),
        )],
    }
}

#[derive(Serialize)]
struct PhotoOutput {
    photo: String,
    width: u32,
    height: u32,
    device_quality: Option<u8>,
}

/// The photograph from the service's camera, as `photo.png` in `--out`.
fn capture_photo(args: &CaptureArgs, options: &StoreOptions) -> Result<(), CliError> {
    if args.device == "simulator" {
        return Err(CliError::input(
            "scanner-error-unsupported",
            vec![(
                "detail",
                MessageArg::Text("the simulator has no camera".into()),
            )],
        ));
    }
    let camera = SbiCamera::connect(
        port_of(&args.device)?,
        SbiPolicy {
            allow_developer_devices: options.training,
            ..SbiPolicy::default()
        },
    )
    .map_err(scanner_error)?;
    let taken = camera
        .capture(Duration::from_secs(args.timeout.clamp(1, 600)))
        .map_err(scanner_error)?;
    std::fs::create_dir_all(&args.out).map_err(|e| io_error(&args.out, e))?;
    let path = args.out.join("photo.png");
    taken.image.save(&path).map_err(|e| io_error(&path, e))?;
    print_line(&json(&PhotoOutput {
        photo: "photo.png".into(),
        width: taken.image.width(),
        height: taken.image.height(),
        device_quality: taken.device_quality,
    })?)
}

/// What to ask for: slaps, and the positions wanted within them.
fn plan(
    fingers: &str,
    except: &[u8],
) -> Result<Vec<(SlapPosition, Vec<FingerPosition>)>, CliError> {
    let bad = || {
        CliError::input(
            "scanner-error-unsupported",
            vec![("detail", MessageArg::Text(format!("--fingers {fingers}")))],
        )
    };
    let wanted: Vec<FingerPosition> = match fingers.trim() {
        "right-slap" => SlapPosition::RightFour.fingers().to_vec(),
        "left-slap" => SlapPosition::LeftFour.fingers().to_vec(),
        "thumbs" => SlapPosition::BothThumbs.fingers().to_vec(),
        list => list
            .split(',')
            .map(|p| {
                p.trim()
                    .parse::<u8>()
                    .ok()
                    .and_then(FingerPosition::from_code)
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(bad)?,
    };
    let mut out = Vec::new();
    for slap in [
        SlapPosition::RightFour,
        SlapPosition::LeftFour,
        SlapPosition::BothThumbs,
    ] {
        let inside: Vec<FingerPosition> = slap
            .fingers()
            .iter()
            .copied()
            .filter(|f| wanted.contains(f) && !except.contains(&f.code()))
            .collect();
        if !inside.is_empty() {
            out.push((slap, inside));
        }
    }
    if out.is_empty() {
        return Err(bad());
    }
    Ok(out)
}

fn capture(args: &CaptureArgs, options: &StoreOptions) -> Result<(), CliError> {
    if args.photo {
        return capture_photo(args, options);
    }
    let plan = plan(args.fingers.as_deref().unwrap_or_default(), &args.except)?;
    let mut scanner: Box<dyn Scanner> = if args.device == "simulator" {
        Box::new(open_simulator(None, None)?)
    } else {
        let port = port_of(&args.device)?;
        Box::new(
            SbiScanner::connect(
                port,
                SbiPolicy {
                    allow_developer_devices: options.training,
                    ..SbiPolicy::default()
                },
            )
            .map_err(scanner_error)?,
        )
    };
    std::fs::create_dir_all(&args.out).map_err(|e| io_error(&args.out, e))?;
    let mut output = CaptureOutput {
        captured: Vec::new(),
        excepted: args.except.clone(),
    };
    for (slap, inside) in plan {
        let excepted: Vec<FingerPosition> = slap
            .fingers()
            .iter()
            .copied()
            .filter(|f| !inside.contains(f))
            .collect();
        let mut request = CaptureRequest::slap(slap, &excepted);
        request.timeout = Duration::from_secs(args.timeout.clamp(1, 600));
        let result = scanner
            .capture(request)
            .and_then(|h| h.wait(Duration::from_secs(args.timeout.clamp(1, 600) + 10)))
            .map_err(scanner_error)?;
        for image in result.images {
            let Position::Finger(finger) = image.position else {
                continue;
            };
            let path = args.out.join(format!("{:02}.png", finger.code()));
            image.image.save(&path).map_err(|e| io_error(&path, e))?;
            let ours = FingerImage {
                image: image.image.clone(),
                ppi: image.ppi,
            };
            let quality = template_of(&ours, &path).map(|(_, q)| q.score).unwrap_or(0);
            output.captured.push(Captured {
                position: finger.code(),
                quality,
                device_quality: image.device_quality,
            });
        }
    }
    print_line(&json(&output)?)
}

pub fn run_device(args: &SbiDeviceArgs, _: &Context) -> Result<(), CliError> {
    let scanner = open_simulator(args.person.as_deref(), args.scenario.as_deref())?;
    let device = SbiDevice::start(
        scanner,
        DeviceOptions {
            port: args.port.unwrap_or(0),
            signed: !args.unsigned,
            key_pem: None,
            fault: args.fault.map(|f| match f {
                FaultArg::Malformed => Fault::MalformedBody,
                FaultArg::WrongHash => Fault::WrongHash,
            }),
        },
    )
    .map_err(scanner_error)?;
    print_line(&json(&serde_json::json!({
        "port": device.port(),
        "serial": beder::scanner::sbi::device::SERIAL,
        "signed": !args.unsigned,
    }))?)?;
    device.join();
    Ok(())
}
