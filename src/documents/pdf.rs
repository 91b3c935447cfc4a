//! A small page writer over `krilla`: A4 pages, the kiosk's own font
//! (Ubuntu, as the window uses it: every Kazakh and Russian letter),
//! embedded and subset, text shaped with rustybuzz and wrapped to the
//! measure; a new page when one is full.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use super::DocumentError;

/// A4 in points.
pub const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 56.0;

pub const BODY: f32 = 10.5;
pub const SMALL: f32 = 8.5;
pub const TITLE: f32 = 15.0;
pub const HEADING: f32 = 12.0;

fn font_bytes() -> &'static [u8] {
    epaint_default_fonts::UBUNTU_LIGHT
}

/// One positioned piece of text or a line, in page coordinates (y down).
#[derive(Debug, Clone)]
enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        grey: bool,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

/// The pages being laid out; [`Pages::finish`] writes the PDF.
pub struct Pages {
    face: rustybuzz::Face<'static>,
    pages: Vec<Vec<Mark>>,
    y: f32,
    title: String,
}

impl Pages {
    pub fn new(title: &str) -> Result<Self, DocumentError> {
        let face = rustybuzz::Face::from_slice(font_bytes(), 0)
            .ok_or_else(|| DocumentError::Pdf("the font cannot be read".into()))?;
        Ok(Pages {
            face,
            pages: vec![Vec::new()],
            y: MARGIN,
            title: title.to_string(),
        })
    }

    /// The measure: the width text may take.
    pub fn measure() -> f32 {
        PAGE.0 - 2.0 * MARGIN
    }

