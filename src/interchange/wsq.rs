//! WSQ (FBI Wavelet Scalar Quantization, IAFIS-IC-0110 v3.1) decoding of
//! 8-bit grayscale fingerprint images.
//!
//! A WSQ stream is a JPEG-like sequence of marker segments: SOI, tables
//! (DTT: the wavelet filters; DQT: the quantizer of each of 64 subbands;
//! DHT: Huffman tables; COM: comments), the frame header SOF, then blocks
//! (SOB) of Huffman-coded quantized coefficients, then EOI. Decoding
//! undoes each stage: Huffman codes to integers, integers to coefficients
//! (the bin widths of DQT), then a three-level two-dimensional synthesis
//! over the 20 nodes of the standard's decomposition tree, and finally the
//! shift and scale of the frame header back to grey levels.
//!
//! The synthesis here is written from the filter bank itself: each 1-D
//! signal of length N holds its lowpass half (the ceil(N/2) even samples)
//! and its highpass half (the floor(N/2) odd samples), the image having
//! been extended symmetrically about its first and last samples (whole-
//! sample symmetry, which keeps the parity of an index); a sample is the
//! sum of the upsampled bands filtered by the synthesis filters of the DTT
//! table.

use thiserror::Error;

const SOI: u16 = 0xFFA0;
const EOI: u16 = 0xFFA1;
const SOF: u16 = 0xFFA2;
const SOB: u16 = 0xFFA3;
const DTT: u16 = 0xFFA4;
const DQT: u16 = 0xFFA5;
const DHT: u16 = 0xFFA6;
const DRT: u16 = 0xFFA7;
const COM: u16 = 0xFFA8;

/// Subbands the quantizer defines, and those that carry data.
const MAX_SUBBANDS: usize = 64;
const NUM_SUBBANDS: usize = 60;
const HUFFMAN_TABLES: usize = 8;

/// The largest side decoded (a palm at 500 ppi is under 3,000 px; at
/// 1000 ppi under 6,000).
pub const MAX_SIDE: u32 = 8000;
/// The most pixels decoded (the working memory is about 12 bytes a pixel).
pub const MAX_PIXELS: u64 = 40_000_000;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum WsqError {
    #[error("not a WSQ image (no start-of-image marker)")]
    NotWsq,
    #[error("the WSQ stream is cut short")]
    Truncated,
    #[error("the WSQ stream is damaged: {0}")]
    Damaged(String),
    #[error("a WSQ image of {width} × {height} pixels is over the limit")]
    TooLarge { width: u32, height: u32 },
}

fn damaged(detail: impl Into<String>) -> WsqError {
    WsqError::Damaged(detail.into())
}

/// A decoded image: 8-bit grey, row by row, and the resolution the
/// comment (NISTCOM `PPI`) gave, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WsqImage {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
    pub ppi: Option<u16>,
}

/// Whether the bytes start as a WSQ stream.
pub fn is_wsq(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xA0])
}

