//! ANSI/NIST-ITL 1-2011 (Update 2015) transactions in the traditional
//! encoding: a reader that keeps every record and every field byte for
//! byte, and a writer that gives those bytes back (recomputing a record's
//! length only where its content changed).
//!
//! The traditional encoding has two kinds of record:
//! - **tagged** records (Type-1, 2, 9, 10, 13–17, 20–21, 98, 99 …): fields
//!   `T.NNN:value`, separated by GS (0x1D), the record ended by FS (0x1C);
//!   within a field, subfields are separated by RS (0x1E) and items by US
//!   (0x1F). The first field is the record's length in bytes. The image
//!   field (`T.999`) is binary and is always the last;
//! - **binary** records (Type-3 to 8, legacy): a fixed header of big-endian
//!   numbers, then the image. Nothing in them says their type: that is read
//!   from the Type-1 record's content field (1.003, CNT).
//!
//! Nothing here depends on the store or the interface.

use thiserror::Error;

/// Field separator (between fields of a tagged record).
pub const GS: u8 = 0x1D;
/// Record separator, ending a tagged record.
pub const FS: u8 = 0x1C;
/// Subfield separator.
pub const RS: u8 = 0x1E;
/// Item separator.
pub const US: u8 = 0x1F;

/// The largest transaction read: ten-prints with palms run to tens of
/// megabytes; anything larger is refused before it is parsed.
pub const MAX_TRANSACTION_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum An2Error {
    #[error("the file is empty")]
    Empty,
    #[error("the transaction is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("record {index} (at byte {offset}) is cut short")]
    Truncated { index: usize, offset: usize },
    #[error("record {index} (at byte {offset}): {detail}")]
    Malformed {
        index: usize,
        offset: usize,
        detail: String,
    },
    #[error("the first record is not a Type-1 transaction record")]
    NoType1,
    #[error("the Type-1 content field (1.003) is missing or damaged: {0}")]
    Content(String),
    #[error("record {index}: the content field says Type-{expected}, the record is Type-{found}")]
    TypeMismatch {
        index: usize,
        expected: u16,
        found: u16,
    },
    #[error("{extra} bytes follow the last record the content field lists")]
    TrailingBytes { extra: usize },
    #[error("Type-{0} records are not defined in the traditional encoding")]
    UnknownType(u16),
}

/// One field of a tagged record: its number and its bytes as read (for
/// text fields, the UTF-8 or ASCII text with RS and US inside; for the
/// image field, the image).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub number: u32,
    /// How the tag's field number was written (`"001"`, `"1"`, `"0999"`):
    /// kept, so that a record is written back as it came.
    pub tag_digits: String,
    /// How the tag's record type was written, where it differs from the
    /// record's first tag (`"01"` among `"1"`s): kept for the same reason.
    pub type_text: Option<String>,
    pub value: Vec<u8>,
}

impl Field {
    /// A field whose tag is written the usual way (three digits at least).
    pub fn new(number: u32, value: impl Into<Vec<u8>>) -> Field {
        Field {
            number,
            tag_digits: format!("{number:03}"),
            type_text: None,
            value: value.into(),
        }
    }

    /// The value as text (lossy where it is not UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.value).into_owned()
    }

    /// Subfields, each a list of items (a field without separators is one
    /// subfield of one item).
    pub fn subfields(&self) -> Vec<Vec<String>> {
        self.value
            .split(|b| *b == RS)
            .map(|sub| {
                sub.split(|b| *b == US)
                    .map(|item| String::from_utf8_lossy(item).into_owned())
                    .collect()
            })
            .collect()
    }
}

/// A tagged record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedRecord {
    pub record_type: u16,
    /// How the tag's record type was written (`"1"`, `"01"`).
    pub type_digits: String,
    /// Every field in order, the length field (`T.001`) first.
    pub fields: Vec<Field>,
}

/// The binary field of a tagged record that holds its image.
pub const IMAGE_FIELD: u32 = 999;

