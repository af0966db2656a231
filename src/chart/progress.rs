//! A metric over time against a target line and a failure line: what the monthly check-in shows
//! (article 002's failure point, held each month).

use plotters::prelude::*;

use super::glyphs::{self, Align};
use super::{drawn, px, Canvas, ChartError, Theme};

/// A horizontal line across the chart, with its label at the right end.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub value: f64,
    pub label: String,
}

/// A sloping line from one point to another (months, value), with its label at the far end: the
/// pace the verdict projects, drawn so the chart shows what the text says.
#[derive(Debug, Clone, PartialEq)]
pub struct Slope {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub label: String,
}

/// A progress chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressChart {
    pub title: String,
    pub subtitle: String,
    /// One point per check-in, oldest first: its label on the x axis ("Mar"), its month since the
    /// start (the x axis runs from 0 to `months`) and its value.
    pub points: Vec<(String, f64, f64)>,
    /// The x axis's length in months (the plan's), and its label at the right end ("month 6"),
    /// where the failure line is judged and the pace ends.
    pub months: f64,
    pub end: String,
    pub target: Option<Level>,
    pub failure: Option<Level>,
    pub pace: Option<Slope>,
}

/// The smallest of 1, 2, 2.5, 5 × 10^k at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw * 0.999_999)
        .unwrap_or(10.0 * magnitude)
}

/// Where things go on a progress chart (laid out on an 800×450 grid and scaled): the plot's
/// edges, the value range in four round steps, and the months the x axis spans.
struct Axes {
    w: f32,
    sx: f32,
    sy: f32,
    s: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    lo: f64,
    hi: f64,
    span: f64,
    ticks: Vec<f64>,
}

impl Axes {
    fn of(chart: &ProgressChart, size: (u32, u32)) -> Axes {
        let (w, h) = (size.0 as f32, size.1 as f32);
        let (sx, sy) = (w / 800.0, h / 450.0);
        let values = chart
            .points
            .iter()
            .map(|(_, _, v)| *v)
            .chain(chart.target.iter().map(|l| l.value))
            .chain(chart.failure.iter().map(|l| l.value))
            .chain(chart.pace.iter().flat_map(|p| [p.from.1, p.to.1]));
        let lo = values.clone().fold(0.0_f64, f64::min);
        let top_value = values.fold(lo + 1.0, f64::max) * 1.05;
        // Four steps of a round size (1, 2, 2.5 or 5 times a power of ten), so the ticks read well.
        let step = nice_step((top_value - lo) / 4.0);
        let span = chart
            .points
            .iter()
            .map(|(_, m, _)| *m)
            .fold(chart.months, f64::max)
            .max(1.0);
        Axes {
            w,
            sx,
            sy,
            s: sx.min(sy),
            left: 80.0 * sx,
            right: 640.0 * sx,
            top: 92.0 * sy,
            bottom: 390.0 * sy,
            lo,
            hi: lo + 4.0 * step,
            span,
            ticks: (0..=4).map(|i| lo + step * f64::from(i)).collect(),
        }
    }

    fn y_of(&self, v: f64) -> f32 {
        self.bottom - ((v - self.lo) / (self.hi - self.lo)) as f32 * (self.bottom - self.top)
    }

    fn x_of(&self, month: f64) -> f32 {
        self.left + (month.max(0.0) / self.span) as f32 * (self.right - self.left)
    }
}

impl ProgressChart {
    pub fn render(&self, size: (u32, u32), theme: &Theme) -> Result<Vec<u8>, ChartError> {
        let mut canvas = Canvas::new(size)?;
        let a = Axes::of(self, size);
        canvas.shapes(|root| self.draw_lines(root, &a, theme))?;
        let mut pixels = canvas.pixels();
        self.write_labels(&mut pixels, &a, theme);
        canvas.png()
    }

