//! The brief as a PDF (issue 31): what an owner on a phone can open, and would send to a provider
//! as it is.
//!
//! A4, the font bundled in assets/fonts/ (DejaVu Sans, subset into the file, so no system font is
//! looked up and the file stays small), headings, bullets, the scorecard as a table and page
//! numbers. Made with krilla (pure Rust, kept by the typst developers): it shapes the text (so
//! right-to-left words come out right), subsets the font, and writes the text so a PDF reader can
//! copy and search it. The layout is ours: lines are broken at spaces by the font's own advances.
//!
//! What the owner typed is drawn as typed: no Markdown is read in it (the spans keep it apart from
//! ours, whose `**` and `*` marks are dropped, as a PDF shows no asterisks), and each line is put
//! in visual order by the Unicode bidirectional algorithm, so Hebrew or Arabic reads right to left.

use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use unicode_bidi::{BidiInfo, Level};

use super::{Brief, Line, Span, Table};
use crate::advisor::Content;

/// The same bytes the charts draw with, in the binary once.
use crate::chart::glyphs::FONT_BYTES;

/// A4 in points.
const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 56.0;
const BODY: f32 = 10.0;
const HEADING: f32 = 13.0;
const TITLE: f32 = 18.0;
const SMALL: f32 = 8.0;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.4;
const BULLET_INDENT: f32 = 12.0;
const CELL_PAD: f32 = 4.0;
/// The scorecard's columns as shares of the text width: what, what we want, the score.
const COLUMNS: [f32; 3] = [0.25, 0.6, 0.15];

const INK: (u8, u8, u8) = (0x20, 0x20, 0x20);
const ACCENT: (u8, u8, u8) = (0x1f, 0x4e, 0x79);
const GREY: (u8, u8, u8) = (0x70, 0x70, 0x70);

/// What could not be made: the PDF library refused the document (a defect, not the owner's input).
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be made: {0}")]
pub struct PdfError(String);

/// One thing drawn on a page.
enum Op {
    /// A line of text (logical order) with its left edge at x and its baseline at y.
    Text {
        x: f32,
        y: f32,
        size: f32,
        colour: (u8, u8, u8),
        text: String,
    },
    Rule {
        from: (f32, f32),
        to: (f32, f32),
    },
}

/// The font's advances, for breaking lines where the PDF will draw them.
struct Metrics {
    font: &'static ab_glyph::FontRef<'static>,
    per_em: f32,
}

impl Metrics {
    fn new() -> Metrics {
        use ab_glyph::Font as _;
        let font = crate::chart::glyphs::font();
        let per_em = font.units_per_em().unwrap_or(2048.0);
        Metrics { font, per_em }
    }

    /// The width of `text` at `size` points, from the font's advances (no kerning, so never less
    /// than what is drawn).
    fn width(&self, text: &str, size: f32) -> f32 {
        use ab_glyph::Font as _;
        let units: f32 = text
            .chars()
            .map(|c| self.font.h_advance_unscaled(self.font.glyph_id(c)))
            .sum();
        units * size / self.per_em
    }

    /// `text` broken into lines no wider than `width`: at spaces, and inside a word only when the
    /// word alone is wider than the line.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line (a long link): cut it where it fills the line.
            for c in word.chars() {
                line.push(c);
                if self.width(&line, size) > width && line.chars().count() > 1 {
                    let last = line.pop().unwrap_or(c);
                    lines.push(std::mem::take(&mut line));
                    line.push(last);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Our words without their Markdown marks; the owner's exactly as typed (line breaks become
/// spaces, as in the Markdown).
fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| match span {
            Span::Said(text) => text.replace("**", "").replace(['*', '`'], ""),
            Span::Typed(text) => text.replace(['\r', '\n'], " "),
        })
        .collect()
}

/// Lays the brief out on A4 pages, top down.
struct Layout {
    metrics: Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn width() -> f32 {
        PAGE.0 - 2.0 * MARGIN
    }