impl TaggedRecord {
    /// A new record with an empty length field, to be filled by the writer.
    pub fn new(record_type: u16) -> TaggedRecord {
        TaggedRecord {
            record_type,
            type_digits: record_type.to_string(),
            fields: vec![Field::new(1, b"0".to_vec())],
        }
    }

    pub fn field(&self, number: u32) -> Option<&Field> {
        self.fields.iter().find(|f| f.number == number)
    }

    /// Sets a field (replacing one of the same number), keeping the fields
    /// in ascending order with the image last.
    pub fn set(&mut self, number: u32, value: impl Into<Vec<u8>>) {
        let value = value.into();
        if let Some(field) = self.fields.iter_mut().find(|f| f.number == number) {
            field.value = value;
            return;
        }
        let at = self
            .fields
            .iter()
            .position(|f| f.number > number)
            .unwrap_or(self.fields.len());
        self.fields.insert(at, Field::new(number, value));
    }

    /// The image's bytes, if the record holds one.
    pub fn image(&self) -> Option<&[u8]> {
        self.field(IMAGE_FIELD).map(|f| f.value.as_slice())
    }
}

/// A binary record (Type-3 to 8): its header after the 4-byte length, and
/// the data that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryRecord {
    pub record_type: u16,
    pub header: Vec<u8>,
    pub data: Vec<u8>,
}

/// The header's length (bytes after the 4-byte length field) of each
/// binary type: Type-3 to 6 (IDC, IMP, FGP ×6, ISR, HLL, VLL, GCA/BCA),
/// Type-8 (IDC, SIG, SRT, ISR, HLL, VLL), Type-7 (IDC, then user data).
fn binary_header_len(record_type: u16) -> Option<usize> {
    match record_type {
        3..=6 => Some(14),
        7 => Some(1),
        8 => Some(8),
        _ => None,
    }
}

