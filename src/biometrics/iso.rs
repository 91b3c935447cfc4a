//! ISO/IEC 19794-2 finger minutiae records: the 2011 edition (version
//! "030") written and read, the 2005 edition (version " 20") read.
//!
//! The decoder never trusts a length: every field is read through a bounded
//! cursor, so malformed input gives an [`IsoError`], never a panic (a
//! property test and a fuzz target hold it to that).

use std::borrow::Cow;

use thiserror::Error;

use super::template::{FingerTemplate, Minutia, MinutiaKind, RECORD_MINUTIAE_LIMIT};
use crate::model::{FingerPosition, ImpressionKind};

/// Why a record cannot be written or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IsoError {
    #[error("not a finger minutiae record (no \"FMR\" signature)")]
    /// The record does not begin with "FMR".
    NotFmr,
    #[error("unsupported version {0:?}")]
    /// A version other than 2005's " 20" or 2011's "030".
    UnsupportedVersion(String),
    #[error("the record ends early at byte {0}")]
    /// The record ends at this byte, before its fields do.
    Truncated(usize),
    #[error("the {field} length field ({value}) does not fit the data")]
    /// A length field that does not fit the record.
    BadLength {
        /// The field.
        field: &'static str,
        /// The length it gives.
        value: u64,
    },
    #[error("a minutia record must be 5 or 6 bytes, not {0}")]
    /// A minutia record size other than 5 or 6 bytes.
    BadMinutiaSize(u8),
    #[error("{0} minutiae do not fit one record (255 at most)")]
    /// More minutiae than one record holds.
    TooManyMinutiae(usize),
    #[error("a coordinate or image side of {0} does not fit 14 bits")]
    /// A value too large for the record's 14-bit fields.
    CoordinateTooLarge(u32),
    #[error("the record holds no finger")]
    /// A record without a finger view.
    Empty,
}

/// A cursor that refuses to read past the end.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Reader { data, at: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], IsoError> {
        let end = self.at.checked_add(n).ok_or(IsoError::Truncated(self.at))?;
        let slice = self
            .data
            .get(self.at..end)
            .ok_or(IsoError::Truncated(self.at))?;
        self.at = end;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, IsoError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, IsoError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, IsoError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.at)
    }
}

fn ppcm_from_ppi(ppi: u16) -> u16 {
    ((f32::from(ppi) / 2.54).round() as u16).max(1)
}

fn ppi_from_ppcm(ppcm: u16) -> u16 {
    let ppi = (f32::from(ppcm) * 2.54).round() as u16;
    // Snap to the usual resolutions that a pixels-per-cm field cannot hold exactly.
    [250u16, 300, 500, 1000]
        .into_iter()
        .find(|standard| standard.abs_diff(ppi) <= 2)
        .unwrap_or(ppi)
}

fn impression_code(kind: ImpressionKind) -> u8 {
    match kind {
        ImpressionKind::Rolled => 1,
        _ => 0,
    }
}

fn impression_from(code: u8) -> ImpressionKind {
    match code {
        1 | 3 => ImpressionKind::Rolled,
        _ => ImpressionKind::Flat,
    }
}

fn kind_code(kind: MinutiaKind) -> u16 {
    match kind {
        MinutiaKind::Other => 0,
        MinutiaKind::RidgeEnding => 1,
        MinutiaKind::Bifurcation => 2,
    }
}

fn kind_from(bits: u16) -> MinutiaKind {
    match bits {
        1 => MinutiaKind::RidgeEnding,
        2 => MinutiaKind::Bifurcation,
        _ => MinutiaKind::Other,
    }
}

fn fits14(value: u32) -> Result<u16, IsoError> {
    u16::try_from(value)
        .ok()
        .filter(|v| *v < 0x4000)
        .ok_or(IsoError::CoordinateTooLarge(value))
}

