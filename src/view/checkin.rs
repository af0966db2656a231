//! What the fronts share about check-ins: reading a logged value (the terminal's `checkin` and
//! Discord's *Log this month* form read them alike), the progress as text, and the progress
//! chart's picture model.
//!
//! Values are read by the project's readers, so "$1.2k" and "4,200" work; a value that does not
//! read is refused with the reader's reason, and nothing is logged.

use crate::advisor::checkin::{CheckinRecord, Every, Part, PlanVerdict, ProgressReport};
use crate::advisor::content::AnswerKind;
use crate::advisor::read::{self, Metric, Reading, Unreadable};
use crate::advisor::{display, Content};
use crate::chart as picture;

/// A value a check-in logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Spend,
    Followers,
    Leads,
    Sales,
}

impl Field {
    /// The values asked for a plan judged by `metric`: followers are a count now, leads and sales
    /// this month's (both asked, since sales give the return).
    pub(crate) fn wanted(metric: Metric) -> &'static [Field] {
        match metric {
            Metric::Followers => &[Field::Spend, Field::Followers],
            Metric::Leads | Metric::Sales => &[Field::Spend, Field::Leads, Field::Sales],
        }
    }

    /// Its name: the CLI's option, the form's input id.
    pub fn id(self) -> &'static str {
        match self {
            Field::Spend => "spend",
            Field::Followers => "followers",
            Field::Leads => "leads",
            Field::Sales => "sales",
        }
    }

    pub fn read(self, text: &str) -> Result<f64, Unreadable> {
        match self {
            Field::Spend => read::read_money(text)?.number().ok_or(Unreadable::NoAmount),
            _ => read_count(text),
        }
    }

    pub(crate) fn example_key(self) -> &'static str {
        match self {
            Field::Spend => "checkin.example_money",
            _ => "checkin.example_count",
        }
    }

    /// Why `problem` refused a value for this field, in the readers' words. A value in another
    /// kind's unit is refused naming what the field needs: money for the spend, a number for the
    /// counts.
    pub fn reason(self, content: &Content, problem: &Unreadable) -> String {
        let example = content.messages.get(self.example_key());
        let question = match self {
            Field::Spend => content.questions.iter().find(|q| q.kind == AnswerKind::Money),
            Field::Followers | Field::Leads | Field::Sales => None,
        };
        display::problem(content, question, problem, example)
    }
}

/// A count (followers, leads, sales) by the number reader, except that "1.2k" or "2k" is 1,200
/// or 2,000, as the money reader reads the suffix: the number reader, made for years and months,
/// keeps only the 1.2. An amount of money is not a count, and is refused.
pub(crate) fn read_count(text: &str) -> Result<f64, Unreadable> {
    let count = read::read_number(text, None)?.number().ok_or(Unreadable::NoNumber)?;
    match read::read_money(text) {
        Ok(Reading::Money { currency: Some(_), .. }) => Err(Unreadable::ImpossibleNumber),
        Ok(Reading::Money {
            amount,
            min: Some(min),
            max: Some(max),
            currency: None,
            per_month: None,
        }) if min == max && amount == min && amount > count => Ok(amount),
        _ => Ok(count),
    }
}

