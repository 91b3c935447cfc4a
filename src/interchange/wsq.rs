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
/// the image (to refuse an image bomb before any work).
pub fn declared_size(bytes: &[u8]) -> Result<(u32, u32), WsqError> {
    let frame = read_header(&mut Reader::new(bytes), &mut Tables::default())?;
    Ok((frame.width as u32, frame.height as u32))
}

/// The frame header: the image's size, and the shift and scale that take
/// the reconstruction back to grey levels.
struct Frame {
    width: usize,
    height: usize,
    shift: f32,
    scale: f32,
}

/// Reads from the start of the stream to the end of the frame header,
/// keeping the tables met on the way.
fn read_header(r: &mut Reader<'_>, tables: &mut Tables) -> Result<Frame, WsqError> {
    if r.u16().map_err(|_| WsqError::NotWsq)? != SOI {
        return Err(WsqError::NotWsq);
    }
    loop {
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
                return Ok(Frame {
                    width,
                    height,
                    shift,
                    scale,
                });
            }
            DTT | DQT | DHT | DRT | COM => read_table(r, marker, tables)?,
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
    let lc = filters.lo.len() / 2;
    let hc = filters.hi.len() / 2;
    let pad = lc.max(hc);
    // The two bands upsampled (the lowpass at even positions, the highpass
    // at odd ones) over the signal extended symmetrically by `pad`.
    let mut up_low = vec![0f32; n + 2 * pad];
    let mut up_high = vec![0f32; n + 2 * pad];
    for (i, (l, h)) in up_low.iter_mut().zip(up_high.iter_mut()).enumerate() {
        let p = reflect(i as isize - pad as isize, n);
        if p.is_multiple_of(2) {
            *l = low.get(p / 2).copied().unwrap_or(0.0);
        } else {
            *h = high.get((p - 1) / 2).copied().unwrap_or(0.0);
        }
    }
    for (t, sample) in out.iter_mut().enumerate().take(n) {
        let mut sum = 0f32;
        // out[t] = Σ_k lo[k] · low↑[t − (k − lc)]: the extended index of
        // t − (k − lc) is t + pad − k + lc.
        for (k, tap) in filters.lo.iter().enumerate() {
            sum += tap * up_low[t + pad + lc - k];
        }
        for (k, tap) in filters.hi.iter().enumerate() {
            sum += tap * up_high[t + pad + hc - k];
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
#[expect(
    clippy::too_many_lines,
    reason = "the stream's markers and tables in the order the WSQ specification reads them"
)]
pub fn decode(bytes: &[u8]) -> Result<WsqImage, WsqError> {
    let mut r = Reader::new(bytes);
    let mut tables = Tables::default();
    let Frame {
        width,
        height,
        shift,
        scale,
    } = read_header(&mut r, &mut tables)?;
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

// ---------------------------------------------------------------- encoding

/// The standard's analysis filters, from the centre outwards: the 9-tap
/// lowpass and the 7-tap highpass (the CDF 9/7 pair of the FBI
/// specification).
const ANALYSIS_LOW: [f64; 5] = [
    0.852_698_679_009,
    0.377_402_855_613,
    -0.110_624_404_418,
    -0.023_849_465_020,
    0.037_828_455_507,
];
const ANALYSIS_HIGH: [f64; 4] = [
    0.788_485_616_406,
    -0.418_092_273_222,
    -0.040_689_417_609,
    0.064_538_882_629,
];

/// The bin centre the standard recommends, and the zero bin's width as a
/// share of the step.
const BIN_CENTER: f32 = 0.44;
const ZERO_BIN: f32 = 1.2;

/// The subbands coded in each of the three blocks, and the Huffman table
/// each block uses.
const BLOCKS: [(std::ops::Range<usize>, u8); 3] = [(0..19, 0), (19..52, 1), (52..60, 1)];

/// The default bit rate (bits per pixel): about 15:1, the FBI's figure.
pub const DEFAULT_BITRATE: f32 = 0.75;

/// A number as the format writes it: a scale byte s and a 16-bit value v,
/// meaning v / 10^s; the most precise one that fits.
fn scaled(value: f32) -> (u8, u16) {
    let value = value.max(0.0);
    let mut best = (0u8, value.round().min(65535.0) as u16);
    for s in 0..=9u8 {
        let v = (f64::from(value) * 10f64.powi(i32::from(s))).round();
        if v > 65535.0 {
            break;
        }
        best = (s, v as u16);
    }
    best
}

fn unscaled((s, v): (u8, u16)) -> f32 {
    f32::from(v) / 10f32.powi(i32::from(s))
}

/// One-dimensional analysis, the inverse of [`synthesise`]: the lowpass
/// half (even samples) then the highpass half, or the other way round.
fn analyse(signal: &[f32], hi_first: bool, out: &mut [f32]) {
    let n = signal.len();
    let (low_len, high_len) = (n.div_ceil(2), n / 2);
    const PAD: usize = 4;
    let ext: Vec<f64> = (0..n + 2 * PAD)
        .map(|i| f64::from(signal[reflect(i as isize - PAD as isize, n)]))
        .collect();
    let (low_at, high_at) = if hi_first {
        (high_len, 0)
    } else {
        (0, low_len)
    };
    for i in 0..low_len {
        let c = 2 * i + PAD;
        let mut sum = ANALYSIS_LOW[0] * ext[c];
        for (k, tap) in ANALYSIS_LOW.iter().enumerate().skip(1) {
            sum += tap * (ext[c - k] + ext[c + k]);
        }
        out[low_at + i] = sum as f32;
    }
    for i in 0..high_len {
        let c = 2 * i + 1 + PAD;
        let mut sum = ANALYSIS_HIGH[0] * ext[c];
        for (k, tap) in ANALYSIS_HIGH.iter().enumerate().skip(1) {
            sum += tap * (ext[c - k] + ext[c + k]);
        }
        out[high_at + i] = sum as f32;
    }
}

/// The decomposition in place: each node, from the first to the last, by
/// rows then by columns.
fn decompose(image: &mut [f32], width: usize, layout: &Layout) {
    let mut line = Vec::new();
    let mut out = Vec::new();
    for node in &layout.nodes {
        let r = node.rect;
        if r.w == 0 || r.h == 0 {
            continue;
        }
        for y in r.y..r.y + r.h {
            line.clear();
            line.extend_from_slice(&image[y * width + r.x..y * width + r.x + r.w]);
            out.resize(r.w, 0.0);
            analyse(&line, node.hi_first_x, &mut out);
            image[y * width + r.x..y * width + r.x + r.w].copy_from_slice(&out);
        }
        for x in r.x..r.x + r.w {
            line.clear();
            line.extend((r.y..r.y + r.h).map(|y| image[y * width + x]));
            out.resize(r.h, 0.0);
            analyse(&line, node.hi_first_y, &mut out);
            for (i, v) in out.iter().enumerate() {
                image[(r.y + i) * width + x] = *v;
            }
        }
    }
}

/// The synthesis filters the decoder derives from the transmitted ones
/// (for the tests of the filter bank).
#[cfg(test)]
fn synthesis_filters() -> Filters {
    let mirror = |half: &[f64]| {
        let n = half.len();
        let mut f = vec![0f32; 2 * n - 1];
        for (k, v) in half.iter().enumerate() {
            let m = if k % 2 == 0 { *v } else { -*v } as f32;
            f[n - 1 + k] = m;
            f[n - 1 - k] = m;
        }
        f
    };
    Filters {
        hi: mirror(&ANALYSIS_LOW),
        lo: mirror(&ANALYSIS_HIGH),
    }
}

/// A subband's variance over its central part (an eighth of each side
/// left out: the borders carry the extension, not the print).
fn variance(image: &[f32], width: usize, r: Rect) -> f64 {
    let (dx, dy) = (r.w / 8, r.h / 8);
    let (mut n, mut sum, mut squares) = (0f64, 0f64, 0f64);
    for y in r.y + dy..r.y + r.h - dy {
        for x in r.x + dx..r.x + r.w - dx {
            let v = f64::from(image[y * width + x]);
            n += 1.0;
            sum += v;
            squares += v * v;
        }
    }
    if n < 2.0 {
        return 0.0;
    }
    (squares - sum * sum / n) / (n - 1.0)
}

/// The relative step of each subband: the specification's weighting
/// (1 for the four lowest, 10 / (A_k ln σ²) for the others; a subband
/// with almost no variance is not coded).
fn relative_steps(image: &[f32], width: usize, layout: &Layout) -> [f32; MAX_SUBBANDS] {
    let mut steps = [0f32; MAX_SUBBANDS];
    for (k, step) in steps.iter_mut().enumerate().take(NUM_SUBBANDS) {
        let v = variance(image, width, layout.subbands[k]);
        if v < 1.01 {
            continue;
        }
        let a: f64 = match k {
            52 | 56 => 1.32,
            53 | 55 | 58 | 59 => 1.08,
            54 | 57 => 1.42,
            _ => 1.0,
        };
        *step = if k < 4 {
            1.0
        } else {
            (10.0 / (a * v.ln())) as f32
        };
    }
    steps
}

fn quantise(c: f32, q: f32, z: f32) -> i32 {
    if c.abs() <= z / 2.0 {
        0
    } else if c > 0.0 {
        ((c - z / 2.0) / q).floor() as i32 + 1
    } else {
        ((c + z / 2.0) / q).ceil() as i32 - 1
    }
}

/// The Huffman symbols (and their extra bits) of a block's coefficients.
fn symbols(values: &[i32]) -> Vec<(u8, u32, u32)> {
    let mut out = Vec::new();
    let mut run = 0usize;
    let flush = |run: &mut usize, out: &mut Vec<(u8, u32, u32)>| {
        while *run > 0 {
            let n = (*run).min(65535);
            match n {
                1..=100 => out.push((n as u8, 0, 0)),
                101..=255 => out.push((105, n as u32, 8)),
                _ => out.push((106, n as u32, 16)),
            }
            *run -= n;
        }
    };
    for &v in values {
        if v == 0 {
            run += 1;
            continue;
        }
        flush(&mut run, &mut out);
        let magnitude = v.unsigned_abs().min(65535);
        match v {
            -73..=74 => out.push(((v + 180) as u8, 0, 0)),
            _ if magnitude <= 255 => out.push((if v > 0 { 101 } else { 102 }, magnitude, 8)),
            _ => out.push((if v > 0 { 103 } else { 104 }, magnitude, 16)),
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A Huffman table for these symbol counts, code lengths at most 16, the
/// all-ones code left unused (JPEG, Annex K.2).
fn huffman_table(counts: &[u64; 256]) -> HuffmanTable {
    // Frequencies with a reserved symbol (256) of count 1.
    let mut freq: Vec<u64> = counts.to_vec();
    freq.push(1);
    let n = freq.len();
    let mut size = vec![0usize; n];
    let mut others: Vec<Option<usize>> = vec![None; n];
    loop {
        // The two least frequent (ties: the larger symbol), non-zero.
        let mut c1: Option<usize> = None;
        let mut c2: Option<usize> = None;
        for i in 0..n {
            if freq[i] == 0 {
                continue;
            }
            match c1 {
                Some(a) if freq[i] > freq[a] => {
                    if c2.is_none_or(|b| freq[i] <= freq[b]) {
                        c2 = Some(i);
                    }
                }
                _ => {
                    c2 = c1;
                    c1 = Some(i);
                }
            }
        }
        let (Some(a), Some(b)) = (c1, c2) else {
            break;
        };
        let (v1, v2) = if freq[a] <= freq[b] { (a, b) } else { (b, a) };
        freq[v1] += freq[v2];
        freq[v2] = 0;
        let mut i = v1;
        size[i] += 1;
        while let Some(next) = others[i] {
            i = next;
            size[i] += 1;
        }
        others[i] = Some(v2);
        let mut i = v2;
        size[i] += 1;
        while let Some(next) = others[i] {
            i = next;
            size[i] += 1;
        }
    }
    let mut bits = [0usize; 33];
    for &s in &size {
        if s > 0 {
            bits[s.min(32)] += 1;
        }
    }
    // Lengths over 16 brought down (Annex K, Figure K.3).
    let mut i = 32;
    while i > 16 {
        while bits[i] > 0 {
            let mut j = i - 2;
            while bits[j] == 0 {
                j -= 1;
            }
            bits[i] -= 2;
            bits[i - 1] += 1;
            bits[j + 1] += 2;
            bits[j] -= 1;
        }
        i -= 1;
    }
    // The reserved symbol's code (the longest) given back.
    let mut i = 16;
    while bits[i] == 0 {
        i -= 1;
    }
    bits[i] -= 1;
    // Symbols by decreasing frequency (original counts), shortest codes first.
    let mut order: Vec<usize> = (0..256).filter(|s| counts[*s] > 0).collect();
    order.sort_by(|a, b| size[*a].cmp(&size[*b]).then(a.cmp(b)));
    let mut table = HuffmanTable::default();
    for (len, count) in bits.iter().enumerate().take(17).skip(1) {
        table.counts[len - 1] = *count as u8;
    }
    table.values = order.into_iter().map(|s| s as u8).collect();
    table
}

/// The code and length of each symbol of a table (canonical order).
fn codes(table: &HuffmanTable) -> [(u32, u32); 256] {
    let mut out = [(0u32, 0u32); 256];
    let (mut code, mut k) = (0u32, 0usize);
    for len in 1..=16u32 {
        for _ in 0..table.counts[len as usize - 1] {
            if let Some(&symbol) = table.values.get(k) {
                out[usize::from(symbol)] = (code, len);
            }
            code += 1;
            k += 1;
        }
        code <<= 1;
    }
    out
}

/// Writes bits, stuffing a zero byte after every 0xFF.
struct BitWriter {
    out: Vec<u8>,
    byte: u32,
    used: u32,
}

impl BitWriter {
    fn put(&mut self, value: u32, count: u32) {
        for i in (0..count).rev() {
            self.byte = (self.byte << 1) | ((value >> i) & 1);
            self.used += 1;
            if self.used == 8 {
                let b = self.byte as u8;
                self.out.push(b);
                if b == 0xFF {
                    self.out.push(0);
                }
                self.byte = 0;
                self.used = 0;
            }
        }
    }

    /// Pads the last byte with ones.
    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            let pad = 8 - self.used;
            self.put((1 << pad) - 1, pad);
        }
        self.out
    }
}

fn segment(out: &mut Vec<u8>, marker: u16, body: &[u8]) {
    out.extend_from_slice(&marker.to_be_bytes());
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(body);
}

fn dht_body(id: u8, table: &HuffmanTable) -> Vec<u8> {
    let mut body = vec![id];
    body.extend_from_slice(&table.counts);
    body.extend_from_slice(&table.values);
    body
}

/// An image transformed, with what its stream needs besides the steps.
struct Prepared {
    wavelet: Vec<f32>,
    width: usize,
    height: usize,
    layout: Layout,
    steps: [f32; MAX_SUBBANDS],
    shift: (u8, u16),
    scale: (u8, u16),
    ppi: u16,
}

impl Prepared {
    /// The stream for a global factor (q_k = factor × relative step).
    #[expect(
        clippy::too_many_lines,
        reason = "the stream's markers and tables in the order the WSQ specification writes them"
    )]
    fn stream(&self, factor: f32) -> Vec<u8> {
        let Prepared {
            wavelet,
            width,
            height,
            layout,
            steps,
            shift,
            scale,
            ppi,
        } = self;
        let (width, height, shift, scale, ppi) = (*width, *height, *shift, *scale, *ppi);
        let mut q = [(0u8, 0u16); MAX_SUBBANDS];
        let mut z = [(0u8, 0u16); MAX_SUBBANDS];
        for k in 0..NUM_SUBBANDS {
            if steps[k] > 0.0 {
                let step = factor * steps[k];
                q[k] = scaled(step);
                z[k] = scaled(ZERO_BIN * unscaled(q[k]));
                if q[k].1 == 0 {
                    q[k] = (0, 0);
                    z[k] = (0, 0);
                }
            }
        }
        // Quantised coefficients of each block.
        let mut blocks: Vec<Vec<i32>> = Vec::new();
        for (range, _) in &BLOCKS {
            let mut values = Vec::new();
            for k in range.clone() {
                let qk = unscaled(q[k]);
                if qk == 0.0 {
                    continue;
                }
                let zk = unscaled(z[k]);
                let r = layout.subbands[k];
                for y in r.y..r.y + r.h {
                    for x in r.x..r.x + r.w {
                        values.push(quantise(wavelet[y * width + x], qk, zk));
                    }
                }
            }
            blocks.push(values);
        }
        let block_symbols: Vec<_> = blocks.iter().map(|b| symbols(b)).collect();
        // Table 0 from block 1; table 1 from blocks 2 and 3.
        let mut counts = [[0u64; 256]; 2];
        for (i, syms) in block_symbols.iter().enumerate() {
            let t = usize::from(BLOCKS[i].1);
            for (s, _, _) in syms {
                counts[t][usize::from(*s)] += 1;
            }
        }
        let tables = [huffman_table(&counts[0]), huffman_table(&counts[1])];
        let mut out = Vec::new();
        out.extend_from_slice(&SOI.to_be_bytes());
        let comment = format!(
            "NIST_COM 9\nPIX_WIDTH {width}\nPIX_HEIGHT {height}\nPIX_DEPTH 8\nPPI {ppi}\nLOSSY 1\nCOLORSPACE GRAY\nCOMPRESSION WSQ\nWSQ_BITRATE 0.750000"
        );
        segment(&mut out, COM, comment.as_bytes());
        // DTT: the lowpass analysis filter (9 taps), then the highpass (7).
        let mut dtt = vec![9u8, 7u8];
        for v in ANALYSIS_LOW.iter().chain(ANALYSIS_HIGH.iter()) {
            dtt.push(u8::from(*v < 0.0));
            let mut s = 0u8;
            let mut m = v.abs();
            while s < 9 && (m * 10.0).round() < f64::from(u32::MAX) && m < 1e8 {
                m *= 10.0;
                s += 1;
            }
            dtt.push(s);
            dtt.extend_from_slice(&(m.round() as u32).to_be_bytes());
        }
        segment(&mut out, DTT, &dtt);
        let mut dqt = Vec::new();
        let (bs, bv) = scaled(BIN_CENTER);
        dqt.push(bs);
        dqt.extend_from_slice(&bv.to_be_bytes());
        for k in 0..MAX_SUBBANDS {
            dqt.push(q[k].0);
            dqt.extend_from_slice(&q[k].1.to_be_bytes());
            dqt.push(z[k].0);
            dqt.extend_from_slice(&z[k].1.to_be_bytes());
        }
        segment(&mut out, DQT, &dqt);
        segment(&mut out, DHT, &dht_body(0, &tables[0]));
        let mut sof = vec![0u8, 255u8];
        sof.extend_from_slice(&(height as u16).to_be_bytes());
        sof.extend_from_slice(&(width as u16).to_be_bytes());
        sof.push(shift.0);
        sof.extend_from_slice(&shift.1.to_be_bytes());
        sof.push(scale.0);
        sof.extend_from_slice(&scale.1.to_be_bytes());
        sof.push(2);
        sof.extend_from_slice(&0u16.to_be_bytes());
        segment(&mut out, SOF, &sof);
        for (i, syms) in block_symbols.iter().enumerate() {
            let table_id = BLOCKS[i].1;
            if i == 1 {
                segment(&mut out, DHT, &dht_body(1, &tables[1]));
            }
            segment(&mut out, SOB, &[table_id]);
            let code = codes(&tables[usize::from(table_id)]);
            let mut w = BitWriter {
                out: Vec::new(),
                byte: 0,
                used: 0,
            };
            for (s, extra, n) in syms {
                let (c, len) = code[usize::from(*s)];
                w.put(c, len);
                if *n > 0 {
                    w.put(*extra, *n);
                }
            }
            out.extend_from_slice(&w.finish());
        }
        out.extend_from_slice(&EOI.to_be_bytes());
        out
    }
}

/// Encodes an 8-bit grey image at about `bitrate` bits per pixel (the
/// global step found by bisection on the stream's size).
pub fn encode(
    pixels: &[u8],
    width: u32,
    height: u32,
    ppi: u16,
    bitrate: f32,
) -> Result<Vec<u8>, WsqError> {
    let (w, h) = (width as usize, height as usize);
    if w < 32 || h < 32 {
        return Err(damaged(format!(
            "{width} × {height} is too small to encode"
        )));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(WsqError::TooLarge { width, height });
    }
    if pixels.len() != w * h {
        return Err(damaged("the pixels do not fill the image"));
    }
    if !(0.1..=8.0).contains(&bitrate) {
        return Err(damaged(format!("a bit rate of {bitrate}")));
    }
    let mean = pixels.iter().map(|p| f64::from(*p)).sum::<f64>() / pixels.len() as f64;
    let (lo, hi) = pixels
        .iter()
        .fold((255u8, 0u8), |(lo, hi), p| (lo.min(*p), hi.max(*p)));
    let shift = scaled(mean as f32);
    let m = unscaled(shift);
    let range = ((f32::from(hi) - m).max(m - f32::from(lo)) / 128.0).max(1.0 / 128.0);
    let scale = scaled(range);
    let r = unscaled(scale);
    let mut wavelet: Vec<f32> = pixels.iter().map(|p| (f32::from(*p) - m) / r).collect();
    let layout = Layout::new(w, h);
    decompose(&mut wavelet, w, &layout);
    let steps = relative_steps(&wavelet, w, &layout);
    let prepared = Prepared {
        wavelet,
        width: w,
        height: h,
        layout,
        steps,
        shift,
        scale,
        ppi,
    };
    let target = (f64::from(bitrate) * (w * h) as f64 / 8.0) as usize;
    // Larger steps, fewer bytes: bisect the factor in the log domain.
    let (mut low, mut high) = (1e-4f32, 1e3f32);
    let mut best = prepared.stream(high);
    for _ in 0..24 {
        let mid = (low * high).sqrt();
        let stream = prepared.stream(mid);
        if stream.len() > target {
            low = mid;
        } else {
            high = mid;
            best = stream;
        }
        if high / low < 1.01 {
            break;
        }
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysis_then_synthesis_gives_the_signal_back() {
        let filters = synthesis_filters();
        for n in [2usize, 3, 7, 8, 33, 64, 101] {
            for hi_first in [false, true] {
                let signal: Vec<f32> = (0..n)
                    .map(|i| ((i * 37 + 11) % 23) as f32 - 11.0 + (i as f32 * 0.3).sin() * 5.0)
                    .collect();
                let mut bands = vec![0f32; n];
                analyse(&signal, hi_first, &mut bands);
                let mut back = vec![0f32; n];
                synthesise(&bands, hi_first, &filters, &mut back);
                for (a, b) in signal.iter().zip(&back) {
                    assert!((a - b).abs() < 1e-3, "n {n}, {hi_first}: {a} vs {b}");
                }
            }
        }
    }

    #[test]
    fn an_encoded_image_decodes_close_to_the_original() {
        let (w, h) = (200u32, 240u32);
        let pixels: Vec<u8> = (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as f32, (i / w) as f32);
                (128.0 + 90.0 * ((x * 0.7 + y * 0.2).sin())) as u8
            })
            .collect();
        let stream = encode(&pixels, w, h, 500, 2.0).unwrap_or_else(|e| panic!("{e}"));
        let back = decode(&stream).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width, back.height), (w, h));
        assert_eq!(back.ppi, Some(500));
        let mean_error = pixels
            .iter()
            .zip(&back.pixels)
            .map(|(a, b)| (i32::from(*a) - i32::from(*b)).abs() as f64)
            .sum::<f64>()
            / pixels.len() as f64;
        assert!(mean_error < 6.0, "mean error {mean_error}");
        // A bit rate is a budget: the stream stays within it.
        assert!(stream.len() as f64 <= 2.0 * f64::from(w * h) / 8.0 * 1.02);
    }
}