/// A named value of a binary record's header, as `beder nist dump` shows it.
impl BinaryRecord {
    /// The header's fields in the standard's order, numbered as the
    /// standard numbers them (`4.002` IDC …), with their values.
    pub fn header_fields(&self) -> Vec<(u32, u64)> {
        let h = &self.header;
        let byte = |i: usize| u64::from(h.get(i).copied().unwrap_or(0));
        let word = |i: usize| (byte(i) << 8) | byte(i + 1);
        match self.record_type {
            3..=6 => vec![
                (2, byte(0)),
                (3, byte(1)),
                // FGP: six bytes, the first the position, 255 for unused.
                (4, byte(2)),
                (5, byte(8)),
                (6, word(9)),
                (7, word(11)),
                (8, byte(13)),
            ],
            8 => vec![
                (2, byte(0)),
                (3, byte(1)),
                (4, byte(2)),
                (5, byte(3)),
                (6, word(4)),
                (7, word(6)),
            ],
            _ => vec![(2, byte(0))],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Tagged(TaggedRecord),
    Binary(BinaryRecord),
}

impl Record {
    pub fn record_type(&self) -> u16 {
        match self {
            Record::Tagged(r) => r.record_type,
            Record::Binary(r) => r.record_type,
        }
    }
}

/// A transaction: the Type-1 record first, then the records it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub records: Vec<Record>,
}

fn is_tagged(record_type: u16) -> bool {
    !(3..=8).contains(&record_type)
}

/// The record types the content field (1.003) lists after the Type-1
/// record, in order.
fn content_types(type1: &TaggedRecord) -> Result<Vec<u16>, An2Error> {
    let field = type1
        .field(3)
        .ok_or_else(|| An2Error::Content("absent".into()))?;
    let subfields = field.subfields();
    let mut types = Vec::new();
    for (i, sub) in subfields.iter().enumerate() {
        let first = sub
            .first()
            .ok_or_else(|| An2Error::Content(format!("subfield {} is empty", i + 1)))?;
        let value: u16 = first
            .trim()
            .parse()
            .map_err(|_| An2Error::Content(format!("subfield {}: {first:?}", i + 1)))?;
        if i == 0 {
            // "1" and the count of the other records.
            if value != 1 {
                return Err(An2Error::Content(format!("first subfield {first:?}")));
            }
            let count: usize = sub
                .get(1)
                .and_then(|c| c.trim().parse().ok())
                .ok_or_else(|| An2Error::Content("no record count".into()))?;
            if count != subfields.len() - 1 {
                return Err(An2Error::Content(format!(
                    "says {count} records, lists {}",
                    subfields.len() - 1
                )));
            }
        } else {
            types.push(value);
        }
    }
    Ok(types)
}

/// Parses one tagged record starting at `offset`; returns it and its end.
fn read_tagged(
    bytes: &[u8],
    offset: usize,
    index: usize,
) -> Result<(TaggedRecord, usize), An2Error> {
    let malformed = |detail: String| An2Error::Malformed {
        index,
        offset,
        detail,
    };
    // The length field: "T.001:LEN" then GS.
    let head_end = bytes[offset..]
        .iter()
        .take(32)
        .position(|b| *b == GS || *b == FS)
        .ok_or_else(|| malformed("no length field".into()))?;
    let head = &bytes[offset..offset + head_end];
    let colon = head
        .iter()
        .position(|b| *b == b':')
        .ok_or_else(|| malformed("no ':' in the length field".into()))?;
    let len: usize = std::str::from_utf8(&head[colon + 1..])
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| malformed("the length is not a number".into()))?;
    if len < head_end + 1 {
        return Err(malformed(format!(
            "length {len} is shorter than its own field"
        )));
    }
    let end = offset
        .checked_add(len)
        .filter(|end| *end <= bytes.len())
        .ok_or(An2Error::Truncated { index, offset })?;
    if bytes[end - 1] != FS {
        return Err(malformed(format!(
            "byte {len} of the record is not the record separator"
        )));
    }
    let body = &bytes[offset..end - 1];
    let mut fields = Vec::new();
    let mut record_type = None;
    let mut type_digits = String::new();
    let mut at = 0;
    while at < body.len() {
        let colon = body[at..]
            .iter()
            .take(24)
            .position(|b| *b == b':')
            .ok_or_else(|| malformed(format!("no tag at record byte {at}")))?;
        let tag = std::str::from_utf8(&body[at..at + colon])
            .map_err(|_| malformed(format!("a tag at record byte {at} is not text")))?;
        let (type_text, number_text) = tag
            .split_once('.')
            .ok_or_else(|| malformed(format!("tag {tag:?} has no '.'")))?;
        let this_type: u16 = type_text
            .trim()
            .parse()
            .map_err(|_| malformed(format!("tag {tag:?}")))?;
        let number: u32 = number_text
            .parse()
            .map_err(|_| malformed(format!("tag {tag:?}")))?;
        let mut own_type_text = None;
        match record_type {
            None => {
                record_type = Some(this_type);
                type_digits = type_text.to_string();
            }
            Some(t) if t != this_type => {
                return Err(malformed(format!("tag {tag:?} in a Type-{t} record")));
            }
            _ if type_text != type_digits => own_type_text = Some(type_text.to_string()),
            _ => {}
        }
        let start = at + colon + 1;
        // The image field is binary and runs to the record's end; every
        // other field runs to the next GS.
        let stop = if number == IMAGE_FIELD {
            body.len()
        } else {
            body[start..]
                .iter()
                .position(|b| *b == GS)
                .map_or(body.len(), |p| start + p)
        };
        fields.push(Field {
            number,
            tag_digits: number_text.to_string(),
            type_text: own_type_text,
            value: body[start..stop].to_vec(),
        });
        at = stop + 1;
    }
    let record_type = record_type.ok_or_else(|| malformed("no field".into()))?;
    if fields.first().map(|f| f.number) != Some(1) {
        return Err(malformed("the first field is not the length".into()));
    }
    Ok((
        TaggedRecord {
            record_type,
            type_digits,
            fields,
        },
        end,
    ))
}