/// The width and height the frame header declares, read without decoding
/// (to refuse an image bomb before any work).
pub fn declared_size(bytes: &[u8]) -> Result<(u32, u32), WsqError> {
    let mut r = Reader::new(bytes);
    if r.u16()? != SOI {
        return Err(WsqError::NotWsq);
    }
    loop {
        let marker = r.u16()?;
        match marker {
            SOF => {
                let _len = r.u16()?;
                let _black = r.u8()?;
                let _white = r.u8()?;
                let height = u32::from(r.u16()?);
                let width = u32::from(r.u16()?);
                return Ok((width, height));
            }
            DTT | DQT | DHT | DRT | COM => {
                let len = usize::from(r.u16()?);
                r.skip(
                    len.checked_sub(2)
                        .ok_or_else(|| damaged("segment length"))?,
                )?;
            }
            other => return Err(damaged(format!("marker {other:#06x} before the frame"))),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }
    fn u8(&mut self) -> Result<u8, WsqError> {
        let b = *self.bytes.get(self.at).ok_or(WsqError::Truncated)?;
        self.at += 1;
        Ok(b)
    }
    fn u16(&mut self) -> Result<u16, WsqError> {
        Ok(u16::from_be_bytes([self.u8()?, self.u8()?]))
    }
    fn u32(&mut self) -> Result<u32, WsqError> {
        Ok(u32::from_be_bytes([
            self.u8()?,
            self.u8()?,
            self.u8()?,
            self.u8()?,
        ]))
    }
    fn skip(&mut self, n: usize) -> Result<&'a [u8], WsqError> {
        let end = self.at.checked_add(n).ok_or(WsqError::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(WsqError::Truncated)?;
        self.at = end;
        Ok(slice)
    }
    /// A scaled number: a scale byte s, then a value v: v / 10^s.
    fn scaled16(&mut self) -> Result<f32, WsqError> {
        let scale = self.u8()?;
        let value = f32::from(self.u16()?);
        Ok(value / 10f32.powi(i32::from(scale)))
    }
}

/// The synthesis filters (DTT), each symmetric about its centre.
#[derive(Debug, Clone, Default)]
struct Filters {
    lo: Vec<f32>,
    hi: Vec<f32>,
}

#[derive(Debug, Clone)]
struct Quantizer {
    bin_center: f32,
    q: [f32; MAX_SUBBANDS],
    z: [f32; MAX_SUBBANDS],
}

#[derive(Debug, Clone, Default)]
struct HuffmanTable {
    /// Codes per length, 1 to 16 bits.
    counts: [u8; 16],
    values: Vec<u8>,
}

#[derive(Debug, Default)]
struct Tables {
    filters: Option<Filters>,
    quantizer: Option<Quantizer>,
    huffman: [Option<HuffmanTable>; HUFFMAN_TABLES],
    ppi: Option<u16>,
}

/// The filter's coefficients as transmitted: `count` of them from the
/// centre outwards, each a sign byte, a scale byte and a 32-bit value;
/// the whole filter is the mirror image, modulated by (−1)^k (the
/// synthesis filter of the analysis filter sent).
fn read_filter(r: &mut Reader<'_>, size: usize) -> Result<Vec<f32>, WsqError> {
    if size == 0 || size.is_multiple_of(2) || size > 31 {
        return Err(damaged(format!("a filter of {size} taps")));
    }
    let half = size / 2;
    let mut filter = vec![0f32; size];
    for k in 0..=half {
        let sign = r.u8()?;
        let scale = r.u8()?;
        let mut value = r.u32()? as f64 / 10f64.powi(i32::from(scale));
        if sign != 0 {
            value = -value;
        }
        let modulated = if k % 2 == 0 { value } else { -value } as f32;
        filter[half + k] = modulated;
        filter[half - k] = modulated;
    }
    Ok(filter)
}

fn read_table(r: &mut Reader<'_>, marker: u16, tables: &mut Tables) -> Result<(), WsqError> {
    let len = usize::from(r.u16()?);
    let body_len = len
        .checked_sub(2)
        .ok_or_else(|| damaged("segment length"))?;
    let body = r.skip(body_len)?;
    let mut t = Reader::new(body);
    match marker {
        DTT => {
            let hi_size = usize::from(t.u8()?);
            let lo_size = usize::from(t.u8()?);
            // The highpass synthesis filter is made of the lowpass analysis
            // filter sent first, and the other way round.
            let hi = read_filter(&mut t, hi_size)?;
            let lo = read_filter(&mut t, lo_size)?;
            tables.filters = Some(Filters { lo, hi });
        }
        DQT => {
            let bin_center = t.scaled16()?;
            let mut q = [0f32; MAX_SUBBANDS];
            let mut z = [0f32; MAX_SUBBANDS];
            for i in 0..MAX_SUBBANDS {
                q[i] = t.scaled16()?;
                z[i] = t.scaled16()?;
            }
            tables.quantizer = Some(Quantizer { bin_center, q, z });
        }
        DHT => {
            while t.at < body.len() {
                let id = usize::from(t.u8()?);
                let mut counts = [0u8; 16];
                for c in &mut counts {
                    *c = t.u8()?;
                }
                let total: usize = counts.iter().map(|c| usize::from(*c)).sum();
                if total > 256 {
                    return Err(damaged("a Huffman table of over 256 codes"));
                }
                let values = t.skip(total)?.to_vec();
                let slot = tables
                    .huffman
                    .get_mut(id)
                    .ok_or_else(|| damaged(format!("Huffman table {id}")))?;
                *slot = Some(HuffmanTable { counts, values });
            }
        }
        COM => {
            // A NISTCOM comment may state the resolution: "PPI 500".
            if let Ok(text) = std::str::from_utf8(body)
                && text.starts_with("NIST_COM")
            {
                tables.ppi = text
                    .lines()
                    .find_map(|l| l.strip_prefix("PPI "))
                    .and_then(|v| v.trim().parse().ok())
                    .filter(|ppi: &u16| *ppi > 0);
            }
        }
        // A restart-interval table does not change decoding here.
        DRT => {}
        other => return Err(damaged(format!("unexpected marker {other:#06x}"))),
    }
    Ok(())
}

/// A rectangle of the image: a node of the decomposition tree or a subband.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Rect {
    x: usize,
    y: usize,
    w: usize,
    h: usize,
}

