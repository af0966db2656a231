//! The charts: real PNGs of the size asked for, under 200 KB, with something drawn on them, on
//! both themes; a chart with no recommendation says so instead of drawing bars.

use advisor_testkit::common;

use std::collections::HashSet;

use outsource_advisor::advisor::advice::advise;
use outsource_advisor::advisor::{Content, Interview};
use outsource_advisor::chart::{Level, ProgressChart, Rgb, Theme, SIZE};
use outsource_advisor::view::verdict::{advice_chart, Standing, Verdict};

struct Decoded {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Decoded {
    fn pixels(&self) -> impl Iterator<Item = Rgb> + '_ {
        self.rgb.chunks_exact(3).map(|p| Rgb(p[0], p[1], p[2]))
    }

    fn count(&self, colour: Rgb) -> usize {
        self.pixels().filter(|p| *p == colour).count()
    }

    fn colours(&self) -> usize {
        self.pixels().collect::<HashSet<_>>().len()
    }

    /// Pixels unlike `background` in the box (x0, y0)–(x1, y1).
    fn drawn_in(&self, background: Rgb, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let at = ((y * self.width + x) * 3) as usize;
                Rgb(self.rgb[at], self.rgb[at + 1], self.rgb[at + 2]) != background
            })
            .count()
    }
}

fn decode(png_bytes: &[u8]) -> Decoded {
    let decoder = png::Decoder::new(png_bytes);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut rgb = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut rgb).expect("a PNG frame");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    rgb.truncate(info.buffer_size());
    Decoded {
        width: info.width,
        height: info.height,
        rgb,
    }
}

fn persona_verdict(content: &Content, name: &str) -> Verdict {
    let interview = common::interview(content, &common::persona(name).answers);
    let advice = advise(content, &interview);
    Verdict::of(content, &interview, &advice)
}

#[test]
fn the_advice_chart_is_a_png_of_the_size_asked_with_bars_drawn_on_both_themes() {
    let content = Content::built_in();
    let verdict = persona_verdict(&content, "dentist");
    assert!(matches!(verdict.standing, Standing::Advised(_)));
    let chart = advice_chart(&content, &verdict).expect("advised: a chart");
    for theme in [Theme::DARK, Theme::LIGHT] {
        let bytes = chart.render(SIZE, &theme).expect("the chart renders");
        assert!(bytes.len() <= 200 * 1024, "{} bytes", bytes.len());
        let image = decode(&bytes);
        assert_eq!((image.width, image.height), SIZE);
        assert!(image.colours() > 16, "only {} colours", image.colours());
        // The bars' area is drawn on; the recommendation is in its own colour, the others in theirs.
        let bars = image.drawn_in(theme.background, (230, 90, 590, 285));
        assert!(bars > 10_000, "only {bars} pixels drawn where the bars go");
        assert!(image.count(theme.chosen) > 1_000, "no bar marked as the recommendation");
        assert!(image.count(theme.bar) > 2_000, "the other outcomes' bars are missing");
        // Text: the title's strip holds anti-aliased glyphs in the text colour.
        assert!(image.drawn_in(theme.background, (20, 15, 400, 45)) > 500, "no title");
        // The panels of what pushed each way have their bars.
        assert!(image.count(theme.towards) > 200, "no factor pushing towards the advice");
    }
}

#[test]
fn no_recommendation_draws_no_chart_and_says_what_is_needed() {
    let content = Content::built_in();
    let interview = Interview::default();
    let verdict = Verdict::of(&content, &interview, &advise(&content, &interview));
    assert_eq!(verdict.standing, Standing::NeedMore);
    // No picture of a sentence: there is no chart, and the words say what is needed.
    assert_eq!(advice_chart(&content, &verdict), None);
    let said = outsource_advisor::view::verdict::need_more(&content, &verdict);
    assert!(said.contains("Answer these first"), "{said}");
    assert!(said.contains("Monthly budget"), "names the answers it needs: {said}");
}

#[test]
fn any_size_asked_for_is_the_size_drawn_and_a_silly_one_is_refused() {
    let content = Content::built_in();
    let chart = advice_chart(&content, &persona_verdict(&content, "bakery")).expect("advised: a chart");
    let image = decode(&chart.render((400, 225), &Theme::LIGHT).unwrap());
    assert_eq!((image.width, image.height), (400, 225));
    assert!(chart.render((5, 5), &Theme::LIGHT).is_err());
}

#[test]
fn a_progress_chart_draws_the_metric_against_its_target_and_failure_lines() {
    let progress = ProgressChart {
        title: "Sales from social media".to_owned(),
        subtitle: "Month by month".to_owned(),
        points: vec![
            ("Jan".to_owned(), 1.0, 2.0),
            ("Feb".to_owned(), 2.0, 5.0),
            ("Mar".to_owned(), 3.0, 4.0),
            ("Apr".to_owned(), 4.0, 9.0),
        ],
        months: 6.0,
        end: "month 6".to_owned(),
        pace: None,
        target: Some(Level {
            value: 10.0,
            label: "target 10".to_owned(),
        }),
        failure: Some(Level {
            value: 3.0,
            label: "stop under 3".to_owned(),
        }),
    };
    for theme in [Theme::DARK, Theme::LIGHT] {
        let image = decode(&progress.render(SIZE, &theme).unwrap());
        assert_eq!((image.width, image.height), SIZE);
        assert!(image.count(theme.failure) > 300, "no failure line");
        assert!(image.count(theme.target) > 300, "no target line");
        assert!(image.count(theme.chosen) > 300, "no metric line");
    }
}