fn read_binary(
    bytes: &[u8],
    offset: usize,
    index: usize,
    record_type: u16,
) -> Result<(BinaryRecord, usize), An2Error> {
    let header_len = binary_header_len(record_type).ok_or(An2Error::UnknownType(record_type))?;
    let len_bytes: [u8; 4] = bytes
        .get(offset..offset + 4)
        .and_then(|b| b.try_into().ok())
        .ok_or(An2Error::Truncated { index, offset })?;
    let len = u32::from_be_bytes(len_bytes) as usize;
    if len < 4 + header_len {
        return Err(An2Error::Malformed {
            index,
            offset,
            detail: format!("length {len} is shorter than a Type-{record_type} header"),
        });
    }
    let end = offset
        .checked_add(len)
        .filter(|end| *end <= bytes.len())
        .ok_or(An2Error::Truncated { index, offset })?;
    Ok((
        BinaryRecord {
            record_type,
            header: bytes[offset + 4..offset + 4 + header_len].to_vec(),
            data: bytes[offset + 4 + header_len..end].to_vec(),
        },
        end,
    ))
}

impl Transaction {
    /// Reads a whole transaction: every record the content field lists,
    /// and nothing after them.
    pub fn read(bytes: &[u8]) -> Result<Transaction, An2Error> {
        if bytes.is_empty() {
            return Err(An2Error::Empty);
        }
        if bytes.len() > MAX_TRANSACTION_BYTES {
            return Err(An2Error::TooLarge {
                limit: MAX_TRANSACTION_BYTES,
            });
        }
        let (type1, mut at) = read_tagged(bytes, 0, 0)?;
        if type1.record_type != 1 {
            return Err(An2Error::NoType1);
        }
        let types = content_types(&type1)?;
        let mut records = vec![Record::Tagged(type1)];
        for (i, expected) in types.into_iter().enumerate() {
            let index = i + 1;
            if at >= bytes.len() {
                return Err(An2Error::Truncated { index, offset: at });
            }
            let record = if is_tagged(expected) {
                let (record, end) = read_tagged(bytes, at, index)?;
                if record.record_type != expected {
                    return Err(An2Error::TypeMismatch {
                        index,
                        expected,
                        found: record.record_type,
                    });
                }
                at = end;
                Record::Tagged(record)
            } else {
                let (record, end) = read_binary(bytes, at, index, expected)?;
                at = end;
                Record::Binary(record)
            };
            records.push(record);
        }
        if at != bytes.len() {
            return Err(An2Error::TrailingBytes {
                extra: bytes.len() - at,
            });
        }
        Ok(Transaction { records })
    }

    /// The transaction's bytes. A tagged record's length field is
    /// recomputed; where the record is as it was read, that gives the
    /// length it had, and its bytes are the bytes read.
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for record in &self.records {
            match record {
                Record::Tagged(r) => write_tagged(r, &mut out),
                Record::Binary(r) => {
                    let len = 4 + r.header.len() + r.data.len();
                    out.extend_from_slice(&(len as u32).to_be_bytes());
                    out.extend_from_slice(&r.header);
                    out.extend_from_slice(&r.data);
                }
            }
        }
        out
    }

    /// Rewrites the Type-1 content field (1.003) from the records present:
    /// `1 US count`, then `type US IDC` for each record. The IDC of a
    /// tagged record is its field 2; of a binary one, its first header byte.
    pub fn set_content_field(&mut self) {
        let mut listed = vec![format!("1{}{}", US as char, self.records.len() - 1)];
        for record in self.records.iter().skip(1) {
            let idc = match record {
                Record::Tagged(r) => r.field(2).map(|f| f.text()).unwrap_or_default(),
                Record::Binary(r) => format!("{:02}", r.header.first().copied().unwrap_or(0)),
            };
            listed.push(format!("{}{}{idc}", record.record_type(), US as char));
        }
        let value = listed.join(&(RS as char).to_string());
        if let Some(Record::Tagged(type1)) = self.records.first_mut() {
            type1.set(3, value.into_bytes());
        }
    }
}