/// Writes templates as one ISO/IEC 19794-2:2011 record, one finger
/// representation each, with minutia quality (6-byte minutiae).
pub fn encode_2011(templates: &[FingerTemplate]) -> Result<Vec<u8>, IsoError> {
    if templates.is_empty() {
        return Err(IsoError::Empty);
    }
    let mut representations = Vec::new();
    for t in templates {
        // A record holds 255 minutiae a finger: the most reliable are kept.
        let t = &t.most_reliable(RECORD_MINUTIAE_LIMIT);
        let mut data = Vec::new();
        data.push(t.position.map_or(0, FingerPosition::code));
        data.push(0); // representation number
        let ppcm = ppcm_from_ppi(t.ppi);
        data.extend_from_slice(&ppcm.to_be_bytes());
        data.extend_from_slice(&ppcm.to_be_bytes());
        data.push(impression_code(t.impression));
        data.extend_from_slice(&fits14(u32::from(t.width))?.to_be_bytes());
        data.extend_from_slice(&fits14(u32::from(t.height))?.to_be_bytes());
        data.push((6 << 4) | 1); // 6-byte minutiae; ridge ending = valley skeleton bifurcation
        data.push(t.minutiae.len() as u8);
        for m in &t.minutiae {
            let x = fits14(u32::from(m.x))?;
            let y = fits14(u32::from(m.y))?;
            data.extend_from_slice(&((kind_code(m.kind) << 14) | x).to_be_bytes());
            data.extend_from_slice(&y.to_be_bytes());
            data.push(m.angle);
            data.push(m.quality.min(100));
        }
        data.extend_from_slice(&0u16.to_be_bytes()); // no extended data

        let mut rep = Vec::new();
        // Sample header: length, date-time (unknown), sensor technology,
        // vendor, device, one quality block.
        let length = 4 + 9 + 1 + 2 + 2 + 1 + 5 + data.len();
        rep.extend_from_slice(&(length as u32).to_be_bytes());
        rep.extend_from_slice(&[0xFF; 9]);
        rep.push(0); // sensor technology: unknown
        rep.extend_from_slice(&0u16.to_be_bytes());
        rep.extend_from_slice(&0u16.to_be_bytes());
        rep.push(1);
        rep.push(t.quality.min(100));
        rep.extend_from_slice(&0u16.to_be_bytes()); // quality algorithm vendor: unreported
        rep.extend_from_slice(&0u16.to_be_bytes()); // quality algorithm
        rep.extend_from_slice(&data);
        representations.push(rep);
    }
    let total = 15 + representations.iter().map(Vec::len).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"FMR\0");
    out.extend_from_slice(b"030\0");
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(representations.len() as u16).to_be_bytes());
    out.push(0); // no certification blocks
    for rep in representations {
        out.extend_from_slice(&rep);
    }
    Ok(out)
}

/// Reads an ISO/IEC 19794-2 record of the 2011 or the 2005 edition.
pub fn decode(bytes: &[u8]) -> Result<Vec<FingerTemplate>, IsoError> {
    let mut r = Reader::new(bytes);
    if r.take(4)? != b"FMR\0" {
        return Err(IsoError::NotFmr);
    }
    let version = r.take(4)?;
    match version {
        b"030\0" => decode_2011(&mut r, bytes.len()),
        b" 20\0" => decode_2005(&mut r, bytes.len()),
        other => Err(IsoError::UnsupportedVersion(
            String::from_utf8_lossy(other)
                .trim_end_matches('\0')
                .to_string(),
        )),
    }
}

fn check_total(total: u32, available: usize) -> Result<(), IsoError> {
    if total as usize > available || total < 24 {
        return Err(IsoError::BadLength {
            field: "record",
            value: u64::from(total),
        });
    }
    Ok(())
}

fn read_minutiae(r: &mut Reader<'_>, count: u8, size: u8) -> Result<Vec<Minutia>, IsoError> {
    (0..count)
        .map(|_| {
            let xw = r.u16()?;
            let yw = r.u16()?;
            let angle = r.u8()?;
            let quality = if size == 6 { r.u8()?.min(100) } else { 0 };
            Ok(Minutia {
                x: xw & 0x3FFF,
                y: yw & 0x3FFF,
                angle,
                kind: kind_from(xw >> 14),
                quality,
            })
        })
        .collect()
}

fn skip_extended(r: &mut Reader<'_>) -> Result<(), IsoError> {
    let length = r.u16()?;
    r.take(usize::from(length))?;
    Ok(())
}

