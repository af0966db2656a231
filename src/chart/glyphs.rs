//! Text for the charts, drawn with ab_glyph from the font bundled in assets/fonts/ (DejaVu Sans,
//! its licence beside it). No system font is ever looked up, so a chart looks the same on every
//! machine and needs no C library; plotters' own text backends want one or the other.

use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};

use super::Rgb;

pub(crate) static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The bundled font, parsed once.
pub(crate) fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).expect("the bundled font parses (a unit test checks it)"))
}

/// Where `x` sits against the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Centre,
}

/// The width of `text` at `size` pixels.
pub(crate) fn width(text: &str, size: f32) -> f32 {
    let font = font().as_scaled(PxScale::from(size));
    let mut last = None;
    let mut total = 0.0;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(prev) = last {
            total += font.kern(prev, id);
        }
        total += font.h_advance(id);
        last = Some(id);
    }
    total
}

/// Cuts `text` with an ellipsis so it fits in `max` pixels.
pub(crate) fn fit(text: &str, size: f32, max: f32) -> String {
    if width(text, size) <= max {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
        if width(&candidate, size) <= max {
            return candidate;
        }
    }
    String::new()
}

/// Breaks `text` into lines of at most `max` pixels, at spaces.
pub(crate) fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size) <= max || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| fit(&l, size, max)).collect()
}

/// An RGB image being drawn on, row by row, three bytes a pixel (plotters' bitmap layout).
pub(crate) struct Pixels<'a> {
    pub buf: &'a mut [u8],
    pub width: u32,
    pub height: u32,
}

impl Pixels<'_> {
    fn blend(&mut self, x: i32, y: i32, colour: Rgb, coverage: f32) {
        if x < 0 || y < 0 || x >= self.width as i32 || y >= self.height as i32 {
            return;
        }
        let at = (y as usize * self.width as usize + x as usize) * 3;
        let a = coverage.clamp(0.0, 1.0);
        for (i, channel) in [colour.0, colour.1, colour.2].into_iter().enumerate() {
            let old = f32::from(self.buf[at + i]);
            self.buf[at + i] = (old + (f32::from(channel) - old) * a).round() as u8;
        }
    }

    /// Draws `text` with its baseline at `y`.
    pub fn text(&mut self, text: &str, x: f32, y: f32, size: f32, colour: Rgb, align: Align) {
        let start = match align {
            Align::Left => x,
            Align::Right => x - width(text, size),
            Align::Centre => x - width(text, size) / 2.0,
        };
        let scale = PxScale::from(size);
        let scaled = font().as_scaled(scale);
        let mut caret = start;
        let mut last = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(prev) = last {
                caret += scaled.kern(prev, id);
            }
            let glyph = id.with_scale_and_position(scale, point(caret, y));
            caret += scaled.h_advance(id);
            last = Some(id);
            if let Some(outlined) = font().outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
                outlined.draw(|gx, gy, coverage| {
                    self.blend(left + gx as i32, top + gy as i32, colour, coverage);
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_has_the_glyphs_the_charts_use() {
        let font = font();
        for c in "Aa09%$€£…·–→".chars() {
            assert_ne!(font.glyph_id(c).0, 0, "no glyph for {c:?}");
        }
    }

    #[test]
    fn long_text_is_cut_and_wrapped_within_the_width() {
        let text = "a long line of words that will not fit in a narrow column of the chart";
        let cut = fit(text, 16.0, 120.0);
        assert!(cut.ends_with('…') && width(&cut, 16.0) <= 120.0, "{cut}");
        let lines = wrap(text, 16.0, 200.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 16.0) <= 200.0), "{lines:?}");
    }
}
