//! `outsource-advisor checkins --on|--off`: opts in to (or out of) check-ins at the failure point.

use crate::store::Wait;
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::advisor::checkin::Every;
use crate::app::checkins::{Found, TurnedOn};
use crate::app::{App, NoScheduler};
use crate::clock;

#[derive(Debug, Args)]
#[group(id = "switch", required = true, multiple = false, args = ["on", "off"])]
pub struct CheckinsArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Turn check-ins on, from the failure point of the saved answers.
    #[arg(long)]
    pub on: bool,
    /// Turn them off (the plan and the log are kept until `forget`).
    #[arg(long)]
    pub off: bool,
    /// How often: 1m (every month, the default) or 2w (every two weeks).
    #[arg(long, value_parser = parse_every, default_value = "1m")]
    pub every: Every,
}

/// "1m", "month", "monthly" or "2w", "two weeks", "fortnightly".
fn parse_every(text: &str) -> Result<Every, String> {
    let plain: String = text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    match plain.as_str() {
        "1m" | "m" | "month" | "monthly" | "1month" => Ok(Every::Month),
        "2w" | "2weeks" | "twoweeks" | "fortnight" | "fortnightly" | "biweekly" => Ok(Every::TwoWeeks),
        _ => Err(format!("{text:?}: use 1m (every month) or 2w (every two weeks)")),
    }
}

pub(crate) fn run(global: &Global, args: &CheckinsArgs) -> CliResult {
    let content = super::content(global)?;
    let m = &content.messages;
    let store = super::store(global)?;
    let clock = clock::from_env()?;
    let app = App {
        content: &content,
        store: &*store,
        clock: &*clock,
        wake: &NoScheduler,
    };
    let user = args.user.id();
    let name = args.user.user.as_str();

    if args.off {
        return Ok(match app.checkins_off(&user).wait()? {
            Found::NotSetUp => {
                println!("{}", m.fill("checkin.not_set_up", &[("user", name)]));
                ExitCode::FAILURE
            }
            Found::Done(()) => {
                println!("{}", m.fill("checkin.off", &[("user", name)]));
                ExitCode::SUCCESS
            }
        });
    }
    match app.checkins_on(&user, args.every).wait()? {
        TurnedOn::On(record) => {
            for line in crate::view::checkin::turned_on(&content, &record, name, crate::chat::text::when) {
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        TurnedOn::NoSpend(outcome) => {
            let outcome = crate::view::outcome_title(&content, outcome);
            println!(
                "{}",
                m.fill("checkin.no_spend", &[("user", name), ("outcome", &outcome)])
            );
            Ok(ExitCode::FAILURE)
        }
        TurnedOn::NoPlan(missing) => {
            let parts = crate::view::checkin::parts(&content, &missing);
            println!("{}", m.fill("checkin.no_plan", &[("parts", &parts)]));
            Ok(ExitCode::FAILURE)
        }
        TurnedOn::NotSaved => Err("the check-ins were not saved".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reads_the_usual_ways_of_saying_it_and_refuses_the_rest() {
        for text in ["1m", "month", "Monthly"] {
            assert_eq!(parse_every(text), Ok(Every::Month), "{text}");
        }
        for text in ["2w", "2 weeks", "fortnightly", "bi-weekly"] {
            assert_eq!(parse_every(text), Ok(Every::TwoWeeks), "{text}");
        }
        for text in ["3w", "daily", ""] {
            assert!(parse_every(text).is_err(), "{text}");
        }
    }
}