/// How a length splits in two: the larger part first, or (for a band that
/// came out of a highpass step, stored mirrored) the smaller part first.
fn split(n: usize, small_first: bool) -> (usize, usize) {
    let (large, small) = (n.div_ceil(2), n / 2);
    if small_first {
        (small, large)
    } else {
        (large, small)
    }
}

/// Splits `r` in four: top-left, top-right, bottom-left, bottom-right.
fn split4(r: Rect, small_first_x: bool, small_first_y: bool) -> [Rect; 4] {
    let (w0, w1) = split(r.w, small_first_x);
    let (h0, h1) = split(r.h, small_first_y);
    [
        Rect {
            x: r.x,
            y: r.y,
            w: w0,
            h: h0,
        },
        Rect {
            x: r.x + w0,
            y: r.y,
            w: w1,
            h: h0,
        },
        Rect {
            x: r.x,
            y: r.y + h0,
            w: w0,
            h: h1,
        },
        Rect {
            x: r.x + w0,
            y: r.y + h0,
            w: w1,
            h: h1,
        },
    ]
}

/// A node of the decomposition: a region made of four quadrants by one
/// two-dimensional step, and whether its highpass half comes first along
/// x (`hi_first_x`) or y (`hi_first_y`).
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    rect: Rect,
    hi_first_x: bool,
    hi_first_y: bool,
}

/// The standard's decomposition of a `width` × `height` image: its 20
/// nodes (synthesised from the last to the first) and its 64 subbands (in
/// the order their coefficients are coded; 60–63 are never coded).
struct Layout {
    nodes: [Node; 20],
    subbands: [Rect; MAX_SUBBANDS],
}