/// The check-in chart: the metric at each check-in against the failure line, with the spend
/// against plan as its subtitle. Every word from prompts/ (`[chart]`).
pub(crate) fn progress_chart(content: &Content, progress: &ProgressReport) -> picture::ProgressChart {
    let m = &content.messages;
    // To the cent, as the advice's figures are, so "8 sales at $19.99" multiplies out.
    let money = |amount: f64| display::money((amount * 100.0).round() / 100.0, progress.currency.as_deref());
    let metric = match progress.metric {
        Some(Metric::Followers) => m.get("display.metric_followers"),
        Some(Metric::Leads) => m.get("display.metric_leads"),
        Some(Metric::Sales) => m.get("display.metric_sales"),
        None => "",
    };
    let label = time::macros::format_description!("[month repr:short] [day padding:none]");
    let points = progress
        .checkins
        .iter()
        .filter_map(|point| {
            let value = point.value?;
            let day = i64::try_from(point.at)
                .ok()
                .and_then(|at| time::OffsetDateTime::from_unix_timestamp(at).ok())
                .and_then(|at| at.format(&label).ok())
                .unwrap_or_default();
            Some((day, point.month, value))
        })
        .collect();
    let months = f64::from(progress.of);
    // The verdict's own line, from the first check-in it was drawn through to the last month.
    let pace = progress
        .pace
        .as_ref()
        .zip(progress.projected)
        .map(|(pace, projected)| picture::Slope {
            from: (pace.from_month, pace.at(pace.from_month)),
            to: (months, projected),
            label: m.fill(
                "chart.progress_pace",
                &[
                    ("projected", &display::short_number(projected)),
                    ("of", &progress.of.to_string()),
                ],
            ),
        });
    picture::ProgressChart {
        title: m.fill("chart.progress_title", &[("metric", &capitalised(metric))]),
        subtitle: m.fill(
            "chart.progress_subtitle",
            &[
                ("spent", &money(progress.spent)),
                ("planned", &money(progress.planned)),
                ("month", &progress.month.to_string()),
                ("of", &progress.of.to_string()),
            ],
        ),
        points,
        months,
        end: m.fill("chart.progress_end", &[("of", &progress.of.to_string())]),
        target: None,
        pace,
        failure: progress.stop_below.map(|below| picture::Level {
            value: below,
            label: m.fill("chart.progress_failure", &[("below", &display::number(below.round()))]),
        }),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn metric_word(content: &Content, metric: Option<Metric>) -> &str {
    match metric {
        Some(Metric::Followers) => content.messages.get("display.metric_followers"),
        Some(Metric::Leads) => content.messages.get("display.metric_leads"),
        Some(Metric::Sales) => content.messages.get("display.metric_sales"),
        None => "",
    }
}

/// The names of the proposed parts, as a list.
pub(crate) fn parts(content: &Content, parts: &[Part]) -> String {
    let m = &content.messages;
    parts
        .iter()
        .map(|part| {
            m.get(match part {
                Part::PerMonth => "checkin.part_per_month",
                Part::Months => "checkin.part_months",
                Part::Below => "checkin.part_below",
                Part::Metric => "checkin.part_metric",
            })
        })
        .collect::<Vec<_>>()
        .join(m.get("checkin.list_separator"))
}

/// The progress view model as text, for the terminal and Discord alike; every sentence from
/// prompts/.
/// `with_proposed` adds which parts of the rule were proposed (`progress` says it; `checkin`,
/// printed every month, leaves it to `progress`).
/// `when` writes a time as the front shows it (the terminal's UTC, Discord's `<t:…>`).
pub fn render(content: &Content, progress: &ProgressReport, with_proposed: bool, when: fn(u64) -> String) -> String {
    let m = &content.messages;
    if progress.status == PlanVerdict::NoPlan {
        return m.get("checkin.status_no_plan").to_owned();
    }
    // To the cent, as the advice's figures are, so "8 sales at $19.99" multiplies out.
    let money = |amount: f64| display::money((amount * 100.0).round() / 100.0, progress.currency.as_deref());
    let count = |value: f64| display::number(value.round());
    let rule_metric = progress
        .metric
        .map(|metric| m.get(&format!("checkin.rule_{}", metric.id())).to_owned())
        .unwrap_or_default();
    let below = progress.stop_below.map(count).unwrap_or_default();
    let value = progress
        .value
        .map(count)
        .unwrap_or_else(|| m.get("checkin.not_logged").to_owned());
    let (month, of) = (progress.month.to_string(), progress.of.to_string());
    let (spent, planned) = (money(progress.spent), money(progress.planned));
    let mut lines = vec![m.fill(
        "checkin.heading",
        &[
            ("month", &month),
            ("of", &of),
            ("spent", &spent),
            ("total", &money(progress.total)),
        ],
    )];
    lines.push(status_line(content, progress, &rule_metric, &below, &value));
    let spend_key = if progress.spend_over_plan {
        "checkin.spend_over"
    } else {
        "checkin.spend_within"
    };
    lines.push(m.fill(
        spend_key,
        &[("spent", &spent), ("planned", &planned), ("month", &month)],
    ));
    if let (Some(returned), Some(sales), Some(sale_value)) = (progress.returned, progress.sales, progress.sale_value) {
        lines.push(m.fill(
            "checkin.returned",
            &[
                ("returned", &money(returned)),
                ("sales", &display::number(sales)),
                ("sale_value", &money(sale_value)),
                ("spent", &spent),
            ],
        ));
    }
    if let Some(back) = &progress.back_on_track {
        if let Some(rise) = back.rise_per_month {
            lines.push(m.fill(
                "checkin.back_rise",
                &[
                    ("rise", &display::short_number(rise)),
                    ("metric", &rule_metric),
                    ("below", &below),
                    ("of", &of),
                ],
            ));
        }
        if let Some(spend) = back.spend_per_month {
            lines.push(m.fill("checkin.back_spend", &[("spend", &money(spend))]));
        }
    }
    if with_proposed && !progress.proposed.is_empty() {
        lines.push(m.fill("checkin.proposed", &[("parts", &parts(content, &progress.proposed))]));
    }
    lines.extend(log_lines(content, progress, when));
    lines.join("\n")
}

/// The verdict's line: the projection against the line, or what was logged and how many
/// check-ins a pace needs.
fn status_line(content: &Content, progress: &ProgressReport, rule_metric: &str, below: &str, value: &str) -> String {
    let m = &content.messages;
    let of = progress.of.to_string();
    let status_key = format!("checkin.status_{}", progress.status.id());
    // One decimal: a pace of 4.8 is under a line of 5, and must not read as 5.
    let projected = progress.projected.map(display::short_number).unwrap_or_default();
    let logged = match progress.logged {
        0 => m.get("checkin.logged_none").to_owned(),
        1 => m.fill("checkin.logged_one", &[("value", value), ("metric", rule_metric)]),
        n => m.fill(
            "checkin.logged_many",
            &[("count", &n.to_string()), ("value", value), ("metric", rule_metric)],
        ),
    };
    let drawn_through = progress.pace.as_ref().map_or(0, |p| p.checkins).to_string();
    m.fill(
        &status_key,
        &[
            ("projected", &projected),
            ("metric", rule_metric),
            ("of", &of),
            ("below", below),
            ("value", value),
            ("logged", &logged),
            ("needed", &progress.needed.to_string()),
            ("count", &drawn_through),
        ],
    )
}

/// Every check-in logged, then whether check-ins are on and when the next is due.
fn log_lines(content: &Content, progress: &ProgressReport, when: fn(u64) -> String) -> Vec<String> {
    let m = &content.messages;
    let money = |amount: f64| display::money((amount * 100.0).round() / 100.0, progress.currency.as_deref());
    let count = |value: f64| display::number(value.round());
    let metric = metric_word(content, progress.metric);
    let mut lines = Vec::new();
    lines.push(String::new());
    lines.push(m.get("checkin.log_heading").to_owned());
    if progress.checkins.is_empty() {
        lines.push(m.get("checkin.log_empty").to_owned());
    }
    for point in &progress.checkins {
        let not_logged = m.get("checkin.not_logged").to_owned();
        lines.push(m.fill(
            "checkin.log_line",
            &[
                ("when", &when(point.at)),
                ("spend", &point.spend.map(money).unwrap_or_else(|| not_logged.clone())),
                ("value", &point.value.map(count).unwrap_or(not_logged)),
                ("metric", metric),
            ],
        ));
    }
    lines.push(String::new());
    lines.push(match (progress.on, progress.next_due) {
        (false, _) => m.get("checkin.off_now").to_owned(),
        (true, Some(next)) => m.fill("checkin.next", &[("when", &when(next))]),
        (true, None) => m.get("checkin.finished").to_owned(),
    });
    lines
}

/// What turning check-ins on for `user` says: how often and until when, the rule, and the
/// parts the advice proposed in place of ones not given. Both fronts say these lines.
/// `when` writes a time as the front shows it.
pub(crate) fn turned_on(content: &Content, record: &CheckinRecord, user: &str, when: fn(u64) -> String) -> Vec<String> {
    let m = &content.messages;
    let plan = &record.plan;
    let money = |amount: f64| display::money(amount.round(), plan.currency.as_deref());
    let months = plan.months.to_string();
    let every = match record.every {
        Every::Month => m.get("checkin.every_month"),
        Every::TwoWeeks => m.get("checkin.every_two_weeks"),
    };
    let mut lines = vec![
        m.fill(
            "checkin.on",
            &[
                ("user", user),
                ("every", every),
                ("months", &months),
                ("end", &when(plan.end())),
                ("next", &record.next_due.map(when).unwrap_or_default()),
            ],
        ),
        m.fill(
            "checkin.rule",
            &[
                ("per_month", &money(plan.per_month)),
                ("months", &months),
                ("total", &money(plan.total())),
                ("below", &display::number(plan.below)),
                ("metric", m.get(&format!("checkin.rule_{}", plan.metric.id()))),
            ],
        ),
    ];
    if !plan.proposed.is_empty() {
        lines.push(m.fill("checkin.proposed", &[("parts", &parts(content, &plan.proposed))]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advisor::checkin::{progress, Checkin, CheckinRecord, CheckinRules, Every, Plan};

    /// The chart draws the verdict's own line: from the first check-in it went through to the
    /// last month, ending at the projection the text states; one check-in draws no line.
    #[test]
    fn the_chart_draws_the_pace_the_verdict_states_and_none_before_there_is_one() {
        let content = Content::built_in();
        let rules = CheckinRules::from_content(&content);
        let start = 1_767_225_600; // 2026-01-01
        let plan = Plan {
            per_month: 1000.0,
            months: 6,
            below: 5.0,
            metric: Metric::Sales,
            sale_value: None,
            currency: None,
            proposed: Vec::new(),
            started: start,
        };
        let mut record = CheckinRecord::start(plan, Every::Month, start, &rules);
        let month = |n: u32| crate::advisor::checkin::add_months(start, n);
        record.log(
            Checkin {
                at: month(1),
                sales: Some(3.0),
                ..Checkin::default()
            },
            &rules,
        );
        let one = progress(Some(&record), month(1), &rules);
        assert_eq!(one.status, PlanVerdict::TooEarly);
        assert_eq!(progress_chart(&content, &one).pace, None);
        assert!(render(&content, &one, false, crate::view::spans::when)
            .contains("Too early to judge: one check-in logged, 3 sales a month."));

        record.log(
            Checkin {
                at: month(2),
                sales: Some(4.0),
                ..Checkin::default()
            },
            &rules,
        );
        let two = progress(Some(&record), month(2), &rules);
        // 3 then 4: a line rising 1 a month from 2, at 8 by month 6.
        assert_eq!((two.status, two.projected), (PlanVerdict::OnTrack, Some(8.0)));
        let pace = progress_chart(&content, &two).pace.expect("the pace is drawn");
        assert_eq!((pace.from, pace.to), ((1.0, 3.0), (6.0, 8.0)));
        assert_eq!(pace.label, "pace: 8");
        assert_eq!(
            progress_chart(&content, &two).end,
            "month 6",
            "the line ends at the plan's end"
        );
        assert!(render(&content, &two, false, crate::view::spans::when)
            .contains("a straight line through your 2 check-ins reaches 8 sales a month by month 6"));
    }

    #[test]
    fn counts_take_a_thousands_suffix_and_refuse_money_and_spend_reads_as_money() {
        for (text, count) in [
            ("12", 12.0),
            ("4,200", 4200.0),
            ("1.2k", 1200.0),
            ("2k followers", 2000.0),
            ("0", 0.0),
        ] {
            assert_eq!(read_count(text), Ok(count), "{text}");
        }
        for text in ["$300", "lots", "-3", ""] {
            assert!(read_count(text).is_err(), "{text}");
        }
        assert_eq!(Field::Spend.read("$1.2k"), Ok(1200.0));
        assert_eq!(Field::Spend.read("900"), Ok(900.0));
        assert!(Field::Spend.read("lots").is_err());
    }
}