    /// The lowest baseline text may have (room is left for the page number).
    fn bottom() -> f32 {
        PAGE.1 - MARGIN
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        self.pages.last_mut().expect("a page was just added")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Makes room for `height` below the cursor, on a new page when this one is full.
    fn room(&mut self, height: f32) {
        if self.y + height > Self::bottom() && self.y > MARGIN {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, size: f32, colour: (u8, u8, u8), text: String) {
        let y = self.y + size;
        self.page().push(Op::Text {
            x,
            y,
            size,
            colour,
            text,
        });
    }

    /// A paragraph of wrapped lines at `indent`, with `marker` hanging before the first.
    fn paragraph(&mut self, text: &str, size: f32, colour: (u8, u8, u8), indent: f32, marker: Option<&str>) {
        let step = size * LEADING;
        let lines = self.metrics.wrap(text, size, Self::width() - indent);
        for (i, line) in lines.into_iter().enumerate() {
            self.room(step);
            if i == 0 {
                if let Some(marker) = marker {
                    self.text(MARGIN + indent - BULLET_INDENT, size, colour, marker.to_owned());
                }
            }
            self.text(MARGIN + indent, size, colour, line);
            self.y += step;
        }
    }

    fn line(&mut self, line: &Line) {
        let text = plain(&line.spans);
        if line.bullet {
            self.paragraph(&text, BODY, INK, BULLET_INDENT, Some("•"));
        } else {
            self.paragraph(&text, BODY, INK, 0.0, None);
        }
        self.y += BODY * 0.4;
    }

    fn table(&mut self, table: &Table) {
        let width = Self::width();
        let widths: Vec<f32> = COLUMNS.iter().map(|share| share * width).collect();
        let step = BODY * LEADING;
        let header: Vec<Vec<String>> = table
            .header
            .iter()
            .zip(&widths)
            .map(|(text, w)| self.metrics.wrap(text, BODY, w - 2.0 * CELL_PAD))
            .collect();
        let mut rows = vec![(header, ACCENT)];
        for row in &table.rows {
            let cells = row
                .iter()
                .zip(&widths)
                .map(|(spans, w)| self.metrics.wrap(&plain(spans), BODY, w - 2.0 * CELL_PAD))
                .collect();
            rows.push((cells, INK));
        }
        self.y += BODY * 0.4;
        for (cells, colour) in rows {
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * step + 2.0 * CELL_PAD;
            self.room(height);
            let top = self.y;
            let mut x = MARGIN;
            for (cell, w) in cells.iter().zip(&widths) {
                self.y = top + CELL_PAD;
                for text in cell {
                    self.text(x + CELL_PAD, BODY, colour, text.clone());
                    self.y += step;
                }
                x += w;
            }
            let bottom = top + height;
            let right = MARGIN + width;
            let page = self.page();
            page.push(Op::Rule {
                from: (MARGIN, top),
                to: (right, top),
            });
            page.push(Op::Rule {
                from: (MARGIN, bottom),
                to: (right, bottom),
            });
            let mut x = MARGIN;
            page.push(Op::Rule {
                from: (x, top),
                to: (x, bottom),
            });
            for w in &widths {
                x += w;
                page.push(Op::Rule {
                    from: (x, top),
                    to: (x, bottom),
                });
            }
            self.y = bottom;
        }
        self.y += BODY * 0.6;
    }
}

/// Draws `text` (one line, logical order) from `x`, run by run in visual order.
fn draw_line(
    surface: &mut krilla::surface::Surface,
    metrics: &Metrics,
    font: &Font,
    at: (f32, f32),
    size: f32,
    text: &str,
) {
    let bidi = BidiInfo::new(text, Some(Level::ltr()));
    let mut x = at.0;
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let piece = &text[run.clone()];
            let direction = if levels[run.start].is_rtl() {
                TextDirection::RightToLeft
            } else {
                TextDirection::LeftToRight
            };
            surface.draw_text(Point::from_xy(x, at.1), font.clone(), size, piece, false, direction);
            x += metrics.width(piece, size);
        }
    }
}

fn fill(colour: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        ..Fill::default()
    }
}

/// The brief as a PDF document.
pub fn render(content: &Content, brief: &Brief) -> Result<Vec<u8>, PdfError> {
    let layout = lay_out(brief);

    let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(FONT_BYTES);
    let font = Font::new(data.into(), 0).ok_or_else(|| PdfError("the bundled font".into()))?;
    let metrics = &layout.metrics;
    let total = layout.pages.len();
    let mut document = Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(brief.title.clone())
            .creator("outsource-advisor".to_owned()),
    );
    for (index, ops) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1).ok_or_else(|| PdfError("the page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            draw_op(&mut surface, metrics, &font, op);
        }
        let number = content.messages.fill(
            "brief.pdf.page",
            &[("page", &(index + 1).to_string()), ("pages", &total.to_string())],
        );
        let width = metrics.width(&number, SMALL);
        surface.set_fill(Some(fill(GREY)));
        draw_line(
            &mut surface,
            metrics,
            &font,
            ((PAGE.0 - width) / 2.0, PAGE.1 - MARGIN / 2.0),
            SMALL,
            &number,
        );
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|err| PdfError(format!("{err:?}")))
}

/// The brief laid out on pages: title, intro, then each section (its heading kept with what
/// follows), its lines and its table.
fn lay_out(brief: &Brief) -> Layout {
    let mut layout = Layout {
        metrics: Metrics::new(),
        pages: Vec::new(),
        y: MARGIN,
    };
    layout.paragraph(&brief.title, TITLE, ACCENT, 0.0, None);
    layout.y += TITLE * 0.3;
    layout.line(&brief.intro);
    for section in &brief.sections {
        layout.y += HEADING * 0.6;
        // A heading is never left alone at the foot of a page.
        layout.room(HEADING * LEADING + 3.0 * BODY * LEADING);
        layout.paragraph(&section.heading, HEADING, ACCENT, 0.0, None);
        layout.y += BODY * 0.3;
        for line in &section.lines {
            layout.line(line);
        }
        if let Some(table) = &section.table {
            layout.table(table);
        }
    }
    layout
}

/// One text or rule of a page drawn on its surface.
fn draw_op(surface: &mut krilla::surface::Surface, metrics: &Metrics, font: &Font, op: &Op) {
    match op {
        Op::Text {
            x,
            y,
            size,
            colour,
            text,
        } => {
            surface.set_fill(Some(fill(*colour)));
            draw_line(surface, metrics, font, (*x, *y), *size, text);
        }
        Op::Rule { from, to } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(GREY.0, GREY.1, GREY.2).into(),
                    width: 0.5,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_within_the_width_and_long_words_are_cut() {
        let metrics = Metrics::new();
        let lines = metrics.wrap("one two three four five six seven", BODY, 60.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| metrics.width(l, BODY) <= 60.0), "{lines:?}");
        assert_eq!(lines.join(" "), "one two three four five six seven");
        let long = "x".repeat(200);
        let cut = metrics.wrap(&long, BODY, 60.0);
        assert!(cut.len() > 1 && cut.iter().all(|l| metrics.width(l, BODY) <= 60.0));
        assert_eq!(cut.concat(), long);
    }

    #[test]
    fn our_markdown_marks_are_dropped_and_the_owners_text_is_kept_as_typed() {
        let spans = [
            Span::Said("**Label**: *to fill in*: ".into()),
            Span::Typed("**mine** _as typed_\nnext".into()),
        ];
        assert_eq!(plain(&spans), "Label: to fill in: **mine** _as typed_ next");
    }
}
