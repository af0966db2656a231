//! `outsource-advisor checkin`: logs this period's spend and results, then prints the verdict.
//!
//! Values are read by the project's readers, so "$1.2k" and "4,200" work. What is not given on
//! the command line is asked for when stdin is a terminal (the spend and the plan's metric); an
//! unreadable value is named with the reader's reason and nothing is logged.

use crate::store::Wait;
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::advisor::checkin::{self, Checkin, CheckinRules};
use crate::advisor::read::Unreadable;
use crate::advisor::Content;
use crate::app::checkins::Found;
use crate::app::{App, NoScheduler};
use crate::chat::text;
use crate::clock;
use crate::view::checkin::Field;

/// Values may start with a hyphen ("-3"), so that the reader, not the option parser, says why
/// they are refused.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Spent on social media since the last check-in ("$1.2k", "900").
    #[arg(long, allow_hyphen_values = true)]
    pub spend: Option<String>,
    /// Followers now.
    #[arg(long, allow_hyphen_values = true)]
    pub followers: Option<String>,
    /// Leads this month.
    #[arg(long, allow_hyphen_values = true)]
    pub leads: Option<String>,
    /// Sales from social media this month.
    #[arg(long, allow_hyphen_values = true)]
    pub sales: Option<String>,
}

fn reason(content: &Content, field: Field, problem: &Unreadable) -> String {
    content.messages.fill(
        "checkin.unreadable_option",
        &[("option", field.id()), ("reason", &field.reason(content, problem))],
    )
}

/// Asks for one value on the terminal until it reads or is skipped with Enter.
fn ask(content: &Content, field: Field) -> Result<Option<f64>, super::CliError> {
    let prompt = content.messages.get(match field {
        Field::Spend => "checkin.ask_spend",
        Field::Followers => "checkin.ask_followers",
        Field::Leads => "checkin.ask_leads",
        Field::Sales => "checkin.ask_sales",
    });
    loop {
        print!("{prompt}");
        io::stdout().flush()?;
        let mut line = String::new();
        if io::stdin().lock().read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if line.trim().is_empty() {
            return Ok(None);
        }
        match field.read(&line) {
            Ok(value) => return Ok(Some(value)),
            Err(problem) => println!("{}", reason(content, field, &problem)),
        }
    }
}

pub(crate) fn run(global: &Global, args: &CheckinArgs) -> CliResult {
    let content = super::content(global)?;
    let m = &content.messages;
    let clock = clock::from_env()?;
    let now = clock.now();
    let rules = CheckinRules::from_content(&content);
    let user = args.user.id();
    let name = args.user.user.as_str();

    // Every value given is read before anything is opened or written.
    let mut values = [None; 4];
    let fields = [Field::Spend, Field::Followers, Field::Leads, Field::Sales];
    let given = [&args.spend, &args.followers, &args.leads, &args.sales];
    for ((field, text), value) in fields.iter().zip(given).zip(values.iter_mut()) {
        if let Some(text) = text {
            match field.read(text) {
                Ok(read) => *value = Some(read),
                Err(problem) => {
                    eprintln!("{}", reason(&content, *field, &problem));
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    }

    let store = super::store(global)?;
    let Some(record) = store.checkins(&user).wait()? else {
        println!("{}", m.fill("checkin.not_set_up", &[("user", name)]));
        return Ok(ExitCode::FAILURE);
    };
    if io::stdin().is_terminal() {
        for &field in Field::wanted(record.plan.metric) {
            let slot = &mut values[field as usize];
            if slot.is_none() {
                *slot = ask(&content, field)?;
            }
        }
    }
    if values.iter().all(Option::is_none) {
        eprintln!("{}", m.get("checkin.nothing_to_log"));
        return Ok(ExitCode::FAILURE);
    }
    let [spend, followers, leads, sales] = values;
    let logged = Checkin {
        at: now,
        spend,
        followers,
        leads,
        sales,
    };
    let app = App {
        content: &content,
        store: &*store,
        clock: &*clock,
        wake: &NoScheduler,
    };
    let record = match app.log_checkin(&user, logged).wait()? {
        Found::Done(record) => Some(record),
        Found::NotSetUp => None,
    };
    println!("{}\n", m.fill("checkin.logged", &[("when", &text::when(now))]));
    let progress = checkin::progress(record.as_ref(), now, &rules);
    println!(
        "{}",
        crate::view::checkin::render(&content, &progress, false, crate::chat::text::when)
    );
    Ok(ExitCode::SUCCESS)
}