impl Layout {
    fn new(width: usize, height: usize) -> Layout {
        let whole = Rect {
            x: 0,
            y: 0,
            w: width,
            h: height,
        };
        let mut rects = [Rect::default(); 20];
        // The image and three of its quadrants (its bottom-right one, all
        // highpass, is not coded).
        rects[0] = whole;
        let [q1, q2, q3, _] = split4(whole, false, false);
        (rects[1], rects[2], rects[3]) = (q1, q2, q3);
        // The top-left quadrant's three quadrants that are split again.
        let [n14, n4, n5, _] = split4(q1, false, false);
        (rects[14], rects[4], rects[5]) = (n14, n4, n5);
        // Node 4 came out of a highpass step along x, node 5 along y: their
        // odd halves put the smaller part first.
        let children = |r: Rect, x: bool, y: bool| split4(r, x, y);
        rects[6..10].copy_from_slice(&children(n4, true, false));
        rects[10..14].copy_from_slice(&children(n5, false, true));
        rects[15..19].copy_from_slice(&children(n14, false, false));
        rects[19] = split4(rects[15], false, false)[0];
        const HI_FIRST_X: [usize; 8] = [2, 4, 7, 9, 11, 13, 16, 18];
        const HI_FIRST_Y: [usize; 8] = [3, 5, 8, 9, 12, 13, 17, 18];
        let mut nodes = [Node::default(); 20];
        for (i, node) in nodes.iter_mut().enumerate() {
            *node = Node {
                rect: rects[i],
                hi_first_x: HI_FIRST_X.contains(&i),
                hi_first_y: HI_FIRST_Y.contains(&i),
            };
        }
        // Subbands: 16 per region split twice, a quadrant that came out of
        // a highpass step splitting its odd halves smaller part first.
        let mut subbands = [Rect::default(); MAX_SUBBANDS];
        let mut sixteen = |start: usize, r: Rect, small_first_y: bool, small_first_x: bool| {
            let quads = split4(r, small_first_x, small_first_y);
            for (q, quad) in quads.iter().enumerate() {
                let (x, y) = (q % 2 == 1, q >= 2);
                let four = split4(*quad, x, y);
                subbands[start + 4 * q..start + 4 * q + 4].copy_from_slice(&four);
            }
        };
        // In the standard's order, later ones overwriting earlier ones
        // where they overlap.
        sixteen(3, rects[14], false, false);
        sixteen(19, rects[4], false, true);
        sixteen(48, rects[0], false, false);
        sixteen(35, rects[5], true, false);
        subbands[0..4].copy_from_slice(&split4(rects[19], false, false));
        Layout { nodes, subbands }
    }
}

/// Whole-sample symmetric reflection of an index into `0..n`.
fn reflect(i: isize, n: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    let period = 2 * (n as isize - 1);
    let m = i.rem_euclid(period);
    (if m >= n as isize { period - m } else { m }) as usize
}

/// One-dimensional synthesis: `data` holds a signal's lowpass half (its
/// ceil(n/2) even samples) and highpass half (its floor(n/2) odd samples),
/// the highpass one first when `hi_first`; `out` receives the signal.
fn synthesise(data: &[f32], hi_first: bool, filters: &Filters, out: &mut [f32]) {
    let n = data.len();
    let (low_len, high_len) = (n.div_ceil(2), n / 2);
    let (low, high) = if hi_first {
        (&data[high_len..], &data[..high_len])
    } else {
        (&data[..low_len], &data[low_len..])
    };
    let lc = (filters.lo.len() / 2) as isize;
    let hc = (filters.hi.len() / 2) as isize;
    for (t, sample) in out.iter_mut().enumerate().take(n) {
        let t = t as isize;
        let mut sum = 0f32;
        // The lowpass band sits at even positions of the extended signal.
        for (k, tap) in filters.lo.iter().enumerate() {
            let p = reflect(t - (k as isize - lc), n);
            if p.is_multiple_of(2) && p / 2 < low.len() {
                sum += tap * low[p / 2];
            }
        }
        // The highpass band at odd positions.
        for (k, tap) in filters.hi.iter().enumerate() {
            let p = reflect(t - (k as isize - hc), n);
            if p % 2 == 1 && (p - 1) / 2 < high.len() {
                sum += tap * high[(p - 1) / 2];
            }
        }
        *sample = sum;
    }
}

/// Undoes the decomposition in place: each node, from the last to the
/// first, by columns then by rows.
fn reconstruct(image: &mut [f32], width: usize, layout: &Layout, filters: &Filters) {
    let mut column = Vec::new();
    let mut out = Vec::new();
    for node in layout.nodes.iter().rev() {
        let r = node.rect;
        if r.w == 0 || r.h == 0 {
            continue;
        }
        for x in r.x..r.x + r.w {
            column.clear();
            column.extend((r.y..r.y + r.h).map(|y| image[y * width + x]));
            out.resize(r.h, 0.0);
            synthesise(&column, node.hi_first_y, filters, &mut out);
            for (i, v) in out.iter().enumerate() {
                image[(r.y + i) * width + x] = *v;
            }
        }
        for y in r.y..r.y + r.h {
            let row = &image[y * width + r.x..y * width + r.x + r.w];
            column.clear();
            column.extend_from_slice(row);
            out.resize(r.w, 0.0);
            synthesise(&column, node.hi_first_x, filters, &mut out);
            image[y * width + r.x..y * width + r.x + r.w].copy_from_slice(&out);
        }
    }
}

