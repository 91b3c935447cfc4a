//! A big-endian reader that never reads past what it was given: the ISO/IEC
//! 19794 records' decoders share it.

/// A read went past the end; the offset where it started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truncated(pub usize);

pub struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Truncated> {
        let end = self
            .at
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len())
            .ok_or(Truncated(self.at))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    pub fn u8(&mut self) -> Result<u8, Truncated> {
        Ok(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Result<u16, Truncated> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Result<u32, Truncated> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// The part the 2011 editions of ISO/IEC 19794-4 and -5 share at the start
/// of a representation, after its length: the capture time (9: year 2,
/// month, day, hour, minute, second, milliseconds 2), the device's
/// technology (1), vendor (2) and type (2), and the quality blocks (count
/// 1, then 5 bytes each: score, vendor 2, algorithm 2). The first block's
/// score, when it is one (0–100), is the quality.
pub fn read_capture(r: &mut Reader<'_>) -> Result<(Option<NaiveDateTime>, Option<u8>), Truncated> {
    let year = r.u16()?;
    let (month, day, hour, minute, second) = (r.u8()?, r.u8()?, r.u8()?, r.u8()?, r.u8()?);
    let millis = r.u16()?;
    let captured_at =
        NaiveDate::from_ymd_opt(i32::from(year), month.into(), day.into()).and_then(|d| {
            d.and_hms_milli_opt(hour.into(), minute.into(), second.into(), millis.into())
        });
    let _technology = r.u8()?;
    let _vendor = r.u16()?;
    let _device_type = r.u16()?;
    let mut quality = None;
    for i in 0..r.u8()? {
        let score = r.u8()?;
        r.take(4)?;
        if i == 0 && score <= 100 {
            quality = Some(score);
        }
    }
    Ok((captured_at, quality))
}

/// Writes what [`read_capture`] reads: the time, an unknown device, one
/// quality block when there is a score (vendor and algorithm unreported).
pub fn write_capture(out: &mut Vec<u8>, at: Option<NaiveDateTime>, quality: Option<u8>) {
    let at = at.unwrap_or_default();
    out.extend_from_slice(&u16::try_from(at.year()).unwrap_or(0).to_be_bytes());
    for part in [at.month(), at.day(), at.hour(), at.minute(), at.second()] {
        out.push(u8::try_from(part).unwrap_or(0));
    }
    let millis = at.nanosecond() / 1_000_000;
    out.extend_from_slice(&u16::try_from(millis.min(999)).unwrap_or(0).to_be_bytes());
    out.push(0); // technology: unknown
    out.extend_from_slice(&0u16.to_be_bytes()); // vendor
    out.extend_from_slice(&0u16.to_be_bytes()); // device type
    match quality {
        Some(score) => {
            out.push(1);
            out.push(score.min(100));
            out.extend_from_slice(&[0, 0, 0, 0]);
        }
        None => out.push(0),
    }
}
