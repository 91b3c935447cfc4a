//! A 2-D field of floats, row-major: synthetic prints are drawn in it,
//! real ones enhanced in it.

#[derive(Debug, Clone, PartialEq)]
/// A `width` × `height` field of floats.
pub struct Field {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// The values, row by row.
    pub data: Vec<f32>,
}

impl Field {
    /// A field of one `value`.
    pub fn new(width: usize, height: usize, value: f32) -> Self {
        Field {
            width,
            height,
            data: vec![value; width * height],
        }
    }

    /// A field of `f(x, y)`.
    pub fn from_fn(width: usize, height: usize, mut f: impl FnMut(usize, usize) -> f32) -> Self {
        let mut data = Vec::with_capacity(width * height);
        for y in 0..height {
            for x in 0..width {
                data.push(f(x, y));
            }
        }
        Field {
            width,
            height,
            data,
        }
    }

    #[inline]
    /// The value at (x, y).
    pub fn get(&self, x: usize, y: usize) -> f32 {
        self.data[y * self.width + x]
    }

    #[inline]
    /// Sets the value at (x, y).
    pub fn set(&mut self, x: usize, y: usize, v: f32) {
        self.data[y * self.width + x] = v;
    }

    /// Bilinear sample; `outside` beyond the edges.
    pub fn sample(&self, x: f32, y: f32, outside: f32) -> f32 {
        if !(x >= 0.0 && y >= 0.0) {
            return outside;
        }
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        if x0 + 1 >= self.width || y0 + 1 >= self.height {
            return outside;
        }
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let a = self.get(x0, y0);
        let b = self.get(x0 + 1, y0);
        let c = self.get(x0, y0 + 1);
        let d = self.get(x0 + 1, y0 + 1);
        a * (1.0 - fx) * (1.0 - fy) + b * fx * (1.0 - fy) + c * (1.0 - fx) * fy + d * fx * fy
    }

    /// A separable box blur of the given radius, edges clamped.
    pub fn box_blur(&self, radius: usize) -> Field {
        if radius == 0 {
            return self.clone();
        }
        let pass = |src: &Field, horizontal: bool| {
            let mut out = Field::new(src.width, src.height, 0.0);
            let n = (2 * radius + 1) as f32;
            for y in 0..src.height {
                for x in 0..src.width {
                    let mut sum = 0.0;
                    for k in 0..=2 * radius {
                        let off = k as isize - radius as isize;
                        let (sx, sy) = if horizontal {
                            (
                                (x as isize + off).clamp(0, src.width as isize - 1) as usize,
                                y,
                            )
                        } else {
                            (
                                x,
                                (y as isize + off).clamp(0, src.height as isize - 1) as usize,
                            )
                        };
                        sum += src.get(sx, sy);
                    }
                    out.set(x, y, sum / n);
                }
            }
            out
        };
        pass(&pass(self, true), false)
    }

    /// The mean over a `(2r+1)²` window cut at the edges (only pixels
    /// inside count), by running sums along the rows, then down the columns
    /// a row at a time: O(1) a pixel whatever the radius.
    pub fn box_mean(&self, r: usize) -> Field {
        let (w, h, src) = (self.width, self.height, &self.data);
        let mut tmp = vec![0f32; w * h];
        // Four rows at a time: each row's running sum is a chain of
        // dependent additions, and four independent chains keep the
        // floating-point unit busy (the same operations, in the same order,
        // as one row at a time).
        for (four, out) in src.chunks_exact(4 * w).zip(tmp.chunks_exact_mut(4 * w)) {
            let (a, rest) = four.split_at(w);
            let (b, rest) = rest.split_at(w);
            let (c, d) = rest.split_at(w);
            let (oa, rest) = out.split_at_mut(w);
            let (ob, rest) = rest.split_at_mut(w);
            let (oc, od) = rest.split_at_mut(w);
            row_means([a, b, c, d], [oa, ob, oc, od], r);
        }
        // The rows left (fewer than four), one at a time.
        let done = (h / 4) * 4;
        for (row, out) in src.chunks_exact(w).zip(tmp.chunks_exact_mut(w)).skip(done) {
            row_means([row], [out], r);
        }
        let mut out = vec![0f32; w * h];
        let mut acc = vec![0f64; w];
        let (mut lo, mut hi) = (0, 0);
        for y in 0..h {
            let (want_lo, want_hi) = (y.saturating_sub(r), (y + r + 1).min(h));
            while hi < want_hi {
                for (a, v) in acc.iter_mut().zip(&tmp[hi * w..(hi + 1) * w]) {
                    *a += f64::from(*v);
                }
                hi += 1;
            }
            while lo < want_lo {
                for (a, v) in acc.iter_mut().zip(&tmp[lo * w..(lo + 1) * w]) {
                    *a -= f64::from(*v);
                }
                lo += 1;
            }
            let n = (hi - lo) as f64;
            for (o, a) in out[y * w..(y + 1) * w].iter_mut().zip(&acc) {
                *o = (a / n) as f32;
            }
        }
        Field {
            width: w,
            height: h,
            data: out,
        }
    }
}

/// The running mean over `2r + 1` columns (fewer at the edges) of each of
/// `K` rows of one width, into `outs`.
fn row_means<const K: usize>(rows: [&[f32]; K], outs: [&mut [f32]; K], r: usize) {
    let w = rows[0].len();
    let mut sum = [0f64; K];
    let first = (r + 1).min(w);
    for (s, row) in sum.iter_mut().zip(&rows) {
        for &v in &row[..first] {
            *s += f64::from(v);
        }
    }
    for x in 0..w {
        let n = ((x + r + 1).min(w) - x.saturating_sub(r)) as f64;
        for k in 0..K {
            if x > 0 && x + r < w {
                sum[k] += f64::from(rows[k][x + r]);
            }
            if x > r {
                sum[k] -= f64::from(rows[k][x - r - 1]);
            }
            outs[k][x] = (sum[k] / n) as f32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The box mean against the mean taken directly over each window, on
    /// fields whose height is and is not a multiple of four (rows are
    /// filtered four at a time) and with radii wider than the field.
    #[test]
    fn box_mean_is_the_mean_over_each_window() {
        for (w, h, r) in [(13, 9, 2), (8, 4, 1), (5, 7, 9), (1, 3, 1), (21, 6, 0)] {
            let field = Field::from_fn(w, h, |x, y| ((x * 7 + y * 13) % 17) as f32 - 3.5);
            let mean = field.box_mean(r);
            for y in 0..h {
                for x in 0..w {
                    let (mut sum, mut n) = (0f64, 0f64);
                    for yy in y.saturating_sub(r)..(y + r + 1).min(h) {
                        for xx in x.saturating_sub(r)..(x + r + 1).min(w) {
                            sum += f64::from(field.get(xx, yy));
                            n += 1.0;
                        }
                    }
                    let want = (sum / n) as f32;
                    assert!(
                        (mean.get(x, y) - want).abs() < 1e-4,
                        "{w}×{h} r {r} at ({x}, {y}): {} against {want}",
                        mean.get(x, y)
                    );
                }
            }
        }
    }
}
