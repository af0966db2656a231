//! `outsource-advisor salvage --to FOLDER | --json`: every record still readable from a sled store
//! that may be damaged (one `open` refused), saved into a new store or printed as JSON. The
//! damaged store is only ever read through a copy, so it stays byte for byte as it was.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global};
use crate::store::{Location, Salvage, SledStore};

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("into").required(true).args(["to", "json"])))]
pub struct SalvageArgs {
    /// A new folder to write the records into, as a store of their own (it must not exist yet).
    #[arg(long, value_name = "FOLDER")]
    pub to: Option<PathBuf>,
    /// Print every user's records as JSON on stdout instead (as `export` shows them).
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(global: &Global, args: &SalvageArgs) -> CliResult {
    let from = match crate::store::locate(global.db.as_os_str()).map_err(|err| format!("--db: {err}"))? {
        Location::Sled(path) => path,
        Location::Postgres(_) => {
            return Err("salvage reads a sled folder; a PostgreSQL database has its own backups".into())
        }
    };
    let content = super::content(global)?;
    let m = &content.messages;
    let salvage = Salvage::read(&from)?;
    let (records, users) = salvage.counts();
    let (records, users) = (records.to_string(), users.to_string());
    let shown = crate::store::redact(&from.display().to_string());
    if let Some(to) = &args.to {
        if to.exists() {
            return Err(format!(
                "--to {}: it exists already; name a new folder, so nothing is written over",
                to.display()
            )
            .into());
        }
        let store = SledStore::open(to)?;
        salvage.write_to(&store)?;
        let to = to.display().to_string();
        let said = [("records", &*records), ("users", &users), ("from", &shown), ("to", &to)];
        eprintln!("{}", m.fill("cli.salvage_saved", &said));
    } else {
        let mut text = serde_json::to_string_pretty(&salvage.to_json())?;
        text.push('\n');
        std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|err| format!("cannot write to standard output: {err}"))?;
        let said = [("records", &*records), ("users", &users), ("from", &shown)];
        eprintln!("{}", m.fill("cli.salvage_read", &said));
    }
    Ok(ExitCode::SUCCESS)
}
