//! Horizontal bars, one marked and some struck out, with up to two short lists underneath.

use plotters::prelude::*;

use super::glyphs::{self, Align};
use super::{drawn, Canvas, ChartError, Theme};

/// How a bar is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// The one the chart is about (the recommendation).
    Chosen,
    /// Out of the running whatever its value (an outcome a line rules out): drawn hollow.
    RuledOut,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub value: f64,
    /// The value as shown at the bar's end ("2.4").
    pub shown: String,
    pub mark: Mark,
    /// Words after the value ("recommended", "ruled out (Who should outsource)").
    pub note: String,
}

/// A short list under the bars: each item a label and a strength from 0 to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub heading: String,
    pub items: Vec<(String, f64)>,
    /// Drawn in the theme's `towards` colour when true, `against` otherwise.
    pub towards: bool,
}

/// A bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub title: String,
    pub subtitle: String,
    pub rows: Vec<BarRow>,
    /// Said instead of the bars when there is nothing to compare (no recommendation yet).
    pub instead: Option<String>,
    /// At most two, side by side.
    pub panels: Vec<Panel>,
}

const MARGIN: f32 = 24.0;

impl Bars {
    /// The chart as PNG, `size` pixels.
    pub fn render(&self, size: (u32, u32), theme: &Theme) -> Result<Vec<u8>, ChartError> {
        let mut canvas = Canvas::new(size)?;
        let (w, h) = (size.0 as f32, size.1 as f32);
        // Everything is laid out on an 800×450 grid and scaled, so any size keeps the proportions.
        let sx = w / 800.0;
        let sy = h / 450.0;
        let s = sx.min(sy);

        let label_right = 250.0 * sx;
        let bar_left = label_right + 10.0 * sx;
        let bar_max = 330.0 * sx;
        let top = 88.0 * sy;
        let row_h = if self.rows.is_empty() {
            0.0
        } else {
            (200.0 * sy / self.rows.len() as f32).min(44.0 * sy)
        };
        let bar_h = row_h * 0.58;
        let lo = self.rows.iter().map(|r| r.value).fold(0.0_f64, f64::min);
        let hi = self.rows.iter().map(|r| r.value).fold(lo + 1e-9, f64::max);
        let x_of = |v: f64| bar_left + ((v - lo) / (hi - lo)) as f32 * bar_max;
        let bars_bottom = top + 200.0 * sy;
        let panel_top = bars_bottom + 22.0 * sy;
        let column = (w - 2.0 * MARGIN * sx - 16.0 * sx) / 2.0;

        canvas.shapes(|root| {
            drawn(root.fill(&theme.background.plotters()))?;
            let px = |v: f32| v.round() as i32;
            if let Some(_message) = &self.instead {
                drawn(root.draw(&Rectangle::new(
                    [(px(MARGIN * sx), px(top)), (px(w - MARGIN * sx), px(bars_bottom))],
                    ShapeStyle::from(&theme.grid.plotters()).stroke_width((2.0 * s).max(1.0) as u32),
                )))?;
            } else {
                // The zero line, then the bars.
                drawn(root.draw(&PathElement::new(
                    vec![
                        (px(x_of(0.0)), px(top - 6.0 * sy)),
                        (px(x_of(0.0)), px(bars_bottom - 6.0 * sy)),
                    ],
                    theme.grid.plotters(),
                )))?;
                for (i, row) in self.rows.iter().enumerate() {
                    let y0 = top + i as f32 * row_h + (row_h - bar_h) / 2.0;
                    let (a, b) = (x_of(0.0_f64.max(lo)), x_of(row.value));
                    let (x0, x1) = (a.min(b), a.max(b).max(a.min(b) + 2.0));
                    let corners = [(px(x0), px(y0)), (px(x1), px(y0 + bar_h))];
                    match row.mark {
                        Mark::Plain => drawn(root.draw(&Rectangle::new(corners, theme.bar.plotters().filled())))?,
                        Mark::Chosen => drawn(root.draw(&Rectangle::new(corners, theme.chosen.plotters().filled())))?,
                        Mark::RuledOut => {
                            let style = ShapeStyle::from(&theme.ruled_out.plotters()).stroke_width(2);
                            drawn(root.draw(&Rectangle::new(corners, style)))?;
                            drawn(root.draw(&PathElement::new(
                                vec![(px(x0), px(y0 + bar_h)), (px(x1), px(y0))],
                                style,
                            )))?;
                        }
                    }
                }
            }
            for (p, panel) in self.panels.iter().take(2).enumerate() {
                let x = MARGIN * sx + p as f32 * (column + 16.0 * sx);
                let colour = if panel.towards { theme.towards } else { theme.against };
                for (i, (_, strength)) in panel.items.iter().take(3).enumerate() {
                    let y = panel_top + 22.0 * sy + i as f32 * 30.0 * sy;
                    let width = (strength.clamp(0.0, 1.0) as f32 * 90.0 * sx).max(4.0);
                    drawn(root.draw(&Rectangle::new(
                        [(px(x), px(y)), (px(x + width), px(y + 16.0 * sy))],
                        colour.plotters().filled(),
                    )))?;
                }
            }
            Ok(())
        })?;

        let mut pixels = canvas.pixels();
        let text_w = w - 2.0 * MARGIN * sx;
        pixels.text(
            &glyphs::fit(&self.title, 24.0 * s, text_w),
            MARGIN * sx,
            40.0 * sy,
            24.0 * s,
            theme.text,
            Align::Left,
        );
        pixels.text(
            &glyphs::fit(&self.subtitle, 16.0 * s, text_w),
            MARGIN * sx,
            66.0 * sy,
            16.0 * s,
            theme.muted,
            Align::Left,
        );
        if let Some(message) = &self.instead {
            let size = 20.0 * s;
            for (i, line) in glyphs::wrap(message, size, text_w - 40.0 * sx)
                .iter()
                .take(6)
                .enumerate()
            {
                let y = top + 44.0 * sy + i as f32 * 30.0 * sy;
                pixels.text(line, MARGIN * sx + 20.0 * sx, y, size, theme.text, Align::Left);
            }
        } else {
            for (i, row) in self.rows.iter().enumerate() {
                let baseline = top + i as f32 * row_h + row_h / 2.0 + 5.0 * s;
                let colour = match row.mark {
                    Mark::Chosen => theme.text,
                    Mark::Plain => theme.text,
                    Mark::RuledOut => theme.muted,
                };
                pixels.text(
                    &glyphs::fit(&row.label, 16.0 * s, label_right - MARGIN * sx),
                    label_right,
                    baseline,
                    16.0 * s,
                    colour,
                    Align::Right,
                );
                let end = x_of(row.value).max(x_of(0.0_f64.max(lo))) + 8.0 * sx;
                pixels.text(&row.shown, end, baseline, 15.0 * s, theme.muted, Align::Left);
                let note_x = end + glyphs::width(&row.shown, 15.0 * s) + 10.0 * sx;
                let note_colour = match row.mark {
                    Mark::Chosen => theme.chosen,
                    Mark::RuledOut => theme.ruled_out,
                    Mark::Plain => theme.muted,
                };
                let room = (w - MARGIN * sx - note_x).max(0.0);
                pixels.text(
                    &glyphs::fit(&row.note, 15.0 * s, room),
                    note_x,
                    baseline,
                    15.0 * s,
                    note_colour,
                    Align::Left,
                );
            }
        }
        for (p, panel) in self.panels.iter().take(2).enumerate() {
            let x = MARGIN * sx + p as f32 * (column + 16.0 * sx);
            pixels.text(
                &glyphs::fit(&panel.heading, 16.0 * s, column),
                x,
                panel_top + 10.0 * sy,
                16.0 * s,
                theme.text,
                Align::Left,
            );
            for (i, (label, _)) in panel.items.iter().take(3).enumerate() {
                let y = panel_top + 22.0 * sy + i as f32 * 30.0 * sy + 13.0 * sy;
                pixels.text(
                    &glyphs::fit(label, 15.0 * s, column - 100.0 * sx),
                    x + 100.0 * sx,
                    y,
                    15.0 * s,
                    theme.text,
                    Align::Left,
                );
            }
        }
        canvas.png()
    }
}