fn write_tagged(record: &TaggedRecord, out: &mut Vec<u8>) {
    // Everything but the length field's value, to measure.
    let mut rest = Vec::new();
    for field in record.fields.iter().skip(1) {
        rest.push(GS);
        let type_text = field.type_text.as_deref().unwrap_or(&record.type_digits);
        rest.extend_from_slice(type_text.as_bytes());
        rest.push(b'.');
        rest.extend_from_slice(field.tag_digits.as_bytes());
        rest.push(b':');
        rest.extend_from_slice(&field.value);
    }
    rest.push(FS);
    let len_tag = record
        .fields
        .first()
        .map_or_else(|| "001".to_string(), |f| f.tag_digits.clone());
    let prefix = record.type_digits.len() + 1 + len_tag.len() + 1;
    // The length counts its own digits: grow until it does. The original
    // text (leading zeros and all) is kept when it already says so.
    let original = record
        .fields
        .first()
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let total_with = |digits: usize| prefix + digits + rest.len();
    let value = match std::str::from_utf8(&original)
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        Some(n) if n == total_with(original.len()) => original,
        _ => {
            let mut digits = 1;
            while total_with(digits).to_string().len() != digits {
                digits += 1;
            }
            total_with(digits).to_string().into_bytes()
        }
    };
    out.extend_from_slice(record.type_digits.as_bytes());
    out.push(b'.');
    out.extend_from_slice(len_tag.as_bytes());
    out.push(b':');
    out.extend_from_slice(&value);
    out.extend_from_slice(&rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> Transaction {
        let mut type1 = TaggedRecord::new(1);
        type1.set(2, b"0500".to_vec());
        type1.set(4, b"CAR".to_vec());
        type1.set(5, b"20261203".to_vec());
        let mut type2 = TaggedRecord::new(2);
        type2.set(2, b"00".to_vec());
        type2.set(3, "Сейтқали".as_bytes().to_vec());
        let mut t = Transaction {
            records: vec![Record::Tagged(type1), Record::Tagged(type2)],
        };
        t.set_content_field();
        t
    }

    #[test]
    fn a_written_transaction_reads_back_the_same() {
        let t = minimal();
        let bytes = t.write();
        let back = Transaction::read(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.write(), bytes);
        let Record::Tagged(type2) = &back.records[1] else {
            panic!("not tagged")
        };
        assert_eq!(type2.field(3).map(Field::text).as_deref(), Some("Сейтқали"));
        // The length field says the record's length, its own digits counted.
        let Record::Tagged(type1) = &back.records[0] else {
            panic!("not tagged")
        };
        let len: usize = type1.fields[0].text().parse().unwrap_or(0);
        assert_eq!(bytes[len - 1], FS);
    }

    #[test]
    fn every_cut_and_every_flipped_byte_is_an_error_or_a_transaction() {
        let bytes = minimal().write();
        for cut in 0..bytes.len() {
            assert!(Transaction::read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x5A;
            let _ = Transaction::read(&damaged);
        }
    }

    /// Found by fuzzing: a tag written `0001.004` among tags written `1.`
    /// was written back as `1.004`, and the length no longer held. Each
    /// tag's type is now written back as it came.
    #[test]
    fn a_tag_with_its_type_written_differently_is_kept_as_written() {
        let mut t = minimal();
        if let Some(Record::Tagged(type1)) = t.records.first_mut()
            && let Some(f) = type1.fields.iter_mut().find(|f| f.number == 4)
        {
            f.type_text = Some("0001".into());
        }
        let bytes = t.write();
        assert!(String::from_utf8_lossy(&bytes).contains("\u{1d}0001.004:"));
        let back = Transaction::read(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.write(), bytes);
        // Read again, the same transaction.
        assert_eq!(Transaction::read(&back.write()).ok(), Some(back));
    }

    #[test]
    fn a_content_field_that_miscounts_is_refused() {
        let mut t = minimal();
        if let Some(Record::Tagged(type1)) = t.records.first_mut() {
            type1.set(
                3,
                format!("1{}3{}2{}00", US as char, RS as char, US as char).into_bytes(),
            );
        }
        assert!(matches!(
            Transaction::read(&t.write()),
            Err(An2Error::Content(_))
        ));
    }
}