    /// The width of `text` at `size`, shaped.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(&self.face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / f32::from(self.face.units_per_em() as u16)
    }

    fn page(&mut self) -> &mut Vec<Mark> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Room for `height` more points, or a new page.
    pub fn need(&mut self, height: f32) {
        if self.y + height > PAGE.1 - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    pub fn space(&mut self, points: f32) {
        self.y += points;
    }

    /// `text` wrapped to `width` at `size`, as lines.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.width(&candidate, size) > width {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_string();
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }

    fn text_at(&mut self, x: f32, size: f32, text: &str, grey: bool) {
        let y = self.y + size;
        self.page().push(Mark::Text {
            x,
            y,
            size,
            text: text.to_string(),
            grey,
        });
    }

    /// A paragraph across the measure.
    pub fn paragraph(&mut self, text: &str, size: f32) {
        self.paragraph_at(MARGIN, Self::measure(), text, size, false);
    }

    pub fn note(&mut self, text: &str) {
        self.paragraph_at(MARGIN, Self::measure(), text, SMALL, true);
    }

    fn paragraph_at(&mut self, x: f32, width: f32, text: &str, size: f32, grey: bool) {
        for line in self.wrap(text, size, width) {
            self.need(size * 1.45);
            self.text_at(x, size, &line, grey);
            self.y += size * 1.45;
        }
    }

    /// A line of text centred on the page.
    pub fn centred(&mut self, text: &str, size: f32) {
        for line in self.wrap(text, size, Self::measure()) {
            self.need(size * 1.5);
            let x = (PAGE.0 - self.width(&line, size)) / 2.0;
            self.text_at(x, size, &line, false);
            self.y += size * 1.5;
        }
    }

    /// A line of text flush right (the addressee of an application).
    pub fn right(&mut self, text: &str, size: f32) {
        let width = Self::measure() * 0.55;
        for line in self.wrap(text, size, width) {
            self.need(size * 1.45);
            let x = PAGE.0 - MARGIN - width;
            self.text_at(x, size, &line, false);
            self.y += size * 1.45;
        }
    }

    /// A label and its value on one row (the value wrapped in its column).
    pub fn field(&mut self, label: &str, value: &str) {
        let label_width = Self::measure() * 0.36;
        let value_x = MARGIN + label_width + 8.0;
        let value_width = Self::measure() - label_width - 8.0;
        let labels = self.wrap(label, BODY, label_width);
        let values = self.wrap(
            if value.is_empty() { "—" } else { value },
            BODY,
            value_width,
        );
        let rows = labels.len().max(values.len());
        self.need(rows as f32 * BODY * 1.45 + 2.0);
        for i in 0..rows {
            if let Some(l) = labels.get(i) {
                self.text_at(MARGIN, BODY, l, true);
            }
            if let Some(v) = values.get(i) {
                self.text_at(value_x, BODY, v, false);
            }
            self.y += BODY * 1.45;
        }
        self.y += 2.0;
    }

    /// A thin rule across the measure.
    pub fn rule(&mut self) {
        self.need(8.0);
        let y = self.y + 3.0;
        self.page().push(Mark::Line {
            x1: MARGIN,
            y1: y,
            x2: PAGE.0 - MARGIN,
            y2: y,
        });
        self.y += 8.0;
    }

    /// A line to sign on, with what it is for under it.
    pub fn signature(&mut self, caption: &str) {
        self.need(52.0);
        self.y += 30.0;
        let y = self.y;
        let x2 = MARGIN + Self::measure() * 0.5;
        self.page().push(Mark::Line {
            x1: MARGIN,
            y1: y,
            x2,
            y2: y,
        });
        self.y += 3.0;
        self.paragraph_at(MARGIN, Self::measure() * 0.5, caption, SMALL, true);
    }

    /// A table: each row's cells in columns of the given shares of the
    /// measure.
    pub fn row(&mut self, cells: &[&str], shares: &[f32], header: bool) {
        let mut x = MARGIN;
        let wrapped: Vec<(f32, f32, Vec<String>)> = cells
            .iter()
            .zip(shares)
            .map(|(cell, share)| {
                let width = Self::measure() * share;
                let lines = self.wrap(cell, SMALL + 0.5, width - 4.0);
                let at = x;
                x += width;
                (at, width, lines)
            })
            .collect();
        let rows = wrapped.iter().map(|(_, _, l)| l.len()).max().unwrap_or(1);
        let size = SMALL + 0.5;
        self.need(rows as f32 * size * 1.4 + 4.0);
        let top = self.y;
        for (x, _, lines) in &wrapped {
            self.y = top;
            for line in lines {
                self.text_at(*x, size, line, header);
                self.y += size * 1.4;
            }
        }
        self.y = top + rows as f32 * size * 1.4 + 2.0;
        let y = self.y;
        self.page().push(Mark::Line {
            x1: MARGIN,
            y1: y,
            x2: PAGE.0 - MARGIN,
            y2: y,
        });
        self.y += 3.0;
    }

    /// The PDF: every page with its number and the document's title in the
    /// footer.
    pub fn finish(self, footer: &dyn Fn(usize, usize) -> String) -> Result<Vec<u8>, DocumentError> {
        let font = Font::new(font_bytes().into(), 0)
            .ok_or_else(|| DocumentError::Pdf("the font cannot be embedded".into()))?;
        let mut document = Document::new();
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1)
            .ok_or_else(|| DocumentError::Pdf("page size".into()))?;
        let count = self.pages.len();
        for (index, marks) in self.pages.iter().enumerate() {
            let mut page = document.start_page_with(settings.clone());
            let mut surface = page.surface();
            let footer_text = format!("{} · {}", self.title, footer(index + 1, count));
            let footer_mark = Mark::Text {
                x: MARGIN,
                y: PAGE.1 - MARGIN / 2.0,
                size: SMALL - 1.0,
                text: footer_text,
                grey: true,
            };
            for mark in marks.iter().chain(std::iter::once(&footer_mark)) {
                match mark {
                    Mark::Text {
                        x,
                        y,
                        size,
                        text,
                        grey,
                    } => {
                        let tone = if *grey { 90 } else { 0 };
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(tone, tone, tone).into(),
                            ..Fill::default()
                        }));
                        surface.set_stroke(None);
                        surface.draw_text(
                            Point::from_xy(*x, *y),
                            font.clone(),
                            *size,
                            text,
                            false,
                            TextDirection::Auto,
                        );
                    }
                    Mark::Line { x1, y1, x2, y2 } => {
                        let mut path = PathBuilder::new();
                        path.move_to(*x1, *y1);
                        path.line_to(*x2, *y2);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(60, 60, 60).into(),
                                width: 0.6,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| DocumentError::Pdf(format!("{e:?}")))
    }
}
