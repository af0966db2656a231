//! `outsource-advisor progress`: every check-in, the verdict from the owner's own rule, and the
//! figures behind it, as text ([`crate::view::checkin::render`], which `checkin` and Discord's
//! DM print too), as JSON, and as a chart.

use crate::store::Wait;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::{CliResult, Global, UserArg};
use crate::advisor::checkin::{self, CheckinRules, PlanVerdict, ProgressReport};
use crate::advisor::read::Metric;
use crate::clock;

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

pub(crate) fn run(global: &Global, args: &ProgressArgs) -> CliResult {
    let content = super::content(global)?;
    let now = clock::from_env()?.now();
    let store = super::store(global)?;
    let record = store.checkins(&args.user.id()).wait()?;
    let progress = checkin::progress(record.as_ref(), now, &CheckinRules::from_content(&content));
    if args.json {
        println!("{}", serde_json::to_string_pretty(&as_json(&progress))?);
    } else {
        println!(
            "{}",
            crate::view::checkin::render(&content, &progress, true, crate::chat::text::when)
        );
    }
    if let Some(path) = &args.chart {
        if progress.status == PlanVerdict::NoPlan {
            eprintln!("{}", content.messages.get("cli.progress_no_chart"));
            return Ok(ExitCode::FAILURE);
        }
        let png = crate::view::checkin::progress_chart(&content, &progress)
            .render(crate::chart::SIZE, &crate::chart::Theme::DARK)?;
        super::chart::write_whole(path, &png)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The shape `progress --json` promises, and nothing more.
pub(crate) fn as_json(progress: &ProgressReport) -> serde_json::Value {
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