/// Reads bits of the entropy-coded data, byte-stuffed (an 0xFF data byte
/// is followed by 0x00); a marker ends the block.
struct Bits<'a, 'b> {
    r: &'b mut Reader<'a>,
    byte: u8,
    left: u8,
    marker: Option<u16>,
}

impl Bits<'_, '_> {
    fn bit(&mut self) -> Result<Option<u32>, WsqError> {
        if self.marker.is_some() {
            return Ok(None);
        }
        if self.left == 0 {
            let b = self.r.u8()?;
            if b == 0xFF {
                let next = self.r.u8()?;
                if next != 0 {
                    self.marker = Some(0xFF00 | u16::from(next));
                    return Ok(None);
                }
            }
            self.byte = b;
            self.left = 8;
        }
        self.left -= 1;
        Ok(Some(u32::from((self.byte >> self.left) & 1)))
    }

    fn bits(&mut self, n: u32) -> Result<u32, WsqError> {
        let mut v = 0;
        for _ in 0..n {
            v = (v << 1)
                | self
                    .bit()?
                    .ok_or_else(|| damaged("a marker inside a coefficient"))?;
        }
        Ok(v)
    }
}

/// Canonical Huffman decoding (as JPEG): per code length, the first and
/// last code and where its values start.
struct Decoder<'t> {
    table: &'t HuffmanTable,
    min: [i32; 17],
    max: [i32; 17],
    start: [usize; 17],
}

