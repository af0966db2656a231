//! `outsource-advisor progress`: every check-in, the verdict from the owner's own rule, and the
//! figures behind it. The text layout here is also what `checkin` prints after logging.

use crate::store::Wait;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::{CliResult, Global, UserArg};
use crate::advisor::checkin::{self, CheckinRules, Part, Progress, Status};
use crate::advisor::display;
use crate::advisor::read::Metric;
use crate::advisor::Content;
use crate::clock;
use crate::text;

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Print JSON: status, month, of, spent, planned, metric, value, stop_below, return, checkins.
    #[arg(long)]
    pub json: bool,
    /// Also write the chart (the metric at each check-in against the failure line, the spend
    /// against plan) to this PNG file.
    #[arg(long, value_name = "FILE.png")]
    pub chart: Option<std::path::PathBuf>,
}

pub fn run(global: &Global, args: &ProgressArgs) -> CliResult {
    let content = super::content(global)?;
    let now = clock::from_env()?.now();
    let store = super::store(global)?;
    let record = store.checkins(&args.user.id()).wait().map_err(|err| err.to_string())?;
    let progress = checkin::progress(record.as_ref(), now, &CheckinRules::from_content(&content));
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&as_json(&progress)).map_err(|err| err.to_string())?
        );
    } else {
        println!("{}", render(&content, &progress, true));
    }
    if let Some(path) = &args.chart {
        if progress.status == Status::NoPlan {
            eprintln!("{}", content.messages.get("cli.progress_no_chart"));
            return Ok(ExitCode::FAILURE);
        }
        let png = crate::checkin_view::progress_chart(&content, &progress)
            .render(crate::chart::SIZE, &crate::chart::Theme::DARK)
            .map_err(|err| err.to_string())?;
        super::chart::write_whole(path, &png)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The shape `progress --json` promises, and nothing more.
pub(crate) fn as_json(progress: &Progress) -> serde_json::Value {
    json!({
        "status": progress.status.id(),
        "month": progress.month,
        "of": progress.of,
        "spent": progress.spent,
        "planned": progress.planned,
        "metric": progress.metric.map(Metric::id),
        "value": progress.value,
        "stop_below": progress.stop_below,
        "return": progress.returned,
        "checkins": progress
            .checkins
            .iter()
            .map(|point| json!({ "at": point.at, "spend": point.spend, "value": point.value }))
            .collect::<Vec<_>>(),
    })
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

/// The progress view model as terminal text; every sentence from prompts/.
/// `with_proposed` adds which parts of the rule were proposed (`progress` says it; `checkin`,
/// printed every month, leaves it to `progress`).
pub(crate) fn render(content: &Content, progress: &Progress, with_proposed: bool) -> String {
    let m = &content.messages;
    if progress.status == Status::NoPlan {
        return m.get("checkin.status_no_plan").to_owned();
    }
    let money = |amount: f64| display::money(amount.round(), progress.currency.as_deref());
    let count = |value: f64| display::number(value.round());
    let metric = metric_word(content, progress.metric);
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
    let status_key = match (progress.status, progress.projected) {
        (Status::OnTrack, None) => "checkin.status_too_early".to_owned(),
        (status, _) => format!("checkin.status_{}", status.id()),
    };
    // One decimal: a pace of 4.8 is under a line of 5, and must not read as 5.
    let projected = progress.projected.map(display::short_number).unwrap_or_default();
    lines.push(m.fill(
        &status_key,
        &[
            ("projected", &projected),
            ("metric", &rule_metric),
            ("of", &of),
            ("below", &below),
            ("value", &value),
        ],
    ));
    let spend_key = if progress.spend_over_plan {
        "checkin.spend_over"
    } else {
        "checkin.spend_within"
    };
    lines.push(m.fill(
        spend_key,
        &[("spent", &spent), ("planned", &planned), ("month", &month)],
    ));
    if let Some(returned) = progress.returned {
        lines.push(m.fill("checkin.returned", &[("returned", &money(returned)), ("spent", &spent)]));
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
                ("when", &text::when(point.at)),
                ("spend", &point.spend.map(money).unwrap_or_else(|| not_logged.clone())),
                ("value", &point.value.map(count).unwrap_or(not_logged)),
                ("metric", metric),
            ],
        ));
    }
    lines.push(String::new());
    lines.push(match (progress.on, progress.next_due) {
        (false, _) => m.get("checkin.off_now").to_owned(),
        (true, Some(next)) => m.fill("checkin.next", &[("when", &text::when(next))]),
        (true, None) => m.get("checkin.finished").to_owned(),
    });
    lines.join("\n")
}