    /// The grid, the dashed target and failure lines, the pace, and the check-ins joined up.
    fn draw_lines(
        &self,
        root: &plotters::drawing::DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>,
        a: &Axes,
        theme: &Theme,
    ) -> Result<(), String> {
        let (left, right, sx, s) = (a.left, a.right, a.sx, a.s);
        drawn(root.fill(&theme.background.plotters()))?;
        for &tick in &a.ticks {
            drawn(root.draw(&PathElement::new(
                vec![(px(left), px(a.y_of(tick))), (px(right), px(a.y_of(tick)))],
                theme.grid.plotters(),
            )))?;
        }
        for (level, colour) in [(&self.target, theme.target), (&self.failure, theme.failure)] {
            let Some(level) = level else { continue };
            let y = px(a.y_of(level.value));
            // Dashed: 12 on, 8 off.
            let mut x = left;
            while x < right {
                let end = (x + 12.0 * sx).min(right);
                drawn(root.draw(&PathElement::new(
                    vec![(px(x), y), (px(end), y)],
                    ShapeStyle::from(&colour.plotters()).stroke_width(3),
                )))?;
                x += 20.0 * sx;
            }
        }
        if let Some(pace) = &self.pace {
            drawn(root.draw(&PathElement::new(
                vec![
                    (px(a.x_of(pace.from.0)), px(a.y_of(pace.from.1))),
                    (px(a.x_of(pace.to.0)), px(a.y_of(pace.to.1))),
                ],
                ShapeStyle::from(&theme.target.plotters()).stroke_width(2),
            )))?;
        }
        let line: Vec<(i32, i32)> = self
            .points
            .iter()
            .map(|(_, m, v)| (px(a.x_of(*m)), px(a.y_of(*v))))
            .collect();
        drawn(root.draw(&PathElement::new(
            line.clone(),
            ShapeStyle::from(&theme.chosen.plotters()).stroke_width(3),
        )))?;
        for point in line {
            drawn(root.draw(&Circle::new(point, (5.0 * s) as i32, theme.chosen.plotters().filled())))?;
        }
        Ok(())
    }

    /// The title and subtitle, the ticks' values, the months under the check-ins, and the
    /// labels at the right ends of the pace and the lines.
    fn write_labels(&self, pixels: &mut glyphs::Pixels, a: &Axes, theme: &Theme) {
        let (w, sx, sy, s) = (a.w, a.sx, a.sy, a.s);
        let (left, right, bottom, span) = (a.left, a.right, a.bottom, a.span);
        pixels.text(
            &glyphs::fit(&self.title, 24.0 * s, w - 48.0 * sx),
            24.0 * sx,
            40.0 * sy,
            24.0 * s,
            theme.text,
            Align::Left,
        );
        pixels.text(
            &glyphs::fit(&self.subtitle, 16.0 * s, w - 48.0 * sx),
            24.0 * sx,
            66.0 * sy,
            16.0 * s,
            theme.muted,
            Align::Left,
        );
        for &tick in &a.ticks {
            let shown = crate::advisor::display::short_number((tick * 10.0).round() / 10.0);
            pixels.text(
                &shown,
                left - 8.0 * sx,
                a.y_of(tick) + 5.0 * s,
                14.0 * s,
                theme.muted,
                Align::Right,
            );
        }
        let every = (self.points.len().max(1) / 12).max(1);
        for (label, month, _) in self.points.iter().step_by(every) {
            pixels.text(
                label,
                a.x_of(*month),
                bottom + 24.0 * sy,
                14.0 * s,
                theme.muted,
                Align::Centre,
            );
        }
        // The end of the plan, unless a check-in's own label already sits there.
        if !self.points.iter().any(|(_, m, _)| (m - span).abs() < 0.5) {
            pixels.text(
                &self.end,
                a.x_of(span),
                bottom + 24.0 * sy,
                14.0 * s,
                theme.muted,
                Align::Centre,
            );
        }
        let ends = self
            .pace
            .iter()
            .map(|pace| (&pace.label, pace.to.1, theme.target))
            .chain(
                [(&self.target, theme.target), (&self.failure, theme.failure)]
                    .into_iter()
                    .filter_map(|(level, colour)| level.as_ref().map(|l| (&l.label, l.value, colour))),
            );
        for (label, value, colour) in ends {
            let text = glyphs::fit(label, 15.0 * s, w - right - 32.0 * sx);
            pixels.text(
                &text,
                right + 10.0 * sx,
                a.y_of(value) + 5.0 * s,
                15.0 * s,
                colour,
                Align::Left,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::nice_step;

    #[test]
    fn ticks_fall_on_round_numbers() {
        assert_eq!(nice_step(2.6), 5.0);
        assert_eq!(nice_step(2.0), 2.0);
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(1_300.0), 2_000.0);
        assert_eq!(nice_step(0.0), 1.0);
    }
}