impl<'t> Decoder<'t> {
    fn new(table: &'t HuffmanTable) -> Decoder<'t> {
        let (mut min, mut max, mut start) = ([0i32; 17], [-1i32; 17], [0usize; 17]);
        let (mut code, mut k) = (0i32, 0usize);
        for len in 1..=16 {
            let count = usize::from(table.counts[len - 1]);
            if count > 0 {
                start[len] = k;
                min[len] = code;
                code += count as i32;
                k += count;
                max[len] = code - 1;
            }
            code <<= 1;
        }
        Decoder {
            table,
            min,
            max,
            start,
        }
    }

    /// The next symbol, or `None` at a marker.
    fn symbol(&self, bits: &mut Bits<'_, '_>) -> Result<Option<u8>, WsqError> {
        let mut code = 0i32;
        for len in 1..=16 {
            let Some(bit) = bits.bit()? else {
                return Ok(None);
            };
            code = (code << 1) | bit as i32;
            if self.max[len] >= code && code >= self.min[len] && self.max[len] >= 0 {
                let index = self.start[len] + (code - self.min[len]) as usize;
                return self
                    .table
                    .values
                    .get(index)
                    .copied()
                    .map(Some)
                    .ok_or_else(|| damaged("a Huffman code without a value"));
            }
        }
        Err(damaged("a Huffman code longer than 16 bits"))
    }
}

/// Decodes a WSQ stream to 8-bit grey.
pub fn decode(bytes: &[u8]) -> Result<WsqImage, WsqError> {
    let mut r = Reader::new(bytes);
    if r.u16().map_err(|_| WsqError::NotWsq)? != SOI {
        return Err(WsqError::NotWsq);
    }
    let mut tables = Tables::default();
    // Tables up to the frame header.
    let (width, height, shift, scale) = loop {
        let marker = r.u16()?;
        match marker {
            SOF => {
                let _len = r.u16()?;
                let _black = r.u8()?;
                let _white = r.u8()?;
                let height = usize::from(r.u16()?);
                let width = usize::from(r.u16()?);
                let shift = r.scaled16()?;
                let scale = r.scaled16()?;
                let _encoder = r.u8()?;
                let _software = r.u16()?;
                break (width, height, shift, scale);
            }
            DTT | DQT | DHT | DRT | COM => read_table(&mut r, marker, &mut tables)?,
            other => return Err(damaged(format!("marker {other:#06x} before the frame"))),
        }
    };
    if width == 0 || height == 0 {
        return Err(damaged("a side of 0 pixels"));
    }
    if width as u32 > MAX_SIDE
        || height as u32 > MAX_SIDE
        || (width as u64) * (height as u64) > MAX_PIXELS
    {
        return Err(WsqError::TooLarge {
            width: width as u32,
            height: height as u32,
        });
    }
    if scale == 0.0 {
        return Err(damaged("a scale of 0"));
    }
    let layout = Layout::new(width, height);
    // Blocks of coefficients (tables may come between them) up to EOI.
    let mut coefficients: Vec<i32> = Vec::with_capacity(width * height);
    let capacity = width * height;
    let mut marker = r.u16()?;
    loop {
        match marker {
            EOI => break,
            SOB => {
                let _len = r.u16()?;
                let id = usize::from(r.u8()?);
                let table = tables
                    .huffman
                    .get(id)
                    .and_then(Option::as_ref)
                    .ok_or_else(|| damaged(format!("Huffman table {id} is not defined")))?;
                let decoder = Decoder::new(table);
                let mut bits = Bits {
                    r: &mut r,
                    byte: 0,
                    left: 0,
                    marker: None,
                };
                let mut push = |value: i32, count: usize| -> Result<(), WsqError> {
                    if coefficients.len() + count > capacity {
                        return Err(damaged("more coefficients than pixels"));
                    }
                    coefficients.extend(std::iter::repeat_n(value, count));
                    Ok(())
                };
                while let Some(symbol) = decoder.symbol(&mut bits)? {
                    match symbol {
                        1..=100 => push(0, usize::from(symbol))?,
                        101 => push(bits.bits(8)? as i32, 1)?,
                        102 => push(-(bits.bits(8)? as i32), 1)?,
                        103 => push(bits.bits(16)? as i32, 1)?,
                        104 => push(-(bits.bits(16)? as i32), 1)?,
                        105 => push(0, bits.bits(8)? as usize)?,
                        106 => push(0, bits.bits(16)? as usize)?,
                        107..=254 => push(i32::from(symbol) - 180, 1)?,
                        other => return Err(damaged(format!("Huffman symbol {other}"))),
                    }
                }
                marker = bits
                    .marker
                    .ok_or_else(|| damaged("a block without an end"))?;
            }
            DTT | DQT | DHT | DRT | COM => {
                read_table(&mut r, marker, &mut tables)?;
                marker = r.u16()?;
            }
            other => return Err(damaged(format!("marker {other:#06x} among the blocks"))),
        }
    }
    let quantizer = tables
        .quantizer
        .as_ref()
        .ok_or_else(|| damaged("no quantization table"))?;
    let filters = tables
        .filters
        .as_ref()
        .ok_or_else(|| damaged("no transform table"))?;
    // Coefficients back to the wavelet domain, subband by subband.
    let mut image = vec![0f32; width * height];
    let mut next = coefficients.iter();
    for (band, rect) in layout.subbands.iter().enumerate().take(NUM_SUBBANDS) {
        let q = quantizer.q[band];
        if q == 0.0 {
            continue;
        }
        let z = quantizer.z[band];
        for y in rect.y..rect.y + rect.h {
            for x in rect.x..rect.x + rect.w {
                let v = *next
                    .next()
                    .ok_or_else(|| damaged("fewer coefficients than the subbands hold"))?;
                image[y * width + x] = match v.signum() {
                    0 => 0.0,
                    1 => q * (v as f32 - quantizer.bin_center) + z / 2.0,
                    _ => q * (v as f32 + quantizer.bin_center) - z / 2.0,
                };
            }
        }
    }
    reconstruct(&mut image, width, &layout, filters);
    let pixels = image
        .iter()
        .map(|v| (v * scale + shift + 0.5).clamp(0.0, 255.0) as u8)
        .collect();
    Ok(WsqImage {
        width: width as u32,
        height: height as u32,
        pixels,
        ppi: tables.ppi,
    })
}