fn decode_2011(r: &mut Reader<'_>, available: usize) -> Result<Vec<FingerTemplate>, IsoError> {
    let total = r.u32()?;
    check_total(total, available)?;
    let count = r.u16()?;
    let certification = r.u8()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let start = r.at;
        let length = r.u32()?;
        if (length as usize) < 14 || length as usize > r.remaining() + 4 {
            return Err(IsoError::BadLength {
                field: "representation",
                value: u64::from(length),
            });
        }
        r.take(9)?; // capture date and time
        r.u8()?; // sensor technology
        r.u16()?; // vendor
        r.u16()?; // device type
        let blocks = r.u8()?;
        let mut quality = 0u8;
        for i in 0..blocks {
            let score = r.u8()?;
            r.take(4)?;
            if i == 0 && score <= 100 {
                quality = score;
            }
        }
        if certification != 0 {
            let certs = r.u8()?;
            r.take(usize::from(certs) * 3)?;
        }
        let position = r.u8()?;
        r.u8()?; // representation number
        let ppcm = r.u16()?;
        r.u16()?; // vertical resolution
        let impression = r.u8()?;
        let width = r.u16()?;
        let height = r.u16()?;
        let field = r.u8()?;
        let size = field >> 4;
        if size != 5 && size != 6 {
            return Err(IsoError::BadMinutiaSize(size));
        }
        let n = r.u8()?;
        let minutiae = read_minutiae(r, n, size)?;
        skip_extended(r)?;
        if r.at - start != length as usize {
            return Err(IsoError::BadLength {
                field: "representation",
                value: u64::from(length),
            });
        }
        // Near-duplicate minutiae are not a print's: removed on reading
        // (see `without_near_duplicates`).
        out.push(
            FingerTemplate {
                width,
                height,
                ppi: ppi_from_ppcm(ppcm),
                position: FingerPosition::from_code(position),
                impression: impression_from(impression),
                quality,
                minutiae,
            }
            .without_near_duplicates(),
        );
    }
    if out.is_empty() {
        return Err(IsoError::Empty);
    }
    Ok(out)
}

fn decode_2005(r: &mut Reader<'_>, available: usize) -> Result<Vec<FingerTemplate>, IsoError> {
    let total = r.u32()?;
    check_total(total, available)?;
    r.u16()?; // capture equipment
    let width = r.u16()?;
    let height = r.u16()?;
    let ppcm = r.u16()?;
    r.u16()?;
    let views = r.u8()?;
    r.u8()?; // reserved
    let mut out = Vec::new();
    for _ in 0..views {
        let position = r.u8()?;
        let view_impression = r.u8()?;
        let quality = r.u8()?;
        let n = r.u8()?;
        let minutiae = read_minutiae(r, n, 6)?;
        skip_extended(r)?;
        out.push(
            FingerTemplate {
                width,
                height,
                ppi: ppi_from_ppcm(ppcm),
                position: FingerPosition::from_code(position),
                impression: impression_from(view_impression & 0x0F),
                quality: quality.min(100),
                minutiae,
            }
            .without_near_duplicates(),
        );
    }
    if out.is_empty() {
        return Err(IsoError::Empty);
    }
    Ok(out)
}

/// Writes an ISO/IEC 19794-2:2005 record (for systems that only read the
/// old edition, and for tests of the 2005 reader).
pub fn encode_2005(templates: &[FingerTemplate]) -> Result<Vec<u8>, IsoError> {
    let first = templates.first().ok_or(IsoError::Empty)?;
    let mut views = Vec::new();
    for t in templates {
        let t = &t.most_reliable(RECORD_MINUTIAE_LIMIT);
        views.push(t.position.map_or(0, FingerPosition::code));
        views.push(impression_code(t.impression));
        views.push(t.quality.min(100));
        views.push(t.minutiae.len() as u8);
        for m in &t.minutiae {
            let x = fits14(u32::from(m.x))?;
            let y = fits14(u32::from(m.y))?;
            views.extend_from_slice(&((kind_code(m.kind) << 14) | x).to_be_bytes());
            views.extend_from_slice(&y.to_be_bytes());
            views.push(m.angle);
            views.push(m.quality.min(100));
        }
        views.extend_from_slice(&0u16.to_be_bytes());
    }
    let total = 24 + views.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"FMR\0");
    out.extend_from_slice(b" 20\0");
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&first.width.to_be_bytes());
    out.extend_from_slice(&first.height.to_be_bytes());
    let ppcm = ppcm_from_ppi(first.ppi);
    out.extend_from_slice(&ppcm.to_be_bytes());
    out.extend_from_slice(&ppcm.to_be_bytes());
    out.push(
        u8::try_from(templates.len()).map_err(|_| IsoError::TooManyMinutiae(templates.len()))?,
    );
    out.push(0);
    out.extend_from_slice(&views);
    Ok(out)
}

/// The `template_format` under which Beder stores the ISO/IEC 19794-2:2011
/// records it extracts, with ISO's minutia directions.
pub const STORED_FORMAT: &str = "iso19794-2:2011;angles=iso";

/// The `template_format` of the records Beder stored before its directions
/// were ISO's: each minutia points half a turn from the standard (MINDTCT's
/// NIST-internal direction, see [`super::template::NIST_TO_ISO_DEGREES`]).
/// Their bytes stay as written, since the audit log binds them; they are
/// turned when read and when sent.
pub const LEGACY_STORED_FORMAT: &str = "iso19794-2:2011";

/// Whether a stored record's directions are half a turn from ISO's.
fn turned_half(format: &str) -> bool {
    format == LEGACY_STORED_FORMAT
}

/// Reads a record as stored under `format`, with ISO's directions whatever
/// it was written with. Any other format (an imported mark's `iso19794-2`,
/// [`STORED_FORMAT`]) is read as the standard says.
pub fn decode_stored(format: &str, bytes: &[u8]) -> Result<Vec<FingerTemplate>, IsoError> {
    let mut templates = decode(bytes)?;
    if turned_half(format) {
        for m in templates.iter_mut().flat_map(|t| t.minutiae.iter_mut()) {
            m.angle = m.angle.wrapping_add(128);
        }
    }
    Ok(templates)
}

/// A stored record as it goes to another system (the Type-99 record of a
/// transfer): as stored when its directions are ISO's, written again with
/// them turned when it is a [`LEGACY_STORED_FORMAT`] record.
pub fn stored_as_iso<'a>(format: &str, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>, IsoError> {
    if turned_half(format) {
        Ok(Cow::Owned(encode_2011(&decode_stored(format, bytes)?)?))
    } else {
        Ok(Cow::Borrowed(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> FingerTemplate {
        FingerTemplate {
            width: 300,
            height: 400,
            ppi: 500,
            position: Some(FingerPosition::RightIndex),
            impression: ImpressionKind::Flat,
            quality: 80,
            minutiae: [(10u16, 20u16, 0u8), (100, 200, 64), (150, 390, 200)]
                .into_iter()
                .map(|(x, y, angle)| Minutia {
                    x,
                    y,
                    angle,
                    kind: MinutiaKind::RidgeEnding,
                    quality: 60,
                })
                .collect(),
        }
    }

    fn angles(t: &FingerTemplate) -> Vec<u8> {
        t.minutiae.iter().map(|m| m.angle).collect()
    }

    #[test]
    fn a_legacy_record_is_read_and_sent_half_a_turn_round() {
        let legacy = encode_2011(&[template()]).expect("a well-formed record");
        let read = decode_stored(LEGACY_STORED_FORMAT, &legacy).expect("a well-formed record");
        assert_eq!(angles(&read[0]), [128, 192, 72]);
        let sent = stored_as_iso(LEGACY_STORED_FORMAT, &legacy).expect("a well-formed record");
        assert_ne!(sent.as_ref(), legacy.as_slice());
        let again = decode(&sent).expect("a well-formed record");
        assert_eq!(again, read, "what is sent reads as what the desk matches");
    }

    #[test]
    fn current_and_imported_records_are_read_and_sent_as_written() {
        let record = encode_2011(&[template()]).expect("a well-formed record");
        for format in [STORED_FORMAT, "iso19794-2"] {
            let read = decode_stored(format, &record).expect("a well-formed record");
            assert_eq!(angles(&read[0]), [0, 64, 200]);
            let sent = stored_as_iso(format, &record).expect("a well-formed record");
            assert_eq!(sent.as_ref(), record.as_slice());
        }
    }

    #[test]
    fn a_damaged_legacy_record_is_refused_not_sent() {
        let mut record = encode_2011(&[template()]).expect("a well-formed record");
        record.truncate(20);
        assert!(stored_as_iso(LEGACY_STORED_FORMAT, &record).is_err());
        assert!(decode_stored(LEGACY_STORED_FORMAT, &record).is_err());
    }
}
